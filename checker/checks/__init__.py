"""The check registry: every check transcheck runs, listed explicitly.

To add a check: write ``checker/checks/<name>.py`` with one ``Check`` subclass, and add it below.
"""

from __future__ import annotations

from checker.checks.base import Check

CHECKS: tuple[type[Check], ...] = (
)


def by_id() -> dict[str, type[Check]]:
    return {check.id: check for check in CHECKS}
