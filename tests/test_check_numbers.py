"""number-mismatch: values compared per aligned sentence; real disagreements only."""

from pathlib import Path

import pytest

from checker.checks.numbers import NumberMismatch
from checker.model import Severity
from tests.fixtures.corpus import make_corpus

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def run(source, *targets, **kwargs):
    corpus = make_corpus(source if isinstance(source, list) else [source],
                         *[t if isinstance(t, list) else [t] for t in targets], **kwargs)
    return list(NumberMismatch().run(corpus))


@pytest.mark.parametrize(
    ("source", "target", "span", "source_span", "severity"),
    [
        ("My six-and-a-half years with the team.", "我在团队工作了6年。", "6", "six-and-a-half", Severity.MAJOR),
        ("The deal is worth 450 million dollars.", "这笔交易价值45亿美元。", "45亿", "450 million", Severity.MAJOR),
        ("The deal is worth 450 million dollars.", "这笔交易价值4.5万美元。", "4.5万", "450 million", Severity.MAJOR),
        ("It was signed on 14 March 2025.", "协议于2025年3月15日签署。", "15", "14", Severity.MAJOR),
        ("We hired twenty-one people.", "我们雇用了二十二人。", "二十二", "twenty-one", Severity.MAJOR),
        ("Revenue grew 45%.", "收入增长了54%。", "54%", "45%", Severity.MAJOR),
        ("It happened for the third time.", "这是第二次发生。", "第二", "third", Severity.MAJOR),
        ("He left in November 2023.", "他于2022年11月离开。", "2022", "2023", Severity.MAJOR),
        ("Half a million people attended.", "五万人参加了。", "五万", "Half a million", Severity.MAJOR),
        # a number in the source and none in the translation: missing
        ("He stayed for 12 years.", "他待了很多年。", "12", "他待了很多年。", Severity.MAJOR),
        # small counts are often carried by words (两 -> 一对): still reported, but minor
        ("The two sides agreed.", "双方同意了。", "two", "双方同意了。", Severity.MINOR),
        # a number only the translation has: added, minor
        ("He left last year.", "他于2023年离开。", "2023", "He left last year.", Severity.MINOR),
        # "about" qualifies a stated number; a translation that states another one changed it
        ("About six hundred thousand men went on foot.", "步行的男人约有七十万。", "七十万",
         "six hundred thousand", Severity.MAJOR),
        ("Nearly 40 people came.", "近五十人来了。", "五十", "40", Severity.MAJOR),
        # a number copied in digits matches only itself, hedged or a range (FastAPI docs, TICO-19)
        ("Increase the speed to develop features by about 200% to 300%.", "提高功能开发速度约 201％ 至 300％。",
         "201％", "200%", Severity.MAJOR),
        ("//// tab | Python 3.8+ non-Annotated", "//// tab | Python 3.9+ 没Annotated", "3.9", "3.8", Severity.MAJOR),
        ("When HCoV-OC43 crossed species to infect humans from domestic livestock around 1890, a pandemic "
         "of respiratory infection was recorded.", "在 1891 年前后，当 HCoV-OC43 从家畜跨物种感染人类时，就出现了"
         "呼吸道传染病的大流行。", "1891", "1890", Severity.MAJOR),
        # a stated 2 pairs with the translation's stated number, not with the 2 of a name
        ("Severe acute respiratory syndrome coronavirus 2 (SARS-CoV-2) is a novel virus, first isolated from "
         "three people with pneumonia.", "严重急性呼吸综合征冠状病毒 3 型 (SARS-CoV-2) 是一种新型病毒，最先是从"
         " 3 名肺炎患者身上分离出的。", "3", "2", Severity.MAJOR),
    ],
)
def test_fires(source, target, span, source_span, severity):
    (finding,) = run(source, target)
    assert finding.severity == severity
    assert [loc.text for loc in finding.locations] == [span, source_span] or \
        [loc.text for loc in finding.locations] == [source_span, span]
    assert finding.locations[0].document in {"d0", "d1"}


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("My six-and-a-half years with the team.", "我在团队工作了6年半时间。"),
        ("My six-and-a-half years with the team.", "我已经在团队工作了六年半。"),
        ("the last 6.5 years", "过去6年半的时间里"),
        ("It costs 450 million dollars.", "它耗资4.5亿美元。"),
        ("They raised 4 billion.", "他们筹集了40亿。"),
        ("It was signed on 14 March 2025.", "协议于 2025 年 3 月 14 日签署。"),
        ("He left in November 2023.", "他于2023年11月离开。"),
        ("We hired twenty-one people.", "我们雇用了21人。"),
        ("Revenue grew 45 percent.", "收入增长了百分之四十五。"),
        ("It is the first time.", "这是第一次。"),
        # false-positive traps: pronouns, articles, words with 一, approximations
        ("There's never a time to leave a place one cherishes.", "离开自己珍爱的地方永远没有理想的时机。"),
        ("I have over the past year or so spent my time on it.", "在过去一年左右的时间里，我把时间花在了这上面。"),
        ("It is an important company.", "这是一家重要的公司，我们一起统一了一份计划，一直如此。"),
        ("We reach hundreds of millions of people.", "我们触达了数亿人。"),
        ("He worked there for more than ten years.", "他在那里工作了十多年。"),
        ("On one hand it is a privilege.", "一方面，这是一种荣幸。"),
        ("Both of them agreed.", "两人都同意了。"),
        ("We talked for a few days.", "我们谈了几天。"),
        # hedges and ranges of about the same size
        ("About six hundred thousand men went on foot.", "步行的男人约有六十万。"),
        ("About six hundred thousand men went on foot.", "步行的男人有六十多万。"),
        ("About 40 people came.", "来了四十五人左右。"),
        ("Some 1,200 people came.", "约有一千二百五十人来了。"),
        ("Increase the speed to develop features by about 200% to 300%.", "提高功能开发速度约 200％ 至 300％。"),
        ("//// tab | Python 3.8+ non-Annotated", "//// tab | Python 3.8+ 没Annotated"),
        ("He has 10+ years of experience.", "他有十多年的经验。"),
        ("Severe acute respiratory syndrome coronavirus 2 (SARS-CoV-2) is a novel virus, first isolated from "
         "three people with pneumonia.", "严重急性呼吸综合征冠状病毒 2 型 (SARS-CoV-2) 是一种新型病毒，最先是从"
         " 3 名肺炎患者身上分离出的。"),
        # business text
        ("Q3 revenue rose 12% year over year to $4.2 billion.", "第三季度营收同比增长12%，达到42亿美元。"),
        ("The company has over 3,000 employees.", "该公司拥有3000多名员工。"),
        ("Half a million people attended.", "五十万人参加了。"),
        ("Two-thirds of users agreed.", "三分之二的用户同意。"),
        ("We offer 24/7 support.", "我们提供全天候支持。"),
        ("It grew over the past decade.", "它在过去十年中不断增长。"),
        ("The meeting is at 10:00 on 3/14/2025.", "会议于2025年3月14日10点举行。"),
        # a repeated number folded by the translation
        ("It rained forty days and forty nights.", "下了四十昼夜的雨。"),
        # digits inside names and URLs are not numbers
        ("Our release of OpenAI o1 and GPT-4.", "我们发布了 OpenAI o1 和 GPT-4。"),
        ("See https://example.com/v2/page3.", "见 https://example.com/v2/page3。"),
    ],
)
def test_does_not_fire(source, target):
    assert run(source, target) == []


