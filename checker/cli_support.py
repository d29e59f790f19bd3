"""What the command-line modules share: severity options, report writing, the terminal.

``cli.py`` (compare, checks) and ``gate_cli.py`` (check, baseline) both build on these.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path

import typer

from checker.atomic import write_atomic
from checker.errors import UsageError


class FailOn(str, Enum):
    critical = "critical"
    major = "major"
    minor = "minor"
    info = "info"
    none = "none"


def severity_of(value: FailOn):
    from checker.model import Severity

    return None if value is FailOn.none else Severity(value.value)


def write_reports(report, outputs: dict[str, Path], fail_on=None) -> None:
    """Render each requested format and write it atomically (a temp file, then a rename)."""
    from checker.reporters import REPORTERS

    for fmt, path in outputs.items():
        reporter_class = REPORTERS.get(fmt)
        if reporter_class is None:
            raise UsageError(f"the {fmt} report format is not available in this version")
        reporter = reporter_class(fail_on=fail_on) if fmt == "junit" else reporter_class()
        write_atomic(path, reporter.render(report))


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


class ProgressBar:
    """A rich progress bar on stderr for long embedding runs, only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._progress = None
        self._task = None
        self._label = ""

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.enabled or total < 64:
            return
        if self._progress is None:
            from rich.progress import Progress

            self._progress = Progress(console=console(stderr=True), transient=True)
            self._progress.start()
        if label != self._label:
            self._task = self._progress.add_task(label, total=total)
            self._label = label
        self._progress.update(self._task, completed=done)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def exit_code(report, fail_on) -> int:
    if fail_on is None:
        return 0
    return 1 if any(f.severity >= fail_on for f in report.findings) else 0


def github_annotations(report) -> None:
    """Inside GitHub Actions (``GITHUB_ACTIONS=true``), every finding as a workflow annotation."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from checker.reporters.github import GithubReporter

        text = GithubReporter().render(report)
        if text:
            typer.echo(text.rstrip("\n"))


def show_report(report, *, quiet: bool) -> None:
    """The terminal summary (unless quiet), and workflow annotations inside GitHub Actions."""
    github_annotations(report)
    if not quiet:
        from checker.reporters.terminal import print_report

        print_report(console(), report)
