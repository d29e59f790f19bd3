"""The glossary check: approved terms required, forbidden variants flagged, no false alarms."""

from pathlib import Path

import pytest

from checker.checks.glossary import GlossaryCheck, near_variants
from checker.model import Severity
from checker.readers.glossary import Entry, Glossary, load
from tests import sharding
from tests.fixtures.corpus import make_corpus

DATA = Path(__file__).parent / "data" / "glossary"
CSV = load(DATA / "terms.csv")
TERMS = Path(__file__).parent / "data" / "terms"


def run(source, target, glossary=CSV, **kwargs):
    corpus = make_corpus([source], [target], options={"glossary": glossary}, **kwargs)
    return list(GlossaryCheck().run(corpus))


@pytest.mark.parametrize(
    ("source", "target", "problem", "span"),
    [
        # the source term is there, the approved term is not: point at the translation
        ("Models that are more robust.", "更稳固的模型。", "missing", "更稳固的模型。"),
        # a forbidden variant, with its exact span
        ("Models that are more robust.", "更强大的模型。", "forbidden", "强大"),
        ("Josh will be Head of Mission Alignment.", "Josh 将担任任务协调主管。", "forbidden", "任务协调主管"),
        # English matching ignores case and handles hyphen/space and plural forms
        ("We talk at the All Hands tomorrow.", "我们明天在全体会议上讨论。", "forbidden", "全体会议"),
        ("Two chief scientists joined.", "两位科学家加入了。", "missing", "两位科学家加入了。"),
        # a forbidden variant fires even where the source does not name the term
        ("We built better systems.", "我们构建了更强大的系统。", "forbidden", "强大"),
    ],
)
def test_fires(source, target, problem, span):
    (finding,) = run(source, target)
    assert finding.data["problem"] == problem
    assert finding.locations[0].document == "d1"
    assert finding.locations[0].text == span
    assert finding.severity is Severity.MAJOR
    assert finding.suggestion == finding.data["target_term"]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Models that are more robust.", "更鲁棒的模型。"),
        ("Models that are more ROBUST.", "更 鲁棒 的模型。"),  # Chinese matching does not rely on spaces
        ("Josh will be Head of Mission Alignment.", "Josh 将担任任务对齐主管。"),
        ("We talk at the all-hands tomorrow.", "我们明天在全员大会上讨论。"),
        ("Our Chief Scientist spoke.", "我们的首席科学家讲话了。"),
        # English matching stops at word boundaries: 'Robusta' (coffee) is not 'robust'
        ("Robusta coffee is strong.", "罗布斯塔咖啡很浓。"),
        # no source term, no approved term needed
        ("Hello world.", "你好，世界。"),
    ],
)
def test_does_not_fire(source, target):
    assert run(source, target) == []


def test_a_forbidden_variant_inside_an_approved_term_the_source_calls_for_is_fine():
    glossary = Glossary("g.csv", (Entry("Head of Mission Alignment", "任务对齐主管"),
                                  Entry("alignment", "对齐", forbidden=("对齐主管",))))
    assert run("Head of Mission Alignment", "任务对齐主管", glossary=glossary) == []


def test_source_term_location_points_at_the_exact_source_span():
    (finding,) = run("Two chief scientists joined.", "两位科学家加入了。")
    assert [loc.text for loc in finding.locations] == ["两位科学家加入了。", "chief scientists"]
    assert finding.locations[1].column == 5


def test_entries_for_another_language_do_not_apply():
    glossary = load(DATA / "terms.tbx")
    assert run("more robust models", "des modèles plus robustes", glossary=glossary, target_lang="fr") == []
    (finding,) = run("more robust models", "des modèles plus solides", glossary=glossary, target_lang="fr")
    assert finding.data["target_term"] == "robuste"


def test_no_glossary_no_findings():
    assert run("Models that are more robust.", "更强大的模型。", glossary=None) == []


def test_every_translation_is_checked():
    corpus = make_corpus(["More robust."], ["更鲁棒。"], ["更强大。"], options={"glossary": CSV})
    (finding,) = GlossaryCheck().run(corpus)
    assert finding.locations[0].document == "d2"


