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
from checker.readers.base import HASH_COMMENT, HTML_COMMENT, Bilingual, Format, Reader, load_text
from checker.text.segment import MODES

REGISTRY: tuple[Format, ...] = (
    Format("text", text.read, (".txt", ".text")),
    Format("markdown", markdown.read, (".md", ".markdown"), embedding_text=markdown.embedding_text,
           comment=HTML_COMMENT),
    Format("po", gettext.read, (".po",), frozenset({"fuzzy"}), comment=HASH_COMMENT),
    Format("pot", gettext.read_template, (".pot",), comment=HASH_COMMENT),
    Format("xliff", xliff.read, (".xlf", ".xliff")),
    Format("tmx", tmx.read, (".tmx",), frozenset({"target_lang"})),
    Format("json", json_i18n.read, (".json",)),
    Format("srt", srt.read, (".srt", ".vtt")),
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
    return spec.reader(path, doc_id=doc_id, role=role, split=split, lang=lang, **extra)


def embedding_text(doc: Document, segment: Segment) -> str:
    """What the encoder should see of ``segment`` of ``doc``, as its format says."""
    spec = _BY_NAME.get(doc.format)
    return spec.embedding_text(segment) if spec and spec.embedding_text else segment.text
