"""Markup that must survive translation: ``tag-mismatch`` (inline tags and link targets) and
``code-block-mismatch`` (Markdown code blocks, comments aside).

``tag-mismatch``: inline markup of the source is lost, added, changed or broken in the translation.

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

from checker.checks import placeholders
from checker.checks.base import Check
from checker.checks.links import heading_anchors, same_page
from checker.model import Category, Corpus, Document, Finding, Link, Severity
from checker.text.patterns import CODE_SPAN, TAG

_ATTR = re.compile(r"([\w:.-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'<>=`]+)))?")
_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DESTINATION = re.compile(r"(?<=\])\((?:<[^<>\n]*>|[^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)"
                          r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")
_ATTR_LIST = re.compile(r"\{:?\s*(?:[.#][\w-]+|[\w-]+=[^\s{}]+)(?:\s+(?:[.#][\w-]+|[\w-]+=[^\s{}]+))*\s*\}")
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
    url: str | None = None  # the absolute URL of its href or src (url-mismatch compares those)


MARKUP_FORMATS = frozenset({"xliff", "tmx", "markdown"})
"""Formats whose text is markup: there, every ``<name>`` is a tag. Elsewhere (gettext, JSON,
plain text) a tag name must show it is markup somewhere in the unit, by a closing tag,
attributes or ``/>``: a command-line metavariable such as ``<package>`` in ``[<package>...]`` is
text that translators may translate (``<软件包>``)."""
_SHOWN_VOID = frozenset({"br", "hr", "img", "wbr"})


def extract(text: str) -> list[Tag]:
    """The inline tags and Markdown link targets of ``text``, in order; a tag or link with an
    absolute URL carries it in ``url``."""
    if "<" not in text and "](" not in text:
        return []  # most text: no tag (``<``) and no link target (``](``)
    skip = [m.span() for m in CODE_SPAN.finditer(text)] + [m.span() for m in _COMMENT.finditer(text)]
    outside = lambda a: not any(s <= a < e for s, e in skip)  # noqa: E731
    found: list[Tag] = []
    for m in TAG.finditer(text):
        if not outside(m.start()):
            continue
        name = m.group(2).lower()
        attrs = {a.group(1).lower(): a.group(2) or a.group(3) or a.group(4) or ""
                 for a in _ATTR.finditer(m.group(3))}
        url = next((attrs[k] for k in ("href", "src") if _ABSOLUTE.match(attrs.get(k, ""))), None)
        key = ",".join(f"{k}={attrs[k]}" for k in _KEY_ATTRS if k in attrs and attrs[k] != url)
        if m.group(1):
            kind = "close"
        elif m.group(4) or name in _VOID:
            kind = "empty"
        else:
            kind = "open"
        attribute = f" {key}" if key else ""
        shown = f"</{name}>" if kind == "close" else f"<{name}{attribute}{'/' if kind == 'empty' else ''}>"
        found.append(Tag(m.group(), m.start(), m.end(), kind, name, shown, url))
    for m in _LINK.finditer(text):
        target = m.group(1)
        if outside(m.start()):
            url = target if _ABSOLUTE.match(target) else None
            found.append(Tag(target, m.start(1), m.end(1), "link", "link", f"]({target})", url))
    found.sort(key=lambda t: t.start)
    return found


def markup_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the markup in ``text`` that readers never see as words or punctuation:
    HTML/XML tags with their attributes (an XLIFF ``equiv-text="{{ a }}"`` included), comments,
    Markdown link destinations (``(./setup.md "Title")`` after ``[text]``) and attribute lists
    (``{.internal-link target=_blank}``, ``{ #install }``)."""
    if not any(c in text for c in "<({"):
        return []
    spans = [m.span() for m in TAG.finditer(text)] + [m.span() for m in _COMMENT.finditer(text)]
    spans += [m.span() for m in _DESTINATION.finditer(text)]
    spans += [m.span() for m in _ATTR_LIST.finditer(text)]
    return sorted(spans)


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


def _side(doc: Document, indices: tuple[int, ...], shown: set[str] | None = None) -> list[_Side]:
    """The tags of the segments ``indices``, code blocks aside (code-block-mismatch's); outside
    markup formats, only tags named in ``shown``."""
    found = [_Side(i, t) for i in indices if doc.segments[i].kind != "code"
             for t in _once_per_branch(doc.segments[i].text)]
    if shown is None or doc.format in MARKUP_FORMATS:
        return found
    return [s for s in found if s.tag.name in shown]


