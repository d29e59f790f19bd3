"""The gate's own checks, made from the repository layout rather than from an aligned pair.

``missing-translation`` and ``orphan-translation`` are whole reports of their own (a pair that
lacks one side). ``stale-translation`` is listed here too, as the gate's, but it is made from a
pair's own omissions and additions (``checker.checks.stale``), by ``compare`` as by the gate.
Select/ignore and severity overrides apply to them as to every other check.
"""

from __future__ import annotations

from collections.abc import Iterable

from checker import __version__
from checker.findings import fingerprint
from checker.checks.base import Check
from checker.checks.stale import StaleTranslation
from checker.gate.config import Config
from checker.gate.discover import Pair
from checker.model import (Category, Corpus, Document, Finding, Location, Report, Role,
                           Severity, ToolInfo)
from checker.findings.selection import is_selected, override_severity


class _GateCheck(Check):
    """A check the gate makes from the repository layout, not from an aligned pair."""

    def run(self, corpus: Corpus) -> Iterable[Finding]:
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


GATE_CHECKS: tuple[type[Check], ...] = (MissingTranslation, OrphanTranslation, StaleTranslation)


def _gate_finding(check: type[Check], config: Config, message: str, location: Location, **data) -> list[Finding]:
    if not is_selected(check.id, config.select, config.ignore):
        return []
    finding = Finding(check.id, check.category, check.severity, message, (location,), data=data)
    return override_severity([finding], config.severity)


def layout_report(pair: Pair, config: Config, model: str) -> Report:
    """The report of a pair that lacks one side: one document, one finding (unless ignored)."""
    if pair.status == "missing":
        doc = Document("d0", Role.SOURCE, pair.source, config.source_lang or "und", ())
        findings = _gate_finding(MissingTranslation, config,
                                 f"{pair.source} has no {pair.lang} translation: {pair.translation} does not exist.",
                                 Location("d0", (), 1, 1, ""), expected=pair.translation, lang=pair.lang)
    else:
        doc = Document("d1", Role.TRANSLATION, pair.translation, pair.lang, ())
        findings = _gate_finding(OrphanTranslation, config,
                                 f"{pair.translation} has no source: {pair.source} does not exist.",
                                 Location("d1", (), 1, 1, ""), expected=pair.source)
    options = config.options(pair.mapping, pair.lang)
    from checker.pipeline.run import signature

    tool = ToolInfo("transcheck", __version__, model, signature(options, model))
    return Report(tool, (doc,), (), tuple(fingerprint.assign(findings, (doc,))), {"status": pair.status})
