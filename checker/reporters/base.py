"""What every output format is: a reporter that turns a ``Report`` into text.

A reporter module defines one ``Reporter`` subclass and is registered in
``checker/reporters/__init__.py``. Reporters never recompute anything: every figure they show
is in the ``Report``. The helpers below only say where things are (which document a finding
belongs to, where a span ends), so that every format answers those questions the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from checker.checks import CHECKS
from checker.checks.base import Check
from checker.model import Document, Finding, Location, Report, Severity


class Reporter:
    """Base class of all reporters.

    ``checks`` are the checks a format may describe (SARIF's rules, JUnit's test cases): the
    registry's, unless given. ``fail_on`` is the run's exit threshold, for a format that shows
    what fails (JUnit's failed test cases).
    """

    format: ClassVar[str]  # the option name: --json, --html, ...
    suffix: ClassVar[str]  # the usual file suffix
    option: ClassVar[str | None] = None
    """The help of ``compare``'s and ``check``'s ``--FORMAT PATH`` option (``Write ... here.``),
    which the CLI builds from it; ``None`` for a format only printed on stdout."""
    stdout: ClassVar[bool] = False
    """Whether ``--output-format`` offers it on stdout (the CLI builds its choices from this)."""

    def __init__(self, *, checks: Sequence[type[Check]] | None = None,
                 fail_on: Severity | None = Severity.MAJOR) -> None:
        self.checks: tuple[type[Check], ...] = tuple(CHECKS if checks is None else checks)
        self.fail_on = fail_on

    def render(self, report: Report) -> str:
        raise NotImplementedError

    def chunks(self, report: Report) -> Iterable[str]:
        """``render``'s text in pieces, in order, for a file: a format whose output grows with the
        input (the JSON report of a memory of a million units) never holds all of it at once."""
        return (self.render(report),)


def span_end(report: Report, location: Location) -> tuple[int, int]:
    """The (line, column) just past the last character of ``location.text`` (an exclusive end).

    A span over several whole segments ends where its last segment ends in the file; a span
    inside one segment ends where its text ends, counting the newlines it holds.
    """
    if len(location.segments) > 1:
        try:
            last = report.document(location.document).segments[location.segments[-1]]
        except (KeyError, IndexError):
            pass
        else:
            return last.position(len(last.text))
    text = location.text
    newlines = text.count("\n")
    if newlines == 0:
        return location.line, location.column + len(text)
    return location.line + newlines, len(text) - text.rfind("\n")


LEADING_CHECKS = frozenset(check.id for check in CHECKS if check.leads_report)
"""Findings shown before the per-document groups (the checks that say ``leads_report``): a term
rendered differently across translations is the first thing a reader of a comparison should see."""


def leading(report: Report) -> list[Finding]:
    """The findings of the ``LEADING_CHECKS``, in report order (most severe first)."""
    return [f for f in report.findings if f.check in LEADING_CHECKS]


def by_document(report: Report, *, skip: frozenset[str] = frozenset()
                ) -> list[tuple[Document | None, list[Finding]]]:
    """Findings grouped under the document of their first location, in document order.

    Within a document, findings are ordered by position. Findings without a location come
    last, under ``None``. Findings of the checks in ``skip`` are left out.
    """
    groups: dict[str | None, list[Finding]] = {}
    for finding in report.findings:
        if finding.check in skip:
            continue
        key = finding.locations[0].document if finding.locations else None
        groups.setdefault(key, []).append(finding)
    ordered: list[tuple[Document | None, list[Finding]]] = []
    known = {doc.id for doc in report.documents}
    for doc in report.documents:
        if doc.id in groups:
            ordered.append((doc, sorted(groups[doc.id], key=_position)))
    for key, findings in groups.items():
        if key is not None and key not in known:
            ordered.append((None, findings))
    if None in groups:
        ordered.append((None, groups[None]))
    return ordered


def path_of(report: Report, location: Location) -> str:
    """The path of the document a location points into (its id when the document is unknown)."""
    try:
        return report.document(location.document).path
    except KeyError:
        return location.document


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters for display, ending in ``…`` when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _position(finding: Finding) -> tuple[int, int]:
    first = finding.locations[0]
    return first.line, first.column
