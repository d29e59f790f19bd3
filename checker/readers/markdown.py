"""Markdown, structure-aware (markdown-it-py, CommonMark with tables).

Headings, paragraphs, list items, table cells and block quotes become segments, split into
sentences, each with the ``kind`` of block it stands in (``heading``, ``list``, ``table``,
``quote``, ``paragraph``) and its exact line and column in the file. A segment's ``text`` is the
exact span of the file (inline markup, code spans and URLs included), so findings point at it.

Kept out of the prose:

- front matter (YAML ``---`` or TOML ``+++``): each ``key: value`` line is a segment of kind
  ``front-matter`` keyed by its key, so a changed or lost key can be found;
- fenced and indented code blocks: one segment of kind ``code`` each (comments in them may be
  translated; the code should not change);
- link reference definitions (``[guide]: https://example.com/guide "Title"``): one segment of
  kind ``reference`` each, keyed by its label, so a changed URL is found like one in the text;
- HTML blocks and comments: skipped;
- admonition markers (MkDocs ``!!! note "Title"``, Docusaurus ``:::tip``, GitHub ``> [!NOTE]``):
  the marker is dropped, the body is read like any block.

``embedding_text(segment)`` is what should be embedded for a segment (``prose(text)``: inline
code, URLs, link targets and HTML tags removed, link text kept).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path

from checker.errors import InputError
from checker.model import Document, Role, Segment
from checker.readers.base import load_text
from checker.text import langid, segment
from checker.text.patterns import CODE_SPAN, MARKDOWN_URL, PROSE_TAG

_FRONT = re.compile(r"\A(---|\+\+\+)[ \t]*\n(.*?\n)?(\1)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_ITEM = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")
_MKDOCS = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s+\w[\w-]*(?:\s+\"[^\"]*\")?\s*$")
_DOCUSAURUS = re.compile(r"^\s*:::(?:\s*\w[\w-]*.*)?\s*$")
_GITHUB_ALERT = re.compile(r"^\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$", re.IGNORECASE)
_CONTAINERS = {"heading_open": "heading", "th_open": "table", "td_open": "table",
               "list_item_open": "list", "blockquote_open": "quote"}

# What prose() removes or reduces.
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]+>|<[^@\s>]+@[^>\s]+>")
_QUOTE_MARK = re.compile(r"(?m)^\s*(?:>\s?)+")
_REFERENCE = re.compile(
    r"^ {0,3}\[([^\]]+)\]:[ \t]*(?:<[^>\n]*>|\S+)(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$")


def prose(text: str) -> str:
    """The words of a Markdown span, for embedding: no code, URLs, link targets or tags."""
    text = _QUOTE_MARK.sub("", text)
    text = CODE_SPAN.sub(" ", text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _AUTOLINK.sub(" ", text)
    text = MARKDOWN_URL.sub(" ", text)
    text = PROSE_TAG.sub(" ", text)
    return " ".join(text.split())


def embedding_text(seg: Segment) -> str:
    """What the encoder should see for a Markdown segment: its prose; code and front-matter
    values as they are; the raw text when nothing else is left (a table cell of code)."""
    if seg.kind in ("code", "front-matter", "reference"):
        return seg.text
    return prose(seg.text) or seg.text


def _parse_text(text: str) -> tuple[str, int]:
    """The text markdown-it parses: front matter and admonition markers blanked, admonition
    bodies dedented. Line numbers are unchanged; columns are found again in the original."""
    lines = text.split("\n")
    front_lines = 0
    m = _FRONT.match(text)
    if m:
        front_lines = text[: m.end()].rstrip("\n").count("\n") + 1
        for k in range(front_lines):
            lines[k] = ""
    indent: str | None = None
    for k in range(front_lines, len(lines)):
        line = lines[k]
        am = _MKDOCS.match(line)
        if am:
            lines[k] = ""
            indent = am.group(1) + "    "
            continue
        if indent is not None:
            if line.startswith(indent):
                lines[k] = line[4:]
                continue
            if line.strip():
                indent = None
        if _DOCUSAURUS.match(line):
            lines[k] = ""
    return "\n".join(lines), front_lines


class _File:
    """The original text with line starts, to turn (line, column) into offsets and back."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def find(self, line: int, piece: str, start: int = 0) -> int:
        """Column (0-based) of ``piece`` in 0-based ``line`` at or after ``start``; -1 if absent."""
        if not 0 <= line < len(self.lines):
            return -1
        return self.lines[line].find(piece, start)

    def line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _block_span(src: _File, first: int, stop: int, content: str, cursor: dict[int, int]
                ) -> tuple[int, int] | None:
    """(start, end) offsets in the file of a block whose inline ``content`` spans 0-based lines
    ``first`` to ``stop`` (exclusive); each content line is looked up on its own line, after any
    container prefix (and after the cells already found on it)."""
    pieces = content.split("\n")
    start = end = None
    line = first
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            line += 1
            continue
        col = -1
        while line < min(stop, len(src.lines)):
            col = src.find(line, piece, cursor.get(line, 0))
            if col >= 0:
                break
            line += 1  # a line markdown-it folded away (a setext underline, a blank marker)
        if col < 0:
            return None if start is None else (start, end)  # type: ignore[return-value]
        cursor[line] = col + len(piece)
        if start is None:
            start = src.starts[line] + col
        end = src.starts[line] + col + len(piece)
        line += 1
    return None if start is None else (start, end)  # type: ignore[return-value]


