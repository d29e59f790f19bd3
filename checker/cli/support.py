"""What the command-line modules share: severity options, report writing, the terminal.

``compare.py`` (compare, checks) and ``gate.py`` (check, baseline) both build on these.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from checker.atomic import write_atomic
from checker.cli.output import OUTPUT_FORMATS, SEVERITIES, emit
from checker.errors import UsageError
from checker.pipeline.options import Choice
from checker.readers import FORMATS


def choices(values: Iterable[str], convert: Callable[[str], object] = str) -> Callable[[object], object]:
    """An option parser accepting one of ``values``: anything else is one line naming them all,
    with the nearest as a suggestion (``'majr' is not one of critical, major, ...; did you mean
    'major'?``)."""
    allowed = tuple(values)

    def parse(value: object) -> object:
        if not isinstance(value, str):  # a default that is already converted
            return value
        if value in allowed:
            return convert(value)
        close = difflib.get_close_matches(value, allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}{hint}")

    return parse


def choice_option(enum: type[Enum], *decls: str, help: str) -> typer.models.OptionInfo:
    """A typer option taking one of ``enum``'s values, its choices shown in ``--help``."""
    values = [member.value for member in enum]  # type: ignore[attr-defined]
    return typer.Option(*decls, parser=choices(values, enum), metavar="|".join(values), help=help,
                        autocompletion=lambda: values)


def option_of(choice: Choice, *, help: str | None = None) -> typer.models.OptionInfo:
    """The typer option of a setting declared in ``pipeline.options`` (``--split``, ``--fail-on``,
    ...), its choices shown in ``--help``; ``help`` replaces the declared one."""
    return typer.Option(choice.option, parser=choices(choice.values), metavar="|".join(choice.values),
                        help=help or choice.help, autocompletion=lambda: list(choice.values))


INPUT_FORMATS = tuple(FORMATS)
"""The names ``--format`` takes: the readers' registry."""

OutputFormat = Enum("OutputFormat", {name: name for name in OUTPUT_FORMATS}, type=str)  # type: ignore[misc]
FULL_OUTPUT = OutputFormat("full")
"""The default ``--output-format``."""
Threshold = Enum("Threshold", {s: s for s in SEVERITIES}, type=str)  # type: ignore[misc]
OutputFormatOption = Annotated[OutputFormat, choice_option(
    OutputFormat, "--output-format",
    help="What to print on stdout: full (grouped by file, most severe first), concise (one line each), "
         "or a report: json, github (workflow annotations), gitlab (Code Quality), sarif.")]
StatisticsOption = Annotated[bool, typer.Option(
    "--statistics", help="Print how many findings each check made instead of the findings.")]
MinSeverityOption = Annotated[Threshold | None, choice_option(
    Threshold, "--min-severity",
    help="Show only findings at or above this severity (display only: --fail-on still sees all).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on the terminal.")]


def report_options(helps: Mapping[str, str] | None = None) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command one ``--FORMAT PATH`` option per reporter of the registry that writes a
    file, its help the reporter's ``option`` (or ``helps[FORMAT]``), in registry order where the
    command's ``reports`` parameter stands; the command receives the paths given as ``reports``
    (format -> path). A new reporter is a new option of ``compare`` and ``check``, no CLI edit."""
    from checker.reporters import FILE_REPORTERS

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        params = list(signature.parameters.values())
        names = {fmt: fmt.replace("-", "_") for fmt in FILE_REPORTERS}
        clash = sorted(set(names.values()) & set(signature.parameters))
        if clash:
            raise TypeError(f"the {clash[0]} reporter's option clashes with {command.__name__}'s own")
        options = [inspect.Parameter(
            name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None,
            annotation=Annotated[Path | None, typer.Option(
                f"--{fmt}", metavar="PATH", help=(helps or {}).get(fmt, FILE_REPORTERS[fmt].option))])
            for fmt, name in names.items()]
        at = list(signature.parameters).index("reports")

        @functools.wraps(command)
        def with_reports(**values: object) -> None:
            given = {fmt: values.pop(name) for fmt, name in names.items()}
            command(**values, reports={fmt: path for fmt, path in given.items() if path is not None})

        with_reports.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*params[:at], *options, *params[at + 1:]])
        return with_reports

    return decorate


def display_of(output_format, statistics: bool, min_severity, quiet: bool):
    """The ``Display`` the stdout options ask for."""
    from checker.cli.output import Display
    from checker.model import Severity

    return Display(format=output_format.value, statistics=statistics, quiet=quiet,
                   min_severity=Severity(min_severity.value) if min_severity is not None else None)


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
        reporter = reporter_class(fail_on=fail_on)
        write_output(fmt, path, reporter.chunks(report))


def write_output(fmt: str, path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write one report atomically; a failure names the report, not its temporary file."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise UsageError(f"--{fmt} {path}: cannot be written ({exc.strerror or exc})") from None


def exit_code(report, fail_on) -> int:
    if fail_on is None:
        return 0
    return 1 if any(f.severity >= fail_on for f in report.findings) else 0


def github_annotations(report, display) -> None:
    """Inside GitHub Actions (``GITHUB_ACTIONS=true``), every finding shown as a workflow
    annotation too, before the full or concise output (never inside a report on stdout)."""
    if os.environ.get("GITHUB_ACTIONS") == "true" and display.human and not display.quiet:
        from checker.reporters.github import GithubReporter

        text = GithubReporter().render(display.shown(report))
        if text:
            typer.echo(text.rstrip("\n"))


def cache_notice(metrics: dict, *, quiet: bool) -> None:
    """One line on stderr when the run found its embedding cache damaged and moved it aside."""
    embedding = metrics.get("embedding")
    if not quiet and isinstance(embedding, dict) and embedding.get("cache_moved_aside"):
        from checker.embedding import cache_dir

        sys.stderr.write(f"transcheck: warning: the embedding cache in {cache_dir()} was damaged; it was "
                         f"moved aside (*.corrupt-*) and a new one started\n")


def show_report(report, display) -> None:
    """What ``compare`` prints: workflow annotations inside GitHub Actions, then the report as
    ``--output-format`` says (nothing when quiet)."""
    from checker.reporters.terminal import print_run_summary

    def closing(console, shown) -> None:
        console.print()
        print_run_summary(console, shown)

    cache_notice(report.metrics, quiet=display.quiet)
    github_annotations(report, display)
    emit(report, display, closing=closing)
