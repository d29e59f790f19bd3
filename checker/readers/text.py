"""Plain text (and, for now, Markdown read as plain text): one file, one ``Document``."""

from __future__ import annotations

from pathlib import Path

from checker.text import langid, segment
from checker.errors import InputError
from checker.model import Document, Role
from checker.readers.base import load_text


def read(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None,
    format: str = "text",
) -> Document:
    """Read a text file and split it into ``split`` segments (sentences, paragraphs or lines)."""
    decoded = load_text(path)
    language = lang or langid.detect(decoded.text)
    segments = segment.split(decoded.text, split, language)
    if not segments:  # pragma: no cover - load_text refuses whitespace-only files
        raise InputError(str(path), "no text to check")
    return Document(doc_id, role, str(path), language, tuple(segments), format)


def read_markdown(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None
) -> Document:
    """Markdown, read as plain text: front matter, headings and markup are text like the rest."""
    return read(path, doc_id=doc_id, role=role, split=split, lang=lang, format="markdown")
