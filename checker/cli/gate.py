"""``transcheck check`` and ``transcheck baseline``: the CI gate's commands.

Both read the config (``--config``, else the nearest transcheck.toml or pyproject.toml with
``[tool.transcheck]``), check every file pair it names, and: ``check`` writes the reports and
exits 1 when a finding that is not in the baseline is at or above ``fail-on``; ``baseline``
writes every current finding's fingerprint to the baseline file. cli.py registers them.
"""

from __future__ import annotations

import json as jsonlib
from pathlib import Path
from typing import Annotated

import typer

from checker.cli.engine import AddressOption, EngineName, EngineOption, WorkersOption, engine_of
from checker.cli.progress import ProgressBar
from checker.cli.support import (
    FULL_OUTPUT,
    MinSeverityOption,
    OutputFormatOption,
    QuietOption,
    StatisticsOption,
    cache_notice,
    check_outputs,
    display_of,
    exit_code,
    github_annotations,
    option_of,
    report_options,
    write_output,
    write_reports,
)
from checker.errors import ConfigError, UsageError
from checker.pipeline.options import FAIL_ON, fail_on_of

ConfigOption = Annotated[Path | None, typer.Option(
    "--config", metavar="FILE", help="The config file (default: the nearest transcheck.toml or pyproject.toml).")]
PathsArgument = Annotated[list[Path] | None, typer.Argument(
    metavar="[PATH]...", help="Check only pairs whose source or translation is under these files or folders.",
    show_default=False)]
ChangedOption = Annotated[str | None, typer.Option(
    "--changed-since", metavar="REV", help="Check only pairs whose files changed in git since REV.")]
ModelOption = Annotated[str | None, typer.Option(
    metavar="NAME_OR_PATH", help="Override the config's embedding model.")]
NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Check every pair again, ignoring results kept from earlier runs.")]
JobsOption = Annotated[int | None, typer.Option(
    min=1, metavar="N", help="Pairs checked at once (default: config, 2).")]
OutsideOption = Annotated[bool, typer.Option(
    "--allow-outside", help="Read files that resolve outside the repository (symlinks, glossary, baseline).")]


def _config(path: Path | None):
    from checker.gate.config import find_config, load_config

    if path is None:
        path = find_config(Path.cwd())
        if path is None:
            raise ConfigError("no transcheck.toml, and no pyproject.toml with [tool.transcheck], "
                              "in this folder or above it; give one with --config")
    if path.exists() and not path.is_file():  # a FIFO would block the read forever
        raise ConfigError(f"{path}: not a regular file")
    return load_config(path)


def _override(config, *, model: str | None, jobs: int | None, fail_on: str | None):
    from dataclasses import replace

    changes = {}
    if model:
        changes["model"] = model
    if jobs:
        changes["jobs"] = jobs
    if fail_on is not None:
        changes["fail_on"] = fail_on_of(fail_on)
    return replace(config, **changes) if changes else config


def _relative_paths(config, paths: list[Path] | None) -> list[str] | None:
    """PATHS relative to the config root; a path outside the repository is a usage error."""
    from checker.gate.confine import relative_paths

    return relative_paths(config, paths) if paths else None


def _protected(config, baseline: Path | None, allow_outside: bool) -> list[Path]:
    """Every file the run reads (refused as a report path), after refusing a config that
    reaches outside the repository."""
    from checker.gate import discover
    from checker.gate.confine import check_config, read_files

    check_config(config, allow_outside=allow_outside)
    return read_files(config, discover(config), baseline)


def _load_baseline(path: Path) -> dict[str, str]:
    """The baseline's fingerprints, each with the reviewer's note (kept for SARIF)."""
    from checker.findings import baseline as baselines

    if path.exists() and not path.is_file():  # a FIFO would block the read forever
        raise UsageError(f"{path}: the baseline is not a regular file")
    return baselines.notes(path)


def _run(config, paths, changed_since, quiet: bool, cache: bool = True, allow_outside: bool = False,
         engine: EngineName = EngineName.local, address: str | None = None, workers: int | None = None):
    from checker.embedding import cache_dir
    from checker.gate import run_gate

    with engine_of(engine, address, workers) as cluster, ProgressBar(enabled=not quiet) as progress:
        return run_gate(config, paths=_relative_paths(config, paths), changed_since=changed_since,
                        progress=progress, cache=cache_dir() / "gate" if cache else None,
                        allow_outside=allow_outside, engine=cluster)


_REPORT_HELP = {
    "json": "Write the JSON results here.",
    "html": "Write the HTML review page here: one page, a section per file pair.",
}
"""Where the gate's report differs from compare's: its own JSON document, one HTML page of all pairs."""


