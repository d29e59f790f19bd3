"""Readers: one module per file format, each turning a file into a ``Document`` (or a pair).

A format is one ``Format`` line in ``REGISTRY``: its name (for ``--format``), its reader and
the suffixes it claims. A file whose suffix no format claims is read as plain text, which
refuses it clearly if it is not text.
"""

from __future__ import annotations

from pathlib import Path

from checker.errors import UsageError
from checker.model import Document, Role, Segment
from checker.readers import docx, gettext, json_i18n, markdown, srt, text, tmx, xliff
from checker.readers.base import Bilingual, Comments, Format, Reader, load_text
from checker.stages import BIG_FILE, stage
from checker.text.segment import MODES

_HTML_COMMENT = Comments(r"<!--\s*{directive}\s*-->")
_GETTEXT_COMMENT = Comments(r"^#[.]?\s*{directive}\s*$")  # a translator or extracted comment

REGISTRY: tuple[Format, ...] = (
    Format("text", text.read, (".txt", ".text"), comments=Comments(text.MARKER)),
    Format("markdown", markdown.read, (".md", ".markdown"), embedding_text=markdown.embedding_text,
           comments=_HTML_COMMENT),
    Format("po", gettext.read, (".po",), frozenset({"fuzzy"}), comments=_GETTEXT_COMMENT),
    Format("pot", gettext.read_template, (".pot",), comments=_GETTEXT_COMMENT),
    Format("xliff", xliff.read, (".xlf", ".xliff"), comments=Comments(
        r"<note\b[^>]*>\s*{directive}\s*</note>|<!--\s*{directive}\s*-->", unit=r"trans-unit|unit")),
    Format("tmx", tmx.read, (".tmx",), frozenset({"target_lang"})),
    Format("json", json_i18n.read, (".json",)),
    Format("srt", srt.read, (".srt", ".vtt"), comments=Comments(r"^NOTE\s+{directive}\s*$")),
    Format("docx", docx.read, (".docx",)),
)

_BY_NAME: dict[str, Format] = {f.name: f for f in REGISTRY}
FORMATS: dict[str, Reader] = {f.name: f.reader for f in REGISTRY}
SUFFIXES: dict[str, str] = {suffix: f.name for f in REGISTRY for suffix in f.suffixes}

__all__ = ["FORMATS", "REGISTRY", "SUFFIXES", "Bilingual", "Format", "Reader", "format_of",
           "load_text", "read"]


def format_of(path: Path, format: str | None = None) -> str:
    """The format that reads ``path``: ``format`` if given, else the one its suffix names."""
    if format is not None:
        if format not in FORMATS:
            raise UsageError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
        return format
    return SUFFIXES.get(path.suffix.lower(), "text")


def read(
    path: str | Path, *, doc_id: str, role: Role, split: str = "sentences",
    lang: str | None = None, format: str | None = None, fuzzy: str = "skip",
    target_lang: str | None = None,
) -> Document | Bilingual:
    """Read one input file with the reader its format names; ``InputError`` on bad input.

    ``fuzzy`` (``skip`` or ``check``) says what to do with gettext's fuzzy entries;
    ``target_lang`` picks the target language of a translation memory of several.
    """
    if split not in MODES:
        raise UsageError(f"--split must be one of {', '.join(MODES)}, not {split!r}")
    path = Path(path)
    spec = _BY_NAME[format_of(path, format)]
    extra = {name: value for name, value in {"fuzzy": fuzzy, "target_lang": target_lang}.items()
             if name in spec.options}
    if _size(path) < BIG_FILE:
        return spec.reader(path, doc_id=doc_id, role=role, split=split, lang=lang, **extra)
    with stage(f"reading {path.name}"):
        return spec.reader(path, doc_id=doc_id, role=role, split=split, lang=lang, **extra)


def _size(path: Path) -> int:
    """The size of a regular file (0 for anything else: the reader refuses it with its own error)."""
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def embedding_text(doc: Document, segment: Segment) -> str:
    """What the encoder should see of ``segment`` of ``doc``, as its format says."""
    spec = _BY_NAME.get(doc.format)
    return spec.embedding_text(segment) if spec and spec.embedding_text else segment.text
