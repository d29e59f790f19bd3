"""Terminology consistency: ``term-drift`` across translations, ``term-inconsistency`` within one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath

from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Location, Severity
from checker.terms import find_term
from checker.terms.drift import Drift, find_drifts
from checker.terms.names import glosses

Span = tuple[int, int, int]  # segment, start, end


class TermDrift(Check):
    """The same source phrase is rendered differently by two translations.

    What it does:
        Where there are two or more translations and no glossary entry for the phrase, compares
        the renderings of every source passage that both translate. A short, local difference
        between them (任务协调主管 vs 任务对齐主管 inside otherwise matching text) is traced back
        to the source phrase it renders (*Head of Mission Alignment*), with the embedding model
        when the run has one. Differences that rewrite whole sentences are paraphrase, not term
        drift, and are left alone. Titles, capitalised and hyphenated terms are major; other
        content words minor.

    Why is this bad?
        Readers of both versions (or of a document assembled from both) meet two names for one
        thing and assume two things; one of the renderings is usually the house term.

    Example:
        "Head of Mission Alignment" is 任务协调主管 in zh-a and 任务对齐主管 in zh-b;
        "robust" is 强大 in one and 鲁棒 in the other.
    """

    id = "term-drift"
    name = "Term drift between translations"
    category = Category.TERMINOLOGY
    severity = Severity.MAJOR

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        if len(corpus.translations) < 2:
            return
        for drift in find_drifts(corpus, corpus.options.get("encoder"), corpus.options.get("glossary")):
            yield self._finding(corpus, drift)

    def _finding(self, corpus: Corpus, drift: Drift) -> Finding:
        docs = {d.id: d for d in corpus.translations}
        locations = [docs[doc_id].locate(*span) for doc_id, span in drift.spans.items()]
        renderings = {doc_id: loc.text for doc_id, loc in zip(drift.spans, locations, strict=True)}
        shown = " vs ".join(f"{text} ({PurePath(docs[doc_id].path).name})" for doc_id, text in renderings.items())
        phrase = drift.source_phrase
        if phrase is None:
            message = f"The translations render the same source passage differently: {shown}"
        elif drift.guessed:
            message = f"Rendered differently across translations: {shown} (probably for {phrase!r})"
        else:
            message = f"{phrase!r} is rendered differently across translations: {shown}"
        if drift.source_span is not None:
            locations.append(corpus.source.locate(*drift.source_span))
        return self.finding(
            message,
            locations,
            severity=Severity.MAJOR if drift.termlike else Severity.MINOR,
            source_phrase=phrase,
            renderings=renderings,
            occurrences=drift.occurrences,
            confidence=round(drift.confidence, 3),
            source_guessed=drift.guessed,
        )


class TermInconsistency(Check):
    """One name or term is rendered two ways within the same translation.

    What it does:
        Reads how the translation itself introduces a name (``马克(Mark)``: Mark is 马克) and
        reports when the same name also appears untranslated (``Mark、Jakub…``) or with a
        second rendering elsewhere in that translation.

    Why is this bad?
        A reader cannot tell that 马克 and Mark are the same person; a document should pick one
        rendering and keep it.

    Example:
        zh-a introduces "马克(Mark)" and writes "马克将担任…", then later "Mark、Jakub、Kevin…".
    """

    id = "term-inconsistency"
    name = "Inconsistent rendering within a translation"
    category = Category.TERMINOLOGY
    severity = Severity.MINOR

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        for doc in corpus.translations:
            yield from self._check(doc)

    def _check(self, doc: Document) -> Iterator[Finding]:
        texts = [s.text for s in doc.segments]
        found = glosses(texts)
        taken: dict[int, list[tuple[int, int]]] = {}  # per segment: glossed names, and names reported
        for g in found:
            taken.setdefault(g.segment, []).append(g.latin_span)
        names: dict[str, list[str]] = {}
        for g in found:
            names.setdefault(g.latin, [])
            if g.rendering not in names[g.latin]:
                names[g.latin].append(g.rendering)
        for latin in sorted(names, key=len, reverse=True):
            bare = [s for s in _latin_spans(latin, texts) if not _overlaps(s, taken)]
            forms = {r: _cjk_spans(r, doc) for r in names[latin]}
            forms = {r: spans for r, spans in forms.items() if spans}
            if len(forms) + bool(bare) < 2:
                continue
            for seg, start, end in bare:
                taken.setdefault(seg, []).append((start, end))
            locations: list[Location] = [doc.locate(*spans[0]) for spans in forms.values()]
            if bare:
                locations.append(doc.locate(*bare[0]))
            counts = {r: len(spans) for r, spans in forms.items()}
            if bare:
                counts[latin] = len(bare)
            shown = " and as ".join(repr(r) for r in counts)
            yield self.finding(
                f"{latin!r} is rendered both as {shown} in this translation",
                locations,
                suggestion=names[latin][0],
                source_phrase=latin,
                renderings=counts,
            )


def _latin_spans(latin: str, texts: list[str]) -> list[Span]:
    pattern = re.compile(rf"(?<![A-Za-z]){re.escape(latin)}(?![A-Za-z])")
    return [(i, m.start(), m.end()) for i, text in enumerate(texts) for m in pattern.finditer(text)]


def _cjk_spans(rendering: str, doc: Document) -> list[Span]:
    return [(i, s, e) for i, seg in enumerate(doc.segments) for s, e in find_term(rendering, seg.text, "zh")]


def _overlaps(span: Span, taken: dict[int, list[tuple[int, int]]]) -> bool:
    seg, start, end = span
    return any(o_start < end and start < o_end for o_start, o_end in taken.get(seg, ()))
