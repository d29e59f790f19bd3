"""The ``omission`` and ``addition`` checks: text one side has and the other lacks.

Both read the source -> translation alignments. Whole sentences missing from one side are the
aligner's empty links; a partial omission is a link whose target is far shorter than the
document pair's own length ratio predicts (or short and unusually dissimilar to its source).
"""

from __future__ import annotations

import functools
import math
import re
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from checker.checks import clauses, coverage
from checker.checks.base import Check
from checker.checks.coverage import words
from checker.model import Category, Corpus, Document, Finding, Link, Severity, join_segments

if TYPE_CHECKING:
    from checker.align.lexicon import Lexicon

SUBSTANTIVE_WORDS = 3
"""A passage of fewer words (a greeting, a signature: "Hi all,", "Thanks!", "Mira", "大家好") is
minor when it is missing or added; anything longer ("I love you.") is a lost or invented
sentence, and major. CJK text counts 1.5 characters a word."""

SHORTFALL = 0.5
"""A link whose target is under half the length the document's ratio predicts may have lost text."""

SUSPICIOUS_SHORTFALL = 0.75
"""Between this and ``SHORTFALL``, a link is reported only if its similarity is an outlier too."""

LENGTH_Z = -3.0
"""Robust z-score of a link's log length ratio below which it is unusually short for this pair."""

MAJOR_SHORTFALL = 0.4
MAJOR_LENGTH_Z = -4.5
"""A partial omission is major only when the target has under 40% of the expected length and
is an extreme outlier of the document (terse but faithful renderings stay above: in the
Bible en-zh benchmark, only a verse whose second half is missing passes both)."""

SHORT_SIMILARITY_Z = -1.0
"""A link of one source sentence that is short but whose similarity is above this robust z-score
(as similar as the document's other links) is a terse rendering, not a partial omission. In the
FastAPI docs, complete Chinese sentences at 40-50% of the expected length sit at -0.8 to 0."""

ABSORB_LENGTH_Z = 0.5
ABSORB_GAIN = -0.02
"""A source sentence left unaligned may be rendered inside its neighbour's translation (the
translator joined the two) when that translation is long for its own source (robust length z of
``ABSORB_LENGTH_Z`` or more), fits both sentences joined better, and is about as similar to them
joined as to its own source alone (e5 barely moves: -0.004 and -0.014 on such pairs in the FastAPI
docs, -0.02 to -0.08 next to a sentence that is really missing). Such an omission is only minor:
the evidence is a lead, and a dropped sentence next to a long translation still shows."""

CONFIRMED_LENGTH_Z = -1.0
"""With an outlying similarity, a link need only be shorter than usual (one spread below)."""

SIMILARITY_Z = -2.5
"""Robust z-score (median / MAD of the document's similarities) below which a link is an outlier."""

MIN_SPREAD = 0.15
"""Floor of the spread of log length ratios, so that a short, very regular document does not
turn small differences into outliers."""

MIN_SIMILARITY_SPREAD = 0.01
"""Floor of the similarity spread: a 0.02 dip is no outlier however tight the document is."""

MIN_MISSING_WORDS = 5
"""A shortfall must amount to at least this many source words to be worth a finding."""

MAJOR_MISSING_WORDS = 12
"""A major partial omission misses at least a sentence's worth of source words."""

FIT_Z = 3.0
"""A split of a many-to-one link must leave a rendered part whose length fits the target."""

SIMILARITY_EVIDENCE = 0.02
"""Rendered sentences must be this much more similar to the target, on average, than dropped ones
(e5 similarities are compressed: a true pair ~0.85-0.9, an unrelated one ~0.78-0.8)."""

ANCHOR_EVIDENCE = 0.5
"""Without an encoder, rendered sentences must have at least half their names and numbers in the
target, and dropped ones none."""

MIN_LINKS = 4
"""Below this many linked pairs, a document's length ratio and similarities mean nothing."""

MIN_MERGES = 8
"""Below this many many-to-one links, a document's merge gains mean nothing."""

GAIN_Z = -1.5
"""Robust z-score of a merged link's gain (similarity of the target to its joined sources minus
to the best single source) below which one source sentence seems an orphan. On e5 the gains are
compressed (a genuine merge gains ~0.01, an orphan loses ~0.01-0.03) and overlap, so such a
finding is only minor: a lead for a reader, never a verdict."""

MIN_GAIN_SPREAD = 0.005
"""Floor of the gain spread, so that a very regular document does not make tiny dips outliers."""


@functools.lru_cache(maxsize=1 << 16)  # each text is measured several times per link
def chars(text: str) -> int:
    """The length of ``text`` in characters, whitespace not counted."""
    return len("".join(text.split()))  # str.split() splits where str.isspace() holds


def empty_runs(links: Sequence[Link], side: str) -> Iterator[tuple[int, ...]]:
    """The segment indices of each maximal run of consecutive links whose other side is empty.

    ``side="source"`` gives runs of source-only links (omissions), ``"target"`` of target-only
    links (additions).
    """
    run: list[int] = []
    for link in links:
        mine, other = (link.source, link.target) if side == "source" else (link.target, link.source)
        if mine and not other:
            run.extend(mine)
        elif mine or other:
            if run:
                yield tuple(run)
            run = []
    if run:
        yield tuple(run)


@dataclass(frozen=True)
class LengthModel:
    """What the document pair itself says a link should look like.

    ``ratio``: median target/source length (characters) over 1-1 links; ``spread``: robust
    spread (1.4826 MAD) of the log length ratios; ``similarity`` and ``similarity_spread``:
    median and robust spread of link similarities (``None`` when the links carry none).
    """

    ratio: float
    spread: float
    similarity: float | None = None
    similarity_spread: float | None = None

    @classmethod
    def of(cls, lengths: Lengths) -> LengthModel | None:
        """The model of the links ``lengths`` measured (``None`` when too few have text)."""
        if len(lengths.logs) < MIN_LINKS:
            return None
        one_to_one = lengths.logs[lengths.one_to_one]
        centre, spread = _robust((one_to_one if len(one_to_one) >= MIN_LINKS else lengths.logs).tolist())
        sims = lengths.similarities.tolist()
        sim_centre, sim_spread = _robust(sims) if len(sims) >= MIN_LINKS else (None, None)
        if sim_spread is not None:
            sim_spread = max(sim_spread, MIN_SIMILARITY_SPREAD) if sim_spread else None
        return cls(math.exp(centre), max(spread, MIN_SPREAD), sim_centre, sim_spread)

    def length_z(self, source: str, target: str) -> float:
        """How unusually short (negative) or long the target is, in robust z units."""
        return self.length_z_of(chars(source), chars(target))

    def length_z_of(self, source_chars: float, target_chars: float) -> float:
        """``length_z`` of texts of these lengths (``chars``)."""
        return (math.log(target_chars / source_chars / self.ratio)) / self.spread

    def similarity_z(self, similarity: float | None) -> float | None:
        """How unusual a link's similarity is in this document (robust z-score)."""
        if similarity is None or self.similarity is None or self.similarity_spread is None:
            return None
        return (similarity - self.similarity) / self.similarity_spread


