"""The command line as a user meets it: help without Python types, clear bad-choice errors,
``-V``, shell completion, and ``transcheck rule ID`` (as ``ruff rule``)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
import typer

from checker import __version__
from checker.cli.compare import _plain_help
from checker.cli.docs import ALL_CHECKS
from checker.cli.support import INPUT_FORMATS

COMMANDS = ["compare", "check", "baseline", "checks", "rule"]
PYTHON_TYPE = re.compile(r"<(list\[|int|str|path|bool|float|Path)[^>]*>|\brange>|\{[A-Z]+\}|\[\[")


def transcheck(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_no_python_types(command):
    done = transcheck(*([command] if command else []), "--help")
    assert done.returncode == 0 and "Usage" in done.stdout
    assert not PYTHON_TYPE.search(done.stdout), PYTHON_TYPE.search(done.stdout).group()


def test_help_lists_the_choices_of_every_choice_option():
    text = transcheck("compare", "--help").stdout
    for line in ("--format " + "|".join(INPUT_FORMATS), "--fail-on critical|major|minor|info|none",
                 "--output-format full|concise|json|sarif|gitlab|github", "--split sentences|paragraphs|lines",
                 "--min-severity critical|major|minor|info"):
        assert line in text


def test_input_formats_of_the_help_are_the_readers():
    from checker.readers import FORMATS

    assert tuple(FORMATS) == INPUT_FORMATS


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["compare", "a.txt", "b.txt", "--fail-on", "majr"], "did you mean 'major'"),
        (["check", "--fail-on", "majr"], "did you mean 'major'"),
        (["compare", "a.txt", "b.txt", "--format", "md"], "text, markdown, po"),
        (["compare", "a.txt", "b.txt", "--output-format", "jsn"], "did you mean 'json'"),
        (["compare", "a.txt", "b.txt", "--min-severity", "none"], "critical, major, minor, info"),
        (["rule", "omision"], "did you mean 'omission'"),
        (["rule", "xyzzy"], "transcheck checks"),
    ],
)
def test_a_bad_choice_is_one_line_naming_the_choices(args, wanted):
    done = transcheck(*args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and wanted in done.stderr, done.stderr
    assert "Value error" not in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag):
    done = transcheck(flag)
    assert done.returncode == 0 and done.stdout == f"transcheck {__version__}\n"


@pytest.mark.parametrize(
    ("words", "cword", "wanted"),
    [
        ("transcheck com", 1, {"compare"}),
        ("transcheck rule omi", 2, {"omission"}),
        ("transcheck compare --fail-on m", 3, {"major", "minor"}),
    ],
)
def test_shell_completion(words, cword, wanted):
    done = transcheck(env={"_TRANSCHECK_COMPLETE": "complete_bash", "COMP_WORDS": words,
                           "COMP_CWORD": str(cword)})
    assert done.returncode == 0 and set(done.stdout.split()) == wanted


def test_completion_script_is_offered():
    done = transcheck("--show-completion", "bash", env={"SHELL": "/bin/bash"})
    assert done.returncode == 0 and "_TRANSCHECK_COMPLETE" in done.stdout


@pytest.mark.parametrize("check", [ALL_CHECKS[0], ALL_CHECKS[-1]], ids=lambda c: c.id)
def test_rule_prints_one_checks_page(check):
    done = transcheck("rule", check.id)
    assert done.returncode == 0
    assert done.stdout.startswith(f"{check.id}\n")
    assert f"default severity: {check.severity.value}" in done.stdout
    for section in ("What it does", "Why is this bad?", "Example"):
        assert section in done.stdout
    others = [c.id for c in ALL_CHECKS if c is not check and f"\n{c.id}\n" in done.stdout]
    assert not others


def test_an_option_declared_without_a_metavar_shows_none_of_typers_types():
    """A later option that forgets its metavar (``--gitlab PATH``) still reads as the others."""
    app = typer.Typer(rich_markup_mode=None)

    @app.command()
    def gate(report: Annotated[Path | None, typer.Option("--report")] = None,
             name: Annotated[str | None, typer.Option("--name")] = None,
             files: Annotated[list[Path] | None, typer.Argument()] = None) -> None:
        """A command."""

    command = typer.main.get_command(app)
    _plain_help(command)
    with command.make_context("gate", [], resilient_parsing=True) as ctx:
        text = command.get_help(ctx)
    assert "--report PATH" in text and "--name VALUE" in text
    assert not PYTHON_TYPE.search(text), text
