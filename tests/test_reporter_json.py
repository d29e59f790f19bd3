"""The JSON report: the contract's shape, checked against the shipped JSON Schema both ways."""

from __future__ import annotations

import copy
import enum
import json
import math
from dataclasses import replace

import numpy as np
import pytest
from jsonschema import Draft202012Validator

from checker.reporters.json import JsonReporter, jsonable, load_schema, report_to_dict
from tests.fixtures.sample_report import FINDINGS, SAMPLE_REPORT


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture
def data() -> dict:
    return json.loads(JsonReporter().render(SAMPLE_REPORT))


def test_the_fixture_report_is_valid(validator, data):
    assert list(validator.iter_errors(data)) == []


def test_the_rendered_json_is_report_to_dict(data):
    assert data == json.loads(json.dumps(report_to_dict(SAMPLE_REPORT)))
    assert data["schema"] == "transcheck-report/1"
    assert data["summary"] == SAMPLE_REPORT.summary()
    assert data["metrics"] == {"seconds": 3.2}


def test_documents_keep_every_segment_with_its_position(data):
    for doc, out in zip(SAMPLE_REPORT.documents, data["documents"], strict=True):
        assert (out["id"], out["role"], out["path"], out["lang"]) == (
            doc.id,
            doc.role.value,
            doc.path,
            doc.lang,
        )
        assert [(s["index"], s["text"], s["paragraph"], s["line"], s["column"]) for s in out["segments"]] == [
            (s.index, s.text, s.paragraph, s.line, s.column) for s in doc.segments
        ]


def test_links_keep_empty_sides_missing_similarity_and_scores(data):
    links = data["alignments"][0]["links"]
    assert links[-1] == {"source": [3], "target": [], "similarity": None}
    pair = data["alignments"][2]["links"][0]
    assert pair["scores"] == {"chrf": 88.1, "bleu": 71.2}
    assert "scores" not in links[0]


def test_findings_carry_spans_suggestion_and_evidence(data):
    drift = data["findings"][0]
    assert [loc["text"] for loc in drift["locations"]] == ["任务协调主管", "任务对齐主管"]
    assert drift["suggestion"] == "任务对齐主管"
    assert drift["data"]["renderings"] == {"d1": "任务协调主管", "d2": "任务对齐主管"}
    omission = data["findings"][1]
    assert omission["suggestion"] is None and omission["data"] == {}
    assert [f["fingerprint"] for f in data["findings"]] == [f.fingerprint for f in FINDINGS]


def test_non_ascii_text_is_written_as_is():
    assert "任务协调主管" in JsonReporter().render(SAMPLE_REPORT)


def _drop(path):
    def mutate(d):
        *parents, last = path
        for key in parents:
            d = d[key]
        del d[last]

    return mutate


def _set(path, value):
    def mutate(d):
        *parents, last = path
        for key in parents:
            d = d[key]
        d[last] = value

    return mutate


BROKEN = {
    "no schema": _drop(["schema"]),
    "another version": _set(["schema"], "transcheck-report/2"),
    "no tool version": _drop(["tool", "version"]),
    "no documents": _drop(["documents"]),
    "bad role": _set(["documents", 0, "role"], "original"),
    "segment without text": _drop(["documents", 0, "segments", 0, "text"]),
    "line 0": _set(["documents", 0, "segments", 0, "line"], 0),
    "link without similarity": _drop(["alignments", 0, "links", 0, "similarity"]),
    "empty link": _set(["alignments", 0, "links", 0], {"source": [], "target": [], "similarity": None}),
    "similarity as text": _set(["alignments", 0, "links", 0, "similarity"], "0.9"),
    "finding without severity": _drop(["findings", 0, "severity"]),
    "bad severity": _set(["findings", 0, "severity"], "blocker"),
    "bad category": _set(["findings", 0, "category"], "grammar"),
    "severity in capitals": _set(["findings", 0, "severity"], "MAJOR"),
    "no fingerprint": _drop(["findings", 0, "fingerprint"]),
    "no suggestion key": _drop(["findings", 1, "suggestion"]),
    "empty message": _set(["findings", 0, "message"], ""),
    "location without text": _drop(["findings", 0, "locations", 0, "text"]),
    "location column 0": _set(["findings", 0, "locations", 0, "column"], 0),
    "check id with spaces": _set(["findings", 0, "check"], "term drift"),
    "no summary": _drop(["summary"]),
    "summary counts a made-up severity": _set(["summary", "by_severity", "blocker"], 1),
    "summary count as text": _set(["summary", "findings"], "5"),
}


@pytest.mark.parametrize("mutate", BROKEN.values(), ids=BROKEN.keys())
def test_the_schema_rejects_a_report_that_breaks_the_contract(validator, data, mutate):
    broken = copy.deepcopy(data)
    mutate(broken)
    assert not validator.is_valid(broken)


ADDED = {
    "a new top-level field": _set(["baseline"], {"fingerprints": []}),
    "a new link score": _set(["alignments", 0, "links", 0, "scores"], {"comet": 0.8}),
    "a new location field": _set(["findings", 0, "locations", 0, "end"], 12),
    "no metrics (older writers)": _drop(["metrics"]),
}


@pytest.mark.parametrize("mutate", ADDED.values(), ids=ADDED.keys())
def test_the_schema_accepts_added_fields(validator, data, mutate):
    extended = copy.deepcopy(data)
    mutate(extended)
    assert validator.is_valid(extended)


class Colour(enum.Enum):
    RED = "red"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ((1, 2), [1, 2]),
        ({"b", "a"}, ["a", "b"]),
        (Colour.RED, "red"),
        ({Colour.RED: np.float32(0.5)}, {"red": 0.5}),
        (np.array([1, 2]), [1, 2]),
        (np.int64(3), 3),
        (math.nan, None),
        (object, str(object)),
    ],
)
def test_evidence_becomes_plain_json(value, expected):
    assert jsonable(value) == expected


def test_a_finding_with_odd_evidence_still_renders_valid_json(validator):
    odd = replace(FINDINGS[2], data={"values": (6.5, math.inf), "seen": {np.float64(6.0)}})
    report = replace(SAMPLE_REPORT, findings=(odd,))
    text = JsonReporter().render(report)
    parsed = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    assert parsed["findings"][0]["data"] == {"values": [6.5, None], "seen": [6.0]}
    assert validator.is_valid(parsed)


def test_the_json_file_is_written_in_pieces_that_make_the_rendered_report(tmp_path, monkeypatch):
    from checker.cli.support import write_reports
    from checker.reporters import json as json_reporter

    monkeypatch.setattr(json_reporter, "CHUNK_CHARS", 200)
    pieces = list(JsonReporter().chunks(SAMPLE_REPORT))
    whole = json.dumps(report_to_dict(SAMPLE_REPORT), ensure_ascii=False, indent=2) + "\n"
    assert len(pieces) > 3 and "".join(pieces) == whole
    write_reports(SAMPLE_REPORT, {"json": tmp_path / "r.json"})
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == whole
