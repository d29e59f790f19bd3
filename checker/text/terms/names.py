"""How a Chinese translation renders names: ``马克(Mark)`` says Mark is written 马克.

    glosses(["任命马克(Mark)为副总裁。", "马克将担任这一职务。"])   # [Gloss("Mark", "马克", ...)]

A translator who introduces a name as ``译名(Name)`` has chosen the rendering 译名; a later bare
``Name`` in the same document is the same name rendered a second way.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from checker.text.terms.tokens import words

_CJK_NAME = r"[\u3400-\u4dbf\u4e00-\u9fff]+(?:[·・•][\u3400-\u4dbf\u4e00-\u9fff]+)*"
_LATIN_NAME = r"[A-Z][A-Za-z'’\-]*(?:[ .·][A-Z][A-Za-z'’\-]*)*"
_GLOSS = re.compile(rf"({_CJK_NAME})\s*[（(]\s*({_LATIN_NAME})\s*[）)]")
_NAME_DOT = re.compile(r"[·・•]")


@dataclass(frozen=True)
class Gloss:
    """``latin`` rendered as ``rendering`` at ``segment``; the spans are within that segment's text."""

    latin: str
    rendering: str
    segment: int
    rendering_span: tuple[int, int]
    latin_span: tuple[int, int]


@dataclass(frozen=True)
class Named:
    """A ``译名(Name)`` as written: ``run`` is the CJK text before the bracket (任命马克), which ends
    at ``end`` in the segment's text; the rendering (马克) is cut from it by what the whole
    document uses (``suffixes``, ``rendering``)."""

    latin: str
    run: str
    segment: int
    end: int
    latin_span: tuple[int, int]


def glosses(texts: list[str]) -> list[Gloss]:
    """Every ``译名(Name)`` in the texts, the rendering cut to the name itself (not 任命马克 but 马克)."""
    found = named(texts)
    counts = tried([n.run for n in found], "\n".join(texts))
    return [g for n in found for g in gloss(n, rendering(n.run, cut(n.run, counts)), texts[n.segment])]


def named(texts: list[str]) -> list[Named]:
    """Every ``译名(Name)`` in the texts, in order, before its rendering is cut from the run."""
    found: list[Named] = []
    for index, text in enumerate(texts):
        if "(" not in text and "（" not in text:
            continue  # no gloss without a bracket (and the pattern is slow on long CJK runs)
        found.extend(Named(m.group(2), m.group(1), index, m.end(1), m.span(2)) for m in _GLOSS.finditer(text))
    return found


def suffixes(run: str) -> list[str]:
    """What the name at the end of ``run`` may be, longest first: the suffixes (two to eight
    characters) of its first piece (乔希·阿奇亚姆: only the first piece may carry a prefix). The
    rendering is the longest one used elsewhere in the document: one found more than once in it."""
    head = _NAME_DOT.split(run)[0]
    return [head[-size:] for size in range(min(len(head), 8), 1, -1)]


def tried(runs: list[str], whole: str) -> dict[str, int]:
    """How often ``whole`` holds each suffix of the runs that a cut tries: a run's ``suffixes``,
    longest first, up to the first one found more than once."""
    counts: dict[str, int] = {}
    for run in runs:
        for suffix in suffixes(run):
            if suffix not in counts:
                counts[suffix] = whole.count(suffix)
            if counts[suffix] > 1:
                break
    return counts


def cut(run: str, counts: Mapping[str, int]) -> str | None:
    """The suffix ``run`` is cut to: the longest found more than once (``counts``, as ``tried``
    counts them), ``None`` for none."""
    return next((suffix for suffix in suffixes(run) if counts[suffix] > 1), None)


def rendering(run: str, suffix: str | None) -> str:
    """The name ``run`` ends with, its first piece cut to ``suffix`` (任命马克 -> 马克); ``None``
    where no suffix recurs: jieba's last word of that piece."""
    head = _NAME_DOT.split(run)[0]
    if suffix is None:
        tokens = words(head, "zh", guess_unknown=True)
        suffix = tokens[-1][0] if tokens else head
    return suffix + run[len(head):]


def gloss(n: Named, rendering: str, text: str) -> list[Gloss]:
    """The gloss ``n`` cut to ``rendering`` (``text`` is its segment's), then its parts (``_parts``)."""
    found = Gloss(n.latin, rendering, n.segment, (n.end - len(rendering), n.end), n.latin_span)
    return [found, *_parts(found, text)]


def renderings(latin: str, rendering: str) -> list[tuple[str, str]]:
    """(name, rendering) of a gloss and of its parts: what ``gloss`` says, without the spans."""
    parts = _part_names(latin, rendering)
    return [(latin, rendering), *zip(parts, _NAME_DOT.split(rendering) if parts else (), strict=True)]


def _part_names(latin: str, rendering: str) -> list[str]:
    """The words of ``latin`` where a dotted ``rendering`` has a piece for each (else none)."""
    cjk = _NAME_DOT.split(rendering)
    parts = latin.replace("·", " ").split()
    return parts if len(cjk) >= 2 and len(cjk) == len(parts) else []


def _parts(gloss: Gloss, text: str) -> list[Gloss]:
    """``乔希·阿奇亚姆(Josh Achiam)`` also says Josh is 乔希 and Achiam is 阿奇亚姆."""
    latin = _part_names(gloss.latin, gloss.rendering)
    if not latin:
        return []
    cjk = _NAME_DOT.split(gloss.rendering)
    parts, offset = [], gloss.rendering_span[0]
    lat_offset = gloss.latin_span[0]
    for c, word in zip(cjk, latin, strict=True):
        lat_start = text.index(word, lat_offset)
        parts.append(Gloss(word, c, gloss.segment, (offset, offset + len(c)),
                           (lat_start, lat_start + len(word))))
        offset += len(c) + 1
        lat_offset = lat_start + len(word)
    return parts