def test_finding_carries_values_and_suggestion():
    (finding,) = run("My six-and-a-half years with the team.", "我在团队工作了6年。")
    assert finding.data["source_values"] == [6.5]
    assert finding.data["target_values"] == [6]
    assert finding.suggestion == "6.5"
    assert "6.5" in finding.message and "6" in finding.message


def test_only_aligned_sentences_are_compared():
    """Numbers are compared per link: the same number in another sentence does not help."""
    findings = run(["He is 40.", "She is 30."], ["他30岁。", "她40岁。"])
    assert sorted(f.locations[0].text for f in findings) == ["30", "40"]


def test_omitted_sentences_are_left_to_the_omission_check():
    assert run(["He is 40.", "She is 30."], ["他40岁。"]) == []


def _sentence(corpus_file: str, text: str) -> str:
    """A sentence quoted verbatim from a test corpus (fails if the corpus changes)."""
    assert text in (CORPORA / corpus_file).read_text(encoding="utf-8")
    return text


def test_memo_and_note_renderings_agree():
    """The published renderings of 'six-and-a-half years' / '6.5 years' produce no finding."""
    memo = make_corpus(
        [_sentence("memo/en.txt",
                   "My six-and-a-half years with the OpenAl team have been an extraordinary privilege.")],
        [_sentence("memo/zh-a.txt", "Mira Murati在OpenAI团队工作了6年半时间,称这是一份非凡的荣幸。")],
        [_sentence("memo/zh-b.txt", "我已经在 OpenAI 团队工作了六年半，这是我的荣幸。")],
    )
    note = make_corpus(
        [_sentence("note/en.txt", "Mira has been instrumental to OpenAI’s progress and growth the last 6.5 years; "
                   "she has been a hugely significant factor in our development from an unknown research lab "
                   "to an important company."),
         _sentence("note/en.txt", "I have over the past year or so spent most of my time on the non-technical "
                   "parts of our organization; I am now looking forward to spending most of my time on the "
                   "technical and product parts of the company."),
         _sentence("note/en.txt", "On one hand it’s a privilege to build AGI and be the fastest-growing company "
                   "that gets to put our advanced research in the hands of hundreds of millions of people.")],
        [_sentence("note/zh-a.txt", "Sam Altman今日也回应了Mira Murati的离开,称过去6年半的时间里,"
                   "Mira对 OpenAI的进步和成长起到了重要作用;"
                   "她对我们从一个不知名的研究实验室发展成一家重要公司起到了至关重要的作用。"),
         _sentence("note/zh-a.txt", "“在过去一年左右的时间里,我大部分时间都花在了我们组织的非技术部分;现在,"
                   "我期待着将大部分时间花在公司的技术和产品部分。”"),
         "一方面，能够打造AGI并成为发展最快的公司，把我们的先进研究交到数亿人手中，是一种荣幸。"],
    )
    assert list(NumberMismatch().run(memo)) == []
    assert list(NumberMismatch().run(note)) == []


