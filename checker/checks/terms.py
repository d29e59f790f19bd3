"""Terminology consistency: ``term-drift`` across translations, ``term-inconsistency`` within one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath

from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Location, Severity
from checker.text.terms.drift import FUNCTION_CHARS, Drift, find_drifts
from checker.text.terms.match import find_terms, texts_containing
from checker.text.terms.names import glosses
from checker.text.terms.tokens import pos_tags, words

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
    leads_report = True

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        if len(corpus.translations) < 2:
            return
        for drift in find_drifts(corpus, corpus.encoder, corpus.options.get("glossary")):
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
        # 'S' (蛋白), 'R' (再生数): a letter is a label, not a name
        names = {latin: renderings for latin, renderings in names.items() if len(latin) >= 2}
        # every rendering's and every name's places, in one pass over the translation each
        places = find_terms((r for renderings in names.values() for r in renderings), texts, "zh")
        holding = texts_containing((latin[:3] for latin in names), texts)
        for latin in sorted(names, key=len, reverse=True):
            acronym = _acronym(latin)
            # an acronym glossed once (世界卫生组织 (WHO)) is then written bare: the usual convention
            bare = [] if acronym else [s for s in _latin_spans(latin, texts, holding[latin[:3]])
                                       if not _overlaps(s, taken)]
            forms = {r: places[r] for r in names[latin] if acronym or not _description(r)}
            forms = {r: spans for r, spans in forms.items() if spans}
            if acronym:
                forms = _close_variants(forms)
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


def _description(rendering: str) -> bool:
    """权威机构（Let's Encrypt）: ordinary words before a name describe it ("the authority"); a
    rendering of the name is a transliteration (马克, 马可) or a proper noun (世界卫生组织)."""
    toks = words(rendering, "zh")
    return bool(toks) and all(len(w) >= 2 for w, _, _ in toks) and \
        not any(tag.startswith(("nr", "ns", "nt", "nz")) for tag in pos_tags(rendering))


def _acronym(latin: str) -> bool:
    """WHO, SARS-CoV, RdRp, RT-PCR: two capitals or more, not a name like Mark or Josh Achiam."""
    return sum(ch.isupper() for ch in latin) >= 2 and not re.fullmatch(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)+", latin)


def _close_variants(forms: dict[str, list[Span]]) -> dict[str, list[Span]]:
    """The renderings of an acronym that are near variants of another one (个人防护装备 / 个人防护设备).

    An acronym's gloss is its expansion, which a translation may write in full or short (欧洲疾病
    预防控制中心, 欧洲疾控中心), and which the gloss pattern may cut with a word before it
    (的紧急使用授权); only two expansions of four characters or more that differ in a character or
    two are two renderings of one term.
    """
    from rapidfuzz.distance import Levenshtein

    core = {r: r.lstrip("".join(FUNCTION_CHARS) + "据") for r in forms}
    kept = [r for r in forms if len(core[r]) >= 4]
    close = {a for a in kept for b in kept if core[a] not in core[b] and core[b] not in core[a]
             and len(a) == len(b) and Levenshtein.distance(core[a], core[b]) <= 2}
    return {r: spans for r, spans in forms.items() if r in close}


def _latin_spans(latin: str, texts: list[str], indices: list[int]) -> list[Span]:
    """Where ``latin`` stands as a word in ``texts`` (only ``indices`` can hold it)."""
    pattern = re.compile(rf"(?<![A-Za-z]){re.escape(latin)}(?![A-Za-z])")
    return [(i, m.start(), m.end()) for i in indices for m in pattern.finditer(texts[i])]


def _overlaps(span: Span, taken: dict[int, list[tuple[int, int]]]) -> bool:
    seg, start, end = span
    return any(o_start < end and start < o_end for o_start, o_end in taken.get(seg, ()))