def shown_markup(texts: list[str]) -> set[str]:
    """The tag names that ``texts`` show to be markup: closed, with attributes, or ``<br/>``."""
    names: set[str] = set()
    for text in texts:
        for tag in extract(text):
            plain = tag.kind in ("open", "empty") and "=" not in tag.text \
                and not tag.text.endswith("/>") and tag.name not in _SHOWN_VOID
            if not plain:
                names.add(tag.name)
    return names


def _once_per_branch(text: str) -> list[Tag]:
    """The tags of ``text``, those of an ICU plural or select counted as in its fullest branch:
    ``{n, plural, one {<x/> item} other {<x/> items}}`` holds one ``<x/>``, so a Chinese
    ``{n, plural, other {<x/> 个项目}}`` keeps every tag."""
    tags = extract(text)
    branches = [span for p in placeholders.extract(text) if p.branches
                for span in _branch_spans(text, p.start, p.end)]
    if not branches:
        return tags
    per_branch: list[Counter[str]] = [Counter() for _ in branches]
    most: Counter[str] = Counter()
    for tag in tags:
        k = next((k for k, (a, b) in enumerate(branches) if a <= tag.start < b), None)
        if k is not None:
            per_branch[k][tag.identity] += 1
    for counts in per_branch:
        most |= counts
    kept: list[Tag] = []
    seen: Counter[str] = Counter()
    for tag in tags:
        if any(a <= tag.start < b for a, b in branches):
            if seen[tag.identity] >= most[tag.identity]:
                continue
            seen[tag.identity] += 1
        kept.append(tag)
    return kept


