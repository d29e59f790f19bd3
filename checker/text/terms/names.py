"""How a Chinese translation renders names: ``马克(Mark)`` says Mark is written 马克.

    glosses(["任命马克(Mark)为副总裁。", "马克将担任这一职务。"])   # [Gloss("Mark", "马克", ...)]

A translator who introduces a name as ``译名(Name)`` has chosen the rendering 译名; a later bare
``Name`` in the same document is the same name rendered a second way.
"""

from __future__ import annotations

import re
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


def glosses(texts: list[str]) -> list[Gloss]:
    """Every ``译名(Name)`` in the texts, the rendering cut to the name itself (not 任命马克 but 马克)."""
    whole = "\n".join(texts)
    counts: dict[str, int] = {}
    found = []
    for index, text in enumerate(texts):
        if "(" not in text and "（" not in text:
            continue  # no gloss without a bracket (and the pattern is slow on long CJK runs)
        for m in _GLOSS.finditer(text):
            run, latin = m.group(1), m.group(2)
            rendering = _cut(run, whole, counts)
            start = m.end(1) - len(rendering)
            found.append(Gloss(latin, rendering, index, (start, m.end(1)), m.span(2)))
            found.extend(_parts(found[-1], text))
    return found


def _cut(run: str, whole: str, counts: dict[str, int]) -> str:
    """The name at the end of a run of CJK text: 任命马克 -> 马克; 乔希·阿奇亚姆 stays whole."""
    pieces = _NAME_DOT.split(run)
    head = pieces[0]
    if len(pieces) > 1:  # a dotted transliteration: only the first piece may carry a prefix
        return _cut_single(head, whole, counts) + run[len(head):]
    return _cut_single(run, whole, counts)


def _cut_single(run: str, whole: str, counts: dict[str, int]) -> str:
    """The longest suffix (two characters or more) used elsewhere in the document, else jieba's last word."""
    for size in range(min(len(run), 8), 1, -1):
        suffix = run[-size:]
        if suffix not in counts:
            counts[suffix] = whole.count(suffix)
        if counts[suffix] > 1:
            return suffix
    tokens = words(run, "zh", guess_unknown=True)
    return tokens[-1][0] if tokens else run


def _parts(gloss: Gloss, text: str) -> list[Gloss]:
    """``乔希·阿奇亚姆(Josh Achiam)`` also says Josh is 乔希 and Achiam is 阿奇亚姆."""
    cjk = _NAME_DOT.split(gloss.rendering)
    latin = gloss.latin.replace("·", " ").split()
    if len(cjk) < 2 or len(cjk) != len(latin):
        return []
    parts, offset = [], gloss.rendering_span[0]
    lat_offset = gloss.latin_span[0]
    for c, word in zip(cjk, latin, strict=True):
        lat_start = text.index(word, lat_offset)
        parts.append(Gloss(word, c, gloss.segment, (offset, offset + len(c)),
                           (lat_start, lat_start + len(word))))
        offset += len(c) + 1
        lat_offset = lat_start + len(word)
    return parts