@dataclass(frozen=True)
class Lengths:
    """What ``LengthModel`` reads of a document pair's links, those with text on both sides: the
    log length ratio of each (float64: exactly the values the model takes the median of), whether
    it is 1-1, and the similarities of those that carry one. Those of consecutive runs of links,
    ``joined``, are those of the whole: a sharded run fits the whole file's model exactly."""

    logs: np.ndarray
    one_to_one: np.ndarray
    similarities: np.ndarray

    @classmethod
    def of(cls, pairs: Sequence[tuple[Link, str, str]]) -> Lengths:
        linked = [(link, s, t) for link, s, t in pairs if chars(s) and chars(t)]
        return cls(np.array([math.log(chars(t) / chars(s)) for _, s, t in linked], dtype=np.float64),
                   np.array([link.kind == "1-1" for link, _, _ in linked], dtype=bool),
                   np.array([link.similarity for link, _, _ in linked if link.similarity is not None],
                            dtype=np.float64))

    @classmethod
    def joined(cls, parts: Sequence[Lengths]) -> Lengths:
        return cls(np.concatenate([p.logs for p in parts]), np.concatenate([p.one_to_one for p in parts]),
                   np.concatenate([p.similarities for p in parts]))


def _robust(values: Sequence[float]) -> tuple[float, float]:
    """Median and 1.4826 x median absolute deviation (the standard deviation, for normal data)."""
    centre = statistics.median(values)
    return centre, 1.4826 * statistics.median(abs(x - centre) for x in values)


@dataclass(frozen=True)
class _Part:
    """What a run of units teaches the checks of one translation: its links' ``Lengths``,
    whether every segment of the source and of the translation names its unit (``None``: the
    document has none here, as a run of untranslated units has no translation segment), and the
    sure links of its clause look-up (``_sure``)."""

    lengths: Lengths
    keyed: tuple[bool | None, bool | None]
    sure: np.ndarray = field(default_factory=lambda: np.empty((0, 5)))
    """One row per link that ``clauses.shortest`` ranks whatever the other links hold (see
    ``_sure``): its source and target lengths (``chars``), similarity (nan: none), source
    segments and source words, what ``combine`` needs to rank it and to tell a shortfall."""


@dataclass(frozen=True)
class _Known:
    """What the whole document pair says: its ``LengthModel``, and whether both documents are
    keyed (PO, XLIFF, TMX units: a unit missing or extra is ``missing-unit``'s to report)."""

    model: LengthModel | None
    units: bool
    bound: float = math.inf
    """No link with a greater rank key is among the whole file's ``clauses.MAX_CANDIDATES``: that
    many links that are candidates whatever the coverage votes find rank at or below it."""


def _keyed(doc: Document) -> bool | None:
    return doc.keyed if doc.segments else None


TALLY = "tally"
"""The key of a ``_Tally`` in the data of the record that ``findings`` yields after each
translation's findings (``merge`` takes it out: it is never reported)."""


@dataclass(frozen=True)
class _Tally:
    """What ``merge`` must know of one translation's findings on one run of units: how many
    findings of each kind (``sections``, in the order the check yields them) came before it, the
    rank keys of the links whose clauses were looked at (``clauses.shortest``, in rank order), and
    the rank of the link of each clause finding (the last section)."""

    doc: str
    sections: tuple[int, ...]
    keys: np.ndarray
    ranks: tuple[int, ...]


@dataclass(frozen=True)
class _Clauses:
    """The clause gaps found in a translation, with what its ``_Tally`` records of them."""

    gaps: list[clauses.ClauseGap]
    keys: np.ndarray
    ranks: tuple[int, ...]

    @classmethod
    def find(cls, encode: Any, length_z: Any, source: Document, links: Sequence[tuple[Link, str, str]],
             side: str = "source", bound: float = math.inf) -> _Clauses:
        """The gaps of the links ``clauses.shortest`` ranks, up to ``bound`` (``_Known.bound``)."""
        ranked = [item for item in clauses.shortest(length_z, source, links, side) if item[0] <= bound]
        found = clauses.gaps(encode, length_z, source, ranked, side)
        rank = {id(link): r for r, (_, link, _, _) in enumerate(ranked)}
        return cls(found, np.array([key for key, *_ in ranked], dtype=np.float64),
                   tuple(rank[id(gap.link)] for gap in found))


NO_CLAUSES = _Clauses([], np.empty(0, dtype=np.float64), ())


