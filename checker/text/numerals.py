"""Numbers and dates in text, read as values: ``six-and-a-half`` = ``6.5`` = ``六年半`` = ``6年半``.

``extract(text)`` finds every quantity a translation has to carry over (Arabic and full-width
digits, Chinese numerals with 万/亿, English number words, percentages, ordinals, and the parts
of dates such as ``14 March 2025`` / ``2025年3月14日``) and returns them as ``Quantity`` objects
with their exact span. Dates are read as their parts (year, month, day), so the two languages'
orders compare equal. Quantities that are only loosely numeric are flagged rather than dropped:

- ``weak``: the value 1 written as a word (``one``, ``一``, ``first``, ``第一``), numbers implied
  by words (``both``, ``a couple``, ``decade``), 0, and a lone Chinese numeral outside a measure
  (``两旁``, ``犹八``); languages use these as articles, pronouns and parts of words, so a missing
  or extra one is no evidence of an error;
- ``approximate``: ``十多``, ``二十几``, ``三四天``, ``a year or so``, ``about 40``; of these,
  ``hedged`` ones state a number and only qualify it (``about 40``, ``约60万``, ``近四十``), while
  the others name a range (``十多`` is 10 to 19).

Text works for either language: English words are only read in Latin runs and Chinese numerals
only in Han runs, so a Chinese sentence quoting English is read as both.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Quantity:
    """One number found in a text: its value and the exact span ``text[start:end]``."""

    value: float
    start: int
    end: int
    text: str
    kind: str = "number"  # number | ordinal | percent | month
    weak: bool = False
    approximate: bool = False
    hedged: bool = False  # approximate only through a hedge word before a stated number
    alternatives: tuple[float, ...] = ()
    """Other values the context allows (``checker.text.number_readings``): 32 in "26 to 32 kilobases"
    is also 32,000, "10.700" may be 10,700, the 11 of "2010–11" is 2011."""
    scale: float = 1.0  # the scale word or character the value was multiplied by (million, 万)

    @property
    def values(self) -> tuple[float, ...]:
        """The value and every alternative reading."""
        return (self.value, *self.alternatives)


# --- normalisation --------------------------------------------------------------------------

# One character for one character, so offsets in the normalised text are offsets in the original.
# The ideographic comma is punctuation (6.47，95%), not a thousands separator: it is left alone.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_HAS_FULLWIDTH = re.compile("[０１２３４５６７８９．％]")  # most text has none: no translation needed

# --- Arabic digits ----------------------------------------------------------------------------

_SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_ZH_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "柒": 7, "捌": 8, "玖": 9,
}  # 伍, 陆, 拾 are left out: far more often 队伍, 大陆, 收拾 than numerals
_ZH_NUM_CHARS = "".join(_ZH_DIGITS) + "".join(_ZH_UNITS) + "".join(_ZH_BIG)

_ARABIC = re.compile(
    # not inside an identifier (o1, GPT-4, v1.2, H100), but Q3 and FY2024 are numbers
    r"(?:(?<![A-Za-z0-9_.])(?<![A-Za-z0-9_./]/)(?<!\d,)(?<![A-Za-z]-)|(?<=\bQ)(?=[1-4]\b)|(?<=\bFY)(?=\d))"
    r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!/\d)"
    r"(?:(st|nd|rd|th)\b|(\s*(?:%|％|percent\b|per\s+cent\b)))?",
)
_ARABIC_SCALE = re.compile(r"(\s*\+)?\s*(hundred|thousand|million|billion|trillion)\b", re.I)  # $300+ billion
# Abbreviated scales: "1.2bn", "$5m", "€300k" (k, m and b only after a currency sign: 5m is a length)
_SHORT_SCALE = re.compile(r"(bn|mn|tn)\b|([kmb])\b", re.I)
_SHORT_SCALES = {"bn": 1e9, "mn": 1e6, "tn": 1e12, "k": 1e3, "m": 1e6, "b": 1e9}
_CURRENCY = frozenset("$€£¥")
# 3/14/2025 (a date: three numbers, in any order) and 24/7, 50/50 (loose: never reported alone)
_SLASHED = re.compile(r"(?<![\w/.])(\d{1,3}(?:,\d{3})+|\d{1,4})/(\d{1,3}(?:,\d{3})+|\d{1,4})"
                     r"(?:/(\d{1,4}))?(?![\w/])")
_DECADE = re.compile(r"s\b|年代")
_IDENTIFIER_TAIL = re.compile(r"[A-Za-z]+\d")
# A number that ends a name (interleukin-6, NASDAQ-100, ACE2) is no quantity of its own, but a
# translation may write it apart (白细胞介素 6, 纳斯达克 100 指数): read, as weak, to be matched.
_ATTACHED = re.compile(r"(?:(?<=[A-Za-z]-)|(?<=[A-Za-z][./])|(?<=[a-z][A-Za-z]))\d+(?:\.\d+)?(?![\w.,/-]*\d)")
# "Fig.2", "Table1.1", "UTC/07:00", "Bioeasy.80%" (a sentence run on without a space) are read too.
_BARE_DECIMAL = re.compile(r"(?<![\w.])\.(\d+)(?=\s*%)")  # ".08%"
_SPACED_BIG = re.compile(r"\s([万萬亿億])")
_MORE_THAN_BIG = re.compile(r"\s*[多余]\s*([万萬亿億千百])")  # 20多万, 5,000 多万: more than 200,000, 50 million

# --- Chinese numerals -------------------------------------------------------------------------

# Words that contain numeral characters but are not numbers; masked before reading Chinese.
_ZH_NOT_NUMBERS = (
    "一起 一直 一样 一些 一切 一定 一般 一下 一致 统一 唯一 一旦 一同 一再 万一 一向 一边 一面 "
    "一律 一贯 一时 一点 一会 一味 一概 一齐 一番 一道 一路 一生 一心 一流 一体 一手 一举 逐一 "
    "一一 同一 单一 专一 划一 不一 一度 一经 一方面 一口气 一下子 一家人 第一手 一模一样 一连 "
    "一带 一并 一阵 一旁 一句话 一贯 一无所 一目了然 不二 二话 三心二意 独一无二 一五一十 "
    "十分 十足 十字 万分 万物 万民 万国 万有 万军 万岁 万事 万象 万众 万一 千万不 千万要 千万别 "
    "千方百计 百姓 百般 百货 成千上万 千千万万 四处 四周 四面 四方 四围 八方 五彩 七嘴八舌 九泉 "
    "三角 三番 再三 一再 乱七八糟 十全十美 一清二楚 一干二净 星期一 星期二 星期三 星期四 星期五 "
    "星期六 礼拜一 礼拜二 礼拜三 礼拜四 礼拜五 礼拜六 周一 周二 周三 周四 周五 周六 十六进制 "
    "十进制 八进制 二进制"
)
_ZH_LEADING = frozenset(set(_ZH_DIGITS) - {"零", "〇"} | {"十"})
_ZH_MASK = re.compile("|".join(sorted(set(_ZH_NOT_NUMBERS.split()), key=len, reverse=True)))

_ZH_HINT = re.compile(rf"[{_ZH_NUM_CHARS}0-9]")
_ZH_RUN = re.compile(rf"[{_ZH_NUM_CHARS}0-9._]*[{_ZH_NUM_CHARS}][{_ZH_NUM_CHARS}0-9._]*")
_GROUPING = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # 1,000万: masked as 1_000万
_ZH_HALF = re.compile(r"(?:个)?(?:年|天|日|小时|钟头|个月|月|岁|周|星期|倍|元|块|分钟|公里|里|斤|个)半")
# A lone numeral character counts only before a measure word (三天, 两只, 七日); elsewhere it is
# usually part of a word or a transliterated name (利百加, 犹八, 三色 "tricoloured").
_ZH_MEASURES = frozenset(
    "个只位名人年岁天日月号次件条本头匹张把支座间层种样份家口句章节篇门辆架艘颗粒块元倍分秒点周代"
    "世斤两尺寸丈里亩公米克升度册部棵对双群批队项轮场届遍回趟股根道顿封片朵滴声步千百万亿十"
    "舍肘伊欣俄子女兄妻王城国族枝杯碗瓶桶箱包袋卷幅首季小钟星礼旬辈楼级期任站台所栋幢套户者方边侧岸"
    "地员手脚眼路英美镑欧港亿"
)
_ZH_APPROX_AFTER = re.compile(r"多|余|来|几|左右|上下")
_ZH_APPROX_SCALED = re.compile(r"(?:多|余|几)([万萬亿億千百])")
_ZH_VAGUE_BEFORE = ("几", "数")  # 几十, 数百: tens, hundreds
_ZH_HEDGE_BEFORE = ("近", "约", "约有", "将近", "大约")  # 约60万, 近四十: about, nearly
_ZH_FRACTION = re.compile(rf"([{_ZH_NUM_CHARS}0-9]+)分之([{_ZH_NUM_CHARS}0-9.]+)")
_ZH_PERCENT = re.compile(rf"百分之([{_ZH_NUM_CHARS}0-9.]+)")
_ZH_CONSECUTIVE = {"一两", "两三", "二三", "三四", "四五", "五六", "六七", "七八", "八九"}

# --- English number words ---------------------------------------------------------------------

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
    "score": 20, "twoscore": 40, "threescore": 60, "fourscore": 80,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 1e6,
}
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
# Month names that are also ordinary words count only next to a day or a year.
_MONTHS_NEED_DIGITS = {"may", "march", "mar", "jan", "feb", "apr", "jun", "jul", "aug", "sep",
                       "sept", "oct", "nov", "dec"}
_MONTH_CONTEXT = re.compile(r"\b(?:in|of|since|until|by|early|late|last|next|this|from|mid-?)\s*$", re.I)
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[A-Za-z]+")
# Words that imply a number a translation may spell out (both -> 两, tithe -> 十分之一); weak.
_WORD_VALUES = {"both": 2.0, "twain": 2.0, "twice": 2.0, "thrice": 3.0, "tithe": 0.1, "tithes": 0.1,
                "pair": 2.0, "couple": 2.0, "decade": 10.0, "fortnight": 14.0, "double": 2.0, "doubled": 2.0,
                "triple": 3.0, "tripled": 3.0, "treble": 3.0, "quadruple": 4.0, "quadrupled": 4.0}
_NUMBER_WORDS = set(_UNITS) | set(_TEENS) | set(_TENS) | set(_ORDINALS) | set(_SCALE_WORDS) | {
    "dozen", "half", "a", "an", "and", *_WORD_VALUES}
_EN_APPROX_BEFORE = re.compile(
    r"(?:about|around|approximately|roughly|nearly|almost|some|circa|~)\s*$", re.I)
_EN_APPROX_AFTER = re.compile(r"^(?:\s+or\s+so\b|-odd\b|\s*\+)", re.I)
_DISCOURSE = re.compile(r"\s*,")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*|\n\s*)$")
_PERCENT_AFTER = re.compile(r"^\s*(?:%|percent\b|per\s+cent\b)", re.I)


def extract(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order of position, with its exact span."""
    norm = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text
    found = _arabic(norm) + _chinese(norm) + _english(norm)
    if not found:
        return []  # most sentences
    found.sort(key=lambda q: (q.start, -q.end))
    result: list[Quantity] = []
    last_end = -1
    for q in found:  # an overlapping later match lost to an earlier, longer one
        if q.start >= last_end and math.isfinite(q.value):
            result.append(_with_text(q, text))
            last_end = q.end
    from checker.text.number_readings import readings

    return readings(norm, result)


