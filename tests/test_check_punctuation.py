"""punctuation: unbalanced brackets and quotes, half-width marks in Chinese, doubled words and spaces."""

from pathlib import Path

import pytest

from checker.checks.punctuation import Punctuation
from checker.model import Severity
from tests.fixtures.corpus import make_corpus
from tests.shard_steps import assert_steps_agree
from tests.sharding import assert_shards_agree
from tests.test_gate import FakeEncoder

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def run_zh(*texts):
    """Findings on a Chinese translation made of ``texts`` (one segment each)."""
    corpus = make_corpus(["x"] * len(texts), list(texts))
    return [f for f in Punctuation().run(corpus) if f.locations[0].document == "d1"]


def run_en(*texts):
    corpus = make_corpus(list(texts), ["好"] * len(texts))
    return [f for f in Punctuation().run(corpus) if f.locations[0].document == "d0"]


@pytest.mark.parametrize(
    ("texts", "span", "issue"),
    [
        (["他说（这是真的。"], "（", "unbalanced"),
        (["他说这是真的）。"], "）", "unbalanced"),
        (["“我们明天讨论。"], "“", "unbalanced"),
        (["我们明天讨论。”"], "”", "unbalanced"),
        (["他读了《三体。"], "《", "unbalanced"),
        (["这是【重要的通知。"], "【", "unbalanced"),
        (["他说,我们明天讨论。"], ",", "half-width"),
        (["我们明天讨论?"], "?", "half-width"),
        (["马克(Mark)是新的负责人。"], "(", "half-width"),
        (["你可以向 **FastAPI** 应用添加中间件."], ".", "half-width"),
    ],
)
def test_chinese_fires(texts, span, issue):
    (finding,) = run_zh(*texts)
    assert finding.locations[0].text == span
    assert finding.data["issue"] == issue
    assert finding.severity == Severity.MINOR


@pytest.mark.parametrize(
    ("texts", "span", "issue", "severity"),
    [
        (["He said (this is true."], "(", "unbalanced", Severity.MINOR),
        (['He said "this is true.'], '"', "unbalanced", Severity.MINOR),
        (["We built the the models."], "the the", "doubled-word", Severity.MINOR),
        (["The The models are here."], "The The", "doubled-word", Severity.MINOR),
        (["We built  the models."], "  ", "double-space", Severity.INFO),
    ],
)
def test_english_fires(texts, span, issue, severity):
    (finding,) = run_en(*texts)
    assert finding.locations[0].text == span
    assert finding.data["issue"] == issue
    assert finding.severity == severity


@pytest.mark.parametrize(
    "texts",
    [
        ["他说：“我们明天讨论。”"],
        ["“离开自己珍爱的地方永远没有理想的时机。", "我们不仅构建了更智能的模型。”"],  # a quote over two sentences
        ["马克（Mark）是新的负责人。"],
        ["我们触达了 1,000,000 人，增长 3.5 倍。"],  # digits keep their separators
        ["Sam 和 Greg 对我领导技术组织的信任。"],
        ["谢谢谢谢，常常来玩。"],  # reduplication is Chinese, not a doubled word
        ["详情见 https://example.com/a_(b) 页面。"],  # brackets inside a URL
        ["(After much reflection, I have made the decision to leave.)"],  # English inside Chinese text
        # the ')' closing a Markdown link destination, and an attribute list after it
        ['请查阅 [Async: *"In a hurry?"*](https://fastapi.tiangolo.com/async/#in-a-hurry)'
         "{.internal-link target=_blank}。"],
        ["是 [最快的 Python web 框架之一](#_11)。"],
        # brackets, braces and spaces inside an inline tag's attributes (XLIFF equiv-text)
        ['储存池 <x id="INTERPOLATION" equiv-text="{{ backends?.[0]  }}"/> 已连接'],
        ["实时协作..."],  # an ellipsis of dots, as a menu item has it (excalidraw's zh-CN.json)
        ["自动摘要功能内部会生成 .rst 文件。"],  # a file extension (sphinx's PO)
    ],
)
def test_chinese_does_not_fire(texts):
    assert run_zh(*texts) == []


@pytest.mark.parametrize(
    "texts",
    [
        ["He said (and meant it) that it was true."],
        ["He said that that was true."],  # legitimate doubled words
        ["He had had enough."],
        ["Every man that offered offered an offering of gold."],
        ["The list: a) one, b) two."],
        ["Great news :)"],
        ["He said (this is true.", "And so it was.)"],  # an aside over two sentences
        ["“It runs on,", "“and on into the next paragraph.”"],
        # a straight-quoted quotation that opens in one unit and closes in the next (TICO-19 TMX)
        ['"All countries can still change the course of this pandemic.',
         'If countries detect, test, treat, isolate, trace and mobilize their people in the response," '
         'said Tedros Adhanom Ghebreyesus, the Director-General of the WHO.'],
        ["Hussein A A, et al studied several candidate compounds."],  # initials, not a doubled word
    ],
)
def test_english_does_not_fire(texts):
    assert run_en(*texts) == []


def test_half_width_punctuation_is_one_finding_per_document():
    """corpora/memo/zh-a.txt uses half-width commas throughout: one finding with a count."""
    lines = [line for line in (CORPORA / "memo" / "zh-a.txt").read_text(encoding="utf-8").splitlines() if line]
    findings = [f for f in run_zh(*lines) if f.data["issue"] == "half-width"]
    (finding,) = findings
    commas = sum(line.count(",") for line in lines) - 1  # less the comma of the quoted English
    # and the half-width bracket opening the English quote right after "决定。"
    assert finding.data["by_char"] == {",": commas, "(": 1}
    assert finding.data["count"] == commas + 1
    assert all(loc.text == "," for loc in finding.locations)  # the first mark of each segment
    assert len(finding.locations) == len(lines)
    assert finding.severity == Severity.MINOR


