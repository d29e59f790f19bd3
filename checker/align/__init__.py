"""Sentence alignment: two embedding matrices (and segment lengths) in, links out.

The aligner is pure numpy (and scipy.sparse) and knows nothing of models or files, so it is
tested with made-up vectors. Each side of at least ``centre_min`` segments is first *centred* (its mean and its
dominant direction removed, :func:`checker.align.features.centred`): what all its sentences
share says nothing about which goes with which, and without it a merge of a sentence with an
unrelated one (a dropped translation's source absorbed by a neighbour's link) scores as well as
the single sentence. The reported similarities stay the raw cosines. Then two stages follow,
each a dynamic programme over the lattice of ``(source consumed, target consumed)`` nodes (see
:mod:`checker.align.dp`):

1. **Search.** Both sides are halved repeatedly (pairs of neighbouring vectors summed) until the
   full lattice is small; the path found there, projected to the next finer level and widened
   by a few cells, is the only region searched at that level (Vecalign's coarse-to-fine
   search). Every level costs time in proportion to the text, so the whole search is linear;
   top-k anchors (Bertalign) would need every source sentence compared with every target one.
2. **Alignment.** In a band around the finest search path, the many-to-many DP chooses among
   ``0-1, 1-0, 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-4, 4-1`` links. Every sentence of a link votes
   with the cosine between its own vector and the merged vector of the link's other side,
   *relative to what it scores against random merges of that size* (never a fixed threshold:
   the embeddings are compressed); a link scores its votes, less a Gale-Church length penalty
   whose ratio and variance are estimated from the document itself, less a price per merge.
   When the texts are given too, every sentence also casts a *lexical* vote: how much of it the
   link's other side covers, by a translation lexicon learned from the search path's 1-1 links
   (:mod:`checker.align.lexicon`), joined, where the language pair has one, by a prior
   dictionary (CC-CEDICT for English and Chinese, :mod:`checker.align.prior`) for the words
   the document is too short to teach. Embeddings of a small model see a sentence whose translation
   was dropped as close to its neighbour's translation (same names, same topic), so alone they
   absorb it into the neighbour's link; its words are not covered there, so with words it is
   left out, as it should be (an omission). On the Bible en-zh benchmark, this took strict F1
   from 0.984 to 0.989 and the share of injected omissions left as source-only links from
   about 0.62 to 0.93. With the dictionary, short pages get word evidence too: on FastAPI pages
   whose sentences were joined and split as free translations do, strict F1 went from 0.954
   to 0.961 (``benchmarks/prior_align.py``).

The same function aligns a translation to another translation; :func:`compose` instead derives
that alignment through the source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import numpy as np

from checker.align.dp import Band, Path, best_path
from checker.align.features import LengthModel, LinkScorer, Runs, centred, pair_cosines, pooled
from checker.align.lexicon import Coverage, LexicalVotes, Lexicon, tokens
from checker.align.prior import Prior
from checker.embedding.base import Encoder
from checker.model import Link

__all__ = ["VERSION", "AlignParams", "AlignStats", "align", "align_texts", "compose"]

VERSION = "5"
"""Changes whenever the same input may align differently (part of the report signature)."""

SEARCH_MOVES = ((1, 1), (1, 2), (2, 1), (1, 0))


@dataclass(frozen=True)
class AlignParams:
    """The knobs of the aligner (the defaults were tuned on the Bible en-zh benchmark)."""

    moves: tuple[tuple[int, int], ...] = (
        (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (1, 4), (4, 1), (1, 0),
    )
    """Link types that take at least one source segment; ``0-1`` is always allowed."""
    skip: float = -0.2
    """Vote of a source segment left unaligned (a ``1-0`` link: a random pair votes about 0, a
    translation about 1)."""
    skip_target: float = -0.3
    """Vote of a target segment left unaligned (a ``0-1`` link). Dearer than a source skip: a
    translation often splits a sentence in two, and a fragment should join its link."""
    merge_penalty: float = 0.15
    """Price of each segment a link holds beyond one on each side."""
    length_weight: float = 0.03
    """Weight of the Gale-Church length penalty (squared standardised deviation)."""
    length_cap: float = 25.0
    """The length penalty stops growing beyond this squared deviation."""
    pad: int = 8
    """Half-width of the band searched around the coarser path, at every level."""
    full_cells: int = 250_000
    """A lattice at most this large is searched in full (the coarsest level)."""
    centre_min: int = 16
    """Sides of at least this many segments (both) are centred before scoring (see
    :func:`centred`); shorter ones are scored on the raw vectors."""
    lexical_weight: float = 0.25
    """Weight of the lexical votes (see :mod:`checker.align.lexicon`) when texts are given."""
    lexical_skip: float = 0.15
    """With lexical votes, a source segment left unaligned costs up to this much less: the full
    amount when the target sentences around the gap do not cover its words. The words tell a
    sentence absorbed into its neighbour's link (its translation dropped) from a genuine merge,
    which the embeddings alone cannot, so the aligner can afford to leave it out; a sentence
    whose words the neighbours do render is part of a merge, and one without words the lexicon
    knows (``Recap``, ``It will:``) has nothing to tell (see :meth:`LexicalVotes.unrendered`)."""

    def signature(self) -> str:
        moves = ",".join(f"{a}-{b}" for a, b in self.moves)
        return (
            f"moves:{moves}|skip:{self.skip}/{self.skip_target}|merge:{self.merge_penalty}"
            f"|len:{self.length_weight}|pad:{self.pad}|centre:{self.centre_min}|lex:{self.lexical_weight}/{self.lexical_skip}"
        )


@dataclass(frozen=True)
class AlignStats:
    """What an alignment cost: lattice cells evaluated, per stage."""

    search_cells: int
    align_cells: int

    @property
    def cells(self) -> int:
        return self.search_cells + self.align_cells


def align(
    src: np.ndarray,
    tgt: np.ndarray,
    src_len: Sequence[int],
    tgt_len: Sequence[int],
    *,
    texts: tuple[Sequence[str], Sequence[str]] | None = None,
    prior: Prior | None = None,
    params: AlignParams | None = None,
    stats: list[AlignStats] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Link]:
    """Align ``src`` rows to ``tgt`` rows (unit vectors, one per segment, in document order).

    ``src_len`` and ``tgt_len`` are the segments' lengths in characters; ``texts``, the segments'
    texts (source, target), adds lexical votes where the document is long enough to learn from,
    or, given a ``prior`` dictionary for the language pair (:mod:`checker.align.prior`), on any
    document of a few sentences or more. Returns links covering
    every segment of both sides exactly once, in order; each link's ``similarity`` is the cosine
    of its two merged vectors (``None`` for ``0-1`` and ``1-0`` links). When ``stats`` is a list,
    an :class:`AlignStats` is appended to it. ``progress(done, total)``, when given, is called as
    the work goes on (lattice rows of every dynamic programme, and rows of the lexical tables),
    ending with ``done == total``.
    """
    with _one_blas_thread():
        return _align(src, tgt, src_len, tgt_len, texts, prior, params or AlignParams(), stats, progress)


def _one_blas_thread() -> AbstractContextManager[object]:
    """BLAS on one thread: the aligner's many small matrix products only lose by threading
    (about 15 times the CPU time with two OpenBLAS threads on a busy 2-core machine)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn
        return nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _align(
    src: np.ndarray,
    tgt: np.ndarray,
    src_len: Sequence[int],
    tgt_len: Sequence[int],
    texts: tuple[Sequence[str], Sequence[str]] | None,
    prior: Prior | None,
    params: AlignParams,
    stats: list[AlignStats] | None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Link]:
    src = np.ascontiguousarray(src, dtype=np.float32)
    tgt = np.ascontiguousarray(tgt, dtype=np.float32)
    slen = np.asarray(src_len, dtype=np.int64)
    tlen = np.asarray(tgt_len, dtype=np.int64)
    n, m = len(src), len(tgt)
    if len(slen) != n or len(tlen) != m:
        raise ValueError("one length per segment is needed on each side")
    if n == 0 or m == 0:
        if stats is not None:
            stats.append(AlignStats(0, 0))
        return [Link((i,), ()) for i in range(n)] + [Link((), (j,)) for j in range(m)]
    if src.shape[1] != tgt.shape[1]:
        raise ValueError("both sides must be embedded by the same model")
    raw = src, tgt
    if min(n, m) >= params.centre_min:
        src, tgt = centred(src), centred(tgt)

    ticks = _Ticks(progress, _search_rows(n, m, params) + 2 * (n + 1))
    moves = tuple(mv for mv in params.moves if mv[0] <= n and mv[1] <= m)
    scorer = LinkScorer(src, tgt, slen, tlen, moves + SEARCH_MOVES)
    search, search_cells = _search(src, tgt, slen, tlen, params, scorer, ticks)
    trusted = [(i0, j0) for i0, i1, j0, j1 in search.steps if i1 - i0 == 1 and j1 - j0 == 1]
    lengths = LengthModel.estimate(slen, tlen, trusted)
    band = Band.around(_nodes(search), n, m, params.pad)
    tables = ticks.stage(n + 1)
    lexical = _lexical_votes(texts, prior, trusted, band, moves, tables) if texts and params.lexical_weight else None

    def score(a: int, b: int, i0: np.ndarray, j0: np.ndarray) -> np.ndarray:
        if b == 0:
            if lexical is None:
                return np.full(len(i0), params.skip * a)
            return np.sum([params.skip + params.lexical_skip * lexical.unrendered(i0 + p, j0) for p in range(a)],
                          axis=0)
        ls, lt = scorer.lengths(a, b, i0, j0)
        penalty = np.minimum(lengths.z2(ls, lt), params.length_cap) * params.length_weight
        votes = scorer.votes(a, b, i0, j0)
        if lexical is not None:
            votes = votes + params.lexical_weight * lexical.votes(a, b, i0, j0)
        return votes - penalty - params.merge_penalty * (a + b - 2)

    path = best_path(band, m, moves, score, np.full(m, params.skip_target), ticks.stage(n + 1))
    if stats is not None:
        stats.append(AlignStats(search_cells, path.cells))
    ticks.finish()
    return _links(path, *raw)


