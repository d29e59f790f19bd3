"""Software strings: what pofilter-style checks find in a message beyond its placeholders.

- ``printf-width``: a placeholder keeps its name and type but changes its width or precision;
- ``edge-whitespace``: the newlines or indentation around a message (gettext) changed;
- ``usage-brackets``: an optional part of a command-line usage lost its brackets;
- ``call-parens``: ``()`` added to, or dropped from, a name that the source calls or does not.

Each compares one unit with its translation, so each is precise on software catalogues and
quiet on prose, where none of these shapes occurs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.checks import placeholders
from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Link, Severity
from checker.text.patterns import CODE_SPAN


def _pairs(corpus: Corpus) -> Iterator[tuple[Document, Link]]:
    """Each translation with its links that pair text (code blocks are code-block-mismatch's)."""
    for doc, link in corpus.matched():
        if not any(corpus.source.segments[i].kind == "code" for i in link.source):
            yield doc, link


_SPEC = re.compile(r"%(?:\d+\$)?(?:\([^)]*\))?[-+#0 ]*(?P<spec>(?:\d+)?(?:\.\d+)?)")
_BRACE_SPEC = re.compile(r":(?P<spec>[^{}]*)\}$")


def _spec(text: str) -> str:
    """The width and precision of a placeholder as written: ``%.50s`` -> ``.50``."""
    m = _BRACE_SPEC.search(text) if text.startswith("{") else _SPEC.match(text)
    return m.group("spec") if m else ""


class PrintfWidth(Check):
    """A placeholder keeps its name and type but changes its width or precision.

    What it does:
        Pairs the placeholders of a unit and its translation by what they stand for (as
        ``placeholder-mismatch`` does) and compares their width and precision: ``%.50s`` must
        stay ``%.50s``, ``{price:.2f}`` must stay ``{price:.2f}``.

    Why is this bad?
        The width pads or truncates what the program prints: a changed precision cuts a name
        or shows five times as much of it, and breaks columns the source lines up.

    Example:
        Source: "%.50s... (truncated)"  Translation: "%.250s……（已截断）" -> ``%.250s`` for ``%.50s``.
    """

    id = "printf-width"
    name = "Placeholder width changed"
    category = Category.ACCURACY
    severity = Severity.MINOR
    per_unit = True

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        for doc, link in _pairs(corpus):
            source = _placeholders(corpus.source, link.source)
            target = _placeholders(doc, link.target)
            for ident, (i, s) in source.items():
                if ident not in target:
                    continue
                j, t = target[ident]
                a, b = _spec(s.text), _spec(t.text)
                if a != b:
                    yield self.finding(
                        f"{doc.path} writes '{t.text}' for the source's '{s.text}': the width or "
                        f"precision changed.",
                        [doc.locate(j, t.start, t.end), corpus.source.locate(i, s.start, s.end)],
                        suggestion=s.text, source_form=s.text, target_form=t.text,
                    )


def _placeholders(doc: Document, indices: tuple[int, ...]) -> dict[str, tuple[int, placeholders.Placeholder]]:
    items = [(i, p) for i in indices for p in placeholders.of_segment(doc.segments[i])]
    ids = placeholders.identities([p for _, p in items])
    out: dict[str, tuple[int, placeholders.Placeholder]] = {}
    for ident, item in zip(ids, items):
        out.setdefault(ident, item)
    return out


class EdgeWhitespace(Check):
    """The newlines or indentation at the start or end of a message changed (gettext).

    What it does:
        In formats that keep a message's surrounding whitespace (gettext), compares the
        newlines that open and close each message and its leading indentation. A single space
        that only separates the message from what follows or precedes it may go where the
        translation ends or begins with Chinese or Japanese text or full-width punctuation,
        which needs no space.

    Why is this bad?
        Programs print messages one after another: a dropped trailing ``\\n`` runs the next
        message onto the same line, and a cut indentation breaks the layout of help text.

    Example:
        Source: "  The Sphinx documentation generator."  Translation: "Sphinx 文档生成器。"
        -> the two-space indent is gone.
    """

    id = "edge-whitespace"
    name = "Whitespace around a message changed"
    category = Category.MARKUP
    severity = Severity.MINOR
    per_unit = True

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        for doc, link in _pairs(corpus):
            if len(link.source) != 1 or len(link.target) != 1:
                continue
            s = corpus.source.segments[link.source[0]]
            t = doc.segments[link.target[0]]
            for end, (a, b) in (("start", (s.edges[0], t.edges[0])), ("end", (s.edges[1], t.edges[1]))):
                edge_char = t.text[0] if end == "start" else t.text[-1]
                problem = _edge_problem(a, b, edge_char)
                if problem:
                    yield self.finding(
                        f"{doc.path} {problem} at the {end} of the message ({a!r} in the source, "
                        f"{b!r} here).",
                        [doc.locate(t.index), corpus.source.locate(s.index)],
                        suggestion=None, edge=end, source_whitespace=a, target_whitespace=b,
                    )


def _edge_problem(a: str, b: str, edge_char: str) -> str | None:
    if a == b:
        return None
    if a.count("\n") != b.count("\n"):
        return f"has {b.count(chr(10))} line breaks where the source has {a.count(chr(10))}"
    indent_a, indent_b = a.rsplit("\n", 1)[-1], b.rsplit("\n", 1)[-1]
    if indent_a == indent_b:
        return None
    if {indent_a, indent_b} == {" ", ""} and not edge_char.isascii():
        return None  # a separating space that text in Chinese or full-width punctuation needs not
    return f"has {len(indent_b)} spaces where the source has {len(indent_a)}"


# An optional part of usage syntax: brackets around a metavariable, an option or an ellipsis.
# (``[OPTIONS]`` is one, ``[Chakra UI](https://…)`` a Markdown link.)
_OPTIONAL = re.compile(r"\[(?:[^\[\]\n]*?(?:<[^<>\n]+>|(?<![\w])--?[A-Za-z]|\.\.\.|…)[^\[\]\n]*"
                       r"|[A-Z][A-Z_-]+(?:\.\.\.|…)?)\](?![(\[:])")
_BRACKETED = re.compile(r"[\[［【][^\[\]［］【】\n]+[\]］】](?![(\[:])")
_USAGE = re.compile(r"^\s*usage\s*:", re.IGNORECASE | re.MULTILINE)


def _outside_code(text: str) -> str:
    return CODE_SPAN.sub(lambda m: " " * len(m.group()), text)


class UsageBrackets(Check):
    """An optional part of a command-line usage loses its brackets in the translation.

    What it does:
        In usage text (a line that starts "usage:", or has brackets around a metavariable, an
        option, an ellipsis or an upper-case argument: ``[<package>...]``, ``[-h]``,
        ``[OPTIONS]``), counts the bracketed parts of the source and of the translation
        (whatever their words, since metavariables may be translated: ``[<软件包>...]``).
        Fewer brackets in the translation means an optional argument now reads as required.

    Why is this bad?
        Usage text is read literally: ``<软件包>...`` tells users that a package name is
        required when ``[<package>...]`` said it may be left out.

    Example:
        Source: "pip download [options] <requirement specifier> [<package>...]"
        Translation: "pip download [选项] <需求说明符> <软件包>..." -> ``[<package>...]`` lost its brackets.
    """

    id = "usage-brackets"
    name = "Optional usage part without brackets"
    category = Category.ACCURACY
    severity = Severity.MAJOR
    per_unit = True

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        for doc, link in _pairs(corpus):
            i = link.source[0]
            source = "\n".join(_outside_code(corpus.source.segments[k].text) for k in link.source)
            target = "\n".join(_outside_code(doc.segments[k].text) for k in link.target)
            optional = list(_OPTIONAL.finditer(source))
            if optional or _USAGE.search(source):  # usage text: every bracketed part is optional
                optional = list(_BRACKETED.finditer(source))
            if not optional or len(_BRACKETED.findall(target)) >= len(optional):
                continue
            shown = next((m.group() for m in optional if m.group() not in target), optional[-1].group())
            start = corpus.source.segments[i].text.find(shown)
            yield self.finding(
                f"{doc.path} has {len(_BRACKETED.findall(target))} bracketed parts where the source's "
                f"usage has {len(optional)} optional ones: '{shown}' may now read as required.",
                [doc.locate(link.target[0]),
                 corpus.source.locate(i, start, start + len(shown)) if start >= 0 else corpus.source.locate(i)],
                suggestion=None, optional=[m.group() for m in optional],
            )


# A call: a name, a placeholder or a closing quote or brace directly followed by ``()``.
_CALL = re.compile(r"(?:[A-Za-z_][\w.]*|%[sr]|%\([\w.]+\)[sr]|\{[\w.]*\})\(\)")


class CallParens(Check):
    """Call parentheses are added to, or dropped from, a name in the translation.

    What it does:
        Counts the names written as calls (``name()``, ``%s()``) outside code spans in a unit
        and its translation; a different count means the translation calls something a
        function that the source does not, or the other way round.

    Why is this bad?
        In API documentation and index entries, ``()`` says "this is a function": ``%s()``
        for a module variable sends readers looking for a function that does not exist.

    Example:
        Source: "%s (in module %s)"  Translation: "%s()（在 %s 模块中）" -> ``()`` added.
    """

    id = "call-parens"
    name = "Call parentheses changed"
    category = Category.ACCURACY
    severity = Severity.MINOR
    per_unit = True

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        for doc, link in _pairs(corpus):
            source = [(k, m) for k in link.source
                      for m in _CALL.finditer(_outside_code(corpus.source.segments[k].text))]
            target = [(k, m) for k in link.target for m in _CALL.finditer(_outside_code(doc.segments[k].text))]
            if len(source) == len(target):
                continue
            shown_s = [x.group() for _, x in source]
            shown_t = [x.group() for _, x in target]
            if len(target) > len(source):
                k, m = next(((k, m) for k, m in target if m.group() not in shown_s), target[-1])
                yield self.finding(
                    f"{doc.path} writes '{m.group()}' as a call; the source has no such '()'.",
                    [doc.locate(k, m.start(), m.end()), corpus.source.locate(link.source[0])],
                    source_calls=shown_s, target_calls=shown_t,
                )
            else:
                k, m = next(((k, m) for k, m in source if m.group() not in shown_t), source[-1])
                yield self.finding(
                    f"The '()' of '{m.group()}' in the source is missing from {doc.path}.",
                    [corpus.source.locate(k, m.start(), m.end()), doc.locate(link.target[0])],
                    source_calls=shown_s, target_calls=shown_t,
                )
