"""TMX translation memories: each ``<tu>`` pairs the source-language ``<tuv>`` with another.

The source language is the header's ``srclang`` (or ``--source-lang``, or the first ``<tuv>``'s
language when ``srclang`` is ``*all*``); the target is ``--target-lang`` (a memory of several
languages is checked one target language at a time), else the first other language found. A unit's
key is its ``tuid`` (or its 1-based position). Inline codes (``<bpt>``, ``<ept>``, ``<ph>``,
``<it>``) stay in the text for ``tag-mismatch``. Parsing is safe (``checker.readers.xml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.model import Role
from checker.readers import xml
from checker.readers.base import Bilingual
from checker.readers.units import Unit, bilingual


def _lang(tuv: Any) -> str:
    return (xml.attr(tuv, "lang") or "").strip()


def _same(a: str, b: str) -> bool:
    """``en`` and ``en-US`` are the same language; ``en-US`` and ``en-GB`` are not."""
    a, b = a.lower().replace("_", "-"), b.lower().replace("_", "-")
    return a == b or (a.split("-")[0] == b.split("-")[0] and ("-" not in a or "-" not in b))


def read(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None,
    target_lang: str | None = None,
) -> Bilingual:
    """A TMX file as a source, its translation and the memory's own pairing.

    A big UTF-8 memory (``xml.STREAM_BYTES``) is read unit by unit in two passes (its languages,
    then its units), never as one tree: the same documents, in a fraction of the memory.
    """
    if xml.streamable(path):
        return _streamed(path, doc_id=doc_id, lang=lang, target_lang=target_lang)
    root, lines = xml.parse(path)
    if xml.local(root.tag) != "tmx":
        raise InputError(str(path), f"not a TMX file (the root element is <{xml.local(root.tag)}>)")
    header = xml.find(root, "header")
    body = xml.find(root, "body")
    tus = xml.children(body, "tu") if body is not None else []
    found = list(dict.fromkeys(_lang(t) for tu in tus for t in xml.children(tu, "tuv") if _lang(t)))
    srclang, tgtlang = _languages(path, lang or (header.get("srclang") if header is not None else None),
                                  found, target_lang)
    units = [unit for k, tu in enumerate(tus, start=1) if (unit := _unit(k, tu, srclang, tgtlang, lines))]
    return bilingual(path, units, doc_id=doc_id, fmt="tmx", source_lang=srclang, target_lang=tgtlang)


def _languages(path: Path, srclang: str | None, found: list[str], target_lang: str | None) -> tuple[str, str | None]:
    """The memory's source language (``srclang``, else the first ``<tuv>``'s) and the target's,
    from the languages ``found`` in its ``<tuv>``s in order."""
    if not srclang or srclang == "*all*":
        srclang = found[0] if found else None
    if not srclang:
        raise InputError(str(path), "the TMX file names no source language (srclang)")
    if target_lang:
        tgtlang = next((x for x in found if x.lower() == target_lang.lower()), None) or \
            next((x for x in found if _same(x, target_lang) and not _same(x, srclang)), None)
        if tgtlang is None:
            raise InputError(str(path), f"no <tuv> in {target_lang}; the memory's languages are "
                                        f"{', '.join(found) or 'none'}")
    else:
        tgtlang = next((x for x in found if not _same(x, srclang)), None)
    return srclang, tgtlang


def _unit(k: int, tu: Any, srclang: str, tgtlang: str | None, lines: Any) -> Unit | None:
    """The ``k``-th ``<tu>`` as a unit (``None`` if it has no source segment)."""
    tuvs = xml.children(tu, "tuv")
    src = next((t for t in tuvs if _same(_lang(t), srclang)), None)
    tgt = next((t for t in tuvs if tgtlang and _lang(t).lower() == tgtlang.lower()), None)
    src_seg = xml.find(src, "seg") if src is not None else None
    if src_seg is None:
        return None
    tgt_seg = xml.find(tgt, "seg") if tgt is not None else None
    line, column = xml.position(lines, src_seg, "seg")
    tline, tcol = xml.position(lines, tgt_seg, "seg") if tgt_seg is not None else (None, None)
    text = xml.inner(tgt_seg) if tgt_seg is not None else None
    return Unit(tu.get("tuid") or str(k), xml.inner(src_seg), text, line, column, tline, tcol)


def _streamed(path: Path, *, doc_id: str, lang: str | None, target_lang: str | None) -> Bilingual:
    """``read`` of a big memory: a pass for the header and languages, a pass for the units."""
    header: list[str | None] = []
    found: dict[str, None] = {}
    for name, element in xml.iterparse(path, ("header", "tu", "tuv")):
        if element.getparent() is None and name != "tmx":
            raise InputError(str(path), f"not a TMX file (the root element is <{name}>)")
        if name == "header" and xml.top(element):
            header.append(element.get("srclang"))
        elif name == "tuv" and _lang(element) and _in_body(element.getparent()):
            found.setdefault(_lang(element), None)
    srclang, tgtlang = _languages(path, lang or (header[0] if header else None), list(found), target_lang)
    lines = xml.Lines(path)
    units: list[Unit] = []
    try:
        k = 0
        for name, element in xml.iterparse(path, ("tu",)):
            if name != "tu" or not _in_body(element):
                continue
            k += 1
            unit = _unit(k, element, srclang, tgtlang, lines)
            if unit is not None:
                units.append(unit)
            lines.forget((element.sourceline or 1) - 1)
    finally:
        lines.close()
    return bilingual(path, units, doc_id=doc_id, fmt="tmx", source_lang=srclang, target_lang=tgtlang)


def _in_body(tu: Any) -> bool:
    """A ``<tu>`` of the memory's ``<body>`` (the tree reader reads no other)."""
    if tu is None or xml.local(tu.tag) != "tu":
        return False
    body = tu.getparent()
    return body is not None and xml.local(body.tag) == "body" and xml.top(body)
