import pytest

from checker.findings.selection import is_selected, override_severity
from checker.model import Category, Finding, Severity


@pytest.mark.parametrize(
    ("check", "select", "ignore", "expected"),
    [
        ("term-drift", (), (), True),
        ("term-drift", ("term",), (), True),
        ("spelling", ("term",), (), False),
        ("term-drift", (), ("term",), False),
        # the longest matching prefix wins
        ("term-drift", ("term-drift",), ("term",), True),
        ("term-inconsistency", ("term",), ("term-inc",), False),
        ("term-drift", ("term",), ("term-inc",), True),
        ("number-mismatch", ("number-mismatch",), ("number-mismatch",), True),
    ],
)
def test_select_and_ignore_by_prefix(check, select, ignore, expected):
    assert is_selected(check, select, ignore) is expected


def _finding(check: str) -> Finding:
    return Finding(check, Category.ACCURACY, Severity.MAJOR, "m", ())


def test_severity_overrides_use_the_longest_prefix():
    findings = [_finding("term-drift"), _finding("term-inconsistency"), _finding("spelling")]
    out = override_severity(findings, {"term": Severity.MINOR, "term-drift": Severity.CRITICAL})
    assert [f.severity for f in out] == [Severity.CRITICAL, Severity.MINOR, Severity.MAJOR]