def test_sample_report_case_is_found():
    """zh-a of the sample report says 6 years where the source says six and a half."""
    (finding,) = run("My six-and-a-half years with the OpenAl team have been an extraordinary privilege.",
                     "我在OpenAI团队工作了6年，这是一份非凡的荣幸。")
    assert finding.severity == Severity.MAJOR
    assert [loc.text for loc in finding.locations] == ["6", "six-and-a-half"]


def test_wide_links_are_minor():
    """Where an aligner merged four sentences into one, a missing number is only minor."""
    source = ["Hi All–", "Mira has been instrumental the last 6.5 years.", "She informed me.", "For the past year."]
    (finding,) = run(source, ["随后，他公布了过渡计划。"], links=[[((0, 1, 2, 3), (0,))]])
    assert finding.severity == Severity.MINOR
    assert finding.locations[0].text == "6.5"
    (finding,) = run(source[1], "随后，他公布了过渡计划。")
    assert finding.severity == Severity.MAJOR


@pytest.mark.parametrize(("source", "target"), [
    ("%s has %d items", "%2$d 个项目属于 %1$s"),
    ("Page {0} of {1}", "第 {0} 页，共 {1} 页"),
])
def test_digits_inside_placeholders_are_not_numbers(source, target):
    assert list(NumberMismatch().run(make_corpus([source], [target]))) == []


@pytest.mark.parametrize(("source", "target", "span"), [
    # ordinals and weak words are not addends: 1st + 2nd is not a third year
    ("In the first month, in the second year, they came.", "第三年正月，他们来了。", "第三"),
    ("One lamb in the morning and seven lambs at even.", "早晨一只羊羔，晚上八只羊羔。", "八"),
    # 山上 is a place, not "about": forty days on the mount is not 五十昼夜
    ("Moses was in the mount forty days and forty nights.", "摩西在山上五十昼夜。", "五十"),
])
def test_changed_numbers_hidden_by_sums_or_approximation_are_found(source, target, span):
    found = list(NumberMismatch().run(make_corpus([source], [target])))
    assert any(loc.text == span for f in found for loc in f.locations), found