def _drop_alert(content: str) -> str:
    lines = content.split("\n")
    if lines and _GITHUB_ALERT.match(lines[0].strip()):
        return "\n".join(lines[1:])
    return content


def blocks(text: str) -> Iterator[tuple[int, int, str]]:
    """(start offset, end offset, kind) of every prose block, code block and front-matter item."""
    from markdown_it import MarkdownIt  # lazily: only Markdown needs it

    parse_text, front_lines = _parse_text(text)
    src = _File(text)
    for k in range(1, front_lines - 1):
        m = _FRONT_ITEM.match(src.lines[k])
        if m and m.group(2).strip("'\" "):
            value = m.group(2)
            col = src.lines[k].find(value, m.start(2))
            yield src.starts[k] + col, src.starts[k] + col + len(value), f"front-matter:{m.group(1)}"
    md = MarkdownIt("commonmark").enable("table")
    stack: list[str] = []
    cursor: dict[int, int] = {}
    tokens = md.parse(parse_text)
    yield from _references(src, tokens, front_lines)
    for token in tokens:
        if token.nesting == 1:
            stack.append(_CONTAINERS.get(token.type, ""))
        elif token.nesting == -1:
            stack.pop()
        elif token.type in ("fence", "code_block") and token.map and token.content.strip():
            body = token.content.rstrip("\n")
            line = token.map[0] + (1 if token.type == "fence" else 0)
            span = _block_span(src, line, token.map[1], body.split("\n")[0], cursor)
            if span:
                last = token.map[1] - (2 if token.type == "fence" else 1)
                last = max(last, line)
                end = src.starts[last] + len(src.lines[last].rstrip())
                yield span[0], max(end, span[1]), "code"
        elif token.type == "inline" and token.map:
            content = _drop_alert(token.content)
            span = _block_span(src, token.map[0], token.map[1], content, cursor)
            if span:
                kind = next((c for c in reversed(stack) if c), "paragraph")
                yield span[0], span[1], kind


def _references(src: _File, tokens: list, front_lines: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, ``reference:label``) of every link reference definition: the lines that no
    block token covers (markdown-it consumes definitions without a token) and that read as one."""
    covered = [k < front_lines for k in range(len(src.lines))]
    for token in tokens:
        for k in range(*(token.map or (0, 0))):
            if k < len(covered):
                covered[k] = True
    for k, line in enumerate(src.lines):
        if covered[k]:
            continue
        m = _REFERENCE.match(line)
        if m:
            start = src.starts[k] + len(line) - len(line.lstrip(" "))
            yield start, src.starts[k] + len(line.rstrip()), f"reference:{' '.join(m.group(1).lower().split())}"


def _split(block: str, mode: str, lang: str) -> list[Segment]:
    """Split a block as if its quote markers (``>`` on continuation lines) were spaces, so that
    they neither end sentences nor start them; the pieces keep the block's exact text."""
    masked = _QUOTE_MARK.sub(lambda m: " " * len(m.group()), block)
    starts = [0] + [m.end() for m in re.finditer("\n", block)]
    out = []
    for piece in segment.split(masked, mode, lang):
        a = starts[piece.line - 1] + piece.column - 1
        out.append(Segment(piece.index, block[a:a + len(piece.text)], piece.paragraph,
                           piece.line, piece.column))
    return out


def read(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None
) -> Document:
    """A Markdown file as a document of prose segments (and code and front-matter segments)."""
    text = load_text(path).text
    found = sorted(blocks(text))  # in file order (reference definitions are found apart)
    prose_text = "\n".join(prose(text[a:b]) for a, b, kind in found
                           if kind != "code" and not kind.startswith("reference:"))
    language = lang or langid.detect(prose_text or text)
    src = _File(text)
    segments: list[Segment] = []
    for number, (start, end, kind) in enumerate(found):
        key = None
        if kind.startswith(("front-matter:", "reference:")):
            kind, key = kind.split(":", 1)
        block = text[start:end]
        if kind in ("code", "front-matter", "reference") or split == "paragraphs":
            pieces = [Segment(0, block.strip(), 0, 1, 1)]
        else:
            pieces = _split(block, split, language)
        line0, col0 = src.line_col(start)
        for piece in pieces:
            line = line0 + piece.line - 1
            column = col0 + piece.column - 1 if piece.line == 1 else piece.column
            segments.append(Segment(len(segments), piece.text, number, line, column, key, kind))
    if not segments:
        raise InputError(str(path), "no text to check in this Markdown file")
    return Document(doc_id, role, str(path), language, tuple(segments), "markdown")
