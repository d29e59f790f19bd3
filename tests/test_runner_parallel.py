"""Checks run in a forked worker give exactly the findings of a serial run."""

from pathlib import Path

import pytest

from checker.checks import CHECKS
from checker.model import Alignment, Corpus, Link
from checker.pipeline import run as runner
from checker.pipeline.run import Options, read_inputs, run_checks

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "note"


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory) -> Corpus:
    """The bundled note, its lines repeated to a long text (numbered, so no two are the same)."""
    folder = tmp_path_factory.mktemp("long")
    for name in ("en.txt", "zh-a.txt"):
        lines = [line for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        (folder / name).write_text("".join(f"{k}. {line}\n" for k in range(150) for line in lines), encoding="utf-8")
    loaded = read_inputs(folder / "en.txt", [folder / "zh-a.txt"], Options(split="lines"))
    source, target = loaded.source, loaded.translations[0]
    n, m = len(source.segments), len(target.segments)
    links = [Link((i,), (i,), 0.9) for i in range(min(n, m))]
    links += [Link((i,), (), None) for i in range(m, n)] + [Link((), (j,), None) for j in range(n, m)]
    return Corpus(source, (target,), {(source.id, target.id): Alignment(source.id, target.id, tuple(links))}, {})


def test_forked_checks_equal_serial_checks(long_corpus):
    serial = run_checks(long_corpus, Options(split="lines"), jobs=1)
    parallel = run_checks(long_corpus, Options(split="lines"), jobs=2)
    in_worker = {c.id for c in CHECKS if c.in_worker}
    assert {f.check for f in serial} & in_worker, "the worker's checks must find something here"
    assert parallel == serial


def test_without_fork_the_checks_run_here(long_corpus, monkeypatch):
    import os

    monkeypatch.delattr(os, "fork")
    assert run_checks(long_corpus, Options(split="lines"), jobs=2) == run_checks(
        long_corpus, Options(split="lines"), jobs=1)


def test_a_child_that_fails_gives_none():
    from checker.pipeline.workers import Forked

    assert Forked(lambda: 1 / 0).result() is None
    assert Forked(lambda: [1, 2, 3]).result() == [1, 2, 3]


def test_checks_started_before_the_alignment_give_the_same_findings(long_corpus):
    """Spelling and punctuation read no alignment: started in a child on the bare documents
    (as ``build_report`` does before aligning), they add exactly what a serial run finds."""
    bare = Corpus(long_corpus.source, long_corpus.translations, {}, {})
    early = runner.start_checks(bare, Options(split="lines"), jobs=2)
    assert early is not None and {c.id for c in early.checks} == {"spelling", "punctuation"}
    serial = run_checks(long_corpus, Options(split="lines"), jobs=1)
    assert {f.check for f in serial} & {"spelling", "punctuation"}, "they must find something here"
    assert run_checks(long_corpus, Options(split="lines"), jobs=2, early=early) == serial


def test_nothing_starts_early_on_one_job_or_a_short_text(long_corpus):
    assert runner.start_checks(long_corpus, Options(split="lines"), jobs=1) is None
    assert runner.start_checks(long_corpus, Options(split="lines", select=("number-mismatch",)), jobs=2) is None
