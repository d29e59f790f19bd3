"""How good a candidate link is: its sentences' similarity margins and its length ratio.

Sentence embeddings of a small multilingual model are compressed (unrelated pairs still score
about 0.75-0.8), so a raw cosine is never compared with a fixed threshold. Instead every
sentence's cosine with the other side of its link is compared with what that sentence scores
against random merges of the same size (after Vecalign's normalisation), and the Gale-Church
length model, estimated from the document itself, says whether the two sides are of plausible
lengths for each other.

Merged segments are not embedded again: their vector is the normalised sum of their segments'
vectors, which keeps the cost of a link type to a few matrix products over the band. They are
computed for the rows each block of the band asks for (:class:`Runs`), never kept whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


def merged(vectors: np.ndarray, size: int) -> np.ndarray:
    """Unit vectors of every run of ``size`` consecutive rows: row ``s`` stands for ``s .. s+size-1``."""
    runs = Runs(vectors, size)
    return runs[0 : len(runs)]


class Runs:
    """The rows of :func:`merged`, computed when asked for: ``runs[s]`` stands for rows
    ``s .. s+size-1`` of ``vectors``.

    Indexed by a slice or an array of rows, it returns a fresh matrix (``size`` 1: a view).
    A link scorer needs merges of up to four rows on each side; kept whole, each size would be
    another copy of the document's vectors (150 MB per side at 100,000 sentences), while a
    block of the band asks for a few dozen rows at a time.
    """

    def __init__(self, vectors: np.ndarray, size: int) -> None:
        self.vectors = vectors
        self.size = size

    def __len__(self) -> int:
        return max(len(self.vectors) - self.size + 1, 0)

    def __getitem__(self, rows: slice | np.ndarray) -> np.ndarray:
        if isinstance(rows, slice):
            start, stop, _ = rows.indices(len(self))
            stop = max(start, stop)
            if self.size == 1:
                return self.vectors[start:stop]
            total = self.vectors[start:stop].copy()
            for k in range(1, self.size):
                total += self.vectors[start + k : stop + k]
        else:
            rows = np.asarray(rows, dtype=np.int64)
            total = self.vectors[rows]
            if self.size == 1:
                return total
            for k in range(1, self.size):
                total += self.vectors[rows + k]
        return _normalised(total)


def pooled(vectors: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Halve a side for the coarse search: rows ``2k`` and ``2k+1`` become one unit row."""
    count = (len(vectors) + 1) // 2
    total = vectors[0::2][:count].copy()
    total[: len(vectors) // 2] += vectors[1::2]
    lens = lengths[0::2][:count].copy()
    lens[: len(lengths) // 2] += lengths[1::2]
    return _normalised(total), lens


def centred(vectors: np.ndarray, components: int = 1, block: int = 1024) -> np.ndarray:
    """Unit rows of ``vectors`` less their mean and their top principal ``components``.

    The embeddings share a large common direction (two unrelated sentences score 0.75-0.8, and
    a merge of two sentences leans further towards it, so it scores *higher* with almost any
    sentence than either part). Removing the mean and the dominant direction of the side
    ("all-but-the-top") leaves what tells its sentences apart: a sentence whose translation was
    dropped stops looking like its neighbours' translations, and merges gain only what they add.

    The work is done in float64 by blocks of ``block`` rows: whole float64 copies of a long
    side would take twice the memory of its vectors, each.
    """
    mean = vectors.mean(axis=0)
    top = None
    if components > 0 and len(vectors) > components:
        gram = np.zeros((vectors.shape[1], vectors.shape[1]))
        for start in range(0, len(vectors), block):
            rows = vectors[start : start + block].astype(np.float64) - mean
            gram += rows.T @ rows
        _, axes = np.linalg.eigh(gram)  # eigenvalues in ascending order
        top = axes[:, -components:]
    out = np.empty(vectors.shape, dtype=np.float32)
    for start in range(0, len(vectors), block):
        rows = vectors[start : start + block].astype(np.float64) - mean
        if top is not None:
            rows -= (rows @ top) @ top.T
        out[start : start + block] = _normalised(rows)
    return out


def _normalised(rows: np.ndarray) -> np.ndarray:
    """``rows`` scaled in place to unit length."""
    norms = np.sqrt(np.einsum("ij,ij->i", rows, rows))
    rows /= np.maximum(norms, 1e-12)[:, None]
    return rows


def pair_cosines(left: np.ndarray | Runs, right: np.ndarray | Runs, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """``left[i[k]] . right[j[k]]`` for every ``k``, by blocks of rows (``i`` non-decreasing)."""
    out = np.empty(len(i), dtype=np.float64)
    if len(i) == 0:
        return out
    block = 64
    edges = np.searchsorted(i, np.arange(i[0], i[-1] + block + 1, block))
    for start, stop in zip(edges[:-1], edges[1:]):
        if start == stop:
            continue
        ii, jj = i[start:stop], j[start:stop]
        r0, c0, c1 = ii[0], jj.min(), jj.max() + 1
        dots = left[r0 : ii[-1] + 1] @ right[c0:c1].T
        out[start:stop] = dots[ii - r0, jj - c0]
    return out


@dataclass(frozen=True)
class LengthModel:
    """Gale-Church: target length ~ Normal(ratio * source length, variance * source length).

    Both parameters come from the document being aligned: the ratio from the total lengths,
    the variance from the 1-1 links of the search path.
    """

    ratio: float
    variance: float

    @staticmethod
    def estimate(src_len: np.ndarray, tgt_len: np.ndarray, pairs: Sequence[tuple[int, int]]) -> LengthModel:
        """The ratio from the whole document, the variance from trusted 1-1 ``pairs``."""
        ratio = float(max(tgt_len.sum(), 1) / max(src_len.sum(), 1))
        if len(pairs) < 10:
            return LengthModel(ratio, 6.8 * ratio)
        idx = np.asarray(pairs)
        ls = src_len[idx[:, 0]].astype(np.float64)
        lt = tgt_len[idx[:, 1]].astype(np.float64)
        dev = (lt - ratio * ls) ** 2 / np.maximum(ls * ratio, 1.0)
        # The median of a chi-square with one degree of freedom is 0.455; the median is robust
        # to the misaligned pairs among the trusted ones.
        return LengthModel(ratio, float(max(np.median(dev) / 0.455, 1e-3) * ratio))

    def z2(self, ls: np.ndarray, lt: np.ndarray) -> np.ndarray:
        """Squared standardised deviation of ``lt`` from what ``ls`` predicts."""
        mean = self.ratio * ls
        var = self.variance * np.maximum((ls + lt / self.ratio) / 2, 1.0)
        return (lt - mean) ** 2 / var


class LinkScorer:
    """Scores ``a-b`` links between two sides given as unit-row matrices and lengths.

    A link is judged by its sentences' *votes*: every sentence of either side votes with how
    well it matches the merged vector of the link's other side, as a margin over what it scores
    against random merges of that size. Every sentence votes exactly once whatever the
    segmentation, so the total favours neither merging nor splitting; a fragment attached to
    the wrong link votes low.
    """

    def __init__(
        self,
        src: np.ndarray,
        tgt: np.ndarray,
        src_len: np.ndarray,
        tgt_len: np.ndarray,
        sizes: Sequence[tuple[int, int]],
        *,
        samples: int = 64,
        seed: int = 0,
    ) -> None:
        self.src_len = np.concatenate(([0], np.cumsum(src_len, dtype=np.float64)))
        self.tgt_len = np.concatenate(([0], np.cumsum(tgt_len, dtype=np.float64)))
        max_a = max([a for a, _ in sizes] + [1])
        max_b = max([b for _, b in sizes] + [1])
        self.src = {a: Runs(src, a) for a in range(1, max_a + 1)}
        self.tgt = {b: Runs(tgt, b) for b in range(1, max_b + 1)}
        rng = np.random.default_rng(seed)
        # base_src[b][s]: mean cosine of source sentence s with random target merges of size b.
        self.base_src = {b: _baseline(src, self.tgt[b], rng, samples) for b in self.tgt}
        self.base_tgt = {a: _baseline(tgt, self.src[a], rng, samples) for a in self.src}

    def cosine(self, a: int, b: int, i0: np.ndarray, j0: np.ndarray) -> np.ndarray:
        """Cosine of the merged vectors of each link."""
        return pair_cosines(self.src[a], self.tgt[b], i0, j0)

    def votes(self, a: int, b: int, i0: np.ndarray, j0: np.ndarray) -> np.ndarray:
        """Sum over the link's ``a + b`` sentences of their normalised margins."""
        total = np.zeros(len(i0))
        for p in range(a):
            cos = pair_cosines(self.src[1], self.tgt[b], i0 + p, j0)
            base = self.base_src[b][i0 + p]
            total += (cos - base) / np.maximum(1 - base, 1e-3)
        order = np.argsort(j0, kind="stable")
        for q in range(b):
            cos = np.empty(len(j0))
            cos[order] = pair_cosines(self.tgt[1], self.src[a], j0[order] + q, i0[order])
            base = self.base_tgt[a][j0 + q]
            total += (cos - base) / np.maximum(1 - base, 1e-3)
        return total

    def lengths(self, a: int, b: int, i0: np.ndarray, j0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Total characters on each side of each link."""
        ls = self.src_len[i0 + a] - self.src_len[i0]
        lt = self.tgt_len[j0 + b] - self.tgt_len[j0]
        return ls, lt


def _baseline(vectors: np.ndarray, others: Runs, rng: np.random.Generator, samples: int) -> np.ndarray:
    """Median cosine of each row of ``vectors`` with (a random sample of) ``others``.

    The median, not the mean: in a short document the sample holds the row's own translation.
    """
    if len(others) == 0:
        return np.zeros(len(vectors))
    rows = np.arange(len(others)) if len(others) <= samples else rng.choice(len(others), samples, replace=False)
    return np.median(vectors @ others[rows].T, axis=1).astype(np.float64)