def test_one_kind_of_mark_suggests_its_full_width_form():
    (finding,) = run_zh("他说,我们明天讨论,好吗。", "她说,好。")
    assert finding.data["count"] == 3
    assert finding.suggestion == "，"


def test_published_renderings_are_balanced():
    for name in ("memo/zh-b.txt", "note/zh-b.txt", "memo/en.txt", "note/en.txt"):
        lines = [line for line in (CORPORA / name).read_text(encoding="utf-8").splitlines() if line]
        findings = run_en(*lines) if name.endswith("en.txt") else run_zh(*lines)
        assert [f for f in findings if f.data["issue"] != "double-space"] == [], name


def test_a_lone_straight_quote_far_from_its_partner_still_fires():
    """A quote left open is paired only with one closing within the next few units."""
    texts = ['He said "this is true.', "One.", "Two.", "Three.", 'And so it was" he said.']
    assert [f.locations[0].text for f in run_en(*texts)] == ['"', '"']


def test_a_smiley_is_not_half_width_punctuation():
    (finding,) = run_zh("只有加(星标*)的必须填写 :)")  # rclone's Angular XLIFF
    assert finding.data["by_char"] == {"(": 1, ")": 1}


def test_code_blocks_are_not_punctuated(tmp_path):
    """A JSON block cut short with '...' (FastAPI's first-steps.md) leaves its braces open."""
    from checker.model import Corpus, Role
    from checker.readers import read

    block = '```JSON\n{\n    "openapi": "3.1.0",\n    "info": {\n        "title": "FastAPI",\n\n...\n```\n'
    (tmp_path / "en.md").write_text("It shows:\n\n" + block, encoding="utf-8")
    (tmp_path / "zh.md").write_text("它显示：\n\n" + block.replace("3.1.0", "3.0.2"), encoding="utf-8")
    en = read(tmp_path / "en.md", doc_id="d0", role=Role.SOURCE, lang="en")
    zh = read(tmp_path / "zh.md", doc_id="d1", role=Role.TRANSLATION, lang="zh")
    assert [s.kind for s in zh.segments] == ["paragraph", "code"]  # type: ignore[union-attr]
    assert list(Punctuation().run(Corpus(en, (zh,), {}))) == []  # type: ignore[arg-type]


def _units(pairs):
    """A bilingual catalogue: (msgid, msgstr) units keyed by msgid, as the PO reader gives them."""
    from checker.model import Corpus, Document, Role, Segment

    en = Document("d0", Role.SOURCE, "zh_CN.po", "en",
                  tuple(Segment(k, a, k, key=a) for k, (a, _) in enumerate(pairs)))
    zh = Document("d1", Role.TRANSLATION, "zh_CN.po", "zh",
                  tuple(Segment(k, b, k, key=a) for k, (a, b) in enumerate(pairs)))
    return list(Punctuation().run(Corpus(en, (zh,), {})))


def test_a_fragment_whose_bracket_both_languages_leave_open_is_by_design():
    findings = _units([(" (in ", " (在 ")])  # sphinx's PO: the program closes it later
    assert [f.data["issue"] for f in findings] == ["half-width"]


def test_a_bracket_only_the_translation_leaves_open_still_fires():
    (finding,) = _units([("(in the index)", "（在索引中")])
    assert finding.locations[0].document == "d1" and finding.locations[0].text == "（"


def test_doubled_words_of_one_passage_are_one_finding():
    text = "We built the the models and and the the tools, then then shipped them."
    (finding,) = [f for f in run_en(text) if f.data.get("issue") == "doubled-word"]
    assert finding.data["count"] == 4 and "'the', 'and', 'then'" in finding.message
    assert finding.locations[0].text == "the the"


SLIPS = Path(__file__).resolve().parent / "data" / "sharding" / "slips.po"


def test_shards_of_a_file_find_what_the_whole_file_finds():
    """Brackets and quotes pair across units, a bracket the other language leaves open too is
    a fragment, and the half-width marks and runs of spaces of the file are one finding each."""
    found = assert_shards_agree(Punctuation, SLIPS, (1, 7, 60), spec=FakeEncoder)
    assert assert_steps_agree(Punctuation, SLIPS)  # and in the check's own order
    assert [(f["data"]["issue"], f["locations"][0]["segments"][0]) for f in found if f["severity"] != "info"] == [
        ("doubled-word", 28), ("unbalanced", 33), ("unbalanced", 47), ("unbalanced", 52),
        ("half-width", 11), ("unbalanced", 49)]
    half_width = next(f for f in found if f["data"]["issue"] == "half-width")
    assert (half_width["data"]["count"], len(half_width["data"]["segments"])) == (45, 25)
    spaces = next(f for f in found if f["data"]["issue"] == "double-space")
    assert spaces["data"]["count"] == 3


@pytest.mark.parametrize("name", ["realworld/sphinx-po/sphinx.po", "realworld/rclone-xliff/messages.zh-CN.xlf",
                                  "formats/memory.tmx", "formats/messages.po", "formats/ui-2.0.xlf"])
def test_steps_over_shards_of_shipped_files_give_the_whole_files_findings(name):
    assert_steps_agree(Punctuation, SLIPS.parent.parent / name)
