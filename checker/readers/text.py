"""Plain text (and, for now, Markdown read as plain text): one file, one ``Document``.

A line that holds only a ``transcheck-`` directive (``transcheck-ignore: spelling``,
``transcheck-disable``, ...) is a marker for ``checker.findings.suppress``, not text: it is read as a
blank line, so it is never checked and every other line keeps its number.
"""

from __future__ import annotations

import re
from pathlib import Path

from checker.errors import InputError
from checker.model import Document, Role
from checker.readers.base import load_text
from checker.text import langid, segment


def read(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None,
    format: str = "text",
) -> Document:
    """Read a text file and split it into ``split`` segments (sentences, paragraphs or lines)."""
    decoded = load_text(path)
    body = _without_markers(decoded.text) if format == "text" else decoded.text
    language = lang or langid.detect(body)
    segments = segment.split(body, split, language)
    if not segments:  # pragma: no cover - load_text refuses whitespace-only files
        raise InputError(str(path), "no text to check")
    return Document(doc_id, role, str(path), language, tuple(segments), format)


MARKER = r"^[ \t]*{directive}[ \t]*$"
"""A marker line of plain text: the directive alone on its line."""
_MARKER = re.compile(MARKER.replace("{directive}", r"transcheck-(?:ignore|disable|enable)[^\n]*?"), re.M)


def _without_markers(text: str) -> str:
    return _MARKER.sub("", text) if "transcheck-" in text else text


def read_markdown(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None
) -> Document:
    """Markdown, read as plain text: front matter, headings and markup are text like the rest."""
    return read(path, doc_id=doc_id, role=role, split=split, lang=lang, format="markdown")
