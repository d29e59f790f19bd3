"""``number-mismatch``: the numbers of a source sentence and its translation disagree in value.

Values, not strings, are compared (``checker.text.numerals``): ``six-and-a-half years``, ``6.5
years``, ``6年半`` and ``六年半`` agree; ``4.5亿`` and ``450 million`` agree; ``14 March 2025``
and ``2025年3月14日`` agree. Per aligned link the two sides' values are compared as multisets.
Scale words are part of the value (million, 万, 亿, bn, $5m), which is what makes 450 million and
4.5亿 equal; a number whose scale was lost (4.5万 for 450 million) is a mismatch.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.checks.base import Check
from checker.checks.entities import masked_spans
from checker.model import Category, Corpus, Document, Finding, Link, Severity
from checker.text.numerals import Quantity, extract


@dataclass(frozen=True)
class _Found:
    segment: int
    quantity: Quantity


def quantities(doc: Document, indices: tuple[int, ...]) -> list[_Found]:
    """The quantities of the given segments, outside URLs, code, identifiers and code blocks."""
    out = []
    for i in indices:
        if doc.segments[i].kind == "code":
            continue  # a code block's numbers (process ids, ports in a log) are code-block-mismatch's
        text = doc.segments[i].text
        found = extract(text)
        skip = list(masked_spans(text)) if found else []
        for q in found:
            if not any(a < q.end and q.start < b for a, b in skip):
                out.append(_Found(i, q))
    return out


HEDGE_RATIO = 1.15
"""A hedged number ("about 40") matches another within this factor: the translation states a
number too, and one that differs by more is a changed number, not a rounding."""


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _equal(a: Quantity, b: Quantity) -> bool:
    """The same value, in any reading the context allows (26 in "26 to 32 kilobases" is 26,000)."""
    return any(_same(x, y) for x in a.values for y in b.values)


_PLAIN_DIGITS = re.compile(r"[0-9０-９][0-9０-９.,．，]*[%％]?")


def _copied(a: Quantity, b: Quantity) -> bool:
    """Whether both sides write the number in plain digits at one scale: the translation copied it,
    so no approximation explains a different value (about 200% is not 约 201％, 3.8+ not 3.9+)."""
    return a.scale == b.scale and a.kind == b.kind and bool(_PLAIN_DIGITS.fullmatch(a.text)) \
        and bool(_PLAIN_DIGITS.fullmatch(b.text))


def _loose(a: Quantity, b: Quantity) -> bool:
    """An approximate value matches one of about its size: within a factor of 2 when either names
    a range (十多, 三四, a year or so), within ``HEDGE_RATIO`` when a hedge only qualifies a stated
    number (about 40 = 四十, but about 600,000 is not 七十万). A number both sides write in
    digits is copied, not approximated: it matches only itself."""
    if not (a.approximate or b.approximate) or _copied(a, b):
        return False
    low, high = sorted((a.value, b.value))
    vague = (a.approximate and not a.hedged) or (b.approximate and not b.hedged)
    return low > 0 and high / low < (2.0 if vague else HEDGE_RATIO)


def _reciprocal(a: Quantity, b: Quantity) -> bool:
    """"the tenth (part)" and 十分之一 name the same share."""
    return any(x.kind == "ordinal" and x.value >= 3 and _same(1 / x.value, y.value) for x, y in ((a, b), (b, a)))


def match(source: list[_Found], target: list[_Found]) -> tuple[list[_Found], list[_Found]]:
    """The source and target quantities left unmatched after pairing equal values."""
    left_s, left_t = list(source), list(target)
    rules = (_equal, _reciprocal, _loose)
    _pair_by(rules, left_s, left_t, lambda s, t: bool(s.quantity.weak) == bool(t.quantity.weak))
    # A weak reading (四周 'around', interleukin-6, 'first') explains a stated number only when the
    # other side has no stated number left to explain it: then the two are a changed number.
    strong_s = any(_counts(x) and not x.quantity.weak for x in left_s)
    strong_t = any(_counts(x) and not x.quantity.weak for x in left_t)
    _pair_by(rules, left_s, left_t, lambda s, t: not (t.quantity.weak and strong_t or s.quantity.weak and strong_s))
    _match_sums(left_s, left_t)
    _match_sums(left_t, left_s)
    return left_s, left_t


def _pair_by(rules, left_s: list[_Found], left_t: list[_Found], allowed) -> None:
    """Remove from both lists each pair that a rule matches (rules in order) and ``allowed`` allows."""
    for rule in rules:
        for s in list(left_s):
            for t in left_t:
                if allowed(s, t) and rule(s.quantity, t.quantity):
                    left_s.remove(s)
                    left_t.remove(t)
                    break


def _match_sums(parts: list[_Found], wholes: list[_Found]) -> None:
    """Two values on one side that add up to one on the other ("ninety years old and nine" = 99).

    Only plain cardinals add up: "the first ... the second year" is not 第三年, nor "one lamb ...
    seven lambs" 八只.
    """
    addends = [p for p in parts if not p.quantity.weak and p.quantity.kind == "number"]
    for w in list(wholes):
        for x in range(len(addends)):
            for y in range(x + 1, len(addends)):
                if _same(addends[x].quantity.value + addends[y].quantity.value, w.quantity.value):
                    a, b = addends[x], addends[y]
                    addends.remove(a)
                    addends.remove(b)
                    parts.remove(a)
                    parts.remove(b)
                    wholes.remove(w)
                    break
            else:
                continue
            break


def _pair(left_s: list[_Found], left_t: list[_Found]):
    """Pair each unmatched source value with the closest unmatched target value (a changed number)."""
    pairs = []
    left_t = list(left_t)
    rest_s = []
    for s in left_s:
        if not left_t:
            rest_s.append(s)
            continue
        t = min(left_t, key=lambda t: abs(math.log((abs(t.quantity.value) + 1e-9) / (abs(s.quantity.value) + 1e-9))))
        left_t.remove(t)
        pairs.append((s, t))
    return pairs, rest_s, left_t


def _missing_severity(q: Quantity) -> Severity:
    """Small counts are often carried by a word (two -> 一对, both -> 双方); larger ones are not."""
    small = q.value == int(q.value) and q.value < 10 and q.kind != "percent"
    return Severity.MINOR if small else Severity.MAJOR


def _fmt(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}" if abs(value) >= 10000 else str(int(value))
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def _say(q: Quantity) -> str:
    """A value for a message: ``6.5 ('six-and-a-half')``, or just ``2023`` when written so."""
    value = _fmt(q.value)
    return value if q.text.replace(",", "") == value.replace(",", "") else f"{value} ('{q.text}')"


def _counts(found: _Found) -> bool:
    """Whether a lone, unmatched quantity is evidence of an error: articles and ranges (十多, a year
    or so) are not; a hedged number (about 40) is, since it states the number."""
    q = found.quantity
    return not (q.weak or (q.approximate and not q.hedged))


class NumberMismatch(Check):
    """A number in the translation differs in value from the source, or is missing.

    What it does:
        Reads every number of a source sentence and of its translation as a value: digits
        (also full-width), Chinese numerals with 万 and 亿, English number words, percentages,
        ordinals and dates, then compares the two sides as multisets. A value on each side that
        has no partner is a mismatch (major); a source value with no partner at all is missing
        (major, minor for counts under 10); a value only the translation has is added (minor).
        In a wide link (three or more sentences on one side, where an aligner has absorbed an
        omission) every number finding is minor, and the numbers it lost are one finding.
        Articles and pronouns (``one``, ``一家``) and approximations (``十多``, ``a year or so``)
        never fire alone.

    Why is this bad?
        A wrong number is a wrong fact: a date, an amount or a duration that readers will quote.

    Example:
        Source: "My six-and-a-half years with the team." Translation: "我在团队工作了6年。"
        -> the source says 6.5, the translation says 6.
    """

    id = "number-mismatch"
    name = "Number mismatch"
    category = Category.ACCURACY
    severity = Severity.MAJOR
    per_unit = True
    in_worker = True

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        for doc, link in corpus.matched():
            yield from self._link(corpus, doc, link)

    def _link(self, corpus: Corpus, doc: Document, link: Link) -> Iterator[Finding]:
        source = quantities(corpus.source, link.source)
        target = quantities(doc, link.target)
        if not source and not target:
            return  # most sentences: nothing to compare
        left_s, left_t = match(source, target)
        # A value said twice on one side and once on the other is a repetition the translation
        # may fold ("forty days and forty nights" -> 四十昼夜), not a missing number.
        # Where both sides have a value left, one was changed (coronavirus 2 ... SARS-CoV-2 and
        # three people -> 3 型 ... 3 名): a repetition explains neither.
        matched_s = {s.quantity.value for s in source if s not in left_s}
        matched_t = {t.quantity.value for t in target if t not in left_t}
        # a lone 1 the translation adds renders an article: "a Chinese person" is 1 名中国人
        # a range copied in digits and changed counts (Python 3.8+ -> 3.9+), though alone it would not
        copied = {found for s in left_s for t in left_t
                  if _copied(s.quantity, t.quantity) and not (s.quantity.weak or t.quantity.weak)
                  for found in (s, t)}
        # a weak ordinal (a third party, "Second,") and a stated ordinal left on the other side:
        # the stated one renders it, changed (a third party -> 第四方)
        copied |= {found for s in left_s for t in left_t
                   if s.quantity.kind == t.quantity.kind == "ordinal" and s.quantity.weak != t.quantity.weak
                   for found in (s, t)}
        left_s = [s for s in left_s if _counts(s) or s in copied]
        left_t = [t for t in left_t if (_counts(t) or t in copied) and t.quantity.value != 1]
        if not (left_s and left_t):
            left_s = [s for s in left_s if s.quantity.value not in matched_s]
            left_t = [t for t in left_t if t.quantity.value not in matched_t]
        if not left_s and not left_t:
            return
        data = {
            "source_values": [s.quantity.value for s in source],
            "target_values": [t.quantity.value for t in target],
        }
        src_doc = corpus.source
        # An aligner absorbs what a translation leaves out into wide links (4 sentences -> 1):
        # there a number may belong to a sentence that simply has no counterpart.
        loose = max(len(link.source), len(link.target)) >= 3
        pairs, left_s, left_t = _pair(left_s, left_t)
        for s, t in pairs:
            sq, tq = s.quantity, t.quantity
            yield self.finding(
                f"The source says {_say(sq)} but {doc.path} says {_say(tq)}.",
                [doc.locate(t.segment, tq.start, tq.end), src_doc.locate(s.segment, sq.start, sq.end)],
                severity=Severity.MINOR if loose else Severity.MAJOR,
                suggestion=_fmt(sq.value), source_value=sq.value, target_value=tq.value, **data,
            )
        if loose and len(left_s) > 1:  # a passage the translation does not render: one finding
            said = ", ".join(_say(s.quantity) for s in left_s)
            yield self.finding(
                f"The source's numbers {said} do not appear in {doc.path}.",
                [*(src_doc.locate(s.segment, s.quantity.start, s.quantity.end) for s in left_s),
                 doc.locate(link.target[0])],
                severity=Severity.MINOR,
                source_value=left_s[0].quantity.value, target_value=None,
                missing_values=[s.quantity.value for s in left_s], **data,
            )
            left_s = []
        for s in left_s:
            sq = s.quantity
            yield self.finding(
                f"The source's {_say(sq)} does not appear in {doc.path}.",
                [src_doc.locate(s.segment, sq.start, sq.end), doc.locate(link.target[0])],
                severity=Severity.MINOR if loose else _missing_severity(sq),
                source_value=sq.value, target_value=None, **data,
            )
        for t in left_t:
            tq = t.quantity
            yield self.finding(
                f"{doc.path} has {_say(tq)}, which the source does not.",
                [doc.locate(t.segment, tq.start, tq.end), src_doc.locate(link.source[0])],
                severity=Severity.MINOR, source_value=None, target_value=tq.value, **data,
            )