def _branch_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The bodies of the branches of the ICU message ``text[start:end]`` (its second-level braces)."""
    spans: list[tuple[int, int]] = []
    depth, opened = 0, start
    for k in range(start, end):
        if text[k] == "{":
            depth += 1
            if depth == 2:
                opened = k
        elif text[k] == "}":
            if depth == 2:
                spans.append((opened, k + 1))
            depth -= 1
    return spans


class TagMismatch(Check):
    """An inline tag or link target of the source is missing, added, changed or badly nested.

    What it does:
        Compares the inline markup of each source unit with its translation: XML and HTML tags,
        XLIFF and TMX inline elements (compared by name and ``id``/``i``/``x``), relative
        ``href`` and ``src`` of links and images, and the relative targets of Markdown links.
        Tags may change order, but none may be lost or added, and the translation's tags must
        nest properly. Absolute URLs are url-mismatch's, so a link whose URL alone changed, was
        lost or was added is reported there, once; a relative link may be written as the site's
        absolute URL of the same page, and an anchor of a heading may follow the translated
        heading (``#performance`` -> ``#_11`` under ``## 性能``). Code blocks are
        code-block-mismatch's, and a whole block that the aligner merged into a unit of the
        other language, with markup of its own, is an addition or omission, not a lost tag.

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
    in_worker = True

    def findings(self, corpus: Corpus, known: object) -> Iterator[Finding]:
        # Each link on its own, but for the headings same-page anchors follow (``_Anchors``): only
        # Markdown has headings, so a unit of a bilingual file (and a shard of them) is checked alone.
        for doc in corpus.translations:
            alignment = corpus.alignment(doc)
            anchors = _Anchors(corpus.source, doc, alignment.links)
            for link in alignment.links:
                if link.source and link.target:
                    yield from self._link(corpus.source, doc, link, anchors)

    def _link(self, src_doc: Document, doc: Document, link: Link, anchors: _Anchors) -> Iterator[Finding]:
        shown = shown_markup([src_doc.segments[i].text for i in link.source]
                             + [doc.segments[j].text for j in link.target])
        source = _side(src_doc, link.source, shown)
        target = _side(doc, link.target, shown)
        source = _without_merged_blocks(src_doc, link.source, source, target)
        target = _without_merged_blocks(doc, link.target, target, source)
        if not source and not target:
            return
        missing = Counter(s.tag.identity for s in source) - Counter(t.tag.identity for t in target)
        extra = Counter(t.tag.identity for t in target) - Counter(s.tag.identity for s in source)
        data = {"source_tags": [s.tag.text for s in source], "target_tags": [t.tag.text for t in target]}
        src_first = src_doc.locate(link.source[0])
        urls = {"source": [s.tag.url for s in source if s.tag.url], "target": [t.tag.url for t in target if t.tag.url]}
        lost_open: set[str] = set()  # a lost <b> and its lost </b> are one finding
        for s in source:
            if missing[s.tag.identity] > 0:
                missing[s.tag.identity] -= 1
                if s.tag.kind == "close" and s.tag.name in lost_open:
                    continue
                if s.tag.url or _written_absolute(s.tag, urls["target"]):
                    if s.tag.kind == "open":
                        lost_open.add(s.tag.name)
                    continue  # a lost URL is url-mismatch's; the same page as a URL is no change
                what = "link target" if s.tag.kind == "link" else "tag"
                changed = next((t for t in target if extra[t.tag.identity] > 0 and not t.tag.url
                                and t.tag.name == s.tag.name and t.tag.kind == s.tag.kind), None)
                if changed is not None:
                    extra[changed.tag.identity] -= 1
                    if anchors.follows(s.tag.text, changed.tag.text):
                        continue
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
                if t.tag.url or _written_absolute(t.tag, urls["source"]):
                    continue  # an added URL, or the source's own link written as a URL
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


def _written_absolute(tag: Tag, urls: list[str]) -> bool:
    """Whether a relative link target is one of ``urls``, the same page as an absolute URL."""
    return tag.kind == "link" and any(same_page(tag.text, url) for url in urls)


def _without_merged_blocks(doc: Document, indices: tuple[int, ...], side: list[_Side],
                           other: list[_Side]) -> list[_Side]:
    """``side`` less the tags of whole blocks that the aligner merged into this unit and that
    share no tag with the other side: list items a stale translation still has, for example.
    Their content is an addition or an omission (those checks judge it), not a lost tag."""
    paragraphs = {doc.segments[i].paragraph for i in indices}
    if len(paragraphs) < 2:
        return side
    left = Counter(o.tag.identity for o in other)
    keep: list[_Side] = []
    for paragraph in sorted(paragraphs):
        block = [s for s in side if doc.segments[s.segment].paragraph == paragraph]
        if block and not any(left[s.tag.identity] > 0 for s in block):
            continue
        for s in block:
            left[s.tag.identity] -= 1
        keep.extend(block)
    return keep


class _Anchors:
    """Follows a same-page anchor of the source to its heading, and that heading across the
    alignment to the translation's, whose ids the translation's anchor may use."""

    def __init__(self, source: Document, target: Document, links: tuple[Link, ...]) -> None:
        self._source, self._target, self._links = source, target, links
        self._ready = False

    def follows(self, source_target: str, target_target: str) -> bool:
        """Whether the translation's ``#anchor`` is an id of the heading aligned with the one
        the source's ``#anchor`` names."""
        if not (source_target.startswith("#") and target_target.startswith("#")):
            return False
        if not self._ready:
            self._source_ids = heading_anchors(self._source)
            self._target_ids = heading_anchors(self._target)
            self._of_source = {i: lk for lk in self._links for i in lk.source}
            self._ready = True
        wanted, given = source_target[1:], target_target[1:]
        for i, ids in self._source_ids.items():
            if wanted in ids and i in self._of_source and any(
                    given in self._target_ids.get(j, ()) for j in self._of_source[i].target):
                return True
        return False


_LINE_COMMENT = re.compile(r"(?:^|(?<=\s))(?:#|//|--(?=\s)).*$", re.MULTILINE)
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/|<!--.*?-->", re.DOTALL)
# A file included into a block (markdown-include, mdx_include: "{!> ../docs_src/app.py!}", or
# pymdownx.snippets: '--8<-- "app.py"') is the same code whatever the flag and spacing.
_INCLUDE = re.compile(r"\{!\s*[>+-]?\s*(\S+?)\s*!\}|--8<--\s*([\"'])(.+?)\2")


def code_lines(code: str) -> list[tuple[int, str]]:
    """(0-based line, normalised text) of each line of ``code`` that is code, not comment.

    Comments (``# …``, ``// …``, ``-- …``, ``/* … */``, ``<!-- … -->``) may be translated; a block
    comment becomes blank lines, so line numbers stay those of the block.
    """
    code = _BLOCK_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), code)
    code = _INCLUDE.sub(lambda m: f"{{!{m.group(1)}!}}" if m.group(1) else f'--8<-- "{m.group(3)}"', code)
    code = _LINE_COMMENT.sub("", code)
    return [(k, " ".join(line.split())) for k, line in enumerate(code.split("\n")) if line.strip()]


