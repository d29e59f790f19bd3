"""Choosing which checks run and at what severity: select/ignore by id prefix, longest match wins.

As in flake8's style guide: ``select=("term",)`` with ``ignore=("term-inconsistency",)`` runs
``term-drift`` but not ``term-inconsistency``, because the longer prefix decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from checker.model import Finding, Severity


def is_selected(check_id: str, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> bool:
    """Whether a check runs: the longest matching prefix of ``select`` or ``ignore`` decides.

    An empty ``select`` selects everything. On a tie, ``select`` wins (it is the explicit ask).
    """
    best_select = max((len(p) for p in select if check_id.startswith(p)), default=-1)
    if not select:
        best_select = 0
    best_ignore = max((len(p) for p in ignore if check_id.startswith(p)), default=-1)
    if best_select < 0:
        return False
    return best_select >= best_ignore


def override_severity(findings: Iterable[Finding], overrides: Mapping[str, Severity]) -> list[Finding]:
    """Findings with severities replaced where ``overrides`` names their check (longest prefix wins)."""
    from dataclasses import replace

    result = []
    for finding in findings:
        matches = [p for p in overrides if finding.check.startswith(p)]
        if matches:
            finding = replace(finding, severity=overrides[max(matches, key=len)])
        result.append(finding)
    return result
