"""Terminology consistency: ``term-drift`` across translations, ``term-inconsistency`` within one."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TypeVar

from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Location, Severity
from checker.text.terms.drift import FUNCTION_CHARS, Drift, find_drifts
from checker.text.terms.match import find_terms, texts_containing
from checker.text.terms.names import gloss, named, rendering, renderings, suffixes, tried
from checker.text.terms.tokens import pos_tags, words

Span = tuple[int, int, int]  # segment, start, end
T = TypeVar("T")


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

    def findings(self, corpus: Corpus, known: None) -> Iterator[Finding]:
        """All of it: a term drifts between translations, which a shard of a bilingual file (one
        translation) never has, and a corpus of several is never cut."""
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

    def learn(self, corpus: Corpus) -> Glossed:
        """Per translation: its glosses (name, run before the bracket) in order, and how often it
        holds each suffix a gloss's rendering may be cut to (``names.tried``)."""
        out: Glossed = {}
        for doc in corpus.translations:
            texts = [s.text for s in doc.segments]
            found = named(texts)
            if found:
                out[doc.id] = ([(n.latin, n.run) for n in found], tried([n.run for n in found], "\n".join(texts)))
        return out

    @classmethod
    def combine(cls, parts: Sequence[Glossed]) -> dict[str, Names]:
        """Per translation, each gloss's possible cuts: a suffix counted more than once in the parts
        recurs; with one part (the whole file) the counts are the file's, so every cut is known;
        with several, a suffix counted once may recur in another shard, and ``findings`` counts it."""
        runs: dict[str, dict[tuple[str, str], None]] = {}
        totals: dict[str, Counter[str]] = {}
        for part in parts:
            for doc_id, (found, counts) in part.items():
                runs.setdefault(doc_id, {}).update(dict.fromkeys(found))
                totals.setdefault(doc_id, Counter()).update(counts)
        known = {}
        for doc_id, glossed in runs.items():
            cuts = {(latin, run): _cuts(latin, run, totals[doc_id], len(parts) == 1) for latin, run in glossed}
            pairs = [pair for options in cuts.values() for _, chosen in options for pair in chosen]
            known[doc_id] = Names(
                cuts,
                tuple(dict.fromkeys(latin for latin, _ in pairs if len(latin) >= 2)),
                tuple(dict.fromkeys(r for latin, r in pairs if len(latin) >= 2)),
                tuple(dict.fromkeys(suffix for options in cuts.values() for suffix, _ in options if suffix)),
            )
        return known

    def findings(self, corpus: Corpus, known: dict[str, Names]) -> Iterator[Finding]:
        """One part per translation (``_part``), which ``merge`` joins into the findings."""
        for doc in corpus.translations:
            if doc.id in known:
                part = self._part(doc, known[doc.id])
                if part is not None:
                    yield part

    def _part(self, doc: Document, known: Names) -> Finding | None:
        """What these units say of each name: the cuts of their glosses, the counts of the suffixes
        a cut waits on, and where each possible rendering and each bare name stands (count and
        first location; every location of a bare name that overlaps another name's, since a
        longer name reported takes its place). A stand-in finding for ``merge``: its data
        points into its locations, which the engine moves to the file's numbering."""
        texts = [s.text for s in doc.segments]
        found = named(texts)
        taken: dict[int, list[tuple[int, int]]] = {}  # per segment: the glossed names
        for n in found:
            for g in gloss(n, known.cuts[n.latin, n.run][0][1][0][1], texts[n.segment]):
                taken.setdefault(g.segment, []).append(g.latin_span)
        locations: list[Location] = []

        def at(span: Span) -> int:
            locations.append(doc.locate(*span))
            return len(locations) - 1

        whole = "\n".join(texts) if known.waiting else ""
        counts = {suffix: k for suffix in known.waiting if (k := whole.count(suffix))}
        places = {r: (len(spans), at(spans[0]))
                  for r, spans in find_terms(known.renderings, texts, "zh").items() if spans}
        names = [latin for latin in known.names if not _acronym(latin)]
        holding = texts_containing((latin[:3] for latin in names), texts)
        bare = {latin: [s for s in _latin_spans(latin, texts, holding[latin[:3]]) if not _overlaps(s, taken)]
                for latin in names}
        others: dict[int, list[tuple[str, int, int]]] = {}
        for latin, spans in bare.items():
            for seg, start, end in spans:
                others.setdefault(seg, []).append((latin, start, end))
        stands = {}
        for latin, spans in bare.items():
            tangled = [(seg, start, end) for seg, start, end in spans
                       if any(o != latin and o_start < end and start < o_end for o, o_start, o_end in others[seg])]
            alone = [s for s in spans if s not in tangled]
            if spans:
                stands[latin] = (len(alone), at(alone[0]) if alone else None, tuple(at(s) for s in tangled))
        if not (found or counts or places or stands):
            return None
        return self.finding("", locations, doc=doc.id, glosses=[known.cuts[n.latin, n.run] for n in found],
                            counts=counts, places=places, bare=stands)

    @classmethod
    def merge(cls, findings: Sequence[Finding]) -> list[Finding]:
        """The parts of each translation joined: each gloss cut by the whole file's counts, then
        each name, longest first, reported where it has two renderings or a rendering and a bare
        use; a reported name's bare places are taken, so a shorter name inside them is not bare."""
        parts: dict[str, list[Finding]] = {}
        for part in findings:
            parts.setdefault(part.data["doc"], []).append(part)
        check = cls()
        return [f for of_doc in parts.values() for f in check._joined(of_doc)]

    def _joined(self, parts: list[Finding]) -> Iterator[Finding]:
        counts: Counter[str] = Counter()
        for part in parts:
            counts.update(part.data["counts"])
        names: dict[str, list[str]] = {}
        for part in parts:
            for options in part.data["glosses"]:
                for latin, form in next(chosen for suffix, chosen in options
                                        if suffix is None or counts[suffix] > 1):
                    names.setdefault(latin, [])
                    if form not in names[latin]:
                        names[latin].append(form)
        # 'S' (蛋白), 'R' (再生数): a letter is a label, not a name
        names = {latin: forms for latin, forms in names.items() if len(latin) >= 2}
        places: dict[str, tuple[int, Location]] = {}
        alone: Counter[str] = Counter()
        firsts: dict[str, list[Location]] = {}
        tangled: dict[str, list[Location]] = {}
        for part in parts:
            for r, (k, at) in part.data["places"].items():
                places[r] = (places[r][0] + k, places[r][1]) if r in places else (k, part.locations[at])
            for latin, (k, at, shared) in part.data["bare"].items():
                alone[latin] += k
                firsts.setdefault(latin, []).extend([part.locations[at]] if at is not None else [])
                tangled.setdefault(latin, []).extend(part.locations[i] for i in shared)
        taken: dict[int, list[tuple[int, int]]] = {}  # per segment: the names reported bare
        for latin in sorted(names, key=len, reverse=True):
            acronym = _acronym(latin)
            # an acronym glossed once (世界卫生组织 (WHO)) is then written bare: the usual convention
            free = [] if acronym else [loc for loc in tangled.get(latin, ()) if not _overlaps(_span(loc), taken)]
            bare = 0 if acronym else alone[latin] + len(free)
            forms = {r: places[r] for r in names[latin] if (acronym or not _description(r)) and r in places}
            if acronym:
                forms = _close_variants(forms)
            if len(forms) + bool(bare) < 2:
                continue
            for loc in free:
                seg, start, end = _span(loc)
                taken.setdefault(seg, []).append((start, end))
            locations = [loc for _, loc in forms.values()]
            if bare:
                locations.append(min([*firsts.get(latin, ()), *free], key=_span))
            counted = {r: k for r, (k, _) in forms.items()}
            if bare:
                counted[latin] = bare
            shown = " and as ".join(repr(r) for r in counted)
            yield self.finding(
                f"{latin!r} is rendered both as {shown} in this translation",
                locations,
                suggestion=names[latin][0],
                source_phrase=latin,
                renderings=counted,
            )


