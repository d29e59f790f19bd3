"""The reports of the gate's layout checks, made from the repository layout rather than from a pair.

``missing-translation`` and ``orphan-translation`` (``checker.checks.layout``) are whole reports of
their own (a pair that lacks one side). ``stale-translation`` is the gate's too, but it is made
from a pair's own omissions and additions (``checker.checks.stale``), by ``compare`` as by the gate.
All three are in the one registry (``checker.checks.CHECKS``, ``gate = True``): select/ignore and
severity overrides apply to them as to every other check.
"""

from __future__ import annotations

from checker import __version__
from checker.checks import CHECKS
from checker.checks.base import Check
from checker.checks.layout import MissingTranslation, OrphanTranslation
from checker.findings import fingerprint
from checker.findings.selection import is_selected, override_severity
from checker.gate.config import Config
from checker.gate.discover import Pair
from checker.model import Document, Finding, Location, Report, Role, ToolInfo
from checker.pipeline.options import signature

GATE_CHECKS: tuple[type[Check], ...] = tuple(c for c in CHECKS if c.gate)
"""The checks the gate makes (from the one registry): missing, orphan and stale translations."""


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
    tool = ToolInfo("transcheck", __version__, model, signature(options, model))
    return Report(tool, (doc,), (), tuple(fingerprint.assign(findings, (doc,))), {"status": pair.status})
