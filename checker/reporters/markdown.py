"""Markdown for a pull-request comment: counts first, then the findings of each document.

Everything that comes from the documents or the checks is escaped, so that no text (a pipe, a
backtick, ``<script>``, ``</details>``, an ``@mention``) can break the table, the page or
notify anyone. Very long reports are cut to fit a GitHub comment (65,536 characters).
"""

from __future__ import annotations

import html
import re
from typing import Any

from checker.model import Document, Finding, Report, Severity
from checker.reporters.base import LEADING_CHECKS, Reporter, by_document, clip, leading, path_of

MARKER = "<!-- transcheck-report -->"
MAX_CHARS = 60_000  # GitHub refuses comments over 65,536 characters
MAX_SPAN = 160  # a longer span (a whole omitted passage) is cut in the table

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


class MarkdownReporter(Reporter):
    """A pull-request comment: a heading, count tables, and findings folded per document."""

    format = "markdown"
    suffix = ".md"
    option = "Write a Markdown report here."

    def __init__(self, max_chars: int = MAX_CHARS, **base: Any) -> None:
        super().__init__(**base)
        self.max_chars = max_chars

    def render(self, report: Report) -> str:
        summary = report.summary()
        head = [MARKER, f"## {_heading(summary)}", "", _signature(report), ""]
        if summary["findings"]:
            head += _count_tables(summary)
        body: list[str] = []
        used = sum(len(line) + 1 for line in head)
        shown = 0
        drifts = leading(report)
        groups = [(None, drifts)] if drifts else []
        for doc, findings in groups + by_document(report, skip=LEADING_CHECKS):
            section = _drift_section(report, findings) if findings is drifts else _section(report, doc, findings)
            size = sum(len(line) + 1 for line in section)
            if used + size > self.max_chars:
                break
            body += section
            used += size
            shown += len(findings)
        if shown < summary["findings"]:
            body.append(f"*{summary['findings'] - shown} more findings are not shown here; "
                        "see the full report.*")
            body.append("")
        return "\n".join(head + body).rstrip("\n") + "\n"


def _heading(summary: dict) -> str:
    total = summary["findings"]
    if not total:
        return "transcheck: no findings"
    counts = ", ".join(f"{n} {sev}" for sev, n in summary["by_severity"].items())
    return f"transcheck: {total} finding{'s' if total != 1 else ''} ({counts})"


def _signature(report: Report) -> str:
    tool = report.tool
    return f"<sub>{escape(tool.name)} {escape(tool.version)} · {code(tool.signature, table=False)}</sub>"


def _count_tables(summary: dict) -> list[str]:
    lines = ["| Severity | Findings |", "| --- | ---: |"]
    lines += [f"| {sev.value} | {summary['by_severity'].get(sev.value, 0)} |" for sev in Severity]
    lines += ["", "| Check | Findings |", "| --- | ---: |"]
    lines += [f"| {code(check)} | {n} |" for check, n in summary["by_check"].items()]
    lines.append("")
    return lines


def _drift_section(report: Report, findings: list[Finding]) -> list[str]:
    """Term drift across translations, open above the per-document sections."""
    lines = ["### Term drift across translations", "",
             "| Where | Severity | Check | Message | Span |", "| --- | --- | --- | --- | --- |"]
    lines += [_row(report, finding) for finding in findings]
    return lines + [""]


def _section(report: Report, doc: Document | None, findings: list[Finding]) -> list[str]:
    title = html.escape(doc.path) if doc is not None else "other findings"
    count = f"{len(findings)} finding{'s' if len(findings) != 1 else ''}"
    lines = [f"<details><summary><b>{title}</b> ({count})</summary>", "",
             "| Where | Severity | Check | Message | Span |", "| --- | --- | --- | --- | --- |"]
    for finding in findings:
        lines.append(_row(report, finding))
    lines += ["", "</details>", ""]
    return lines


def _row(report: Report, finding: Finding) -> str:
    where = span = "—"
    if finding.locations:
        first = finding.locations[0]
        where = code(f"{path_of(report, first)}:{first.line}:{first.column}")
        span = code(clip(first.text, MAX_SPAN)) if first.text else "—"
    message = escape(finding.message)
    if finding.suggestion is not None:
        message += f" Suggestion: {code(finding.suggestion)}"
    severity = finding.severity.value
    if finding.severity >= Severity.MAJOR:
        severity = f"**{severity}**"
    return f"| {where} | {severity} | {code(finding.check)} | {message} | {span} |"


def escape(text: str) -> str:
    """Plain text safe in a Markdown table cell: no markup, no HTML, no line break, no mention."""
    text = _NEWLINES.sub(" ", text)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;"))
    return text.replace("@", "@&#8203;")


def code(text: str, table: bool = True) -> str:
    """``text`` as an inline code span, whatever backticks it holds.

    In a table cell pipes are escaped: GFM reads ``\\|`` there as a pipe, even inside code.
    """
    text = _NEWLINES.sub(" ", text)
    if table:
        text = text.replace("|", "\\|")
    runs = [len(run) for run in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ")):
        text = f" {text} "
    return f"{fence}{text}{fence}"
