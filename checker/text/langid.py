"""Which language a text is in, offline and fast: ``detect("你好，世界。") == "zh"``.

The script decides first. Chinese, Japanese and Korean are told apart by their characters
(kana mean Japanese, hangul Korean, Chinese characters alone Chinese), and Greek, Hebrew,
Thai, Armenian and Georgian each have a script of their own. Texts in Latin, Cyrillic,
Arabic or Devanagari script go to lingua (``lingua-language-detector``) in its low-accuracy
mode, restricted to the common languages of that script: it loads in a fraction of a second
and a few tens of MB, where the high-accuracy mode takes seconds and half a GB. Short Latin
texts, where n-grams are weak, also count function words ("the", "und", "qué").

Codes are ISO 639-1 (``en``, ``zh``, ``ja``...); ``und`` when a text has no letters.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

from checker.text.patterns import URL_TOKEN

SAMPLE = 10_000  # characters looked at; more changes nothing but the time taken

_SCRIPTS = {
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff",
    "kana": "\u3041-\u309f\u30a1-\u30fa",
    "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "cyrillic": "\u0400-\u04ff",
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "arabic": "\u0600-\u06ff\u0750-\u077f",
    "hebrew": "\u0590-\u05ff",
    "devanagari": "\u0900-\u097f",
    "thai": "\u0e00-\u0e7f",
    "armenian": "\u0530-\u058f",
    "georgian": "\u10a0-\u10ff",
}
_SCRIPT_RE = re.compile("|".join(f"(?P<{name}>[{chars}]+)" for name, chars in _SCRIPTS.items()))
_ONE_LANGUAGE = {"greek": "el", "hebrew": "he", "thai": "th", "armenian": "hy", "georgian": "ka"}
# Languages lingua chooses among, per script (names of lingua's Language enum).
_CANDIDATES = {
    "latin": "ENGLISH GERMAN FRENCH SPANISH ITALIAN PORTUGUESE DUTCH POLISH SWEDISH DANISH BOKMAL "
    "FINNISH CZECH TURKISH ROMANIAN HUNGARIAN INDONESIAN VIETNAMESE",
    "cyrillic": "RUSSIAN UKRAINIAN BULGARIAN SERBIAN",
    "arabic": "ARABIC PERSIAN URDU",
    "devanagari": "HINDI MARATHI",
}
_FALLBACK = {"latin": "en", "cyrillic": "ru", "arabic": "ar", "devanagari": "hi"}
# Frequent short words that say much about a short Latin-script text.
_FUNCTION_WORDS = {
    "en": "the and is are was you of to with have this that what all hi hello thank thanks it "
    "not for my your we be will how please",
    "de": "der die das und ist nicht ich du wir ein eine mit auf für zu es wie danke guten hallo "
    "bitte auch sich von",
    "fr": "le la les et est je tu vous nous une des du pas pour avec dans que qui bonjour merci "
    "c'est ce sont très",
    "es": "el los las y es está que una por para con gracias hola qué cómo muy pero del yo "
    "buenos todos",
    "it": "il lo gli e è che non per con una sono ciao grazie come della questo molto anche",
    "pt": "o os e é não que uma com para por obrigado olá você está muito do da em são todos",
    "nl": "de het een en is niet ik je jij wij van dat met voor op dank hallo goed wel zijn "
    "ook allemaal",
}
_WORD_SETS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SHORT = 12  # words: below this, function words count as much as n-grams


def detect(text: str) -> str:
    """The ISO 639-1 code of the main language of ``text``, or ``und`` if it has no letters."""
    sample = URL_TOKEN.sub(" ", text[:SAMPLE])  # URLs and e-mail addresses say nothing
    counts: Counter[str] = Counter()
    for m in _SCRIPT_RE.finditer(sample):
        counts[m.lastgroup or ""] += m.end() - m.start()
    if not counts:
        return "und"
    cjk = counts["han"] + counts["kana"] + counts["hangul"]
    other = sum(counts.values()) - cjk
    # A Chinese character carries about a word; a Latin word takes four or five letters.
    if cjk and cjk * 4 >= other:
        if counts["hangul"] >= counts["han"] + counts["kana"]:
            return "ko"
        if counts["kana"] >= 0.05 * (counts["han"] + counts["kana"]):
            return "ja"
        return "zh"
    script = max((s for s in counts if s not in ("han", "kana", "hangul")), key=lambda s: counts[s])
    if script in _ONE_LANGUAGE:
        return _ONE_LANGUAGE[script]
    return _by_ngrams(sample, script)


def _by_ngrams(sample: str, script: str) -> str:
    detector = _detector(script)
    scores: dict[str, float] = {
        value.language.iso_code_639_1.name.lower(): value.value
        for value in detector.compute_language_confidence_values(sample)
    }
    if script == "latin":
        words = _WORD.findall(sample.lower().replace("’", "'"))
        if len(words) < _SHORT:
            for lang, found in _WORD_SETS.items():
                hits = sum(word in found for word in words)
                scores[lang] = scores.get(lang, 0.0) + 0.5 * hits
    if not scores or max(scores.values()) <= 0:
        return _FALLBACK[script]
    return max(scores, key=lambda lang: scores[lang])


@cache
def _detector(script: str) -> Any:
    from lingua import Language, LanguageDetectorBuilder  # lazily: loads compiled models

    languages = [getattr(Language, name) for name in _CANDIDATES[script].split()]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
