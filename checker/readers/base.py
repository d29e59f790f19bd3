"""What every reader is: a function from a file to a ``Document`` (or a pre-aligned pair).

A format is declared once, as a ``Format`` (its name, its reader and the suffixes it claims),
in the ``REGISTRY`` tuple of ``checker/readers/__init__.py``. Readers share ``load_text`` so
that every format reports a missing, binary, empty or undecodable file the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from checker.errors import InputError
from checker.model import Alignment, Document, Role, Segment
from checker.readers.decode import Decoded, decode


@dataclass(frozen=True)
class Bilingual:
    """A file that holds a source and its translation already paired (gettext, XLIFF, TMX...).

    ``alignment`` links ``source`` to ``target`` the way the file pairs its units, so no
    sentence aligner is needed.
    """

    source: Document
    target: Document
    alignment: Alignment
    skipped: Mapping[str, int] = field(default_factory=dict)
    """Units the reader left out, by reason (gettext's ``fuzzy`` entries)."""


class Reader(Protocol):
    """Read ``path`` into a Document (or a Bilingual pair); raise ``InputError`` on bad input.

    ``split`` is ``sentences``, ``paragraphs`` or ``lines``; ``lang`` is the document's language
    code, detected from the text when ``None``.
    """

    def __call__(
        self, path: Path, *, doc_id: str, role: Role, split: str, lang: str | None
    ) -> Document | Bilingual: ...


@dataclass(frozen=True)
class Comments:
    """Where a format lets a writer put a ``transcheck-`` directive (see ``checker.findings.suppress``).

    ``pattern`` is a regular expression with ``{directive}`` where the directive stands, the
    comment written around it (``<!--\\s*{directive}\\s*-->``). A directive covers the paragraph it
    is in, or the next one when it stands alone before a blank line; with ``unit`` (a regular
    expression naming an XML element), the element it is in, or else the next one.
    """

    pattern: str
    unit: str | None = None


@dataclass(frozen=True)
class Format:
    """A file format: its name (for ``--format``), its reader, and the suffixes that select it.

    ``options`` names the reader options beyond the common ones that this reader takes
    (gettext's ``fuzzy``); ``read`` passes only those. ``embedding_text``, where given, is what
    the encoder sees of a segment (Markdown leaves code and URLs out); by default its text.
    ``comments`` is the comment that can silence checks in a file of this format, if it has one.
    """

    name: str
    reader: Reader
    suffixes: tuple[str, ...] = ()
    options: frozenset[str] = frozenset()
    embedding_text: Callable[[Segment], str] | None = None
    comments: Comments | None = None


def require_file(path: Path) -> None:
    """``InputError`` unless ``path`` is a regular file: opening a FIFO or a device blocks forever."""
    shown = str(path)
    if not path.exists():
        raise InputError(shown, "no such file")
    if path.is_dir():
        raise InputError(shown, "is a directory, not a file")
    if not path.is_file():
        raise InputError(shown, "is not a regular file (a FIFO, a device or a socket)")


def head_if_big(path: Path, least: int, size: int) -> bytes | None:
    """The first ``size`` bytes of ``path`` when it is a regular file of at least ``least``
    bytes (a file to read incrementally, if its encoding allows), else ``None``."""
    try:
        if not path.is_file() or path.stat().st_size < least:
            return None
        with path.open("rb") as raw:
            return raw.read(size)
    except OSError:
        return None


def load_text(path: Path) -> Decoded:
    """A file's text, decoded, with line breaks normalised; ``InputError`` if it is no text file.

    The file is only read, never written.
    """
    shown = str(path)
    require_file(path)
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError(shown, "cannot be read (permission denied)") from None
    except OSError as exc:
        raise InputError(shown, f"cannot be read ({exc.strerror or exc})") from None
    decoded = decode(data, shown)
    if not decoded.text.strip():
        raise InputError(shown, "the file holds only whitespace, no text")
    return decoded
