"""Chinese word frequencies: costs of words and of the best segmentation of a short text.

A word's cost is ``-log10`` of its frequency in wordfreq's Chinese list (a word met once in a
thousand words costs 3). ``segmentation_cost`` finds the cheapest way to cut a text into known
words (a unigram Viterbi, as jieba does), so that two spellings of one phrase can be compared.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

MAX_WORD = 4
"""Longest word tried when segmenting (longer Chinese words are rare and add nothing here)."""


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    import wordfreq

    return wordfreq.get_frequency_dict("zh")


@functools.lru_cache(maxsize=1)
def _unknown_cost() -> float:
    """The cost of a character wordfreq never saw: ten times rarer than its rarest word."""
    return -math.log10(min(_frequencies().values())) + 1.0


@functools.lru_cache(maxsize=1)
def _jieba_tags() -> dict[str, str]:
    """Part-of-speech tags of jieba's dictionary entries of up to three characters (the first
    entry of a word wins), read from its ``dict.txt`` once per installation (then marshalled)."""
    from checker.text.lexicon.cache import cached

    return cached("jieba-tags3", _jieba_dict(), lambda: _read_tags(first=True, longest=3))


@functools.lru_cache(maxsize=1)
def word_tags() -> dict[str, str]:
    """jieba's part-of-speech table (word -> flag) as ``jieba.posseg`` reads it (the last entry of a
    word wins), without importing ``jieba.posseg``: that parses ``dict.txt`` on every run (a second),
    this once per installation."""
    from checker.text.lexicon.cache import cached

    return cached("jieba-tags", _jieba_dict(), lambda: _read_tags(first=False, longest=None))


def _jieba_dict() -> Path:
    from checker.text.lexicon.jieba_dict import dict_path

    return dict_path()


def _read_tags(*, first: bool, longest: int | None) -> dict[str, str]:
    """Tags of ``dict.txt`` (``word freq tag`` per line), of words up to ``longest`` characters."""
    lines = _jieba_dict().read_text(encoding="utf-8").splitlines()
    tags: dict[str, str] = {}
    for line in lines:
        fields = line.strip().split(" ")
        if not fields[0] or (longest is not None and len(fields[0]) > longest):
            continue
        if first:
            tags.setdefault(fields[0], fields[-1] if len(fields) > 2 else "")
        else:
            tags[fields[0]] = fields[-1] if len(fields) > 2 else ""
    return tags


def frequency(word: str) -> float:
    """How often ``word`` occurs as a word in Chinese text (0.0 when it is not a known word)."""
    return _frequencies().get(word, 0.0)


def zipf(word: str) -> float:
    """The word's frequency on the Zipf scale (log10 per billion words; 0.0 when unknown)."""
    freq = frequency(word)
    return math.log10(freq) + 9.0 if freq else 0.0


def cost(word: str) -> float:
    """``-log10`` of the word's frequency; a character nobody uses as a word costs the most."""
    freq = frequency(word)
    if freq:
        return -math.log10(freq)
    return _unknown_cost() * max(len(word), 1)


def is_phrase(text: str) -> bool:
    """Whether ``text`` is a known word or set phrase (in wordfreq's list or jieba's dictionary)."""
    return frequency(text) > 0.0 or text in _jieba_tags()


def tag(word: str) -> str:
    """jieba's part-of-speech tag of ``word`` (``v`` verb, ``n`` noun, ``d`` adverb...), or ``""``."""
    return _jieba_tags().get(word, "")


def segmentation_cost(text: str) -> float:
    """The cost of the cheapest segmentation of ``text`` into known words and single characters."""
    best = [0.0] + [math.inf] * len(text)
    for end in range(1, len(text) + 1):
        for size in range(1, min(MAX_WORD, end) + 1):
            word = text[end - size : end]
            if size > 1 and not frequency(word):
                continue
            total = best[end - size] + cost(word)
            if total < best[end]:
                best[end] = total
    return best[-1]
