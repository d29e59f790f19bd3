"""The command line: parse options, call the library, write reports, map errors to exit codes.

Exit codes (the contract): 0 nothing at or above ``--fail-on``; 1 findings at or above it;
2 a usage or input error, reported as one line on stderr with no traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from checker import __version__
from checker.cli.engine import (
    AddressOption,
    EngineName,
    EngineOption,
    JsonlOption,
    WorkersOption,
    engine_of,
    jsonl_stream,
)
from checker.cli.gate import baseline as gate_baseline
from checker.cli.gate import check as gate_check
from checker.cli.progress import ProgressBar
from checker.cli.support import (
    FULL_OUTPUT,
    INPUT_FORMATS,
    MinSeverityOption,
    OutputFormatOption,
    QuietOption,
    StatisticsOption,
    check_outputs,
    choices,
    display_of,
    exit_code,
    option_of,
    report_options,
    show_report,
    write_reports,
)
from checker.errors import TranscheckError, UsageError
from checker.pipeline.options import FAIL_ON, FUZZY, SPLIT, fail_on_of

app = typer.Typer(
    name="transcheck",
    help="Align a source document with its translations and report where they diverge.",
    add_completion=True,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"transcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """transcheck: a translation-consistency checker."""


def _split_ids(values: list[str] | None) -> tuple[str, ...]:
    ids: list[str] = []
    for value in values or []:
        ids += [v.strip() for v in value.split(",") if v.strip()]
    return tuple(ids)


def _check_ids(option: str, values: list[str] | None) -> tuple[str, ...]:
    """The check id prefixes given to ``option``; one that no check id starts with is a usage error."""
    from checker.checks import by_id
    from checker.findings.selection import unknown_prefix

    ids = _split_ids(values)
    problem = unknown_prefix(ids, by_id())
    if problem:
        raise UsageError(f"{option} {problem}")
    return ids


@app.command()
@report_options()
def compare(
    source: Annotated[Path, typer.Argument(help="The original document.", show_default=False, metavar="SOURCE")],
    translations: Annotated[list[Path] | None, typer.Argument(
        help="One or more translations of it (none for a bilingual PO/XLIFF/TMX file).",
        metavar="[TRANSLATION]...", show_default=False)] = None,
    split: Annotated[str, option_of(SPLIT)] = SPLIT.default,
    source_lang: Annotated[str | None, typer.Option(metavar="LANG", help="Source language (detected if omitted).")]
        = None,
    target_lang: Annotated[str | None, typer.Option(
        metavar="LANG", help="Translation language (detected if omitted); in a TMX memory, the language to check.",
    )] = None,
    reports: dict[str, Path] | None = None,  # --json PATH, --html PATH, ...: see report_options
    model: Annotated[str | None, typer.Option(
        metavar="NAME_OR_PATH",
        help="Any sentence-transformers model name or folder; default-sbert runs the default model through it.",
    )] = None,
    glossary: Annotated[Path | None, typer.Option(metavar="FILE", help="Glossary: CSV/TSV or TBX.")] = None,
    fail_on: Annotated[str, option_of(FAIL_ON)] = FAIL_ON.default,
    select: Annotated[list[str] | None, typer.Option(metavar="ID", help="Run only checks with these id prefixes.")]
        = None,
    ignore: Annotated[list[str] | None, typer.Option(metavar="ID", help="Skip checks with these id prefixes.")]
        = None,
    format: Annotated[str | None, typer.Option(
        "--format", parser=choices(INPUT_FORMATS), metavar="|".join(INPUT_FORMATS),
        help="Force the input format (default: from the file extension).")] = None,
    fuzzy: Annotated[str, option_of(FUZZY)] = FUZZY.default,
    output_format: OutputFormatOption = FULL_OUTPUT,
    statistics: StatisticsOption = False,
    min_severity: MinSeverityOption = None,
    quiet: QuietOption = False,
    engine: EngineOption = EngineName.local,
    address: AddressOption = None,
    workers: WorkersOption = None,
    jsonl: JsonlOption = None,
) -> None:
    """Align SOURCE with each TRANSLATION and report where they diverge."""
    from checker.pipeline.run import Options
    from checker.pipeline.run import compare as run_compare

    display = display_of(output_format, statistics, min_severity, quiet)
    selected, ignored = _check_ids("--select", select), _check_ids("--ignore", ignore)
    outputs = dict(reports or {})
    translations = translations or []
    check_outputs({**outputs, **({"jsonl": jsonl} if jsonl else {})},
                  [source, *translations, *([glossary] if glossary else [])])
    if glossary is not None:
        from checker.readers.base import require_file

        require_file(glossary)
    options = Options(
        split=split, source_lang=source_lang, target_lang=target_lang, model=model,
        glossary=str(glossary) if glossary else None, format=format,
        select=selected, ignore=ignored, fail_on=fail_on_of(fail_on), fuzzy=fuzzy,
    )
    with engine_of(engine, address, workers) as cluster, jsonl_stream(jsonl) as stream, \
            ProgressBar(enabled=not quiet) as progress:
        if cluster is None:
            report = run_compare(source, translations, options, progress=progress)
            if stream is not None:
                stream.finish(report)
        else:
            from checker.engine import compare as engine_compare

            report = engine_compare(source, translations, options, engine=cluster, progress=progress, stream=stream)
    write_reports(report, outputs, fail_on=options.fail_on)
    show_report(report, display)
    raise typer.Exit(exit_code(report, options.fail_on))


@app.command("checks")
def list_checks(
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the list as a Markdown table.")] = False,
) -> None:
    """List every check: id, category, default severity and what it finds."""
    from checker.cli.docs import checks_markdown, checks_text

    typer.echo(checks_markdown() if markdown else checks_text())


def _check_id_completion(incomplete: str) -> list[str]:
    from checker.cli.docs import ALL_CHECKS

    return [check.id for check in ALL_CHECKS if check.id.startswith(incomplete)]


@app.command("rule")
def rule(
    check_id: Annotated[str, typer.Argument(metavar="ID", help="A check id, as `transcheck checks` lists them.",
                                            autocompletion=_check_id_completion, show_default=False)],
) -> None:
    """Print one check's page: what it does, why it matters, an example."""
    from checker.cli.docs import check_page

    typer.echo(check_page(check_id))


