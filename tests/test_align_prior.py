"""The prior dictionary inside the aligner: what a user of a short or freely translated page sees.

The vectors are made up (a meaning per sentence, plus noise): a merged Chinese sentence embeds
mostly as its first half, as the small model does, so the embeddings alone cannot tell a merge
from an omission. The words, read through CC-CEDICT (or a made-up dictionary), can.
"""

from __future__ import annotations

import numpy as np
import pytest

from checker.align import align
from checker.align.lexicon import Lexicon, tokens
from checker.align.prior import prior_links, root
from checker.text.lexicon.prior import Cedict, prior_for

EN = [
    "The cache is cleared every night.",
    "You can change this schedule in the settings.",
    "Old files are deleted after seven days.",
    "The server sends a report to the administrator.",
    "Errors are written to the log.",
    "Each user has a separate folder.",
    "Passwords are never stored in plain text.",
    "Backups are copied to a second disk.",
]
ZH = [
    "缓存每晚清除。",
    "你可以在设置中更改这个时间表。",
    "旧文件七天后删除。",
    "服务器向管理员发送报告。",
    "错误写入日志。",
    "每个用户有单独的文件夹。",
    "密码从不以明文保存。",
    "备份复制到第二个磁盘。",
]


def _unit(rows: list[np.ndarray]) -> np.ndarray:
    matrix = np.asarray(rows)
    return (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)


def _page(at: int, dropped: bool, seed: int, weight: float = 0.2) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """English vectors, Chinese vectors and Chinese texts of ``EN`` translated with sentences
    ``at`` and ``at + 1`` joined into one (``dropped``: the second one's words left out). Either
    way the joined sentence embeds as the first plus ``weight`` times the second."""
    rng = np.random.default_rng(seed)
    meaning = rng.normal(size=(len(EN), 64))
    en = [meaning[k] + 0.5 * rng.normal(size=64) for k in range(len(EN))]
    zh, texts = [], []
    k = 0
    while k < len(EN):
        if k == at:
            zh.append(meaning[k] + weight * meaning[k + 1] + 0.5 * rng.normal(size=64))
            texts.append(ZH[k] if dropped else ZH[k].rstrip("。") + "，" + ZH[k + 1])
            k += 2
            continue
        zh.append(meaning[k] + 0.5 * rng.normal(size=64))
        texts.append(ZH[k])
        k += 1
    return _unit(en), _unit(zh), texts


Links = list[tuple[tuple[int, ...], tuple[int, ...]]]


def _links_of(at: int, dropped: bool, seed: int, prior: Cedict | None, weight: float = 0.2) -> Links:
    """The links holding English sentences ``at`` and ``at + 1``."""
    en, zh, texts = _page(at, dropped, seed, weight)
    links = align(en, zh, [len(t) for t in EN], [len(t) for t in texts], texts=(EN, texts), prior=prior)
    return [(link.source, link.target) for link in links if at in link.source or at + 1 in link.source]


MERGED = [((5, 6), (5,))]
LEFT_OUT = [((5,), (5,)), ((6,), ())]


@pytest.mark.parametrize(
    ("dropped", "weight", "seed", "without", "with_dictionary"),
    [
        # "Each user has a separate folder." + "Passwords are never stored in plain text." joined
        # into one Chinese sentence: the embedding barely sees the second half.
        (False, 0.2, 1, LEFT_OUT, MERGED),  # a false omission without the words
        # the second sentence really dropped, its embedding still leaning towards the joined one
        (True, 0.2, 3, MERGED, LEFT_OUT),  # absorbed without the words: the omission is lost
        (True, 0.2, 1, LEFT_OUT, LEFT_OUT),
    ],
)
def test_a_merge_is_one_link_and_a_dropped_sentence_is_left_out_with_the_dictionary(
    dropped: bool, weight: float, seed: int, without: Links, with_dictionary: Links
) -> None:
    assert _links_of(5, dropped, seed, None, weight) == without
    assert _links_of(5, dropped, seed, prior_for("en", "zh"), weight) == with_dictionary


def test_the_dictionary_never_undoes_a_right_choice_on_short_pages_and_often_fixes_a_wrong_one() -> None:
    right = {None: 0, "cedict": 0}
    for at in (0, 3, 5):
        for seed in range(10):
            for dropped in (False, True):
                expected = [((at,), (at,)), ((at + 1,), ())] if dropped else [((at, at + 1), (at,))]
                without = _links_of(at, dropped, seed, None) == expected
                with_dictionary = _links_of(at, dropped, seed, prior_for("en", "zh")) == expected
                assert with_dictionary or not without, (at, seed, dropped)
                right[None] += without
                right["cedict"] += with_dictionary
    assert right["cedict"] >= right[None] + 5  # 41 right of 60 with it, 33 without (when written)


