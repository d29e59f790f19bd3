"""Which source phrase does a rendering render? Pick it among the phrases of the linked source.

Every phrase of the source segments that both translations' links point at is a candidate
(n-grams of content words, titles, hyphenated terms). A prior scores each by position: the
rendering sits at some relative place in its target segment, and the phrase at the same place
in the source is the likeliest; term-like phrases get a bonus. With an encoder, the best few by
the prior are embedded with both renderings, and cross-lingual similarity (as z-scores among the
candidates) is added to the prior; when the two renderings clearly point at two different
phrases, it is a rewrite, not a drift. Without an encoder, the prior decides (and says so).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from checker.model import Document
from checker.text.lexicon.en import everyday
from checker.text.terms.match import find_term
from checker.text.terms.tokens import STOPWORDS, Phrase, phrases

Span = tuple[int, int, int]
Pick = tuple[Phrase, int]  # a phrase and the source segment it is in
SHORTLIST = 24
"""Candidates the encoder judges, the best by the position prior: a rendering's place in its
sentence is only a rough guide (职务 for "role" sits mid-sentence, "role" early), and 8 missed
the right phrase in two of the corpora's ten drifts."""
# Texts embedded per run at most (a few seconds on a CPU); term-like regions get the encoder first,
# the rest are traced by position.
ENCODE_BUDGET = 600
POSITION_WEIGHT = 4.0
REWRITE_GAP = 0.1
ANCHOR_WEIGHT = 0.5
"""Prior lost per anchor on the wrong side of a candidate. Anchors are names and numbers a
translation keeps verbatim, once each in the source passage and in the rendering's segment
(``Mark``, ``Jakub``, ``2024``): translations keep their order, so in "Mark将成为OpenAI新的研究高级
副总裁，并与Jakub合作" the rendering comes before ``Jakub`` and cannot render ``Chief Scientist``,
which the source puts after it ("... with Jakub as Chief Scientist")."""
EVERYDAY_PENALTY = 0.15
"""Prior lost by a phrase whose content words are all everyday words (made, part, company):
e5 finds such words close to almost any rendering (it preferred 'made' for 工艺 / 技术 where the
source says "made possible by your ingenuity and craftsmanship"), and a drift of terminology
is rarely about them."""
ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*|\d+(?:[.,]\d+)*")


@dataclass
class Region:
    """A differing span of two aligned renderings, and where it sits, before it is traced to the source."""

    docs: tuple[str, str]
    spans: tuple[Span, Span]
    texts: tuple[str, str]
    source: tuple[int, ...]
    near: tuple[tuple[tuple[int, ...], float], ...]
    contexts: tuple[str, str]
    around: tuple[tuple[str, str], tuple[str, str]] = (("", ""), ("", ""))
    """Each rendering's segment text before it and after it (where its anchors are)."""
    candidates: list[tuple[float, Pick]] = field(default_factory=list)


@dataclass(frozen=True)
class Traced:
    """The phrase a region renders (``None``: a rewrite), how sure, and whether it is only a guess."""

    pick: Pick | None
    confidence: float
    guessed: bool


def trace(source: Document, regions: list[Region], encoder: Any = None) -> list[Traced]:
    """Trace every region to its source phrase, embedding at most ``ENCODE_BUDGET`` texts in one batch."""
    out: list[Traced | None] = []
    for region in regions:
        literal = _literal(source, region)
        out.append(Traced(literal, 1.0, False) if literal else None)
        if literal is None:
            region.candidates = _shortlist(source, region)
    pending = [k for k, r in enumerate(regions) if out[k] is None and r.candidates]
    pending.sort(key=lambda k: not _promising(regions[k]))  # stable: document order within each group
    encoded: dict[str, int] = {}
    vectors = None
    if encoder is not None and pending:
        texts: dict[str, None] = {}
        for k in pending:
            more = [t for t in [p.text for _, (p, _) in regions[k].candidates] + list(regions[k].texts)
                    if t not in texts]
            if len(texts) + len(more) > ENCODE_BUDGET:
                break
            texts.update(dict.fromkeys(more))
        if texts:
            vectors = np.asarray(encoder.encode(list(texts)), dtype=np.float32)
            encoded = {t: i for i, t in enumerate(texts)}
    result = []
    for k, region in enumerate(regions):
        if out[k] is not None:
            result.append(out[k])
        elif not region.candidates:
            result.append(Traced(None, 0.0, True))
        elif vectors is not None and all(t in encoded for t in region.texts) and \
                all(p.text in encoded for _, (p, _) in region.candidates):
            result.append(_by_encoder(region, vectors, encoded))
        else:
            result.append(Traced(region.candidates[0][1], 0.0, True))
    return [Traced(_widen(source, t.pick), t.confidence, t.guessed) if t.pick else t for t in result]


def _widen(source: Document, pick: Pick) -> Pick:
    """A term-like pick inside a longer title is the title: Mission -> Head of Mission Alignment."""
    phrase, seg = pick
    if not phrase.termlike:
        return pick
    titles = [p for p in phrases(source.segments[seg].text)
              if p.termlike and " " in p.text and p.start <= phrase.start and phrase.end <= p.end]
    return (max(titles, key=lambda p: p.end - p.start), seg) if titles else pick


def _promising(region: Region) -> bool:
    """A region that looks like a term: a long rendering, or a term-like best guess."""
    return max(len(t) for t in region.texts) >= 4 or region.candidates[0][1][0].termlike