@pytest.mark.parametrize(("source", "target"), [
    ("Ninety years old and nine.", "九十九岁。"),
    ("Hundreds of people came.", "上百人来了。"),
])
def test_sums_and_approximations_still_match(source, target):
    assert list(NumberMismatch().run(make_corpus([source], [target]))) == []


# Real sentences of the TICO-19 memory, the FastAPI docs and excalidraw's locales (issue 11):
# the same values written the way each language writes them.
@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("more than 50 million people are in lockdown in the Philippines",
         "菲律宾有 5,000 多万人处于封锁状态"),
        ("reportedly affecting more than 200,000 students worldwide.", "已影响到全球20多万名考生。"),
        ("Later in the 1890s, human coronavirus OC43 diverged from bovine coronavirus.",
         "19 世纪 90 年代后期，人类冠状病毒 OC43 从牛冠状病毒中分化出来。"),
        ("Coronaviruses were first discovered in the 1930s.", "冠状病毒最早于二十世纪三十年代被发现。"),
        ("The genome size for coronaviruses ranges from 26.4 to 31.7 kilobases.",
         "冠状病毒的基因组大小约为 2.64 至 3.17 万个碱基。"),
        ("the pandemic-induced recession could leave between 14 and 22 million more people in extreme poverty",
         "大流行引发的经济衰退可能会导致极贫人口多出 1,400 万至 2,200 万"),
        ("approximately one person in six becomes seriously ill", "约六分之一的患者会转为重症"),
        ("three novel HCoVs have emerged in the past two decades.", "在过去二十年中出现了三种新型 HCoV。"),
        ("12.5 beds per 100,000 population in 2010–11", "2010-2011 年每 10 万人拥有 12.5 张床位"),
        ("a 48 hours weekend hackathon with more than 42.000 participants",
         "一场48小时的周末黑客马拉松，参与人数超过 42,000 人"),
        ("as high as 6.47 with a 95% confidence interval (CI) of 5.71-7.23", "高达 6.47，95% 置信区间 (CI) 为 5.71-7.23"),
        ("(732 of 1,037, 71%)", "(732/1,037, 71%)"),
        ("the May/June 2020 series across all countries", "2020年5月/6月的系列考试"),
        ("The interleukin-6 receptor antagonist was approved by the FDA.", "白细胞介素 6 受体拮抗剂已获 FDA 批准。"),
        ("To keep pre-2.0 behaviour, set master_doc.", "为了保留 2.0 之前的行为，请设置 master_doc。"),
        ("It could be just one or two lines of code, like:", "回调代码可能只有一两行，比如："),
        ("Second, the tool handles thousands of requests per second.", "其次，该工具每秒可处理数千个请求。"),
        ("a bat CoV termed ARCoV.2 detected in the tricolored bat", "在三色蝙蝠中检测到的蝙蝠冠状病毒 ARCoV.2"),
        ("sporadic cases and clusters of MERS continue to occur", "MERS 的零星病例和聚集性病例仍在不断出现"),
        ("Independent TechEmpower benchmarks show", "第三方机构 TechEmpower 的基准测试表明"),
        ("Hex code", "十六进制值"),
        ("in addition to four Poles, a Chinese person, and an Indian citizen.",
         "另外还撤回了 4 名波兰人、1 名中国人和 1 名印度人。"),
        ("more than triple the rate of bacterial infectious disease", "细菌感染性疾病比例增加三倍以上"),
        ("Emergence of novel HCoVs: back to ground zero", "新型 HCoV 的出现：回到原点"),
    ],
)
def test_values_written_differently_agree(source, target):
    assert run(source, target) == []