def _with_text(q: Quantity, text: str) -> Quantity:
    return replace(q, text=text[q.start:q.end])


def _approx_en(text: str, start: int, end: int) -> str | None:
    """``"vague"`` after "a year or so", "40-odd", "40+"; ``"hedge"`` after "about", "nearly"."""
    if _EN_APPROX_AFTER.match(text[end:end + 8]):
        return "vague"
    return "hedge" if _EN_APPROX_BEFORE.search(text[max(0, start - 16):start]) else None


def _quantity(value: float, start: int, end: int, kind: str = "number", *, weak: bool = False,
              approx: str | None = None) -> Quantity:
    """A quantity whose approximation is ``None``, ``"hedge"`` or ``"vague"``."""
    return Quantity(value, start, end, "", kind, weak=weak, approximate=approx is not None, hedged=approx == "hedge")


def _arabic(text: str) -> list[Quantity]:
    if not _DIGIT.search(text):
        return []  # most sentences: no digit, nothing ``_ARABIC`` can match
    out = []
    for m in _ARABIC.finditer(text):
        digits, suffix, percent = m.group(1), m.group(2), m.group(3)
        end = m.end()
        if not suffix and not percent and _IDENTIFIER_TAIL.match(text, m.end(1)):
            continue  # "3D", "5G", "100km" are numbers with units; "1a2b" is an identifier
        value = float(digits.replace(",", ""))
        kind = "ordinal" if suffix or text[m.start() - 1:m.start()] == "第" else "percent" if percent else "number"
        approx: str | None = None
        factor = 1.0
        if kind == "number":
            scale = _ARABIC_SCALE.match(text, end)
            short = _SHORT_SCALE.match(text, end)
            if scale:
                factor = _SCALE_WORDS[scale.group(2).lower()]
                end = scale.end()
                approx = "vague" if scale.group(1) else None
            elif short and (short.group(1) or text[m.start() - 1:m.start()] in _CURRENCY):
                factor = _SHORT_SCALES[short.group().lower()]
                end = short.end()
            elif _DECADE.match(text, end) and (value >= 1000 or value % 10 == 0):
                approx = "vague"  # the 1990s, 90年代: a decade, often written differently
        spaced = _SPACED_BIG.match(text, end)
        more = _MORE_THAN_BIG.match(text, end)
        if spaced and kind == "number":  # "40 亿"
            factor = _ZH_BIG[spaced.group(1)]
            end = spaced.end()
        elif more and kind == "number":  # "20多万": read here, as the Chinese pass sees only 多万
            factor = _ZH_BIG.get(more.group(1)) or _ZH_UNITS[more.group(1)]
            end, approx = more.end(), "vague"
        value *= factor
        if end < len(text) and text[end] in _ZH_BIG:  # 4.5亿, 40亿, 3万
            continue  # read by the Chinese pass, which knows 4.5亿 as a whole
        if end < len(text) and text[end] in _ZH_UNITS:  # 3千
            continue
        approx = approx or _approx_en(text, m.start(), end)
        if kind == "number" and end < len(text) and _has_han(text[end]):
            half = _ZH_HALF.match(text, end)
            if half and value < 100 and value == int(value):  # 6年半 (but not 2023年半导体)
                value += 0.5
                end = half.end()
            approx = "vague" if _ZH_APPROX_AFTER.match(text, end) else approx
        out.append(replace(_quantity(value, m.start(), end, kind, weak=value == 0, approx=approx), scale=factor))
    for m in _ATTACHED.finditer(text):  # interleukin-6, NASDAQ-100, ACE2: part of a name, weak
        out.append(_quantity(float(m.group()), m.start(), m.end(), weak=True))
    for m in _BARE_DECIMAL.finditer(text):
        out.append(_quantity(float("0" + m.group()), m.start(), m.end(), "percent"))
    for m in _SLASHED.finditer(text):
        parts = [k for k in (1, 2, 3) if m.group(k)]
        for k in parts:
            out.append(_quantity(float(m.group(k).replace(",", "")), m.start(k), m.end(k),
                                 approx="vague" if len(parts) == 2 else None))
    return out


