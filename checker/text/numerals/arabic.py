"""Numbers in digits: 1,234.5, 40%, 3rd, $5m, 300 billion, 40 亿, 20多万, 3/14/2025, the 1990s."""

from __future__ import annotations

import re
from dataclasses import replace

from checker.text.numerals.en import _DIGIT, _SCALE_WORDS, approx_en
from checker.text.numerals.quantity import Quantity, quantity
from checker.text.numerals.zh import _ZH_APPROX_AFTER, _ZH_BIG, _ZH_HALF, _ZH_UNITS, has_han

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


def read_arabic(text: str) -> list[Quantity]:
    if not _DIGIT.search(text):
        return []  # most sentences: no digit, nothing ``_ARABIC`` can match
    out = [q for m in _ARABIC.finditer(text) if (q := _digits(text, m)) is not None]
    for m in _ATTACHED.finditer(text):  # interleukin-6, NASDAQ-100, ACE2: part of a name, weak
        out.append(quantity(float(m.group()), m.start(), m.end(), weak=True))
    for m in _BARE_DECIMAL.finditer(text):
        out.append(quantity(float("0" + m.group()), m.start(), m.end(), "percent"))
    for m in _SLASHED.finditer(text):
        parts = [k for k in (1, 2, 3) if m.group(k)]
        for k in parts:
            out.append(quantity(float(m.group(k).replace(",", "")), m.start(k), m.end(k),
                                 approx="vague" if len(parts) == 2 else None))
    return out


def _digits(text: str, m: re.Match[str]) -> Quantity | None:
    """The quantity of one match of ``_ARABIC``, with its scale (300 billion, 40 亿, $5m), or None
    for an identifier or a number the Chinese pass reads whole (4.5亿)."""
    digits, suffix, percent = m.group(1), m.group(2), m.group(3)
    end = m.end()
    if not suffix and not percent and _IDENTIFIER_TAIL.match(text, m.end(1)):
        return None  # "3D", "5G", "100km" are numbers with units; "1a2b" is an identifier
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
        return None  # read by the Chinese pass, which knows 4.5亿 as a whole
    if end < len(text) and text[end] in _ZH_UNITS:  # 3千
        return None
    approx = approx or approx_en(text, m.start(), end)
    if kind == "number" and end < len(text) and has_han(text[end]):
        half = _ZH_HALF.match(text, end)
        if half and value < 100 and value == int(value):  # 6年半 (but not 2023年半导体)
            value += 0.5
            end = half.end()
        approx = "vague" if _ZH_APPROX_AFTER.match(text, end) else approx
    return replace(quantity(value, m.start(), end, kind, weak=value == 0, approx=approx), scale=factor)
