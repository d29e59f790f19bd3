"""``meaning-shift``: a rendering far less similar to its source, and far less covered, than the rest.

A link whose length and names still fit can render something else ("Our planned work will be
there waiting for us when the time comes." -> "时刻做好计划，方能不惧挑战。": "plan ahead, and
you need not fear the challenge"). Neither the embedding alone (e5 similarities are compressed,
and a terse or free rendering dips too) nor the dictionary alone (technical terms are missing
from it) tells such a link from a faithful one; both together, each measured against the same
document's other links (robust z-scores), do.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np

from checker.checks import clauses
from checker.checks.base import Check
from checker.checks.omission import prose
from checker.model import Category, Corpus, Document, Finding, Link, Severity

SIMILARITY_Z = -2.5
"""Robust z-score of a link's similarity (against the document's links) at or below which it is a
candidate."""

COVERAGE_Z = -2.5
"""Robust z-score of the share of its source content words the target covers (against a sample
of the document's links) at or below which a candidate is reported."""

MIN_SIMILARITY_SPREAD = 0.01
MIN_COVERAGE_SPREAD = 0.1
"""Floors of the spreads, so that a very regular document does not make small dips outliers."""

MIN_LINKS = 8
"""Below this many linked pairs, a document's similarities and coverage mean nothing."""

MIN_WORDS = 4
MIN_UNCOVERED = 3
"""A link of fewer source content words, or with fewer uncovered, says too little to judge (links
of three content words or more make the document's baseline)."""

SAMPLE = 200
"""Links (evenly spaced) whose coverage estimates the document's: the dictionary look-up costs
milliseconds a link, and is made only for documents with a candidate."""

MAX_CANDIDATES = 100
"""At most this many links of a translation, the least similar first, are looked up: a long
document costs no more than a short one, and a reviewer is not handed hundreds of leads."""

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class MeaningShift(Check):
    """A rendering is far less similar to its source, and covers far fewer of its words, than the rest.

    What it does:
        For an English source and a Chinese translation, compares each link (a source sentence
        or unit with its rendering) with the same document's other links, by two independent
        measures: the embedding similarity of the pair, and the share of the source's content
        words that the translation covers (a CC-CEDICT gloss, a name or code kept verbatim, a
        number of the same value: ``checker.text.lexicon.dictionary``). A link whose similarity and
        coverage are both extreme lows of the document (robust z-scores of -2.5 or below) is
        reported as a rendering to check, naming the source words with no counterpart. The
        measures are relative to the document, so a technical text whose terms the dictionary
        lacks, or a freely translated one, sets its own baseline.

    Why is this bad?
        A rendering that says something else reads fluently and keeps the length, the names
        and the numbers of its source: nothing else flags it, and the reader is misled.

    Example:
        "Our planned work will be there waiting for us when the time comes." rendered as
        "时刻做好计划，方能不惧挑战。" ("plan ahead, and you need not fear the challenge") in a
        memo whose other sentences are rendered closely (TICO-19's Wikimedia memo): one minor
        finding naming "work", "waiting" and "comes".
    """

    id = "meaning-shift"
    name = "Meaning shift"
    category = Category.ACCURACY
    severity = Severity.MINOR
    in_worker = True
    _seen: tuple[Corpus, list[tuple[Document, list[tuple[Link, str, str]], bytes]]] | None = None

    # The document's similarities (all of them: their median, their spread, the least similar
    # links) are learned shard by shard; the dictionary look-ups of the candidates and of the
    # sample (every ``step``-th link of the document) are made on the shards that hold them; the
    # coverage statistics of the sample, and so which candidates are reported, are settled in
    # ``merge``, which gets every look-up. A shard finds its part of ``known`` by a fingerprint
    # of its links (it does not know where in the file it is); shards with the same fingerprint
    # (the same links, texts and similarities) make the same look-ups, and ``merge`` tells them
    # apart by where the engine put their findings.

    def learn(self, corpus: Corpus) -> dict[str, tuple[bytes, np.ndarray]]:
        """Per translation checked: the fingerprint of its links here, and their similarities."""
        return {doc.id: (fingerprint, np.array([link.similarity for link, _, _ in pairs], dtype=np.float64))
                for doc, pairs, fingerprint in self._pairs(corpus)}

    @classmethod
    def combine(cls, parts: Sequence[dict[str, tuple[bytes, np.ndarray]]]) -> dict[str, dict[bytes, list]]:
        """Per translation with a candidate: per fingerprint of a shard, for each shard of that
        fingerprint in file order, what it looks up (``_Need`` by link number in the shard)."""
        known: dict[str, dict[bytes, list]] = {}
        for doc_id in dict.fromkeys(doc_id for part in parts for doc_id in part):
            shards = [part[doc_id] for part in parts if doc_id in part]
            similarity = [float(x) for _, sims in shards for x in sims]
            if len(similarity) < MIN_LINKS:
                continue
            centre, spread = _robust(similarity, MIN_SIMILARITY_SPREAD)
            z = [(sim - centre) / spread for sim in similarity]
            candidates = sorted(((k, zk) for k, zk in enumerate(z) if zk <= SIMILARITY_Z),
                                key=lambda c: c[1])[:MAX_CANDIDATES]
            if not candidates:
                continue
            rank: dict[int, tuple[int | None, float | None]] = {k: (r, zk) for r, (k, zk) in enumerate(candidates)}
            step = max(1, len(similarity) // SAMPLE)
            by_fingerprint: dict[bytes, list[dict[int, _Need]]] = {}
            start = 0
            for fingerprint, sims in shards:
                needs = {k - start: _Need(*rank.get(k, (None, None)), k % step == 0)
                         for k in range(start, start + len(sims)) if k in rank or k % step == 0}
                by_fingerprint.setdefault(fingerprint, []).append(needs)
                start += len(sims)
            known[doc_id] = {fp: needs for fp, needs in by_fingerprint.items() if any(needs)}
        return known

    def findings(self, corpus: Corpus, known: dict[str, dict[bytes, list]]) -> Iterator[Finding]:
        """The look-ups of this shard's candidates and sampled links, each as a finding for
        ``merge`` to judge (and to drop, for the sampled links)."""
        from checker.text.lexicon.dictionary import cover_english

        source = corpus.source
        for doc, pairs, fingerprint in self._pairs(corpus):
            shards = known.get(doc.id, {}).get(fingerprint)
            if shards is None:
                continue
            for k in sorted({k for needs in shards for k in needs}):
                link, s, t = pairs[k]
                words = cover_english(s, t)
                missing = list(dict.fromkeys(w.text for w in words if not w.covered))
                listed = ", ".join(f'"{w}"' for w in missing)
                yield self.finding(
                    f"{doc.path}: check this rendering: it is far less similar to its source than the "
                    f"document's other sentences, and these source words have no counterpart in it: {listed}.",
                    [source.locate_span(link.source), doc.locate_span(link.target)],
                    translation=doc.id, similarity=link.similarity, uncovered=missing,
                    _look_up=_LookUp(fingerprint, link.source[0], tuple(needs.get(k) for needs in shards),
                                     _share(words), len(words), sum(not w.covered for w in words)),
                )

    @classmethod
    def merge(cls, findings: Sequence[Finding]) -> list[Finding]:
        """Per translation: the coverage of its sample, and the candidates it leaves, least similar first."""
        out: list[Finding] = []
        for doc_id in dict.fromkeys(f.data["translation"] for f in findings):
            shifts: dict[bytes, list[int]] = {}  # per fingerprint, where its shards are in the file
            looked: list[tuple[_Need, Finding]] = []
            for f in findings:
                if f.data["translation"] != doc_id:
                    continue
                look: _LookUp = f.data["_look_up"]
                at = shifts.setdefault(look.fingerprint, [])
                shift = f.locations[0].segments[0] - look.first
                if shift not in at:
                    at.append(shift)
                need = look.needs[at.index(shift)]
                if need is not None:
                    looked.append((need, f))
            shares = [f.data["_look_up"].share for need, f in looked
                      if need.sampled and f.data["_look_up"].words >= MIN_UNCOVERED]
            if len(shares) < MIN_LINKS:
                continue
            cov_centre, cov_spread = _robust(shares, MIN_COVERAGE_SPREAD)
            candidates = sorted((need.rank, need.z, f) for need, f in looked
                                if need.rank is not None and need.z is not None)  # ranks differ
            for _, z, f in candidates:
                look = f.data["_look_up"]
                cov_z = (look.share - cov_centre) / cov_spread
                if look.words < MIN_WORDS or look.missing < MIN_UNCOVERED or cov_z > COVERAGE_Z:
                    continue
                out.append(replace(f, data={
                    "translation": doc_id,
                    "similarity": f.data["similarity"],
                    "similarity_z": round(z, 2),
                    "coverage": round(look.share, 3),
                    "coverage_z": round(cov_z, 2),
                    "uncovered": f.data["uncovered"],
                }))
        return out

    def _pairs(self, corpus: Corpus) -> list[tuple[Document, list[tuple[Link, str, str]], bytes]]:
        """Each translation the dictionary covers, with its links of text on both sides (and
        Chinese in the translation) as (link, source prose, target prose), and their fingerprint;
        kept for ``findings`` after ``learn`` on the same corpus (``run``)."""
        if self._seen is not None and self._seen[0] is corpus:
            return self._seen[1]
        source = corpus.source
        out = []
        for doc in corpus.translations:
            if not clauses.supported(source, doc):
                continue
            pairs = [(link, prose(source, link.source), prose(doc, link.target))
                     for link in corpus.alignment(doc).links
                     if link.source and link.target and link.similarity is not None]
            pairs = [(link, s, t) for link, s, t in pairs if s.strip() and HAN.search(t)]
            out.append((doc, pairs, _fingerprint(pairs)))
        self._seen = (corpus, out)
        return out


@dataclass(frozen=True)
class _Need:
    """Why a link is looked up: its rank among the candidates and its similarity's z-score (if
    it is one), and whether it is in the sample."""

    rank: int | None
    z: float | None
    sampled: bool


@dataclass(frozen=True)
class _LookUp:
    """A link's look-up, as ``merge`` needs it: the fingerprint of its shard and its first
    source segment there (so where the shard is in the file), what each shard of that
    fingerprint needs of it, and the share, number and uncovered number of its content words."""

    fingerprint: bytes
    first: int
    needs: tuple[_Need | None, ...]
    share: float
    words: int
    missing: int


def _fingerprint(pairs: Sequence[tuple[Link, str, str]]) -> bytes:
    """A digest of links and their texts: shards with the same one compute the same."""
    digest = hashlib.blake2b(digest_size=16)
    for link, s, t in pairs:
        digest.update(repr((link.source, link.target, link.similarity, s, t)).encode())
    return digest.digest()


def _share(words) -> float:  # words: checker.text.lexicon.dictionary.Word
    return sum(w.covered for w in words) / len(words) if words else 1.0


def _robust(values: Sequence[float], floor: float) -> tuple[float, float]:
    """Median and 1.4826 x median absolute deviation, the latter floored."""
    centre = statistics.median(values)
    return centre, max(1.4826 * statistics.median(abs(x - centre) for x in values), floor)
