"""Lexical evidence for the aligner: a translation lexicon learned from the document pair itself.

A small multilingual model places a sentence close to its neighbours' translations (same names,
same topic), so embeddings alone let a sentence whose translation was dropped be absorbed into a
neighbour's link. Words give independent evidence. As in hunalign, the aligner first aligns by
embeddings, then learns which source words go with which target words from the links it trusts
(Dice coefficient of co-occurrence in 1-1 links: ``Moses`` <-> ``摩西``, ``seven`` <-> ``七``,
identical tokens such as numbers and Latin names count too), and finally scores every candidate
link by how much of each sentence the other side *covers*: the share (weighted by rarity) of a
sentence's words that have a learned translation on the other side of the link.

Tokens are words (case-folded, cut to a short prefix, a crude stemmer that works for most
space-separated languages) and, for scripts written without spaces (Chinese, Japanese, Thai),
characters and character bigrams. Nothing here knows about a particular language pair.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from checker.align.prior import Prior, prior_links

__all__ = ["Coverage", "LexicalVotes", "Lexicon", "tokens"]

_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f"
UNSPACED_RUN = re.compile(f"[{_UNSPACED}]+")
WORD = re.compile(f"(?:(?![{_UNSPACED}])[^\\W\\d_])+|\\d+")
STEM = 6
"""Words are cut to this many characters (``sacrifices`` and ``sacrifice`` -> ``sacrif``)."""

MIN_PAIRS = 50
"""Fewer trusted pairs than this teach nothing reliable: no lexicon is learned."""

MIN_PRIOR_PAIRS = 3
"""With a prior dictionary, this many trusted pairs suffice (to place the votes on the document's
scale, :meth:`LexicalVotes.calibrate`): the dictionary, not the pairs, says what translates what."""

PRIOR_TRUST = 0.75
"""Weight of a token only the prior dictionary translates, relative to one the document's own
links (or an identical spelling) translate: the dictionary knows senses, not this translator's
choices, so where both speak of a document the document counts more."""

MIN_COUNT = 2
"""A word pair must co-occur in at least this many trusted pairs."""

MIN_DICE = 0.3
"""Dice coefficient ``2 c(s, t) / (c(s) + c(t))`` from which two tokens are translations."""

MIN_CONTRAST = 0.1
"""A lexicon under which a trusted pair's partner covers less than this much more of a sentence
than the partner's neighbour does is no evidence (too little text, or unrelated texts)."""

FLOOR = (-1.0, -0.25)
"""The lowest vote of a source and of a target sentence. A target sentence votes against a link
by at most a quarter: translations split sentences, and a fragment's few words say little
(with a full vote, genuine fragments were left out as additions)."""

BLOCK = 64
"""Rows of the coverage tables computed per sparse product (fewer: more calls; more: more of
each product falls outside the band)."""


def tokens(text: str) -> set[str]:
    """The tokens of ``text``: word prefixes, digit runs, and unspaced characters and bigrams."""
    text = text.casefold()
    out = {word[:STEM] for word in WORD.findall(text)}
    for run in UNSPACED_RUN.findall(text):
        out.update(run)
        out.update(map(str.__add__, run, run[1:]))
    return out


def _matrix(token_sets: Iterable[set[str]]) -> tuple[sparse.csr_matrix, dict[str, int]]:
    """A binary segments x vocabulary matrix, and the vocabulary (token -> column, in order of
    first use). The sets are read one at a time: all the sets of a long document held at once
    take far more memory than the matrix (a set of 30 short strings is about 4 kB)."""
    vocab: dict[str, int] = {}
    indices = array("i")
    indptr = array("q", [0])
    for toks in token_sets:
        for token in toks:
            indices.append(vocab.setdefault(token, len(vocab)))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = sparse.csr_matrix(
        (data, np.frombuffer(indices, dtype=np.int32).copy(), np.frombuffer(indptr, dtype=np.int64).copy()),
        shape=(len(indptr) - 1, len(vocab)),
    )
    matrix.sort_indices()
    return matrix, vocab