class _AcrossLinks(Check):
    """The map/reduce steps (``Check.learn`` ...) of the omission and addition checks.

    What they read across links is the document pair's ``LengthModel`` (medians of the length
    ratios and similarities), and, for the clauses of an English to Chinese pair, which links are
    among the ``clauses.MAX_CANDIDATES`` looked at. ``learn`` gives each translation's ``_Part``
    (its ``Lengths``, whether its documents are keyed), ``combine`` fits each translation's model
    from all of them exactly (``known``: a ``_Known`` by document id). ``findings`` yields each
    translation's findings kind by kind, then a ``_Tally``; ``merge`` puts the kinds of
    consecutive runs of units in the order of the whole run, keeps the clause findings of the
    links the whole would look at (the first ``MAX_CANDIDATES`` by (key, run, rank): a link
    beyond its own run's first ``MAX_CANDIDATES`` is beyond the whole's too; and ``combine``
    bounds the keys a run looks at, by the sure links (``_sure``), so that runs of units do not each
    look at ``MAX_CANDIDATES`` links), renumbers the
    segments the findings' data names, and drops the tallies. The other readings across links
    (the aligner's empty links, neighbours, the merges' gains, a lexicon learned from the pair)
    are made only where the units are not keyed (PO, XLIFF, TMX), and so only on whole documents.
    """

    side = "source"
    """The side whose clauses ``clauses.gaps`` judges (the source: an omission)."""

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        # the whole file in one part: its own first MAX_CANDIDATES are the whole's, no bound needed
        return self.merge(list(self.findings(corpus, self.combine([self._learn(corpus, bound=False)]))))

    def learn(self, corpus: Corpus) -> dict[str, _Part]:
        return self._learn(corpus, bound=True)

    def _learn(self, corpus: Corpus, *, bound: bool) -> dict[str, _Part]:
        source = corpus.source
        out = {}
        for doc in corpus.translations:
            pairs = _pairs(corpus, doc)
            sure = _sure(source, doc, pairs, self.side) if bound and clauses.supported(source, doc) \
                else np.empty((0, 5))
            out[doc.id] = _Part(Lengths.of(pairs), (_keyed(source), _keyed(doc)), sure)
        return out

    @classmethod
    def combine(cls, parts: Sequence[dict[str, _Part]]) -> dict[str, _Known]:
        ids = dict.fromkeys(key for part in parts for key in part)
        known = {}
        for key in ids:
            mine = [part[key] for part in parts if key in part]
            sides = [[p.keyed[side] for p in mine if p.keyed[side] is not None] for side in (0, 1)]
            model = LengthModel.of(Lengths.joined([p.lengths for p in mine]))
            units = all(side and all(side) for side in sides)
            sure = np.concatenate([p.sure for p in mine]) if units and model else np.empty((0, 5))
            known[key] = _Known(model, units, _bound(model, sure, cls.side) if model else math.inf)
        return known

    @classmethod
    def merge(cls, findings: Sequence[Finding]) -> list[Finding]:
        runs: dict[str, list[tuple[_Tally, list[Finding]]]] = {}  # by translation, in file order
        pending: list[Finding] = []
        for finding in findings:
            tally = finding.data.get(TALLY)
            if tally is None:
                pending.append(_renumbered(finding))
            else:
                runs.setdefault(tally.doc, []).append((tally, pending))
                pending = []
        out: list[Finding] = []
        for parts in runs.values():
            ranked = sorted((key, n, rank) for n, (tally, _) in enumerate(parts)
                            for rank, key in enumerate(tally.keys.tolist()))
            looked = {(n, rank) for _, n, rank in ranked[:clauses.MAX_CANDIDATES]}
            last = len(parts[0][0].sections) - 1
            for kind in range(last + 1):
                for n, (tally, found) in enumerate(parts):
                    start = sum(tally.sections[:kind])
                    section = found[start:start + tally.sections[kind]]
                    if kind == last:
                        section = [f for f, rank in zip(section, tally.ranks, strict=True) if (n, rank) in looked]
                    out += section
        return out + pending

    def _tallied(self, doc: Document, sections: Sequence[Sequence[Finding]], found: _Clauses) -> Iterator[Finding]:
        """``sections`` in order (the last the findings of ``found``'s gaps), then their tally."""
        for section in sections:
            yield from section
        tally = _Tally(doc.id, tuple(map(len, sections)), found.keys, found.ranks)
        yield Finding(self.id, self.category, self.severity, "", (), data={TALLY: tally})


def _sure(source: Document, doc: Document, pairs: Sequence[tuple[Link, str, str]], side: str) -> np.ndarray:
    """The ``_Part.sure`` rows of ``pairs``: links ``clauses.shortest`` may rank on ``side``
    that no coverage vote can take out of its candidates (a source of one sentence to judge, or,
    for an addition, a translation of no more sentences than its source). Whether a shortfall
    takes a link out (omission) is the whole file's model's to say, in ``combine``."""
    rows = []
    mine = source if side == "source" else doc
    for link, s, t in pairs:
        cs, ct = chars(s), chars(t)
        if not (cs and ct) or not clauses.eligible(mine, link, s, t, side):
            continue
        if side == "source":
            if coverage.judged(source, link, "source"):
                continue
        elif len(coverage.pieces(doc, link.target)) > len(coverage.pieces(source, link.source)) \
                and coverage.judged(doc, link, "target"):
            continue
        rows.append((cs, ct, math.nan if link.similarity is None else link.similarity, len(link.source), words(s)))
    return np.array(rows, dtype=np.float64).reshape(-1, 5)


def _bound(model: LengthModel, sure: np.ndarray, side: str) -> float:
    """``_Known.bound``: the ``clauses.MAX_CANDIDATES``-th smallest rank key of the sure links
    (an omission's without a shortfall: those are reported whole, never looked at for clauses),
    or infinity when there are fewer. A link ranked above it has that many candidates before it."""
    mirror = 1.0 if side == "source" else -1.0
    keys = []
    for cs, ct, sim, sources, source_words in sure.tolist():
        if side == "source" and _shortfall_of(model, cs, ct, None if math.isnan(sim) else sim,
                                              int(sources), source_words) is not None:
            continue
        key = mirror * model.length_z_of(cs, ct)
        if key <= clauses.STRONG_LENGTH_Z:
            keys.append(key)
    limit = clauses.MAX_CANDIDATES
    return sorted(keys)[limit - 1] if len(keys) >= limit else math.inf


def _renumbered(finding: Finding) -> Finding:
    """``finding`` with the segments its data names in the numbering of its locations: a run of
    units numbers them from 0, and a distributed run moves only the locations (the data's
    ``segments`` start where the first location does)."""
    named = finding.data.get("segments")
    shift = finding.locations[0].segments[0] - named[0] if named else 0
    if not shift:
        return finding
    data = {key: [i + shift for i in value] if key in ("segments", "inside_links") else value
            for key, value in finding.data.items()}
    return replace(finding, data=data)


