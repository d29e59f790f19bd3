"""GitLab Code Quality: valid against the fields GitLab requires, one issue per finding.

The schema (``tests/data/schemas/gitlab-codequality.schema.json``) writes down what GitLab's
documentation requires of an issue: ``description``, ``check_name``, ``fingerprint``,
``severity`` (info, minor, major, critical, blocker) and ``location.path`` with
``location.lines.begin``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from checker.model import Severity, Suppressed
from checker.reporters.gitlab import GitlabReporter
from tests.fixtures.sample_report import FINDINGS, SAMPLE_REPORT

SCHEMA = Path(__file__).parent / "data" / "schemas" / "gitlab-codequality.schema.json"


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    return Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def _issues(report=SAMPLE_REPORT) -> list[dict]:
    return json.loads(GitlabReporter().render(report))


def test_the_report_is_valid_code_quality(validator):
    issues = _issues()
    assert [e.message for e in validator.iter_errors(issues)] == []
    assert len(issues) == len(FINDINGS)


def test_the_validator_catches_a_broken_report(validator):
    broken = _issues()
    del broken[0]["location"]["lines"]
    broken[1]["severity"] = "error"
    assert len(list(validator.iter_errors(broken))) == 2


def test_an_issue_says_what_where_and_how_bad():
    spelling = next(i for i in _issues() if i["check_name"] == "spelling")
    assert spelling["description"] == "'diffcult' looks misspelled."
    assert spelling["location"] == {"path": "corpora/memo/en.txt", "lines": {"begin": 3}}
    assert spelling["severity"] == "minor" and spelling["fingerprint"] == "5e11c0de5e11c0de"


@pytest.mark.parametrize(("severity", "expected"), [
    (Severity.CRITICAL, "critical"), (Severity.MAJOR, "major"), (Severity.MINOR, "minor"), (Severity.INFO, "info"),
])
def test_severities_map_onto_gitlabs_scale(severity, expected):
    (issue,) = _issues(replace(SAMPLE_REPORT, findings=(replace(FINDINGS[3], severity=severity),)))
    assert issue["severity"] == expected


def test_fingerprints_are_unique_even_when_findings_collide(validator):
    twins = (FINDINGS[3], replace(FINDINGS[3], message="again"), replace(FINDINGS[3], fingerprint=""))
    issues = _issues(replace(SAMPLE_REPORT, findings=twins))
    assert len({i["fingerprint"] for i in issues}) == 3 and issues[0]["fingerprint"] == FINDINGS[3].fingerprint
    assert validator.is_valid(issues)


def test_suppressed_findings_are_left_out():
    report = replace(SAMPLE_REPORT, findings=FINDINGS[:1], suppressed=(Suppressed(FINDINGS[3], "baseline"),))
    assert [i["check_name"] for i in _issues(report)] == ["term-drift"]