def test_the_dictionary_works_with_chinese_as_the_source() -> None:
    en, zh, texts = _page(3, False, 0)
    links = align(zh, en, [len(t) for t in texts], [len(t) for t in EN], texts=(texts, EN), prior=prior_for("zh", "en"))
    assert ((3,), (3, 4)) in [(link.source, link.target) for link in links]


@pytest.mark.parametrize(
    ("source", "target", "has_prior"),
    [
        ("en", "zh", True),
        ("en-US", "zh-CN", True),
        ("zh_Hans", "en", True),
        ("en", "de", False),  # no dictionary: the learned lexicon alone, no error
        ("fr", "zh", False),
        ("zh", "zh-TW", False),
    ],
)
def test_only_english_and_chinese_have_a_prior(source: str, target: str, has_prior: bool) -> None:
    assert (prior_for(source, target) is not None) == has_prior


def test_a_pair_without_a_dictionary_aligns_as_before() -> None:
    en, zh, texts = _page(3, False, 0)
    links = align(en, zh, [len(t) for t in EN], [len(t) for t in texts], texts=(EN, texts), prior=prior_for("en", "de"))
    assert sorted(s for link in links for s in link.source) == list(range(len(EN)))


@pytest.mark.parametrize(
    ("words", "same"),
    [
        (("clear", "cleared", "clears", "clearing"), True),
        (("city", "cities"), True),
        (("delete", "deleted", "deletes"), True),
        (("copy", "copied", "copies"), True),
        (("clear", "close"), False),
        (("log", "login"), False),
    ],
)
def test_an_english_word_and_its_forms_share_a_root(words: tuple[str, ...], same: bool) -> None:
    roots = {root(word, 6) for word in words}
    assert (len(roots) == 1) == same


class FakePrior:
    """A made-up dictionary: target (Chinese) tokens to English words."""

    side = 1
    name = "fake"

    def __init__(self, table: dict[str, tuple[str, ...]]) -> None:
        self.table = table

    def translations(self, token: str) -> tuple[str, ...]:
        return self.table.get(token, ())


def _vocab(texts: list[str]) -> tuple[dict[str, int], np.ndarray]:
    vocab: dict[str, int] = {}
    counts: list[int] = []
    for text in texts:
        for token in sorted(tokens(text)):
            if token not in vocab:
                vocab[token] = len(vocab)
                counts.append(0)
            counts[vocab[token]] += 1
    return vocab, np.asarray(counts)


@pytest.mark.parametrize(
    ("table", "pair", "linked"),
    [
        ({"清除": ("clear",)}, ("cleare", "清除"), True),  # cleared -> clear
        ({"日志": ("log",)}, ("log", "日志"), True),
        ({"的": ("clear", "aim", "really")}, ("cleare", "的"), False),  # in most sentences: no evidence
        ({"打": tuple("beat strike hit break mix build fight fetch make clear".split())}, ("cleare", "打"), False),
        ({"日志": ("log in",)}, ("log", "日志"), False),  # phrases are not words
    ],
)
def test_prior_pairs_are_words_the_dictionary_knows_and_that_tell_sentences_apart(
    table: dict[str, tuple[str, ...]], pair: tuple[str, str], linked: bool
) -> None:
    src = ["The cache is cleared.", "Errors go to the log.", "It is clear.", "Nothing here.", "Or here."]
    tgt = ["缓存的清除打。", "错误的日志。", "的打。", "的没有。", "也没有。"]
    (sv, sdf), (tv, tdf) = _vocab(src), _vocab(tgt)
    rows, cols = prior_links(FakePrior(table), (sv, tv), (sdf, tdf), (len(src), len(tgt)), 6)
    found = {(s, t) for s, t in zip(rows.tolist(), cols.tolist())}
    assert ((sv[pair[0]], tv[pair[1]]) in found) == linked


def test_a_prior_makes_a_lexicon_of_a_few_sentences_and_the_document_decides_the_rest() -> None:
    src = [tokens(t) for t in EN]
    tgt = [tokens(t) for t in ZH]
    pairs = [(k, k) for k in range(len(EN))]
    assert Lexicon.learn(src, tgt, pairs) is None  # too short to learn from
    lexicon = Lexicon.learn(src, tgt, pairs, prior_for("en", "zh"))
    assert lexicon is not None
    assert {"清除", "清"} & lexicon.translations("cleare")
    assert "日志" in lexicon.translations("log")
