"""jieba with its dictionary in a memory-mapped trie: jieba's own words, without its 0.6 s load per run."""

import logging
import shutil

import jieba
import pytest

from checker.text.lexicon import jieba_dict
from checker.text.terms.tokens import words

CASES = [
    "乔希和亚历山德拉在上海见面。",  # transliterations the HMM joins
    "王小明对李华说：“我们明天去北京大学。”",
    "结婚的和尚未结婚的",  # the classic ambiguities
    "南京市长江大桥",
    "他说的确实在理",
    "Python3.11 比 Python 2.7 快 25%，用 pip install -e .[test] 安装。",
    "iPhone15发布会于9月12日举行，小米MIX4售价4999元起",
    "C++和C#都是编程语言，邮箱 a.b@example.com，网址 https://example.com/a_b?x=1",
    "韩冬冬的微信号是hdd_2020-v2",
    "１２３ＡＢＣ全角字符，ｐｙｔｈｏｎ",
    "龘靐齉𠀀𠀁扩展字符",  # characters that are no word, and characters outside jieba's range
    "。。。！？……——",
    "  \t前后有空白\r\n第二行  ",
    "the quick brown fox, no Chinese at all",
    "",
    "中华人民共和国国务院总理李克强今天在人民大会堂会见了来访的美国国务卿" * 3,  # a long run
]


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    """Each test finds no tokenizer made yet, and leaves none behind."""
    jieba_dict.tokenizer.cache_clear()
    words.cache_clear()
    yield
    jieba_dict.tokenizer.cache_clear()
    words.cache_clear()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def own():
    """jieba's own tokenizer, loaded the usual way."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A cache folder the trie was built into, and the tokenizer built."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRANSCHECK_CACHE_DIR", str(folder))
        jieba_dict.tokenizer.cache_clear()
        tokenizer = jieba_dict.tokenizer()
        jieba_dict.tokenizer.cache_clear()
    assert isinstance(tokenizer, jieba_dict.TrieTokenizer)
    assert sorted(p.suffix for p in (folder / "lexicon").iterdir()) == [".freq", ".marisa"]
    return folder, tokenizer


@pytest.fixture(scope="module")
def trie(built):
    return built[1]


@pytest.fixture
def copied(built, cache_dir):
    """A cache folder holding the copy built earlier."""
    shutil.copytree(built[0], cache_dir)
    return cache_dir


@pytest.mark.parametrize("hmm", [False, True], ids=["dictionary", "hmm"])
@pytest.mark.parametrize("text", CASES)
def test_words_are_jiebas_own(trie, own, text, hmm):
    assert list(trie.tokenize(text, HMM=hmm)) == list(own.tokenize(text, HMM=hmm))


def test_search_mode_and_full_mode_too(trie, own):
    text = "中华人民共和国国务院总理在人民大会堂会见了来访的客人"
    assert list(trie.tokenize(text, mode="search")) == list(own.tokenize(text, mode="search"))
    assert trie.lcut(text, cut_all=True) == own.lcut(text, cut_all=True)


@pytest.mark.parametrize("word", ["北京大学", "北京大", "北", "的", "龘", "北京大学生活", "abc", ""])
def test_frequencies_answer_as_jiebas(trie, own, word):
    """A word has its frequency, a prefix of a word that is no word has 0, anything else none."""
    assert trie.FREQ.get(word) == own.FREQ.get(word)
    assert (word in trie.FREQ) == (word in own.FREQ)


def test_a_built_copy_is_mapped_not_built_again(copied, monkeypatch, own):
    monkeypatch.setattr(jieba_dict, "_build", never)
    monkeypatch.setattr(jieba.Tokenizer, "initialize", never)  # nor is jieba's own dictionary loaded
    assert isinstance(jieba_dict.tokenizer(), jieba_dict.TrieTokenizer)
    assert words("乔希和亚历山德拉在上海见面", "zh", True) == tuple(own.tokenize("乔希和亚历山德拉在上海见面"))


def never(*args, **kwargs):
    raise AssertionError("not to be called")


@pytest.mark.parametrize("suffix", [".marisa", ".freq"])
def test_a_damaged_copy_is_rebuilt(copied, own, suffix):
    (copy,) = (copied / "lexicon").glob(f"*{suffix}")
    copy.write_bytes(copy.read_bytes()[:1000])
    tokenizer = jieba_dict.tokenizer()
    assert isinstance(tokenizer, jieba_dict.TrieTokenizer)
    assert list(tokenizer.tokenize(CASES[1])) == list(own.tokenize(CASES[1]))
    assert copy.stat().st_size > 1000


def test_without_a_writable_cache_jieba_loads_its_own(tmp_path, monkeypatch, own):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(blocker / "cache"))
    tokenizer = jieba_dict.tokenizer()
    assert tokenizer is jieba.dt and tokenizer.initialized
    assert words(CASES[0], "zh", True) == tuple(w for w in own.tokenize(CASES[0]) if w[0] != "。")
