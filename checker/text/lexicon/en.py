"""English words: pyspellchecker's dictionary, British spellings, and wordfreq as a second opinion.

The dictionary loads on first use and once per process (``functools.lru_cache``). Whether a
word no dictionary knows is a slip is for ``checker.text.lexicon.typos``.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from pathlib import Path

FUNCTION_WORDS = frozenset("""
a an the and or but nor of in on at to for from by with without as into onto over under about
above below through during before after than then that this these those there here it its it's
is are was were be been being am do does did done have has had having will would shall should
can could may might must not no so very too also just only even more most much many some any
all each every both either neither such own same other another which who whom whose what when
where why how we our ours us you your yours he him his she her hers they them their theirs i
me my mine one ones if while because since until although though yet already still ever never
""".split())
"""English function words: a term is not made of them, and they have no counterpart of their own
in a Chinese translation."""

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
def _dictionary() -> dict[str, int]:
    """pyspellchecker's English dictionary, lower-case word -> count, as ``SpellChecker`` loads it.

    Decoded once per installation (see ``checker.text.lexicon.cache``), then read back marshalled.
    """
    from checker.text.lexicon.cache import cached

    return cached("en-spelling", package_file("spellchecker", "resources", "en.json.gz"), _read_dictionary)


def package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, found without importing the package."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(package)
    return Path(spec.origin).parent.joinpath(*parts)


def _read_dictionary() -> dict[str, int]:
    """Decode the dictionary from the package's data file.

    The ``SpellChecker`` object (whose set-up indexes letters and lengths this module never
    uses) is not built.
    """
    import gzip
    import json
    from collections import Counter

    text = gzip.decompress(package_file("spellchecker", "resources", "en.json.gz").read_bytes()).decode("utf-8")
    counts: dict[str, int] = json.loads(text)
    if "\\u" not in text and text == text.lower():
        return counts  # every key already lower-case, no escape hiding a capital: nothing to fold
    lowered = {key.lower(): value for key, value in counts.items()}
    if len(lowered) != len(counts):  # words differing only in case: their counts summed
        lowered = Counter()
        for key, value in counts.items():
            lowered[key.lower()] += value
    return dict(lowered)


ARCHAIC_MARKERS = frozenset("thee thou thy thine hath doth ye".split())
"""Words that mark older English (the King James Bible), where findeth and lovest are words."""


@functools.lru_cache(maxsize=65536)
def is_word(word: str, archaic: bool = False) -> bool:
    """Whether ``word`` (any case) is an English word, in American or British spelling.

    With ``archaic``, older inflections of known words count too (findeth, lovest, didst).
    """
    lower = word.lower()
    speller = _dictionary()
    if lower in speller:
        return True
    spellings = {lower}
    for pattern, replacement in _BRITISH:  # cumulatively: manoeuvre -> maneuvre -> maneuver
        spellings |= {pattern.sub(replacement, spelling, count=1) for spelling in spellings}
    if any(spelling in speller for spelling in spellings - {lower}):
        return True
    return (archaic and _is_archaic(lower, speller)) or _common(lower)  # the cheap test first


_ARCHAIC = re.compile(r"(?:eth|est|edst|(?<=d)st|(?:(?<=ck)|(?<=ch)|(?<=sh)|(?<=[px]))t)$")


def _is_archaic(lower: str, speller: Mapping[str, int]) -> bool:
    """An older inflection of a known word: findeth, lovest, crieth, sawest, pluckt."""
    match = _ARCHAIC.search(lower)
    if not match or match.start() < 3:
        return False
    stem = lower[: match.start()]
    options = {stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem}
    if len(stem) > 3 and stem[-1] == stem[-2]:
        options.add(stem[:-1])  # compasseth -> compass, but sheddeth -> shed
    return any(option in speller for option in options)


def dictionary() -> Mapping[str, int]:
    """The spelling dictionary, lower-case word -> count (every word in it is an English word)."""
    return _dictionary()


def is_compound_part(part: str) -> bool:
    """Whether ``part`` may stand in a hyphenated compound (a word, a prefix, a single letter)."""
    return len(part) < 2 or part.lower() in PREFIXES or is_word(part)


def _common(lower: str) -> bool:
    """Whether wordfreq puts ``lower`` at ``COMMON_ZIPF`` or above."""
    if _PLAIN.fullmatch(lower):
        return lower in _common_words()
    return zipf(lower) >= COMMON_ZIPF


_PLAIN = re.compile(r"[a-z]+")
"""A word wordfreq reads as one token, exactly as written: its frequency is its list entry."""


def _common_words() -> frozenset[str]:
    return _frequent_words(COMMON_ZIPF)


EVERYDAY_ZIPF = 5.5
"""Words at least this frequent (made, part, company, based: several per thousand words) are
everyday words, not terms."""


def everyday(word: str) -> bool:
    """Whether ``word`` (any case) is among the most frequent English words (``EVERYDAY_ZIPF``)."""
    return word.lower() in _frequent_words(EVERYDAY_ZIPF)


@functools.lru_cache(maxsize=4)
def _frequent_words(threshold: float) -> frozenset[str]:
    """wordfreq's English words at ``threshold`` (Zipf) or above, read from its own data file.

    The same answer as ``wordfreq.zipf_frequency(word, "en") >= threshold`` for plain
    lower-case words, at a fraction of the cost: wordfreq's import (langcodes and its tables)
    and its full dictionary of 320,000 words are skipped; only the frequent head of the
    frequency-sorted file is decoded, once per installation (see ``checker.text.lexicon.cache``).
    """
    from checker.text.lexicon.cache import cached

    source = package_file("wordfreq", "data", "large_en.msgpack.gz")
    return frozenset(cached(f"en-common-{threshold}", source, lambda: _read_common_words(source, threshold)))


def _read_common_words(source: Path, threshold: float = COMMON_ZIPF) -> list[str]:
    """Decode the words at ``threshold`` (Zipf) or above from wordfreq's msgpack file."""
    import gzip

    import msgpack

    words: list[str] = []
    with gzip.open(source, "rb") as stream:
        unpacker = msgpack.Unpacker(stream, raw=False)
        size = unpacker.read_array_header()
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"unexpected wordfreq header: {header!r}")
        for index in range(size - 1):  # bucket k holds the words at -k centibels, most frequent first
            if _bucket_zipf(index) < threshold:
                break
            words.extend(unpacker.unpack())
    return words


def _bucket_zipf(index: int) -> float:
    """The Zipf frequency wordfreq gives a one-token word of bucket ``index``, its rounding included."""
    freq = 1.0 / (1.0 / 10 ** (-index / 100))
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """wordfreq's frequency of ``word`` in English on the Zipf scale (0.0 when it never saw it)."""
    import wordfreq

    return wordfreq.zipf_frequency(word, "en")
