"""Prior lexical evidence for the aligner: a bilingual dictionary known before the documents are read.

The lexicon the aligner learns from a document pair (:mod:`checker.align.lexicon`) needs many
trusted links to learn from: a short page, or a free translation whose 1-1 links are few, teaches
it little or nothing. A dictionary (CC-CEDICT for English and Chinese, see
:mod:`checker.text.lexicon.prior`) knows ``清除`` is ``clear`` whatever the document, so its pairs
join the learned ones in the same relation, and the lexical votes are informative from the first
sentence. Any language pair without a dictionary keeps the learned lexicon alone.

The aligner knows nothing of a dictionary's format: a :class:`Prior` is asked for the words of one
side's tokens (for CC-CEDICT, the Chinese characters and bigrams) and answers with whole words of
the other language; :func:`prior_links` maps those words onto the other side's tokens (word
prefixes, see :func:`checker.align.lexicon.tokens`) by a crude common root, so ``clear`` meets
``cleared`` and ``clears``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

import numpy as np

__all__ = ["MAX_SHARE", "Prior", "prior_links", "root"]

MAX_SHARE = 0.2
"""A token found in more than this share of its side's segments (``的``, ``是``) tells no partner
from its neighbours, and its many senses would cover words everywhere: its dictionary pairs are
dropped (the learned lexicon, which weighs co-occurrence, still judges it)."""

MAX_SENSES = 8
"""A single character with more gloss words than this (``打``: beat, strike, hit, fetch, play...)
is too ambiguous to count as anyone's translation."""

_SUFFIXES = ("ing", "ies", "ied", "ed", "es", "er", "ly", "s", "e", "y")
"""Endings removed to find a root."""

_CUT_SUFFIXES = ("ie", "in", "i")
"""Starts of endings, removed from a word cut to a prefix (``clearing`` -> ``cleari``)."""


class Prior(Protocol):
    """A bilingual dictionary, as the aligner asks it.

    ``side`` is the side whose tokens are looked up (0: source, 1: target);
    ``translations(token)`` gives whole words of the other side's language (lower-case), none
    when the token is no entry.
    """

    side: int
    name: str
    """Names the dictionary in a report's signature (``cedict``)."""

    def translations(self, token: str) -> Iterable[str]: ...


def root(word: str, stem: int) -> str:
    """A crude common root of an English-like word or word prefix: cut to ``stem`` characters,
    then one ending removed (``cleared`` and ``clears`` -> ``clear``, ``cities`` -> ``cit``)."""
    w = word[:stem]
    for suffix in _SUFFIXES + (_CUT_SUFFIXES if len(word) >= stem else ()):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def prior_links(
    prior: Prior,
    vocabs: tuple[Mapping[str, int], Mapping[str, int]],
    df: tuple[np.ndarray, np.ndarray],
    segments: tuple[int, int],
    stem: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(source token ids, target token ids) of the pairs ``prior`` knows among the two vocabularies.

    ``df`` holds each token's number of segments on each side, ``segments`` the segments of each
    side: tokens in more than ``MAX_SHARE`` of them (and more than two) take no dictionary pair.
    """
    look, other = prior.side, 1 - prior.side
    by_root: dict[str, list[int]] = {}
    common_other = df[other] > max(MAX_SHARE * segments[other], 2)
    for token, column in vocabs[other].items():
        if not common_other[column]:
            by_root.setdefault(root(token, stem), []).append(column)
    common = df[look] > max(MAX_SHARE * segments[look], 2)
    pairs_look: list[int] = []
    pairs_other: list[int] = []
    for token, column in vocabs[look].items():
        if common[column]:
            continue
        words = [word for word in prior.translations(token) if " " not in word]
        if len(token) == 1 and len(words) > MAX_SENSES:
            continue
        found = {match for word in words for match in by_root.get(root(word, stem), ())}
        pairs_look += [column] * len(found)
        pairs_other += found
    a, b = np.asarray(pairs_look, dtype=np.int64), np.asarray(pairs_other, dtype=np.int64)
    return (a, b) if look == 0 else (b, a)
