"""One line per finding, ``path:line:column: severity check-id message``, as ruff and Vale print.

The lines are in file order (documents as the report lists them, then by position), so they
read as a compiler's diagnostics: editors and CI log viewers turn ``path:line:column`` into a
link, and ``grep``/``cut`` take the rest apart. Line breaks and control characters in a
message are shown escaped, so one finding is always one line.
"""

from __future__ import annotations

from checker.model import Finding, Report
from checker.reporters.base import Reporter, by_document, path_of
from checker.reporters.terminal import visible


class ConciseReporter(Reporter):
    """Findings as ``path:line:column: severity check-id message`` lines."""

    format = "concise"
    suffix = ".txt"
    stdout = True

    def render(self, report: Report) -> str:
        return "".join(concise_line(report, finding) + "\n"
                       for _, findings in by_document(report) for finding in findings)


def concise_line(report: Report, finding: Finding) -> str:
    """The one line of ``finding``; one without a location is placed at ``-:0:0``."""
    if finding.locations:
        first = finding.locations[0]
        where = f"{visible(path_of(report, first))}:{first.line}:{first.column}"
    else:
        where = "-:0:0"
    return f"{where}: {finding.severity.value} {finding.check} {visible(finding.message)}"