@report_options(_REPORT_HELP)
def check(
    paths: PathsArgument = None,
    config: ConfigOption = None,
    changed_since: ChangedOption = None,
    baseline: Annotated[Path | None, typer.Option(
        metavar="FILE", help="Baseline file of accepted findings (default: the config's `baseline`).")] = None,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Report every finding.")] = False,
    fail_on: Annotated[str | None, option_of(
        FAIL_ON, help="Exit 1 when a new finding is at or above this severity (default: the config's).")] = None,
    reports: dict[str, Path] | None = None,  # --json PATH, --html PATH, ...: see report_options
    model: ModelOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    allow_outside: OutsideOption = False,
    output_format: OutputFormatOption = FULL_OUTPUT,
    statistics: StatisticsOption = False,
    min_severity: MinSeverityOption = None,
    quiet: QuietOption = False,
    engine: EngineOption = EngineName.local,
    address: AddressOption = None,
    workers: WorkersOption = None,
) -> None:
    """Check every source/translation pair of the repository; fail on findings not in the baseline."""
    from checker.findings import baseline as baselines
    from checker.gate import merge_reports

    display = display_of(output_format, statistics, min_severity, quiet)
    settings = _override(_config(config), model=model, jobs=jobs, fail_on=fail_on)
    outputs = dict(reports or {})
    check_outputs(outputs, _protected(settings, baseline, allow_outside))
    baseline_path = baseline or settings.root / settings.baseline
    known = {} if no_baseline else _load_baseline(baseline_path)
    result = _run(settings, paths, changed_since, quiet, cache=not no_cache, allow_outside=allow_outside,
                  engine=engine, address=address, workers=workers)
    result.reports, result.baselined = baselines.filter_known(result.reports, known)
    if not no_baseline and baseline_path.is_file():
        result.metrics["baseline"] = str(baseline_path)  # SARIF then says which findings are new
    merged = merge_reports(result.reports, result.metrics)

    if "json" in outputs:
        write_output("json", outputs.pop("json"), _check_json(result))
    if "html" in outputs:
        from checker.reporters.html import render_run

        write_output("html", outputs.pop("html"), render_run(result.reports))

    write_reports(merged, outputs, fail_on=settings.fail_on)
    _show(merged, result, display)
    raise typer.Exit(exit_code(merged, settings.fail_on))


def baseline(
    paths: PathsArgument = None,
    config: ConfigOption = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="PATH", help="Where to write it (default: the config's `baseline`).")] = None,
    model: ModelOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    allow_outside: OutsideOption = False,
    quiet: QuietOption = False,
) -> None:
    """Accept every current finding: write their fingerprints to the baseline file."""
    from checker.findings import baseline as baselines

    settings = _override(_config(config), model=model, jobs=jobs, fail_on=None)
    target = output or settings.root / settings.baseline
    protected = [p for p in _protected(settings, None, allow_outside) if p != settings.root / settings.baseline]
    check_outputs({"output": target}, protected)
    result = _run(settings, paths, None, quiet, cache=not no_cache, allow_outside=allow_outside)
    covered = None if not paths else {name for p in result.pairs for name in (p.source, p.translation)}
    count = baselines.write(target, result.reports, keep_outside=covered)
    if not quiet:
        typer.echo(f"Wrote {count} finding{'s' if count != 1 else ''} from {len(result.pairs)} "
                   f"file pair{'s' if len(result.pairs) != 1 else ''} to {target}.")


def _show(merged, result, display) -> None:
    """Annotations inside GitHub Actions; then the findings as ``--output-format`` says (the full
    view ends with one line about the gate's run)."""
    from checker.cli.output import emit

    cache_notice(result.metrics, quiet=display.quiet)
    github_annotations(merged, display)

    def closing(out, _shown) -> None:
        out.print(_gate_line(result))

    def json_text(_shown) -> str:
        return _check_json(_shown_result(result, display))

    emit(merged, display, closing=closing, json_text=json_text)


def _check_json(result) -> str:
    """The gate's ``transcheck-check/1`` JSON document of ``result``."""
    from checker.gate import check_to_dict

    return jsonlib.dumps(check_to_dict(result), ensure_ascii=False, indent=2) + "\n"


def _shown_result(result, display):
    """``result`` with each pair's report cut to the findings ``--min-severity`` shows."""
    from dataclasses import replace

    return replace(result, reports=[display.shown(report) for report in result.reports])


def _gate_line(result) -> str:
    """``3 file pairs checked, 2 in the baseline, 1.2 s.``"""
    pairs = len(result.pairs)
    notes = [f"{pairs} file pair{'s' if pairs != 1 else ''} checked"]
    if result.baselined:
        notes.append(f"{result.baselined} in the baseline")
    if result.suppressed:
        notes.append(f"{result.suppressed} suppressed inline")
    fuzzy = result.metrics.get("skipped", {}).get("fuzzy", 0)
    if fuzzy:
        notes.append(f"{fuzzy} fuzzy gettext entr{'y' if fuzzy == 1 else 'ies'} skipped")
    seconds = result.metrics.get("seconds")
    if isinstance(seconds, (int, float)):
        notes.append(f"{seconds:.1f} s")
    return ", ".join(notes) + "."
