"""term-drift (across translations) and term-inconsistency (within one), on rows and on the corpora."""

import zlib
from pathlib import Path

import numpy as np
import pytest

from checker.checks.terms import TermDrift, TermInconsistency
from checker.model import Severity
from checker.readers.glossary import Entry, Glossary
from tests.fixtures.corpus import make_corpus
from tests.sharding import assert_shards_agree

CORPORA = Path(__file__).parent.parent / "corpora"


def paragraphs(path: str, lines: bool = False) -> list[str]:
    """The corpus file's paragraphs (or its non-empty lines), as segments."""
    text = (CORPORA / path).read_text(encoding="utf-8")
    if lines:
        return [line.strip() for line in text.splitlines() if line.strip()]
    return [p.strip() for p in text.split("\n\n") if p.strip()]


# Hand alignments of the corpora: source paragraphs to zh-a paragraphs and zh-b lines.
MEMO_LINKS = [
    [((0,), ()), ((1,), (0,)), ((2,), (1,)), ((3, 4), (2, 3)), ((5,), (4,)), ((6,), ()), ((7,), ())],
    [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3, 4), (3, 4)), ((5,), (5,)), ((6, 7), (6,)), ((), (7,))],
]
NOTE_LINKS = [
    [((0,), ()), ((1,), (0,)), ((2,), ()), ((3,), (1,)), ((4,), ()), ((5,), ()), ((6,), (2,)), ((7, 8), (3,)),
     ((9,), (4,)), ((10,), (5,)), ((11,), (6,)), ((12,), ())],
    [((), (0,)), ((0,), ()), ((1,), ()), ((2,), ()), ((3,), (1,)), ((4,), ()), ((5,), ()),
     ((6, 7, 8, 9, 10, 11, 12), (2, 3))],
]


def corpus_of(name: str, links, encoder=None, **options):
    return make_corpus(paragraphs(f"{name}/en.txt"), paragraphs(f"{name}/zh-a.txt"),
                       paragraphs(f"{name}/zh-b.txt", lines=True), links=links, options=options, encoder=encoder)


def renderings(findings) -> set[tuple[str, ...]]:
    return {tuple(f.data["renderings"].values()) for f in findings}


# --- term-drift on the corpora ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "links", "expected", "severity"),
    [
        ("note", NOTE_LINKS, ("任务协调主管", "任务对齐主管"), Severity.MAJOR),
        ("note", NOTE_LINKS, ("全体会议", "全员大会"), Severity.MAJOR),
        ("memo", MEMO_LINKS, ("强大", "鲁棒"), Severity.MINOR),
    ],
)
def test_the_published_drifts_are_found(name, links, expected, severity):
    findings = list(TermDrift().run(corpus_of(name, links)))
    (finding,) = [f for f in findings if tuple(f.data["renderings"].values()) == expected]
    assert finding.severity is severity
    assert [loc.document for loc in finding.locations[:2]] == ["d1", "d2"]
    assert tuple(loc.text for loc in finding.locations[:2]) == expected  # the exact spans
    assert finding.data["source_phrase"]


@pytest.mark.parametrize(("name", "links"), [("note", NOTE_LINKS), ("memo", MEMO_LINKS)])
def test_paraphrase_does_not_flood_the_corpora(name, links):
    findings = list(TermDrift().run(corpus_of(name, links)))
    assert len(findings) <= 5
    flat = {text for pair in renderings(findings) for text in pair}
    # pronouns, near-synonyms sharing a character, names and spellings are not term drift
    assert not flat & {"您", "你们", "珍爱", "珍视", "Mira", "Murati", "OpenAl", "OpenAI", "此刻", "此时"}


def test_without_an_encoder_the_title_is_still_the_best_guess():
    findings = list(TermDrift().run(corpus_of("note", NOTE_LINKS)))
    (title,) = [f for f in findings if "任务对齐主管" in f.data["renderings"].values()]
    assert title.data["source_phrase"] == "Head of Mission Alignment"
    assert title.data["source_guessed"] is True
    assert title.locations[-1].text == "Head of Mission Alignment"


