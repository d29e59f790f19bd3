"""Fixtures shared by the gate's tests (test_gate, test_baseline, test_suppress)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

GATE_REPO = Path(__file__).parent / "data" / "gate_repo"
"""A small translation repository: Markdown docs in en/zh, a JSON locale pair, a config."""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh copy of the fixture repository."""
    target = tmp_path / "repo"
    shutil.copytree(GATE_REPO, target)
    return target


@pytest.fixture
def numbers_only(repo: Path) -> None:
    """The fixture repository's config selects the number check alone (and the gate's layout
    checks), whatever the registry holds: findings the tests can predict."""
    config = repo / "transcheck.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'fail-on = "major"\n',
        'fail-on = "major"\nselect = ["number-mismatch", "missing-translation", "orphan-translation"]\n'),
        encoding="utf-8")


@pytest.fixture
def number_repo(repo: Path, numbers_only: None) -> Path:
    """A fresh copy of the fixture repository, checked by the number check alone."""
    return repo
