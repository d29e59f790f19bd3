"""What ``compare`` and ``check`` print on stdout: ``--output-format``, ``--statistics`` and
``--min-severity``.

``full`` is the reading view (findings grouped by file, most severe first, with their
evidence); ``concise`` one line per finding; ``json``, ``github``, ``gitlab`` and ``sarif`` put
a report format on stdout, for a pipe or a CI step, and nothing else. ``--min-severity`` hides
what is below it from stdout only: the exit code (``--fail-on``) and the report files see every
finding. Off a terminal nothing is padded and no line ends in spaces.
"""

from __future__ import annotations

import io
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from checker.errors import UsageError
from checker.model import Report, Severity
from checker.reporters import REPORTERS

if TYPE_CHECKING:
    from rich.console import Console

HUMAN = ("full", "concise")
OUTPUT_FORMATS = (*HUMAN, *(name for name, reporter in REPORTERS.items() if reporter.stdout and name not in HUMAN))
"""``--output-format``'s choices: the full view, then every reporter that says ``stdout``."""
SEVERITIES = tuple(s.value for s in Severity)


@dataclass(frozen=True)
class Display:
    """How the run's result is shown on stdout."""

    format: str = "full"
    statistics: bool = False
    min_severity: Severity | None = None
    quiet: bool = False

    def __post_init__(self) -> None:
        """Refuse, before the run, what cannot be shown."""
        if not self.human:
            machine_reporter(self.format)
        if self.statistics and self.format not in (*HUMAN, "json"):
            raise UsageError(f"--statistics goes with --output-format full, concise or json, "
                             f"not {self.format}")

    @property
    def human(self) -> bool:
        return self.format in HUMAN

    def shown(self, report: Report) -> Report:
        """``report`` with the findings below ``--min-severity`` left out."""
        if self.min_severity is None:
            return report
        return replace(report, findings=tuple(f for f in report.findings if f.severity >= self.min_severity))


def emit(report: Report, display: Display, *, closing: Callable[[Console, Report], None] | None = None,
         json_text: Callable[[Report], str] | None = None) -> None:
    """Print ``report`` on stdout as ``display`` says (nothing when quiet).

    The human formats print the findings (or the statistics), the tally, how many findings
    ``--min-severity`` hid, and in the full view ``closing`` (the run's summary). ``json_text``
    renders the JSON document (the gate's differs from ``compare``'s report).
    """
    if display.quiet:
        return
    shown = display.shown(report)
    if display.format == "json":
        text = json.dumps(statistics(shown), indent=2) + "\n" if display.statistics else \
            (json_text or _report_json)(shown)
        _write(text)
    elif not display.human:
        _write(machine_text(display.format, shown))
    else:
        from checker.reporters.terminal import print_findings, print_tally

        with stdout_console() as console:
            if display.statistics:
                print_statistics(console, shown)
            elif display.format == "concise":
                from checker.reporters.concise import ConciseReporter

                for line in ConciseReporter().render(shown).splitlines():
                    console.print(line, markup=False, highlight=False, soft_wrap=True)
            else:
                print_findings(console, shown)
            print_tally(console, shown)
            hidden = len(report.findings) - len(shown.findings)
            if hidden and display.min_severity is not None:
                console.print(f"{hidden} finding{'s' if hidden != 1 else ''} below --min-severity "
                              f"{display.min_severity.value} not shown.", style="dim")
            if closing is not None and display.format == "full" and not display.statistics:
                closing(console, shown)


def machine_text(fmt: str, report: Report) -> str:
    """A report format's text for stdout."""
    return machine_reporter(fmt)().render(report)


def machine_reporter(fmt: str):
    """The registered reporter of ``fmt``; a format this version lacks is a usage error."""
    reporter = REPORTERS.get(fmt)
    if reporter is None:
        raise UsageError(f"--output-format {fmt} is not available in this version")
    return reporter


def statistics(report: Report) -> list[dict]:
    """Findings counted per check, most first: ``[{"check", "count", "by_severity"}]``."""
    counts = Counter(f.check for f in report.findings)
    severities: dict[str, Counter] = {}
    for finding in report.findings:
        severities.setdefault(finding.check, Counter())[finding.severity.value] += 1
    return [{"check": check, "count": n,
             "by_severity": {s: severities[check][s] for s in SEVERITIES if severities[check][s]}}
            for check, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def print_statistics(console: Console, report: Report) -> None:
    """One line per check: count, id and the severities, most frequent first."""
    rows = statistics(report)
    width = max((len(str(row["count"])) for row in rows), default=1)
    name = max((len(row["check"]) for row in rows), default=1)
    for row in rows:
        parts = ", ".join(f"{n} {s}" for s, n in row["by_severity"].items())
        console.print(f"{row['count']:>{width}}  {row['check']:<{name}}  {parts}", markup=False,
                      highlight=False, soft_wrap=True)


def _report_json(report: Report) -> str:
    from checker.reporters.json import JsonReporter

    return JsonReporter().render(report)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


class stdout_console:
    """A rich console on stdout: as is on a terminal; off one, plain text without padding.

    Off a terminal (a pipe, a file, a CI log) lines are never wrapped and never end in spaces:
    what is printed is collected, each line stripped on the right, and written at the end.
    """

    def __init__(self) -> None:
        from rich.console import Console

        self.tty = sys.stdout.isatty()
        if self.tty:
            self.console = Console(highlight=False, soft_wrap=False)
        else:
            self.buffer = io.StringIO()
            self.console = Console(file=self.buffer, highlight=False, soft_wrap=True, color_system=None,
                                   force_terminal=False, width=_plain_width(), emoji=False)

    def __enter__(self) -> Console:
        return self.console

    def __exit__(self, *exc: object) -> None:
        if not self.tty:
            _write("".join(line.rstrip() + "\n" for line in self.buffer.getvalue().splitlines()))


def _plain_width() -> int:
    """The width of tables off a terminal: ``$COLUMNS`` if set, else 100."""
    import os

    try:
        return max(40, int(os.environ.get("COLUMNS", "100")))
    except ValueError:
        return 100