def _pairs(corpus: Corpus, doc: Document) -> list[tuple[Link, str, str]]:
    """Each link of ``doc``'s alignment with the text a reader reads of its two sides (lengths
    are measured on it: code, URLs and tags left out)."""
    source = corpus.source
    return [(link, prose(source, link.source), prose(doc, link.target)) for link in corpus.alignment(doc).links]


class OmissionCheck(_AcrossLinks):
    """Source text is missing from the translation.

    What it does:
        Reports source sentences the aligner left without a translation, one finding per run of
        consecutive ones (a dropped paragraph is one finding). It also finds partial omissions:
        links whose translation is under half as long as the document pair's own median length
        ratio predicts (estimated from its 1-1 links, so it adapts to any language pair) and an
        outlier of the document's length ratios, or under three quarters as long with a
        similarity far below the document's other links (robust z-scores: similarities are
        compared within the document, never to a fixed threshold). Where such a link joins
        several source sentences, the ones its target leaves out are found (a prefix or suffix
        whose removal explains the length, confirmed by sentence similarities when the corpus
        carries an ``encoder``, else by the names and numbers the target repeats) and reported
        as missing sentences, merged with neighbouring ones. With an encoder, a link that joins
        several source sentences whose target matches their true concatenation worse than its
        best single sentence, by an outlying margin for the document's own merges, is a
        sentence whose translation is missing that the aligner merged into a neighbour's link:
        its least similar sentence is reported as a minor finding (the evidence is weak).

        Inside a link or a unit (PO, XLIFF, JSON, TMX) of two or more source sentences whose
        translation has its full length, each sentence is judged on its own
        (``checker.checks.coverage``): when the translation matches the other sentences better
        without it, is less similar to it than to its sibling, fits their length rather than the
        whole, and does not repeat its own code, placeholders or numbers, the sentence is
        reported as missing, with its exact span ("Couldn't insert SVG image. The SVG markup
        looks invalid." -> "无法插入 SVG 图像。"). Two sentences joined with a comma keep the length
        of both and stay silent.

        For an English source and a Chinese translation, part of a sentence is judged too
        (``checker.checks.clauses``): three or more consecutive source content words that the
        translation does not cover (no CC-CEDICT gloss, name, code or number of theirs in it),
        in a link whose other words it covers, where the translation also fits the source
        without them in length and is more similar to it, are a minor partial omission
        reported with their exact span ("In this case the middleware will intercept the
        incoming request and respond ..." -> "在这种情况下，出于提供信息的目的返回 ...").

        Lengths are those of the text a reader reads: code blocks, and in Markdown inline code,
        URLs and tags, are left out (a page full of code would otherwise expect Chinese prose to
        be as long as the English). Length alone is no evidence for a link of one source
        sentence: where the links carry similarities, a short one must also be less similar to
        its source than the document's links usually are (terse but complete Chinese often has
        a third of the English length). A lone block marker ("///", "!!!") is no omission.

        A missing sentence is major, a missing greeting or signature ("Hi all,") minor, and so
        is a sentence whose neighbour's translation seems to render it too (long for its own
        source, fitting both, as similar to both joined, and, on a document long enough to
        learn a lexicon from, covering its words). A partial omission inside a sentence
        is major only when extreme (under 40% of the expected length and a dozen source words
        or more); its first location is the source text, the second its short rendering.

    Why is this bad?
        A reader of the translation never learns what was left out, and nothing in the
        translation shows the gap.

    Example:
        The source ends with two paragraphs ("I will forever be grateful ...", "With deep
        gratitude ...") that the translation never renders: one major finding covers both.
    """

    id = "omission"
    name = "Omission"
    category = Category.ACCURACY
    severity = Severity.MAJOR

    def findings(self, corpus: Corpus, known: dict[str, _Known]) -> Iterator[Finding]:
        source = corpus.source
        encoder = corpus.encoder
        for doc in corpus.translations:
            links = corpus.alignment(doc).links
            pairs = _pairs(corpus, doc)
            model, units = known[doc.id].model, known[doc.id].units
            # keyed units (PO, XLIFF, JSON...) that are missing are missing-unit's to report
            lost = set() if units else {
                i for k, link in enumerate(links) if not link.target for i in link.source
                if _says_something(source, i) and not _code_shown_nearby(source, doc, links, k, i)}
            joined = _absorbed(encoder, model, source, doc, pairs) if model and lost else set()
            narrowed: set[int] = set()
            partial: list[Finding] = []
            suspects = set() if units else set(_orphans(encoder, source, list(corpus.pairs(doc))))
            whole: list[tuple[Link, str, str]] = []  # links of full length, judged sentence by sentence
            for link, source_text, target_text in pairs:
                gap = _shortfall(model, link, source_text, target_text) if model else None
                if gap is None:
                    if link.target and not suspects.intersection(link.source):
                        whole.append((link, target_text, doc.text_of(link.target)))
                    continue
                dropped = _dropped_segments(corpus, model, link, target_text)
                if dropped:  # the link's target renders some of its sentences and drops the rest
                    narrowed.update(dropped)
                    continue
                if suspects.intersection(link.source):
                    continue  # reported below as a sentence the link seems to leave out
                partial.append(self._partial(corpus, doc, link, gap))
            runs = [self._lost(source, doc, run, narrowed, joined) for run in _consecutive(sorted(lost | narrowed))]
            orphans = [self._orphan(source, doc, i) for i in sorted(suspects - narrowed)]
            inside, found = self._uncovered(encoder, model, source, doc, whole, known[doc.id].bound)
            yield from self._tallied(doc, [runs, orphans, partial, inside, self._clauses(source, doc, found)], found)

    def _lost(self, source: Document, doc: Document, run: tuple[int, ...], narrowed: set[int],
              joined: set[int]) -> Finding:
        """Consecutive source sentences left out (of keyed units, only inside a link of several:
        a unit of a PO, XLIFF or TMX file is one link of one source segment, so such a run never
        spans two runs of units)."""
        text = source.text_of(run)
        what = "a source segment" if len(run) == 1 else f"{len(run)} consecutive source segments"
        maybe = joined.issuperset(run)
        hint = " (the translation of its neighbour may render it too)" if maybe else ""
        return self.finding(
            f"{doc.path} leaves out {what}: \"{_clip(text)}\"{hint}.",
            [source.locate_span(run)],
            severity=Severity.MINOR if maybe else _severity(text),
            translation=doc.id,
            segments=list(run),
            inside_links=sorted(narrowed.intersection(run)),
            words=round(words(text)),
        )

    def _orphan(self, source: Document, doc: Document, i: int) -> Finding:
        text = source.segments[i].text
        return self.finding(
            f"{doc.path} may leave out a source segment: \"{_clip(text)}\" (it shares a "
            "translation with its neighbour, which seems to render only the neighbour).",
            [source.locate(i)],
            severity=Severity.MINOR,
            translation=doc.id,
            segments=[i],
            inside_links=[i],
            words=round(words(text)),
        )

    def _uncovered(self, encoder: object, model: LengthModel | None, source: Document, doc: Document,
                   links: Sequence[tuple[Link, str, str]], bound: float = math.inf) -> tuple[list[Finding], _Clauses]:
        """Source sentences of a link or unit of two or more that its full-length target leaves
        out, and (English to Chinese) the clauses of the other links that it leaves out."""
        encode = getattr(encoder, "encode", None)
        if encode is None:
            return [], NO_CLAUSES
        length_z = model.length_z if model else (lambda _s, _t: 0.0)
        judged: set[int] = set()  # source segments of links with a sentence reported
        link_of = _link_of((link for link, _, _ in links), "source")
        inside = []
        for vote in coverage.gaps(encode, length_z, source, links):
            piece = vote.piece
            judged.update(link_of[piece.segment].source)
            inside.append(self.finding(
                f"{doc.path} leaves out a sentence of this passage: \"{_clip(piece.text)}\" (the "
                "translation renders the sentences around it, and matches them better without it).",
                [source.locate(piece.segment, piece.start, piece.end)],
                severity=Severity.MAJOR,
                translation=doc.id,
                segments=[piece.segment],
                inside_links=[piece.segment],
                words=round(words(piece.text)),
            ))
        if model is None or not clauses.supported(source, doc):
            return inside, NO_CLAUSES
        rest = [(link, prose(source, link.source), target) for link, target, _ in links
                if judged.isdisjoint(link.source)]
        return inside, _Clauses.find(encode, model.length_z, source, rest, bound=bound)

    def _clauses(self, source: Document, doc: Document, found: _Clauses) -> list[Finding]:
        return [self.finding(
            f"{doc.path} may leave out part of this sentence: \"{_clip(gap.text)}\" (its words "
            f"{_listed(gap.words)} have no counterpart in the translation, which fits the sentence better "
            "without them).",
            [source.locate(gap.segment, gap.start, gap.end), doc.locate_span(gap.link.target)],
            severity=Severity.MINOR,
            translation=doc.id,
            **_clause_evidence(gap),
        ) for gap in found.gaps]

    def _partial(self, corpus: Corpus, doc: Document, link: Link, gap: Shortfall) -> Finding:
        major = (
            gap.share < MAJOR_SHORTFALL
            and gap.length_z <= MAJOR_LENGTH_Z
            and gap.missing_words >= MAJOR_MISSING_WORDS
        )
        return self.finding(
            f"{doc.path} renders this passage in {gap.share:.0%} of the expected length; "
            f"about {round(gap.missing_words)} words of the source seem to be missing.",
            [corpus.source.locate_span(link.source), doc.locate_span(link.target)],
            severity=Severity.MAJOR if major else Severity.MINOR,
            translation=doc.id,
            expected_ratio=round(gap.expected_ratio, 3),
            share=round(gap.share, 3),
            length_z=round(gap.length_z, 2),
            similarity=link.similarity,
            similarity_z=None if gap.similarity_z is None else round(gap.similarity_z, 2),
            missing_words=round(gap.missing_words),
        )