# --- Chinese ----------------------------------------------------------------------------------


def zh_value(run: str) -> float | None:
    """The value of a run of Chinese numerals (possibly mixed with Arabic digits), or None."""
    if all(ch in _ZH_DIGITS for ch in run):
        if len(run) == 1:
            return float(_ZH_DIGITS[run])
        if len(run) >= 3 or "〇" in run or "零" in run:  # 二〇二三: read digit by digit
            return float("".join(str(_ZH_DIGITS[ch]) for ch in run))
        return None  # 三四, 一两: "three or four", approximate
    total = 0.0
    section = 0.0
    number: float | None = None
    i = 0
    while i < len(run):
        ch = run[i]
        if ch.isdigit():
            j = i
            while j < len(run) and (run[j].isdigit() or run[j] in "._"):
                j += 1
            try:
                number = float(run[i:j].rstrip(".").replace("_", ""))
            except ValueError:
                return None
            i = j
            continue
        if ch in _ZH_DIGITS:
            number = float(_ZH_DIGITS[ch])
        elif ch in _ZH_UNITS:
            section += (1.0 if number is None else number) * _ZH_UNITS[ch]
            number = None
        elif ch in _ZH_BIG:
            scale = _ZH_BIG[ch]
            if scale > 1e4:
                total = (total + section + (number or 0.0)) * scale
                section = 0.0
            else:
                section = (section + (number or 0.0)) * scale or scale
            number = None
        elif ch == ".":
            return None
        i += 1
    return total + section + (number or 0.0)


