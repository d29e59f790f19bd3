"""XLIFF 1.2 and 2.0: each unit (``<trans-unit>`` or ``<unit>/<segment>``) is pre-aligned.

Inline markup stays in the text as the file writes it (``<x id="1"/>``, ``<g id="2">...</g>``,
``<ph/>``, ``<pc>``), without namespaces, so ``tag-mismatch`` can compare it. A unit's key is its
id (``file/unit/segment`` where a file holds several ``<file>``s or a unit several segments).
Units marked ``translate="no"`` are skipped. Parsing is safe (``checker.readers.xml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.model import Role
from checker.readers import xml
from checker.readers.base import Bilingual
from checker.readers.units import Unit, bilingual


def read(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None
) -> Bilingual:
    """An XLIFF file (1.2 or 2.0) as a source, its translation and the file's own pairing.

    A big UTF-8 file (``xml.STREAM_BYTES``) is read unit by unit in two passes (its ``<file>``s,
    then its units), never as one tree: the same documents, in a fraction of the memory.
    """
    if xml.streamable(path):
        units, slang, tlang = _streamed(path)
        return bilingual(path, units, doc_id=doc_id, fmt="xliff", source_lang=lang or slang, target_lang=tlang)
    root, lines = xml.parse(path)
    if xml.local(root.tag) != "xliff":
        raise InputError(str(path), f"not an XLIFF file (the root element is <{xml.local(root.tag)}>)")
    version = (root.get("version") or "").strip()
    if version.startswith("2"):
        units, slang, tlang = _units_2(root, lines)
    else:
        units, slang, tlang = _units_1(root, lines)
    return bilingual(path, units, doc_id=doc_id, fmt="xliff", source_lang=lang or slang,
                     target_lang=tlang)


def _unit(key: str, source: Any, target: Any | None, lines: Any, kind: str = "unit") -> Unit:
    line, column = xml.position(lines, source, xml.local(source.tag))
    text = xml.inner(target) if target is not None else None
    tline, tcol = xml.position(lines, target, "target") if target is not None else (None, None)
    return Unit(key, xml.inner(source), text, line, column, tline, tcol, kind)


def _units_1(root: Any, lines: list[str]) -> tuple[list[Unit], str | None, str | None]:
    files = xml.children(root, "file")
    slang = next((f.get("source-language") for f in files if f.get("source-language")), None)
    tlang = next((f.get("target-language") for f in files if f.get("target-language")), None)
    out: list[Unit] = []
    for f in files:
        prefix = f"{f.get('original')}/" if len(files) > 1 and f.get("original") else ""
        for tu in xml.descendants(f, "trans-unit"):
            out.extend(_units_of_1(tu, prefix, len(out), lines))
    return out, slang, tlang


def _units_of_1(tu: Any, prefix: str, before: int, lines: Any) -> list[Unit]:
    """An XLIFF 1.2 ``<trans-unit>`` as a unit (none if not to translate or without a source);
    ``before``: how many units the file had before it."""
    source = xml.find(tu, "source")
    if tu.get("translate") == "no" or source is None:
        return []
    key = prefix + (tu.get("id") or tu.get("resname") or str(before + 1))
    return [_unit(key, source, xml.find(tu, "target"), lines)]


def _units_2(root: Any, lines: list[str]) -> tuple[list[Unit], str | None, str | None]:
    files = xml.children(root, "file")
    out: list[Unit] = []
    for f in files:
        prefix = f"{f.get('id')}/" if len(files) > 1 and f.get("id") else ""
        for unit in xml.descendants(f, "unit"):
            out.extend(_units_of_2(unit, prefix, len(out), lines))
    return out, root.get("srcLang"), root.get("trgLang")


def _units_of_2(unit: Any, prefix: str, before: int, lines: Any) -> list[Unit]:
    """An XLIFF 2.0 ``<unit>``'s segments as units; ``before``: the file's units before it."""
    out: list[Unit] = []
    if unit.get("translate") == "no":
        return out
    segments = xml.children(unit, "segment")
    for k, seg in enumerate(segments):
        source = xml.find(seg, "source")
        if source is None:
            continue
        key = prefix + (unit.get("id") or str(before + len(out) + 1))
        if len(segments) > 1:
            key += f"/{seg.get('id') or k + 1}"
        out.append(_unit(key, source, xml.find(seg, "target"), lines))
    return out


def _streamed(path: Path) -> tuple[list[Unit], str | None, str | None]:
    """``_units_1`` or ``_units_2`` of a big file: a pass for the root and its ``<file>``s (their
    languages, and whether keys need a file prefix), a pass for the units."""
    root: dict[str, str] = {}
    files: list[dict[str, str]] = []
    for name, element in xml.iterparse(path, ("trans-unit", "unit"), starts=("file",)):
        if element.getparent() is None:
            if name != "xliff":
                raise InputError(str(path), f"not an XLIFF file (the root element is <{name}>)")
            root = dict(element.attrib)
        elif name == "file" and xml.top(element):
            files.append(dict(element.attrib))
    version2 = (root.get("version") or "").strip().startswith("2")
    name_of, unit_tag = ("id", "unit") if version2 else ("original", "trans-unit")
    units_of = _units_of_2 if version2 else _units_of_1
    lines = xml.Lines(path)
    out: list[Unit] = []
    prefix = ""
    try:
        for name, element in xml.iterparse(path, (unit_tag,), starts=("file",)):
            if name == "file" and xml.top(element):
                prefix = f"{element.get(name_of)}/" if len(files) > 1 and element.get(name_of) else ""
            elif name == unit_tag and _in_file(element):
                out.extend(units_of(element, prefix, len(out), lines))
                lines.forget((element.sourceline or 1) - 1)
    finally:
        lines.close()
    if version2:
        return out, root.get("srcLang"), root.get("trgLang")
    slang = next((f["source-language"] for f in files if f.get("source-language")), None)
    tlang = next((f["target-language"] for f in files if f.get("target-language")), None)
    return out, slang, tlang


def _in_file(element: Any) -> bool:
    """Whether a unit stands inside a ``<file>`` child of the root (the tree reader reads no other)."""
    parent = element.getparent()
    while parent is not None and xml.local(parent.tag) != "file":
        parent = parent.getparent()
    return parent is not None and xml.top(parent)