@dataclass(frozen=True)
class Shortfall:
    """How much shorter a link's target is than its source predicts."""

    expected_ratio: float
    share: float
    length_z: float
    similarity_z: float | None
    missing_words: float


def _shortfall(model: LengthModel, link: Link, source_text: str, target_text: str) -> Shortfall | None:
    """The link's shortfall when it is large enough to report, else ``None``."""
    if not (chars(source_text) and chars(target_text)):
        return None
    return _shortfall_of(model, chars(source_text), chars(target_text), link.similarity, len(link.source),
                         words(source_text))


def _shortfall_of(model: LengthModel, source_chars: float, target_chars: float, similarity: float | None,
                  sources: int, source_words: float) -> Shortfall | None:
    """``_shortfall`` of a link of these figures."""
    share = target_chars / (model.ratio * source_chars)
    length_z = model.length_z_of(source_chars, target_chars)
    sim_z = model.similarity_z(similarity)
    dissimilar = sim_z is not None and sim_z <= SIMILARITY_Z
    # one source sentence rendered tersely is common (Chinese often takes a third of the English
    # length): its length alone is no evidence when its similarity is as usual for the document
    usual = sources == 1 and sim_z is not None and sim_z > SHORT_SIMILARITY_Z
    short = share < SHORTFALL and length_z <= LENGTH_Z and not usual
    confirmed = dissimilar and share < SUSPICIOUS_SHORTFALL and length_z <= CONFIRMED_LENGTH_Z
    missing = source_words * (1 - share)
    if not (short or confirmed) or missing < MIN_MISSING_WORDS:
        return None
    return Shortfall(model.ratio, share, length_z, sim_z, missing)