def _mask_zh(text: str) -> str:
    text = _GROUPING.sub("_", text)

    def mask(m: re.Match[str]) -> str:
        before = text[m.start() - 1:m.start()]
        after = text[m.end():m.end() + 1]
        if (before and (before in _ZH_NUM_CHARS or before.isdigit() or before == "第")) or after == "之":
            return m.group()  # 六万一千, 十分之一, 第四方 (the fourth party, not 四方 'all around')
        return "\x00" * len(m.group())

    return _ZH_MASK.sub(mask, text)


def _chinese(text: str) -> list[Quantity]:
    if not _has_han(text) or not _ZH_HINT.search(text):
        return []  # every pattern below needs a numeral character or a digit
    masked = _mask_zh(text)
    out: list[Quantity] = [  # 四周, 四处, 十分: words first, but "four weeks" may be 四周 too
        _quantity(float(_ZH_DIGITS.get(m.group()[0]) or _ZH_UNITS[m.group()[0]]), m.start(), m.start() + 1, weak=True)
        for m in _ZH_MASK.finditer(text) if masked[m.start()] == "\x00" and m.group()[0] in _ZH_LEADING]
    taken: list[tuple[int, int]] = []
    for m in _ZH_PERCENT.finditer(masked):
        value = zh_value(m.group(1))
        if value is not None:
            out.append(Quantity(value, m.start(), m.end(), "", "percent"))
            taken.append(m.span())
    for m in _ZH_FRACTION.finditer(masked):
        den, num = zh_value(m.group(1)), zh_value(m.group(2))
        if den and num is not None and not _inside(m.span(), taken):
            out.append(Quantity(num / den, m.start(), m.end(), ""))
            taken.append(m.span())
    for m in _ZH_RUN.finditer(masked):
        start, end = m.span()
        run = m.group()
        if _inside((start, end), taken):
            continue
        if all(ch in _ZH_BIG for ch in run):
            continue  # a bare 万 or 亿 ("40 亿" is read with its digits)
        value = zh_value(run.strip("."))
        before = masked[max(0, start - 2):start]
        # 上百 / 上千 ("hundreds"), but not the locative 山上五十: 上 only before a bare unit
        approx: str | None = None
        if value is None or before.endswith(_ZH_VAGUE_BEFORE) or (before.endswith("上") and run[0] in "百千万亿"):
            approx = "vague"
        elif masked[max(0, start - 3):start].endswith(_ZH_HEDGE_BEFORE):
            approx = "hedge"
        if value is None:
            if run in _ZH_CONSECUTIVE or len(run) == 2:
                value = float(_ZH_DIGITS.get(run[0], 0))
                if run in _ZH_CONSECUTIVE:  # 一两行, 三四天: one or two, three or four; both are read
                    second = float(_ZH_DIGITS[run[1]])
                    out.append(_quantity(second, start + 1, end, weak=second == 1, approx="vague"))
                    end = start + 1
            else:
                continue
        kind = "ordinal" if before.endswith("第") else "number"
        if kind == "ordinal":
            start -= 1
        following = masked[end:end + 1]
        weak = value in (0, 1) and not run.isdigit()  # 一家 (a), 零星 (sporadic)
        if len(run) == 1 and kind == "number" and (following not in _ZH_MEASURES or run in "两二"):
            weak = True  # 利百加, 犹八: a name; 两旁, 二人: often "both", "either", "pair"
        if kind == "ordinal" and run == "二" and following == "天":
            weak = True  # 第二天: "the next day" as often as "the second day"
        if kind == "ordinal" and run == "三" and following == "方":
            weak = True  # 第三方: a third party, not a count
        if not any(ch in _ZH_DIGITS or ch.isdigit() for ch in run):
            approx = "vague"  # 千万, 百千: "thousands", unless a value on the other side says otherwise
        half = _ZH_HALF.match(masked, end)
        if half and value == int(value):
            value += 0.5  # 六年半, 两个半: a precise quantity
            end = half.end()
            weak = False
        elif run == "一" and following == "半":
            value, end, weak = 0.5, end + 1, True  # 一半: half
        if _ZH_APPROX_AFTER.match(masked, end) or masked.startswith("年代", end):
            approx = "vague"  # 十多, 二十几, 九十年代
            scaled = _ZH_APPROX_SCALED.match(masked, end)
            if scaled:  # 六十多万: sixty-odd ten-thousands, 600,000 and more
                value *= _ZH_BIG.get(scaled.group(1)) or _ZH_UNITS[scaled.group(1)]
                end = scaled.end()
        out.append(_quantity(value, start, end, kind, weak=weak, approx=approx))
    return out


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] < b or a < span[1] <= b for a, b in taken)


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _has_han(text: str) -> bool:
    return _HAN.search(text) is not None


