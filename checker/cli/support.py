"""What the command-line modules share: severity options, report writing, the terminal.

``compare.py`` (compare, checks) and ``gate.py`` (check, baseline) both build on these.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
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


def check_outputs(outputs: dict[str, Path], protected: Iterable[Path] = ()) -> None:
    """Refuse, before anything is written, every report path that would lose data or fail.

    A report may not be written over a file the run reads (``protected``), over another report
    of the same run, onto a folder, a FIFO or a device, through a symlink loop, or into a folder
    that is missing or cannot be written; the error names the option and the path.
    """
    keep = {resolved for p in protected if (resolved := _resolved(p)) is not None}
    taken: dict[Path, str] = {}
    for fmt, path in outputs.items():
        where = f"--{fmt} {path}"
        resolved = _resolved(path)
        if resolved is None:
            raise UsageError(f"{where}: the path is a symlink loop")
        if resolved in keep:
            raise UsageError(f"{where} would overwrite an input file")
        if resolved in taken:
            raise UsageError(f"{where} is also the --{taken[resolved]} report; give each report its own file")
        taken[resolved] = fmt
        if path.is_dir():
            raise UsageError(f"{where} is a directory")
        if path.exists() and not path.is_file():
            raise UsageError(f"{where} is not a regular file")
        if not path.parent.is_dir():
            raise UsageError(f"{where}: folder {path.parent} does not exist")
        if not _writable(path.parent):
            raise UsageError(f"{where}: folder {path.parent} is not writable")


def _resolved(path: Path) -> Path | None:
    """``path`` with every symlink resolved; ``None`` for a symlink loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # RuntimeError before Python 3.13, OSError after
        return None


def _writable(folder: Path) -> bool:
    """Whether a file can be created in ``folder``, tried for real (``os.access`` trusts root)."""
    import tempfile

    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".transcheck-probe-"):
            return True
    except OSError:
        return False


def write_reports(report, outputs: dict[str, Path], fail_on=None) -> None:
    """Render each requested format and write it atomically (a temp file, then a rename)."""
    from checker.reporters import REPORTERS

    for fmt, path in outputs.items():
        reporter_class = REPORTERS.get(fmt)
        if reporter_class is None:
            raise UsageError(f"the {fmt} report format is not available in this version")
        reporter = reporter_class(fail_on=fail_on) if fmt == "junit" else reporter_class()
        write_output(fmt, path, reporter.render(report))


def write_output(fmt: str, path: Path, data: str | bytes) -> None:
    """Write one report atomically; a failure names the report, not its temporary file."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise UsageError(f"--{fmt} {path}: cannot be written ({exc.strerror or exc})") from None


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


def cache_notice(metrics: dict, *, quiet: bool) -> None:
    """One line on stderr when the run found its embedding cache damaged and moved it aside."""
    embedding = metrics.get("embedding")
    if not quiet and isinstance(embedding, dict) and embedding.get("cache_moved_aside"):
        from checker.embedding import cache_dir

        sys.stderr.write(f"transcheck: warning: the embedding cache in {cache_dir()} was damaged; it was "
                         f"moved aside (*.corrupt-*) and a new one started\n")


def show_report(report, *, quiet: bool) -> None:
    """The terminal summary (unless quiet), and workflow annotations inside GitHub Actions."""
    cache_notice(report.metrics, quiet=quiet)
    github_annotations(report)
    if not quiet:
        from checker.reporters.terminal import print_report

        print_report(console(), report)
