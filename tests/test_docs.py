"""Every check and every command is documented, and the README's check list is the generated one."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import app
from checker.cli.docs import ALL_CHECKS, README_BEGIN, README_END, checks_markdown
from checker.model import Category, Severity

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_check_list_is_generated_from_the_registry():
    text = README.read_text(encoding="utf-8")
    block = text[text.index(README_BEGIN) + len(README_BEGIN):text.index(README_END)].strip()
    assert block == checks_markdown(), "run: transcheck checks --markdown, and paste it into README.md"


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.id)
def test_every_check_is_declared_and_documented(check):
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", check.id)
    assert isinstance(check.category, Category) and isinstance(check.severity, Severity)
    doc = check.doc()
    for section in ("What it does", "Why is this bad?", "Example"):
        assert section in doc, f"{check.id}: docstring lacks '{section}'"


def test_check_ids_are_unique():
    ids = [c.id for c in ALL_CHECKS]
    assert len(ids) == len(set(ids))


def test_every_command_is_in_the_readme_and_has_help():
    text = README.read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"compare", "checks", "check", "baseline"} <= set(names)
    for name in names:
        assert f"transcheck {name}" in text
        out = subprocess.run([sys.executable, "-m", "checker", name, "--help"], capture_output=True, text=True)
        assert out.returncode == 0 and "Usage" in out.stdout


def test_checks_command_prints_every_check():
    out = subprocess.run([sys.executable, "-m", "checker", "checks"], capture_output=True, text=True, check=True)
    for check in ALL_CHECKS:
        assert check.id in out.stdout
