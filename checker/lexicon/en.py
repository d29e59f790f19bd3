"""English words: pyspellchecker's dictionary, British spellings, and wordfreq as a second opinion.

The dictionary loads on first use and once per process (``functools.lru_cache``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

COMMON_ZIPF = 3.3
"""A word wordfreq has seen at least twice per million words is a word, even when the spelling
dictionary lacks it (org, hath). Common typos (teh 3.0, untill 3.0) stay below."""

PREFIXES = frozenset(
    "anti co counter cross de ex inter intra macro mega meta micro mid multi non over "
    "post pre pro re self semi sub super ultra un under".split()
)
"""Prefixes that stand alone as the first part of a hyphenated compound (non-technical)."""

_BRITISH = (
    (re.compile(r"our(s|ed|ing|ite|ites|able|er|ers)?$"), r"or\1"),  # colour, favourite
    (re.compile(r"is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),  # recognise, organisation
    (re.compile(r"ys(e|es|ed|ing)$"), r"yz\1"),  # analyse
    (re.compile(r"(?<=[bcdfghklmnpstvz])re(s|d)?$"), r"er\1"),  # centre, fibre, sepulchre
    (re.compile(r"ogue(s)?$"), r"og\1"),  # catalogue
    (re.compile(r"ll(ed|ing|er|ers)$"), r"l\1"),  # travelled, modelling
    (re.compile(r"ence(s)?$"), r"ense\1"),  # defence, licence
    (re.compile(r"mme(s)?$"), r"m\1"),  # programme
    (re.compile(r"dgement(s)?$"), r"dgment\1"),  # judgement
    (re.compile(r"ae|oe"), "e"),  # paediatric, manoeuvre
)


@functools.lru_cache(maxsize=1)
def _speller():  # -> spellchecker.SpellChecker
    from spellchecker import SpellChecker

    return SpellChecker(language="en")


ARCHAIC_MARKERS = frozenset("thee thou thy thine hath doth ye".split())
"""Words that mark older English (the King James Bible), where findeth and lovest are words."""


@functools.lru_cache(maxsize=65536)
def is_word(word: str, archaic: bool = False) -> bool:
    """Whether ``word`` (any case) is an English word, in American or British spelling.

    With ``archaic``, older inflections of known words count too (findeth, lovest, didst).
    """
    lower = word.lower()
    speller = _speller()
    if lower in speller:
        return True
    spellings = {lower}
    for pattern, replacement in _BRITISH:  # cumulatively: manoeuvre -> maneuvre -> maneuver
        spellings |= {pattern.sub(replacement, spelling, count=1) for spelling in spellings}
    if any(spelling in speller for spelling in spellings - {lower}):
        return True
    return _zipf(lower) >= COMMON_ZIPF or (archaic and _is_archaic(lower, speller))


_ARCHAIC = re.compile(r"(?:eth|est|edst|(?<=d)st|(?:(?<=ck)|(?<=ch)|(?<=sh)|(?<=[px]))t)$")


def _is_archaic(lower: str, speller: Any) -> bool:
    """An older inflection of a known word: findeth, lovest, crieth, sawest, pluckt."""
    match = _ARCHAIC.search(lower)
    if not match or match.start() < 3:
        return False
    stem = lower[: match.start()]
    options = {stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem}
    if len(stem) > 3 and stem[-1] == stem[-2]:
        options.add(stem[:-1])  # compasseth -> compass, but sheddeth -> shed
    return any(option in speller for option in options)


def is_compound_part(part: str) -> bool:
    """Whether ``part`` may stand in a hyphenated compound (a word, a prefix, a single letter)."""
    return len(part) < 2 or part.lower() in PREFIXES or is_word(part)


LETTERS = "abcdefghijklmnopqrstuvwxyz"


@functools.lru_cache(maxsize=4096)
def suggestion(word: str) -> str | None:
    """The likeliest correction of a misspelled ``word``, in its case, or ``None``.

    pyspellchecker's ranking (the nearest dictionary words, the most frequent first; a
    transposition is one edit), computed faster: words one edit away are enumerated, and only
    when there are none does rapidfuzz scan the dictionary for words two edits away.
    """
    lower = word.lower()
    frequencies = _speller().word_frequency.dictionary
    near = [w for w in _edits(lower) if w in frequencies]
    if not near:
        near = _two_edits(lower)
    if not near:
        return None
    best = max(sorted(set(near)), key=lambda w: frequencies[w])
    return best.capitalize() if word[:1].isupper() else best


def _edits(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + transposes + replaces + inserts)


COMMON_COUNT = 100
"""Corrections two edits away are sought among the dictionary's 47,000 words counted at least
this often (of 160,000): a correction nobody uses is no help, and the scan is three times faster."""


def _two_edits(word: str) -> list[str]:
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    pool = [w for size in range(len(word) - 2, len(word) + 3) for w in _common_by_length().get(size, ())]
    return [m[0] for m in process.extract(word, pool, scorer=OSA.distance, score_cutoff=2, limit=None)]


@functools.lru_cache(maxsize=1)
def _common_by_length() -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    for known, count in _speller().word_frequency.dictionary.items():
        if count >= COMMON_COUNT:
            groups.setdefault(len(known), []).append(known)
    return groups


def _zipf(word: str) -> float:
    import wordfreq

    return wordfreq.zipf_frequency(word, "en")
