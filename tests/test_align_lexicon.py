"""The aligner's learned lexicon: tokens, what it learns, coverage, votes, and what it changes.

The corpus here is made up: a bilingual vocabulary of Latin words and CJK characters, sentences of
a few words each, and vectors that know nothing of the words (so the words are the only evidence
the tests are about).
"""

from __future__ import annotations

import numpy as np
import pytest

from checker.align import AlignParams, align
from checker.align.dp import Band
from checker.align.lexicon import MIN_PAIRS, Coverage, LexicalVotes, Lexicon, tokens

SYLLABLES = ("ka", "lo", "mi", "nu", "pe", "ri", "sa", "to", "vu", "ze")
WORDS = [SYLLABLES[k // 10] + SYLLABLES[k % 10] + "ran" for k in range(60)]  # kakaran .. rizeran
CHARS = [chr(0x4E00 + 37 * k) for k in range(60)]  # 60 distinct CJK characters


def corpus(count: int = 100, per: int = 4, seed: int = 3) -> tuple[list[str], list[str]]:
    """``count`` sentence pairs of ``per`` words each, the target the word-by-word translation."""
    rng = np.random.default_rng(seed)
    src, tgt = [], []
    for _ in range(count):
        pick = rng.choice(len(WORDS), size=per, replace=False)
        src.append(" ".join(WORDS[k] for k in pick) + ".")
        tgt.append("，".join(CHARS[k] for k in pick) + "。")
    return src, tgt


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moses went up.", {"moses", "went", "up"}),
        ("The sacrifices", {"the", "sacrif"}),  # words are cut to six characters
        ("摩西上山", {"摩", "西", "上", "山", "摩西", "西上", "上山"}),
        ("OpenAI的模型", {"openai", "的", "模", "型", "的模", "模型"}),  # scripts split
        ("12 年，3 天", {"12", "年", "3", "天"}),  # punctuation splits a run
        ("", set()),
    ],
)
def test_tokens_are_words_and_unspaced_characters_and_bigrams(text: str, expected: set[str]) -> None:
    assert tokens(text) == expected


def test_the_lexicon_learns_each_word_and_its_translation_and_nothing_else() -> None:
    src, tgt = corpus(count=200)
    lexicon = Lexicon.learn([tokens(s) for s in src], [tokens(t) for t in tgt], [(k, k) for k in range(200)])
    assert lexicon is not None
    for k in range(60):
        if WORDS[k][:6] in lexicon.source_vocab:
            assert CHARS[k] in lexicon.translations(WORDS[k][:6])
    assert lexicon.links.nnz <= 60 * 1.1  # a few chance associations at most, not every pair
    assert lexicon.translations("unknown") == set()


def test_too_few_trusted_pairs_teach_nothing() -> None:
    src, tgt = corpus()
    pairs = [(k, k) for k in range(MIN_PAIRS - 1)]
    assert Lexicon.learn([tokens(s) for s in src], [tokens(t) for t in tgt], pairs) is None


def test_coverage_is_the_share_of_a_sentence_whose_words_the_span_translates() -> None:
    src, tgt = corpus()
    # target 10 is replaced by a sentence with half of source 10's words
    words_10 = src[10].rstrip(".").split()
    tgt[10] = "，".join(CHARS[WORDS.index(w)] for w in words_10[:2]) + "。"
    src_tokens, tgt_tokens = [tokens(s) for s in src], [tokens(t) for t in tgt]
    lexicon = Lexicon.learn(src_tokens, tgt_tokens, [(k, k) for k in range(100)])
    band = Band.full(100, 100)
    coverage = Coverage(lexicon, band.lo, band.hi, 3)
    i, j = np.array([10, 10, 20, 20]), np.array([10, 9, 20, 21])
    share = coverage.source(i, j, 1)
    assert share[2] == pytest.approx(1.0)  # a faithful translation covers every word
    assert 0.2 < share[0] < 0.8  # half the words
    # a span of two target sentences covers the union of their words, never more than all
    both = coverage.source(np.array([10]), np.array([10]), 2)[0]
    assert both >= share[0] and both <= 1.0
    assert coverage.target(np.array([20]), 1, np.array([20]))[0] == pytest.approx(1.0)


