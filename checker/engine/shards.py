"""A bilingual file's units cut into shards of consecutive units, and put back together.

A shard holds whole units: its source and target documents keep the file's segments (texts,
lines, keys) numbered from 0, and its alignment the file's own links in that numbering. A shard
ends only where the next unit has another key (the plural forms of a gettext entry stay
together). ``shift_links`` and ``shift_finding`` put a shard's results back in the file's
numbering, by the offsets of its first source and target segments.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from checker.model import Alignment, Document, Finding, Link, Location, Segment

SHARD_UNITS = 2000
"""Units per shard: about eight seconds of embedding on one core, and a few MB to send."""


@dataclass(frozen=True)
class Shard:
    """Consecutive units of a bilingual file, numbered from 0; ``offsets`` are the file numbers
    of its first source and first target segment."""

    source: Document
    target: Document
    alignment: Alignment
    offsets: tuple[int, int]


def _base(segment: Segment) -> str | None:
    """The key of the entry a unit belongs to (``msgid[1]`` -> ``msgid``)."""
    return segment.key.rsplit("[", 1)[0] if segment.key else None


def bounds(source: Document, alignment: Alignment, size: int = SHARD_UNITS) -> list[tuple[int, int]]:
    """The (start, end) of each shard of about ``size`` of ``alignment``'s links (one per unit,
    source side never empty): what ``split`` cuts, without cutting it."""
    links = alignment.links
    out = []
    start = 0
    while start < len(links):
        end = min(start + size, len(links))
        while end < len(links) and _base(source.segments[links[end].source[0]]) == \
                _base(source.segments[links[end - 1].source[0]]):
            end += 1
        out.append((start, end))
        start = end
    return out


def split(source: Document, target: Document, alignment: Alignment, size: int = SHARD_UNITS) -> Iterator[Shard]:
    """``alignment``'s links in shards of about ``size`` (see ``bounds``), each cut when asked for:
    a memory of a million units is never held twice over."""
    for start, end in bounds(source, alignment, size):
        yield cut(source, target, alignment.links[start:end])


def cut(source: Document, target: Document, links: tuple[Link, ...]) -> Shard:
    """The shard of ``links`` (consecutive, in file order)."""
    src = [i for link in links for i in link.source]
    tgt = [j for link in links for j in link.target]
    s0 = src[0]
    t0 = tgt[0] if tgt else 0  # no translated unit: no target segment to number
    local = tuple(Link(tuple(i - s0 for i in link.source), tuple(j - t0 for j in link.target),
                       link.similarity, link.scores) for link in links)
    return Shard(_slice(source, s0, s0 + len(src)), _slice(target, t0, t0 + len(tgt)),
                 Alignment(source.id, target.id, local), (s0, t0))


def _slice(doc: Document, start: int, end: int) -> Document:
    return replace(doc, segments=tuple(replace(seg, index=seg.index - start) for seg in doc.segments[start:end]))


def shift_links(shard: Shard, alignment: Alignment) -> list[Link]:
    """The shard's scored links in the file's numbering."""
    s0, t0 = shard.offsets
    return [Link(tuple(i + s0 for i in link.source), tuple(j + t0 for j in link.target),
                 link.similarity, link.scores) for link in alignment.links]


def shift_finding(shard: Shard, finding: Finding) -> Finding:
    """A finding of the shard in the file's numbering."""
    offset = {shard.source.id: shard.offsets[0], shard.target.id: shard.offsets[1]}

    def moved(loc: Location) -> Location:
        k = offset.get(loc.document, 0)
        return replace(loc, segments=tuple(i + k for i in loc.segments)) if k else loc

    return replace(finding, locations=tuple(moved(loc) for loc in finding.locations))
