"""CC-CEDICT coverage: which words of an en/zh pair have a counterpart on the other side (real snippets)."""

import subprocess
import sys
from pathlib import Path

import pytest

from checker.text.lexicon.cedict import build, gloss_words
from checker.text.lexicon.dictionary import cover, cover_english, coverage, english_words, lemmas

ROOT = Path(__file__).resolve().parent.parent

CACHE = ("The cache is cleared every night.", "缓存每晚清除。")  # issue 12's example
HAY_FEVER = ("and is this the right time for your hay fever", "现在是您得花粉症的时候吗")  # TICO-19
STARLETTE = ("In fact, Starlette uses Uvicorn to run.", "实际上，Starlette 使用 Uvicorn运行。")  # FastAPI docs
FEATURES = ("Features that you almost always need when building APIs, like data validation and serialization.",
            "例如在开发 API 时，所需的数据验证和序列化功能。")  # FastAPI docs
DROPPED = ("The cache is cleared every night. You can change this schedule in the settings.", "缓存每晚清除。")


def counterpart(en: str, zh: str, word: str) -> tuple[str | None, str]:
    """What covers ``word`` of ``en`` in ``zh`` (None when nothing does), and how."""
    (hit,) = [w for w in cover(en, zh).english if w.text == word]
    return (zh[slice(*hit.counterpart)] if hit.counterpart else None), hit.via


MUST_COVER = [
    # (English, Chinese, English word, its counterpart, via)
    (*CACHE, "cleared", "清除", "dictionary"),  # -ed lemmatised
    (*CACHE, "cache", "缓存", "dictionary"),
    ("So, the client sends an HTTPS request.", "接下来，客户端发送一个 **HTTPS 请求**。", "sends", "发", "dictionary"),
    ("So, the client sends an HTTPS request.", "接下来，客户端发送一个 **HTTPS 请求**。", "HTTPS", "https", "verbatim"),
    (*STARLETTE, "uses", "使用", "dictionary"),
    (*STARLETTE, "Uvicorn", "uvicorn", "verbatim"),
    # a two-word gloss matched as one phrase, longest first
    (*HAY_FEVER, "hay", "花粉症", "dictionary"),
    (*HAY_FEVER, "fever", "花粉症", "dictionary"),
    # a plural of a name kept verbatim, a derived word glossed by its stem
    (*FEATURES, "APIs", "API", "verbatim"),
    (*FEATURES, "validation", "验证", "dictionary"),
    # numbers by value, whatever their script
    ("**Fast to code**: Increase the speed to develop features by about 200% to 300%.",
     "**高效编码**：提高功能开发速度约 200％ 至 300％。", "300", "300％", "number"),
    ("And God made two great lights", "于是神造了两个大光", "God", "神", "dictionary"),
    ("And God made two great lights", "于是神造了两个大光", "made", "造", "dictionary"),  # irregular past
]


@pytest.mark.parametrize("en, zh, word, expected, via", MUST_COVER)
def test_must_cover(en, zh, word, expected, via):
    found, how = counterpart(en, zh, word)
    assert (found.lower() if found else found, how) == (expected.lower(), via)


MUST_NOT_COVER = [
    # (English, Chinese, English word with no counterpart)
    (*DROPPED, "schedule"),  # the dropped sentence of issue 12
    (*DROPPED, "settings"),
    ("To do that, and to accommodate different application needs, there are several ways it can do it.",
     "有多种方法可以做到这一点。", "application"),  # a clause left out
    ("In some cases, you might still have to use Pydantic's version of `dataclasses`.",
     "还有一些情况也可以使用 Pydantic 的 `dataclasses`。", "version"),
    # a name kept verbatim only on Latin word boundaries: API is not inside FastAPI
    ("The API is fast.", "FastAPI 很快。", "API"),
]


@pytest.mark.parametrize("en, zh, word", MUST_NOT_COVER)
def test_must_not_cover(en, zh, word):
    assert counterpart(en, zh, word) == (None, "")


def test_a_dropped_sentence_is_uncovered_by_its_span():
    en, zh = DROPPED
    result = cover(en, zh)
    cut = en.index("You")
    assert result.share("english", 0, cut) == 1.0
    assert result.share("english", cut) == 0.0
    assert [en[w.start:w.end] for w in result.uncovered()] == ["change", "schedule", "settings"]
    assert coverage(*CACHE) == 1.0 > coverage(*DROPPED)
    assert result.smoothed_share("english", cut) == 1 / 5  # three words, none covered
    assert result.smoothed_share("english", 0, cut) == 4 / 5


