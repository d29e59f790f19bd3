"""jieba's segmentation, its dictionary a memory-mapped trie built once per installation.

jieba keeps its dictionary as a dict of about 500,000 words and word prefixes (a prefix that is no
word has frequency 0) and loads it on every run from a 9 MB marshal file: 0.6 s. Here its 349,000
words go into a MARISA trie (the prefixes are the trie's), and their frequencies into an array
indexed by the trie's key ids. Both files are written once into the transcheck cache folder
(``lexicon/``, named after ``dict.txt``'s size and modification time and ``FORMAT``), each
atomically, and memory-mapped by every later run.

``tokenizer()`` is the one jieba tokenizer of the tool: a ``jieba.Tokenizer`` whose dictionary
lookups go to the trie, so its words are jieba's own, with its HMM or without. Where the copy cannot
be built or written (a read-only cache folder), it is jieba's own tokenizer, loaded as jieba does.
Users import this module lazily: it imports jieba.
"""

from __future__ import annotations

import functools
import logging
import mmap
from array import array
from collections.abc import Iterable
from math import log
from pathlib import Path
from typing import Any

import jieba

from checker.atomic import write_atomic
from checker.text.lexicon.cache import copy_path

FORMAT = 1
"""Bump when the files' layout changes: old copies are then ignored."""

_MAGIC = 0x6A696562615F7472  # b"jieba_tr" as a number: the first word of a frequency file
_HEADER = 4
"""64-bit words before the weights: the magic number, jieba's total, the number of words, the longest word."""


def dict_path() -> Path:
    """jieba's ``dict.txt`` (``word frequency tag`` per line)."""
    return Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME


@functools.lru_cache(maxsize=1)
def tokenizer() -> Any:
    """The tool's jieba tokenizer: ``tokenizer().tokenize(text, HMM=False)`` as jieba's."""
    jieba.setLogLevel(logging.WARNING)
    try:
        return TrieTokenizer(*_open())
    except (OSError, RuntimeError, ValueError, ImportError):  # no copy can be made: jieba's own load
        jieba.initialize()
        return jieba.dt


class TrieTokenizer(jieba.Tokenizer):  # type: ignore[misc]
    """``jieba.Tokenizer`` with its dictionary in a trie: never loads jieba's own (``initialized``).

    jieba cuts a run of characters in two passes: ``get_DAG`` lists the dictionary words starting
    at each position (walking prefixes in its dict), ``calc`` then finds the most probable route
    backwards, looking every word's frequency up again. Here ``get_DAG`` asks the trie once per
    position for the words there, and since it walks backwards it finds the route in the same pass,
    from each word's ``log(frequency) - log(total)`` stored beside the trie: the same floats, summed
    in the same order, so the same route. ``calc`` hands that route over; jieba's own ``cut`` and
    ``tokenize`` run unchanged around them. ``FREQ`` reads the trie too (jieba's HMM asks it whether
    a run of single characters is a word); adding words is not supported.
    """

    def __init__(self, trie: Any, weights: memoryview[float], freq: memoryview, total: int, longest: int) -> None:
        super().__init__()
        self.FREQ = Frequencies(trie, freq)
        self.total = total
        self.initialized = True
        self._prefixes = trie.iter_prefixes_with_ids
        self._weights = weights
        self._longest = longest
        self._unknown = log(1) - log(total)  # a character that is no word: jieba's frequency 1

    def get_DAG(self, sentence: str) -> _Dag:
        """For each position, the last positions of the dictionary words starting there (itself if none)."""
        prefixes, weights, longest, unknown = self._prefixes, self._weights, self._longest, self._unknown
        n = len(sentence)
        route: dict[int, tuple[float, int]] = {n: (0, 0)}
        ends: list[list[int]] = [[]] * n
        for k in range(n - 1, -1, -1):
            here: list[int] = []
            best = (unknown + route[k + 1][0], k)
            for word, key in prefixes(sentence[k : k + longest]):
                end = k + len(word) - 1
                step = (weights[key] + route[end + 1][0], end)
                if not here or step > best:
                    best = step
                here.append(end)
            ends[k] = here or [k]
            route[k] = best
        return _Dag(enumerate(ends), sentence, route)

    def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict[int, tuple[float, int]]) -> None:  # noqa: N803
        """The most probable route over ``DAG``: the one ``get_DAG`` found, else jieba's own reckoning."""
        if isinstance(DAG, _Dag) and DAG.sentence is sentence:
            route.update(DAG.route)
        else:
            super().calc(sentence, DAG, route)


