"""Word lists decoded once per installation: the marshal copy is used, refreshed and never required."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.text.lexicon.cache import cached

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("colour\nharbour\n", "utf-8")
    return path


def builder(path, calls):
    def build():
        calls.append(1)
        return {word: len(word) for word in path.read_text("utf-8").split()}
    return build


def test_second_call_reads_the_copy(cache_dir, source):
    calls = []
    first = cached("words", source, builder(source, calls))
    second = cached("words", source, builder(source, calls))
    assert first == second == {"colour": 6, "harbour": 7}
    assert len(calls) == 1
    assert len(list((cache_dir / "lexicon").glob("words-*.marshal"))) == 1


def test_a_changed_data_file_is_decoded_again(cache_dir, source):
    calls = []
    cached("words", source, builder(source, calls))
    source.write_text("colour\nharbour\nneighbour\n", "utf-8")
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    assert cached("words", source, builder(source, calls)) == {"colour": 6, "harbour": 7, "neighbour": 9}
    assert len(calls) == 2


def test_a_damaged_copy_is_rebuilt(cache_dir, source):
    calls = []
    cached("words", source, builder(source, calls))
    (copy,) = (cache_dir / "lexicon").glob("words-*.marshal")
    copy.write_bytes(b"\x00garbage")
    assert cached("words", source, builder(source, calls)) == {"colour": 6, "harbour": 7}
    assert len(calls) == 2


def test_an_unwritable_cache_only_means_decoding_each_time(tmp_path, monkeypatch, source):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(blocker))
    calls = []
    for _ in range(2):
        assert cached("words", source, builder(source, calls)) == {"colour": 6, "harbour": 7}
    assert len(calls) == 2


def test_without_the_data_file_the_builder_decides(cache_dir, tmp_path):
    calls = []
    assert cached("words", tmp_path / "missing.txt", lambda: calls.append(1) or ["fallback"]) == ["fallback"]
    assert calls == [1]
    assert not (cache_dir / "lexicon").exists()


SPELL = (
    "import json, sys;"
    "from checker.checks.spelling import SpellingCheck;"
    "from tests.fixtures.corpus import make_corpus;"
    "corpus = make_corpus(['I made the diffcult decision in teh end.', 'Mira said so.']);"
    "print(json.dumps([(f.message, f.suggestion) for f in SpellingCheck().run(corpus)]))"
)


def test_spelling_is_the_same_with_a_cold_and_a_warm_cache(tmp_path):
    env = {**os.environ, "TRANSCHECK_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", SPELL], cwd=ROOT, env=env, capture_output=True, text=True,
                           check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1]
    assert {word for _, word in json.loads(runs[0])} == {"difficult", "the"}
    assert sorted(p.name.split("-v")[0] for p in (tmp_path / "cache" / "lexicon").iterdir()) == [
        "en-common-3.3", "en-misspellings", "en-spelling"]