def test_a_missing_name_is_minor_but_a_forbidden_rendering_of_it_is_major():
    from checker.readers.glossary import Entry, Glossary
    from tests.fixtures.corpus import make_corpus

    glossary = Glossary("names.csv", (Entry("Jacob", "雅各", forbidden=("亚各",)),))
    check = GlossaryCheck()
    (pronoun,) = check.run(make_corpus(["And Jacob said unto them."], ["他对他们说。"], options={"glossary": glossary}))
    assert pronoun.severity is Severity.MINOR and pronoun.data["problem"] == "missing"
    (variant,) = check.run(make_corpus(["And Jacob said unto them."], ["亚各对他们说。"],
                                       options={"glossary": glossary}))
    assert variant.severity is Severity.MAJOR and variant.locations[0].text == "亚各"


# Short snippets of the TICO-19 memory with its COVID glossary (which forbids no variant).
TICO = Glossary("f_en-zh_CN.csv", (
    Entry("SARS-CoV", "非典型肺炎冠状病毒（SARS-CoV）", source_lang="en", target_lang="zh_CN"),
    Entry("SARS-CoV-2", "非典型肺炎冠状病毒 2 型（SARS-CoV-2）", source_lang="en", target_lang="zh_CN"),
    Entry("fever", "发热", source_lang="en", target_lang="zh_CN"),
    Entry("hay fever", "花粉症", source_lang="en", target_lang="zh_CN"),
    Entry("outbreak", "爆发", source_lang="en", target_lang="zh_CN"),
))


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # a term inside a longer token is not that term; the approved rendering's gloss counts
        ("Nevertheless, SARS-CoV-2 is less pathogenic.", "不过，SARS-CoV-2 的致病性较低。"),
        # 'fever' inside 'hay fever', which is an entry of its own
        ("i have hay fever though too", "我也有花粉症"),
        ("Common symptoms include a fever, dry cough, and fatigue.", "常见症状有发热、干咳和乏力。"),
    ],
)
def test_terms_match_whole_tokens_longest_first(source, target):
    assert run(source, target, glossary=TICO) == []


def test_a_glossary_that_forbids_nothing_sums_up_the_units_without_its_term_in_one_info_finding():
    sources = ["The outcome of the ongoing SARS-CoV-2 outbreak is also discussed in this context.",
               "The outbreak was confirmed to have spread to Italy on 31 January.",
               "The outbreak of SARS-CoV in 2003."]
    targets = ["在此背景下，我们还讨论了正在发生的 SARS-CoV-2 疫情的结果。",
               "1 月 31 日，疫情确认蔓延到了意大利。",
               "2003 年爆发的 SARS-CoV。"]
    corpus = make_corpus(sources, targets, options={"glossary": TICO})
    (finding,) = GlossaryCheck().run(corpus)
    assert finding.severity is Severity.INFO
    assert (finding.data["source_term"], finding.data["without"], finding.data["units"]) == ("outbreak", 2, 3)
    assert finding.locations[0].text == targets[0]


def test_a_forbidden_variant_stays_major_where_other_entries_forbid_nothing():
    strict = Entry("outbreak", "爆发", forbidden=("暴发",), source_lang="en", target_lang="zh_CN")
    glossary = Glossary("g.csv", (*TICO.entries[:-1], strict))
    (finding,) = run("The outbreak of SARS-CoV in 2003.", "2003 年暴发的 SARS-CoV。", glossary=glossary)
    assert finding.severity is Severity.MAJOR and finding.locations[0].text == "暴发"


@pytest.mark.parametrize(
    ("entry", "source", "target"),
    [
        # a Latin approved term is found in Chinese text in any case and with either separator
        (Entry("COVID-19", "COVID-19", forbidden=("新冠",)), "COVID-19 cases rose.", "Covid-19 病例增加。"),
        (Entry("MERS CoV", "冠状病毒（MERS CoV）", forbidden=("中东冠状病毒",)),
         "MERS CoV was isolated in 2012.", "MERS-CoV 于 2012 年被分离出来。"),
    ],
)
def test_latin_approved_terms_in_chinese_text(entry, source, target):
    assert run(source, target, glossary=Glossary("g.csv", (entry,))) == []


