"""GitHub Actions annotations: one workflow command per finding, escaped as @actions/core does."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checker.model import Severity
from checker.reporters.github import GithubReporter, annotation, escape_data, escape_property
from tests.fixtures.sample_report import EN, FINDINGS, SAMPLE_REPORT


def _unescape(text: str) -> str:
    for code, char in (("%3A", ":"), ("%2C", ","), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(code, char)
    return text


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    """Split a workflow command the way the runner does: ``::name k=v,k=v::message``."""
    assert line.startswith("::")
    head, message = line[2:].split("::", 1)
    name, _, props = head.partition(" ")
    properties = dict(prop.split("=", 1) for prop in props.split(",")) if props else {}
    return name, {k: _unescape(v) for k, v in properties.items()}, _unescape(message)


def test_one_line_per_finding_at_its_first_location():
    lines = GithubReporter().render(SAMPLE_REPORT).splitlines()
    assert len(lines) == len(FINDINGS)
    for line, finding in zip(lines, FINDINGS, strict=True):
        _, props, message = _parse(line)
        first = finding.locations[0]
        assert props == {
            "file": SAMPLE_REPORT.document(first.document).path,
            "line": str(first.line),
            "col": str(first.column),
            "title": finding.check,
        }
        assert message.startswith(finding.message)


@pytest.mark.parametrize(
    ("severity", "command"),
    [
        (Severity.CRITICAL, "error"),
        (Severity.MAJOR, "error"),
        (Severity.MINOR, "warning"),
        (Severity.INFO, "notice"),
    ],
)
def test_severity_picks_the_command(severity, command):
    assert annotation(SAMPLE_REPORT, replace(FINDINGS[1], severity=severity)).startswith(f"::{command} ")


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("x: y, z", "x: y, z", "x%3A y%2C z"),
        ("%0A", "%250A", "%250A"),  # already-escaped text stays literal
        ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
    ],
)
def test_escaping_follows_the_actions_toolkit(text, data, prop):
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_hostile_paths_and_messages_stay_one_command():
    odd_doc = replace(EN, id="d0", path="docs/a,b:c%/en.txt")
    report = replace(SAMPLE_REPORT, documents=(odd_doc, *SAMPLE_REPORT.documents[1:]))
    finding = replace(FINDINGS[3], message="first line\n::error::injected, 50%", suggestion="x\ny")
    [line] = GithubReporter().render(replace(report, findings=(finding,))).splitlines()
    name, props, message = _parse(line)
    assert name == "warning"
    assert props["file"] == "docs/a,b:c%/en.txt"
    assert message == "first line\n::error::injected, 50% Suggestion: x\ny"


def test_a_finding_without_a_location_still_annotates_the_run():
    finding = replace(FINDINGS[1], locations=())
    assert annotation(SAMPLE_REPORT, finding) == f"::error title=omission::{FINDINGS[1].message}"
