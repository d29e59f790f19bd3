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


def test_checks_started_before_the_alignment_give_the_same_findings(bible_corpus):
    """Spelling and punctuation read no alignment: started in a child on the bare documents
    (as ``build_report`` does before aligning), they add exactly what a serial run finds."""
    bare = Corpus(bible_corpus.source, bible_corpus.translations, {}, {})
    early = runner.start_checks(bare, Options(split="lines"), jobs=2)
    assert early is not None and {c.id for c in early.checks} == {"spelling", "punctuation"}
    serial = run_checks(bible_corpus, Options(split="lines"), jobs=1)
    assert {f.check for f in serial} & {"spelling", "punctuation"}, "they must find something here"
    assert run_checks(bible_corpus, Options(split="lines"), jobs=2, early=early) == serial


def test_nothing_starts_early_on_one_job_or_a_short_text(bible_corpus):
    assert runner.start_checks(bible_corpus, Options(split="lines"), jobs=1) is None
    assert runner.start_checks(bible_corpus, Options(split="lines", select=("number-mismatch",)), jobs=2) is None
