"""Reading numbers and dates as values, in English and Chinese, with their exact spans."""

import pytest

from checker.text.numerals import extract


def strong(text):
    """(value, span) of the quantities that count on their own (not weak, not approximate)."""
    return [(q.value, q.text) for q in extract(text) if not q.weak and not q.approximate]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the memo's six and a half years, four ways
        ("My six-and-a-half years with the team", [(6.5, "six-and-a-half")]),
        ("the last 6.5 years", [(6.5, "6.5")]),
        ("在OpenAI团队工作了6年半时间", [(6.5, "6年半")]),
        ("我已经在 OpenAI 团队工作了六年半", [(6.5, "六年半")]),
        ("两个半小时", [(2.5, "两个半")]),
        # Chinese numerals, 万 and 亿, mixed with digits
        ("二十一个人", [(21, "二十一")]),
        ("一百零五岁", [(105, "一百零五")]),
        ("4.5亿美元", [(4.5e8, "4.5亿")]),
        ("40亿", [(4e9, "40亿")]),
        ("40 亿美元", [(4e9, "40 亿")]),
        ("3亿5千万", [(3.5e8, "3亿5千万")]),
        ("驴六万一千匹", [(61000, "六万一千")]),
        ("二〇二三年", [(2023, "二〇二三")]),
        ("２０２５年", [(2025, "２０２５")]),
        # percentages, fractions, ordinals
        ("45% and 百分之四十五", [(45, "45%"), (45, "百分之四十五")]),
        ("12 per cent", [(12, "12 per cent")]),
        ("三分之一", [(1 / 3, "三分之一")]),
        ("伊法十分之一", [(0.1, "十分之一")]),
        ("the 5th and the twenty-first", [(5, "5th"), (21, "twenty-first")]),
        ("第三次", [(3, "第三")]),
        # English number words, old and new
        ("450 million dollars", [(4.5e8, "450 million")]),
        ("4.5 billion", [(4.5e9, "4.5 billion")]),
        ("one hundred twenty", [(120, "one hundred twenty")]),
        ("nine hundred and thirty years", [(930, "nine hundred and thirty")]),
        ("an hundred and seven and twenty years", [(127, "an hundred and seven and twenty")]),
        ("threescore and ten", [(70, "threescore and ten")]),
        ("two and twenty thousand", [(22000, "two and twenty thousand")]),
        ("two tenth deals of flour", [(0.2, "two tenth")]),
        ("a dozen eggs", [(12, "a dozen")]),
        ("between five and ten", [(5, "five"), (10, "ten")]),
        # dates, in both orders, with month names
        ("14 March 2025", [(14, "14"), (3, "March"), (2025, "2025")]),
        ("2025 年 3 月 14 日", [(2025, "2025"), (3, "3"), (14, "14")]),
        ("November 2023", [(11, "November"), (2023, "2023")]),
        ("2023年11月", [(2023, "2023"), (11, "11")]),
        ("Nov. 5", [(11, "Nov."), (5, "5")]),
        ("We left in March.", [(3, "March")]),
        ("on 3/14/2025", [(3, "3"), (14, "14"), (2025, "2025")]),
        # business shorthand
        ("Q3 revenue in FY2024", [(3, "3"), (2024, "2024")]),
        ("a $5m deal and 1.2bn users", [(5e6, "5m"), (1.2e9, "1.2bn")]),
        ("half a million people", [(5e5, "half a million")]),
        ("one and a half million", [(1.5e6, "one and a half million")]),
        ("a quarter of the staff, two-thirds of users", [(0.25, "a quarter"), (2 / 3, "two-thirds")]),
    ],
)
def test_values_and_spans(text, expected):
    found = strong(text)
    assert [t for _, t in found] == [t for _, t in expected]
    assert [v for v, _ in found] == pytest.approx([v for v, _ in expected])


@pytest.mark.parametrize(
    "text",
    [
        "a place one cherishes",  # a pronoun
        "On one hand it is a privilege",
        "a year or so",
        "hundreds of millions of people",
        "我们一起工作，一直如此，统一的一份一家",  # 一 inside words, and as an article
        "在过去一年左右的时间里",  # approximate
        "十几个人，几十个人，二十多年",  # 几 / 多
        "三四天",  # "three or four days"
        "利百加",  # a transliterated name (Rebekah)
        "May I ask? We may march on. March on!",  # month names as ordinary words
        "GPT-4 and o1 on an H100, version v1.2",  # digits inside identifiers
        "十分感谢，万物，百姓，千万不要",  # numeral characters in words
        "一半的人",  # half
        "星期三",  # a weekday
        "24/7 support",
        "the 1990s, 九十年代, 90年代",  # decades are written many ways: compared loosely
        "a couple of days over the past decade",  # implied numbers are weak
    ],
)
def test_no_strong_number(text):
    assert strong(text) == []


def test_weak_and_approximate_are_still_values():
    """A weak or approximate quantity can still match a partner on the other side."""
    (one,) = extract("a place one cherishes")
    assert one.weak and one.value == 1
    (ten,) = extract("十多年")
    assert ten.approximate and ten.value == 10
    (first,) = extract("第一次")
    assert first.kind == "ordinal" and first.value == 1


def test_spans_index_the_original_text():
    text = "Ｉn ２０２５年, we hired twenty-one people; 我们雇了二十一人。"
    for q in extract(text):
        assert text[q.start:q.end] == q.text


@pytest.mark.parametrize(
    ("text", "value", "span", "hedged"),
    [
        # a range: sixty-odd ten-thousands is 600,000 and more
        ("六十多万人", 6e5, "六十多万", False),
        ("十几亿", 1e9, "十几亿", False),
        ("二十多年", 20, "二十", False),
        # a hedge qualifies a stated number
        ("步行的男人约有七十万", 7e5, "七十万", True),
        ("近四十年", 40, "四十", True),
        ("about six hundred thousand men", 6e5, "six hundred thousand", True),
        ("a dozen or so", 12, "a dozen", False),
    ],
)
def test_ranges_and_hedges(text, value, span, hedged):
    (q,) = extract(text)
    assert (q.value, q.text, q.approximate, q.hedged) == (value, span, True, hedged)