class _Ticks:
    """Progress over the stages of one alignment, each a number of rows of the ``total``."""

    def __init__(self, report: Callable[[int, int], None] | None, total: int) -> None:
        self.report, self.total, self.done = report, total, 0

    def stage(self, rows: int) -> Callable[[int], None] | None:
        """A callback for a stage of ``rows`` rows (called with the rows it has done); a stage
        that never calls it is counted done when the next one starts."""
        if self.report is None:
            return None
        start = self.done = min(self.done, self.total)
        self.done = start + rows
        report, total = self.report, self.total

        def tick(done: int) -> None:
            report(min(start + done, total), total)

        return tick

    def finish(self) -> None:
        if self.report is not None:
            self.report(self.total, self.total)


def _lexical_votes(
    texts: tuple[Sequence[str], Sequence[str]],
    prior: Prior | None,
    trusted: Sequence[tuple[int, int]],
    band: Band,
    moves: Sequence[tuple[int, int]],
    progress: Callable[[int], None] | None = None,
) -> LexicalVotes | None:
    """Votes from a lexicon learned on the ``trusted`` pairs and known from the ``prior``;
    ``None`` when it teaches nothing."""
    lexicon = Lexicon.learn(map(tokens, texts[0]), map(tokens, texts[1]), trusted, prior)
    if lexicon is None:
        return None
    coverage = Coverage(lexicon, band.lo, band.hi, max(max(a, b) for a, b in moves), progress)
    return LexicalVotes.calibrate(coverage, trusted)