def _dropped_segments(corpus: Corpus, model: LengthModel, link: Link, target_text: str) -> tuple[int, ...]:
    """The source segments of a short many-to-one link that its target leaves out, if clear.

    The aligner joined several source sentences to one short target: translations keep the
    order, so the rendered ones are a prefix or a suffix. A split is taken when the rendered
    part explains the target's length and the evidence prefers it: each sentence's similarity
    to the target (when the corpus carries an ``encoder``), or else the names and numbers of
    each sentence that the target repeats. Empty when no split is clear.
    """
    indices = link.source
    if len(indices) < 2:
        return ()
    source = corpus.source
    texts = [source.segments[i].text for i in indices]
    scores = _similarities(corpus.encoder, texts, target_text)
    needed = SIMILARITY_EVIDENCE
    if scores is None:
        scores = [_anchor_share(text, target_text) for text in texts]
        needed = ANCHOR_EVIDENCE
    best: tuple[float, float, tuple[int, ...]] | None = None
    for k in range(1, len(indices)):
        for kept, dropped in ((range(k), range(k, len(indices))), (range(k, len(indices)), range(k))):
            kept_text = prose(source, [indices[i] for i in kept])
            if not chars(kept_text):
                continue
            fit = model.length_z(kept_text, target_text)
            known_kept = [scores[i] for i in kept if scores[i] is not None]
            known_dropped = [scores[i] for i in dropped if scores[i] is not None]
            if abs(fit) > FIT_Z or not known_kept or not known_dropped:
                continue
            if needed is ANCHOR_EVIDENCE and max(known_dropped) > 0:
                continue  # without an encoder, dropped sentences must share nothing with the target
            evidence = statistics.fmean(known_kept) - statistics.fmean(known_dropped)
            if evidence >= needed and (best is None or (evidence, -abs(fit)) > best[:2]):
                best = (evidence, -abs(fit), tuple(indices[i] for i in dropped))
    return best[2] if best else ()


def prose(doc: Document, indices: Sequence[int]) -> str:
    """The text a reader reads in ``doc``'s segments at ``indices``: code blocks left out, and
    in formats that say so (Markdown) inline code, URLs and tags too."""
    from checker.readers import embedding_text

    return join_segments([embedding_text(doc, doc.segments[i]) for i in indices
                          if doc.segments[i].kind != "code"], doc.lang)


def _says_something(doc: Document, index: int) -> bool:
    """Whether a segment has words to translate (or is code): not a lone marker ("///", "</div>")."""
    return doc.segments[index].kind == "code" or words(prose(doc, (index,))) > 0


CODE_SPAN = re.compile(r"`+([^`]+?)`+")


def _code_shown_nearby(source: Document, doc: Document, links: Sequence[Link], k: int, i: int) -> bool:
    """Whether source segment ``i`` (of the source-only link ``links[k]``) is nothing but inline
    code that the translation of a neighbouring link repeats: a list item such as
    "`authorizationCode`" has no words to embed, so the aligner may attach its translation
    ("* `authorizationCode`") to the next sentence's link. Code stays the same in a translation."""
    text = source.segments[i].text
    spans = CODE_SPAN.findall(text)
    if not spans or words(CODE_SPAN.sub(" ", text)):
        return False
    nearby = " ".join(doc.text_of(links[n].target) for n in (k - 1, k + 1) if 0 <= n < len(links))
    return all(f"`{span}`" in nearby for span in spans)


def _absorbed(encoder: object, model: LengthModel, source: Document, target: Document,
              pairs: Sequence[tuple[Link, str, str]]) -> set[int]:
    """Unaligned source sentences that a neighbouring link's translation renders too.

    A translator may join two sentences into one ("A middleware is a function that works with
    every request ... And also with every response before returning it." -> one Chinese
    sentence); the aligner links the translation to the first and leaves the second alone. Such a
    sentence may be absorbed when, for the link just before or after it, the translation is long
    for the link's own source, its length fits both sentences joined better, and its similarity
    to them joined is no lower than ``ABSORB_GAIN`` below its similarity to its own source,
    and, on a document long enough to learn a lexicon from (``align_lexicon``), that
    translation covers the sentence's words as a sentence's own translation does. Needs an
    ``encoder``.
    """
    encode = getattr(encoder, "encode", None)
    if encode is None:
        return set()
    candidates: list[tuple[int, Link, str, str, str]] = []  # lost index, neighbour, its source, joined, target
    for k, (link, _, _) in enumerate(pairs):
        if link.target or len(link.source) != 1:
            continue
        lost = link.source[0]
        lost_text = prose(source, (lost,))
        for n, before in ((k - 1, True), (k + 1, False)):
            if not 0 <= n < len(pairs):
                continue
            other, other_source, other_target = pairs[n]
            if not (other.source and other.target and chars(other_source) and chars(other_target)):
                continue
            joined = join_segments([other_source, lost_text] if before else [lost_text, other_source],
                                   source.lang)
            alone = model.length_z(other_source, other_target)
            if alone >= ABSORB_LENGTH_Z and abs(model.length_z(joined, other_target)) < alone:
                candidates.append((lost, other, other_source, joined, other_target))
    if not candidates:
        return set()
    vectors = encode([" ".join(t.split()) for c in candidates for t in c[2:]])
    similar = [c for k, c in enumerate(candidates)
               if float(vectors[3 * k + 1] @ vectors[3 * k + 2]) - float(vectors[3 * k] @ vectors[3 * k + 2])
               > ABSORB_GAIN]
    if not similar:
        return set()
    covers = _LexicalCover.learn(source, target, pairs)
    return {lost for lost, other, *_ in similar if covers is None or covers.renders(lost, other.target)}


@dataclass(frozen=True)
class _LexicalCover:
    """How much of a source sentence a translation covers, by a lexicon learned from the pair.

    ``renders(i, target)``: whether target segments ``target`` cover source sentence ``i``'s
    translatable words (weighted by rarity) at least halfway from what a sentence's neighbour's
    translation covers to what its own translation covers, on the pair's trusted 1-1 links.
    """

    lexicon: Lexicon
    covered: object  # target segments x source vocabulary, binary (scipy sparse)
    threshold: float

    @classmethod
    def learn(cls, source: Document, target: Document,
              pairs: Sequence[tuple[Link, str, str]]) -> _LexicalCover | None:
        from checker.align.lexicon import MIN_CONTRAST, Lexicon, tokens  # scipy: only when needed

        trusted = [(link.source[0], link.target[0]) for link in (p[0] for p in pairs)
                   if len(link.source) == 1 and len(link.target) == 1]
        lexicon = Lexicon.learn([tokens(prose(source, (i,))) for i in range(len(source.segments))],
                                [tokens(prose(target, (j,))) for j in range(len(target.segments))], trusted)
        if lexicon is None:
            return None
        covered = ((lexicon.target > 0).astype("float32") @ lexicon.links.T).tocsr()
        covered.data[:] = 1.0
        own = _shares(lexicon.source, covered, trusted)
        last = len(target.segments) - 1
        near = _shares(lexicon.source, covered, [(i, min(j + 1, last) if j < last else j - 1) for i, j in trusted])
        if not (own.size and near.size) or float(np.median(own)) - float(np.median(near)) < MIN_CONTRAST:
            return None
        return cls(lexicon, covered, (float(np.median(own)) + float(np.median(near))) / 2)

    def share(self, i: int, target: Sequence[int]) -> float | None:
        row = self.lexicon.source[i]
        total = float(row.sum())
        if not total:
            return None
        union = self.covered[list(target)].max(axis=0)
        return float(row.multiply(union).sum()) / total

    def renders(self, i: int, target: Sequence[int]) -> bool:
        """Whether ``target`` covers sentence ``i`` as translations do (yes, when it has no word
        the lexicon knows)."""
        share = self.share(i, target)
        return share is None or share >= self.threshold


