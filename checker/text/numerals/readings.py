"""Other readings of a number that its context allows, for comparing values across languages.

``extract`` reads each number on its own; some are only comparable with their neighbours:

- a scale shared over a range: "26 to 32 kilobases" is 2.6 至 3.2 万个碱基, so 26 may be 26,000,
  and in "2.6 至 3.2 万" the 2.6 may be 26,000 too; "between 14 and 22 million";
- a kilo- unit a translation spells out: "31.7 kilobases" = 3.17 万个碱基;
- "one in six" = 六分之一; "two decades" = 二十年;
- a year range written short: the 11 of "2010–11" is 2011;
- a point used for grouping: "42.000 participants" may be 42,000;
- a century and decade: 19 世纪 90 年代 is the 1890s, read as one value.

``readings(text, quantities)`` returns the quantities with these alternatives added (and a
century-and-decade pair merged); a value matches another if any of their readings agree.
"""

from __future__ import annotations

import re
from dataclasses import replace

from checker.text.numerals.quantity import Quantity
from checker.text.numerals.zh import zh_value

_RANGE = re.compile(r"\s*(?:to|and|-|–|—|~|～|至|到)\s*$")
_KILO = re.compile(r"\s*kilo[a-z]+", re.I)
_ONE_IN = re.compile(r"\b(?:one|1)(?:\s+[A-Za-z]+)?\s+(?:in|out\s+of)\s+$", re.I)
_DECADES = re.compile(r"\s+decades\b", re.I)
_YEAR_RANGE = re.compile(r"\b(1[5-9]|20)(\d{2})\s*[–—-]\s*$")
_GROUPED_BY_POINT = re.compile(r"[1-9]\d{0,2}\.\d{3}")
_NUMERAL = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_CENTURY_DECADE = re.compile(rf"({_NUMERAL})\s*世纪\s*({_NUMERAL})\s*年代")


def readings(text: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` (the quantities of ``text``, in order) with every alternative reading added."""
    out = _centuries(text, found)
    for k, q in enumerate(out):
        extra: list[float] = []
        after, before = text[q.end:q.end + 24], text[max(0, q.start - 24):q.start]
        kilo = 1000.0 if _KILO.match(after) else 1.0
        if kilo > 1:
            extra.append(q.value * kilo)
        if k + 1 < len(out) and q.scale == 1 and q.kind == "number" and _RANGE.match(text[q.end:out[k + 1].start]):
            nxt = out[k + 1]
            shared = nxt.scale * (1000.0 if _KILO.match(text[nxt.end:nxt.end + 24]) else 1.0)
            if shared > 1:
                extra.append(q.value * shared)
        if _ONE_IN.search(before) and q.value > 1:
            extra.append(1 / q.value)
        if _DECADES.match(after):
            extra.append(q.value * 10)
        year = _YEAR_RANGE.search(before)
        if year and len(q.text) == 2 and q.text.isdigit() and int(q.text) > int(year.group(2)):
            extra.append(float(year.group(1) + q.text))
        if _GROUPED_BY_POINT.fullmatch(q.text):
            extra.append(q.value * 1000)
        if extra:
            out[k] = replace(q, alternatives=(*q.alternatives, *extra))
    return out


def _centuries(text: str, found: list[Quantity]) -> list[Quantity]:
    """``19 世纪 90 年代`` (two numbers) read as one: the 1890s."""
    if "世纪" not in text or "年代" not in text:
        return list(found)
    out = list(found)
    for m in _CENTURY_DECADE.finditer(text):
        century, decade = zh_value(m.group(1)), zh_value(m.group(2))
        if not century or decade is None:
            continue
        out = [q for q in out if not (m.start() <= q.start and q.end <= m.end())]
        out.append(Quantity((century - 1) * 100 + decade, m.start(), m.end(), m.group(), approximate=True))
    return sorted(out, key=lambda q: q.start)
