"""Find a term in a text: case and plural forms for English, no reliance on spaces for Chinese.

    find_term("Chief Scientist", "our chief scientists agree", "en")   # [(4, 21)]
    find_term("任务对齐主管", "担任任务对齐主管的新角色", "zh")            # [(2, 8)]
    find_term("SARS-CoV", "SARS-CoV-2 and SARS-CoV", "en")              # [(15, 23)]: whole tokens only
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

CJK_LANGS = {"zh", "ja", "yue", "wuu", "lzh"}
_LATIN = r"0-9A-Za-z\u00C0-\u024F"
# A term stops where its token does: a hyphen joined to a letter or digit continues the token, so
# ``SARS-CoV`` is not found inside ``SARS-CoV-2``, nor ``COVID`` inside ``COVID-19``.
_BEFORE = rf"(?<![{_LATIN}])(?<![{_LATIN}][-\u2010\u2011])"
_AFTER = rf"(?![{_LATIN}])(?![-\u2010\u2011][{_LATIN}])"
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_SEPARATOR = r"(?:\s+|\s*[-\u2010\u2011\u2013]\s*)"
_TOKEN = re.compile(r"[^\s\-\u2010\u2011\u2013]+")


def is_cjk_lang(lang: str | None) -> bool:
    """Whether ``lang`` (a BCP 47 tag) writes words without spaces between them."""
    return bool(lang) and lang.replace("_", "-").split("-")[0].lower() in CJK_LANGS  # type: ignore[union-attr]


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))


def singular(word: str) -> str:
    """A crude English singular: ``policies`` -> ``policy``, ``boxes`` -> ``box``, ``models`` -> ``model``."""
    w = word.lower()
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ses", "xes", "zes", "ches", "shes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _english_word(word: str) -> str:
    """A regex for one English word in any case and in singular or plural."""
    if len(word) >= 2 and word.isupper():  # an acronym: case matters (US is not us), plural 's' allowed
        return re.escape(word) + "(?:s|'s)?"
    if not word.isalpha() or len(word) < 3:
        return "(?i:" + re.escape(word) + ")"
    base = singular(word)
    forms = {word.lower(), base, base + "s", base + "es"}
    if base.endswith("y") and base[-2:-1] not in set("aeiou"):
        forms.add(base[:-1] + "ies")
    return "(?i:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"


def _latin_edges(term: str, body: str) -> str:
    head = _BEFORE if re.match(rf"[{_LATIN}]", term) else ""
    tail = _AFTER if re.search(rf"[{_LATIN}]$", term) else ""
    return head + body + tail


@lru_cache(maxsize=4096)
def term_pattern(term: str, lang: str | None) -> re.Pattern[str] | None:
    """The compiled pattern that finds ``term`` in a text of language ``lang`` (``None`` if empty)."""
    term = " ".join(term.split())
    if not term:
        return None
    if has_cjk(term) or (is_cjk_lang(lang) and not re.search(rf"[{_LATIN}]", term)):
        parts = []
        for i, ch in enumerate(term):
            if ch == " ":
                parts.append(r"\s*")
                continue
            if i and term[i - 1] != " " and has_cjk(ch) != has_cjk(term[i - 1]):
                parts.append(r"\s*")  # 'OpenAI团队' and 'OpenAI 团队' are the same term
            parts.append("(?i:" + re.escape(ch) + ")" if ch.isalpha() and not has_cjk(ch) else re.escape(ch))
        return re.compile(_latin_edges(term, "".join(parts)))
    words = _TOKEN.findall(term)
    # in Chinese or Japanese text a Latin term is matched in any case, as it was before it had
    # token edges: the text around it is not English, so 'Covid-19' is 'COVID-19'
    flags = re.IGNORECASE if is_cjk_lang(lang) else 0
    return re.compile(_latin_edges(term, _SEPARATOR.join(_english_word(w) for w in words)), flags)


@lru_cache(maxsize=8192)
def _lower(text: str) -> str:
    return text.lower()


@lru_cache(maxsize=4096)
def _prefix(term: str) -> str:
    """A lower-cased literal every match of ``term`` starts with (a cheap filter before the regex)."""
    head = re.match(r"[^\s\-\u2010\u2011\u2013]+", term.strip())
    if not head:
        return ""
    word = head.group(0)
    cut = next((i for i in range(1, len(word)) if has_cjk(word[i]) != has_cjk(word[i - 1])), len(word))
    return word[: min(cut, 3)].lower()


def find_term(term: str, text: str, lang: str | None) -> list[tuple[int, int]]:
    """Every ``(start, end)`` span of ``text`` where ``term`` occurs, in order, not overlapping."""
    if _prefix(term) not in _lower(text):
        return []
    pattern = term_pattern(term, lang)
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def texts_containing(keys: Iterable[str], texts: Sequence[str], *, fold: bool = False) -> dict[str, list[int]]:
    """For each key (a short literal), the indices of the texts holding it (lower-cased texts when
    ``fold``), in one pass over the texts: many terms are looked for in a long document in time
    linear in its length, not in its length times the number of terms. An empty key is in every text.
    """
    wanted = set(keys)
    found: dict[str, list[int]] = {key: [] for key in wanted}
    if "" in wanted:
        found[""] = list(range(len(texts)))
        wanted.discard("")
    if not wanted:
        return found
    longest = max(map(len, wanted))
    firsts = re.compile("[" + "".join(re.escape(ch) for ch in sorted({key[0] for key in wanted})) + "]")
    for i, text in enumerate(texts):
        if fold:
            text = text.lower()
        seen = {piece for m in firsts.finditer(text) for n in range(1, longest + 1)
                if (piece := text[m.start(): m.start() + n]) in wanted}
        for key in seen:
            found[key].append(i)
    return found


def find_terms(terms: Iterable[str], texts: Sequence[str], lang: str | None) -> dict[str, list[tuple[int, int, int]]]:
    """Every ``(text index, start, end)`` of each term in ``texts``: ``find_term`` on each text,
    tried only on the texts that hold the term's first letters (``texts_containing``)."""
    terms = list(dict.fromkeys(terms))
    candidates = texts_containing({_prefix(term) for term in terms}, texts, fold=True)
    return {term: [(i, s, e) for i in candidates[_prefix(term)] for s, e in find_term(term, texts[i], lang)]
            for term in terms}
