"""``punctuation``: unbalanced brackets and quotes, half-width punctuation in Chinese text,
doubled spaces and doubled words, in every document (the source included).

Slips that repeat through a document (half-width commas in Chinese text, two spaces after full
stops) are reported once per document with a count, not once per character.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

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

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        unbalanced_by_key = [_unbalanced_units(doc) for doc in corpus.documents]
        for n, doc in enumerate(corpus.documents):
            masks = [_masked(seg) for seg in doc.segments]
            elsewhere = set().union(*(u for m, u in enumerate(unbalanced_by_key) if m != n))
            for finding in self._balance(doc, masks):
                seg = doc.segments[finding.locations[0].segments[0]]
                if seg.key is not None and (seg.key, finding.locations[0].text) in elsewhere:
                    continue  # the unit of the other language has it too: a fragment, by design
                yield finding
            if _is_chinese(doc):
                yield from self._half_width(doc, masks)
            yield from self._doubled_words(doc)
            yield from self._double_spaces(doc, masks)

    # -- brackets and quotes -------------------------------------------------------------------

    def _balance(self, doc: Document, masks: list[set[int]]) -> Iterator[Finding]:
        """Pair brackets and quotes through the document, as one stream of segments.

        A stream rather than paragraph by paragraph, since a bracket may close in a later
        segment (sentences split inside an aside, a reader that knows no paragraphs); a quote
        left open at the end of a paragraph and opened again at the start of the next one is
        the convention for a quotation that runs over paragraphs, not an error.
        """
        stack: list[tuple[str, int, int]] = []  # (char, segment, offset)
        straight: dict[int, list[tuple[int, int]]] = {}
        paragraph_of = [seg.paragraph for seg in doc.segments]
        for i, seg in enumerate(doc.segments):
            text = seg.text
            for m in _BRACKET.finditer(text):
                k, ch = m.start(), m.group()
                if k in masks[i] or (ch in "()[]" and _EMOTICON.search(text[max(0, k - 2):k + 1])):
                    continue
                if ch == '"':
                    straight.setdefault(seg.paragraph, []).append((i, k))
                elif ch in _OPENERS:
                    if (ch == "“" and stack and stack[-1][0] == "“" and not text[:k].strip()
                            and paragraph_of[stack[-1][1]] != seg.paragraph):
                        stack.pop()  # the quotation runs on into this paragraph
                    stack.append((ch, i, k))
                elif ch in _CLOSERS:
                    want = _FAMILY.get(_CLOSERS[ch], _CLOSERS[ch])
                    if stack and _FAMILY.get(stack[-1][0], stack[-1][0]) == want:
                        stack.pop()
                    elif ch in ")）" and _LIST_MARKER.search(text[max(0, k - 6):k + 1]):
                        continue
                    else:
                        yield self._unbalanced(doc, i, k, f"The '{ch}' here closes nothing opened before it.")
        for ch, i, k in stack:
            yield self._unbalanced(doc, i, k, f"The '{ch}' here is never closed.", suggestion=_OPENERS[ch])
        for i, k in _odd_straight_quotes(doc, straight):
            yield self._unbalanced(doc, i, k, 'This paragraph has an odd number of straight quotes (").')

    def _unbalanced(self, doc: Document, i: int, k: int, message: str, suggestion: str | None = None) -> Finding:
        return self.finding(f"{doc.path}: {message}", [doc.locate(i, k, k + 1)], suggestion=suggestion,
                            issue="unbalanced")

    # -- half-width punctuation in Chinese -----------------------------------------------------

    def _half_width(self, doc: Document, masks: list[set[int]]) -> Iterator[Finding]:
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
        total = sum(by_char.values())
        if not total:
            return
        listed = ", ".join(f"'{ch}' {n}x" for ch, n in by_char.most_common())
        common = by_char.most_common(1)[0][0]
        yield self.finding(
            f"{doc.path} uses half-width punctuation inside Chinese text {total} times in "
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
                )
            elif found:
                # one finding per passage, as for double spaces: a garbled paste repeats words
                # thousands of times, and a reviewer fixes the passage, not each repeat
                words = list(dict.fromkeys(m.group(1) for m in found))
                shown = ", ".join(f"'{w}'" for w in words[:5]) + (", ..." if len(words) > 5 else "")
                yield self.finding(
                    f"{doc.path} repeats words {len(found)} times in one passage ({shown}).",
                    [doc.locate(i, m.start(), m.end()) for m in found[:_MAX_LOCATIONS]],
                    suggestion=words[0], issue="doubled-word", count=len(found),
                )

    def _double_spaces(self, doc: Document, masks: list[set[int]]) -> Iterator[Finding]:
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
            yield self.finding(
                f"{doc.path} has {count} runs of two or more spaces between words.",
                locations, severity=Severity.INFO, suggestion=" ", issue="double-space", count=count,
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


_RUNS_ON = 3
"""Paragraphs (units) a straight-quoted quotation may run over before it closes."""


def _odd_straight_quotes(doc: Document, straight: dict[int, list[tuple[int, int]]]
                         ) -> Iterator[tuple[int, int]]:
    """The last straight quote of each paragraph with an odd number of them, unless the
    paragraph's last quote opens a quotation (a space or nothing before it, a word after it)
    that a later paragraph, at most ``_RUNS_ON`` on, closes with its first quote (a word before
    it): a quotation split over two sentences or units."""
    odd = sorted((p, marks) for p, marks in straight.items() if len(marks) % 2)
    closed: set[int] = set()
    for n, (paragraph, marks) in enumerate(odd):
        if paragraph in closed:
            continue
        i, k = marks[-1]
        nxt = odd[n + 1] if n + 1 < len(odd) else None
        if (nxt is not None and nxt[0] - paragraph <= _RUNS_ON and _opens(doc.segments[i].text, k)
                and _closes(doc.segments[nxt[1][0][0]].text, nxt[1][0][1])):
            closed.add(nxt[0])
            continue
        yield i, k


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