def _same_line(a: str, b: str) -> bool:
    """Two code lines are the same, or one is the other's output coloured with tags
    (``$ <font color="#4E9A06">fastapi</font> dev`` and ``$ fastapi dev``)."""
    if a == b:
        return True
    if ("<" in a) == ("<" in b):
        return False
    plain = lambda line: " ".join(TAG.sub("", line).split())  # noqa: E731
    return plain(a) == plain(b)


def _identical_blocks(source: Document, doc: Document, links: tuple[Link, ...]) -> tuple[set[int], set[int]]:
    """The source and translation code blocks that have an identical block (comments aside) on
    the other side: first the aligned pairs, then any other, each block used once. The aligner
    may pair the blocks of a page that has fewer of them wrongly, and a block the translation
    copies exactly is no changed block wherever the aligner put it."""
    def code(d: Document, i: int) -> tuple[str, ...]:
        return tuple(line for _, line in code_lines(d.segments[i].text))

    src = {i: code(source, i) for i, seg in enumerate(source.segments) if seg.kind == "code"}
    tgt = {j: code(doc, j) for j, seg in enumerate(doc.segments) if seg.kind == "code"}
    same_src: set[int] = set()
    same_tgt: set[int] = set()
    for link in links:
        for i in link.source:
            j = next((j for j in link.target if j in tgt and j not in same_tgt and tgt[j] == src.get(i)), None)
            if j is not None:
                same_src.add(i)
                same_tgt.add(j)
    free: dict[tuple[str, ...], list[int]] = {}
    for i, lines in src.items():
        if i not in same_src:
            free.setdefault(lines, []).append(i)
    for j, lines in tgt.items():
        if j not in same_tgt and free.get(lines):
            same_src.add(free[lines].pop(0))
            same_tgt.add(j)
    return same_src, same_tgt


class CodeBlockMismatch(Check):
    """A code block of the source is changed in the translation (comments aside).

    What it does:
        For Markdown code blocks (fenced or indented) aligned with a code block of the
        translation, compares the code line by line, ignoring comments (which may be
        translated) and spacing, and reports the first line that differs. A block the other
        side has exactly (wherever the aligner put it) is no change, and an included file
        (``{!> app.py!}``, ``--8<-- "app.py"``) is compared by the file it names.

    Why is this bad?
        Readers copy code blocks as they are: a changed command, option or value fails when run,
        and a translated identifier or string key no longer matches the program.

    Example:
        Source block: ``acme init --name demo``; translation block: ``acme init --name 演示``.
    """

    id = "code-block-mismatch"
    name = "Changed code block"
    category = Category.ACCURACY
    severity = Severity.MAJOR

    def findings(self, corpus: Corpus, known: object) -> Iterator[Finding]:
        # Blocks are matched across the whole document (``_identical_blocks``), but only Markdown
        # and text have code blocks: the units of a bilingual file (and a shard of them) have none.
        source = corpus.source
        for doc in corpus.translations:
            links = corpus.alignment(doc).links
            same = _identical_blocks(source, doc, links)
            for link in links:
                src = [i for i in link.source if source.segments[i].kind == "code"]
                tgt = [j for j in link.target if doc.segments[j].kind == "code"]
                if len(src) == 1 and len(tgt) == 1 and src[0] not in same[0] and tgt[0] not in same[1]:
                    yield from self._compare(source, doc, src[0], tgt[0])

    def _compare(self, source: Document, doc: Document, i: int, j: int) -> Iterator[Finding]:
        a, b = code_lines(source.segments[i].text), code_lines(doc.segments[j].text)
        for k in range(max(len(a), len(b))):
            left = a[k] if k < len(a) else None
            right = b[k] if k < len(b) else None
            if left is not None and right is not None and _same_line(left[1], right[1]):
                continue
            text_b = doc.segments[j].text
            if right is not None:
                start = sum(len(line) + 1 for line in text_b.split("\n")[: right[0]])
                line_text = text_b.split("\n")[right[0]]
                where = doc.locate(j, start, start + len(line_text))
            else:
                where = doc.locate(j)
            shown_a = left[1] if left else "(nothing)"
            shown_b = right[1] if right else "(nothing)"
            yield self.finding(
                f"A code block of {doc.path} differs from the source's: '{shown_b}' where the source "
                f"has '{shown_a}'.",
                [where, source.locate(i)],
                suggestion=left[1] if left else None, source_line=shown_a, target_line=shown_b,
            )
            return
