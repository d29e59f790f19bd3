"""Evidence that a word no dictionary knows is a slip, and of the word meant.

An unknown word in technical text is most often a term, a name or code (backend, lectin,
kwargs): no word list is ever complete enough to call it misspelled. So a word is a typo only
when the word meant shows: it is on codespell's list of common misspellings, or one edit away
from a far more frequent word, or from a word its own document uses. Words made of a known
word and a prefix or suffix (dedent, reloader) are words.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

from checker.text.lexicon.en import PREFIXES, dictionary, is_word, package_file, zipf


@functools.lru_cache(maxsize=1)
def _misspellings() -> dict[str, str]:
    """codespell's list of common misspellings, lower-case misspelling -> its first correction.

    codespell's main list is kept for technical text (source code and its documentation): a
    misspelling is listed only when it is no word of its own, so it is evidence by itself.
    """
    from checker.text.lexicon.cache import cached

    source = package_file("codespell_lib", "data", "dictionary.txt")
    return cached("en-misspellings", source, lambda: _read_misspellings(source))


def _read_misspellings(source: Path) -> dict[str, str]:
    """``wrong->right`` or ``wrong->right, other,`` per line; the first correction is kept."""
    result: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        wrong, arrow, fixes = line.partition("->")
        fix = fixes.split(",")[0].strip()
        if arrow and fix and wrong.isalpha():
            result[wrong.lower()] = fix
    return result


MIN_GUESS = 5
"""Letters a word needs before a frequent neighbour is taken for the word meant: shorter words
(str, rst, todo, ohne) have a frequent neighbour by chance."""

LONG_WORD = 7
"""Letters from which any one slip counts; shorter words only swap or double letters."""

TYPO_ODDS = 3.0
"""How much more frequent (Zipf: log10) the word one edit away must be than the word written,
to be taken for the word meant (a slip of one key in a thousand words): defintion 1.5 ->
definition 4.6, cuting 1.2 -> cutting 4.6; backend 2.9 -> backed 4.3 and lexer 1.3 -> lever
3.6 are words of their own."""

ZIPF_FLOOR = 1.0
"""The frequency a word wordfreq has never seen is given: about the rarest it lists."""

KNOWN_ZIPF = 1.0
"""A word of the document is taken for a word (and the word meant) when wordfreq lists it."""


def correction(word: str, document: Mapping[str, int] | None = None, archaic: bool = False) -> str | None:
    """The word meant by ``word`` (a word no dictionary knows), in its case, or ``None``.

    ``None`` unless there is evidence of a slip: ``word`` is a common misspelling
    (``misspelling``), or one slip (see ``_near``: a letter dropped, added, changed, or two
    swapped; the first letter kept) away from a word ``TYPO_ODDS`` more frequent in English,
    or, when wordfreq has never seen ``word``, from a word of the same ``document`` (lower-case
    word -> count) that it uses as often or more and that wordfreq knows (synctial for
    syncytial). Without such evidence an unknown word is a term, a name or code (backend,
    lectin, kwargs), not a typo. Derived words (a known word of four letters or more with a
    prefix or suffix: dedent, reloader, nonexisting) are words. In ``archaic`` text, which
    spells words its own way (drave, alway), a frequent word one slip away is no evidence.
    """
    fix = misspelling(word)
    if fix is not None:
        return fix
    lower = word.lower()
    if len(lower) < MIN_GUESS or not lower.isalpha() or is_derived(lower):
        return None
    guess = None if archaic else _frequent_neighbour(lower)
    return _in_case(guess or _document_neighbour(lower, document or {}), word)


def misspelling(word: str) -> str | None:
    """The correction codespell's list gives for ``word``, in its case, or ``None``."""
    return _in_case(_misspellings().get(word.lower()), word)


def _in_case(fix: str | None, word: str) -> str | None:
    return fix[:1].upper() + fix[1:] if fix and word[:1].isupper() else fix