def _search(
    src: np.ndarray,
    tgt: np.ndarray,
    slen: np.ndarray,
    tlen: np.ndarray,
    params: AlignParams,
    scorer: LinkScorer | None = None,
    ticks: _Ticks | None = None,
) -> tuple[Path, int]:
    """A rough path (``1-1``, ``1-2``, ``2-1`` and skips only) found coarse to fine (``ticks``:
    one stage per level, coarsest first, as counted by :func:`_search_rows`)."""
    n, m = len(src), len(tgt)
    cells = 0
    if (n + 1) * (m + 1) <= params.full_cells or min(n, m) < 4:
        band = Band.full(n, m)
    else:
        (ps, pl), (pt, tl) = pooled(src, slen), pooled(tgt, tlen)
        coarse, cells = _search(ps, pt, pl, tl, params, None, ticks)
        del ps, pt
        nodes = [(min(2 * i, n), min(2 * j, m)) for i, j in _nodes(coarse)]
        band = Band.around(nodes, n, m, params.pad)
    moves = tuple(mv for mv in SEARCH_MOVES if mv[0] <= n and mv[1] <= m)
    scorer = scorer or LinkScorer(src, tgt, slen, tlen, moves)

    def score(a: int, b: int, i0: np.ndarray, j0: np.ndarray) -> np.ndarray:
        if b == 0:
            return np.full(len(i0), params.skip * a)
        return scorer.votes(a, b, i0, j0) - params.merge_penalty * (a + b - 2)

    path = best_path(band, m, moves, score, np.full(m, params.skip_target), ticks and ticks.stage(n + 1))
    return path, cells + path.cells