# --- term-drift on small rows -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("source", "a", "b", "expected"),
    [
        ("Josh will be Head of Mission Alignment.", "Josh 将担任任务协调主管。", "Josh 将担任任务对齐主管。",
         ("任务协调主管", "任务对齐主管")),
        ("We can talk about this tomorrow during all-hands.", "我们明天可以在全体会议上讨论这个问题。",
         "我们明天可以在全员大会上讨论这个问题。", ("全体会议", "全员大会")),
        ("Models that are more robust, aligned, and steerable.", "更强大、更一致、更可控的模型。",
         "更鲁棒、更一致、更可控的模型。", ("强大", "鲁棒")),
    ],
)
def test_drift_fires(source, a, b, expected):
    (finding,) = TermDrift().run(make_corpus([source], [a], [b]))
    assert tuple(finding.data["renderings"].values()) == expected
    assert finding.data["renderings"] == {"d1": expected[0], "d2": expected[1]}


@pytest.mark.parametrize(
    ("source", "a", "b"),
    [
        ("We will talk tomorrow.", "我们明天再谈。", "我们明天再谈。"),
        # a whole sentence said another way is paraphrase, not term drift
        ("We will talk tomorrow.", "我们明天再谈。", "此事留待次日详议吧。"),
        # pronouns and adverbs
        ("Thank you for your support.", "感谢您的支持。", "感谢你们的支持。"),
        ("I feel good.", "我感觉很好。", "我感觉非常好。"),
        # numbers written two ways
        ("For six and a half years.", "在这里工作了6年半。", "在这里工作了六年半。"),
        # near-synonyms that share a character
        ("A place one cherishes.", "离开自己珍爱的地方。", "离开自己珍视的地方。"),
        # a name kept in two forms is not a term rendering
        ("Mira explained it to me.", "Mira 向我解释了原因。", "Murati 向我解释了原因。"),
        # pure insertion
        ("It feels right.", "感觉很合适。", "我感觉很合适。"),
    ],
)
def test_drift_does_not_fire(source, a, b):
    assert list(TermDrift().run(make_corpus([source], [a], [b]))) == []


def test_one_translation_has_nothing_to_drift_from():
    assert list(TermDrift().run(make_corpus(["Head of Mission Alignment"], ["任务协调主管"]))) == []


def test_a_glossary_term_is_left_to_the_glossary_check():
    glossary = Glossary("g.csv", (Entry("all-hands", "全员大会"),))
    corpus = make_corpus(["We talk during all-hands."], ["我们在全体会议上谈。"], ["我们在全员大会上谈。"],
                         options={"glossary": glossary})
    assert list(TermDrift().run(corpus)) == []


def test_three_translations_give_one_finding_with_every_rendering():
    corpus = make_corpus(["Josh will be Head of Mission Alignment."], ["Josh 将担任任务协调主管。"],
                         ["Josh 将担任任务对齐主管。"], ["Josh 将担任任务统筹主管。"])
    findings = list(TermDrift().run(corpus))
    assert len(findings) == 1
    assert findings[0].data["renderings"] == {"d1": "任务协调主管", "d2": "任务对齐主管", "d3": "任务统筹主管"}


class FakeEncoder:
    """Vectors by concept: texts listed under one concept are near each other, all others orthogonal."""

    name = "fake"

    def __init__(self, concepts: dict[str, list[str]]):
        self.concept = {text: k for k, texts in enumerate(concepts.values()) for text in texts}
        self.calls = 0

    def encode(self, texts):
        self.calls += 1
        dim = 1024  # room enough that texts of no concept rarely share a vector
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for row, text in enumerate(texts):
            k = self.concept.get(text)
            # a stable hash: Python's hash() of a str changes with every process (PYTHONHASHSEED),
            # and two texts it happened to put in one dimension made a test fail now and then
            spread = zlib.crc32(text.encode("utf-8")) % (dim - len(self.concept))
            out[row, k if k is not None else len(self.concept) + spread] = 1.0
        return out