def test_a_partner_votes_for_its_link_and_a_neighbour_against_it() -> None:
    src, tgt = corpus()
    trusted = [(k, k) for k in range(100)]
    lexicon = Lexicon.learn([tokens(s) for s in src], [tokens(t) for t in tgt], trusted)
    band = Band.full(100, 100)
    votes = LexicalVotes.calibrate(Coverage(lexicon, band.lo, band.hi, 2), trusted)
    assert votes is not None
    partner = votes.votes(1, 1, np.array([30]), np.array([30]))[0]
    neighbour = votes.votes(1, 1, np.array([30]), np.array([31]))[0]
    assert partner > 0 > neighbour
    # a source sentence merged into its neighbour's link votes against the merge
    merged = votes.votes(2, 1, np.array([30]), np.array([31]))[0]
    assert merged < votes.votes(1, 1, np.array([31]), np.array([31]))[0]


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def vectors(count: int, seed: int, orphan: int | None = None, mix: float = 0.7) -> tuple[np.ndarray, np.ndarray]:
    """Source and target vectors of ``count`` pairs (a hidden meaning each, plus noise); source
    ``orphan``, if any, is made to mean roughly what the next source sentence means."""
    rng = np.random.default_rng(seed)
    meaning = _unit(rng.normal(size=(count, 48)))
    sv = _unit(meaning + 0.25 * _unit(rng.normal(size=(count, 48))))
    tv = _unit(meaning + 0.25 * _unit(rng.normal(size=(count, 48))))
    if orphan is not None:
        sv[orphan] = _unit(meaning[orphan + 1] + mix * _unit(rng.normal(size=48)))
    return sv, tv


def test_words_keep_a_sentence_whose_translation_was_dropped_out_of_its_neighbours_link() -> None:
    """Source 40's translation is missing, and its vector says it means what source 41 means
    (as e5 says of two verses about the same people): by embeddings alone it joins 41's link; its
    words are not in that link's target, so with the texts it is left out, an omission."""
    src, tgt = corpus(count=100)
    sv, tv = vectors(100, seed=0, orphan=40)
    keep = [k for k in range(100) if k != 40]
    tgt, tv = [tgt[k] for k in keep], tv[keep]
    lengths = [len(s) for s in src], [len(t) for t in tgt]

    by_vectors = align(sv, tv, *lengths)
    with_words = align(sv, tv, *lengths, texts=(src, tgt))

    link_of = {i: link for link in by_vectors for i in link.source}
    assert link_of[40].target, "the premise: vectors alone absorb the orphan"
    link_of = {i: link for link in with_words for i in link.source}
    assert link_of[40].target == ()
    assert link_of[41].source == (41,) and link_of[41].target == (40,)
    assert sum(1 for link in with_words if len(link.source) == len(link.target) == 1) == 99


def test_a_short_document_is_aligned_by_its_vectors_alone() -> None:
    """Too few pairs to learn words from: the texts change nothing (the memo and the note)."""
    src, tgt = corpus(count=40)
    sv, tv = vectors(40, seed=2, orphan=20, mix=0.25)
    lengths = [len(s) for s in src], [len(t) for t in tgt]
    assert align(sv, tv, *lengths, texts=(src, tgt)) == align(sv, tv, *lengths)


def test_without_lexical_weight_the_texts_change_nothing() -> None:
    src, tgt = corpus(count=80)
    sv, tv = vectors(80, seed=1, orphan=30)
    lengths = [len(s) for s in src], [len(t) for t in tgt]
    off = AlignParams(lexical_weight=0.0)
    assert align(sv, tv, *lengths, texts=(src, tgt), params=off) == align(sv, tv, *lengths, params=off)


@pytest.mark.parametrize(
    ("src_text", "tgt_text"),
    [
        ("...", "。。。"),  # no word at all
        ("", ""),
        ("the same words", "同样的话"),  # every sentence alike: a partner covers no more than a neighbour
    ],
)
def test_texts_that_tell_sentences_apart_by_nothing_change_nothing(src_text: str, tgt_text: str) -> None:
    sv, tv = vectors(80, seed=3, orphan=30)
    lengths = [20] * 80, [20] * 80
    assert align(sv, tv, *lengths, texts=([src_text] * 80, [tgt_text] * 80)) == align(sv, tv, *lengths)
