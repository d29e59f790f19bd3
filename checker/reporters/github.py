"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

Printed on stdout inside a workflow run, each line becomes an annotation on the file and line
in the pull request. Critical and major findings are errors, minor ones warnings, info notices.
Values are escaped as the Actions toolkit does, so no text can end a command early.
"""

from __future__ import annotations

from checker.model import Finding, Report, Severity
from checker.reporters.base import Reporter, path_of

COMMANDS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "notice",
}


class GithubReporter(Reporter):
    """Findings as GitHub Actions annotations (``::error file=...,line=...::message``)."""

    format = "github"
    suffix = ".txt"
    stdout = True

    def render(self, report: Report) -> str:
        return "".join(annotation(report, finding) + "\n" for finding in report.findings)


def annotation(report: Report, finding: Finding) -> str:
    """One workflow command for ``finding``, at its first location."""
    properties: list[tuple[str, str]] = []
    if finding.locations:
        first = finding.locations[0]
        properties += [("file", path_of(report, first)), ("line", str(first.line)),
                       ("col", str(first.column))]
    properties.append(("title", finding.check))
    message = finding.message
    if finding.suggestion is not None:
        message += f" Suggestion: {finding.suggestion}"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A command's message, escaped like ``escapeData`` in @actions/core."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value, escaped like ``escapeProperty`` in @actions/core."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
