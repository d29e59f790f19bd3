"""Report options come from the reporter registry: every reporter that writes a file is a
``--FORMAT PATH`` option of ``compare`` and ``check``, and a new reporter needs no CLI edit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from checker import reporters
from checker.cli.support import report_options, write_reports
from checker.reporters.base import Reporter
from tests.fixtures.sample_report import SAMPLE_REPORT


def _help(command: str) -> str:
    done = subprocess.run([sys.executable, "-m", "checker", command, "--help"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())  # each help on one line, however the terminal wraps it


@pytest.mark.parametrize("command", ["compare", "check"])
def test_every_file_reporter_is_an_option(command):
    text = _help(command)
    for fmt in reporters.FILE_REPORTERS:
        assert f"--{fmt} PATH" in text
    for fmt in set(reporters.REPORTERS) - set(reporters.FILE_REPORTERS):  # printed on stdout only
        assert f"--{fmt} PATH" not in text


def test_check_describes_its_own_json_and_html():
    text = _help("check")
    assert "Write the JSON results here." in text and "one page, a section per file pair" in text


class CsvReporter(Reporter):
    format = "csv"
    suffix = ".csv"
    option = "Write the findings as CSV here."

    def render(self, report) -> str:
        return "".join(f"{f.check},{f.severity.value}\n" for f in report.findings)


@pytest.fixture
def csv_registered(monkeypatch):
    monkeypatch.setitem(reporters.REPORTERS, "csv", CsvReporter)
    monkeypatch.setitem(reporters.FILE_REPORTERS, "csv", CsvReporter)


def test_a_new_reporter_is_an_option_and_a_report_with_no_cli_edit(csv_registered, tmp_path: Path):
    seen: dict = {}

    @report_options()
    def command(source: Path, reports: dict | None = None, quiet: bool = False) -> None:
        seen.update(reports or {})
        write_reports(SAMPLE_REPORT, reports or {})

    app = typer.Typer()
    app.command()(command)
    app.command("other")(lambda: None)  # two commands, so the first is a subcommand as in transcheck
    runner = CliRunner()
    options = {opt: param for param in typer.main.get_command(app).commands["command"].params for opt in param.opts}
    assert options["--csv"].metavar == "PATH" and options["--csv"].help == CsvReporter.option
    done = runner.invoke(app, ["command", "en.txt", "--csv", str(tmp_path / "r.csv"), "--quiet"])
    assert done.exit_code == 0, done.output
    assert seen == {"csv": tmp_path / "r.csv"}
    assert (tmp_path / "r.csv").read_text().splitlines() == [
        f"{f.check},{f.severity.value}" for f in SAMPLE_REPORT.findings]


def test_a_reporter_named_like_an_option_of_the_command_is_refused(monkeypatch):
    class Quiet(CsvReporter):
        format = "quiet"

    monkeypatch.setitem(reporters.FILE_REPORTERS, "quiet", Quiet)
    with pytest.raises(TypeError, match="quiet"):
        report_options()(lambda source, reports=None, quiet=False: None)
