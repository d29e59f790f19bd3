"""Inline suppressions in Markdown and gettext files, and per-file ignores from the config.

In a Markdown file (source or translation), an HTML comment silences checks where it stands,
for ``transcheck compare`` and ``transcheck check`` alike::

    <!-- transcheck-ignore: number-mismatch, spelling -->
    This paragraph may keep its numbers and its spelling.

    Some text <!-- transcheck-ignore: term-drift --> in the paragraph the comment is in.

    <!-- transcheck-ignore-file: spelling -->   (anywhere: the whole file)

A comment covers the paragraph it sits in, or, when it stands alone before a blank line, the
next paragraph. Ids are prefixes, as ``--ignore`` takes them; no ids (``<!-- transcheck-ignore -->``)
means every check. A finding is silenced when one of its locations starts in a covered line of
its document. Comments are HTML comments, so they never show in the rendered page.

In a gettext file (``.po``, ``.pot``), a translator comment does the same for its entry::

    # transcheck-ignore: placeholder-mismatch
    msgid "%d files"
    msgstr "文件"
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from checker.model import Finding, Report
from checker.readers import REGISTRY
from checker.readers.base import HTML_COMMENT, Comment, load_text
from checker.text.globs import glob_regex



def _ignore_comment(syntax: Comment) -> re.Pattern[str]:
    """A ``transcheck-ignore`` comment in a format's comment syntax."""
    return re.compile(f"{syntax.opens}transcheck-ignore(?P<file>-file)?"
                      f"(?:\\s*:\\s*(?P<ids>{syntax.text}))?\\s*{syntax.closes}")


_MARKDOWN = _ignore_comment(HTML_COMMENT)
COMMENTS = {suffix: _ignore_comment(f.comment) for f in REGISTRY if f.comment for suffix in f.suffixes}
"""The comment that silences checks, by file suffix, as each format declares its comment syntax
(formats without one have none)."""


@dataclass(frozen=True)
class Suppressions:
    """Which check-id prefixes are silenced on which lines (``()`` in a set means every check)."""

    lines: Mapping[int, frozenset[str]] = field(default_factory=dict)
    whole_file: frozenset[str] = frozenset()

    def covers(self, check: str, line: int) -> bool:
        ids = self.whole_file | self.lines.get(line, frozenset())
        return any(prefix == "" or check.startswith(prefix) for prefix in ids)

    def __bool__(self) -> bool:
        return bool(self.lines or self.whole_file)


def parse(text: str, comment: re.Pattern[str] = _MARKDOWN) -> Suppressions:
    """The suppressions that the comments in a text declare (Markdown's, unless ``comment``)."""
    lines = text.split("\n")
    covered: dict[int, set[str]] = {}
    whole: set[str] = set()
    for k, line in enumerate(lines):
        for match in comment.finditer(line):
            ids = {i.strip() for i in (match.group("ids") or "").split(",") if i.strip()} or {""}
            if match.group("file"):
                whole |= ids
                continue
            first, last = _block(lines, k, alone=not comment.sub("", line).strip())
            for number in range(first, last + 1):
                covered.setdefault(number + 1, set()).update(ids)
    return Suppressions({n: frozenset(ids) for n, ids in covered.items()}, frozenset(whole))


def _block(lines: Sequence[str], k: int, *, alone: bool) -> tuple[int, int]:
    """0-based first and last line of the paragraph around line ``k`` (or after it, if alone)."""
    def blank(i: int) -> bool:
        return not lines[i].strip()

    if alone and (k + 1 >= len(lines) or blank(k + 1)):
        k += 1
        while k < len(lines) and blank(k):
            k += 1
        if k >= len(lines):
            return k, k - 1  # nothing follows: covers nothing
    first = k
    while first > 0 and not blank(first - 1):
        first -= 1
    last = k
    while last + 1 < len(lines) and not blank(last + 1):
        last += 1
    return first, last


@lru_cache(maxsize=1024)
def _file_suppressions(path: str, mtime_ns: int, size: int) -> Suppressions:
    text = load_text(Path(path)).text
    if "transcheck-ignore" not in text:
        return Suppressions()
    return parse(text, COMMENTS[Path(path).suffix.lower()])


def suppressions_of(path: Path) -> Suppressions:
    """The suppressions of a Markdown or gettext file (none for other formats, or files that
    cannot be read)."""
    if path.suffix.lower() not in COMMENTS or not path.is_file():
        return Suppressions()
    stat = path.stat()
    try:
        return _file_suppressions(str(path), stat.st_mtime_ns, stat.st_size)
    except Exception:  # an unreadable file is reported by the reader, not here
        return Suppressions()


def apply(report: Report, root: Path, per_file: Mapping[str, Sequence[str]] | None = None
          ) -> tuple[Report, int]:
    """The report without its suppressed findings, and how many were dropped.

    ``per_file`` maps path globs (relative to ``root``) to check-id prefixes ignored there.
    """
    rules = [(glob_regex(glob), tuple(ids)) for glob, ids in (per_file or {}).items()]
    docs = {doc.id: doc for doc in report.documents}
    by_doc = {doc.id: suppressions_of(root / doc.path) for doc in report.documents}

    def silenced(finding: Finding) -> bool:
        for location in finding.locations:
            doc = docs.get(location.document)
            if doc is None:
                continue
            if by_doc[doc.id].covers(finding.check, location.line):
                return True
            if any(regex.fullmatch(doc.path) and any(finding.check.startswith(i) for i in ids)
                   for regex, ids in rules):
                return True
        return False

    kept = tuple(f for f in report.findings if not silenced(f))
    dropped = len(report.findings) - len(kept)
    return (replace(report, findings=kept) if dropped else report), dropped
