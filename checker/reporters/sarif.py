"""SARIF 2.1.0: the static-analysis interchange format that code-scanning dashboards read.

One run; ``tool.driver.rules`` comes from the check registry (plus any check id that appears
in the findings), so every rule carries its documentation. Each finding becomes one result:
its first location is where the result is, the others are related locations.

Silenced findings stay in the log, as code-scanning tools expect, with a ``suppressions`` entry:
``inSource`` for a comment in the file, ``external`` for the config's per-file ignores and the
baseline. When the run compared against a baseline (``metrics["baseline"]``), every result has a
``baselineState``: ``unchanged`` for a finding the baseline holds, ``new`` for the others. A
suggestion that replaces the finding's first span is also a SARIF ``fix``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import PureWindowsPath
from typing import Any
from urllib.parse import quote

from checker.checks import CHECKS
from checker.checks.base import Check
from checker.model import Finding, Location, Report, Severity, Suppressed
from checker.reporters.base import Reporter, path_of, span_end

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/transcheck/"
FINGERPRINT_KEY = "transcheck/v1"

SUPPRESSION_KINDS = {"comment": "inSource", "config": "external", "baseline": "external"}

REPLACES_SPAN = {
    "spelling": lambda data: True,
    "stray-character": lambda data: True,
    "entity-mismatch": lambda data: True,
    "number-mismatch": lambda data: True,
    "glossary": lambda data: data.get("problem") == "forbidden",
    "punctuation": lambda data: data.get("issue") in {"doubled-word", "double-space", "half-width"},
}
"""The checks (and kinds of their findings) whose suggestion is the text to put in place of the
first location's span; other suggestions are hints (a missing term, a placeholder order)."""

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
    option = "Write SARIF 2.1.0 here."
    stdout = True

    def render(self, report: Report) -> str:
        return json.dumps(sarif_log(report, self.checks), ensure_ascii=False, indent=2) + "\n"


def sarif_log(report: Report, checks: Sequence[type[Check]] = CHECKS) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (a dictionary ready for ``json.dumps``); ``checks`` give
    the rules (the registry's, unless given)."""
    rules = _rules(report, checks)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    baseline = bool(report.metrics.get("baseline"))
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
        "results": [
            *(_result(report, finding, index[finding.check], baseline=baseline) for finding in report.findings),
            *(_result(report, s.finding, index[s.finding.check], baseline=baseline, suppressed=s)
              for s in report.suppressed),
        ],
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
    for finding in (*report.findings, *(s.finding for s in report.suppressed)):
        if finding.check not in known:
            seen.setdefault(finding.check, finding)
    for check_id in sorted(seen):
        rules.append({"id": check_id, "properties": {"category": seen[check_id].category.value}})
    return rules


def _result(report: Report, finding: Finding, rule_index: int, *, baseline: bool = False,
            suppressed: Suppressed | None = None) -> dict[str, Any]:
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
    if suppressed is not None:
        entry: dict[str, Any] = {"kind": SUPPRESSION_KINDS.get(suppressed.by, "external"), "status": "accepted"}
        note = suppressed.note or {"comment": "a transcheck-ignore comment in the file",
                                   "config": "a per-file ignore of the config",
                                   "baseline": "in the baseline"}.get(suppressed.by, "")
        if note:
            entry["justification"] = note
        result["suppressions"] = [entry]
    if baseline:
        result["baselineState"] = "unchanged" if suppressed is not None and suppressed.by == "baseline" else "new"
    fix = _fix(report, finding)
    if fix is not None:
        result["fixes"] = [fix]
    properties: dict[str, Any] = {"category": finding.category.value, "severity": finding.severity.value}
    if finding.suggestion is not None:
        properties["suggestion"] = finding.suggestion
    result["properties"] = properties
    return result


def _fix(report: Report, finding: Finding) -> dict[str, Any] | None:
    """The suggestion as a SARIF fix: the first span (and each repeat of it) deleted, the
    suggestion inserted in its place."""
    wanted = REPLACES_SPAN.get(finding.check)
    if wanted is None or finding.suggestion is None or not finding.locations or not wanted(finding.data):
        return None
    first = finding.locations[0]
    if len(first.segments) != 1 or not first.text or first.text == finding.suggestion:
        return None
    # every occurrence the finding lists of the same text in the same file (a name misspelled
    # three times, each half-width comma) is replaced, not only the first
    same = [loc for loc in finding.locations
            if loc.document == first.document and loc.text == first.text and len(loc.segments) == 1]
    replacements = []
    for loc in dict.fromkeys(same):
        region = _location(report, loc)["physicalLocation"]["region"]
        region.pop("snippet", None)
        replacements.append({"deletedRegion": region, "insertedContent": {"text": finding.suggestion}})
    return {
        "description": {"text": f"Replace '{first.text}' with '{finding.suggestion}'."},
        "artifactChanges": [{
            "artifactLocation": {"uri": artifact_uri(path_of(report, first))},
            "replacements": replacements,
        }],
    }


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
