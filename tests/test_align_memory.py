"""A long pair aligns in little memory, the same whatever the chunking, and reports its progress."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from checker.align import AlignParams, align
from checker.align import dp as align_dp
from checker.pipeline import run as runner
from checker.pipeline.run import Options, read_inputs
from tests.test_align import Synthetic, _pairs
from tests.test_gate import FakeEncoder

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "note"

# Lines of the sort a long plain-text pair holds (from the bundled note), numbered so that no
# two are the same.
EN = "Please send the final version by {k} March; the printer needs three working days."
ZH = "请在 3 月 {k} 日前发送最终版本，印刷厂需要三个工作日。"


def _long_pair(n: int, dim: int = 384, seed: int = 0):
    """Vectors of ``n`` translated pairs (e5-like: a common direction) and their texts."""
    rng = np.random.default_rng(seed)
    meaning = rng.normal(size=(n, dim)).astype(np.float32)
    common = rng.normal(size=dim).astype(np.float32)
    sides = []
    for _ in range(2):
        side = meaning + rng.normal(size=meaning.shape).astype(np.float32) + 3 * common
        sides.append(side / np.linalg.norm(side, axis=1, keepdims=True))
    texts = [EN.format(k=k) for k in range(n)], [ZH.format(k=k) for k in range(n)]
    return sides[0], sides[1], texts


def test_a_long_pair_aligns_in_a_few_times_the_memory_of_its_vectors() -> None:
    """Merged vectors, centred copies and lexical tables of the whole text used to take seven times
    the vectors' memory (nine at 100,000 lines, with the DP's step scores): several GB on a long
    file. What is held now is a centred copy of each side and tables of the band."""
    src, tgt, texts = _long_pair(6000)
    lengths = [len(t) for t in texts[0]], [len(t) for t in texts[1]]
    tracemalloc.start()
    try:
        links = align(src, tgt, *lengths, texts=texts)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sum(1 for link in links if len(link.source) == len(link.target) == 1) > 0.95 * len(src)
    assert peak < 4 * (src.nbytes + tgt.nbytes)  # 7 times before


@pytest.mark.parametrize("cells", [1, 300, 5000])
def test_scoring_the_band_by_chunks_changes_nothing(cells: int, monkeypatch) -> None:
    kinds = ["1-1", "1-2", "1-1", "2-1", "1-1", "1-1", "1-1", "1-3"] * 40
    data = Synthetic(kinds, seed=7)
    params = AlignParams(full_cells=10_000)
    whole = data.align(params=params)
    monkeypatch.setattr(align_dp, "CHUNK_CELLS", cells)
    chunked = data.align(params=params)
    assert chunked == whole  # the same links, similarities included
    assert _pairs(chunked) == data.links


def test_progress_counts_up_to_its_total_while_aligning(monkeypatch) -> None:
    monkeypatch.setattr(align_dp, "CHUNK_CELLS", 2000)
    src, tgt, texts = _long_pair(3000, dim=64)
    lengths = [len(t) for t in texts[0]], [len(t) for t in texts[1]]
    calls: list[tuple[int, int]] = []
    links = align(src, tgt, *lengths, texts=texts, progress=lambda done, total: calls.append((done, total)))
    assert len(calls) > 10  # a bar moves, not just a jump at the end
    assert len({total for _, total in calls}) == 1
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[-1] == calls[-1][1]
    assert links == align(src, tgt, *lengths, texts=texts)  # progress changes nothing


def test_the_runner_reports_progress_while_aligning(tmp_path: Path) -> None:
    """A terminal shows a bar while a long pair aligns, not only while it is embedded."""
    for name in ("en.txt", "zh-a.txt"):
        lines = [line for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        (tmp_path / name).write_text("".join(f"{k}. {line}\n" for k in range(60) for line in lines),
                                     encoding="utf-8")
    loaded = read_inputs(tmp_path / "en.txt", [tmp_path / "zh-a.txt"], Options(split="lines"))
    calls: list[tuple[str, int, int]] = []
    runner.align_documents(loaded, FakeEncoder(), lambda label, done, total: calls.append((label, done, total)))
    aligning = [(done, total) for label, done, total in calls if label == "aligning zh-a.txt"]
    assert len(aligning) > 1
    assert aligning[-1][0] == aligning[-1][1]