def test_an_encoder_names_the_source_phrase():
    encoder = FakeEncoder({"title": ["Head of Mission Alignment", "任务协调主管", "任务对齐主管"]})
    source = "Josh Achiam will take on a new role as Head of Mission Alignment, working across the company."
    corpus = make_corpus([source], ["乔希将担任任务协调主管的新职务，负责整个公司的工作。"],
                         ["Josh 将担任任务对齐主管的新职务，负责整个公司的工作。"], encoder=encoder)
    (finding,) = TermDrift().run(corpus)
    assert finding.data["source_phrase"] == "Head of Mission Alignment"
    assert finding.data["source_guessed"] is False
    assert finding.severity is Severity.MAJOR
    assert "'Head of Mission Alignment' is rendered differently" in finding.message
    assert encoder.calls == 1  # one batch for the whole run


def test_renderings_that_point_at_different_source_phrases_are_a_rewrite():
    encoder = FakeEncoder({"new": ["new", "新职务", "职务"], "role": ["role", "新角色", "角色"]})
    corpus = make_corpus(["a new role"], ["担任新职务。"], ["担任新角色。"], encoder=encoder)
    assert list(TermDrift().run(corpus)) == []


# --- term-inconsistency -------------------------------------------------------------------------

def test_the_note_renders_mark_two_ways():
    findings = list(TermInconsistency().run(corpus_of("note", NOTE_LINKS)))
    by_name = {f.data["source_phrase"]: f for f in findings}
    mark = by_name["Mark"]
    assert mark.severity is Severity.MINOR
    assert mark.data["renderings"] == {"马克": 3, "Mark": 1}
    assert [loc.text for loc in mark.locations] == ["马克", "Mark"]
    assert all(loc.document == "d1" for loc in mark.locations)
    assert mark.suggestion == "马克"
    assert set(by_name) == {"Mark", "Josh"}  # 乔希·阿奇亚姆(Josh Achiam), later "Josh将向其汇报"


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["任命马克(Mark)为副总裁。", "马克将担任这一职务。", "Mark 和 Jakub 将向我汇报。"], {"马克": 2, "Mark": 1}),
        (["任命马克（Mark）为副总裁。", "Mark 将担任这一职务。"], {"马克": 1, "Mark": 1}),  # full-width brackets
        (["任命马克(Mark)为副总裁。", "我们欢迎马可(Mark)。"], {"马克": 1, "马可": 1}),
    ],
)
def test_inconsistency_fires(texts, expected):
    (finding,) = TermInconsistency().run(make_corpus(["x"] * len(texts), texts))
    assert finding.data["renderings"] == expected
    assert [loc.text for loc in finding.locations] == list(expected)


@pytest.mark.parametrize(
    "texts",
    [
        ["任命马克(Mark)为副总裁。", "马克将担任这一职务。"],
        ["Mark 将担任副总裁。", "Mark 将担任这一职务。"],  # the name kept in Latin throughout
        ["更鲁棒(robust)的模型。", "robust 是一个术语。"],  # a lower-case gloss is a term note, not a name
        ["决定离开。(After much reflection, I decided.)", "After 是英文。"],
    ],
)
def test_inconsistency_does_not_fire(texts):
    assert list(TermInconsistency().run(make_corpus(["x"] * len(texts), texts))) == []


@pytest.mark.model
def test_with_the_default_model_each_drift_names_its_source_phrase():
    from checker.embedding import load_encoder

    encoder = load_encoder()
    found = {}
    for name, links in (("note", NOTE_LINKS), ("memo", MEMO_LINKS)):
        for finding in TermDrift().run(corpus_of(name, links, encoder=encoder)):
            found[tuple(finding.data["renderings"].values())] = finding
    assert found[("任务协调主管", "任务对齐主管")].data["source_phrase"] == "Head of Mission Alignment"
    assert found[("全体会议", "全员大会")].data["source_phrase"] == "all-hands"
    assert found[("强大", "鲁棒")].data["source_phrase"] == "robust"
    assert not any(f.data["source_guessed"] for f in found.values())