@dataclass(frozen=True)
class Lexicon:
    """Which source tokens translate which target tokens, and how telling each token is.

    ``source`` and ``target``: segments x vocabulary matrices whose entries are the tokens'
    weights (inverse document frequency), restricted to tokens that have a translation;
    ``links``: the source-vocabulary x target-vocabulary translation relation (binary), whose
    rows and columns ``source_vocab`` and ``target_vocab`` number.
    """

    source: sparse.csr_matrix
    target: sparse.csr_matrix
    links: sparse.csr_matrix
    source_vocab: dict[str, int]
    target_vocab: dict[str, int]

    def translations(self, token: str) -> set[str]:
        """The target tokens learned as translations of a source token (for inspection)."""
        row = self.source_vocab.get(token)
        if row is None:
            return set()
        names = list(self.target_vocab)
        return {names[c] for c in self.links[row].indices}

    @classmethod
    def learn(
        cls,
        src_tokens: Iterable[set[str]],
        tgt_tokens: Iterable[set[str]],
        trusted: Sequence[tuple[int, int]],
        prior: Prior | None = None,
    ) -> Lexicon | None:
        """Learn from the ``trusted`` (source, target) 1-1 pairs, joined by the pairs a ``prior``
        dictionary knows (:mod:`checker.align.prior`); ``None`` when there is nothing to learn
        from (too few pairs and no prior). The token sets of each side (one per segment) may come
        from a generator, read once."""
        if len(trusted) < (MIN_PAIRS if prior is None else MIN_PRIOR_PAIRS):
            return None
        (x_all, src_vocab), (y_all, tgt_vocab) = _matrix(src_tokens), _matrix(tgt_tokens)
        rows = cols = np.zeros(0, dtype=np.int64)
        count_s, count_t = np.zeros(len(src_vocab)), np.zeros(len(tgt_vocab))
        if len(trusted) >= MIN_PAIRS:
            idx = np.asarray(trusted, dtype=np.int64)
            x, y = x_all[idx[:, 0]], y_all[idx[:, 1]]
            together = (x.T @ y).tocoo()
            count_s = np.asarray(x.sum(axis=0)).ravel()
            count_t = np.asarray(y.sum(axis=0)).ravel()
            dice = 2 * together.data / (count_s[together.row] + count_t[together.col])
            keep = (together.data >= MIN_COUNT) & (dice >= MIN_DICE)
            rows, cols = together.row[keep], together.col[keep]
        # A token written the same on both sides (a number, a Latin name) is its own translation.
        same = [(i, tgt_vocab[t]) for t, i in src_vocab.items() if t in tgt_vocab and (len(t) > 1 or t.isdigit())]
        if same:
            rows = np.concatenate([rows, [i for i, _ in same]]).astype(np.int64)
            cols = np.concatenate([cols, [j for _, j in same]]).astype(np.int64)
        trust_s, trust_t = np.zeros(len(src_vocab)), np.zeros(len(tgt_vocab))
        if prior is not None:
            known_s, known_t = _known(prior, (x_all, y_all), (src_vocab, tgt_vocab), (count_s, count_t))
            trust_s[known_s], trust_t[known_t] = PRIOR_TRUST, PRIOR_TRUST
        trust_s[rows], trust_t[cols] = 1.0, 1.0
        if prior is not None:
            rows, cols = np.concatenate([rows, known_s]), np.concatenate([cols, known_t])
        links = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(src_vocab), len(tgt_vocab))
        )
        links.data[:] = 1.0
        if not links.nnz:
            return None
        return cls(
            _weighted(x_all, trust_s),
            _weighted(y_all, trust_t),
            links,
            src_vocab,
            tgt_vocab,
        )


