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

One module per way of writing numbers (``arabic`` digits, ``zh`` numerals, ``en`` words), the
``Quantity`` they return (``quantity``), and the readings a number's context allows (``readings``).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from checker.text.numerals.arabic import read_arabic
from checker.text.numerals.en import read_english
from checker.text.numerals.quantity import Quantity
from checker.text.numerals.readings import readings
from checker.text.numerals.zh import read_chinese, zh_value

__all__ = ["Quantity", "extract", "zh_value"]

# --- normalisation --------------------------------------------------------------------------

# One character for one character, so offsets in the normalised text are offsets in the original.
# The ideographic comma is punctuation (6.47，95%), not a thousands separator: it is left alone.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_HAS_FULLWIDTH = re.compile("[０１２３４５６７８９．％]")  # most text has none: no translation needed


def extract(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order of position, with its exact span."""
    norm = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text
    found = read_arabic(norm) + read_chinese(norm) + read_english(norm)
    if not found:
        return []  # most sentences
    found.sort(key=lambda q: (q.start, -q.end))
    result: list[Quantity] = []
    last_end = -1
    for q in found:  # an overlapping later match lost to an earlier, longer one
        if q.start >= last_end and math.isfinite(q.value):
            result.append(_with_text(q, text))
            last_end = q.end
    return readings(norm, result)


def _with_text(q: Quantity, text: str) -> Quantity:
    return replace(q, text=text[q.start:q.end])
