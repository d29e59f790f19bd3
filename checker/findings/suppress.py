"""Inline suppressions in the files' own comments, and per-file ignores from the config.

Every format that has comments takes the same directives, written in its own comment (the
``comments`` of its entry in ``checker.readers.REGISTRY``), for ``transcheck compare`` and
``transcheck check`` alike::

    <!-- transcheck-ignore: number-mismatch, spelling -->     Markdown (an HTML comment)
    # transcheck-ignore: placeholder-mismatch                  gettext (a translator comment)
    <note>transcheck-ignore: tag</note>                        XLIFF (a note of the unit)
    NOTE transcheck-ignore: spelling                           WebVTT / SRT (a NOTE block)
    transcheck-ignore: spelling                                plain text (a marker line)

- ``transcheck-ignore[: ids]`` covers the paragraph it sits in, or, when it stands alone before
  a blank line, the next paragraph (a gettext entry, a subtitle cue); in XLIFF, the unit it is
  in, or else the next unit.
- ``transcheck-disable[: ids]`` ... ``transcheck-enable[: ids]`` covers every line between
  them, as Vale's ``off`` and ``on`` (an enable without ids ends every disable; one that is
  never closed runs to the end of the file).
- ``transcheck-ignore-file[: ids]``, anywhere: the whole file.

Ids are prefixes, as ``--ignore`` takes them; no ids means every check. A finding is silenced
when one of its locations starts in a covered line of its document. Silenced findings are not
dropped: they move to ``Report.suppressed``, where SARIF reports them as suppressed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from checker.model import Finding, Report, Suppressed
from checker.text.globs import glob_regex

_DIRECTIVE = re.compile(r"transcheck-(?P<verb>ignore-file|ignore|disable|enable)\b"
                        r"(?:\s*:\s*(?P<ids>[\w.,\s-]*?))?\s*(?=$|-->|<|\Z)")
_ANY = r"(?:transcheck-(?:ignore|disable|enable)[^<>\n]*?)"


@dataclass(frozen=True)
class Suppressions:
    """Which check-id prefixes are silenced on which lines (``""`` in a set means every check)."""

    lines: Mapping[int, frozenset[str]] = field(default_factory=dict)
    whole_file: frozenset[str] = frozenset()

    def covers(self, check: str, line: int) -> bool:
        ids = self.whole_file | self.lines.get(line, frozenset())
        return any(prefix == "" or check.startswith(prefix) for prefix in ids)

    def __bool__(self) -> bool:
        return bool(self.lines or self.whole_file)


def syntax_of(format: str):
    """The ``Comments`` of a format (by its reader name), or None when it has no comments."""
    from checker.readers import REGISTRY

    return next((f.comments for f in REGISTRY if f.name == format), None)


def parse(text: str, syntax=None) -> Suppressions:
    """The suppressions that the comments in a text declare (Markdown's, unless ``syntax``)."""
    syntax = syntax or syntax_of("markdown")
    comment = _comment_regex(syntax.pattern)
    units = _units(text, syntax.unit) if syntax.unit else None
    ends = [last for _, last in units] if units is not None else []
    lines = text.split("\n")
    covered: dict[int, set[str]] = {}
    whole: set[str] = set()
    off: set[str] = set()
    for k, line in enumerate(lines):
        for match in comment.finditer(line):
            directive = _DIRECTIVE.search(match.group(0))
            if directive is None:
                continue
            ids = {i.strip() for i in (directive.group("ids") or "").split(",") if i.strip()} or {""}
            verb = directive.group("verb")
            if verb == "ignore-file":
                whole |= ids
            elif verb == "disable":
                off |= ids
            elif verb == "enable":
                off = set() if ids == {""} else off - ids
            else:
                alone = not comment.sub("", line).strip()
                first, last = _unit(units, ends, k) if units is not None else _block(lines, k, alone=alone)
                for number in range(first, last + 1):
                    covered.setdefault(number + 1, set()).update(ids)
        if off:
            covered.setdefault(k + 1, set()).update(off)
    return Suppressions({n: frozenset(ids) for n, ids in covered.items()}, frozenset(whole))


@lru_cache(maxsize=64)
def _comment_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace("{directive}", _ANY))


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


