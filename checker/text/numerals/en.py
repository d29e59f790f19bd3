"""English numbers in words: twenty-one, four hundred and thirty, threescore and ten, a tenth
deal, half a million, the second, 14 March."""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.text.numerals.quantity import Quantity, quantity

_SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
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


def approx_en(text: str, start: int, end: int) -> str | None:
    """``"vague"`` after "a year or so", "40-odd", "40+"; ``"hedge"`` after "about", "nearly"."""
    if _EN_APPROX_AFTER.match(text[end:end + 8]):
        return "vague"
    return "hedge" if _EN_APPROX_BEFORE.search(text[max(0, start - 16):start]) else None


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


def read_english(text: str) -> list[Quantity]:
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
        percent = _PERCENT_AFTER.match(text[end:])
        if percent:
            kind = "percent"
            end += percent.end()
        first = words[i][0]
        weak = value == 0 or (value == 1 and first in {"one", "first", "a", "an"}) or (  # ground zero
            first in _WORD_VALUES and first not in ("twain", "thrice")) or (
            first == "second" and prev in ("a", "an", "per", "split")) or (  # wait a second, 10 requests per second
            first == "third" and nxt in ("party", "parties")) or (
            kind == "ordinal" and _DISCOURSE.match(text, end) and _SENTENCE_START.search(text[:start]) is not None)
        # "Second, ..." opening a sentence is a discourse marker (其次, 另外) as often as 第二
        out.append(quantity(value, start, end, kind, weak=bool(weak), approx=approx_en(text, start, end)))
        i = j
    return out


_STOP, _READ, _LAST = "stop", "read", "last"
"""What a word does to a number being read: not part of it, part of it, or its last word."""
_SCALE_AFTER_ARTICLE = ("hundred", "thousand", "million", "billion", "dozen", "score")


@dataclass
class _Reading:
    """A number in words being read, word by word (``_parse_words``)."""

    total: float = 0.0
    current: float = 0.0
    last: str | None = None  # kind of the last word read: unit, teen, tens, hundred, scale, article, half
    last_scale: float = float("inf")
    kind: str = "number"
    value_seen: bool = False
    and_since_scale: bool = False

    def article(self, text: str, words: list[tuple[str, int, int]], j: int, join: bool) -> int:
        """Read "a"/"an" at ``words[j]`` ("a hundred", "a dozen", "and a half"): how many words it
        read, 0 if it is no part of the number."""
        if j + 1 >= len(words) or text[words[j][2]:words[j + 1][1]] not in (" ", "-"):
            return 0
        nxt = words[j + 1][0]
        if nxt == "half" and self.value_seen and join:
            self.current += 0.5
            self.last = "half"
            return 2
        if nxt in _SCALE_AFTER_ARTICLE and (not self.value_seen or (join and self.last == "scale")):
            self.current = 1.0  # "a hundred", "six hundred thousand and a thousand"
            self.last = "article"
            return 1
        return 0

    def add(self, word: str, join: bool, previous: str) -> str:
        """Read one number word (after "and" if ``join``): ``_STOP``, ``_READ`` or ``_LAST``."""
        if word in _UNITS:
            return self._unit(word, join)
        if word in _TEENS:
            return self._teen(word, join, previous)
        if word in _TENS:
            return self._tens(word, join)
        if word in _ORDINALS:
            return self._ordinal(word, join)
        if word == "hundred":
            return self._hundred()
        if word in _SCALE_WORDS:
            return self._scale(word)
        if word == "dozen":
            self.current = (self.current or 1.0) * 12
            self.last = "tens"
            return _READ
        return _STOP

    def _unit(self, word: str, join: bool) -> str:
        if self.last in ("unit", "teen") or (join and self.last == "unit"):
            return _STOP
        self.current += _UNITS[word]  # also "threescore and five"
        self.last = "unit"
        return _READ

    def _teen(self, word: str, join: bool, previous: str) -> str:
        if self.last in ("unit", "teen") or (self.last == "tens" and not (join and previous.endswith("score"))):
            return _STOP  # but "threescore and ten", "threescore and sixteen"
        self.current += _TEENS[word]
        self.last = "teen"
        return _READ

    def _tens(self, word: str, join: bool) -> str:
        if word == "score":
            if self.last != "unit":
                return _STOP
            self.current = self.current * 20
        elif self.last == "unit" and join and self.current % 100 < 10:
            self.current += _TENS[word]  # "two and twenty"
        elif self.last in ("unit", "teen", "tens"):
            return _STOP
        else:
            self.current += _TENS[word]
        self.last = "tens"
        return _READ

    def _ordinal(self, word: str, join: bool) -> str:
        value = _ORDINALS[word]
        if self.last == "teen" or (self.last == "unit" and value < 100 and not (join and value >= 20)):
            return _STOP  # but "seven and twentieth", "six hundredth"
        if self.last == "tens" and value >= 10:
            return _STOP
        self.current = (self.current or 1.0) * value if value >= 100 else self.current + value
        self.kind = "ordinal"
        return _LAST

    def _hundred(self) -> str:
        if self.last == "hundred" or self.current >= 100:
            return _STOP
        self.current = (self.current or 1.0) * 100
        self.last = "hundred"
        return _READ

    def _scale(self, word: str) -> str:
        scale = _SCALE_WORDS[word]
        if scale > self.last_scale or (self.current == 0 and self.last != "article"):
            return _STOP
        if scale == self.last_scale and not self.and_since_scale:
            return _STOP  # only "... thousand and seven and thirty thousand" (older English) adds up
        self.and_since_scale = False
        self.total += (self.current or 1.0) * scale
        self.current = 0.0
        self.last_scale = scale
        self.last = "scale"
        return _READ


def _parse_words(
    text: str, words: list[tuple[str, int, int]], i: int
) -> tuple[int, float, str]:
    """Read a number written in words starting at ``words[i]``: (next index, value, kind).

    Handles ``twenty-one``, ``four hundred and thirty``, ``two and twenty`` (older English),
    ``threescore and ten``, ``six-and-a-half``, ``two and a half million``, ``a hundred``,
    ``a dozen``, ``twenty-first``.
    """
    reading = _Reading()
    j = end = i
    pending_and = False
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
        join, pending_and = pending_and, False
        reading.and_since_scale = reading.and_since_scale or join
        previous = words[j - 2 if join else j - 1][0] if j > i else ""
        if word in ("a", "an"):
            read = reading.article(text, words, j, join)
            if not read:
                break
            j += read
            end = j if read == 2 else end  # "and a half" ends the number so far; "a" alone does not
            continue
        if word in _WORD_VALUES and j == i:
            return j + 1, _WORD_VALUES[word], "number"
        if join and reading.last not in ("hundred", "scale", "unit", "tens"):
            break
        step = reading.add(word, join, previous)
        if step == _STOP:
            break
        reading.value_seen = True
        j += 1
        end = j
        if step == _LAST:
            break
    if not reading.value_seen or end == i:
        return i, 0.0, reading.kind
    if end < len(words) and words[end][0] in ("hundreds", "thousands", "millions", "billions"):
        return i, 0.0, reading.kind  # "two hundreds of"? not a quantity we can hold
    # a trailing article or "and" is not part of the number
    return end, reading.total + reading.current, reading.kind


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
