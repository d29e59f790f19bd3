"""``transcheck check`` and ``transcheck baseline``: the CI gate's commands.

Both read the config (``--config``, else the nearest transcheck.toml or pyproject.toml with
``[tool.transcheck]``), check every file pair it names, and: ``check`` writes the reports and
exits 1 when a finding that is not in the baseline is at or above ``fail-on``; ``baseline``
writes every current finding's fingerprint to the baseline file. cli.py registers them.
"""

from __future__ import annotations

import json as jsonlib
from pathlib import Path
from typing import Annotated, Optional

import typer

from checker.cli.support import (FailOn, ProgressBar, cache_notice, check_outputs, console, exit_code,
                                 github_annotations, severity_of, write_output, write_reports)
from checker.errors import ConfigError, UsageError

ConfigOption = Annotated[Optional[Path], typer.Option(
    "--config", help="The config file (default: the nearest transcheck.toml or pyproject.toml).")]
PathsArgument = Annotated[Optional[list[Path]], typer.Argument(
    help="Check only pairs whose source or translation is under these files or folders.", show_default=False)]
ChangedOption = Annotated[Optional[str], typer.Option(
    "--changed-since", metavar="REV", help="Check only pairs whose files changed in git since REV.")]
ModelOption = Annotated[Optional[str], typer.Option(help="Override the config's embedding model.")]
NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Check every pair again, ignoring results kept from earlier runs.")]
JobsOption = Annotated[Optional[int], typer.Option(min=1, help="Pairs checked at once (default: config, 2).")]
OutsideOption = Annotated[bool, typer.Option(
    "--allow-outside", help="Read files that resolve outside the repository (symlinks, glossary, baseline).")]


def _config(path: Optional[Path]):
    from checker.gate.config import find_config, load_config

    if path is None:
        path = find_config(Path.cwd())
        if path is None:
            raise ConfigError("no transcheck.toml, and no pyproject.toml with [tool.transcheck], "
                              "in this folder or above it; give one with --config")
    if path.exists() and not path.is_file():  # a FIFO would block the read forever
        raise ConfigError(f"{path}: not a regular file")
    return load_config(path)


def _override(config, *, model: Optional[str], jobs: Optional[int], fail_on: Optional[FailOn]):
    from dataclasses import replace

    changes = {}
    if model:
        changes["model"] = model
    if jobs:
        changes["jobs"] = jobs
    if fail_on is not None:
        changes["fail_on"] = severity_of(fail_on)
    return replace(config, **changes) if changes else config


def _relative_paths(config, paths: Optional[list[Path]]) -> list[str] | None:
    """PATHS relative to the config root; a path outside the repository is a usage error."""
    from checker.gate.confine import relative_paths

    return relative_paths(config, paths) if paths else None


def _protected(config, baseline: Optional[Path], allow_outside: bool) -> list[Path]:
    """Every file the run reads (refused as a report path), after refusing a config that
    reaches outside the repository."""
    from checker.gate import discover
    from checker.gate.confine import check_config, read_files

    check_config(config, allow_outside=allow_outside)
    return read_files(config, discover(config), baseline)


def _load_baseline(path: Path) -> frozenset[str]:
    from checker.findings import baseline as baselines

    if path.exists() and not path.is_file():  # a FIFO would block the read forever
        raise UsageError(f"{path}: the baseline is not a regular file")
    return baselines.load(path)


def _run(config, paths, changed_since, quiet: bool, cache: bool = True, allow_outside: bool = False):
    from checker.embedding import cache_dir
    from checker.gate import run_gate

    progress = ProgressBar(enabled=not quiet)
    try:
        return run_gate(config, paths=_relative_paths(config, paths), changed_since=changed_since,
                        progress=progress, cache=cache_dir() / "gate" if cache else None,
                        allow_outside=allow_outside)
    finally:
        progress.close()


def check(
    paths: PathsArgument = None,
    config: ConfigOption = None,
    changed_since: ChangedOption = None,
    baseline: Annotated[Optional[Path], typer.Option(
        help="Baseline file of accepted findings (default: the config's `baseline`).")] = None,
    no_baseline: Annotated[bool, typer.Option("--no-baseline", help="Report every finding.")] = False,
    fail_on: Annotated[Optional[FailOn], typer.Option(
        help="Exit 1 when a new finding is at or above this severity (default: the config's).")] = None,
    json: Annotated[Optional[Path], typer.Option("--json", help="Write the JSON results here.")] = None,
    sarif: Annotated[Optional[Path], typer.Option("--sarif", help="Write SARIF 2.1.0 here.")] = None,
    junit: Annotated[Optional[Path], typer.Option("--junit", help="Write JUnit XML here.")] = None,
    markdown: Annotated[Optional[Path], typer.Option("--markdown", help="Write a Markdown report here.")]
        = None,
    model: ModelOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    allow_outside: OutsideOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on the terminal.")] = False,
) -> None:
    """Check every source/translation pair of the repository; fail on findings not in the baseline."""
    from checker.findings import baseline as baselines
    from checker.gate import check_to_dict, merge_reports

    settings = _override(_config(config), model=model, jobs=jobs, fail_on=fail_on)
    outputs = {fmt: p for fmt, p in
               (("json", json), ("sarif", sarif), ("junit", junit), ("markdown", markdown)) if p}
    check_outputs(outputs, _protected(settings, baseline, allow_outside))
    known = frozenset() if no_baseline else _load_baseline(baseline or settings.root / settings.baseline)
    result = _run(settings, paths, changed_since, quiet, cache=not no_cache, allow_outside=allow_outside)
    result.reports, result.baselined = baselines.filter_known(result.reports, known)
    merged = merge_reports(result.reports, result.metrics)

    if "json" in outputs:
        write_output("json", outputs.pop("json"),
                     jsonlib.dumps(check_to_dict(result), ensure_ascii=False, indent=2) + "\n")

    write_reports(merged, outputs, fail_on=settings.fail_on)
    _show(merged, result, quiet)
    raise typer.Exit(exit_code(merged, settings.fail_on))


def baseline(
    paths: PathsArgument = None,
    config: ConfigOption = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Where to write it (default: the config's `baseline`).")] = None,
    model: ModelOption = None,
    jobs: JobsOption = None,
    no_cache: NoCacheOption = False,
    allow_outside: OutsideOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on the terminal.")] = False,
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


def _show(merged, result, quiet: bool) -> None:
    """Annotations inside GitHub Actions; the findings, the tally and one gate line unless quiet."""
    cache_notice(result.metrics, quiet=quiet)
    github_annotations(merged)
    if quiet:
        return
    from checker.reporters.terminal import print_findings, print_tally

    out = console()
    print_findings(out, merged)
    print_tally(out, merged)
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
    out.print(", ".join(notes) + ".")