def _memory(term_source, followed, deviating):
    """A memory whose units mostly follow the glossary for one term, and the units that do not."""
    sources = [f"The {term_source} case number {k} was reported." for k in range(len(followed))]
    sources += [f"The {term_source} was confirmed again." for _ in deviating]
    glossary = Glossary("g.csv", (*TICO.entries, Entry("coronavirus", "冠状病毒", source_lang="en", target_lang="zh_CN")))
    return make_corpus(sources, [*followed, *deviating], options={"glossary": glossary})


def test_where_the_memory_follows_the_glossary_a_slip_of_the_term_is_major():
    followed = [f"第 {k} 例冠状病毒病例已报告。" for k in range(12)]
    corpus = _memory("coronavirus", followed, ["冠形病毒再次得到确认。"])
    (finding,) = [f for f in GlossaryCheck().run(corpus) if f.data["source_term"] == "coronavirus"]
    assert finding.severity is Severity.MAJOR
    assert finding.locations[0].text == "冠形病毒再次得到确认。"
    assert "12 of the 13 units" in finding.message and finding.data["variant"] == "冠形病毒"


def test_where_the_memory_follows_the_glossary_another_wording_is_minor():
    followed = [f"第 {k} 例冠状病毒病例已报告。" for k in range(12)]
    corpus = _memory("coronavirus", followed, ["该病毒再次得到确认。"])
    (finding,) = [f for f in GlossaryCheck().run(corpus) if f.data["source_term"] == "coronavirus"]
    assert finding.severity is Severity.MINOR and finding.locations[0].text == "该病毒再次得到确认。"


def test_where_the_memory_mostly_renders_the_term_otherwise_one_summary_lists_every_unit():
    followed = [f"第 {k} 例冠状病毒病例已报告。" for k in range(8)]
    deviating = ["冠形病毒再次得到确认。", "该病毒再次得到确认。", "新冠病毒再次得到确认。"]
    corpus = _memory("coronavirus", followed, deviating)
    (finding,) = [f for f in GlossaryCheck().run(corpus) if f.data["source_term"] == "coronavirus"]
    assert finding.severity is Severity.INFO
    assert [loc.text for loc in finding.locations if loc.document == "d1"] == deviating


@pytest.mark.parametrize(
    ("term", "text", "variants"),
    [
        ("冠状病毒", "冠形病毒再次得到确认。", ["冠形病毒"]),
        ("社交距离", "英国政府才开始对其公民实施各种形式的保持社会距离或大规模隔离措施。", ["社会距离"]),
        ("新型冠状病毒", "新冠状病毒的潜伏期", ["新冠状病毒"]),
        # an accepted abbreviation, a two-character term, the term itself: no slip
        ("冠状病毒", "新冠病毒再次得到确认。", []),
        ("感染", "请像对待其他传染病一样采取预防措施", []),
        ("冠状病毒", "冠状病毒再次得到确认。", []),
    ],
)
def test_near_variants_of_a_term(term, text, variants):
    assert near_variants(term, text) == variants


def test_the_glossary_statistics_are_the_whole_files_shard_by_shard():
    # TICO-19 units and five entries of its glossary, none forbidding a variant: each unit without
    # a term is judged by the whole file's counts, and a summary lists units of several shards
    found = sharding.assert_shards_agree(GlossaryCheck, TERMS / "names.en-zh.tmx", glossary=TERMS / "covid-terms.csv")
    assert [(f["data"]["source_term"], f["severity"], f["data"]["without"], f["data"]["units"]) for f in found] == [
        ("coronavirus", "minor", 1, 38), ("fever", "info", 3, 13), ("outbreak", "info", 4, 39),
        ("personal protective equipment", "info", 4, 12)]
    assert [len(f["locations"]) for f in found] == [2, 4, 5, 5]
