"""The gate's own checks, made from the repository layout rather than from an aligned pair.

``missing-translation`` and ``orphan-translation`` are whole reports of their own (a pair that
lacks one side); ``stale-translation`` replaces a pair's omissions when most of its source has no
translation. Select/ignore and severity overrides apply to them as to every other check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from checker import __version__, fingerprint
from checker.checks.base import Check
from checker.config import Config
from checker.gate.discover import Pair
from checker.model import (Category, Corpus, Document, Finding, Location, Report, Role,
                           Severity, ToolInfo)
from checker.selection import is_selected, override_severity


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


class StaleTranslation(_GateCheck):
    """A translation is far behind its source: most of the source has nothing aligned to it.

    What it does
    ------------
    Estimates how much of the source (in characters) the translation leaves out: against the
    median length ratio of the repository's other pairs of the same mapping and language
    (five or more), or else from the pair's own alignment (unaligned source segments, and
    passages aligned to a much shorter rendering than its 1-1 links predict). When that share
    is above ``stale-threshold`` (default 0.5), reports the translation once, as stale,
    instead of one omission per missing passage.

    Why is this bad?
    ----------------
    The source grew (or was rewritten) and the translation was never brought up to date:
    readers of it get an outdated page.

    Example
    -------
    ``docs/en/guide.md`` has 40 sentences; ``docs/zh/guide.md`` still renders the first 12.
    """

    id = "stale-translation"
    name = "Stale translation"
    category = Category.ACCURACY
    severity = Severity.MAJOR


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
    from checker.runner import signature

    tool = ToolInfo("transcheck", __version__, model, signature(options, model))
    return Report(tool, (doc,), (), tuple(fingerprint.assign(findings, (doc,))), {"status": pair.status})


def mark_stale(pairs: Sequence[Pair], reports: Sequence[Report | None], config: Config) -> list[Report]:
    """Each report, with a stale-translation finding where most of the source is untranslated.

    How long a full translation should be is learnt from the repository: the median length
    ratio (translation / source characters) of the pairs of the same mapping and language, when
    there are at least ``_MIN_PEERS`` of them; otherwise from the pair's own aligned sentences.
    """
    ratios: dict[tuple[str, str], list[float]] = {}
    for pair, report in zip(pairs, reports):
        if pair.status == "ok" and report is not None and len(report.documents) > 1:
            ratios.setdefault((pair.mapping.translation, pair.lang), []).append(_length_ratio(report))
    result = []
    for pair, report in zip(pairs, reports):
        assert report is not None
        if pair.status == "ok" and report.alignments and report.documents[0].segments:
            peers = sorted(ratios[(pair.mapping.translation, pair.lang)])
            if len(peers) >= _MIN_PEERS and peers[len(peers) // 2] > 0:
                share = max(0.0, 1.0 - _length_ratio(report) / peers[len(peers) // 2])
            else:
                share = untranslated_share(report)
            if share > config.stale_threshold:
                report = _stale(report, pair, config, share)
        result.append(report)
    return result


_MIN_PEERS = 5


def _length_ratio(report: Report) -> float:
    source, target = report.documents[0], report.documents[1]
    return sum(len(s.text) for s in target.segments) / max(1, sum(len(s.text) for s in source.segments))


def _stale(report: Report, pair: Pair, config: Config, share: float) -> Report:
    """The report with a stale-translation finding in place of its omissions."""
    target = report.documents[1]
    message = f"{pair.translation} is stale: about {share:.0%} of {pair.source} has no translation in it."
    stale = _gate_finding(StaleTranslation, config, message, Location(target.id, (), 1, 1, ""),
                          untranslated=round(share, 3))
    if not stale:
        return report
    kept = [f for f in report.findings if f.check != "omission"]
    findings = fingerprint.assign([*stale, *kept], report.documents)
    findings.sort(key=lambda f: -f.severity.rank)
    return replace(report, findings=tuple(findings))


def untranslated_share(report: Report) -> float:
    """The share of the source (in characters) that the translation does not render.

    A source segment left unaligned counts whole. An aligned passage counts as rendered in
    proportion to its translation's length against the length the pair's own 1-1 links
    predict, so four source sentences squeezed onto one translated sentence count as about a
    quarter rendered (an aligner merges the sentences that a truncated translation lacks).
    """
    source, target = report.documents[0], report.documents[1]
    links = report.alignments[0].links

    def length(doc: Document, indices: Sequence[int]) -> int:
        return sum(len(doc.segments[i].text) for i in indices)

    total = sum(length(source, link.source) for link in links) or 1
    ratios = sorted(length(target, link.target) / length(source, link.source) for link in links
                    if len(link.source) == 1 and len(link.target) == 1 and length(source, link.source))
    if len(ratios) < 3:  # too few 1-1 links to know the pair's length ratio: count unaligned text only
        missing = sum(length(source, link.source) for link in links if not link.target)
        return missing / total
    ratio = ratios[len(ratios) // 2] or 1.0
    rendered = sum(min(length(source, link.source), length(target, link.target) / ratio)
                   for link in links if link.source and link.target)
    return max(0.0, 1.0 - rendered / total)