app.command("check")(gate_check)
app.command("baseline")(gate_baseline)


def build_command():
    """The click command of the app, its help free of Python type names."""
    command = typer.main.get_command(app)
    _plain_help(command)
    return command


def _plain_help(command) -> None:
    """Show arguments in ``--help`` and the usage line by their metavar alone (typer appends
    ``<list[Path]>`` and wraps it in braces), and give an option declared without a metavar
    ``PATH`` or ``VALUE`` instead of typer's ``<path>``, ``<str>``."""
    for param in getattr(command, "params", []):
        if param.param_type_name == "argument":
            param.display_type_rich = lambda ctx: None
            name = param.metavar or param.name.upper()
            param.get_usage_pieces = lambda ctx, name=name: [name]
        elif param.metavar is None and not getattr(param, "is_flag", False):
            descriptor = getattr(param, "type_descriptor", None)
            param.metavar = "PATH" if getattr(descriptor, "is_path", False) else "VALUE"
    for sub in getattr(command, "commands", {}).values():
        _plain_help(sub)


def main() -> None:
    """Entry point: run the app, turning user errors into one line on stderr and exit code 2."""
    command = build_command()
    try:
        code = command.main(args=sys.argv[1:], prog_name="transcheck", standalone_mode=False)
    except TranscheckError as err:
        _fail(str(err), err.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        _fail("aborted", 2)
    except KeyboardInterrupt:
        _interrupted()
    except OSError as err:
        _fail(f"{err.filename or ''}: {err.strerror or err}".lstrip(": "), 2)
    except Exception as err:
        if _is_usage_error(err):
            _fail(err.format_message(), 2)  # type: ignore[attr-defined]
        # an internal error: still one line unless asked for the traceback
        if os.environ.get("TRANSCHECK_DEBUG"):
            raise
        _fail(f"internal error: {type(err).__name__}: {err} (set TRANSCHECK_DEBUG=1 for details)", 2)
    if code == _SIGINT_EXIT:  # typer catches Ctrl-C itself and returns this code, silently
        _interrupted()
    sys.exit(code if isinstance(code, int) else 0)


def _is_usage_error(err: Exception) -> bool:
    """Whether ``err`` is click's own usage error (typer may vendor click, so match by name)."""
    return any(cls.__name__ == "ClickException" for cls in type(err).__mro__) and hasattr(err, "format_message")


_SIGINT_EXIT = 130  # the shell's exit code for SIGINT (128 + 2); no command returns it otherwise


def _interrupted() -> None:
    """Ctrl-C: one line; no report was half written (each is written whole, then renamed)."""
    sys.stderr.write("transcheck: interrupted\n")
    sys.exit(_SIGINT_EXIT)


def _fail(message: str, code: int) -> None:
    sys.stderr.write(f"transcheck: error: {message}\n")
    sys.exit(code)
