"""``stale-translation``: a translation made from an older version of its source, as one finding.

A translation that fell behind its source diverges from it in many places: whole sections it
never had, sentences the source rewrote, passages the source since removed. Reported one by one,
those are dozens of omissions and additions that all say the same thing. ``group_stale`` runs
after the checks: for each translation whose omissions and additions show it is stale, it adds
one ``stale-translation`` finding and lowers those omissions and additions to ``info``, where
they still point at every passage to bring up to date. ``compare`` and the gate both call it
(through ``runner.run_checks``), so they agree on which translations are stale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from checker.checks.base import Check
from checker.checks.omission import AdditionCheck, OmissionCheck, chars
from checker.model import Category, Corpus, Document, Finding, Location, Severity

STALE_THRESHOLD = 0.5
"""The share of the source (in characters) left untranslated that makes a translation stale
(``stale-threshold`` in the gate's config)."""

SCATTERED_PASSAGES = 4
SCATTERED_SHARE = 0.1
"""A translation that diverges from its source in this many separate substantive passages
(major omissions and additions), together at least a tenth of the text, was made from an older
version: the source changed in many places since. One or two gaps are omissions, not staleness."""

_GROUPED = (OmissionCheck.id, AdditionCheck.id)


class StaleTranslation(Check):
    """A translation is far behind its source: most of the source has nothing aligned to it.

    What it does
    ------------
    Measures, from the pair's own alignment, how much of the source the translation leaves out
    (source text with no translation, or a passage aligned to a rendering far shorter than the
    pair's length ratio predicts) and how much it has that the source lacks. A translation is
    stale when the untranslated share is above ``stale-threshold`` (default 0.5), or when it
    diverges in four or more separate passages (major omissions and additions) that together
    make up a tenth of the text or more: the source was rewritten in many places since. It is
    then reported once, as stale, and that translation's omissions and additions are lowered to
    ``info`` (they still point at each passage to update). ``compare`` and ``check`` agree.

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
    gate = True

    def findings(self, corpus: Corpus, known: object) -> Iterable[Finding]:
        return ()  # made by ``group_stale`` from the omission and addition findings


@dataclass(frozen=True)
class Divergence:
    """How far one translation is from its source, from its omission and addition findings."""

    untranslated: float
    added: float
    passages: int
    omissions: int
    additions: int

    def stale(self, threshold: float) -> bool:
        return self.untranslated > threshold or (
            self.passages >= SCATTERED_PASSAGES and self.untranslated + self.added >= SCATTERED_SHARE)


def divergence(corpus: Corpus, doc: Document, findings: Sequence[Finding]) -> Divergence:
    """The share of the source that ``doc`` leaves out, of ``doc`` that the source lacks, and
    how many separate substantive passages differ (``findings``: ``doc``'s omissions and additions)."""
    source = corpus.source
    missing: dict[int, float] = {}
    added: set[int] = set()
    for f in findings:
        if f.check == OmissionCheck.id:
            share = f.data.get("share")
            for i in f.locations[0].segments:
                rendered = share if share is not None else 0.0
                missing[i] = max(missing.get(i, 0.0), 1.0 - min(1.0, rendered))
        else:
            added.update(f.locations[0].segments)
    total_source = sum(chars(s.text) for s in source.segments) or 1
    total_target = sum(chars(s.text) for s in doc.segments) or 1
    return Divergence(
        untranslated=sum(chars(source.segments[i].text) * part for i, part in missing.items()) / total_source,
        added=sum(chars(doc.segments[i].text) for i in added) / total_target,
        passages=sum(1 for f in findings if f.severity >= Severity.MAJOR),
        omissions=sum(1 for f in findings if f.check == OmissionCheck.id),
        additions=sum(1 for f in findings if f.check == AdditionCheck.id),
    )


def group_stale(findings: list[Finding], corpus: Corpus, threshold: float = STALE_THRESHOLD,
                severity: Callable[[Finding], Finding] = lambda f: f) -> list[Finding]:
    """``findings`` with one stale-translation finding for each stale translation of ``corpus``,
    whose omissions and additions become ``info`` (``severity``: overrides for the new finding)."""
    result = list(findings)
    for doc in corpus.translations:
        if corpus.source.keyed and doc.keyed:
            continue  # missing keyed units are missing-unit's to report
        mine = [k for k, f in enumerate(result) if f.check in _GROUPED and _of(f, doc)]
        gap = divergence(corpus, doc, [result[k] for k in mine])
        if not gap.stale(threshold):
            continue
        stale = severity(_stale_finding(corpus, doc, gap))
        for k in mine:
            result[k] = replace(result[k], severity=Severity.INFO, data={**result[k].data, "stale": True})
        result.append(stale)
    return result


def _of(finding: Finding, doc: Document) -> bool:
    """Whether an omission or addition finding is about translation ``doc``."""
    if finding.check == OmissionCheck.id:
        return finding.data.get("translation") == doc.id
    return bool(finding.locations) and finding.locations[0].document == doc.id


def _stale_finding(corpus: Corpus, doc: Document, gap: Divergence) -> Finding:
    places = [f"{n} {what}" for n, what in ((gap.omissions, "passages left out"),
                                             (gap.additions, "passages the source no longer has")) if n]
    detail = f" ({', '.join(places)})" if places else ""
    return StaleTranslation().finding(
        f"{doc.path} is stale: about {gap.untranslated:.0%} of {corpus.source.path} has no translation "
        f"in it{detail}; it seems translated from an older version.",
        [Location(doc.id, (), 1, 1, "")],
        translation=doc.id,
        untranslated=round(gap.untranslated, 3),
        added=round(gap.added, 3),
        passages=gap.passages,
        omissions=gap.omissions,
        additions=gap.additions,
    )