def test_the_encoder_sees_a_bounded_batch_and_the_rest_is_traced_by_position(monkeypatch):
    from checker.text.terms import trace

    monkeypatch.setattr(trace, "ENCODE_BUDGET", 14)
    seen = []

    class Counting(FakeEncoder):
        def encode(self, texts):
            seen.append(len(texts))
            return super().encode(texts)

    left = ["协调", "统筹", "规划", "运营", "管理", "策划", "执行", "监督"]
    right = ["对齐", "协同", "整合", "联络", "沟通", "指导", "评估", "审核"]
    source, a, b = [], [], []
    for x in left:
        for y in right:
            source.append("She is our Head of Mission Alignment.")
            a.append(f"她是我们的任务{x}主管。")
            b.append(f"她是我们的任务{y}主管。")
    corpus = make_corpus(source, a, b, encoder=Counting({}))
    findings = list(TermDrift().run(corpus))
    assert len(findings) == 64
    assert len(seen) == 1 and seen[0] <= 14  # one batch, within the budget
    guessed = [f.data["source_guessed"] for f in findings]
    assert not guessed[0] and guessed[-1]  # document order: the first ones got the encoder


# Issue 11 pattern 9: the TICO-19 memory and the FastAPI docs.
@pytest.mark.parametrize(
    "texts",
    [
        # an acronym glossed once with its expansion, then written bare: the usual convention
        ["世界卫生组织 (WHO) 宣布了大流行。", "WHO 建议勤洗手。"],
        ["采用逆转录聚合酶链反应 (RT-PCR) 检测。", "RT-PCR 检测呈阳性。"],
        # a single letter is a label: 刺突 (S) 蛋白, then S 蛋白
        ["冠状病毒的刺突 (S) 蛋白。", "S 蛋白与受体结合。"],
        # ordinary words before a name describe it, they do not render it
        ["更新程序需要向权威机构（Let's Encrypt）证明它控制该域名。", "Let's Encrypt 创建了。"],
        # an expansion cut with a word before it is the same expansion
        ["FDA 的紧急使用授权 (EUA) 已发布。", "根据紧急使用授权 (EUA)，该药可用于治疗。"],
    ],
)
def test_acronyms_letters_and_descriptions_are_not_inconsistent(texts):
    assert list(TermInconsistency().run(make_corpus(["x"] * len(texts), texts))) == []


def test_two_near_expansions_of_one_acronym_are_inconsistent():
    texts = ["医护人员需穿戴个人防护装备 (PPE)。", "口罩等个人防护设备 (PPE) 短缺。",
             "运送了口罩和其他个人防护装备。", "大众对个人防护设备的需求增加了 100 倍。"]
    (finding,) = TermInconsistency().run(make_corpus(["x"] * len(texts), texts))
    assert set(finding.data["renderings"]) == {"个人防护装备", "个人防护设备"}


# --- shard by shard (a distributed run) -----------------------------------------------------------

NAMES = Path(__file__).parent / "data" / "terms" / "names.en-zh.tmx"
"""TICO-19 units with two renderings of SARS and of PPE, and units of corpora/note between them:
马克(Mark) glossed at unit 4 and bare at unit 104, 乔希·阿奇亚姆(Josh Achiam) bare at 54 and 104."""


def test_term_inconsistency_finds_the_same_shard_by_shard():
    found = assert_shards_agree(TermInconsistency, NAMES)
    by_name = {f["data"]["source_phrase"]: f["data"]["renderings"] for f in found}
    assert by_name == {
        "Mark": {"马克": 3, "Mark": 1},  # 任命马克(Mark): a shard of one unit holds 马克 once
        "Josh Achiam": {"乔希·阿奇亚姆": 1, "Josh Achiam": 1},
        "Josh": {"乔希": 1, "Josh": 1},  # not the Josh of the bare Josh Achiam, which that finding takes
        "SARS": {"重急性呼吸综合征": 9, "急性呼吸道综合征": 6},
        "PPE": {"个人防护装备": 14, "个人防护设备": 5},
    }


def test_term_drift_needs_two_translations_whole_or_in_shards():
    assert TermDrift.shardable()
    assert assert_shards_agree(TermDrift, NAMES, (1, 60)) == []
