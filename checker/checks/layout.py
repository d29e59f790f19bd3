"""The checks made from a repository's layout rather than from an aligned pair.

The CI gate (``transcheck check``) makes their findings (``checker.gate.checks``): a source
without its translation, a translation without its source. They are registered like every
other check, so selection, severity overrides, the docs and SARIF's rules treat them alike;
over an aligned pair they find nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from checker.checks.base import Check
from checker.model import Category, Corpus, Finding, Severity


class _GateCheck(Check):
    """A check the gate makes from the repository layout, not from an aligned pair."""

    gate = True

    def findings(self, corpus: Corpus, known: object) -> Iterable[Finding]:
        return ()


class MissingTranslation(_GateCheck):
    """A source file has no translation into a configured language.

    What it does
    ------------
    For every source file the config's mappings find, looks for the translation path each
    language maps it to, and reports the source when that file does not exist.

    Why is this bad?
    ----------------
    Readers of that language silently get no page at all, and nobody notices until a link
    breaks.

    Example
    -------
    ``docs/en/install.md`` exists but ``docs/zh/install.md`` does not.
    """

    id = "missing-translation"
    name = "Missing translation"
    category = Category.ACCURACY
    severity = Severity.MAJOR


class OrphanTranslation(_GateCheck):
    """A translation file has no source file.

    What it does
    ------------
    Reports every file that matches a translation pattern while the source path it maps back
    to does not exist (the source was renamed or deleted).

    Why is this bad?
    ----------------
    An orphan is never checked again and drifts from a source that moved elsewhere.

    Example
    -------
    ``docs/zh/setup.md`` exists, but ``docs/en/setup.md`` was renamed to ``install.md``.
    """

    id = "orphan-translation"
    name = "Orphan translation"
    category = Category.ACCURACY
    severity = Severity.MINOR
