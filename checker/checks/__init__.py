"""The check registry: every check transcheck runs, listed explicitly.

To add a check: write ``checker/checks/<name>.py`` with one ``Check`` subclass, and add it below.
A check describes itself (``needs_alignment``, ``in_worker``, ``leads_report``, ``gate``): nothing
else lists check ids. The CI gate's checks (missing, orphan, stale translations) are here too.
"""

from __future__ import annotations

from checker.checks.base import Check
from checker.checks.entities import EntityMismatch
from checker.checks.glossary import GlossaryCheck
from checker.checks.layout import MissingTranslation, OrphanTranslation
from checker.checks.numbers import NumberMismatch
from checker.checks.omission import AdditionCheck, OmissionCheck
from checker.checks.placeholders import PlaceholderMismatch
from checker.checks.punctuation import Punctuation
from checker.checks.shift import MeaningShift
from checker.checks.software import CallParens, EdgeWhitespace, PrintfWidth, UsageBrackets
from checker.checks.spelling import SpellingCheck
from checker.checks.stale import StaleTranslation
from checker.checks.stray import StrayCharacterCheck
from checker.checks.tags import CodeBlockMismatch, TagMismatch
from checker.checks.technical import CodeMismatch, UrlMismatch
from checker.checks.terms import TermDrift, TermInconsistency
from checker.checks.units import MissingUnit
from checker.checks.untranslated import Untranslated

CHECKS: tuple[type[Check], ...] = (
    TermDrift,
    TermInconsistency,
    GlossaryCheck,
    OmissionCheck,
    AdditionCheck,
    MeaningShift,
    MissingUnit,
    Untranslated,
    NumberMismatch,
    EntityMismatch,
    UrlMismatch,
    CodeMismatch,
    CodeBlockMismatch,
    PlaceholderMismatch,
    PrintfWidth,
    UsageBrackets,
    CallParens,
    EdgeWhitespace,
    TagMismatch,
    SpellingCheck,
    StrayCharacterCheck,
    Punctuation,
    MissingTranslation,
    OrphanTranslation,
    StaleTranslation,
)


def by_id() -> dict[str, type[Check]]:
    return {check.id: check for check in CHECKS}
