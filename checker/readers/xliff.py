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
    """An XLIFF file (1.2 or 2.0) as a source, its translation and the file's own pairing."""
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


def _unit(key: str, source: Any, target: Any | None, lines: list[str], kind: str = "unit") -> Unit:
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
            if tu.get("translate") == "no":
                continue
            source = xml.find(tu, "source")
            if source is None:
                continue
            target = xml.find(tu, "target")
            key = prefix + (tu.get("id") or tu.get("resname") or str(len(out) + 1))
            out.append(_unit(key, source, target, lines))
    return out, slang, tlang


def _units_2(root: Any, lines: list[str]) -> tuple[list[Unit], str | None, str | None]:
    files = xml.children(root, "file")
    out: list[Unit] = []
    for f in files:
        prefix = f"{f.get('id')}/" if len(files) > 1 and f.get("id") else ""
        for unit in xml.descendants(f, "unit"):
            if unit.get("translate") == "no":
                continue
            segments = xml.children(unit, "segment")
            for k, seg in enumerate(segments):
                source = xml.find(seg, "source")
                if source is None:
                    continue
                key = prefix + (unit.get("id") or str(len(out) + 1))
                if len(segments) > 1:
                    key += f"/{seg.get('id') or k + 1}"
                out.append(_unit(key, source, xml.find(seg, "target"), lines))
    return out, root.get("srcLang"), root.get("trgLang")