def _units(text: str, element: str) -> list[tuple[int, int]]:
    """0-based first and last lines of every ``element`` of an XML text, in order (outermost)."""
    tags = re.compile(rf"<(/?)(?:[\w.-]+:)?({element})\b[^>]*?(/?)>")
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    counted, newlines = 0, 0  # line breaks before ``counted``: each counted once (a memory's units)

    def line_of(offset: int) -> int:
        nonlocal counted, newlines
        newlines += text.count("\n", counted, offset)
        counted = offset
        return newlines

    for match in tags.finditer(text):
        line = line_of(match.start())
        closing, empty = match.group(1), match.group(3)
        if closing:
            depth -= 1
            if depth == 0:
                spans.append((start, line_of(match.end())))
        elif not empty:
            if depth == 0:
                start = line
            depth += 1
    return spans


def _unit(units: list[tuple[int, int]], ends: list[int], k: int) -> tuple[int, int]:
    """The unit that line ``k`` is in, or else the next one (nothing when none follows): the
    first unit ending at or after ``k`` (``ends``: each unit's last line; units do not overlap)."""
    at = bisect.bisect_left(ends, k)
    return units[at] if at < len(units) else (k + 1, k)


@lru_cache(maxsize=1024)
def _file_suppressions(path: str, format: str, mtime_ns: int, size: int) -> Suppressions:
    from checker.readers.base import load_text

    if not _mentions_directive(Path(path)):
        return Suppressions()  # a memory of a million units is not read a second time, whole
    return parse(load_text(Path(path)).text, syntax_of(format))


_MARK = "transcheck-"
_MARKS = tuple({_MARK.encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")})
_CHUNK = 1 << 20


def _mentions_directive(path: Path) -> bool:
    """Whether the file's bytes hold ``transcheck-`` (in UTF-8 or any encoding keeping ASCII as
    it is, or in UTF-16 or UTF-32), read a MiB at a time."""
    keep = max(map(len, _MARKS)) - 1
    tail = b""
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            window = tail + chunk
            if any(mark in window for mark in _MARKS):
                return True
            tail = window[-keep:]
    return False


def suppressions_of(path: Path, format: str) -> Suppressions:
    """The suppressions of a file of ``format`` (none for a format without comments, or a file
    that cannot be read)."""
    if syntax_of(format) is None or not path.is_file():
        return Suppressions()
    stat = path.stat()
    try:
        return _file_suppressions(str(path), format, stat.st_mtime_ns, stat.st_size)
    except Exception:  # an unreadable file is reported by the reader, not here
        return Suppressions()


def apply(report: Report, root: Path, per_file: Mapping[str, Sequence[str]] | None = None
          ) -> tuple[Report, int]:
    """The report with its silenced findings moved to ``suppressed``, and how many moved.

    ``per_file`` maps path globs (relative to ``root``) to check-id prefixes ignored there. A
    finding is silenced ``by`` a ``comment`` in its file or by the ``config``'s per-file ignores.
    """
    rules = [(glob_regex(glob), tuple(ids)) for glob, ids in (per_file or {}).items()]
    docs = {doc.id: doc for doc in report.documents}
    by_doc = {doc.id: suppressions_of(root / doc.path, doc.format) for doc in report.documents}

    def silenced(finding: Finding) -> str | None:
        for location in finding.locations:
            doc = docs.get(location.document)
            if doc is None:
                continue
            if by_doc[doc.id].covers(finding.check, location.line):
                return "comment"
            if any(regex.fullmatch(doc.path) and any(finding.check.startswith(i) for i in ids)
                   for regex, ids in rules):
                return "config"
        return None

    kept: list[Finding] = []
    dropped: list[Suppressed] = []
    for finding in report.findings:
        kind = silenced(finding)
        if kind is None:
            kept.append(finding)
        else:
            dropped.append(Suppressed(finding, kind))
    if not dropped:
        return report, 0
    return replace(report, findings=tuple(kept), suppressed=(*report.suppressed, *dropped)), len(dropped)
