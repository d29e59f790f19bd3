"""JSON locale files (``en.json``, ``locales/zh-CN.json``): one segment per string, keyed.

Nested objects are flattened to dotted keys (``menu.file.open``), arrays to indices
(``steps.0``); numbers, booleans and nulls are not text and are skipped. Each segment keeps the
line and column of its string in the file. The language comes from ``--lang``, else from the
file name when it is a locale code (``zh-CN.json``, ``pt_BR.json``), else from the text.
Two such files given as SOURCE TRANSLATION are paired by key (``units.pair_by_key``).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path

from checker.errors import InputError
from checker.model import Document, Role, Segment
from checker.readers.base import load_text
from checker.readers.units import guess_lang

_LOCALE = re.compile(r"^([a-z]{2})(?:[-_]([A-Za-z]{2,4}|\d{3}))?(?:[-_][A-Za-z]{2})?$")
# ISO 639-1 codes of languages that software is commonly translated into.
_LANGS = frozenset("""
af am ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fr ga gl gu he hi hr hu hy id is it
ja ka kk km kn ko ky lo lt lv mk ml mn mr ms my nb ne nl nn no pa pl ps pt ro ru si sk sl sq sr sv
sw ta te th tl tr uk ur uz vi zh zu
""".split())
_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
MAX_DEPTH = 100
"""Objects and arrays nested deeper than this are refused (a locale file nests a few levels; a
hostile one nested thousands deep would exhaust the parser's recursion)."""


class _Bad(ValueError):
    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


def strings(text: str) -> Iterator[tuple[str, str, int]]:
    """(dotted key, value, offset of the value's opening quote) for every string in ``text``."""
    pos = _WS.match(text, 0).end()  # type: ignore[union-attr]
    found: list[tuple[str, str, int]] = []
    end = _value(text, pos, "", found)
    end = _WS.match(text, end).end()  # type: ignore[union-attr]
    if end != len(text):
        raise _Bad("extra data after the JSON value", end)
    return iter(found)


def _value(text: str, pos: int, key: str, out: list[tuple[str, str, int]], depth: int = 0) -> int:
    ch = text[pos:pos + 1]
    if ch in "{[" and depth >= MAX_DEPTH:
        raise _Bad(f"nested deeper than {MAX_DEPTH} levels", pos)
    if ch == '"':
        value, end = _string(text, pos)
        out.append((key, value, pos))
        return end
    if ch == "{":
        return _container(text, pos + 1, "}", key, out, keyed=True, depth=depth + 1)
    if ch == "[":
        return _container(text, pos + 1, "]", key, out, keyed=False, depth=depth + 1)
    for literal in ("true", "false", "null"):
        if text.startswith(literal, pos):
            return pos + len(literal)
    m = _NUMBER.match(text, pos)
    if m:
        return m.end()
    raise _Bad("expected a value", pos)


def _string(text: str, pos: int) -> tuple[str, int]:
    try:
        return scanstring(text, pos + 1, True)
    except json.JSONDecodeError as exc:
        raise _Bad(exc.msg, exc.pos) from None


def _container(text: str, pos: int, close: str, key: str, out: list[tuple[str, str, int]],
               *, keyed: bool, depth: int) -> int:
    pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
    if text[pos:pos + 1] == close:
        return pos + 1
    index = 0
    while True:
        if keyed:
            if text[pos:pos + 1] != '"':
                raise _Bad("expected a key in double quotes", pos)
            name, pos = _string(text, pos)
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            if text[pos:pos + 1] != ":":
                raise _Bad("expected ':' after the key", pos)
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
        else:
            name = str(index)
        pos = _value(text, pos, f"{key}.{name}" if key else name, out, depth)
        pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
        index += 1
        ch = text[pos:pos + 1]
        if ch == close:
            return pos + 1
        if ch != ",":
            raise _Bad(f"expected ',' or '{close}'", pos)
        pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]


def locale_of(path: Path) -> str | None:
    """The language a locale file's name gives: ``zh-CN.json`` -> ``zh-CN``; else ``None``."""
    for name in (path.stem, path.parent.name):
        m = _LOCALE.match(name)
        if m and m.group(1) in _LANGS:
            return name.replace("_", "-")
    return None


def read(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None
) -> Document:
    """A JSON locale file as a document of keyed strings."""
    text = load_text(path).text
    try:
        found = list(strings(text))
    except _Bad as exc:
        line = text.count("\n", 0, exc.pos) + 1
        column = exc.pos - (text.rfind("\n", 0, exc.pos) + 1) + 1
        raise InputError(str(path), f"malformed JSON at line {line}, column {column}: {exc}") from None
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    segments: list[Segment] = []
    for key, value, offset in found:
        if not value.strip():
            continue
        line = bisect.bisect_right(line_starts, offset)
        column = offset - line_starts[line - 1] + 2  # after the opening quote
        segments.append(Segment(len(segments), value.strip(), len(segments), line, column, key, "string"))
    if not segments:
        raise InputError(str(path), "no strings to check in this JSON file")
    language = lang or locale_of(path) or guess_lang(s.text for s in segments)
    return Document(doc_id, role, str(path), language, tuple(segments), "json")
