"""``placeholder-mismatch``: the placeholders a program fills in differ between source and translation.

Placeholders understood (outside code spans and URLs):

- printf: ``%s``, ``%d``, ``%.2f``, ``%ld``, positional ``%1$s``, Python ``%(name)s`` (``%%`` is a
  literal percent sign; ``50% of``, ``50%的`` and ``%2F`` in a URL are no placeholders);
- braces: ``{name}``, ``{0}``, ``{}``, Python format specs ``{price:.2f}``;
- double braces: ``{{var}}``, ``{{ count }}`` (Mustache, Handlebars, Jinja, i18next);
- ICU MessageFormat: ``{count, plural, one {# file} other {# files}}``, ``{g, select, ...}``,
  ``{n, number}``; the placeholders inside the branches count too.

Unnumbered printf placeholders are positional: the n-th ``%s`` of the translation stands for the
n-th of the source, so ``%s … %d`` -> ``%d … %s`` is an error, while ``%2$d … %1$s`` is the
allowed way to reorder. Named and numbered placeholders may appear in any order. ICU plural
branches may differ (Chinese has only ``other``), but an ``other`` branch must stay.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Link, Segment, Severity

_PRINTF = re.compile(
    r"%%|%(?:(?P<pos>[1-9]\d*)\$)?(?:\((?P<name>[^\W\d][\w.-]*)\))?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
    r"(?P<len>hh|h|ll|l|L|q|j|z|t)?(?P<conv>[diouxXeEfFgGcspa@])"
)
_MUSTACHE = re.compile(r"\{\{\{?\s*([#/^>&]?\s*[\w.\-]+(?:\s+[\w.\-]+)*)\s*\}?\}\}")
_FORMAT_SPEC = r"(?:![rsa])?(?::[^{}]?[<>=^]?[+\- ]?#?0?\d*[,_]?(?:\.\d+)?[bcdeEfFgGnosxX%]?)?"
_POSITIONAL = re.compile(rf"\s*(\d+)\s*{_FORMAT_SPEC}")
_NAMED = re.compile(rf"\s*([^\W\d][\w.\-]*)\s*{_FORMAT_SPEC}")
_ICU = re.compile(r"\s*([^\W\d][\w.\-]*|\d+)\s*,\s*([^\W\d_]+)\s*(?:,(.*))?", re.DOTALL)
_ICU_BRANCHES = ("plural", "select", "selectordinal")
_INLINE = re.compile(r"<[A-Za-z/][^<>]*>")
_INLINE_FORMATS = frozenset({"xliff", "tmx"})
_SKIP = re.compile(r"(`+)[^`].*?\1|\b(?:https?|ftp)://[^\s<>\"'）」]+|\bwww\.[^\s<>\"'）」]+", re.DOTALL)


@dataclass(frozen=True)
class Placeholder:
    """One placeholder: as written, where, and what it stands for (``identity``).

    ``ordered`` placeholders (unnumbered printf, ``{}``) get their identity from their position
    among the ordered ones of their side, when two sides are compared.
    """

    text: str
    start: int
    end: int
    identity: str
    ordered: bool = False
    branches: frozenset[str] = frozenset()


PRINTF_FLAGS = frozenset({"c-format", "python-format", "php-format", "perl-format", "sh-format",
                          "objc-format", "java-printf-format", "gcc-internal-format"})
"""gettext flags that say a message is a printf format: every ``%`` conversion in it is one."""
NO_PRINTF_FLAGS = frozenset(f"no-{flag}" for flag in PRINTF_FLAGS)
"""gettext flags that say a message is not a printf format (``no-c-format``): no ``%`` is one."""


def extract(text: str, *, printf: bool = False, code: bool = False, inline: bool = False) -> list[Placeholder]:
    """Every placeholder of ``text``, in order (URLs skipped, and code spans unless ``code``).

    ``printf`` says the text is known to be a printf format (a gettext ``c-format`` entry), so
    ``%dm`` is ``%d`` then the letter m; otherwise a conversion followed by a letter (``%self``)
    is read as a percent sign, unless it has a width or precision (``%.3fs``). With ``inline``
    (XLIFF, TMX), the attributes of inline elements are skipped: ``<x equiv-text="{{ n }}"/>``
    is the element's, which tag-mismatch checks.
    """
    if "%" not in text and "{" not in text:
        return []  # most text: neither sign a placeholder starts with
    skip = [m.span() for m in _SKIP.finditer(text) if not (code and m.group().startswith("`"))]
    if inline:
        skip += [m.span() for m in _INLINE.finditer(text)]
    closes = _matching_braces(text)
    found: list[Placeholder] = []
    pos = 0
    while pos < len(text):
        nxt = min((i for i in (text.find("%", pos), text.find("{", pos)) if i >= 0), default=-1)
        if nxt < 0:
            break
        inside = next((b for a, b in skip if a <= nxt < b), None)
        if inside is not None:
            pos = inside
            continue
        item, end = (_printf(text, nxt, printf) if text[nxt] == "%" else _brace(text, nxt, closes))
        if item is not None:
            found.append(item)
        pos = max(end, nxt + 1)
    return found


def _printf(text: str, at: int, certain: bool = False) -> tuple[Placeholder | None, int]:
    m = _PRINTF.match(text, at)
    if m is None or m.group() == "%%":
        return None, at + (2 if m else 1)
    before = text[at - 1] if at else ""
    after = text[m.end():m.end() + 1]
    loose = m.group("pos") is None and m.group("name") is None and not certain
    plain = m.end() - at == 2  # no flags, width, precision or length: %s, %d
    if loose and (before.isdigit() and before.isascii() or plain and after.isascii() and after.isalpha()):
        return None, at + 1  # 50%off, 5%s, %self: a percent sign, not a placeholder
    conv = {"i": "d"}.get(m.group("conv"), m.group("conv"))
    kind = (m.group("len") or "") + conv
    if m.group("name"):
        return Placeholder(m.group(), at, m.end(), f"%({m.group('name')}){kind}"), m.end()
    if m.group("pos"):
        return Placeholder(m.group(), at, m.end(), f"%{m.group('pos')}${kind}"), m.end()
    return Placeholder(m.group(), at, m.end(), f"%{kind}", ordered=True), m.end()


def _matching_braces(text: str) -> dict[int, int]:
    """For each ``{`` that is closed, the index just past its ``}`` (one pass, with a stack)."""
    closes: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "{":
            stack.append(i)
        elif ch == "}" and stack:
            closes[stack.pop()] = i + 1
    return closes


def _brace(text: str, at: int, closes: dict[int, int]) -> tuple[Placeholder | None, int]:
    m = _MUSTACHE.match(text, at)
    if m:
        name = " ".join(m.group(1).split())
        return Placeholder(m.group(), at, m.end(), "{{" + name + "}}"), m.end()
    end = closes.get(at, -1)
    if end < 0:
        return None, at + 1
    inner = text[at + 1:end - 1]
    whole = text[at:end]
    if not inner.strip():
        return Placeholder(whole, at, end, "{}", ordered=True), end
    if _POSITIONAL.fullmatch(inner):
        return Placeholder(whole, at, end, "{" + _POSITIONAL.fullmatch(inner).group(1) + "}"), end  # type: ignore[union-attr]
    if _NAMED.fullmatch(inner):
        return Placeholder(whole, at, end, "{" + _NAMED.fullmatch(inner).group(1) + "}"), end  # type: ignore[union-attr]
    icu = _ICU.fullmatch(inner)
    if icu:
        name, kind, style = icu.group(1), icu.group(2).lower(), icu.group(3) or ""
        branches: frozenset[str] = frozenset()
        if kind in _ICU_BRANCHES:
            branches = frozenset(re.findall(r"(=?\w+)\s*\{", _top_level(style)))
        return Placeholder(whole, at, end, f"{{{name}, {kind}}}", branches=branches), at + 1 + icu.end(2)
    return None, at + 1


def _top_level(style: str) -> str:
    """The ICU branch list with the branch bodies emptied: ``one {…} other {…}`` -> ``one {} other {}``."""
    out, depth = [], 0
    for ch in style:
        if ch == "{":
            if depth == 0:
                out.append(ch)
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                out.append(ch)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def identities(found: list[Placeholder]) -> list[str]:
    """What each placeholder stands for; the n-th ordered one is numbered n (``%s`` -> ``%2$s``)."""
    out, n = [], 0
    for p in found:
        if p.ordered:
            n += 1
            out.append(p.identity.replace("%", f"%{n}$", 1) if p.identity.startswith("%")
                       else "{" + str(n - 1) + "}")
        else:
            out.append(p.identity)
    return out


@dataclass(frozen=True)
class _Side:
    segment: int
    placeholder: Placeholder
    identity: str


def _side(doc: Document, indices: tuple[int, ...], code: bool = False) -> list[_Side]:
    inline = doc.format in _INLINE_FORMATS
    items = [(i, p) for i in indices for p in of_segment(doc.segments[i], code, inline)]
    ids = identities([p for _, p in items])
    return [_Side(i, p, ident) for (i, p), ident in zip(items, ids)]


def of_segment(seg: Segment, code: bool = False, inline: bool = False) -> list[Placeholder]:
    """The placeholders of a segment, read as its format flags say (``python-format``...);
    a ``python-brace-format`` entry's braces are placeholders even between backticks, and a
    ``no-c-format`` or ``no-python-brace-format`` entry has no placeholder of that kind."""
    code = code or "python-brace-format" in seg.flags
    found = extract(seg.text, printf=bool(seg.flags & PRINTF_FLAGS), code=code, inline=inline)
    if seg.flags & NO_PRINTF_FLAGS:
        found = [p for p in found if not p.text.startswith("%")]
    if "no-python-brace-format" in seg.flags:
        found = [p for p in found if not p.text.startswith("{")]
    return found


class PlaceholderMismatch(Check):
    """A placeholder of the source is missing, renamed, retyped or added in the translation.

    What it does:
        Finds the placeholders of each source unit and its translation (printf ``%s``, ``%1$s``,
        ``%(name)s``; ``{name}``, ``{0}``; ``{{var}}``; ICU ``{count, plural, ...}``) and compares
        what they stand for. Named and numbered ones may move; unnumbered printf placeholders
        must keep their order and type (reorder them with ``%1$s``, ``%2$d``). ICU plural
        branches may differ between languages, but the ``other`` branch must remain. For
        gettext plurals, a form may use any placeholder of the entry's singular or plural.

    Why is this bad?
        The program fills placeholders by name or position: a missing one drops a value, an
        unknown or retyped one raises an error or prints garbage at run time.

    Example:
        Source: "Delete {count} files from %(folder)s?"  Translation: "从 %(文件夹)s 删除 {count} 个文件？"
        -> ``%(folder)s`` is missing and ``%(文件夹)s`` is not a placeholder of the source.
    """

    id = "placeholder-mismatch"
    name = "Placeholder mismatch"
    category = Category.ACCURACY
    severity = Severity.MAJOR
    per_unit = True
    in_worker = True

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        forms: dict[str, list[Segment]] = {}  # gettext plural entry -> its source forms
        for seg in corpus.source.segments:
            if seg.kind == "plural" and seg.key:
                forms.setdefault(seg.key.rsplit("[", 1)[0], []).append(seg)
        for doc, link in corpus.matched():
            yield from self._link(corpus, doc, link, forms)

    def _link(self, corpus: Corpus, doc: Document, link: Link, forms: dict[str, list[Segment]]
              ) -> Iterator[Finding]:
        src_doc = corpus.source
        source = _side(src_doc, link.source)
        target = _side(doc, link.target)
        if not source and not target:
            return
        allowed, required = self._plural_forms(src_doc, link, source, forms)
        missing = list((Counter(s.identity for s in source) - Counter(t.identity for t in target)).elements())
        extra = list((Counter(t.identity for t in target) - Counter(s.identity for s in source)).elements())
        if allowed is not None:
            extra = [e for e in extra if e not in allowed]
            missing = [m for m in missing if m in required]
        # A placeholder said twice on one side and once on the other is still there.
        # A placeholder one side writes as code (`{name}`) and the other in quotes is kept.
        src_ids = {s.identity for s in source} | {s.identity for s in _side(src_doc, link.source, True)}
        tgt_ids = {t.identity for t in target} | {t.identity for t in _side(doc, link.target, True)}
        missing = [m for m in missing if m not in tgt_ids]
        extra = [e for e in extra if e not in src_ids]
        data = {"source_placeholders": [s.placeholder.text for s in source],
                "target_placeholders": [t.placeholder.text for t in target]}
        if missing or extra:
            yield from self._report(src_doc, doc, link, source, target, missing, extra, data)
        yield from self._branches(src_doc, doc, source, target, data)

    @staticmethod
    def _plural_forms(src_doc: Document, link: Link, source: list[_Side],
                      forms: dict[str, list[Segment]]) -> tuple[set[str] | None, set[str]]:
        """For a gettext plural form: the identities any form of the entry has (allowed in the
        translation), and those it must keep (the plural's, when it renders the plural)."""
        seg = src_doc.segments[link.source[0]]
        if seg.kind != "plural" or not seg.key or len(link.source) != 1:
            return None, set()
        entry = forms[seg.key.rsplit("[", 1)[0]]
        allowed = {ident for s in entry for ident in identities(of_segment(s))}
        renders_plural = seg.text == entry[-1].text
        required = {x.identity for x in source} if renders_plural else set()
        return allowed, required

    def _report(self, src_doc: Document, doc: Document, link: Link, source: list[_Side],
                target: list[_Side], missing: list[str], extra: list[str], data: dict[str, Any]
                ) -> Iterator[Finding]:
        by_id_s = {s.identity: s for s in source}
        by_id_t = {t.identity: t for t in target}
        ordered = [s for s in source if s.placeholder.ordered]
        if ordered and missing and extra and all(by_id_t[e].placeholder.ordered for e in extra if e in by_id_t) \
                and sorted(_conv(m) for m in missing) == sorted(_conv(e) for e in extra):
            t = by_id_t[extra[0]]
            src_seq = " … ".join(s.placeholder.text for s in ordered)
            tgt_seq = " … ".join(x.placeholder.text for x in target if x.placeholder.ordered)
            yield self.finding(
                f"{doc.path} has the unnumbered placeholders in another order ('{tgt_seq}' for the "
                f"source's '{src_seq}'); number them (%1$s, %2$d) to reorder.",
                [doc.locate(t.segment, t.placeholder.start, t.placeholder.end),
                 src_doc.locate(ordered[0].segment, ordered[0].placeholder.start, ordered[0].placeholder.end)],
                suggestion=src_seq, missing=missing, extra=extra, **data,
            )
            return
        renamed = len(missing) == 1 and len(extra) == 1
        for m in missing:
            s = by_id_s[m]
            loc_t = doc.locate(link.target[0])
            if renamed:
                t = by_id_t[extra[0]]
                yield self.finding(
                    f"{doc.path} has '{t.placeholder.text}' where the source has the placeholder "
                    f"'{s.placeholder.text}'.",
                    [doc.locate(t.segment, t.placeholder.start, t.placeholder.end),
                     src_doc.locate(s.segment, s.placeholder.start, s.placeholder.end)],
                    suggestion=s.placeholder.text, missing=missing, extra=extra, **data,
                )
                return
            yield self.finding(
                f"The placeholder '{s.placeholder.text}' of the source is missing from {doc.path}.",
                [src_doc.locate(s.segment, s.placeholder.start, s.placeholder.end), loc_t],
                suggestion=s.placeholder.text, missing=missing, extra=extra, **data,
            )
        for e in extra:
            t = by_id_t[e]
            yield self.finding(
                f"'{t.placeholder.text}' in {doc.path} is not a placeholder of the source.",
                [doc.locate(t.segment, t.placeholder.start, t.placeholder.end),
                 src_doc.locate(link.source[0])],
                missing=missing, extra=extra, **data,
            )

    def _branches(self, src_doc: Document, doc: Document, source: list[_Side], target: list[_Side],
                  data: dict[str, Any]) -> Iterator[Finding]:
        """An ICU plural or select that loses its ``other`` branch is invalid."""
        by_id = {t.identity: t for t in target}
        for s in source:
            t = by_id.get(s.identity)
            if t is None or "other" not in s.placeholder.branches or "other" in t.placeholder.branches:
                continue
            yield self.finding(
                f"The ICU message '{s.identity}' in {doc.path} has no 'other' branch "
                f"(it has {', '.join(sorted(t.placeholder.branches)) or 'none'}).",
                [doc.locate(t.segment, t.placeholder.start, t.placeholder.end),
                 src_doc.locate(s.segment, s.placeholder.start, s.placeholder.end)],
                **data,
            )


def _conv(identity: str) -> str:
    """The type part of a printf identity (``%2$d`` -> ``d``); the identity itself otherwise."""
    m = re.fullmatch(r"%\d+\$(.+)", identity)
    return m.group(1) if m else identity
