"""Choosing which checks run and at what severity: select/ignore by id prefix, longest match wins.

As in flake8's style guide: ``select=("term",)`` with ``ignore=("term-inconsistency",)`` runs
``term-drift`` but not ``term-inconsistency``, because the longer prefix decides. A prefix that
no check id starts with is a mistake, not a choice (``select = ["numbr"]`` would check nothing):
``unknown_prefix`` names it, with the nearest prefix that exists, for the caller to refuse.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping, Sequence

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


def unknown_prefix(prefixes: Iterable[str], known: Collection[str]) -> str | None:
    """A one-line problem with the first of ``prefixes`` that no id in ``known`` starts with.

    ``None`` when every prefix selects some check. The problem suggests the closest id or id
    family (the part before the first dash): ``'numbr' matches no check id; did you mean
    'number'?``
    """
    for prefix in prefixes:
        if any(check_id.startswith(prefix) for check_id in known):
            continue
        families = {check_id.split("-")[0] for check_id in known}
        close = difflib.get_close_matches(prefix, sorted(set(known) | families), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f" (checks: {', '.join(sorted(known))})"
        return f"{prefix!r} matches no check id{hint}"
    return None
