"""Pre-aligned units (gettext entries, XLIFF and TMX units) and keyed documents, as transcheck's
documents and alignments.

A bilingual file becomes two ``Document``s and the ``Alignment`` the file itself gives: one
``1-1`` link per translated unit, a ``1-0`` link for a unit with no translation (an omission the
checks report). Two monolingual keyed files (``en.json`` + ``zh-CN.json``) are paired by key
(``pair_by_key``) and two subtitle files by time (``pair_by_time``), never guessed by
embeddings; ``pair_documents`` picks whichever applies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError
from checker.model import Alignment, Document, Link, Role, Segment
from checker.readers.base import Bilingual
from checker.text import langid


@dataclass(frozen=True)
class Unit:
    """One translation unit: its id, source text, target text (``None`` if untranslated)."""

    key: str
    source: str
    target: str | None
    line: int = 1
    column: int = 1
    target_line: int | None = None
    target_column: int | None = None
    kind: str = "unit"
    flags: frozenset[str] = frozenset()


def target_id(doc_id: str) -> str:
    """The id of the translation read from the same file: ``d0`` -> ``d1``."""
    m = re.fullmatch(r"([a-z]+)(\d+)", doc_id)
    return f"{m.group(1)}{int(m.group(2)) + 1}" if m else f"{doc_id}-target"


def guess_lang(texts: Iterable[str]) -> str:
    """The language of a handful of unit texts (detected on their first 10,000 characters)."""
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size > langid.SAMPLE:
            break
    return langid.detect("\n".join(sample))


def bilingual(
    path: Path, units: Sequence[Unit], *, doc_id: str, fmt: str,
    source_lang: str | None, target_lang: str | None, keep_edges: bool = False,
) -> Bilingual:
    """Two documents and the file's own alignment; ``InputError`` if no unit has source text.

    With ``keep_edges`` (formats where a unit's surrounding whitespace is part of the message,
    as in gettext), each segment records the whitespace stripped from its ends.
    """
    units = [u for u in units if u.source.strip()]
    if not units:
        raise InputError(str(path), f"no translation units found in this {fmt} file")
    src_segments: list[Segment] = []
    tgt_segments: list[Segment] = []
    links: list[Link] = []
    for k, unit in enumerate(units):
        s = len(src_segments)
        column = unit.column + _lead(unit.source)
        src_segments.append(Segment(s, unit.source.strip(), k, unit.line, column, unit.key, unit.kind,
                                    unit.flags, _edges(unit.source) if keep_edges else ("", "")))
        if unit.target is not None and unit.target.strip():
            t = len(tgt_segments)
            line = unit.target_line if unit.target_line is not None else unit.line
            column = unit.target_column if unit.target_column is not None else unit.column
            column += _lead(unit.target)
            tgt_segments.append(Segment(t, unit.target.strip(), k, line, column, unit.key, unit.kind,
                                        unit.flags, _edges(unit.target) if keep_edges else ("", "")))
            links.append(Link((s,), (t,)))
        else:
            links.append(Link((s,), ()))
    if not tgt_segments:
        raise InputError(str(path), f"no unit of this {fmt} file has a translation")
    slang = source_lang or guess_lang(s.text for s in src_segments)
    tlang = target_lang or guess_lang(s.text for s in tgt_segments)
    tid = target_id(doc_id)
    source = Document(doc_id, Role.SOURCE, str(path), slang, tuple(src_segments), fmt)
    target = Document(tid, Role.TRANSLATION, str(path), tlang, tuple(tgt_segments), fmt)
    return Bilingual(source, target, Alignment(doc_id, tid, tuple(links)))


def _edges(text: str) -> tuple[str, str]:
    """The whitespace before and after the text of a unit."""
    body = text.strip()
    if not body:
        return "", ""
    start = text.find(body)
    return text[:start], text[start + len(body):]


def _lead(text: str) -> int:
    """Characters of leading whitespace stripped from a unit on its first line (0 if it
    starts on a later line: the column is then unknown, and left as the unit's)."""
    lead = text[: len(text) - len(text.lstrip())]
    return 0 if "\n" in lead else len(lead)


def keyed(doc: Document) -> bool:
    """Whether every segment of ``doc`` names its unit (a JSON key, a subtitle's timing)."""
    return doc.keyed


def pair_by_key(source: Document, target: Document) -> Alignment | None:
    """Links between two keyed documents by key; ``None`` unless both are keyed.

    Keys of the source missing from the target become ``1-0`` links (in source order), keys only
    the target has ``0-1`` links, at the end. Segments that share a key (a value split into
    sentences) or plural forms of one key (``files_one``/``files_other``) form one ``n-m`` link.
    """
    if not (keyed(source) and keyed(target)) or _is_timed(source) or _is_timed(target):
        return None
    by_key: dict[str, list[int]] = {}
    for seg in target.segments:
        by_key.setdefault(_plural_base(seg.key or ""), []).append(seg.index)
    groups: dict[str, list[int]] = {}  # insertion order: the source's order
    for seg in source.segments:
        groups.setdefault(_plural_base(seg.key or ""), []).append(seg.index)
    links = [Link(tuple(group), tuple(by_key.get(key, ()))) for key, group in groups.items()]
    links.extend(Link((), (t,)) for t in range(len(target.segments))
                 if _plural_base(target.segments[t].key or "") not in groups)
    return Alignment(source.id, target.id, tuple(links))


_PLURAL_KEY = re.compile(r"^(.+)_(?:zero|one|two|few|many|other)$")


def _plural_base(key: str) -> str:
    """i18next-style plural keys (``files_one``, ``files_other``) share one unit: Chinese has
    only ``files_other``, and that is complete."""
    m = _PLURAL_KEY.match(key)
    return f"{m.group(1)}_#plural" if m else key


_TIMING = re.compile(r"(\d+):(\d\d):(\d\d)[,.](\d{1,3})\s*-->\s*(\d+):(\d\d):(\d\d)[,.](\d{1,3})")
MIN_OVERLAP = 0.3
"""Two cues are paired when they overlap for at least this share of the shorter one."""


def timing(key: str | None) -> tuple[float, float] | None:
    """(start, end) in seconds of a subtitle key ``00:00:01,000 --> 00:00:03,500``."""
    m = _TIMING.search(key or "")
    if not m:
        return None
    g = m.groups()

    def seconds(h: str, mi: str, s: str, ms: str) -> float:
        return int(h) * 3600 + int(mi) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000

    return seconds(*g[:4]), seconds(*g[4:])


def _is_timed(doc: Document) -> bool:
    return bool(doc.segments) and all(timing(s.key) is not None for s in doc.segments)


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shorter = max(min(a[1] - a[0], b[1] - b[0]), 1e-3)
    return shared > 0 and shared / shorter >= MIN_OVERLAP


def pair_by_time(source: Document, target: Document) -> Alignment | None:
    """Links between two subtitle documents by time overlap; ``None`` unless both are timed.

    Cues that overlap (directly or through a chain of overlaps) form one link, so a line split
    over two cues in one language and one cue in the other becomes a ``2-1`` link. A cue that
    overlaps nothing is an omission (``1-0``) or an addition (``0-1``).
    """
    if not (_is_timed(source) and _is_timed(target)):
        return None
    src = [timing(s.key) or (0.0, 0.0) for s in source.segments]
    tgt = [timing(s.key) or (0.0, 0.0) for s in target.segments]
    links: list[Link] = []
    i = j = 0
    while i < len(src) or j < len(tgt):
        if i < len(src) and j < len(tgt) and _overlaps(src[i], tgt[j]):
            group_s, group_t = [i], [j]
            i, j = i + 1, j + 1
            grown = True
            while grown:  # take in every cue that overlaps the group so far
                grown = False
                if i < len(src) and any(_overlaps(src[i], tgt[t]) for t in group_t):
                    group_s.append(i)
                    i, grown = i + 1, True
                if j < len(tgt) and any(_overlaps(src[s], tgt[j]) for s in group_s):
                    group_t.append(j)
                    j, grown = j + 1, True
            links.append(Link(tuple(group_s), tuple(group_t)))
        elif j >= len(tgt) or (i < len(src) and src[i][0] <= tgt[j][0]):
            links.append(Link((i,), ()))
            i += 1
        else:
            links.append(Link((), (j,)))
            j += 1
    return Alignment(source.id, target.id, tuple(links))


def pair_documents(source: Document, target: Document) -> Alignment | None:
    """The alignment two documents' own structure gives (keys, or subtitle times), else ``None``."""
    return pair_by_time(source, target) or pair_by_key(source, target)