def _search_rows(n: int, m: int, params: AlignParams) -> int:
    """Lattice rows of all the levels of :func:`_search` for sides of ``n`` and ``m`` segments."""
    rows = n + 1
    while (n + 1) * (m + 1) > params.full_cells and min(n, m) >= 4:
        n, m = (n + 1) // 2, (m + 1) // 2
        rows += n + 1
    return rows


def _nodes(path: Path) -> list[tuple[int, int]]:
    """The lattice nodes a path visits, from ``(0, 0)`` to its end."""
    return [(0, 0)] + [(i1, j1) for _, i1, _, j1 in path.steps]


def _links(path: Path, src: np.ndarray, tgt: np.ndarray) -> list[Link]:
    """Links of a path, each with the cosine of its merged (raw, uncentred) vectors."""
    steps = np.asarray(path.steps, dtype=np.int64).reshape(-1, 4)
    sims = np.full(len(steps), np.nan)
    sizes = np.stack([steps[:, 1] - steps[:, 0], steps[:, 3] - steps[:, 2]], axis=1)
    for a, b in {(int(a), int(b)) for a, b in sizes if a and b}:
        rows = np.flatnonzero((sizes[:, 0] == a) & (sizes[:, 1] == b))
        sims[rows] = pair_cosines(Runs(src, a), Runs(tgt, b), steps[rows, 0], steps[rows, 2])
    return [
        Link(
            tuple(range(i0, i1)),
            tuple(range(j0, j1)),
            None if np.isnan(sim) else round(float(sim), 6),
        )
        for (i0, i1, j0, j1), sim in zip(steps.tolist(), sims)
    ]


def align_texts(
    src_texts: Sequence[str],
    tgt_texts: Sequence[str],
    encoder: Encoder,
    params: AlignParams | None = None,
    prior: Prior | None = None,
) -> list[Link]:
    """Embed both sides with ``encoder`` and align them (a convenience around :func:`align`)."""
    src = encoder.encode(list(src_texts)) if src_texts else np.zeros((0, 1), np.float32)
    tgt = encoder.encode(list(tgt_texts)) if tgt_texts else np.zeros((0, 1), np.float32)
    return align(
        src, tgt, [len(t) for t in src_texts], [len(t) for t in tgt_texts],
        texts=(src_texts, tgt_texts), prior=prior, params=params,
    )


def compose(src_to_a: Sequence[Link], src_to_b: Sequence[Link]) -> list[Link]:
    """The alignment of translation A to translation B, through their common source.

    Source segments are grouped so that no link of either alignment is split; each group
    becomes one A-B link. A segment of A (or B) that renders no source segment becomes a
    ``1-0`` (``0-1``) link in its place. Similarities are left ``None`` for the caller to fill.
    """
    group_of_a = _link_index(src_to_a)
    group_of_b = _link_index(src_to_b)
    if set(group_of_a) != set(group_of_b):
        raise ValueError("both alignments must cover the same source segments")
    groups: list[tuple[set[int], set[int]]] = []
    prev: tuple[int, int] | None = None
    for s in sorted(group_of_a):
        la, lb = group_of_a[s], group_of_b[s]
        if prev is None or (la != prev[0] and lb != prev[1]):
            groups.append((set(), set()))
        groups[-1][0].update(src_to_a[la].target)
        groups[-1][1].update(src_to_b[lb].target)
        prev = (la, lb)

    count_a = sum(len(link.target) for link in src_to_a)
    count_b = sum(len(link.target) for link in src_to_b)
    links: list[Link] = []
    next_a = next_b = 0
    for a_set, b_set in groups:
        if not a_set and not b_set:
            continue
        # A segment added inside a group (between two of its links) belongs to the group.
        a_span = range(min(a_set), max(a_set) + 1) if a_set else range(0)
        b_span = range(min(b_set), max(b_set) + 1) if b_set else range(0)
        if a_set:
            links.extend(Link((a,), ()) for a in range(next_a, a_span.start))
            next_a = a_span.stop
        if b_set:
            links.extend(Link((), (b,)) for b in range(next_b, b_span.start))
            next_b = b_span.stop
        links.append(Link(tuple(a_span), tuple(b_span)))
    links.extend(Link((a,), ()) for a in range(next_a, count_a))
    links.extend(Link((), (b,)) for b in range(next_b, count_b))
    return links


def _link_index(links: Sequence[Link]) -> dict[int, int]:
    """The index of the link holding each source segment."""
    return {s: k for k, link in enumerate(links) for s in link.source}
