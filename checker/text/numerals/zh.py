"""Chinese numerals: 四十, 六万一千, 二〇二三, 百分之五, 三分之一, 十多, 约60万, 第三, 六年半."""

from __future__ import annotations

import re

from checker.text.numerals.quantity import Quantity, quantity

_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_BIG = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
_ZH_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "柒": 7, "捌": 8, "玖": 9,
}  # 伍, 陆, 拾 are left out: far more often 队伍, 大陆, 收拾 than numerals
_ZH_NUM_CHARS = "".join(_ZH_DIGITS) + "".join(_ZH_UNITS) + "".join(_ZH_BIG)

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


def read_chinese(text: str) -> list[Quantity]:
    if not has_han(text) or not _ZH_HINT.search(text):
        return []  # every pattern below needs a numeral character or a digit
    masked = _mask_zh(text)
    out: list[Quantity] = [  # 四周, 四处, 十分: words first, but "four weeks" may be 四周 too
        quantity(float(_ZH_DIGITS.get(m.group()[0]) or _ZH_UNITS[m.group()[0]]), m.start(), m.start() + 1, weak=True)
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
        if not _inside(m.span(), taken):
            out += _zh_run(masked, m)
    return out


def _zh_run(masked: str, m: re.Match[str]) -> list[Quantity]:
    """The quantities of one run of numerals (two for 三四天: three or four)."""
    start, end = m.span()
    run = m.group()
    out: list[Quantity] = []
    if all(ch in _ZH_BIG for ch in run):
        return out  # a bare 万 or 亿 ("40 亿" is read with its digits)
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
                out.append(quantity(second, start + 1, end, weak=second == 1, approx="vague"))
                end = start + 1
        else:
            return out
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
    out.append(quantity(value, start, end, kind, weak=weak, approx=approx))
    return out


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] < b or a < span[1] <= b for a, b in taken)


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None
