"""The baseline: accepted findings stay accepted through unrelated edits; new ones do not hide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.errors import ConfigError
from checker.findings import baseline
from checker.gate import run_gate
from checker.gate.config import load_config
from tests.test_gate import FakeEncoder


def _run(repo: Path):
    return run_gate(load_config(repo / "transcheck.toml"), encoder=FakeEncoder())


def _new(repo: Path) -> list[tuple[str, str]]:
    """(check, message) of the findings not in the repository's baseline."""
    known = baseline.load(repo / ".transcheck-baseline.json")
    reports, _ = baseline.filter_known(_run(repo).reports, known)
    return [(f.check, f.message) for r in reports for f in r.findings]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_written_file_is_sorted_readable_json(number_repo: Path):
    count = baseline.write(number_repo / ".transcheck-baseline.json", _run(number_repo).reports)
    data = json.loads((number_repo / ".transcheck-baseline.json").read_text(encoding="utf-8"))
    assert count == 3 and data["schema"] == "transcheck-baseline/1"
    entries = list(data["findings"].values())
    assert [e["path"] for e in entries] == sorted(e["path"] for e in entries)
    assert {e["check"] for e in entries} == {"missing-translation", "number-mismatch", "orphan-translation"}
    assert baseline.load(number_repo / ".transcheck-baseline.json") == frozenset(data["findings"])


@pytest.mark.parametrize("edit", [
    # a new paragraph above the known finding, in the translation and in the source
    ("docs/zh/cache.md", "# Orion 缓存\n", "# Orion 缓存\n\n这是新加的一段说明，放在最前面。\n"),
    ("docs/en/cache.md", "# The Orion cache\n", "# The Orion cache\n\nA new first paragraph.\n"),
    # an edit in another sentence of the same file
    ("docs/zh/cache.md", "记录在 30 天后过期。", "记录会在 30 天后过期。"),
    # a fix elsewhere in the repository
    ("docs/zh/intro.md", "使用 pip 安装。", "请使用 pip 安装。"),
])
def test_known_findings_survive_unrelated_edits(number_repo: Path, edit):
    baseline.write(number_repo / ".transcheck-baseline.json", _run(number_repo).reports)
    name, old, new = edit
    _edit(number_repo / name, old, new)
    assert _new(number_repo) == []


@pytest.mark.parametrize("edit, check", [
    (("docs/zh/cache.md", "50 条", "5 条"), "number-mismatch"),        # the known finding changed
    (("docs/zh/intro.md", "第 2 版", "第 3 版"), "number-mismatch"),    # a new one elsewhere
    (("docs/en/intro.md", "Version 2", "Version 4"), "number-mismatch"),
])
def test_changed_or_new_findings_are_new(number_repo: Path, edit, check: str):
    baseline.write(number_repo / ".transcheck-baseline.json", _run(number_repo).reports)
    name, old, new = edit
    _edit(number_repo / name, old, new)
    found = _new(number_repo)
    assert [c for c, _ in found] == [check]


def test_a_new_missing_translation_is_the_only_new_finding(number_repo: Path):
    baseline.write(number_repo / ".transcheck-baseline.json", _run(number_repo).reports)
    (number_repo / "docs/en/extra.md").write_text("A page nobody translated yet.\n", encoding="utf-8")
    assert _new(number_repo) == [("missing-translation",
                           "docs/en/extra.md has no zh translation: docs/zh/extra.md does not exist.")]


def test_partial_baseline_keeps_other_files_entries(number_repo: Path):
    path = number_repo / ".transcheck-baseline.json"
    baseline.write(path, _run(number_repo).reports)
    before = baseline.load(path)
    _edit(number_repo / "docs/zh/intro.md", "第 2 版", "第 3 版")
    config = load_config(number_repo / "transcheck.toml")
    partial = run_gate(config, encoder=FakeEncoder(), paths=["docs/zh/intro.md"])
    covered = {name for p in partial.pairs for name in (p.source, p.translation)}
    assert baseline.write(path, partial.reports, keep_outside=covered) == 4
    assert before < baseline.load(path)
    assert _new(number_repo) == []


def test_same_source_finding_is_separate_per_language(tmp_path: Path, monkeypatch):
    """A finding located in a shared source gets one fingerprint per translation."""
    from checker.checks.omission import OmissionCheck
    from checker.gate.config import parse_config

    en = " ".join(f"Step {n} uses Alpha{n}." for n in range(1, 9))
    zh = "".join(f"第 {n} 步使用 Alpha{n}。" for n in range(1, 9) if n != 5)
    for name, text in {"en/a.md": en, "zh/a.md": zh, "ja/a.md": zh}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    config = parse_config({"mapping": [{"source": "en/{path}", "translation": "{lang}/{path}",
                                        "languages": ["zh", "ja"]}]}, root=tmp_path)
    findings = [f for r in run_gate(config, encoder=FakeEncoder(), checks=(OmissionCheck,)).reports
                for f in r.findings]
    assert [f.check for f in findings] == ["omission", "omission"]
    assert len({f.fingerprint for f in findings}) == 2


@pytest.mark.parametrize("text", ["not json", "[]", '{"schema": "other/1", "findings": {}}',
                                  '{"schema": "transcheck-baseline/1", "findings": []}'])
def test_damaged_baseline_is_a_config_error(tmp_path: Path, text: str):
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="baseline"):
        baseline.load(path)


def test_missing_baseline_means_nothing_known(tmp_path: Path):
    assert baseline.load(tmp_path / "none.json") == frozenset()
