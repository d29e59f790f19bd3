"""GitLab Code Quality: the JSON array a merge request's code-quality widget reads.

One issue per finding, at its first location: ``description``, ``check_name``, ``fingerprint``,
``severity`` and ``location.path`` with ``location.lines.begin``, the fields GitLab requires.
Fingerprints are unique within the report: a finding whose fingerprint another already has
gets a counter hashed in (as ruff's ``gitlab.rs`` does). Silenced findings are left out: the
format has no way to say a finding was suppressed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from checker.model import Category, Report, Severity
from checker.reporters.base import Reporter, path_of

SEVERITIES = {
    Severity.CRITICAL: "critical",
    Severity.MAJOR: "major",
    Severity.MINOR: "minor",
    Severity.INFO: "info",
}
"""GitLab's scale is info, minor, major, critical, blocker; nothing of ours blocks a merge alone."""

CATEGORIES = {
    Category.ACCURACY: "Bug Risk",
    Category.TERMINOLOGY: "Clarity",
    Category.FLUENCY: "Style",
    Category.STYLE: "Style",
    Category.LOCALE: "Compatibility",
    Category.MARKUP: "Bug Risk",
}
"""MQM categories as the Code Climate spec's (GitLab ignores them; other Code Climate readers do not)."""


class GitlabReporter(Reporter):
    """The findings as a GitLab Code Quality report (``artifacts: reports: codequality``)."""

    format = "gitlab"
    suffix = ".json"
    option = "Write GitLab Code Quality JSON here."
    stdout = True

    def render(self, report: Report) -> str:
        return json.dumps(code_quality(report), ensure_ascii=False, indent=2) + "\n"


def code_quality(report: Report) -> list[dict[str, Any]]:
    """The report as GitLab Code Quality issues (a list ready for ``json.dumps``)."""
    issues: list[dict[str, Any]] = []
    seen: set[str] = set()
    for finding in report.findings:
        first = finding.locations[0] if finding.locations else None
        path = path_of(report, first) if first else (report.documents[0].path if report.documents else "")
        base = finding.fingerprint or hashlib.sha256(
            f"{finding.check}\x1f{path}\x1f{finding.message}".encode()).hexdigest()[:16]
        fingerprint, counter = base, 0
        while fingerprint in seen:
            counter += 1
            fingerprint = hashlib.sha256(f"{base}\x1f{counter}".encode()).hexdigest()[:16]
        seen.add(fingerprint)
        issue: dict[str, Any] = {
            "type": "issue",
            "description": finding.message,
            "check_name": finding.check,
            "categories": [CATEGORIES.get(finding.category, "Bug Risk")],
            "fingerprint": fingerprint,
            "severity": SEVERITIES[finding.severity],
            "location": {"path": path, "lines": {"begin": first.line if first else 1}},
        }
        if finding.suggestion is not None:
            issue["content"] = {"body": f"Suggestion: {finding.suggestion}"}
        issues.append(issue)
    return issues
