"""The check registry: every check transcheck runs, listed explicitly.

To add a check: write ``checker/checks/<name>.py`` with one ``Check`` subclass, and add it below.
"""

from __future__ import annotations

from checker.checks.base import Check
from checker.checks.omission import AdditionCheck, OmissionCheck
from checker.checks.spelling import SpellingCheck
from checker.checks.stray import StrayCharacterCheck

CHECKS: tuple[type[Check], ...] = (
    OmissionCheck,
    AdditionCheck,
    SpellingCheck,
    StrayCharacterCheck,
)


def by_id() -> dict[str, type[Check]]:
    return {check.id: check for check in CHECKS}
