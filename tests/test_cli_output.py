"""What ``compare`` and ``check`` print on stdout: ``--output-format``, ``--statistics``,
``--min-severity``, the full view's order, and plain text off a terminal.

The commands run in-process with the gate tests' fake encoder (no model); stdout is not a
terminal here, as in a pipe or a CI log.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import TranscheckError
from checker.model import Severity
from checker.reporters import REPORTERS
from checker.reporters.terminal import TerminalReporter
from tests.fixtures.sample_report import EN, FINDINGS, SAMPLE_REPORT
from tests.test_gate import FakeEncoder

ROOT = Path(__file__).resolve().parent.parent
MEMO = [str(ROOT / "corpora/memo" / name) for name in ("en.txt", "zh-a.txt", "zh-b.txt")]
CONCISE = re.compile(r"^[^\s:][^:]*:\d+:\d+: (critical|major|minor|info) [a-z]+(-[a-z]+)* \S.*$")
TALLY = re.compile(r"^(\d+ findings?: .*\.|No findings\.)$")


@pytest.fixture
def run(monkeypatch, tmp_path: Path):
    """``transcheck ARGS`` in-process with the fake encoder; returns (exit code, stdout)."""
    import checker.embedding

    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(checker.embedding, "load_encoder", lambda model=None, **kw: FakeEncoder())


    def invoke(*args: str, env: dict | None = None):
        done = CliRunner().invoke(app, list(args), env={"GITHUB_ACTIONS": "", **(env or {})})
        if isinstance(done.exception, TranscheckError):  # main() makes these one line and exit 2
            return 2, done.stdout
        if done.exception and not isinstance(done.exception, SystemExit):
            raise done.exception
        return done.exit_code, done.stdout

    return invoke


def _memo(run, *args: str, **kw):
    return run("compare", *MEMO, "--fail-on", "none", *args, **kw)


def test_concise_is_one_line_per_finding_then_the_tally(run):
    code, out = _memo(run, "--output-format", "concise")
    code_json, report = _memo(run, "--output-format", "json")
    lines = out.splitlines()
    findings = json.loads(report)["findings"]
    assert code == 0 and len(findings) > 3
    assert len(lines) == len(findings) + 1
    assert all(CONCISE.match(line) for line in lines[:-1]), lines
    assert TALLY.match(lines[-1])


@pytest.mark.parametrize("fmt", ["full", "concise"])
def test_output_off_a_terminal_has_no_padding_or_trailing_spaces(run, fmt):
    code, out = _memo(run, "--output-format", fmt)
    assert out.strip() and "\x1b" not in out
    assert not [line for line in out.splitlines() if line != line.rstrip()]


def test_full_output_is_grouped_by_file_with_one_headline_per_finding(run):
    _, out = _memo(run)
    _, report = _memo(run, "--output-format", "json")
    findings = json.loads(report)["findings"]
    headlines = [line for line in out.splitlines() if re.match(r"^\S+:\d+:\d+: (critical|major|minor|info) ", line)]
    assert len(headlines) == len(findings)
    assert len(out.splitlines()) < 6 * len(findings)  # compact: a headline, evidence, no wrapped padding


def test_full_output_puts_a_major_before_the_minors_of_its_file():
    minor_first = replace(FINDINGS[1], severity=Severity.MINOR, locations=(EN.locate(0),))
    major_later = replace(FINDINGS[1], severity=Severity.MAJOR, locations=(EN.locate(3),), check="omission")
    text = TerminalReporter().render(replace(SAMPLE_REPORT, findings=(minor_first, major_later)))
    lines = [line for line in text.splitlines() if line.startswith(f"{EN.path}:")]
    assert [line.split(": ")[1].split()[0] for line in lines] == ["major", "minor"]


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_a_report_format_on_stdout_is_that_format_alone(run, fmt):
    _, out = _memo(run, "--output-format", fmt, env={"GITHUB_ACTIONS": "true"})
    if fmt == "json":
        import jsonschema

        from checker.reporters.json import load_schema

        jsonschema.validate(json.loads(out), load_schema())
    elif fmt == "sarif":
        assert json.loads(out)["version"] == "2.1.0"
    else:  # annotations without GITHUB_ACTIONS's help, each once
        lines = out.splitlines()
        assert lines and all(re.match(r"^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,title=", x)
                             for x in lines)
        assert len(lines) == len(set(lines))


def test_github_format_needs_no_github_actions_variable(run):
    _, out = _memo(run, "--output-format", "github")
    assert out.startswith("::")


def test_gitlab_format_is_looked_up_in_the_reporter_registry(run):
    code, out = _memo(run, "--output-format", "gitlab")
    if "gitlab" in REPORTERS:
        import jsonschema

        schema = json.loads((ROOT / "tests/data/schemas/gitlab-codequality.schema.json").read_text(encoding="utf-8"))
        assert code == 0
        jsonschema.validate(json.loads(out), schema)
    else:
        assert code == 2


def test_statistics_count_findings_per_check(run):
    _, out = _memo(run, "--statistics")
    _, report = _memo(run, "--output-format", "json")
    by_check = json.loads(report)["summary"]["by_check"]
    rows = [line.split() for line in out.splitlines()[:-1]]
    assert {row[1]: int(row[0]) for row in rows} == by_check
    counts = [int(row[0]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    _, stats = _memo(run, "--statistics", "--output-format", "json")
    assert {row["check"]: row["count"] for row in json.loads(stats)} == by_check


def test_min_severity_hides_findings_from_stdout_but_not_from_the_exit_code(run, tmp_path):
    code, out = run("compare", *MEMO, "--fail-on", "minor", "--min-severity", "major", "--output-format",
                    "concise", "--json", str(tmp_path / "all.json"))
    everything = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["findings"]
    below = [f for f in everything if f["severity"] in ("minor", "info")]
    assert any(f["severity"] == "minor" for f in below) and code == 1
    assert " minor " not in out and " info " not in out
    assert f"{len(below)} findings below --min-severity major not shown." in out


def test_quiet_prints_nothing(run):
    assert _memo(run, "--quiet")[1] == ""


def test_statistics_with_a_report_format_is_a_usage_error(run):
    assert _memo(run, "--statistics", "--output-format", "sarif")[0] == 2


def test_the_gate_prints_concise_and_json(run, repo: Path, monkeypatch, numbers_only):
    monkeypatch.chdir(repo)
    code, out = run("check", "--no-cache", "--output-format", "concise")
    assert code == 1 and all(CONCISE.match(line) for line in out.splitlines()[:-1])
    _, document = run("check", "--no-cache", "--output-format", "json", "--min-severity", "critical")
    parsed = json.loads(document)
    assert parsed["schema"] == "transcheck-check/1"
    assert not [f for report in parsed["reports"] for f in report["findings"]]
