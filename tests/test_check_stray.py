"""The stray-character check: a character breaking a common Chinese word, confirmed by another rendering."""

from dataclasses import replace
from pathlib import Path

import pytest

from checker.checks.stray import StrayCharacterCheck
from checker.model import Severity
from tests.fixtures.corpus import make_corpus
from tests.sharding import assert_shards_agree
from tests.test_gate import FakeEncoder

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
SOURCE = "We developed technology that adapts to everyone's input."


def run(first, second, *more):
    corpus = make_corpus([SOURCE], [first], [second], *([m] for m in more))
    return list(StrayCharacterCheck().run(corpus))


@pytest.mark.parametrize(
    ("clean", "broken", "span", "word"),
    [
        ("开发出能够根据每个人的输入进行调整的技术。", "开发出能了够根据每个人的输入进行调整的技术。", "能了够", "能够"),
        ("我们必须立即开始工作。", "我们必须立的即开始工作。", "立的即", "立即"),
        ("这个问题非常重要。", "这个问题非了常重要。", "非了常", "非常"),
    ],
)
def test_fires(clean, broken, span, word):
    (finding,) = run(clean, broken)
    assert finding.check == "stray-character"
    assert finding.severity == Severity.MINOR
    loc = finding.locations[0]
    assert loc.document == "d2"
    assert loc.text == span
    assert finding.suggestion == word
    assert finding.data["stray"] == span[1]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # both renderings write it: a construction, not a slip
        ("开发出能了够根据输入调整的技术。", "开发出能了够根据输入调整的技术。"),
        # the middle character belongs to a word of its own (了解, 生命)
        ("他不了解这个问题。", "他不解这个问题。"),
        ("人的生命很宝贵。", "人生很宝贵。"),
        # a verb repeated around 了 / 一 on purpose
        ("他看了看窗外。", "他看看窗外。"),
        ("你想一想。", "你想想。"),
        # set phrases with an aspect particle inside a separable verb
        ("他们去年结了婚。", "他们去年结婚。"),
        ("我们吃了饭再走。", "我们吃饭再走。"),
        ("他低着头走了。", "他低头走了。"),
        # a particle after a verb or inside a noun phrase, where another translator wrote the word
        ("地就开了口，吞了他们。", "地就开口吞了他们。"),
        ("他向神许了愿。", "他向神许愿。"),
        ("这孩子是从谁怀的孕？", "这孩子是从谁怀孕的？"),
        ("一族和多国的民都从你而生。", "一族和多国国民都从你而生。"),
        # different wording, no broken word
        ("我们的工作使尖端的人工智能研究变得直观。", "我们的工作使前沿人工智能研究变得直观易用。"),
    ],
)
def test_does_not_fire(first, second):
    assert run(first, second) == []


def test_a_single_translation_is_never_enough():
    corpus = make_corpus([SOURCE], ["开发出能了够根据每个人的输入进行调整的技术。"])
    assert list(StrayCharacterCheck().run(corpus)) == []


def test_any_other_rendering_with_the_word_confirms():
    found = run("开发出一种技术。", "开发出能了够根据输入调整的技术。", "开发出能够根据输入调整的技术。")
    assert [(f.locations[0].document, f.locations[0].text) for f in found] == [("d2", "能了够")]


def _paragraphs(name):
    return [p.strip() for p in (CORPORA / name).read_text("utf-8").splitlines() if p.strip()]


MEMO_A = [([0], []), ([1], [0]), ([2], [1]), ([3, 4], [2, 3]), ([5], [4]), ([6], []), ([7], [])]
MEMO_B = [([0], [0]), ([1], [1]), ([2], [2]), ([3, 4], [3, 4]), ([5], [5]), ([6, 7], [6]), ([], [7])]


@pytest.mark.parametrize("through_source", [False, True])
def test_memo_zh_b(through_source):
    """zh-b writes 能了够 where zh-a writes 能够; paragraphs aligned by hand."""
    memo = [_paragraphs(f"memo/{n}.txt") for n in ("en", "zh-a", "zh-b")]
    corpus = make_corpus(*memo, links=[MEMO_A, MEMO_B])
    alignments = dict(corpus.alignments)
    if through_source:
        del alignments[("d1", "d2")]  # find zh-a's rendering through the source links
    else:
        from checker.model import Alignment, Link

        alignments[("d1", "d2")] = Alignment("d1", "d2", (Link((3,), (4,), 0.9),))
    found = list(StrayCharacterCheck().run(replace(corpus, alignments=alignments)))
    assert [(f.locations[0].document, f.locations[0].text, f.suggestion) for f in found] == [
        ("d2", "能了够", "能够")
    ]
    loc = found[0].locations[0]
    assert (loc.segments, loc.line, loc.column) == ((4,), 5, 25)


def test_note_has_none():
    note = [_paragraphs(f"note/{n}.txt") for n in ("en", "zh-a", "zh-b")]
    corpus = make_corpus(*note)
    assert list(StrayCharacterCheck().run(corpus)) == []


def test_shards_of_a_bilingual_file_find_nothing_as_the_whole_does() -> None:
    """A bilingual file has one translation, and so has each of its shards: nothing to compare."""
    po = Path(__file__).parent / "data" / "realworld" / "sphinx-po" / "sphinx.po"
    assert assert_shards_agree(StrayCharacterCheck, po, (1, 60), spec=FakeEncoder) == []