# --- English ----------------------------------------------------------------------------------


def _normal_word(word: str) -> str:
    """``sevenfold`` -> ``seven``, ``sevens`` -> ``seven``, ``tenths`` -> ``tenth``."""
    if word.endswith("ties") and word[:-3] + "y" in _TENS:
        return word[:-3] + "y"  # rulers of fifties
    if word == "seconds":
        return word  # thirty seconds: time, not an ordinal
    for suffix in ("fold", "s"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and (stem in _UNITS or stem in _TEENS or stem in _TENS
                                      or stem in _ORDINALS or stem in _SCALE_WORDS or stem == "quarter"):
            if suffix == "s" and stem in _SCALE_WORDS:
                return word  # "hundreds of millions": no value
            return stem
    return word


_FRACTION_NEXT = frozenset({"part", "parts", "deal", "deals", "of"})
_PLURAL_OF = frozenset({*_TEENS, *_TENS, "dozen"})  # "tens of thousands", "scores of"
_TRIGGERS = (_NUMBER_WORDS | set(_MONTHS) | {"quarter"}) - {"a", "an", "and"}
_STARTS = (_NUMBER_WORDS | set(_MONTHS)) - {"and"}
"""The (normalised) words ``_english`` reads from; every other word it steps over."""
# Every written form that can start a number: a quick test before reading a sentence word by word.
_TRIGGER_FORMS = frozenset(
    {w for base in _TRIGGERS for w in (base, base + "s", base + "fold")}
    | {t[:-1] + "ies" for t in _TENS if t.endswith("y")}
)


def _english(text: str) -> list[Quantity]:
    if _TRIGGER_FORMS.isdisjoint(_WORD.findall(text.lower())):
        return []  # most sentences: no number word at all
    words = [(_normal_word(w) if (w := m.group().lower()) in _TRIGGER_FORMS else w, m.start(), m.end())
             for m in _WORD.finditer(text)]  # only a trigger form has a normal form other than itself
    out: list[Quantity] = []
    i = 0
    for k in [k for k, (word, _, _) in enumerate(words) if word in _STARTS]:
        if k < i:
            continue  # read as part of the number before
        i = k  # the words in between start nothing: skipped
        word = words[i][0]
        if word in _MONTHS:
            q = _month(text, words[i])
            if q:
                out.append(q)
            i += 1
            continue
        if word == "half":
            scale = words[i + 2][0] if i + 2 < len(words) and words[i + 1][0] in ("a", "an") else ""
            if scale in _SCALE_WORDS or scale == "dozen":  # half a million
                value = 0.5 * _SCALE_WORDS.get(scale, 12)
                out.append(Quantity(value, words[i][1], words[i + 2][2], ""))
                i += 3
                continue
            out.append(Quantity(0.5, words[i][1], words[i][2], "", weak=True))  # half the people
            i += 1
            continue
        if word not in _NUMBER_WORDS or word == "and":
            i += 1
            continue
        if word in ("a", "an") and i + 1 < len(words) and words[i + 1][0] == "quarter":
            out.append(Quantity(0.25, words[i][1], words[i + 1][2], ""))  # a quarter of
            i += 2
            continue
        j, value, kind = _parse_words(text, words, i)
        if j == i:
            i += 1
            continue
        nxt = words[j][0] if j < len(words) and text[words[j - 1][2]:words[j][1]] in (" ", "-") else ""
        prev = words[i - 1][0] if i else ""
        last_written = text[words[j - 1][1]:words[j - 1][2]].lower()
        plural = last_written.endswith("s") and words[j - 1][0] in _PLURAL_OF
        if plural and nxt == "of":
            i = j  # "tens of thousands", "dozens of": no value to hold the translation to
            continue
        if kind == "number" and value == int(value) and 0 < value < 20 and (
                3 <= _ORDINALS.get(nxt, 0) < 100 or nxt == "quarter"):
            value /= 4 if nxt == "quarter" else _ORDINALS[nxt]  # two tenth deals, three quarters
            j += 1
        elif kind == "ordinal" and value >= 3 and (
                (prev in ("a", "an") and nxt in _FRACTION_NEXT) or (prev == "the" and nxt in ("part", "parts"))):
            value = 1 / value  # a tenth deal, the fourth part
            kind = "number"
        start, end = words[i][1], words[j - 1][2]
        if _PERCENT_AFTER.match(text[end:]):
            kind = "percent"
            end += _PERCENT_AFTER.match(text[end:]).end()
        first = words[i][0]
        weak = value == 0 or (value == 1 and first in {"one", "first", "a", "an"}) or (  # ground zero
            first in _WORD_VALUES and first not in ("twain", "thrice")) or (
            first == "second" and prev in ("a", "an", "per", "split")) or (  # wait a second, 10 requests per second
            first == "third" and nxt in ("party", "parties")) or (
            kind == "ordinal" and _DISCOURSE.match(text, end) and _SENTENCE_START.search(text[:start]) is not None)
        # "Second, ..." opening a sentence is a discourse marker (其次, 另外) as often as 第二
        out.append(_quantity(value, start, end, kind, weak=bool(weak), approx=_approx_en(text, start, end)))
        i = j
    return out


def _parse_words(
    text: str, words: list[tuple[str, int, int]], i: int
) -> tuple[int, float, str]:
    """Read a number written in words starting at ``words[i]``: (next index, value, kind).

    Handles ``twenty-one``, ``four hundred and thirty``, ``two and twenty`` (older English),
    ``threescore and ten``, ``six-and-a-half``, ``two and a half million``, ``a hundred``,
    ``a dozen``, ``twenty-first``.
    """
    total = 0.0
    current = 0.0
    last: str | None = None  # kind of the last word read: unit, teen, tens, hundred, scale, article
    last_scale = float("inf")
    j = i
    kind = "number"
    end = i
    value_seen = False
    pending_and = False
    and_since_scale = False
    while j < len(words):
        word = words[j][0]
        if j > i and text[words[j - 1][2]:words[j][1]] not in (" ", "-"):
            break
        if word == "and":
            if pending_and or j == i:
                break
            pending_and = True
            j += 1
            continue
        join = "and" if pending_and else None
        and_since_scale = and_since_scale or pending_and
        pending_and = False
        previous = words[j - 2 if join else j - 1][0] if j > i else ""
        if word in ("a", "an"):
            # "a hundred", "a dozen", "and a half"
            nxt = words[j + 1][0] if j + 1 < len(words) else ""
            if j + 1 >= len(words) or text[words[j][2]:words[j + 1][1]] not in (" ", "-"):
                break
            if nxt == "half" and value_seen and join == "and":
                current += 0.5
                j += 2
                end = j
                last = "half"
                continue
            if nxt in ("hundred", "thousand", "million", "billion", "dozen", "score") and (
                    not value_seen or (join == "and" and last == "scale")):
                current = 1.0  # "a hundred", "six hundred thousand and a thousand"
                last = "article"
                j += 1
                continue
            break
        if word in _WORD_VALUES and j == i:
            return j + 1, _WORD_VALUES[word], "number"
        if join == "and" and last not in ("hundred", "scale", "unit", "tens"):
            break
        if word in _UNITS:
            if last in ("unit", "teen") or (join == "and" and last == "unit"):
                break
            if last == "tens" and join == "and":
                pass  # "threescore and five"
            current += _UNITS[word]
            last = "unit"
        elif word in _TEENS:
            if last in ("unit", "teen") or (last == "tens" and not (
                    join == "and" and previous.endswith("score"))):
                break  # but "threescore and ten", "threescore and sixteen"
            current += _TEENS[word]
            last = "teen"
        elif word in _TENS:
            if word == "score":
                if last != "unit":
                    break
                current = current * 20
            elif last == "unit" and join == "and" and current % 100 < 10:
                current += _TENS[word]  # "two and twenty"
            elif last in ("unit", "teen", "tens"):
                break
            else:
                current += _TENS[word]
            last = "tens"
        elif word in _ORDINALS:
            if last == "teen" or (last == "unit" and _ORDINALS[word] < 100 and not (
                    join == "and" and _ORDINALS[word] >= 20)):
                break  # but "seven and twentieth", "six hundredth"
            if last == "tens" and _ORDINALS[word] >= 10:
                break
            value = _ORDINALS[word]
            if value >= 100:
                current = (current or 1.0) * value
            else:
                current += value
            kind = "ordinal"
            j += 1
            end = j
            value_seen = True
            break
        elif word == "hundred":
            if last in ("hundred",) or current >= 100:
                break
            current = (current or 1.0) * 100
            last = "hundred"
        elif word in _SCALE_WORDS:
            scale = _SCALE_WORDS[word]
            if scale > last_scale or (current == 0 and last != "article"):
                break
            if scale == last_scale and not and_since_scale:
                break  # only "... thousand and seven and thirty thousand" (older English) adds up
            and_since_scale = False
            total += (current or 1.0) * scale
            current = 0.0
            last_scale = scale
            last = "scale"
        elif word == "dozen":
            current = (current or 1.0) * 12
            last = "tens"
        else:
            break
        value_seen = True
        j += 1
        end = j
    if not value_seen or end == i:
        return i, 0.0, kind
    if end < len(words) and words[end][0] in ("hundreds", "thousands", "millions", "billions"):
        return i, 0.0, kind  # "two hundreds of"? not a quantity we can hold
    # a trailing article or "and" is not part of the number
    return end, total + current, kind


def _month(text: str, word: tuple[str, int, int]) -> Quantity | None:
    name, start, end = word
    original = text[start:end]
    if not original[0].isupper():
        return None
    near_digits = _DIGIT.search(text[max(0, start - 4):start] + text[end:end + 5]) is not None
    if name == "march" and _MONTH_CONTEXT.search(text[max(0, start - 8):start]):
        near_digits = True  # "in March", "since March"
    weak = name in _MONTHS_NEED_DIGITS and not near_digits  # May, March: a month only beside a date
    if weak and name not in ("march", "may"):
        return None  # Jan, Aug, Dec as words of their own: names, not months
    if len(name) <= 4 and name != "june" and name != "july" and text[end:end + 1] == ".":
        end += 1  # "Nov."
    return Quantity(float(_MONTHS[name]), start, end, "", "month", weak=weak)