@pytest.mark.parametrize(
    ("source", "target", "source_span"),
    [
        # the readings above make values comparable; they do not make a changed value agree
        ("The genome size ranges from 26 to 32 kilobases.", "基因组大小约在 2.6 到 3.5 万个碱基之间。", "32"),
        ("more than 50 million people are in lockdown", "有 500 多万人处于封锁状态", "50 million"),
        ("approximately one person in six becomes seriously ill", "约五分之一的患者会转为重症", "six"),
        ("three novel HCoVs have emerged in the past two decades.", "在过去三十年中出现了三种新型 HCoV。", "two"),
    ],
)
def test_a_changed_value_still_fires(source, target, source_span):
    (finding,) = run(source, target)
    assert finding.severity is Severity.MAJOR
    assert source_span in [loc.text for loc in finding.locations if loc.document == "d0"]


def test_numbers_in_a_code_block_are_left_to_code_block_mismatch():
    from dataclasses import replace

    corpus = make_corpus(["INFO:     Started server process [2248755]"], ["INFO:     Started server process [28722]"])
    def code(doc):
        return replace(doc, segments=tuple(replace(s, kind="code") for s in doc.segments))

    coded = replace(corpus, source=code(corpus.source), translations=tuple(code(d) for d in corpus.translations))
    assert list(NumberMismatch().run(coded)) == []
    assert list(NumberMismatch().run(corpus))  # the same text as prose: a changed number


def test_third_parties_are_no_count():
    source = "which means that Excalidraw server and third parties can't read the content."
    assert run(source, "这意味着 Excalidraw 的服务器和第三方都无法读取内容。") == []
    assert run("Independent TechEmpower benchmarks show", "第三方机构 TechEmpower 的基准测试表明") == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # 四周 and 四处 are words first ("around", "everywhere"), but may render "four weeks"
        ("South Korea had the lowest one-day case total in four weeks.", "韩国出现四周以来的最低单日新增病例总数。"),
        ("from 50 states, four U.S. territories and affiliated islands", "对 50 个州、四处美国领地和附属岛屿"),
        # numbers glued to a word by a point or a slash, and a decimal written without its zero
        ("spread to near 50 other countries (Fig. \u200b(Fig.2).2).", "扩散至全球其他近 50 个国家（图 2）。"),
        ("for next Thursday, 14:00 UTC/07:00 PT", "下周四14:00（协调世界时）/07:00（太平洋时间）"),
        ("ranging from 13.04% in Algeria to .08% in New Zealand.", "介于 0.08%（新西兰）到 13.04%（阿尔及利亚）之间。"),
    ],
)
def test_numbers_inside_words_and_glued_to_words_agree(source, target):
    assert run(source, target) == []


def test_a_word_like_sizhou_does_not_count_as_a_number_on_its_own():
    assert run("Look around you.", "看看四周。") == []


def test_the_numbers_a_wide_link_lost_are_one_finding():
    # FastAPI's schema-extra-example page: four source sentences aligned with one older zh sentence
    source = ["But now that FastAPI 0.99.0 and above uses OpenAPI 3.1.0, that uses JSON Schema 2020-12.",
              "Swagger UI 5.0.0 and above is consistent.", "Examples are included.", "That is all."]
    (finding,) = run(source, ["所以，虽然 `example` 不是JSON Schema的一部分，但它是OpenAPI的一部分。"],
                     links=[[((0, 1, 2, 3), (0,))]])
    assert finding.severity is Severity.MINOR
    assert [loc.text for loc in finding.locations if loc.document == "d0"] == ["0.99", "3.1", "2020", "12", "5.0"]


def test_a_weak_reading_does_not_hide_a_changed_number():
    # 四周 may render "four weeks", but here the four days became five
    (finding,) = run("They searched all around for four days.", "他们在四周搜寻了五天。")
    assert finding.severity is Severity.MAJOR
    assert [loc.text for loc in finding.locations] == ["五", "four"]


def test_weak_readings_explain_what_stated_numbers_leave():
    source = ("According to the seventh edition (3 March 2020), to confirm the suspected case needs to combine any "
              "one item of epidemiological history features with two items of clinical manifestations")
    target = "根据第七版（2020 年 3 月 3 日），疑似病例的确诊需要将一项流行病学史特征与两项临床表现相结合"
    assert run(source, target) == []
    assert run("the first three confirmed cases were reported by France on 24 January 2020",
               "法国于 2020 年 1 月 24 日报告了最早的三例确诊病例") == []
