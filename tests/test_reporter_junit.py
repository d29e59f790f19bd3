"""JUnit XML: one suite per document, one test case per check, failures from ``fail_on``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from checker.checks.base import Check
from checker.model import Category, Severity
from checker.reporters.junit import JunitReporter
from tests.fixtures.sample_report import FINDINGS, SAMPLE_REPORT, ZH_B


def _parse(report=SAMPLE_REPORT, fail_on=Severity.MAJOR, checks=()) -> ET.Element:
    """The JUnit XML of ``report``, the reporter given ``checks`` (none: only checks that found
    something are test cases)."""
    return ET.fromstring(JunitReporter(fail_on=fail_on, checks=checks).render(report).encode("utf-8"))


def _failed(root: ET.Element) -> set[tuple[str, str]]:
    return {
        (suite.get("name"), case.get("name"))
        for suite in root.iter("testsuite")
        for case in suite.iter("testcase")
        if case.find("failure") is not None
    }


def test_one_suite_per_document_and_one_case_per_check():
    root = _parse()
    suites = {s.get("name"): [c.get("name") for c in s.iter("testcase")] for s in root.iter("testsuite")}
    assert suites == {
        "corpora/memo/en.txt": ["omission", "spelling"],
        "corpora/memo/zh-a.txt": ["number-mismatch", "term-drift"],
        "corpora/memo/zh-b.txt": ["addition"],
    }
    assert root.get("tests") == "5"


@pytest.mark.parametrize(
    ("fail_on", "failed"),
    [
        (
            Severity.MAJOR,
            {
                ("corpora/memo/en.txt", "omission"),
                ("corpora/memo/zh-a.txt", "number-mismatch"),
                ("corpora/memo/zh-a.txt", "term-drift"),
            },
        ),
        (
            Severity.MINOR,
            {
                ("corpora/memo/en.txt", "omission"),
                ("corpora/memo/en.txt", "spelling"),
                ("corpora/memo/zh-a.txt", "number-mismatch"),
                ("corpora/memo/zh-a.txt", "term-drift"),
                ("corpora/memo/zh-b.txt", "addition"),
            },
        ),
        (Severity.CRITICAL, set()),
        (None, set()),
    ],
)
def test_only_findings_at_or_above_fail_on_fail(fail_on, failed):
    root = _parse(fail_on=fail_on)
    assert _failed(root) == failed
    assert root.get("failures") == str(len(failed))
    assert sum(int(s.get("failures")) for s in root.iter("testsuite")) == len(failed)


def test_the_default_threshold_is_major():
    assert JunitReporter().render(SAMPLE_REPORT) == JunitReporter(fail_on=Severity.MAJOR).render(
        SAMPLE_REPORT
    )


def test_a_failure_names_the_place_the_severity_and_the_span():
    root = _parse()
    case = next(c for c in root.iter("testcase") if c.get("name") == "term-drift")
    failure = case.find("failure")
    assert failure.get("type") == "major"
    assert FINDINGS[0].message in failure.get("message")
    assert "corpora/memo/zh-a.txt:5:11: 任务协调主管" in failure.text
    assert "corpora/memo/zh-b.txt:6:16: 任务对齐主管" in failure.text


def test_findings_below_the_threshold_are_listed_in_the_output_of_a_passed_case():
    case = next(c for c in _parse().iter("testcase") if c.get("name") == "spelling")
    assert case.find("failure") is None
    assert "'diffcult' looks misspelled." in case.find("system-out").text


def test_markup_in_the_documents_is_escaped():
    text = JunitReporter().render(SAMPLE_REPORT)
    assert "<script>" not in text
    case = next(c for c in _parse(fail_on=Severity.MINOR).iter("testcase") if c.get("name") == "addition")
    assert ZH_B.segments[4].text in case.find("failure").text


@pytest.mark.parametrize(
    "message",
    [
        'He said "no" & left <b>',
        "]]></failure><testcase name='x'>",
        "bell\x07 null\x00 esc\x1b form\x0c",
        "a\ud800b",
    ],
)
def test_any_message_gives_well_formed_xml(message):
    finding = replace(FINDINGS[0], message=message)
    root = _parse(replace(SAMPLE_REPORT, findings=(finding,)))
    [case] = root.iter("testcase")
    assert case.find("failure").get("message").startswith("1 finding: ")


def test_registered_checks_without_findings_pass():
    quiet = type(
        "Quiet",
        (Check,),
        {"id": "quiet-check", "name": "quiet", "category": Category.STYLE, "severity": Severity.MINOR},
    )
    root = _parse(checks=(quiet,))
    for suite in root.iter("testsuite"):
        names = [c.get("name") for c in suite.iter("testcase")]
        assert names[0] == "quiet-check"
    assert root.get("tests") == "8"
    assert root.get("failures") == "3"
