"""The aligner on made-up vectors: structure recovered, invariants kept, cost linear; compose()."""

from __future__ import annotations

import numpy as np
import pytest

from checker.align import AlignParams, AlignStats, align, align_texts, compose
from checker.model import Link

DIM = 64


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


class Synthetic:
    """Two sides built from hidden meanings, compressed like e5 (unrelated pairs score ~0.75).

    ``topic`` pulls every meaning towards one theme (a monotonous text); ``spread`` varies how
    much each segment leans on the common direction (so raw cosines reward some segments and
    merges whatever their meaning).

    ``kinds`` lists the links to build, e.g. ``["1-1", "1-2", "0-1"]``. A meaning split over
    two or three segments gets segments whose vectors sum to it, as real sentence fragments
    roughly do; ``0-1`` / ``1-0`` segments carry a meaning of their own, absent on the other side.
    """

    def __init__(
        self, kinds: list[str], seed: int = 0, noise: float = 0.3, topic: float = 0.0, spread: float = 0.0
    ) -> None:
        rng = np.random.default_rng(seed)
        common = _unit(rng.normal(size=DIM))
        shared = _unit(rng.normal(size=DIM))  # a theme of the text (a genealogy: names and begats)
        self.src: list[np.ndarray] = []
        self.tgt: list[np.ndarray] = []
        self.src_len: list[int] = []
        self.tgt_len: list[int] = []
        self.links: list[tuple[tuple[int, ...], tuple[int, ...]]] = []

        def compress(v: np.ndarray) -> np.ndarray:
            return _unit((1.7 + spread * rng.uniform(-1, 1)) * common + _unit(v))

        def parts(meaning: np.ndarray, count: int) -> list[np.ndarray]:
            if count == 1:
                return [meaning + noise * rng.normal(size=DIM) / np.sqrt(DIM)]
            offsets = rng.normal(size=(count, DIM))
            offsets -= offsets.mean(axis=0)
            return [meaning / count + 0.5 * o / np.sqrt(DIM) for o in offsets]

        for kind in kinds:
            a, b = (int(x) for x in kind.split("-"))
            meaning = _unit(_unit(rng.normal(size=DIM)) + topic * shared)
            chars = int(rng.integers(40, 160))
            src_idx = tuple(range(len(self.src), len(self.src) + a))
            tgt_idx = tuple(range(len(self.tgt), len(self.tgt) + b))
            if a:
                self.src += [compress(p) for p in parts(meaning, a)]
                self.src_len += [chars // a] * a
            if b:
                self.tgt += [compress(p) for p in parts(meaning, b)]
                self.tgt_len += [max(1, chars // 3 // b)] * b
            self.links.append((src_idx, tgt_idx))

    def align(self, **kwargs) -> list[Link]:
        src = np.array(self.src, dtype=np.float32).reshape(-1, DIM)
        tgt = np.array(self.tgt, dtype=np.float32).reshape(-1, DIM)
        return align(src, tgt, self.src_len, self.tgt_len, **kwargs)


def _pairs(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.source, link.target) for link in links]


def _assert_covering(links: list[Link], n: int, m: int) -> None:
    """Every segment of both sides exactly once, in order."""
    assert [s for link in links for s in link.source] == list(range(n))
    assert [t for link in links for t in link.target] == list(range(m))
    assert all(link.source or link.target for link in links)


STRUCTURES = {
    "one-to-one": ["1-1"] * 30,
    "splits": ["1-1", "1-2", "1-1", "1-1", "1-2", "1-1", "1-3", "1-1"] * 4,
    "joins": ["1-1", "2-1", "1-1", "1-1", "2-1", "1-1", "3-1", "1-1"] * 4,
    "omission": ["1-1"] * 12 + ["1-0"] + ["1-1"] * 12,
    "addition": ["1-1"] * 12 + ["0-1"] + ["1-1"] * 12,
    "mixed": ["1-1", "1-2", "1-1", "2-1", "1-1", "1-1", "1-0", "1-1", "1-2", "0-1", "1-1", "2-2", "1-1"] * 3,
}


@pytest.mark.parametrize("name", sorted(STRUCTURES))
def test_recovers_known_structure(name: str) -> None:
    data = Synthetic(STRUCTURES[name], seed=len(name))
    links = data.align()
    assert _pairs(links) == data.links


def test_recovers_structure_on_a_long_text_through_the_coarse_search() -> None:
    kinds = ["1-1", "1-2", "1-1", "2-1", "1-1", "1-1", "1-1", "1-3"] * 120
    data = Synthetic(kinds, seed=7)
    stats: list[AlignStats] = []
    links = data.align(params=AlignParams(full_cells=10_000), stats=stats)
    assert _pairs(links) == data.links
    n, m = len(data.src), len(data.tgt)
    assert stats[0].cells < (n + 1) * (m + 1) / 20  # the band, not the full lattice


def test_similarity_is_the_cosine_of_merged_vectors_and_none_for_nulls() -> None:
    data = Synthetic(["1-1", "1-2", "1-0", "1-1", "0-1", "1-1"], seed=3)
    links = data.align()
    src, tgt = np.array(data.src), np.array(data.tgt)
    for link in links:
        if not link.source or not link.target:
            assert link.similarity is None
            continue
        expected = _unit(src[list(link.source)].sum(0)) @ _unit(tgt[list(link.target)].sum(0))
        assert link.similarity == pytest.approx(expected, abs=1e-5)


REPETITIVE = {
    "dropped sentence": ["1-1"] * 15 + ["1-0"] + ["1-1"] * 15,
    "two dropped sentences": ["1-1"] * 10 + ["1-0"] + ["1-1"] * 10 + ["1-0"] + ["1-1"] * 10,
    "dropped after a split": ["1-1"] * 10 + ["1-2", "1-0"] + ["1-1"] * 10,
    # false-positive traps: fragments and joins of a monotonous text keep their links
    "joins": ["1-1", "2-1", "1-1", "1-1", "2-1", "1-1", "3-1", "1-1"] * 4,
    "splits": ["1-1", "1-2", "1-1", "1-1", "1-2", "1-1", "1-3", "1-1"] * 4,
}


@pytest.mark.parametrize("name", sorted(REPETITIVE))
@pytest.mark.parametrize("seed", range(3))
def test_dropped_sentence_of_a_monotonous_text_is_left_unaligned(name: str, seed: int) -> None:
    """Sentences that all look alike, and lean on the model's common direction by varying amounts
    (as e5 vectors do), must not hide a dropped translation by merging its source into a
    neighbour's link or by shifting the links; nor lose fragments and joins to skips."""
    data = Synthetic(REPETITIVE[name], seed=seed, topic=1.0, spread=1.0)
    assert _pairs(data.align()) == data.links


def test_similarity_of_a_long_text_is_the_raw_cosine() -> None:
    """Long sides are centred for scoring, but the reported similarity stays the model's cosine."""
    data = Synthetic(["1-1", "1-2", "2-1", "1-0", "1-1", "0-1"] * 5, seed=5, topic=1.0, spread=1.0)
    links = data.align()
    src, tgt = np.array(data.src), np.array(data.tgt)
    for link in links:
        if link.source and link.target:
            expected = _unit(src[list(link.source)].sum(0)) @ _unit(tgt[list(link.target)].sum(0))
            assert link.similarity == pytest.approx(expected, abs=1e-5)
            assert link.similarity > 0.5  # uncentred: related merges of e5-like vectors score high


@pytest.mark.parametrize("seed", range(12))
def test_random_inputs_are_covered_once_in_order(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, m = (int(x) for x in rng.integers(0, 60 if seed % 2 else 400, size=2))
    src = _unit(rng.normal(size=(n, DIM))).astype(np.float32) if n else np.zeros((0, DIM), np.float32)
    tgt = _unit(rng.normal(size=(m, DIM))).astype(np.float32) if m else np.zeros((0, DIM), np.float32)
    links = align(src, tgt, rng.integers(1, 200, n), rng.integers(1, 200, m),
                  params=AlignParams(full_cells=200))
    _assert_covering(links, n, m)


@pytest.mark.parametrize("n,m", [(0, 0), (0, 3), (3, 0), (1, 1), (1, 4), (4, 1)])
def test_tiny_inputs(n: int, m: int) -> None:
    rng = np.random.default_rng(n * 10 + m)
    src = _unit(rng.normal(size=(n, DIM))).astype(np.float32)
    tgt = _unit(rng.normal(size=(m, DIM))).astype(np.float32)
    links = align(src, tgt, [10] * n, [10] * m)
    _assert_covering(links, n, m)


def test_cells_evaluated_grow_linearly_with_length() -> None:
    kinds = ["1-1", "1-2", "1-1", "2-1", "1-1", "1-1"]
    params = AlignParams(full_cells=5_000)
    cells = []
    for repeat in (50, 200):
        stats: list[AlignStats] = []
        Synthetic(kinds * repeat, seed=1).align(params=params, stats=stats)
        cells.append(stats[0].cells)
    # Four times the text: four times the cells (a quadratic search would be sixteen).
    assert 3.0 < cells[1] / cells[0] < 5.0


def test_rejects_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        align(np.eye(3, dtype=np.float32), np.eye(3, dtype=np.float32), [1, 2], [1, 2, 3])


def L(src: tuple[int, ...], tgt: tuple[int, ...]) -> Link:  # noqa: N802 - reads like a table
    return Link(src, tgt)


@pytest.mark.parametrize(
    "to_a,to_b,expected",
    [
        pytest.param(
            [L((0,), (0,)), L((1,), (1,))],
            [L((0,), (0,)), L((1,), (1,))],
            [((0,), (0,)), ((1,), (1,))],
            id="one-to-one through the source",
        ),
        pytest.param(
            [L((0,), (0, 1)), L((1,), (2,))],
            [L((0,), (0,)), L((1,), (1, 2))],
            [((0, 1), (0,)), ((2,), (1, 2))],
            id="splits on either side",
        ),
        pytest.param(
            [L((0, 1), (0,)), L((2,), (1,))],
            [L((0,), (0,)), L((1, 2), (1,))],
            [((0, 1), (0, 1))],
            id="overlapping merges join into one link",
        ),
        pytest.param(
            [L((0,), (0,)), L((), (1,)), L((1,), (2,))],
            [L((0,), (0,)), L((1,), (1,))],
            [((0,), (0,)), ((1,), ()), ((2,), (1,))],
            id="an addition in A becomes 1-0",
        ),
        pytest.param(
            [L((0,), (0,)), L((1,), (1,))],
            [L((0,), (0,)), L((), (1,)), L((1,), (2,))],
            [((0,), (0,)), ((), (1,)), ((1,), (2,))],
            id="an addition in B becomes 0-1",
        ),
        pytest.param(
            [L((0,), (0,)), L((1,), ()), L((2,), (1,))],
            [L((0,), (0,)), L((1,), (1,)), L((2,), (2,))],
            [((0,), (0,)), ((), (1,)), ((1,), (2,))],
            id="a source sentence A omits: B's rendering becomes 0-1",
        ),
        pytest.param(
            [L((0,), ()), L((1,), (0,))],
            [L((0,), ()), L((1,), (0,))],
            [((0,), (0,))],
            id="omitted by both: no link",
        ),
        pytest.param(
            [L((0, 1), (0,)), L((), (1,))],
            [L((0,), (0,)), L((1,), (1,))],
            [((0,), (0, 1)), ((1,), ())],
            id="trailing addition",
        ),
        pytest.param(
            [L((0,), (0,)), L((), (1,)), L((1,), (2,))],
            [L((0, 1), (0,))],
            [((0, 1, 2), (0,))],
            id="an addition inside a merged group belongs to it",
        ),
    ],
)
def test_compose(to_a: list[Link], to_b: list[Link], expected: list) -> None:
    links = compose(to_a, to_b)
    assert _pairs(links) == expected
    count_a = sum(len(link.target) for link in to_a)
    count_b = sum(len(link.target) for link in to_b)
    _assert_covering(links, count_a, count_b)
    assert all(link.similarity is None for link in links)


def test_compose_of_real_alignments_covers_both_translations() -> None:
    first = Synthetic(["1-1", "1-2", "1-1", "1-0", "2-1", "1-1", "0-1", "1-1"], seed=5)
    second = Synthetic(["1-1", "1-1", "1-2", "1-1", "1-1", "1-1", "1-1", "1-1"], seed=5)
    to_a = [L(s, t) for s, t in first.links]
    to_b = [L(s, t) for s, t in second.links]
    links = compose(to_a, to_b)
    _assert_covering(links, len(first.tgt), len(second.tgt))


def test_compose_rejects_alignments_of_different_sources() -> None:
    with pytest.raises(ValueError):
        compose([L((0,), (0,))], [L((0,), (0,)), L((1,), (1,))])


class WordEncoder:
    """A stand-in model: hashed words, enough to match texts of one language."""

    name = "words-test"

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 4096), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().replace(",", " ").replace(".", " ").split():
                out[row, int.from_bytes(word.encode(), "little") % 4096] += 1
        return _unit(out + 0.05)


SENTENCES = [
    "The committee met on Monday to review the budget.",
    "Several members raised concerns about travel costs.",
    "After a long debate, the proposal was accepted with two amendments.",
    "The chair thanked everyone for their patience.",
    "Minutes will be circulated before the next meeting.",
    "Questions should be sent to the secretary by Friday.",
]


def test_align_texts_same_language_with_a_split_and_an_addition() -> None:
    target = [
        *SENTENCES[:2],
        "After a long debate,",
        "the proposal was accepted with two amendments.",
        "Refreshments were served downstairs afterwards, which pleased nobody at all.",
        *SENTENCES[3:],
    ]
    links = align_texts(SENTENCES, target, WordEncoder())
    assert _pairs(links) == [
        ((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((), (4,)), ((3,), (5,)), ((4,), (6,)), ((5,), (7,)),
    ]