def _known(
    prior: Prior,
    matrices: tuple[sparse.csr_matrix, sparse.csr_matrix],
    vocabs: tuple[dict[str, int], dict[str, int]],
    counts: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """(source, target) token pairs the ``prior`` knows, of tokens seen in fewer than
    ``MIN_COUNT`` trusted pairs (``counts``): what the document's own links teach wins, and the
    dictionary speaks only of tokens too rare in them to learn from (rare words, or all of them
    in a short document)."""
    x, y = matrices
    df = (np.bincount(x.indices, minlength=x.shape[1]), np.bincount(y.indices, minlength=y.shape[1]))
    known_s, known_t = prior_links(prior, vocabs, df, (x.shape[0], y.shape[0]), STEM)
    fill = (counts[0][known_s] < MIN_COUNT) & (counts[1][known_t] < MIN_COUNT)
    return known_s[fill], known_t[fill]


def _weighted(matrix: sparse.csr_matrix, trust: np.ndarray) -> sparse.csr_matrix:
    """``matrix`` restricted to translatable tokens, each weighted by its inverse document
    frequency times its ``trust`` (0 for a token with no translation)."""
    df = np.asarray(matrix.sum(axis=0)).ravel()
    idf = (trust * np.log((matrix.shape[0] + 1) / (df + 1))).astype(np.float32)
    out = (matrix @ sparse.diags(idf)).tocsr()
    out.eliminate_zeros()
    return out


class Coverage:
    """How much of each sentence a candidate partner covers, for the links near a band.

    ``source(i, j, b)``: the weighted share of source sentence ``i``'s translatable tokens that
    have a translation somewhere in target sentences ``j .. j + b - 1``; ``target(i, a, j)``: the
    share of target sentence ``j``'s tokens with a translation in source sentences
    ``i .. i + a - 1``. Tables are computed once, blockwise, for every span size up to
    ``largest`` and for the columns ``lo[i - largest] - largest .. hi[i + 1] + largest`` of every
    row ``i`` (all that links starting in the band ``lo``/``hi`` can ask for); pairs outside that
    region, and sentences with no translatable token, read as ``nan`` (no evidence).
    ``progress(rows)``, when given, is told the source rows done now and then.
    """

    def __init__(
        self,
        lexicon: Lexicon,
        lo: np.ndarray,
        hi: np.ndarray,
        largest: int,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        n, m = lexicon.source.shape[0], lexicon.target.shape[0]
        links, links_t = lexicon.links, lexicon.links.T.tocsr()
        rows = np.arange(n)
        self._lo = np.clip(lo[np.maximum(rows - largest, 0)] - largest, 0, m)
        self._hi = np.clip(hi[np.minimum(rows + 1, len(hi) - 1)] + largest, self._lo, m)
        self._off = np.concatenate(([0], np.cumsum(self._hi - self._lo)))
        src_total = np.asarray(lexicon.source.sum(axis=1)).ravel()
        self.telling = (src_total > 0).astype(np.float64)
        """1.0 for each source sentence with a token the lexicon translates (it can be covered)."""
        tgt_total = np.asarray(lexicon.target.sum(axis=1)).ravel()
        sizes = range(1, largest + 1)
        self._src = {size: np.full(self._off[-1], np.nan, dtype=np.float32) for size in sizes}
        self._tgt = {size: np.full(self._off[-1], np.nan, dtype=np.float32) for size in sizes}
        with np.errstate(invalid="ignore", divide="ignore"):
            for r0 in range(0, n, BLOCK):
                r1 = min(r0 + BLOCK, n)
                c0, c1 = int(self._lo[r0:r1].min()), int(self._hi[r0:r1].max())
                if c1 <= c0:
                    continue
                rows, cols = self._cells(r0, r1, c0)
                width = c1 - c0
                # Which source tokens each run of target sentences covers, and which target tokens
                # each run of source sentences covers, for this block only (for a whole long
                # document, runs of every size take several times the memory of the texts).
                covered_src = _runs(_covering(lexicon.target[c0 : c1 + largest - 1], links_t), largest)
                covered_tgt = _runs(_covering(lexicon.source[r0 : r1 + largest - 1], links), largest)
                # One product per side for every span size: sizes stacked along the other axis.
                right = sparse.vstack([runs[:width] for runs in covered_src])
                block = (lexicon.source[r0:r1] @ right.T).toarray() / src_total[r0:r1, None]
                for k, size in enumerate(sizes):
                    self._src[size][self._off[r0] : self._off[r1]] = block[rows, cols + k * width]
                left = sparse.vstack([runs[: r1 - r0] for runs in covered_tgt])
                block = (left @ lexicon.target[c0:c1].T).toarray() / tgt_total[None, c0:c1]
                for k, size in enumerate(sizes):
                    self._tgt[size][self._off[r0] : self._off[r1]] = block[rows + k * (r1 - r0), cols]
                if progress is not None and (r1 == n or r1 % (64 * BLOCK) == 0):
                    progress(r1)

    def _cells(self, r0: int, r1: int, c0: int) -> tuple[np.ndarray, np.ndarray]:
        """Row and column, within a block starting at row ``r0`` and column ``c0``, of every cell
        of rows ``r0 .. r1 - 1`` of the region, in the flat tables' order."""
        lo, widths = self._lo[r0:r1], self._hi[r0:r1] - self._lo[r0:r1]
        rows = np.repeat(np.arange(r1 - r0), widths)
        within = np.arange(widths.sum()) - np.repeat(np.cumsum(widths) - widths, widths)
        return rows, lo[rows] + within - c0

    def source(self, i: np.ndarray, j: np.ndarray, b: int) -> np.ndarray:
        """Share of source sentence ``i[k]`` covered by target sentences ``j[k] .. j[k] + b - 1``."""
        return self._lookup(self._src[b], i, j)

    def target(self, i: np.ndarray, a: int, j: np.ndarray) -> np.ndarray:
        """Share of target sentence ``j[k]`` covered by source sentences ``i[k] .. i[k] + a - 1``."""
        return self._lookup(self._tgt[a], i, j)

    def _lookup(self, table: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        ok = (i >= 0) & (i < self._lo.size)
        row = np.where(ok, i, 0)
        ok &= (j >= self._lo[row]) & (j < self._hi[row])
        out = np.full(len(i), np.nan)
        out[ok] = table[self._off[row[ok]] + j[ok] - self._lo[row[ok]]]
        return out


def _covering(sentences: sparse.csr_matrix, links: sparse.csr_matrix) -> sparse.csr_matrix:
    """Which tokens of the other side each of ``sentences`` has a translation of (binary)."""
    return _binary((sentences > 0).astype(np.float32) @ links)


def _runs(covered: sparse.csr_matrix, largest: int) -> list[sparse.csr_matrix]:
    """For each size up to ``largest``: row ``r`` is the union of rows ``r .. r + size - 1``
    (near the end, of the rows there are)."""
    out = [covered]
    for k in range(1, largest):
        rest = covered[k:]
        padding = sparse.csr_matrix((covered.shape[0] - rest.shape[0], covered.shape[1]), dtype=covered.dtype)
        shifted = sparse.vstack([rest, padding])
        out.append(_binary(out[-1] + shifted))
    return out


def _binary(matrix: sparse.spmatrix) -> sparse.csr_matrix:
    out = sparse.csr_matrix(matrix)
    out.data[:] = 1.0
    return out


@dataclass(frozen=True)
class LexicalVotes:
    """Every sentence of a candidate link votes with how well the link's other side covers it.

    The vote is placed on the document's own scale: 0 halfway between what a trusted pair's
    partner covers (``typical``, a vote of +0.5) and what the partner's neighbour covers
    (``neighbour``, -0.5), so a sentence joined to a link that renders only its neighbour votes
    against the link, while a sentence with no translatable token abstains (0).
    """

    coverage: Coverage
    typical: tuple[float, float]
    neighbour: tuple[float, float]

    @classmethod
    def calibrate(cls, coverage: Coverage, trusted: Sequence[tuple[int, int]]) -> LexicalVotes | None:
        """Votes scaled on the ``trusted`` pairs; ``None`` when the lexicon does not tell a
        partner from its neighbours (by at least ``MIN_CONTRAST``)."""
        idx = np.asarray(trusted, dtype=np.int64).reshape(-1, 2)
        i, j = idx[:, 0], idx[:, 1]
        typical, neighbour = [], []
        sides = (lambda i, j: coverage.source(i, j, 1), lambda i, j: coverage.target(i, 1, j))
        for side in sides:
            own = side(i, j)
            near = np.concatenate([side(i, j - 1), side(i, j + 1), side(i - 1, j), side(i + 1, j)])
            own, near = own[~np.isnan(own)], near[~np.isnan(near)]
            if not (own.size and near.size):
                return None
            typical.append(float(np.median(own)))
            neighbour.append(float(np.median(near)))
        if min(t - n for t, n in zip(typical, neighbour)) < MIN_CONTRAST:
            return None
        return cls(coverage, (typical[0], typical[1]), (neighbour[0], neighbour[1]))

    def unrendered(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """How sure the words are that source sentence ``i[k]``, left out at target position
        ``j[k]``, has no rendering there, in [0, 1].

        1 while neither target sentence next to the gap (``j[k] - 1``, ``j[k]``) covers it more
        than three quarters of the way from what a neighbour's translation covers to what a
        partner covers; down to 0.5 when one covers it as a partner does (it is more likely
        part of a merge than an omission); 0 when it has no word the lexicon knows (nothing to
        tell). Two neighbours together are not asked: they cover a dropped sentence's common
        words by chance far more often than one does."""
        before, after = self.coverage.source(i, j - 1, 1), self.coverage.source(i, j, 1)
        vote = self._vote(np.fmax(before, after), 0)  # -1 .. 0.5; nan (no evidence) reads 0
        return np.clip(1.5 - 2.0 * vote, 0.0, 1.0) * self.coverage.telling[i]

    def votes(self, a: int, b: int, i0: np.ndarray, j0: np.ndarray) -> np.ndarray:
        """The summed votes of the ``a + b`` sentences of each ``a-b`` link."""
        total = np.zeros(len(i0))
        for p in range(a):
            total += self._vote(self.coverage.source(i0 + p, j0, b), 0)
        for q in range(b):
            total += self._vote(self.coverage.target(i0, a, j0 + q), 1)
        return total

    def _vote(self, share: np.ndarray, side: int) -> np.ndarray:
        top, low = self.typical[side], self.neighbour[side]
        vote = (np.minimum(share, 1.0) - low) / (top - low) - 0.5
        return np.nan_to_num(np.clip(vote, FLOOR[side], 0.5), nan=0.0)
