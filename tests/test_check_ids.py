"""A check id prefix that no check id starts with is an input error, never a silent "check nothing".

``select = ["numbr"]`` once made the gate pass with nothing checked. Now every place that names
checks (``--select``/``--ignore`` of ``compare``; ``select``, ``ignore``, ``[severity]`` and
``per-file-ignores`` of the gate's config) refuses an unknown prefix: exit 2, one line, with the
nearest prefix that exists, and nothing written. Prefixes stay valid: ``term`` selects
``term-drift`` and ``term-inconsistency``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.checks import by_id
from checker.errors import ConfigError
from checker.findings.selection import unknown_prefix
from checker.gate.config import load_config

IDS = sorted(by_id())


@pytest.mark.parametrize(
    ("prefix", "suggestion"),
    [
        ("numbr", "number"),  # the example
        ("term-drfit", "term-drift"),
        ("spellng", "spelling"),
        ("Spelling", "spelling"),  # ids are lower case
        ("tags", "tag"),
        ("omision", "omission"),
    ],
)
def test_an_unknown_prefix_is_named_with_the_nearest(prefix, suggestion):
    problem = unknown_prefix(["term", prefix], IDS)
    assert problem == f"{prefix!r} matches no check id; did you mean {suggestion!r}?"


def test_with_nothing_near_every_check_is_listed():
    problem = unknown_prefix(["zzz"], IDS)
    assert problem.startswith("'zzz' matches no check id (checks: addition, ")
    assert "\n" not in problem


@pytest.mark.parametrize("prefixes", [[], ["term"], ["stray", "number-mismatch"], ["t"], ["code-block-mismatch"]])
def test_prefixes_that_select_a_check_are_valid(prefixes):
    assert unknown_prefix(prefixes, IDS) is None


# ---------------------------------------------------------------------------- the gate's config

MAPPING = """
[[tool.transcheck.mapping]]
source = "docs/en/{path}.md"
translation = "docs/{lang}/{path}.md"
languages = ["zh"]
"""


def _config(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.transcheck]\n" + body + "\n" + MAPPING, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "key", "suggestion"),
    [
        ('select = ["numbr"]', "tool.transcheck.select", "number"),
        ('ignore = ["spelling", "stale-translaton"]', "tool.transcheck.ignore", "stale-translation"),
        ('per-file-ignores = { "docs/zh/legal/**" = ["nubmer"] }', "tool.transcheck.per-file-ignores", "number"),
        ('[tool.transcheck.severity]\nterm-drfit = "minor"', "tool.transcheck.severity", "term-drift"),
    ],
)
def test_config_refuses_an_unknown_check(tmp_path, body, key, suggestion):
    with pytest.raises(ConfigError) as err:
        load_config(_config(tmp_path, body))
    message = str(err.value)
    assert key in message and f"did you mean {suggestion!r}?" in message
    assert "\n" not in message


def test_config_accepts_prefixes_and_the_gate_checks(tmp_path):
    config = load_config(_config(tmp_path, 'select = ["term", "number", "missing-translation"]\n'
                                           'ignore = ["stale"]\n[tool.transcheck.severity]\norphan = "major"'))
    assert config.select == ("term", "number", "missing-translation") and config.ignore == ("stale",)


# ---------------------------------------------------------------------------- through the CLI


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def _one_line_exit_2(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert all(needle in lines[0] for needle in needles), lines[0]


@pytest.fixture
def pair(tmp_path: Path) -> Path:
    (tmp_path / "en.txt").write_text("We shipped 3 releases in 2024.\n", encoding="utf-8")
    (tmp_path / "zh.txt").write_text("我们在 2024 年发布了 3 个版本。\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("option", "value", "suggestion"),
    [("--select", "numbr", "number"), ("--ignore", "spelling,stray-charcter", "stray-character")],
)
def test_compare_refuses_an_unknown_check(pair, option, value, suggestion):
    result = _run("compare", "en.txt", "zh.txt", option, value, "--json", "out.json", cwd=pair)
    _one_line_exit_2(result, option, value.split(",")[-1], f"did you mean {suggestion!r}?")
    assert not (pair / "out.json").exists()


def test_compare_selects_by_prefix(pair, monkeypatch):
    import checker.embedding
    from checker.cli import app
    from tests.test_gate import FakeEncoder

    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(pair / "cache"))
    monkeypatch.setattr(checker.embedding, "load_encoder", lambda model=None, **kw: FakeEncoder())
    monkeypatch.chdir(pair)
    done = CliRunner().invoke(app, ["compare", "en.txt", "zh.txt", "--select", "term", "--select", "number",
                                    "--ignore", "term-drift", "--json", "out.json", "--quiet"])
    assert done.exit_code == 0, done.output
    signature = json.loads((pair / "out.json").read_text("utf-8"))["tool"]["signature"]
    assert "select:term,number" in signature and "ignore:term-drift" in signature


def test_check_refuses_an_unknown_check_in_its_config(repo):
    config = repo / "transcheck.toml"
    config.write_text(config.read_text("utf-8").replace('fail-on = "major"', 'fail-on = "major"\nselect = ["numbr"]'),
                      encoding="utf-8")
    result = _run("check", "--json", "out.json", cwd=repo)
    _one_line_exit_2(result, "select", "'numbr'", "did you mean 'number'?")
    assert not (repo / "out.json").exists()


def test_check_refuses_an_unknown_severity_key(repo):
    config = repo / "transcheck.toml"
    config.write_text(config.read_text("utf-8") + '\n[severity]\nspeling = "info"\n', encoding="utf-8")
    result = _run("check", "--sarif", "out.sarif", cwd=repo)
    _one_line_exit_2(result, "severity", "'speling'", "did you mean 'spelling'?")
    assert not (repo / "out.sarif").exists()
