"""Which words of an English text and of its Chinese translation have a counterpart on the other side.

Independent evidence for alignment and omission checks, which the embedding alone cannot give
(a sentence and the same sentence plus its neighbour embed alike). An English content word is
covered when the Chinese text contains a word one of whose CC-CEDICT glosses is the word's
lemma (``cleared`` -> ``clear`` -> ``清除``), or a phrase it starts (``hay fever`` -> ``花粉症``,
longest first), when it is kept verbatim (names, code: ``FastAPI``, ``asyncio``), or when it is
a number whose value the Chinese text also has (``50 million`` = ``5,000 多万``). One
occurrence of a Chinese word renders one English word (or phrase): the longest Chinese words
are matched first, then in reading order, so a sentence dropped from the translation cannot
borrow the words of the one kept (``light`` four times in English, ``光`` twice in Chinese:
two are covered). A Chinese content word (jieba's segmentation) is covered when an English
word is matched to it, or when one of its glosses is a lemma of the English text.

Every word comes back with its exact span, and the span of its counterpart, so a caller can
name the words and clauses left uncovered. Nothing is printed; the dictionary is loaded on the
first call (``checker.text.lexicon.cedict``).

>>> cover("The cache is cleared every night.", "缓存每晚清除。").english_share
1.0
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import product

from checker.text.lexicon.en import FUNCTION_WORDS

MAX_ZH_WORD = 8
"""Longest Chinese dictionary word looked for (longer CC-CEDICT entries are set phrases)."""

MAX_PHRASE = 3
"""Longest English phrase (in content words) matched as one gloss (``head of mission``)."""

STOPWORDS = FUNCTION_WORDS | frozenset("""
let lets let's get gets got thus therefore however s t unto upon thee thou thy thine ye hath doth
shalt wilt art hast dost whereby wherein thereof thereby per via etc e.g i.e
""".split())
"""English function words: they have no counterpart of their own in a Chinese translation."""

FUNCTION_TAGS = frozenset("c cc d e f m mq o p q r rr rz u uj ul uz ud ug uv w x y zg".split())
"""jieba tags of Chinese function words: conjunctions, adverbs, localisers, numerals, measure
words, prepositions, pronouns, particles, interjections (numbers are matched by value)."""

ZH_STOPWORDS = frozenset("""
是 有 没有 会 不会 能 能够 可 可以 可能 要 就是 还是 还有 应该 必须 让 进行 时 时候 所有 例如 作为 正在 是否
""".split())
"""Chinese verbs that render English function words (is, have, can, will, must, let)."""

_IRREGULAR = {
    "went": "go", "gone": "go", "said": "say", "saw": "see", "seen": "see", "came": "come",
    "took": "take", "taken": "take", "gave": "give", "given": "give", "made": "make", "found": "find",
    "told": "tell", "knew": "know", "known": "know", "brought": "bring", "thought": "think",
    "left": "leave", "kept": "keep", "held": "hold", "stood": "stand", "sent": "send", "built": "build",
    "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak", "spake": "speak",
    "ran": "run", "began": "begin", "begun": "begin", "chose": "choose", "chosen": "choose",
    "ate": "eat", "eaten": "eat", "fell": "fall", "fallen": "fall", "bore": "bear", "born": "bear",
    "children": "child", "men": "man", "women": "woman", "feet": "foot", "teeth": "tooth",
    "people": "person", "mice": "mouse", "data": "datum", "indices": "index", "lay": "lie",
    "slew": "slay", "slain": "slay", "sat": "sit", "led": "lead", "met": "meet", "paid": "pay",
    "sold": "sell", "bought": "buy", "caught": "catch", "taught": "teach", "fought": "fight",
    "drew": "draw", "drawn": "draw", "grew": "grow", "grown": "grow", "threw": "throw",
    "thrown": "throw", "hid": "hide", "hidden": "hide", "rose": "rise", "risen": "rise",
    "lost": "lose", "felt": "feel", "heard": "hear", "understood": "understand", "won": "win",
    "better": "good", "best": "good", "worse": "bad", "worst": "bad",
}
"""Irregular English forms whose lemma no suffix rule finds."""

_DERIVED = (
    ("ally", ("al", "")), ("ily", ("y",)), ("ly", ("",)),  # automatically, easily, directly
    ("ations", ("ate", "e", "")), ("ation", ("ate", "e", "")),  # validation, serialization, documentation
    ("ions", ("", "e")), ("ion", ("", "e")),  # connection, compression
    ("ers", ("", "e")), ("er", ("", "e")),  # developer, user
    ("ments", ("",)), ("ment", ("",)), ("ness", ("",)),  # development, darkness
)
"""Derivational suffixes a Chinese rendering often does not mark (直接 for directly and direct)."""

_ENGLISH = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[A-Za-z0-9]+(?:['’][A-Za-z]+)?(?:[-_.][A-Za-z0-9]+)*")
_LATIN = re.compile(r"[A-Za-z0-9]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Word:
    """One content word of a text, its exact span, and its counterpart on the other side (if any)."""

    text: str
    start: int
    end: int
    counterpart: tuple[int, int] | None = None
    """The span, in the other text, of what covers this word."""
    via: str = ""
    """``dictionary``, ``verbatim`` or ``number``; empty when the word is not covered."""

    @property
    def covered(self) -> bool:
        return self.counterpart is not None


@dataclass(frozen=True)
class Coverage:
    """The content words of both sides of a pair, each covered or not."""

    english: tuple[Word, ...]
    chinese: tuple[Word, ...]

    @property
    def english_share(self) -> float:
        """The share of English content words covered (1.0 when there are none)."""
        return _share(self.english)

    @property
    def chinese_share(self) -> float:
        """The share of Chinese content words covered (1.0 when there are none)."""
        return _share(self.chinese)

    def share(self, side: str = "english", start: int = 0, end: int | None = None) -> float:
        """The share of the content words of ``side`` inside ``text[start:end]`` that are covered.

        A sentence or clause of a longer text (1.0 when it has no content word): the words of
        a sentence dropped from the translation are covered only by chance.
        """
        return _share(tuple(word for word in getattr(self, side)
                            if word.start >= start and (end is None or word.end <= end)))

    def smoothed_share(self, side: str = "english", start: int = 0, end: int | None = None) -> float:
        """``(covered + 1) / (words + 2)`` over the span: the share, with the number of words as evidence.

        Of two spans with nothing covered, the longer is the likelier omission (two words with
        no counterpart happen in a faithful translation; eight rarely do).
        """
        words = [word for word in getattr(self, side) if word.start >= start and (end is None or word.end <= end)]
        return (sum(word.covered for word in words) + 1) / (len(words) + 2)

    def uncovered(self, side: str = "english") -> tuple[Word, ...]:
        """The words of ``side`` (``english`` or ``chinese``) with no counterpart."""
        return tuple(word for word in getattr(self, side) if not word.covered)


def coverage(english: str, chinese: str) -> float:
    """How much of the pair has a counterpart on the other side, in [0, 1].

    The lower of the two shares: an English sentence dropped from the translation leaves its
    words uncovered on the English side, a sentence added leaves them on the Chinese side.
    """
    result = cover(english, chinese)
    return min(result.english_share, result.chinese_share)


@functools.lru_cache(maxsize=4096)
def cover(english: str, chinese: str) -> Coverage:
    """Every content word of ``english`` and of ``chinese``, with its counterpart on the other side."""
    en_words = english_words(english)
    zh_words = chinese_words(chinese)
    present = _present(chinese, zh_words)
    en_out = _cover_english(english, en_words, chinese, present)
    zh_out = _cover_chinese(chinese, zh_words, present, english, en_words, en_out)
    return Coverage(tuple(en_out), tuple(zh_out))


@functools.lru_cache(maxsize=4096)
def cover_english(english: str, chinese: str) -> tuple[Word, ...]:
    """``cover(english, chinese).english`` at about half the cost: the Chinese side's own words
    are not judged (for callers that scan many pairs and need only the source's words)."""
    return tuple(_cover_english(english, english_words(english), chinese, _present(chinese, ())))


def english_words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of each English content word (function words aside) and number."""
    return [(m.group(0), m.start(), m.end()) for m in _ENGLISH.finditer(text) if not is_stopword(m.group(0))]


def is_stopword(word: str) -> bool:
    """Whether an English word is a function word, contractions included (doesn't, that's, we'll)."""
    w = word.lower().replace("’", "'")
    if w.endswith("n't"):
        return True
    head, apostrophe, _ = w.partition("'")
    return w in STOPWORDS or bool(apostrophe) and head in STOPWORDS


def chinese_words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) of each Chinese content word (jieba; function words aside) and Latin token."""
    from checker.text.lexicon.zh import tag

    out = []
    for word, start, end in _tokens(text):
        if _HAN.search(word):
            if tag(word) not in FUNCTION_TAGS and word not in ZH_STOPWORDS:
                out.append((word, start, end))
        elif _LATIN.search(word) and not is_stopword(word):
            out.append((word, start, end))
    return out


@functools.lru_cache(maxsize=65536)
def lemmas(word: str) -> tuple[str, ...]:
    """The word lower-cased and the lemmas simple suffix rules give (plurals, -ed, -ing, -eth, -est).

    Over-generation is harmless: a candidate that is no dictionary word matches nothing.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    out = [w]
    if w in _IRREGULAR:
        out.append(_IRREGULAR[w])
    n = len(w)
    if n > 3 and w.endswith("s") and not w.endswith("ss"):
        out.append(w[:-1])
        if w.endswith("ies"):
            out.append(w[:-3] + "y")
        elif w.endswith("es"):
            out.append(w[:-2])
    for suffix in ("ed", "ing", "eth", "est"):
        if n - len(suffix) >= 2 and w.endswith(suffix):
            stem = w[: -len(suffix)]
            out += [stem, stem + "e"]
            if stem.endswith("i"):
                out.append(stem[:-1] + "y")  # carried, carrieth
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                out.append(stem[:-1])  # stopped, running
    for suffix, replacements in _DERIVED:  # the word's own entry, if any, is tried first
        if n - len(suffix) >= 3 and w.endswith(suffix):
            out += [w[: -len(suffix)] + replacement for replacement in replacements]
    return tuple(dict.fromkeys(word for word in out if len(word) > 1 and word not in STOPWORDS))


# --- matching ------------------------------------------------------------------------------


def _present(text: str, words: Iterable[tuple[str, int, int]]) -> dict[str, list[tuple[int, int]]]:
    """Gloss key -> spans of the dictionary words of ``text`` glossed by it, longest first.

    A dictionary word counts where it does not cross a boundary of jieba's segmentation: inside
    one word (``天`` in ``天地``) or made of whole words, never astride two (``的天`` in ``我的天地``).
    """
    from checker.text.lexicon.cedict import glosses, is_entry

    cuts = {0, len(text)}
    inside = [0] * (len(text) + 1)  # inside[i]: the start of the jieba word holding position i
    for _, start, end in _tokens(text):
        cuts.update((start, end))
        inside[start:end] = [start] * (end - start)
    keys: dict[str, list[tuple[int, int]]] = {}
    for i in range(len(text)):
        if not _HAN.match(text[i]):
            continue
        for j in range(min(len(text), i + MAX_ZH_WORD), i, -1):
            if not (i in cuts and j in cuts) and inside[i] != inside[j - 1]:
                continue  # astride a word boundary
            word = text[i:j]
            if is_entry(word):
                for key in glosses(word):
                    keys.setdefault(key, []).append((i, j))
    for spans in keys.values():
        spans.sort(key=lambda span: span[0] - span[1])
    return keys


def _cover_english(text: str, words: list[tuple[str, int, int]], chinese: str,
                   present: dict[str, list[tuple[int, int]]]) -> list[Word]:
    found: dict[int, tuple[tuple[int, int], str]] = {}
    for k, quantity_span in _numbers(text, chinese):
        for index, (_, start, end) in enumerate(words):
            if start < k[1] and k[0] < end:
                found[index] = (quantity_span, "number")
    lower = chinese.lower()
    for index, (word, _, _) in enumerate(words):
        if index not in found and (span := _verbatim(word, lower)):
            found[index] = (span, "verbatim")
    used: set[tuple[int, int]] = set()  # each occurrence of a Chinese word renders one English word
    for size in range(MAX_PHRASE, 1, -1):  # phrases first, the longest first
        for first in range(len(words) - size + 1):
            run = range(first, first + size)
            if any(index in found for index in run):
                continue
            for option in product(*(lemmas(words[index][0]) for index in run)):
                span = next((span for span in present.get(" ".join(option), ()) if span not in used), None)
                if span:
                    found.update((index, (span, "dictionary")) for index in run)
                    used.add(span)
                    break
    candidates = []
    for index, (word, _, _) in enumerate(words):
        if index not in found:
            spans = {span for lemma in lemmas(word) for span in present.get(lemma, ())}
            candidates += [(span[0] - span[1], index, span) for span in spans]
    for _, index, span in sorted(candidates):  # the longest Chinese words first, then in reading order
        if index not in found and span not in used:
            found[index] = (span, "dictionary")
            used.add(span)
    return [Word(word, start, end, *found.get(index, (None, ""))) for index, (word, start, end) in enumerate(words)]


def _cover_chinese(text: str, words: list[tuple[str, int, int]], present: dict[str, list[tuple[int, int]]],
                   english: str, en_words: list[tuple[str, int, int]], en_out: list[Word]) -> list[Word]:
    spans: dict[tuple[int, int], tuple[tuple[int, int], str]] = {}
    for word in en_out:  # what covers an English word is covered by it
        if word.counterpart:
            spans.setdefault(word.counterpart, ((word.start, word.end), word.via))
    known = [frozenset(lemmas(word)) for word, _, _ in en_words]
    for key, key_spans in present.items():  # and a Chinese word glossed by any English lemma
        source = _english_key(key, en_words, known)
        if source is not None:
            for span in key_spans:
                spans.setdefault(span, (source, "dictionary"))
    lower = english.lower()
    out = []
    for word, start, end in words:
        hit = next((value for (a, b), value in spans.items() if a < end and start < b), None)
        if hit is None and _LATIN.search(word) and (span := _verbatim(word, lower)):
            hit = (span, "verbatim")
        out.append(Word(word, start, end, *(hit or (None, ""))))
    return out


def _english_key(key: str, en_words: list[tuple[str, int, int]],
                 known: list[frozenset[str]]) -> tuple[int, int] | None:
    """The span of the English word (or phrase) of the text that ``key`` glosses, if any
    (``known``: the lemmas of each word)."""
    parts = key.split(" ")
    if len(parts) == 1:
        return next(((start, end) for (_, start, end), lemma in zip(en_words, known) if key in lemma), None)
    for first in range(len(en_words) - len(parts) + 1):
        if all(part in known[first + k] for k, part in enumerate(parts)):
            return en_words[first][1], en_words[first + len(parts) - 1][2]
    return None


def _verbatim(word: str, other: str) -> tuple[int, int] | None:
    """The span of ``word`` kept as it is in ``other`` (lower-cased), not inside a longer Latin word.

    A plural may lose its ``s`` (APIs -> API, bugs -> bug).
    """
    found = _kept(word.lower(), other)
    if found is None and len(word) > 2 and word[-1] == "s" and word[-2] != "s":
        found = _kept(word[:-1].lower(), other)
    return found


def _kept(needle: str, other: str) -> tuple[int, int] | None:
    if not _LATIN.search(needle):
        return None
    for match in re.finditer(re.escape(needle), other):
        before = other[match.start() - 1] if match.start() else " "
        after = other[match.end()] if match.end() < len(other) else " "
        if not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum()):
            return match.span()
    return None


def _numbers(english: str, chinese: str) -> Iterator[tuple[tuple[int, int], tuple[int, int]]]:
    """(English span, Chinese span) of each English number whose value the Chinese text also has."""
    from checker.text.numerals import extract

    targets = extract(chinese)
    for quantity in extract(english):
        for target in targets:
            if set(quantity.values) & set(target.values):
                yield (quantity.start, quantity.end), (target.start, target.end)
                break


def _share(words: tuple[Word, ...]) -> float:
    return sum(word.covered for word in words) / len(words) if words else 1.0


@functools.lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """jieba's segmentation of ``text`` (without its HMM), made once for both sides' uses."""
    from checker.text.lexicon.jieba_dict import tokenizer

    return tuple(tokenizer().tokenize(text, HMM=False))