def _shares(weights, covered, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """For each (source, target) pair, the weighted share of the source sentence's words that
    the target sentence covers; sentences with no known word are left out."""
    idx = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    rows = weights[idx[:, 0]]
    totals = np.asarray(rows.sum(axis=1)).ravel()
    hits = np.asarray(rows.multiply(covered[idx[:, 1]]).sum(axis=1)).ravel()
    known = totals > 0
    return hits[known] / totals[known]


def _orphans(encoder: object, source: Document, pairs: Sequence[tuple[Link, str, str]]) -> list[int]:
    """Source sentences the aligner merged into a neighbour's link whose target seems to render
    only the neighbour (the sentence's own translation is missing).

    For each link of two or more source sentences, the target's similarity to the true
    concatenation of its sources is compared with its similarity to the best single sentence:
    a genuine merge renders every sentence, so the whole matches at least as well as any part;
    when one sentence is an orphan, the whole matches worse. A link whose gain is negative and
    an outlier of the document's own gains (robust z-score) reports its least similar sentence.
    All texts are embedded in one ``encode`` call; empty without an encoder or enough merges.
    """
    encode = getattr(encoder, "encode", None)
    merged = [
        (link, target)
        for link, _, target in pairs
        if len(link.source) >= 2 and chars(target) and not _copies(source, link, target)
    ]
    if encode is None or len(merged) < MIN_MERGES:
        return []
    texts: list[str] = []
    for link, target in merged:
        texts += [target, source.text_of(link.source), *(source.segments[i].text for i in link.source)]
    vectors = encode([" ".join(t.split()) for t in texts])
    gains: list[float] = []
    weakest: list[int] = []
    row = 0
    for link, _ in merged:
        target, whole = vectors[row], vectors[row + 1]
        sims = [float(v @ target) for v in vectors[row + 2 : row + 2 + len(link.source)]]
        row += 2 + len(link.source)
        gains.append(float(whole @ target) - max(sims))
        weakest.append(link.source[min(range(len(sims)), key=sims.__getitem__)])
    centre, spread = _robust(gains)
    spread = max(spread, MIN_GAIN_SPREAD)
    return [w for g, w in zip(gains, weakest) if g < 0 and (g - centre) / spread <= GAIN_Z]


def _copies(source: Document, link: Link, target: str) -> bool:
    """Whether the target repeats one of the link's source sentences (untranslated's to report)."""
    folded = " ".join(target.split())
    return any(" ".join(source.segments[i].text.split()) == folded for i in link.source)


def _similarities(encoder: object, texts: list[str], target: str) -> list[float | None] | None:
    """Cosine similarity of each text to ``target``, or ``None`` when no encoder is at hand."""
    encode = getattr(encoder, "encode", None)
    if encode is None:
        return None
    vectors = encode([" ".join(t.split()) for t in [*texts, target]])
    return [float(vectors[i] @ vectors[-1]) for i in range(len(texts))]


ANCHOR = re.compile(r"\d+(?:[.,]\d+)*|[A-Z][A-Za-z]+|[A-Za-z]*[A-Z][A-Za-z]*\d*")


def _anchor_share(text: str, target: str) -> float | None:
    """The share of a sentence's names and numbers that ``target`` repeats (``None``: it has none)."""
    anchors = {m.group() for m in ANCHOR.finditer(text)} - _COMMON_CAPITALS
    if not anchors:
        return None
    folded = target.casefold()
    return sum(a.casefold() in folded for a in anchors) / len(anchors)


_COMMON_CAPITALS = frozenset("I A The This That These Those We Our It In On For And But".split())


def _consecutive(indices: Sequence[int]) -> Iterator[tuple[int, ...]]:
    """Sorted indices grouped into runs of consecutive numbers."""
    run: list[int] = []
    for i in indices:
        if run and i != run[-1] + 1:
            yield tuple(run)
            run = []
        run.append(i)
    if run:
        yield tuple(run)


class AdditionCheck(_AcrossLinks):
    """The translation has text the source does not.

    What it does:
        Reports translation segments the aligner linked to no source text, one finding per run
        of consecutive ones. An added sentence of three words or more is major (it says
        something the author never said); a shorter line, such as a signature ("Mira") or a
        greeting, is minor.

        Inside a link or a unit whose translation has more sentences than its source, each
        translated sentence is judged on its own, by the omission check's votes mirrored
        (``checker.checks.coverage``): when the source matches the rest of the translation
        better without it, it is less similar to the source than its siblings, the
        translation fits the source's length better without it, it repeats none of the
        source's code, placeholders or numbers, and (English to Chinese) the source covers
        under 30% of its words (CC-CEDICT, names, code, numbers; under 60%, or too few words
        to tell, when it is far less similar to the source than its sibling), the sentence is
        reported as added, major, with its exact span. A sentence split in two by the translator keeps
        the source's words and length on both halves and stays silent.

        For an English source and a Chinese translation, part of a sentence is judged too
        (``checker.checks.clauses``, mirrored): three or more consecutive Chinese content words
        that no word of the source covers, in a translation longer than the source predicts
        that fits it better without them and is more similar to it without them, are a minor
        partial addition reported with their exact span. A run inside or next to parentheses
        (a translator's explanation of a term) or across a sentence end is left alone.

    Why is this bad?
        Readers take the translation as the author's words; added commentary, framing or
        repeated text misrepresents the source.

    Example:
        A translation that opens with "随后，他在给 OpenAI 全员的公开信中公布了过渡计划。" where the
        source has no such sentence gets one major finding there.
    """

    id = "addition"
    name = "Addition"
    category = Category.ACCURACY
    severity = Severity.MAJOR
    side = "target"

    def findings(self, corpus: Corpus, known: dict[str, _Known]) -> Iterator[Finding]:
        source = corpus.source
        for doc in corpus.translations:
            links = corpus.alignment(doc).links
            # an extra keyed unit is missing-unit's to report
            unlinked = [] if known[doc.id].units else list(self._unlinked(doc, links))
            inserted, found = self._inserted(corpus.encoder, source, doc, _pairs(corpus, doc), known[doc.id])
            yield from self._tallied(doc, [unlinked, inserted, self._clauses(source, doc, found)], found)

    def _unlinked(self, doc: Document, links: Sequence[Link]) -> Iterator[Finding]:
        for run in empty_runs(links, "target"):
            if not any(_says_something(doc, i) for i in run):
                continue  # a lone block marker ("!!!", "///")
            text = doc.text_of(run)
            count = len(run)
            what = "a segment" if count == 1 else f"{count} consecutive segments"
            yield self.finding(
                f"{doc.path} adds {what} with no counterpart in the source: \"{_clip(text)}\".",
                [doc.locate_span(run)],
                severity=_severity(text),
                segments=list(run),
                words=round(words(text)),
            )

    def _inserted(self, encoder: object, source: Document, doc: Document, pairs: Sequence[tuple[Link, str, str]],
                  known: _Known) -> tuple[list[Finding], _Clauses]:
        """Target sentences of a link or unit of two or more that render nothing of its source:
        the omission side's votes (``checker.checks.coverage``), mirrored; and (English to
        Chinese) the clauses of the other links that render nothing of it."""
        encode = getattr(encoder, "encode", None)
        if encode is None:
            return [], NO_CLAUSES
        model = known.model
        length_z = model.length_z if model else (lambda _s, _t: 0.0)
        # a translation of as many sentences as its source splits none of them in two; one that
        # has more may have added one (or split one: the votes tell which)
        whole = [(link, source_text, source.text_of(link.source))
                 for link, source_text, target_text in pairs
                 if len(link.target) and chars(source_text) and chars(target_text)
                 and len(coverage.pieces(doc, link.target)) > len(coverage.pieces(source, link.source))]
        judged: set[int] = set()  # target segments of links with a sentence reported
        lexical = _rendered_share if clauses.supported(source, doc) else None
        link_of = _link_of((link for link, _, _ in whole), "target")
        inserted = []
        for vote in coverage.gaps(encode, length_z, doc, whole, side="target", lexical=lexical):
            piece = vote.piece
            link = link_of[piece.segment]
            inserted.append(self.finding(
                f"{doc.path} adds a sentence with no counterpart in the source: \"{_clip(piece.text)}\" "
                "(the rest of the translation renders the source, and matches it better without it).",
                [doc.locate(piece.segment, piece.start, piece.end), source.locate_span(link.source)],
                severity=Severity.MAJOR,
                segments=[piece.segment],
                inside_links=[piece.segment],
                words=round(words(piece.text)),
            ))
            judged.update(link.target)
        if model is None or not clauses.supported(source, doc):
            return inserted, NO_CLAUSES
        rest = [(link, s, t) for link, s, t in pairs if link.target and judged.isdisjoint(link.target)]
        return inserted, _Clauses.find(encode, model.length_z, doc, rest, side="target", bound=known.bound)

    def _clauses(self, source: Document, doc: Document, found: _Clauses) -> list[Finding]:
        return [self.finding(
            f"{doc.path} may add to this sentence: \"{_clip(gap.text)}\" (its words {_listed(gap.words)} "
            "have no counterpart in the source, which fits the translation better without them).",
            [doc.locate(gap.segment, gap.start, gap.end), source.locate_span(gap.link.source)],
            severity=Severity.MINOR,
            **_clause_evidence(gap),
        ) for gap in found.gaps]


def _link_of(links: Iterable[Link], side: str) -> dict[int, Link]:
    """The first of ``links`` holding each segment of their ``side`` (a vote names its segment)."""
    found: dict[int, Link] = {}
    for link in links:
        for i in getattr(link, side):
            found.setdefault(i, link)
    return found


def _listed(found: Sequence[str]) -> str:
    """Words as a message lists them: ``"a", "b"``."""
    return ", ".join(f'"{w}"' for w in found)


def _clause_evidence(gap: clauses.ClauseGap) -> dict[str, Any]:
    """What a finding of a clause left out or added records of it (the same on both sides)."""
    return {"segments": [gap.segment], "inside_links": [gap.segment], "clause": True,
            "uncovered": list(gap.words), "gain": round(gap.gain, 4), "fit": round(gap.fit, 2),
            "words": round(words(gap.text))}


LEXICAL_WORDS = 3
"""A Chinese sentence of fewer content words of two characters or more is too short for the
dictionary to tell an added sentence from half of one split in two ("事就这样成了。" renders
"and it was so"; single characters are often pieces of a transliterated name: 罗得 for Lot)."""


ENUMERATION = re.compile(r"[，、；,;。！？]")
SHORT_ITEM = 6
"""Three parts or more of six characters or fewer on average ("底顺族长，以察族长，底珊族长。" for
"Duke Dishon, duke Ezer, duke Dishan") make an enumeration: too little for the dictionary."""


def _rendered_share(sentence: str, source: str) -> float | None:
    """The share of a Chinese sentence's content words (of two characters or more) that the
    English source covers (CC-CEDICT, names, code, numbers); ``None`` when it has too few."""
    from checker.text.lexicon.dictionary import cover

    parts = [p for p in ENUMERATION.split(sentence) if p.strip()]
    if len(parts) >= 3 and sum(map(len, parts)) / len(parts) <= SHORT_ITEM:
        return None  # a list of names or terms, which the dictionary misses together
    found = [w for w in cover(source, sentence).chinese if len(w.text) >= 2]
    return sum(w.covered for w in found) / len(found) if len(found) >= LEXICAL_WORDS else None


def _severity(text: str) -> Severity:
    return Severity.MAJOR if words(text) >= SUBSTANTIVE_WORDS else Severity.MINOR


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