def _candidate_segments(region: Region) -> tuple[int, ...]:
    """The source segments both translations' links point at (else all of the passage)."""
    linked = [set(segs) for segs, _ in region.near if segs]
    if len(linked) == 2 and linked[0] & linked[1]:
        return tuple(sorted(linked[0] & linked[1]))
    return region.source


def _literal(source: Document, region: Region) -> Pick | None:
    """A source phrase one rendering keeps verbatim (OpenAl), if any."""
    found = [(p, i) for i in _candidate_segments(region) for p in phrases(source.segments[i].text)
             if any(find_term(p.text, t, "en") for t in region.texts)]
    return max(found, key=lambda c: len(c[0].text)) if found else None


def _shortlist(source: Document, region: Region) -> list[tuple[float, Pick]]:
    """Candidates scored by the position prior, best first, at most ``SHORTLIST``."""
    segments = _candidate_segments(region)
    places = [(segs, pos) for segs, pos in region.near if segs] or [(region.source, 0.5)]
    starts: dict[tuple[tuple[int, ...], int], int] = {}
    totals: dict[tuple[int, ...], int] = {}
    for segs, _ in places:
        acc = 0
        for i in segs:
            starts[(segs, i)] = acc
            acc += len(source.segments[i].text)
        totals[segs] = max(acc, 1)

    def prior(phrase: Phrase, seg: int) -> float:
        far = 0.0
        for segs, pos in places:
            start = starts.get((segs, seg))
            far += 1.0 if start is None else abs((start + (phrase.start + phrase.end) / 2) / totals[segs] - pos)
        size = phrase.text.count(" ")
        misplaced = sum(_misplaced(anchors, (seg, phrase.start, phrase.end), side) for side in region.around)
        return -far / len(places) + (0.1 + 0.03 * size if phrase.termlike else -0.01 * size) \
            - ANCHOR_WEIGHT * misplaced - (EVERYDAY_PENALTY if _everyday(phrase.text) else 0.0)

    anchors = _anchors(source, segments)
    scored = [(prior(p, i), (p, i)) for i in segments for p in phrases(source.segments[i].text)
              if not _kept_verbatim(p, region)]
    scored.sort(key=lambda c: -c[0])
    return scored[:SHORTLIST]


def _everyday(text: str) -> bool:
    """Whether every content word of an English phrase is an everyday word (made, company)."""
    words = [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in STOPWORDS]
    return bool(words) and all(everyday(w) for w in words)


def _anchors(source: Document, segments: tuple[int, ...]) -> dict[str, tuple[int, int]]:
    """Names and numbers that occur once in the source segments, and where (segment, offset)."""
    seen: dict[str, list[tuple[int, int]]] = {}
    for i in segments:
        for m in ANCHOR.finditer(source.segments[i].text):
            seen.setdefault(m.group(), []).append((i, m.start()))
    return {a: places[0] for a, places in seen.items() if len(places) == 1 and (a[0].isupper() or a[0].isdigit())}


def _misplaced(anchors: dict[str, tuple[int, int]], where: tuple[int, int, int], side: tuple[str, str]) -> int:
    """How many anchors the rendering has before it (``side[0]``) that the source puts after
    the candidate at ``where``, or after it that the source puts before."""
    before, after = (Counter(ANCHOR.findall(text)) for text in side)
    seg, start, end = where
    wrong = 0
    for anchor, place in anchors.items():
        if before[anchor] + after[anchor] != 1:
            continue  # absent from the rendering's segment, or ambiguous there
        if before[anchor] and place > (seg, start) or after[anchor] and place < (seg, end):
            wrong += 1
    return wrong


def _kept_verbatim(phrase: Phrase, region: Region) -> bool:
    """A source phrase the translations keep as is (OpenAI, Mark) is not what a CJK rendering renders."""
    return bool(re.search(r"[A-Za-z]", phrase.text)) and any(
        find_term(phrase.text, context, "en") for context in region.contexts)


def _by_encoder(region: Region, vectors: np.ndarray, index: dict[str, int]) -> Traced:
    picks = [pick for _, pick in region.candidates]
    prior = np.array([score for score, _ in region.candidates], dtype=np.float32)
    cand = vectors[[index[p.text] for p, _ in picks]]
    sims = cand @ vectors[[index[t] for t in region.texts]].T  # (candidates, 2)
    own = [int(np.argmax(sims[:, side])) for side in (0, 1)]
    if own[0] != own[1] and not _overlap(picks[own[0]], picks[own[1]]) and \
            sims[own[0], 0] - sims[own[0], 1] > REWRITE_GAP and sims[own[1], 1] - sims[own[1], 0] > REWRITE_GAP:
        return Traced(None, 0.0, False)  # each rendering clearly renders something else: a rewrite
    joint = sims.mean(axis=1)
    spread = float(joint.std()) or 1.0
    score = (joint - joint.mean()) / spread + POSITION_WEIGHT * prior
    order = np.argsort(-score)
    margin = float(score[order[0]] - score[order[1]]) if len(order) > 1 else 1.0
    return Traced(picks[int(order[0])], margin, False)


def _overlap(a: Pick, b: Pick) -> bool:
    return a[1] == b[1] and a[0].start < b[0].end and b[0].start < a[0].end
