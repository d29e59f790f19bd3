"""``missing-unit``: a keyed unit of the source has no translation, or the translation has a unit
the source lacks.

Keyed units are gettext entries, XLIFF and TMX units, JSON keys and subtitle cues: their
pairing is given by the file (or by key or time), so a unit without a partner is certain, not
an aligner's guess. The finding names the key, which the reviewer can search for.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Segment, Severity

_WHAT = {"po": "entry", "pot": "entry", "xliff": "unit", "tmx": "unit", "json": "key", "srt": "cue"}


def _name(doc: Document, seg: Segment) -> str:
    what = _WHAT.get(doc.format, "unit")
    key = seg.key or ""
    shown = key if len(key) <= 60 else key[:59] + "…"
    return f"{what} '{shown}'"


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class MissingUnit(Check):
    """A unit of the source (a key, an entry, a cue) has no translation, or one is extra.

    What it does:
        For files whose units are keyed (gettext, XLIFF, TMX, JSON locale files, subtitles),
        reports every source unit that the translation leaves untranslated or lacks (major),
        and every translation unit whose key the source does not have (minor: a stale key).

    Why is this bad?
        A missing key shows the user the source text or the raw key; an untranslated entry is
        shown in the source language; a stale key is dead weight that hides real gaps.

    Example:
        ``en.json`` has ``"menu.quit": "Quit"``; ``zh-CN.json`` has no ``menu.quit``
        -> key 'menu.quit' is missing from zh-CN.json.
    """

    id = "missing-unit"
    name = "Missing unit"
    category = Category.ACCURACY
    severity = Severity.MAJOR
    per_unit = True

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        source = corpus.source
        if not source.keyed:
            return  # prose: a segment without a partner is the aligner's call (omission)
        for doc in corpus.translations:
            for link in corpus.alignment(doc).links:
                if link.source and not link.target:
                    segs = [source.segments[i] for i in link.source]
                    if all(s.key is not None for s in segs):
                        first = segs[0]
                        yield self.finding(
                            f"The {_name(source, first)} (\"{_clip(first.text)}\") has no translation "
                            f"in {doc.path}.",
                            [source.locate_span(link.source)],
                            key=first.key, translation=doc.id,
                        )
                elif link.target and not link.source and doc.keyed:
                    segs = [doc.segments[j] for j in link.target]
                    if all(s.key is not None for s in segs):
                        first = segs[0]
                        yield self.finding(
                            f"{doc.path} has the {_name(doc, first)} (\"{_clip(first.text)}\"), "
                            f"which the source does not have.",
                            [doc.locate_span(link.target)],
                            severity=Severity.MINOR, key=first.key,
                        )
