"""SARIF 2.1.0: the static-analysis interchange format that code-scanning dashboards read.

One run; ``tool.driver.rules`` comes from the check registry (plus any check id that appears
in the findings), so every rule carries its documentation. Each finding becomes one result:
its first location is where the result is, the others are related locations.
"""

from __future__ import annotations

import json
import os
from pathlib import PureWindowsPath
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from checker.checks import CHECKS
from checker.checks.base import Check
from checker.model import Finding, Location, Report, Severity
from checker.reporters.base import Reporter, path_of, span_end

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/transcheck/"
FINGERPRINT_KEY = "transcheck/v1"

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.MAJOR: "error",
    Severity.MINOR: "warning",
    Severity.INFO: "note",
}


class SarifReporter(Reporter):
    """The findings as a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers."""

    format = "sarif"
    suffix = ".sarif"

    def render(self, report: Report) -> str:
        return json.dumps(sarif_log(report, self.checks), ensure_ascii=False, indent=2) + "\n"


def sarif_log(report: Report, checks: Sequence[type[Check]] = CHECKS) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (a dictionary ready for ``json.dumps``); ``checks`` give
    the rules (the registry's, unless given)."""
    rules = _rules(report, checks)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    tool = report.tool
    run = {
        "tool": {"driver": {
            "name": tool.name,
            "version": tool.version,
            "semanticVersion": tool.version,
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }},
        "columnKind": "unicodeCodePoints",
        "artifacts": [
            {"location": {"uri": artifact_uri(doc.path)},
             "roles": ["analysisTarget"],
             "properties": {"lang": doc.lang, "role": doc.role.value, "documentId": doc.id}}
            for doc in report.documents
        ],
        "results": [_result(report, finding, index[finding.check]) for finding in report.findings],
        "properties": {"model": tool.model, "signature": tool.signature},
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def artifact_uri(path: str) -> str:
    """A document path as a SARIF artifact URI, percent-encoded.

    A relative path stays a relative URI reference (code-scanning tools resolve it against the
    repository root); an absolute path becomes a ``file://`` URI.
    """
    windows = PureWindowsPath(path) if os.sep == "\\" else None
    if windows is not None and windows.drive:
        return "file:///" + quote(windows.as_posix(), safe="/:")
    posix = path.replace(os.sep, "/")
    if posix.startswith("/"):
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def _rules(report: Report, checks: Sequence[type[Check]]) -> list[dict[str, Any]]:
    rules = []
    for check in checks:
        rules.append({
            "id": check.id,
            "name": check.name,
            "shortDescription": {"text": check.summary() or check.name},
            "fullDescription": {"text": check.doc() or check.name},
            "help": {"text": check.doc() or check.name, "markdown": check.doc() or check.name},
            "defaultConfiguration": {"level": LEVELS[check.severity]},
            "properties": {"category": check.category.value, "severity": check.severity.value},
        })
    known = {check.id for check in checks}
    seen: dict[str, Finding] = {}
    for finding in report.findings:
        if finding.check not in known:
            seen.setdefault(finding.check, finding)
    for check_id in sorted(seen):
        rules.append({"id": check_id, "properties": {"category": seen[check_id].category.value}})
    return rules


def _result(report: Report, finding: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.check,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
    }
    if finding.locations:
        first, *others = finding.locations
        result["locations"] = [_location(report, first)]
        if others:
            result["relatedLocations"] = [
                {"id": i, **_location(report, loc), "message": {"text": loc.text or path_of(report, loc)}}
                for i, loc in enumerate(others, start=1)
            ]
    if finding.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
    properties: dict[str, Any] = {"category": finding.category.value, "severity": finding.severity.value}
    if finding.suggestion is not None:
        properties["suggestion"] = finding.suggestion
    result["properties"] = properties
    return result


def _location(report: Report, location: Location) -> dict[str, Any]:
    end_line, end_column = span_end(report, location)
    region: dict[str, Any] = {
        "startLine": location.line,
        "startColumn": location.column,
        "endLine": end_line,
        "endColumn": end_column,
    }
    if location.text:
        region["snippet"] = {"text": location.text}
    return {"physicalLocation": {
        "artifactLocation": {"uri": artifact_uri(path_of(report, location))},
        "region": region,
    }}
