"""``meaning-shift``: a rendering far less similar to its source, and far less covered, than the rest.

A link whose length and names still fit can render something else ("Our planned work will be
there waiting for us when the time comes." -> "时刻做好计划，方能不惧挑战。": "plan ahead, and
you need not fear the challenge"). Neither the embedding alone (e5 similarities are compressed,
and a terse or free rendering dips too) nor the dictionary alone (technical terms are missing
from it) tells such a link from a faithful one; both together, each measured against the same
document's other links (robust z-scores), do.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator, Sequence

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

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        source = corpus.source
        for doc in corpus.translations:
            if not clauses.supported(source, doc):
                continue
            pairs = [(link, prose(source, link.source), prose(doc, link.target))
                     for link in corpus.alignment(doc).links
                     if link.source and link.target and link.similarity is not None]
            pairs = [(link, s, t) for link, s, t in pairs if s.strip() and HAN.search(t)]
            yield from self._shifts(source, doc, pairs)

    def _shifts(self, source: Document, doc: Document, pairs: Sequence[tuple[Link, str, str]]) -> Iterator[Finding]:
        if len(pairs) < MIN_LINKS:
            return
        similarity = [link.similarity or 0.0 for link, _, _ in pairs]  # every link here has one
        centre, spread = _robust(similarity, MIN_SIMILARITY_SPREAD)
        z = [(sim - centre) / spread for sim in similarity]
        candidates = sorted(((link, s, t, zi) for (link, s, t), zi in zip(pairs, z) if zi <= SIMILARITY_Z),
                            key=lambda c: c[3])[:MAX_CANDIDATES]
        if not candidates:
            return
        from checker.text.lexicon.dictionary import cover_english

        step = max(1, len(pairs) // SAMPLE)
        shares = [_share(words) for words in (cover_english(s, t) for _, s, t in pairs[::step])
                  if len(words) >= MIN_UNCOVERED]
        if len(shares) < MIN_LINKS:
            return
        cov_centre, cov_spread = _robust(shares, MIN_COVERAGE_SPREAD)
        for link, s, t, sim_z in candidates:
            words = cover_english(s, t)
            missing = [w.text for w in words if not w.covered]
            cov_z = (_share(words) - cov_centre) / cov_spread
            if len(words) < MIN_WORDS or len(missing) < MIN_UNCOVERED or cov_z > COVERAGE_Z:
                continue
            listed = ", ".join(f'"{w}"' for w in dict.fromkeys(missing))
            yield self.finding(
                f"{doc.path}: check this rendering: it is far less similar to its source than the "
                f"document's other sentences, and these source words have no counterpart in it: {listed}.",
                [source.locate_span(link.source), doc.locate_span(link.target)],
                translation=doc.id,
                similarity=link.similarity,
                similarity_z=round(sim_z, 2),
                coverage=round(_share(words), 3),
                coverage_z=round(cov_z, 2),
                uncovered=list(dict.fromkeys(missing)),
            )


def _share(words) -> float:  # words: checker.text.lexicon.dictionary.Word
    return sum(w.covered for w in words) / len(words) if words else 1.0


def _robust(values: Sequence[float], floor: float) -> tuple[float, float]:
    """Median and 1.4826 x median absolute deviation, the latter floored."""
    centre = statistics.median(values)
    return centre, max(1.4826 * statistics.median(abs(x - centre) for x in values), floor)
