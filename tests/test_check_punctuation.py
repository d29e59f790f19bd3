"""punctuation: unbalanced brackets and quotes, half-width marks in Chinese, doubled words and spaces."""

from pathlib import Path

import pytest

from checker.checks.punctuation import Punctuation
from checker.model import Severity
from tests.fixtures.corpus import make_corpus

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
