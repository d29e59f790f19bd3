"""``tag-mismatch``: inline markup of the source is lost, added, changed or broken in the translation.

Inline markup is XML/HTML tags (``<b>``, ``<a href="…">``, ``<br/>``), XLIFF inline elements
(``<x id="1"/>``, ``<g id="2">…</g>``, ``<ph>``, ``<pc>``, ``<bpt i="1">``) and, in Markdown, the
targets of links and images that are not absolute URLs (``[guide](./setup.md#install)``; absolute
URLs are ``url-mismatch``'s). Tags may move (word order changes), but each must keep its name
and its identifying attributes (XLIFF ``id``, TMX ``i``/``x``, ``href``, ``src``) and the
translation's tags must nest properly. ``a < b > c``, ``<https://…>`` and tags in code spans
are not markup.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Link, Severity

_TAG = re.compile(
    r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>=`]+))?)*)\s*(/?)>"
)
_ATTR = re.compile(r"([\w:.-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'<>=`]+)))?")
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_CODE = re.compile(r"(`+)[^`].*?\1", re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_VOID = frozenset("br hr img input meta link wbr area base col embed source track x ph bx ex it".split())
_KEY_ATTRS = ("id", "i", "x", "rid", "href", "src", "startref")


@dataclass(frozen=True)
class Tag:
    """A tag (or link target) as written, where, and what identifies it."""

    text: str
    start: int
    end: int
    kind: str  # open | close | empty | link
    name: str
    identity: str


def extract(text: str) -> list[Tag]:
    """The inline tags and relative Markdown link targets of ``text``, in order."""
    skip = [m.span() for m in _CODE.finditer(text)] + [m.span() for m in _COMMENT.finditer(text)]
    outside = lambda a: not any(s <= a < e for s, e in skip)  # noqa: E731
    found: list[Tag] = []
    for m in _TAG.finditer(text):
        if not outside(m.start()):
            continue
        name = m.group(2).lower()
        attrs = {a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or ""
                 for a in _ATTR.finditer(m.group(3))}
        key = ",".join(f"{k}={attrs[k]}" for k in _KEY_ATTRS if k in attrs)
        if m.group(1):
            kind = "close"
        elif m.group(4) or name in _VOID:
            kind = "empty"
        else:
            kind = "open"
        shown = f"</{name}>" if kind == "close" else f"<{name}{' ' + key if key else ''}{'/' if kind == 'empty' else ''}>"
        found.append(Tag(m.group(), m.start(), m.end(), kind, name, shown))
    for m in _LINK.finditer(text):
        target = m.group(1)
        if outside(m.start()) and not _ABSOLUTE.match(target):
            found.append(Tag(target, m.start(1), m.end(1), "link", "link", f"]({target})"))
    found.sort(key=lambda t: t.start)
    return found


def nesting_error(tags: list[Tag]) -> Tag | None:
    """The first tag that breaks nesting (a close with no matching open, or crossing), or the
    first open tag left unclosed; ``None`` if the tags nest properly."""
    stack: list[Tag] = []
    for tag in tags:
        if tag.kind == "open":
            stack.append(tag)
        elif tag.kind == "close":
            if not stack or stack[-1].name != tag.name:
                return tag
            stack.pop()
    return stack[0] if stack else None


@dataclass(frozen=True)
class _Side:
    segment: int
    tag: Tag


def _side(doc: Document, indices: tuple[int, ...]) -> list[_Side]:
    return [_Side(i, t) for i in indices for t in extract(doc.segments[i].text)]


class TagMismatch(Check):
    """An inline tag or link target of the source is missing, added, changed or badly nested.

    What it does:
        Compares the inline markup of each source unit with its translation: XML and HTML tags,
        XLIFF and TMX inline elements (compared by name and ``id``/``i``/``x``), ``href`` and
        ``src`` of links and images, and the relative targets of Markdown links. Tags may change
        order, but none may be lost or added, and the translation's tags must nest properly.

    Why is this bad?
        A lost ``</b>`` makes the rest of the page bold; a lost ``<x id="1"/>`` drops a value or
        a line break from the rebuilt document; a changed link target points readers elsewhere.

    Example:
        Source: "Click <b>Save</b> to keep <x id="1"/> changes."
        Translation: "点击<b>保存</b以保留更改。" -> ``</b>`` and ``<x id="1"/>`` are missing.
    """

    id = "tag-mismatch"
    name = "Tag mismatch"
    category = Category.MARKUP
    severity = Severity.MAJOR

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        for doc in corpus.translations:
            for link in corpus.alignment(doc).links:
                if link.source and link.target:
                    yield from self._link(corpus.source, doc, link)

    def _link(self, src_doc: Document, doc: Document, link: Link) -> Iterator[Finding]:
        source = _side(src_doc, link.source)
        target = _side(doc, link.target)
        if not source and not target:
            return
        missing = Counter(s.tag.identity for s in source) - Counter(t.tag.identity for t in target)
        extra = Counter(t.tag.identity for t in target) - Counter(s.tag.identity for s in source)
        data = {"source_tags": [s.tag.text for s in source], "target_tags": [t.tag.text for t in target]}
        src_first = src_doc.locate(link.source[0])
        lost_open: set[str] = set()  # a lost <b> and its lost </b> are one finding
        for s in source:
            if missing[s.tag.identity] > 0:
                missing[s.tag.identity] -= 1
                if s.tag.kind == "close" and s.tag.name in lost_open:
                    continue
                what = "link target" if s.tag.kind == "link" else "tag"
                changed = next((t for t in target if extra[t.tag.identity] > 0
                                and t.tag.name == s.tag.name and t.tag.kind == s.tag.kind), None)
                if changed is not None:
                    extra[changed.tag.identity] -= 1
                    yield self.finding(
                        f"{doc.path} changes the {what} '{s.tag.text}' to '{changed.tag.text}'.",
                        [doc.locate(changed.segment, changed.tag.start, changed.tag.end),
                         src_doc.locate(s.segment, s.tag.start, s.tag.end)],
                        suggestion=s.tag.text, source_form=s.tag.text, target_form=changed.tag.text, **data,
                    )
                else:
                    if s.tag.kind == "open":
                        lost_open.add(s.tag.name)
                    yield self.finding(
                        f"The {what} '{s.tag.text}' of the source is missing from {doc.path}.",
                        [src_doc.locate(s.segment, s.tag.start, s.tag.end), doc.locate(link.target[0])],
                        suggestion=s.tag.text, source_form=s.tag.text, target_form=None, **data,
                    )
        added_open: set[str] = set()
        for t in target:
            if extra[t.tag.identity] > 0:
                extra[t.tag.identity] -= 1
                if t.tag.kind == "close" and t.tag.name in added_open:
                    continue
                if t.tag.kind == "open":
                    added_open.add(t.tag.name)
                yield self.finding(
                    f"{doc.path} adds the {'link target' if t.tag.kind == 'link' else 'tag'} "
                    f"'{t.tag.text}', which the source does not have.",
                    [doc.locate(t.segment, t.tag.start, t.tag.end), src_first],
                    source_form=None, target_form=t.tag.text, **data,
                )
        reported = any(s.tag.identity not in {t.tag.identity for t in target} for s in source) or \
            any(t.tag.identity not in {s.tag.identity for s in source} for t in target)
        if not reported and nesting_error([s.tag for s in source]) is None:
            bad = nesting_error([t.tag for t in target])
            if bad is not None:
                where = next(t for t in target if t.tag is bad)
                yield self.finding(
                    f"The tags of {doc.path} do not nest properly at '{bad.text}'.",
                    [doc.locate(where.segment, bad.start, bad.end), src_first],
                    **data,
                )