def test_each_chinese_word_renders_one_english_word():
    # Genesis 1:3-4 (KJV), and the Chinese Union Version of 1:3 alone: 光 twice, light four times
    en = ("And God said, Let there be light: and there was light. "
          "And God saw the light, that it was good: and God divided the light from the darkness.")
    zh = "神说，要有光，就有了光。"
    result = cover(en, zh)
    cut = en.index("And God saw")
    assert [w.covered for w in result.english if w.text == "light"] == [True, True, False, False]
    assert result.share("english", 0, cut) == 1.0
    assert result.share("english", cut) == 0.0  # the dropped verse borrows nothing from the kept one


def test_chinese_words_have_counterparts_too():
    en = "It provides **HTTPS certificates for free**, in an automated way."
    zh = "它以自动方式免费提供 **HTTPS 证书**。"
    result = cover(en, zh)
    spans = {w.text: en[slice(*w.counterpart)] for w in result.chinese if w.counterpart}
    assert spans["证书"] == "certificates" and spans["免费"] == "free" and spans["HTTPS"] == "HTTPS"
    added = cover(en, zh + "第一步我们要先获取一些域名。")  # a sentence the source does not have
    assert {"获取", "域名"} <= {w.text for w in added.uncovered("chinese")}
    assert added.chinese_share < result.chinese_share


@pytest.mark.parametrize("en, zh", [CACHE, HAY_FEVER, STARLETTE, FEATURES, DROPPED, ("", ""), ("Hello", "")])
def test_the_english_side_alone_is_covered_as_in_the_pair(en, zh):
    assert cover_english(en, zh) == cover(en, zh).english


@pytest.mark.parametrize("en, zh", [CACHE, DROPPED, ("", ""), ("`0.x.x`", "`0.x.x`"), ("Hello", "")])
def test_coverage_is_a_share(en, zh):
    assert 0.0 <= coverage(en, zh) <= 1.0


@pytest.mark.parametrize("word, lemma", [
    ("cleared", "clear"), ("requests", "request"), ("carried", "carry"), ("running", "run"),
    ("making", "make"), ("findeth", "find"), ("using", "use"), ("wives", "wive"), ("men", "man"),
    ("directly", "direct"), ("automatically", "automatic"), ("validation", "validate"),
    ("documentation", "document"), ("developer", "develop"),
])
def test_lemmas(word, lemma):
    assert lemma in lemmas(word)


@pytest.mark.parametrize("text, words", [
    ("It doesn't need to have any actual code", ["need", "actual", "code"]),
    ("That's why the current versions are still `0.x.x`", ["current", "versions", "0.x.x"]),
])
def test_function_words_are_not_content(text, words):
    assert [word for word, _, _ in english_words(text)] == words


@pytest.mark.parametrize("gloss, words", [
    ("to clear away", ["clear", "away"]),
    ("cache (computing)", ["cache"]),
    ("see 拜拜[bai2 bai2]", []),  # a cross-reference
    ("variant of 緩存|缓存[huan3 cun2]", []),
    ("surname Li", []),
    ("CL:個|个[ge4]", []),
    ("(slang) threesome", ["threesome"]),
])
def test_gloss_words(gloss, words):
    assert gloss_words(gloss) == words


def test_index_keeps_short_glosses_and_phrases():
    text = "\n".join([
        "# CC-CEDICT",
        "清除 清除 [qing1 chu2] /to clear away/to eliminate/to get rid of/",
        "花粉症 花粉症 [hua1 fen3 zheng4] /hay fever/",
        "不做虧心事，不怕鬼敲門 不做亏心事，不怕鬼敲门 [bu4 zuo4 kui1 xin1 shi4] /lit. he who never wrongs"
        " others does not fear the knock at the door at night/",
        "緩存 缓存 [huan3 cun2] /(computing) cache/buffer memory/",
    ])
    index = {word: keys.split("|") for word, keys in build(text).items()}
    assert index["清除"] == ["clear", "away", "clear away", "eliminate", "get", "rid", "get rid"]
    assert index["花粉症"] == ["hay", "fever", "hay fever"]
    assert index["缓存"] == index["緩存"]  # simplified and traditional
    assert "night" in index["不做亏心事，不怕鬼敲门"]  # a long gloss is kept when there is no other


def test_importing_does_not_load_the_dictionary():
    code = ("import sys, checker, checker.text.lexicon.dictionary, checker.text.lexicon.cedict as c; "
            "print(c._index.cache_info().currsize, 'jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["0", "False"]
