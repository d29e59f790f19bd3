"""Safe XML for the XML-based readers (XLIFF, TMX): no external entities, no network, no bombs.

lxml (already a dependency of python-docx) parses with ``resolve_entities=False``,
``no_network=True``, ``load_dtd=False`` and ``huge_tree=False``, so nothing outside the file is
ever fetched and libxml2's own limits bound the document. A file whose DTD declares entities is
refused outright (as defusedxml's ``forbid_entities`` does): no translation file needs them and
they are how "billion laughs" bombs are built. A malformed file raises ``InputError`` naming the
line, which the CLI prints as one line with exit code 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.readers.base import head_if_big, load_text

_ENCODING_DECL = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")
_ENTITY_DECL = re.compile(r"<!ENTITY\s", re.IGNORECASE)


def parse(path: Path) -> tuple[Any, list[str]]:
    """The root element of ``path`` and the file's lines (for columns); ``InputError`` if bad.

    The file is decoded like every text input (BOMs, UTF-16, legacy encodings), then parsed.
    """
    from lxml import etree  # lazily: only XML formats need it

    text = load_text(path).text
    declared = _ENTITY_DECL.search(text)
    if declared:
        line = text.count("\n", 0, declared.start()) + 1
        raise InputError(str(path), f"malformed XML at line {line}: entity declarations are not allowed")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    data = _ENCODING_DECL.sub(r"\1", text, count=1).encode("utf-8")
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if getattr(exc, "position", None) else 0)
        message = str(exc.msg).split(", line ")[0]
        raise InputError(str(path), f"malformed XML at line {line}: {message}") from None
    if root is None:
        raise InputError(str(path), "malformed XML at line 1: no root element")
    return root, text.split("\n")


def local(tag: Any) -> str:
    """An element's name without its namespace: ``{urn:...}trans-unit`` -> ``trans-unit``."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def find(element: Any, name: str) -> Any | None:
    """The first child of ``element`` called ``name`` (any namespace)."""
    for child in element:
        if local(child.tag) == name:
            return child
    return None


def children(element: Any, name: str) -> list[Any]:
    """Every child of ``element`` called ``name`` (any namespace)."""
    return [child for child in element if local(child.tag) == name]


def descendants(element: Any, name: str) -> list[Any]:
    """Every element below ``element`` called ``name`` (any namespace), in document order."""
    return [el for el in element.iter() if local(el.tag) == name]


def attr(element: Any, name: str) -> str | None:
    """An attribute by local name (``xml:lang`` is ``lang``), or ``None``."""
    for key, value in element.attrib.items():
        if local(key) == name:
            return value
    return None


def inner(element: Any) -> str:
    """The content of ``element`` as the file writes it: text (escaped) with inline tags kept.

    Namespaces are dropped (``<g id="1">``, not ``<ns0:g xmlns:ns0=...>``) so that inline
    tags read as in the file and can be compared by the ``tag-mismatch`` check.
    """
    parts = [_escape(element.text)]
    for child in element:
        if isinstance(child.tag, str):
            parts.append(_serialize(child))
        elif child.text and child.text.startswith("&"):
            parts.append(child.text)  # an entity reference, kept unexpanded: "&ext;"
        parts.append(_escape(child.tail))
    return "".join(parts)


def _escape(text: str | None) -> str:
    """Text escaped as in the file, so that ``&lt;b&gt;`` (TMX native code) is no tag."""
    if not text:
        return ""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _serialize(element: Any) -> str:
    attrs = "".join(f' {local(k)}="{_escape(v)}"' for k, v in element.attrib.items())
    name = local(element.tag)
    body = inner(element)
    if not body and len(element) == 0:
        return f"<{name}{attrs}/>"
    return f"<{name}{attrs}>{body}</{name}>"


def position(lines: list[str], element: Any, tag: str) -> tuple[int, int]:
    """(line, column) where ``element``'s content starts: just after its start tag, if found."""
    line = element.sourceline or 1
    if 0 < line <= len(lines):
        raw = lines[line - 1]
        start = raw.find("<" + tag)
        if start < 0:
            start = raw.find(":" + tag)
        close = raw.find(">", start) if start >= 0 else -1
        if close >= 0:
            return line, close + 2
    return line, 1


STREAM_BYTES = 32 << 20
"""A UTF-8 XML file at least this large (32 MiB) is read element by element (``iterparse``)
rather than as one tree: memory then holds one unit at a time, not the file three times over
(its bytes, its text and its lines, and lxml's tree)."""

_HEAD = 1 << 16
_UTF8_DECL = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']utf-?8["']""", re.IGNORECASE)
_ANY_DECL = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=""", re.IGNORECASE)


def streamable(path: Path) -> bool:
    """Whether ``path`` is big enough to stream and in UTF-8 (declared or by default), which lxml
    reads as ``load_text`` does; any other encoding is read whole, decoded first."""
    head = head_if_big(path, STREAM_BYTES, _HEAD)
    if head is None:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\r" in head.replace(b"\r\n", b""):
        return False  # UTF-16, or lone carriage returns (line numbers would differ)
    return bool(_UTF8_DECL.match(head)) or not _ANY_DECL.match(head)


class Lines:
    """The lines of a file read forward on demand, as ``parse``'s list of lines is indexed
    (``lines[k]`` is line k + 1): only lines not yet passed are kept (``forget``)."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")
        self._kept: dict[int, str] = {}
        self._read = 0

    def __len__(self) -> int:
        return 1 << 62  # unknown until the end; ``position`` only asks for lines already parsed

    def __getitem__(self, k: int) -> str:
        while self._read <= k:
            raw = self._file.readline()
            if not raw:
                return ""
            self._kept[self._read] = raw.rstrip(b"\n").rstrip(b"\r").decode("utf-8", "replace")
            self._read += 1
        return self._kept.get(k, "")

    def forget(self, before: int) -> None:
        """Drop lines with index below ``before``."""
        for k in [k for k in self._kept if k < before]:
            del self._kept[k]

    def close(self) -> None:
        self._file.close()


def top(element: Any) -> bool:
    """Whether ``element`` is a child of the document's root (in a streamed read, where elements
    are met one by one)."""
    parent = element.getparent()
    return parent is not None and parent.getparent() is None


def iterparse(path: Path, tags: tuple[str, ...], starts: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """``(local name, element)`` for the root and each element named in ``starts`` (at their
    start: attributes only) and each element named in ``tags`` (at its end), with the same
    safety as ``parse``; each element of ``tags`` is cleared after use, and the siblings before
    it dropped, so the tree never grows. ``InputError`` on malformed XML."""
    from lxml import etree

    with path.open("rb") as raw:
        head = raw.read(_HEAD).decode("utf-8", "replace")
    root_at = re.search(r"<(?![?!])", head)
    declared = _ENTITY_DECL.search(head, 0, root_at.start() if root_at else len(head))
    if declared:
        line = head.count("\n", 0, declared.start()) + 1
        raise InputError(str(path), f"malformed XML at line {line}: entity declarations are not allowed")
    events = etree.iterparse(str(path), events=("start", "end"), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
    depth = 0
    try:
        for event, element in events:
            depth += 1 if event == "start" else -1
            name = local(element.tag)
            if event == "start" and (depth == 1 or name in starts):
                yield name, element
            elif event == "end" and name in tags:
                yield name, element
                element.clear(keep_tail=True)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if getattr(exc, "position", None) else 0)
        message = str(exc.msg).split(", line ")[0]
        raise InputError(str(path), f"malformed XML at line {line}: {message}") from None