class _Dag(dict[int, list[int]]):
    """jieba's DAG of a sentence, with the route ``TrieTokenizer.get_DAG`` found over it."""

    def __init__(self, ends: Iterable[tuple[int, list[int]]], sentence: str, route: dict[int, tuple[float, int]]):
        super().__init__(ends)
        self.sentence = sentence
        self.route = route


class Frequencies:
    """What jieba reads of its ``FREQ`` dict, from the trie: a word's frequency; 0 for a prefix of a
    word that is no word itself; ``default`` for anything else."""

    def __init__(self, trie: Any, freq: memoryview) -> None:
        self._trie = trie
        self._freq = freq

    def get(self, word: str, default: int | None = None) -> int | None:
        key = self._trie.get(word)
        if key is not None:
            return int(self._freq[key])
        return 0 if word and _starts_a_word(self._trie, word) else default

    def __getitem__(self, word: str) -> int:
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None


def _starts_a_word(trie: Any, prefix: str) -> bool:
    return next(trie.iterkeys(prefix), None) is not None


def _open() -> tuple[Any, memoryview[float], memoryview, int, int]:
    """The trie, its words' weights and frequencies by key id, jieba's total and the longest word."""
    trie_path = copy_path("jieba-trie", dict_path(), "marisa", version=FORMAT)
    data_path = trie_path.with_suffix(".freq")
    try:
        return _map(trie_path, data_path)
    except (OSError, RuntimeError, ValueError):  # absent or damaged: build it
        pass
    trie_path.parent.mkdir(parents=True, exist_ok=True)  # no folder, no build
    _build(trie_path, data_path)
    return _map(trie_path, data_path)


def _map(trie_path: Path, data_path: Path) -> tuple[Any, memoryview[float], memoryview, int, int]:
    import marisa_trie

    trie = marisa_trie.Trie().mmap(str(trie_path))
    with data_path.open("rb") as f:
        data = memoryview(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
    magic, total, size, longest = data[: 8 * _HEADER].cast("Q")
    if magic != _MAGIC or size != len(trie) or len(data) != 8 * _HEADER + 12 * size:
        raise ValueError(f"{data_path} does not match {trie_path}")
    weights = data[8 * _HEADER : 8 * (_HEADER + size)].cast("d")
    return trie, weights, data[8 * (_HEADER + size) :].cast("I"), total, longest


def _build(trie_path: Path, data_path: Path) -> None:
    """jieba's own reading of ``dict.txt`` (its words, their prefixes, the total), as two files.

    The trie holds the words; the data file a header, each word's weight for the route
    (``log(frequency) - log(total)``, float64) and its frequency (uint32), by key id. Prefixes
    that are no word are the trie's prefixes. The data file is written first: a run that finds
    the trie finds its data, and two runs building at once write the same bytes."""
    import marisa_trie

    frequencies, total = jieba.Tokenizer.gen_pfdict(dict_path().open("rb"))
    words = {word: value for word, value in frequencies.items() if value}
    trie = marisa_trie.Trie(words)
    if not all(_starts_a_word(trie, word) for word, value in frequencies.items() if not value):
        raise ValueError("a word of frequency 0 is no prefix of another word: it would be lost")
    if max(words.values()) >= 2**32:
        raise ValueError("a frequency does not fit 32 bits")
    logtotal = log(total)
    weights = array("d", [0.0]) * len(trie)
    freq = array("I", [0]) * len(trie)
    for word, value in words.items():
        key = trie[word]
        weights[key] = log(value) - logtotal
        freq[key] = value
    header = array("Q", [_MAGIC, total, len(trie), max(map(len, words))])
    write_atomic(data_path, header.tobytes() + weights.tobytes() + freq.tobytes())
    write_atomic(trie_path, trie.tobytes())
