"""Checks run in a forked worker give exactly the findings of a serial run."""

from pathlib import Path

import pytest

from checker import runner
from checker.model import Alignment, Corpus, Link
from checker.runner import Options, read_inputs, run_checks

BIBLE = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "bible-en-zh"


@pytest.fixture(scope="module")
def bible_corpus() -> Corpus:
    if not BIBLE.exists():
        pytest.skip("the Bible benchmark is not beside the project")
    loaded = read_inputs(BIBLE / "en.txt", [BIBLE / "zh.txt"], Options(split="lines"))
    source, target = loaded.source, loaded.translations[0]
    links = [Link((i,), (i,), 0.9) for i in range(len(source.segments))]
    links += [Link((), (j,), None) for j in range(len(source.segments), len(target.segments))]
    return Corpus(source, (target,), {(source.id, target.id): Alignment(source.id, target.id, tuple(links))}, {})


def test_forked_checks_equal_serial_checks(bible_corpus):
    serial = run_checks(bible_corpus, Options(split="lines"), jobs=1)
    parallel = run_checks(bible_corpus, Options(split="lines"), jobs=2)
    assert {f.check for f in serial} & runner.WORKER_CHECKS, "the worker's checks must find something here"
    assert parallel == serial


def test_without_fork_the_checks_run_here(bible_corpus, monkeypatch):
    import os

    monkeypatch.delattr(os, "fork")
    assert run_checks(bible_corpus, Options(split="lines"), jobs=2) == run_checks(
        bible_corpus, Options(split="lines"), jobs=1)


def test_a_child_that_fails_gives_none():
    from checker.forked import Forked

    assert Forked(lambda: 1 / 0).result() is None
    assert Forked(lambda: [1, 2, 3]).result() == [1, 2, 3]
