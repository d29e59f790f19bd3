"""JUnit XML: the test-report format every CI system can display.

Each document is a ``<testsuite>`` (the source's holds what only the source shows: an omitted
sentence, a typo in the original); each check is a ``<testcase>``, failed when it found something
at or above ``fail_on`` and passed otherwise (what it found below the threshold is listed in
the test case's output). A finding belongs to the document of its first location.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from checker.checks.base import Check
from checker.model import Finding, Report
from checker.reporters.base import Reporter, by_document, path_of

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class JunitReporter(Reporter):
    """Findings as JUnit XML test results; ``fail_on=None`` never fails a test."""

    format = "junit"
    suffix = ".xml"
    option = "Write JUnit XML here."

    def render(self, report: Report) -> str:
        root = ET.Element("testsuites", name=report.tool.name)
        seconds = report.metrics.get("seconds")
        if isinstance(seconds, (int, float)):
            root.set("time", f"{seconds:.3f}")
        grouped = by_document(report)
        found = {doc.id: findings for doc, findings in grouped if doc is not None}
        suites = [(doc.path, found.get(doc.id, [])) for doc in report.documents]
        suites += [("(no document)", findings) for doc, findings in grouped if doc is None]
        total = failed = 0
        for name, findings in suites:
            suite = self._suite(report, name, findings)
            root.append(suite)
            total += int(suite.get("tests", "0"))
            failed += int(suite.get("failures", "0"))
        root.set("tests", str(total))
        root.set("failures", str(failed))
        root.set("errors", "0")
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"

    def _suite(self, report: Report, name: str, findings: list[Finding]) -> ET.Element:
        checks = _check_ids(self.checks, findings)
        suite = ET.Element("testsuite", name=_xml(name), tests=str(len(checks)), errors="0", skipped="0")
        properties = ET.SubElement(suite, "properties")
        for key, value in (("model", report.tool.model), ("signature", report.tool.signature)):
            ET.SubElement(properties, "property", name=key, value=_xml(value))
        failures = 0
        for check in checks:
            mine = [f for f in findings if f.check == check]
            failing = [f for f in mine if self._fails(f)]
            passed = [f for f in mine if not self._fails(f)]
            case = ET.SubElement(suite, "testcase", name=check, classname=_xml(name), file=_xml(name))
            if failing:
                failures += 1
                worst = max((f.severity for f in failing), key=lambda s: s.rank)
                count = f"{len(failing)} finding{'s' if len(failing) != 1 else ''}"
                failure = ET.SubElement(case, "failure", type=worst.value,
                                        message=_xml(f"{count}: {failing[0].message}"))
                failure.text = _xml("\n".join(_line(report, f) for f in failing))
            if passed:
                ET.SubElement(case, "system-out").text = _xml("\n".join(_line(report, f) for f in passed))
        suite.set("failures", str(failures))
        return suite

    def _fails(self, finding: Finding) -> bool:
        return self.fail_on is not None and finding.severity >= self.fail_on


def _check_ids(checks: Sequence[type[Check]], findings: list[Finding]) -> list[str]:
    """Every registered check, then any other check id that found something, each once."""
    ids = [check.id for check in checks]
    ids += sorted({f.check for f in findings} - set(ids))
    return ids


def _line(report: Report, finding: Finding) -> str:
    """One finding as ``path:line:column: severity: message [span]``."""
    if not finding.locations:
        return f"{finding.severity.value}: {finding.message}"
    parts = []
    for location in finding.locations:
        parts.append(f"{path_of(report, location)}:{location.line}:{location.column}: {location.text}")
    head = f"{finding.severity.value}: {finding.message}"
    tail = f"\n  suggestion: {finding.suggestion}" if finding.suggestion is not None else ""
    return head + "".join(f"\n  {part}" for part in parts) + tail


def _xml(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced (escaping is ElementTree's job)."""
    return _NOT_XML.sub("\ufffd", text)
