"""``punctuation``: unbalanced brackets and quotes, half-width punctuation in Chinese text,
doubled spaces and doubled words, in every document (the source included).

Slips that repeat through a document (half-width commas in Chinese text, two spaces after full
stops) are reported once per document with a count, not once per character.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Any

from checker.checks.base import Check
from checker.checks.entities import technical
from checker.checks.tags import markup_spans
from checker.model import Category, Corpus, Document, Finding, Location, Segment, Severity

_OPENERS = {"(": ")", "（": "）", "[": "]", "［": "］", "【": "】", "{": "}", "《": "》", "〈": "〉",
            "「": "」", "『": "』", "“": "”"}
_CLOSERS = {close: open_ for open_, close in _OPENERS.items()}
# Round brackets of either width close each other: "(...）" is a width slip, not an imbalance.
_FAMILY = {"（": "(", "）": ")", "［": "[", "］": "]"}
_BRACKET = re.compile("[" + re.escape("".join(_OPENERS) + "".join(_CLOSERS)) + '"]')
_LIST_MARKER = re.compile(r"(?:^|[\s:;,，：；])(?:[A-Za-z]|\d{1,2}|[ivx]{1,4})[)）]$")
_EMOTICON = re.compile(r"(?<![\w:])[:;=]-?[()\[\]]$")

_HAN = "\u3400-\u9fff\uf900-\ufaff"
_CJK_CONTEXT = re.compile(f"[{_HAN}\u3000-\u303f\uff01-\uff60]")
_HALF_WIDTH = re.compile(r"[,;:?!()]|(?<!\.)\.(?![A-Za-z0-9_.])")
"""Half-width marks; a '.' is a full stop only alone (not '...', an ellipsis) and not before a
digit or a letter ('6.5', '.rst', '.buildinfo': a file name)."""
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_DOUBLE_SPACE = re.compile(r"(?<=\S)  +(?=\S)")
_DOUBLED_WORD = re.compile(r"\b(?<![\w'’-])([A-Za-z]++)\s++(\1)(?![\w'’-])", re.I)
"""A word written twice. ``\\b`` is a quick first test; the quantifiers are possessive since a
shorter word or space run could never match (the next character would be a letter or a space)."""
# Words that English legitimately doubles ("that that", "had had", "bye bye").
_DOUBLE_OK = frozenset({
    "that", "had", "do", "is", "bye", "ha", "ho", "no", "yeah", "well", "very", "so", "now", "there",
    "blah", "knock", "many", "far", "long", "hush", "tut", "boo", "chop", "pom", "go", "run", "cha",
    "la", "dum", "tick", "tock", "bang", "boom", "night", "beep", "wow", "yes", "oh", "hip",
})
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_MAX_LOCATIONS = 20
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_BEFORE_WINDOW = 64  # characters searched for the word before a doubled word; longer words are no _RELATIVE
_RELATIVE = frozenset({"that", "who", "which", "what", "whatever", "whoever", "whoso", "whosoever"})


def _is_chinese(doc: Document) -> bool:
    return doc.lang.split("-")[0] in {"zh", "ja"}


def _masked(seg: Segment) -> set[int]:
    """Offsets inside URLs, code and markup (tags, link destinations, attribute lists), where
    brackets, quotes and spaces are not punctuation; a whole code block is masked."""
    if seg.kind == "code":
        return set(range(len(seg.text)))
    spans = [(e.start, e.end) for e in technical(seg.text)] + markup_spans(seg.text)
    return {k for start, end in spans for k in range(start, end)}


class Punctuation(Check):
    """Brackets or quotes are unbalanced, Chinese text uses half-width marks, or a word is doubled.

    What it does:
        Within each paragraph, pairs brackets and quotation marks ((), （）, [], 【】, 《》, “”,
        「」, straight double quotes) and reports any left open or closed without an opening (a
        quotation that continues into a paragraph opening with a quote is fine). In Chinese text
        it counts half-width , ; : ? ! ( ) . next to Chinese characters, once per document. It
        also reports doubled words ("the the", but not "that that" or Chinese reduplication
        such as 谢谢) and, once per document, runs of two or more spaces.

    Why is this bad?
        An unclosed bracket or quote leaves readers unsure where an aside ends; half-width
        punctuation in Chinese text and doubled words look careless in published text.

    Example:
        "Mira Murati今日说,经过深思熟虑,做出离开OpenAl的艰难决定。" uses half-width commas
        where Chinese uses '，'.
    """

    id = "punctuation"
    name = "Punctuation"
    category = Category.FLUENCY
    severity = Severity.MINOR
    needs_alignment = False
    in_worker = True

    # Brackets pair through a whole document, a straight quote may close in a later paragraph, a
    # bracket a unit of the other language leaves open too is a fragment, and half-width marks
    # and double spaces are counted per document: ``learn`` pairs what it can within its units and
    # keeps what is left open or closes nothing there, ``combine`` pairs those through the
    # document and decides, and ``findings`` reports them in their units, its counts joined by
    # ``merge``. The findings of a document come in the order of ``_KINDS``.

    def learn(self, corpus: Corpus) -> dict[str, _Learned]:
        return {doc.id: _Learned.of(doc) for doc in corpus.documents}

    @classmethod
    def combine(cls, parts: Sequence[dict[str, _Learned]]) -> dict[str, _Report]:
        """Per document, where the unbalanced brackets and quotes to report are."""
        unbalanced: dict[str, set[tuple[str, str]]] = {}
        for part in parts:
            for doc_id, learned in part.items():
                unbalanced.setdefault(doc_id, set()).update(learned.unbalanced)
        known: dict[str, _Report] = {}
        for doc_id in unbalanced:
            elsewhere = set().union(*(u for other, u in unbalanced.items() if other != doc_id))
            pieces = [part[doc_id] for part in parts if doc_id in part]
            starts = list(accumulate((piece.size for piece in pieces[:-1]), initial=0))
            found = _pair(pieces, starts)
            known[doc_id] = _Report(
                {piece.anchor: start for piece, start in zip(pieces, starts, strict=True)},
                {kind: {at for at, key, ch in spots if key is None or (key, ch) not in elsewhere}
                 for kind, spots in found.items()})
        return known

    def findings(self, corpus: Corpus, known: dict[str, _Report]) -> Iterator[Finding]:
        for n, doc in enumerate(corpus.documents):
            masks = _Masks(doc)
            report = known.get(doc.id)
            if report is not None and any(report.marks.values()):
                for finding in self._balance(doc, masks, report):
                    yield _tagged(finding, n)
            if _is_chinese(doc):
                yield from (_tagged(f, n) for f in self._half_width(doc, masks))
            yield from (_tagged(f, n) for f in self._doubled_words(doc))
            yield from (_tagged(f, n) for f in self._double_spaces(doc, masks))

    @classmethod
    def merge(cls, findings: Sequence[Finding]) -> list[Finding]:
        """The shards' findings per document in the order of ``_KINDS``; the half-width marks
        and double spaces of a document, counted in each shard, as one finding."""
        parts: dict[tuple[int, int], list[Finding]] = {}
        for f in findings:
            parts.setdefault((f.data["_doc"], f.data["_kind"]), []).append(f)
        out: list[Finding] = []
        for (_, kind), found in sorted(parts.items(), key=lambda item: item[0]):
            if _KINDS[kind] == "half-width":
                out.append(_joined_half_width(found))
            elif _KINDS[kind] == "double-space":
                out.append(_joined_double_spaces(found))
            else:
                out.extend(_untagged(f) for f in found)
        return out

    # -- brackets and quotes -------------------------------------------------------------------

    def _balance(self, doc: Document, masks: _Masks, report: _Report) -> Iterator[Finding]:
        """The brackets and quotes of ``report`` (``combine``'s, for the document) as findings:
        those that close nothing, in order, then those never closed, then the odd straight quotes."""
        start = report.starts[_anchor(doc)]  # the number of these segments' first in the document
        stream = _Stream(doc, masks)
        for event in stream.events:
            if event[0] != "quote" and (start + event[1], event[2]) in report.marks["closes"]:
                _, i, k, *_ = event
                ch = doc.segments[i].text[k]
                yield self._unbalanced(doc, i, k, "closes", f"The '{ch}' here closes nothing opened before it.")
        for ch, i, k in stream.stack:
            if (start + i, k) in report.marks["open"]:
                yield self._unbalanced(doc, i, k, "open", f"The '{ch}' here is never closed.",
                                       suggestion=_OPENERS[ch])
        for paragraph in sorted(stream.straight):
            i, k = stream.straight[paragraph][-1]
            if (start + i, k) in report.marks["straight"]:
                yield self._unbalanced(doc, i, k, "straight",
                                       'This paragraph has an odd number of straight quotes (").')

    def _unbalanced(self, doc: Document, i: int, k: int, kind: str, message: str,
                    suggestion: str | None = None) -> Finding:
        return self.finding(f"{doc.path}: {message}", [doc.locate(i, k, k + 1)], suggestion=suggestion,
                            issue="unbalanced", _kind=_KINDS.index(kind))

    # -- half-width punctuation in Chinese -----------------------------------------------------

    def _half_width(self, doc: Document, masks: _Masks) -> Iterator[Finding]:
        """The half-width marks of these segments, counted (joined by ``_joined_half_width``)."""
        by_char: Counter[str] = Counter()
        locations: list[Location] = []
        segments: list[int] = []
        for i, seg in enumerate(doc.segments):
            text = seg.text
            first = None
            for m in _HALF_WIDTH.finditer(text):
                k = m.start()
                if k in masks[i] or not _in_chinese(text, k) or _in_emoticon(text, k):
                    continue
                by_char[m.group()] += 1
                if first is None:
                    first = k
            if first is not None:
                segments.append(i)
                if len(locations) < _MAX_LOCATIONS:
                    locations.append(doc.locate(i, first, first + 1))
        if by_char:
            yield self.finding("", locations, issue="half-width", by_char=by_char, segments=segments,
                               _path=doc.path, _kind=_KINDS.index("half-width"))

    def _half_width_finding(self, path: str, by_char: Counter[str], segments: list[int],
                            locations: list[Location]) -> Finding:
        total = sum(by_char.values())
        listed = ", ".join(f"'{ch}' {n}x" for ch, n in by_char.most_common())
        common = by_char.most_common(1)[0][0]
        return self.finding(
            f"{path} uses half-width punctuation inside Chinese text {total} times in "
            f"{len(segments)} segments ({listed}); Chinese text uses full-width marks such as "
            f"'{_FULL_WIDTH[common]}'.",
            locations, suggestion=_FULL_WIDTH[common] if len(by_char) == 1 else None,
            issue="half-width", count=total, by_char=dict(by_char), segments=segments,
        )

    # -- doubled words and spaces ----------------------------------------------------------------

    def _doubled_words(self, doc: Document) -> Iterator[Finding]:
        for i, seg in enumerate(doc.segments):
            if seg.kind == "code" or not _LATIN_LETTER.search(seg.text):
                continue  # code, or Chinese text: no word to double
            found = []
            for m in _DOUBLED_WORD.finditer(seg.text):
                word = m.group(1)
                # the word before, in a window (not the whole text before: that is quadratic)
                before = _WORD_BEFORE.search(seg.text, max(0, m.start() - _BEFORE_WINDOW), m.start())
                if word.lower() in _DOUBLE_OK or (before and before.group(1).lower() in _RELATIVE):
                    continue  # "every man that offered offered"
                if len(word) == 1 and word.isupper():
                    continue  # initials: "Hussein A A, et al."
                found.append(m)
            if len(found) == 1:
                m = found[0]
                yield self.finding(
                    f"{doc.path} repeats the word '{m.group(1)}'.",
                    [doc.locate(i, m.start(), m.end())], suggestion=m.group(1), issue="doubled-word",
                    _kind=_KINDS.index("doubled-word"),
                )
            elif found:
                # one finding per passage, as for double spaces: a garbled paste repeats words
                # thousands of times, and a reviewer fixes the passage, not each repeat
                words = list(dict.fromkeys(m.group(1) for m in found))
                shown = ", ".join(f"'{w}'" for w in words[:5]) + (", ..." if len(words) > 5 else "")
                yield self.finding(
                    f"{doc.path} repeats words {len(found)} times in one passage ({shown}).",
                    [doc.locate(i, m.start(), m.end()) for m in found[:_MAX_LOCATIONS]],
                    suggestion=words[0], issue="doubled-word", count=len(found), _kind=_KINDS.index("doubled-word"),
                )

    def _double_spaces(self, doc: Document, masks: _Masks) -> Iterator[Finding]:
        """The runs of spaces of these segments, counted (joined by ``_joined_double_spaces``)."""
        locations: list[Location] = []
        count = 0
        for i, seg in enumerate(doc.segments):
            if "  " not in seg.text:
                continue  # the common case, told faster than by the pattern
            for m in _DOUBLE_SPACE.finditer(seg.text):
                if m.start() in masks[i]:
                    continue
                count += 1
                if len(locations) < _MAX_LOCATIONS:
                    locations.append(doc.locate(i, m.start(), m.end()))
        if count:
            yield self._double_spaces_finding(doc.path, count, locations)

    def _double_spaces_finding(self, path: str, count: int, locations: list[Location]) -> Finding:
        return self.finding(
            f"{path} has {count} runs of two or more spaces between words.",
            locations, severity=Severity.INFO, suggestion=" ", issue="double-space", count=count, _path=path,
            _kind=_KINDS.index("double-space"),
        )


def _unbalanced_units(doc: Document) -> set[tuple[str, str]]:
    """(key, bracket) of each keyed unit that opens or closes a bracket more often than the
    other, for brackets of either width: the fragment ``" (in "`` of a program that builds
    the rest of the sentence has its '(' in both languages."""
    out: set[tuple[str, str]] = set()
    for seg in doc.segments:
        if seg.key is None:
            continue
        for opens, closes in (("(（", ")）"), ("[［", "]］"), ("{", "}")):
            balance = sum(seg.text.count(c) for c in opens) - sum(seg.text.count(c) for c in closes)
            if balance:
                out.update((seg.key, c) for c in (opens if balance > 0 else closes))
    return out


_KINDS = ("closes", "open", "straight", "half-width", "doubled-word", "double-space")
"""The kinds of finding, in the order a document's come: brackets that close nothing, brackets
never closed, odd straight quotes, half-width marks, doubled words, runs of spaces."""

_RUNS_ON = 3
"""Paragraphs (units) a straight-quoted quotation may run over before it closes."""

_At = tuple[int, int]
"""A mark's place: its segment's number (in the part of the document learned, or in the whole
document once combined) and its offset in the segment."""

_Anchor = tuple[int, int, int, "str | None", int]
"""What tells consecutive parts of a document apart: their first segment's paragraph, line,
column, key and length (a part of a keyed file starts at a unit of its own; a whole document
is one part)."""


def _anchor(doc: Document) -> _Anchor:
    if not doc.segments:
        return -1, 0, 0, None, 0  # no segment: no mark either
    seg = doc.segments[0]
    return seg.paragraph, seg.line, seg.column, seg.key, len(seg.text)


@dataclass(frozen=True)
class _Report:
    """``combine``'s answer for a document: the number of the first segment of each of its parts
    in the document, by their ``_anchor``, and the places of the marks to report, by kind."""

    starts: dict[_Anchor, int]
    marks: dict[str, set[_At]]


class _Masks:
    """``_masked`` of each segment of a document, made when first asked for."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.made: dict[int, set[int]] = {}

    def __getitem__(self, i: int) -> set[int]:
        mask = self.made.get(i)
        if mask is None:
            mask = self.made[i] = _masked(self.doc.segments[i])
        return mask


class _Stream:
    """The brackets and quotes of a document's segments, paired through them as one stream.

    A stream rather than paragraph by paragraph, since a bracket may close in a later segment
    (sentences split inside an aside, a reader that knows no paragraphs); a quote left open at
    the end of a paragraph and opened again at the start of the next one is the convention for
    a quotation that runs over paragraphs, not an error. What these segments cannot tell, since
    it depends on what the segments before them leave open, is an ``event`` for ``_pair``:
    ``("nothing", i, k)`` a closer that closes nothing, ``("probe", i, k, want, list_marker)``
    a closer with nothing open here, ``("quote", i, k)`` a quotation that may run on into
    segment ``i``. ``stack`` is what is left open, ``straight`` the straight quotes (segment,
    offset) of each paragraph.
    """

    def __init__(self, doc: Document, masks: _Masks) -> None:
        self.events: list[tuple[Any, ...]] = []
        self.stack: list[tuple[str, int, int]] = []  # (char, segment, offset)
        stack = self.stack
        self.straight: dict[int, list[tuple[int, int]]] = {}
        paragraph_of = [seg.paragraph for seg in doc.segments]
        for i, seg in enumerate(doc.segments):
            text = seg.text
            for m in _BRACKET.finditer(text):
                k, ch = m.start(), m.group()
                if k in masks[i] or (ch in "()[]" and _EMOTICON.search(text[max(0, k - 2):k + 1])):
                    continue
                if ch == '"':
                    self.straight.setdefault(seg.paragraph, []).append((i, k))
                elif ch in _OPENERS:
                    if ch == "“" and not text[:k].strip():
                        if not stack:
                            self.events.append(("quote", i, k))
                        elif stack[-1][0] == "“" and paragraph_of[stack[-1][1]] != seg.paragraph:
                            stack.pop()  # the quotation runs on into this paragraph
                    stack.append((ch, i, k))
                elif ch in _CLOSERS:
                    want = _FAMILY.get(_CLOSERS[ch], _CLOSERS[ch])
                    if stack and _FAMILY.get(stack[-1][0], stack[-1][0]) == want:
                        stack.pop()
                        continue
                    marker = ch in ")）" and _LIST_MARKER.search(text[max(0, k - 6):k + 1]) is not None
                    if not stack:
                        self.events.append(("probe", i, k, want, marker))
                    elif not marker:
                        self.events.append(("nothing", i, k))


@dataclass
class _Learned:
    """What ``Punctuation.learn`` keeps of a document's segments: their ``_anchor`` and number,
    the keyed units whose brackets do not balance, the stream's events (``("nothing", at, key,
    char)``, ``("probe", at, key, char, want, list_marker)``, ``("quote", paragraph)``), what is
    left open (``(char, paragraph, at, key)``), and the straight quotes of the paragraphs that
    have an odd number of them or may go on in the next or previous units (``paragraph ->
    [count, first quote, it may close a quotation, last quote, it may open one, its key]``)."""

    anchor: _Anchor
    size: int
    unbalanced: set[tuple[str, str]]
    events: list[tuple[Any, ...]]
    stack: list[tuple[str, int, _At, str | None]]
    straight: dict[int, list[Any]]

    @classmethod
    def of(cls, doc: Document) -> _Learned:
        stream = _Stream(doc, _Masks(doc))
        segments = doc.segments

        def spot(i: int, k: int) -> tuple[_At, str | None, str]:
            return (i, k), segments[i].key, segments[i].text[k]

        events: list[tuple[Any, ...]] = []
        for event in stream.events:
            if event[0] == "quote":
                events.append(("quote", segments[event[1]].paragraph))
            else:
                events.append((event[0], *spot(event[1], event[2]), *event[3:]))
        stack = [(ch, segments[i].paragraph, *spot(i, k)[:2]) for ch, i, k in stream.stack]
        edges = {segments[0].paragraph, segments[-1].paragraph} if segments else set()
        straight: dict[int, list[Any]] = {}
        for paragraph, marks in stream.straight.items():
            if len(marks) % 2 or paragraph in edges:
                (i, k), (j, m) = marks[0], marks[-1]
                straight[paragraph] = [len(marks), (i, k), _closes(segments[i].text, k),
                                       (j, m), _opens(segments[j].text, m), segments[j].key]
        return cls(_anchor(doc), len(segments), _unbalanced_units(doc), events, stack, straight)


def _pair(parts: Sequence[_Learned], starts: Sequence[int]) -> dict[str, list[tuple[_At, str | None, str]]]:
    """A document's unbalanced brackets and quotes, ``(at, key, char)`` by kind, from what
    ``learn`` kept of its consecutive parts (which start at segments ``starts``): the stream
    paired through them all."""
    stack: list[tuple[str, int, _At, str | None]] = []
    closes: list[tuple[_At, str | None, str]] = []
    quotes: dict[int, list[Any]] = {}
    for part, start in zip(parts, starts, strict=True):
        for event in part.events:
            if event[0] == "quote":
                if stack and stack[-1][0] == "“" and stack[-1][1] != event[1]:
                    stack.pop()  # the quotation runs on into this paragraph
                continue
            (i, k), key, ch = event[1:4]
            if event[0] == "nothing":
                closes.append(((start + i, k), key, ch))
            elif stack and _FAMILY.get(stack[-1][0], stack[-1][0]) == event[4]:
                stack.pop()
            elif not event[5]:  # a list marker, "a)", closes nothing and is no slip
                closes.append(((start + i, k), key, ch))
        stack.extend((ch, paragraph, (start + i, k), key) for ch, paragraph, (i, k), key in part.stack)
        for paragraph, (count, (i, k), closes_, (j, m), opens, key) in part.straight.items():
            quote = [count, (start + i, k), closes_, (start + j, m), opens, key]
            if paragraph in quotes:  # a paragraph cut between parts
                quotes[paragraph][0] += count
                quotes[paragraph][3:] = quote[3:]
            else:
                quotes[paragraph] = quote
    return {"closes": closes, "open": [(at, key, ch) for ch, _, at, key in stack],
            "straight": _odd_straight_quotes(quotes)}


def _odd_straight_quotes(quotes: dict[int, list[Any]]) -> list[tuple[_At, str | None, str]]:
    """The last straight quote of each paragraph with an odd number of them, unless the
    paragraph's last quote opens a quotation (a space or nothing before it, a word after it)
    that a later paragraph, at most ``_RUNS_ON`` on, closes with its first quote (a word before
    it): a quotation split over two sentences or units."""
    odd = sorted((p, quote) for p, quote in quotes.items() if quote[0] % 2)
    closed: set[int] = set()
    out = []
    for n, (paragraph, (_, _, _, last, opens, key)) in enumerate(odd):
        if paragraph in closed:
            continue
        nxt = odd[n + 1] if n + 1 < len(odd) else None
        if nxt is not None and nxt[0] - paragraph <= _RUNS_ON and opens and nxt[1][2]:
            closed.add(nxt[0])
            continue
        out.append((last, key, '"'))
    return out


def _tagged(finding: Finding, n: int) -> Finding:
    """``finding`` of the ``n``-th document, for ``merge`` to put in order."""
    return replace(finding, data={**finding.data, "_doc": n})


def _untagged(finding: Finding) -> Finding:
    """``finding`` without what ``merge`` read (the keys starting with '_')."""
    return replace(finding, data={k: v for k, v in finding.data.items() if not k.startswith("_")})


def _joined_half_width(parts: Sequence[Finding]) -> Finding:
    """One document's half-width marks, counted in its consecutive parts, as one finding."""
    by_char: Counter[str] = Counter()
    segments: list[int] = []
    locations: list[Location] = []
    for part in parts:
        local = part.data["segments"]
        shift = part.locations[0].segments[0] - local[0]  # the part's first segment in the document
        by_char.update(part.data["by_char"])
        segments.extend(i + shift for i in local)
        locations.extend(part.locations)
    check = Punctuation()
    return _untagged(check._half_width_finding(parts[0].data["_path"], by_char, segments,
                                               locations[:_MAX_LOCATIONS]))


def _joined_double_spaces(parts: Sequence[Finding]) -> Finding:
    """One document's runs of spaces, counted in its consecutive parts, as one finding."""
    locations = [loc for part in parts for loc in part.locations]
    count = sum(part.data["count"] for part in parts)
    return _untagged(Punctuation()._double_spaces_finding(parts[0].data["_path"], count, locations[:_MAX_LOCATIONS]))


def _opens(text: str, k: int) -> bool:
    return (k == 0 or text[k - 1].isspace() or text[k - 1] in "(（[:：") and text[k + 1:k + 2].strip() != ""


def _closes(text: str, k: int) -> bool:
    return k > 0 and not text[k - 1].isspace()


def _in_emoticon(text: str, k: int) -> bool:
    """Whether the mark at ``k`` is part of a smiley such as ``:)`` or ``;-(``."""
    return bool(_EMOTICON.search(text[max(0, k - 2):k + 1]) or _EMOTICON.match(text[k:k + 3].rstrip()))


def _in_chinese(text: str, k: int) -> bool:
    """Whether the mark at ``k`` stands next to Chinese (spaces aside), and not between digits."""
    left = text[:k].rstrip()[-1:]
    right = text[k + 1:].lstrip()[:1]
    if left.isdigit() and right.isdigit():
        return False
    return bool(_CJK_CONTEXT.match(left) or _CJK_CONTEXT.match(right))