Glossed = dict[str, tuple[list[tuple[str, str]], dict[str, int]]]
"""What ``term-inconsistency`` learns of some units, per translation: their glosses (name, CJK run
before the bracket) in order, and how often they hold the suffixes a cut tries (``names.tried``)."""


@dataclass(frozen=True)
class Names:
    """What ``term-inconsistency`` knows of a translation's names from all its units: each gloss's
    possible cuts (``_cuts``), the names (two letters or more), every rendering a cut may give
    them, and the suffixes a cut waits on (counted once so far: the shards count them again)."""

    cuts: dict[tuple[str, str], tuple[Cut, ...]]
    names: tuple[str, ...]
    renderings: tuple[str, ...]
    waiting: tuple[str, ...]


Cut = tuple[str | None, tuple[tuple[str, str], ...]]
"""A suffix the run is cut to where it recurs (``None``: in any case), and the (name, rendering)
pairs the gloss then gives (``names.renderings``)."""


def _cuts(latin: str, run: str, counts: Counter[str], whole: bool) -> tuple[Cut, ...]:
    """The cuts of a gloss, in the order ``names.cut`` tries them, up to the first that is
    certain: a suffix ``counts`` holds more than once recurs; one held once does not when
    ``counts`` are the whole file's, and may otherwise."""
    out: list[Cut] = []
    for suffix in suffixes(run):
        if counts[suffix] > 1:
            return (*out, (None, tuple(renderings(latin, rendering(run, suffix)))))
        if not whole:
            out.append((suffix, tuple(renderings(latin, rendering(run, suffix)))))
    return (*out, (None, tuple(renderings(latin, rendering(run, None)))))


def _span(loc: Location) -> Span:
    return loc.segments[0], loc.offset, loc.offset + len(loc.text)


def _description(rendering: str) -> bool:
    """权威机构（Let's Encrypt）: ordinary words before a name describe it ("the authority"); a
    rendering of the name is a transliteration (马克, 马可) or a proper noun (世界卫生组织)."""
    toks = words(rendering, "zh")
    return bool(toks) and all(len(w) >= 2 for w, _, _ in toks) and \
        not any(tag.startswith(("nr", "ns", "nt", "nz")) for tag in pos_tags(rendering))


def _acronym(latin: str) -> bool:
    """WHO, SARS-CoV, RdRp, RT-PCR: two capitals or more, not a name like Mark or Josh Achiam."""
    return sum(ch.isupper() for ch in latin) >= 2 and not re.fullmatch(r"[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)+", latin)


def _close_variants(forms: dict[str, T]) -> dict[str, T]:
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
