"""Word documents (``.docx``), read with python-docx: paragraphs and table cells, in order.

A DOCX file has no lines; a segment's ``line`` is the 1-based number of its paragraph (body
paragraphs and table-cell paragraphs, in document order) and its ``column`` the character
offset in that paragraph, plus one. ``kind`` says where it stands: ``heading`` (Heading and
Title styles), ``list`` (List styles), ``table`` (a table cell) or ``paragraph``.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.model import Document, Role, Segment
from checker.readers.base import require_file
from checker.text import langid, segment

MAX_INFLATED = 256 * 1024 * 1024
"""Bytes a DOCX package may hold once decompressed: a real document holds a few megabytes, and a
zip bomb (1 MB inflating to 1 GiB) must be refused before python-docx inflates it."""
MAX_PARTS = 10_000


def _blocks(doc: Any) -> Iterator[tuple[str, str]]:
    """(text, kind) of every paragraph of the body, table cells included, in document order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in doc.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item.text, _kind(item)
        elif isinstance(item, Table):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    for para in cell.paragraphs:
                        yield para.text, "table"


def _kind(para: Any) -> str:
    name = (para.style.name if para.style is not None else "") or ""
    if name.startswith(("Heading", "Title", "Subtitle")):
        return "heading"
    if name.startswith("List") or para._p.pPr is not None and para._p.pPr.numPr is not None:
        return "list"
    return "paragraph"


def _refuse_bomb(path: Path) -> None:
    """``InputError`` for a package that would inflate past ``MAX_INFLATED`` or has too many parts.

    The sizes are those the zip's directory declares; zipfile never inflates a member past its
    declared size, so they bound what python-docx can read.
    """
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(str(path), f"not a valid DOCX file ({exc.__class__.__name__}: {exc})") from None
    inflated = sum(m.file_size for m in members)
    if len(members) > MAX_PARTS or inflated > MAX_INFLATED:
        raise InputError(str(path), f"the DOCX package inflates to {inflated / 2**20:,.0f} MiB in "
                                    f"{len(members):,} parts; more than {MAX_INFLATED // 2**20} MiB "
                                    f"or {MAX_PARTS:,} parts is refused")


def read(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None
) -> Document:
    """A DOCX file as a document: each paragraph split into ``split`` segments."""
    import docx  # lazily: python-docx pulls in lxml

    require_file(path)
    _refuse_bomb(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(str(path), f"not a valid DOCX file ({exc.__class__.__name__}: {exc})") from None
    except Exception as exc:  # lxml syntax errors inside the package
        raise InputError(str(path), f"not a valid DOCX file ({exc.__class__.__name__}: {exc})") from None
    blocks = [(text, kind) for text, kind in _blocks(document) if text.strip()]
    if not blocks:
        raise InputError(str(path), "the document has no text")
    language = lang or langid.detect("\n".join(text for text, _ in blocks)[: langid.SAMPLE])
    segments: list[Segment] = []
    for number, (text, kind) in enumerate(blocks, start=1):
        mode = "paragraphs" if split == "paragraphs" else "sentences"
        for piece in segment.split(text, mode, language):
            before = text.split("\n")[: piece.line - 1]
            offset = sum(len(line) + 1 for line in before) + piece.column - 1
            segments.append(Segment(len(segments), piece.text, number - 1, number, offset + 1, None, kind))
    return Document(doc_id, role, str(path), language, tuple(segments), "docx")