def _frequent_neighbour(lower: str) -> str | None:
    """The most frequent dictionary word one edit away, if ``TYPO_ODDS`` more frequent."""
    speller = dictionary()
    near = sorted(w for w in _near(lower) if w in speller)
    if not near:
        return None
    best = max(near, key=zipf)
    if zipf(best) - max(zipf(lower), ZIPF_FLOOR) < TYPO_ODDS or _other_prefix(lower, best):
        return None
    return best


def _document_neighbour(lower: str, document: Mapping[str, int]) -> str | None:
    """A word of the document one edit away, used as often there or more, that wordfreq knows."""
    if not document or zipf(lower) > 0:
        return None
    count = document.get(lower, 0)
    near = sorted(w for w in _near(lower) if document.get(w, 0) >= count and zipf(w) >= KNOWN_ZIPF
                  and not _inflected(w, lower) and not _other_prefix(lower, w))
    return max(near, key=lambda w: (document[w], zipf(w))) if near else None


def _near(lower: str) -> set[str]:
    """The strings one slip from ``lower`` that keep its first letter.

    Writers seldom miss the first letter of a word, while code names often add one to a word
    (pthread, uname, lchown, vtable). Words shorter than ``LONG_WORD`` are near many others by
    chance, and code abbreviates (alloc, callee, semver, stdio): there only the commonest slips
    count, two letters swapped or a doubled letter (cuting, compnay).
    """
    edits = _edits(lower) if len(lower) >= LONG_WORD else _twin_slips(lower)
    return {w for w in edits if w[:1] == lower[:1]}


def _twin_slips(word: str) -> set[str]:
    """Two neighbouring letters swapped, a doubled letter made single, or a letter doubled."""
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    singles = {word[:i] + word[i + 1:] for i in range(1, len(word)) if word[i] == word[i - 1]}
    doubles = {word[:i] + word[i - 1] + word[i:] for i in range(1, len(word) + 1)}
    return (swaps | singles | doubles) - {word}


def _other_prefix(a: str, b: str) -> bool:
    """Whether the two differ only in a prefix each has (macroscopy, microscopy: two words)."""
    return any(a.startswith(p) and b.startswith(q) and a[len(p):] == b[len(q):]
               for p in DERIVING_PREFIXES for q in DERIVING_PREFIXES if p != q)


def _inflected(a: str, b: str) -> bool:
    """Whether one of the two is the other with a plural or verb ending (docname, docnames)."""
    short, long = sorted((a, b), key=len)
    return long in (short + "s", short + "d", short + "es", short + "ed")


DERIVING_PREFIXES = PREFIXES | frozenset("a bi co de dis en im in mis re tri up".split())
"""Prefixes that make words of words (avascular, dedent, misformatted, coreceptor)."""

SUFFIXES = tuple(sorted(
    "s es ed d ing er ers or ors ly able ability ible ity ities ness ment ments al ally ism ist ists "
    "ize ized izes izing ization ise ised ises ising isation ation ations less ful ship".split(),
    key=len, reverse=True))
"""Endings that make words of words (reloader, encodings, suicidality, parallelizable)."""

MIN_STEM = 4
"""Letters of the word a derived word is made from: cut+ing is no evidence for cuting."""


@functools.lru_cache(maxsize=8192)
def is_derived(lower: str) -> bool:
    """Whether ``lower`` is a known word of ``MIN_STEM`` letters or more with a prefix or suffix."""
    for prefix in DERIVING_PREFIXES:
        rest = lower[len(prefix):].lstrip("-")
        if lower.startswith(prefix) and len(rest) >= MIN_STEM and is_word(rest):
            return True
    for suffix in SUFFIXES:
        stem = lower[: -len(suffix)]
        if lower.endswith(suffix) and len(stem) >= MIN_STEM:
            stems = {stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else stem}
            if stem[-1] == stem[-2]:
                stems.add(stem[:-1])  # modelling, travelled
            if any(is_word(s) for s in stems):
                return True
    return False


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edits(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in LETTERS]
    inserts = [a + c + b for a, b in splits for c in LETTERS]
    return set(deletes + transposes + replaces + inserts)
