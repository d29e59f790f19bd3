"""Dynamic programming over a band of the alignment lattice (pure numpy, no model).

The lattice has a node ``(i, j)`` for every pair of boundaries: ``i`` source segments and ``j``
target segments consumed so far (``0 <= i <= n``, ``0 <= j <= m``). A link of type ``a-b`` is a
step from ``(i - a, j - b)`` to ``(i, j)``. Only the nodes of a *band* are evaluated: row ``i``
holds the columns ``lo[i] <= j < hi[i]``. The band is stored row after row in flat arrays, so a
narrow band costs memory and time in proportion to its number of cells, whatever its shape.

Each row is computed with a handful of vectorised operations: one per link type that consumes a
source segment, and a running maximum (``np.maximum.accumulate``) for the ``0-1`` steps that stay
in the row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

NEG = -1e30
"""A score low enough to stand for an impossible step, yet finite (no ``inf - inf``)."""

CHUNK_CELLS = 1 << 18
"""Cells of the band scored at a time (their step scores take 8 bytes per move and cell)."""


@dataclass(frozen=True)
class Band:
    """The nodes evaluated: row ``i`` holds columns ``lo[i] .. hi[i] - 1``."""

    lo: np.ndarray
    hi: np.ndarray

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @property
    def offsets(self) -> np.ndarray:
        """Where each row starts in the flat arrays (one more entry than rows)."""
        return np.concatenate(([0], np.cumsum(self.hi - self.lo)))

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo).sum())

    def cell_coords(self, first: int = 0, last: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The row and the column of every flat cell of rows ``first .. last - 1`` (all rows by default)."""
        last = len(self.lo) if last is None else last
        widths = self.hi[first:last] - self.lo[first:last]
        starts = np.cumsum(widths) - widths
        rows = np.repeat(np.arange(first, last), widths)
        cols = np.arange(widths.sum()) - np.repeat(starts, widths) + self.lo[rows]
        return rows, cols

    @staticmethod
    def full(n: int, m: int) -> Band:
        return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64))

    @staticmethod
    def around(path: Sequence[tuple[int, int]], n: int, m: int, pad: int) -> Band:
        """The band of half-width ``pad`` around a monotone path of lattice nodes.

        Between two consecutive nodes the path is taken as the straight segment joining them, so
        a coarse path with long steps still gives every row the columns it passes through.
        """
        lo = np.full(n + 1, m + 1, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        nodes = np.asarray(path, dtype=np.int64)
        i0, j0 = nodes[:-1, 0], nodes[:-1, 1]
        di, dj = np.diff(nodes[:, 0]), np.diff(nodes[:, 1])
        np.minimum.at(lo, nodes[:, 0], nodes[:, 1])
        np.maximum.at(hi, nodes[:, 0], nodes[:, 1] + 1)
        for d in range(1, int(di.max(initial=0))):
            # Rows strictly inside a step of d or more rows: the columns of the straight line.
            inside = di > d
            rows = i0[inside] + d
            col = j0[inside] + d / di[inside] * dj[inside]
            np.minimum.at(lo, rows, np.floor(col).astype(np.int64))
            np.maximum.at(hi, rows, np.ceil(col).astype(np.int64) + 1)
        lo = np.clip(lo - pad, 0, m)
        hi = np.clip(hi + pad, 1, m + 1)
        # Widen to a connected, monotone band that starts at (0, 0) and ends at (n, m).
        lo = np.minimum.accumulate(lo[::-1])[::-1]
        hi = np.maximum.accumulate(hi)
        lo[0], hi[n] = 0, m + 1
        return Band(lo, hi)


@dataclass(frozen=True)
class Path:
    """The best path through the band: its steps as ``(i0, i1, j0, j1)`` and its total score."""

    steps: list[tuple[int, int, int, int]]
    score: float
    cells: int


ScoreFn = Callable[[int, int, np.ndarray, np.ndarray], np.ndarray]
"""``score(a, b, i0, j0)``: the score of each ``a-b`` link made of source segments
``i0 .. i0 + a - 1`` and target segments ``j0 .. j0 + b - 1``, for arrays ``i0`` and ``j0``
(``i0`` non-decreasing). Only links that start and end inside the band are asked for.
"""


def best_path(
    band: Band,
    m: int,
    moves: Sequence[tuple[int, int]],
    score: ScoreFn,
    skip_target: np.ndarray,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """The highest-scoring monotone path from ``(0, 0)`` to ``(n, m)`` through ``band``.

    ``moves`` are the link types that consume at least one source segment (``1-0`` included);
    ``skip_target[j]`` is the score of leaving target segment ``j`` unaligned (a ``0-1`` link).
    The rows are scored by chunks of about ``CHUNK_CELLS`` cells, so the step scores of a long
    band are never all held at once; ``progress(rows)`` is called after each chunk with the
    number of rows done (of ``n + 1``).
    """
    n = band.n
    lo, hi, off = band.lo, band.hi, band.offsets
    total = int(off[-1])
    cum_skip = np.concatenate(([0.0], np.cumsum(skip_target)))
    value = np.full(total + 1, NEG)
    came = np.full(total, -1, dtype=np.int8)
    skip_code = len(moves)
    first = 0
    while first <= n:
        last = max(int(np.searchsorted(off, off[first] + CHUNK_CELLS, side="right")) - 1, first + 1)
        last = min(last, n + 1)
        came_from, step_score = _steps(band, first, last, moves, score)
        for i in range(first, last):
            start, stop = off[i] - off[first], off[i + 1] - off[first]
            cand = value[came_from[:, start:stop]] + step_score[:, start:stop]
            arg = cand.argmax(axis=0)
            best = np.take_along_axis(cand, arg[None], axis=0)[0]
            arg = np.where(best > NEG / 2, arg, -1).astype(np.int8)
            if i == 0:
                best[0], arg[0] = 0.0, -2
            # 0-1 steps inside the row: v[w] = max(best[w], v[w-1] + skip[j-1]).
            c = cum_skip[lo[i] : hi[i]]
            row = c + np.maximum.accumulate(best - c)
            arg[row > best + 1e-9] = skip_code
            value[off[i] : off[i + 1]] = np.maximum(row, NEG)
            came[off[i] : off[i + 1]] = arg
        first = last
        if progress is not None:
            progress(last)

    steps: list[tuple[int, int, int, int]] = []
    i, j = n, m
    if not lo[n] <= m < hi[n]:
        raise ValueError("the band does not reach the end of the lattice")
    final = float(value[off[n] + m - lo[n]])
    while i > 0 or j > 0:
        k = int(came[off[i] + j - lo[i]])
        if k < 0:
            raise ValueError("no path through the band")
        a, b = (0, 1) if k == skip_code else moves[k]
        steps.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    steps.reverse()
    return Path(steps, final, total)


def _steps(
    band: Band, first: int, last: int, moves: Sequence[tuple[int, int]], score: ScoreFn
) -> tuple[np.ndarray, np.ndarray]:
    """For every move and every cell of rows ``first .. last - 1``: the flat index of the cell the
    move comes from (the sentinel ``band.cells``, which stays at NEG, where the move would leave
    the band) and the move's score."""
    lo, hi, off = band.lo, band.hi, band.offsets
    rows, cols = band.cell_coords(first, last)
    total = int(off[-1])
    came_from = np.full((len(moves), len(rows)), total, dtype=np.int32 if total < 2**31 - 1 else np.int64)
    step_score = np.full((len(moves), len(rows)), NEG)
    for k, (a, b) in enumerate(moves):
        prev = np.maximum(rows - a, 0)
        ok = (rows >= a) & (cols - b >= lo[prev]) & (cols - b < hi[prev])
        came_from[k, ok] = off[prev[ok]] + cols[ok] - b - lo[prev[ok]]
        if ok.any():
            step_score[k, ok] = score(a, b, rows[ok] - a, cols[ok] - b)
    return came_from, step_score
