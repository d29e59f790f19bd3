"""Words and phrases: jieba for Chinese (loaded lazily, once), a regex for space-separated languages.

``words`` is cached per text, so checks that look at the same segment twice pay once.
``phrases`` lists the candidate source phrases of an English sentence (n-grams, title-case
phrases such as *Head of Mission Alignment*, hyphenated words such as *all-hands*).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from checker.text.lexicon.en import FUNCTION_WORDS
from checker.text.terms.match import is_cjk_lang

Word = tuple[str, int, int]

_LATIN_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’\-\u2010\u2011][A-Za-z0-9\u00C0-\u024F]+)*")
STOPWORDS = FUNCTION_WORDS
_CONNECTORS = frozenset({"of", "and", "for", "the", "&"})


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    """jieba's dictionary of part-of-speech tags (word -> flag); a lookup, no tagging model run."""
    from checker.text.lexicon.zh import word_tags

    return word_tags()


@lru_cache(maxsize=65536)
def words(text: str, lang: str | None, guess_unknown: bool = False) -> tuple[Word, ...]:
    """(word, start, end) for every word of ``text``; punctuation and spaces are not words.

    Chinese is cut by jieba's dictionary; ``guess_unknown`` also runs its HMM to join characters
    of words it does not know (names: 乔希), which is several times slower.
    """
    if is_cjk_lang(lang):
        out = []
        from checker.text.lexicon.jieba_dict import tokenizer

        for word, start, end in tokenizer().tokenize(text, HMM=guess_unknown):
            if word.strip() and any(ch.isalnum() for ch in word):
                out.append((word, start, end))
        return tuple(out)
    return tuple((m.group(0), m.start(), m.end()) for m in _LATIN_WORD.finditer(text))


@lru_cache(maxsize=65536)
def pos_tags(text: str) -> tuple[str, ...]:
    """Dictionary part-of-speech flags of the Chinese words of ``text``, aligned with ``words(text, 'zh')``.

    A word the dictionary lacks is ``eng`` if it is Latin, else ``n`` (unknown words in running
    text are mostly names and terms). Looking flags up costs nothing next to running jieba's tagger.
    """
    table = _tag_table()
    return tuple(table.get(word) or ("eng" if word.isascii() else "n") for word, _, _ in words(text, "zh"))


def normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` without whitespace, full-width forms folded (，→ ,), and each character's original offset."""
    chars, offsets = [], []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        folded = unicodedata.normalize("NFKC", ch)
        chars.append(folded if len(folded) == 1 else ch)
        offsets.append(i)
    return "".join(chars), tuple(offsets)


@dataclass(frozen=True)
class Phrase:
    """A candidate source phrase: its text, where it is, and whether it looks like a term."""

    text: str
    start: int
    end: int
    termlike: bool


@lru_cache(maxsize=16384)
def phrases(text: str, max_words: int = 5) -> tuple[Phrase, ...]:
    """Candidate phrases of an English text: n-grams of content words, title-case runs, hyphenated words."""
    tokens = list(_LATIN_WORD.finditer(text))
    words_ = [t.group(0) for t in tokens]
    stop = [w.lower() in STOPWORDS for w in words_]
    joined = [not text[tokens[k - 1].end():tokens[k].start()].isspace() for k in range(1, len(tokens))]
    out = []
    for i, first in enumerate(tokens):
        if stop[i] or words_[i].isdigit():
            continue
        for j in range(i, min(i + max_words, len(tokens))):
            if j > i and joined[j - 1]:
                break  # a comma or other punctuation ends a phrase
            if words_[j].isdigit():
                break
            if stop[j]:
                continue
            start, end = first.start(), tokens[j].end()
            out.append(Phrase(text[start:end], start, end, _termlike(words_[i:j + 1], i == 0)))
    return tuple(out)


_HYPHENATED = re.compile(r"[A-Za-z][-\u2010\u2011][A-Za-z]")


def _termlike(words_: list[str], at_start: bool) -> bool:
    """A title (Head of Mission Alignment), a hyphenated term (all-hands), an acronym or a mid-sentence name."""
    if len(words_) == 1:
        word = words_[0]
        if _HYPHENATED.search(word) or (len(word) >= 2 and word.isupper()):
            return True
        return word[:1].isupper() and not at_start
    capital = sum(1 for w in words_ if w[:1].isupper())
    return capital >= 2 and all(w[:1].isupper() or w.lower() in _CONNECTORS for w in words_)
