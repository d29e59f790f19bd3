"""Split a text into paragraphs, sentences or lines, keeping where each piece stands.

Every ``Segment.text`` is an exact substring of the text (surrounding whitespace stripped), so a
span inside it maps back to a line and column with ``Segment.position``. Lines and columns are
1-based; columns count characters. ``paragraph`` is the 0-based index of the blank-line
separated block the segment belongs to.

Sentences end at:

- ``。！？．`` (full width), with any closing quotes or brackets after them (``。”`` stays whole);
- ``；`` and, between Chinese characters, ``;`` (except inside quotes or brackets, where a
  semicolon joins the clauses of one quoted sentence);
- ``. ! ? …`` followed by a space (or by a Chinese character) and a word that is not in lower
  case, unless the word before the full stop is an abbreviation (``Mr.``, ``e.g.``, ``U.S.``);
- a line break, unless the line looks hard-wrapped (see ``_soft_break``).

No sentence ends inside a pair of brackets that closes later in the paragraph (within 500
characters), so ``(there is never a good time, ... upswing)`` or ``(See above. Then this.)``
stays in one piece.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from checker.model import Segment

MODES = ("sentences", "paragraphs", "lines")

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0003ffff"
_IS_CJK = re.compile(f"[{_CJK}]")
_WIDE = re.compile(f"[{_CJK}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]")
_CLOSERS = "\"'”’」』）)\\]】》〉»›〕］}"
_END = re.compile(f"([.!?…。！？．｡;；]+)([{_CLOSERS}]*)")
_BRACKETS = {"(": ")", "（": "）", "[": "]", "［": "］", "【": "】", "〔": "〕", "{": "}"}
_QUOTES = {"“": "”", "「": "」", "『": "』", "«": "»", "《": "》"}
_PAIRED = re.compile("[" + re.escape("".join(_BRACKETS) + "".join(_BRACKETS.values())) + "]")
_QUOTED = re.compile('[“”「」『』«»《》"]')
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*|\d+)$")
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")
_BLOCK_START = re.compile(r"\s*(?:[-*+•>#|]|\d+[.)]\s)")
_MAX_BRACKET = 500  # a "pair" wider than this is more likely two unrelated brackets
# Markup: no sentence ends inside a tag (``<abbr title="一。二">``), and closing tags right after
# the end of a sentence belong to it (``得出。</small>``).
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>=`]+))?)*\s*/?>")
_CLOSING_TAGS = re.compile(r"(?:</[A-Za-z][\w:.-]*\s*>)+")


def split(text: str, mode: str, lang: str) -> list[Segment]:
    """The segments of ``text``: ``mode`` is ``sentences``, ``paragraphs`` or ``lines``."""
    if mode not in MODES:
        raise ValueError(f"unknown split mode {mode!r}; choose from {', '.join(MODES)}")
    text = normalize_newlines(text)
    starts = _line_starts(text)
    segments: list[Segment] = []
    for number, (start, end) in enumerate(_paragraphs(text)):
        if mode == "paragraphs":
            spans: Iterator[tuple[int, int]] = iter([(start, end)])
        elif mode == "lines":
            spans = _lines(text, start, end)
        else:
            spans = _sentences(text, start, end, lang)
        for a, b in spans:
            a, b = _strip(text, a, b)
            if a < b:
                line = bisect.bisect_right(starts, a)
                column = a - starts[line - 1] + 1
                segments.append(Segment(len(segments), text[a:b], number, line, column))
    return segments


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``, as in Python's universal newlines."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of non-blank lines."""
    start = None
    pos = 0
    for line in text.split("\n"):
        blank = not line.strip()
        if blank and start is not None:
            yield start, pos - 1
            start = None
        elif not blank and start is None:
            start = pos
        pos += len(line) + 1
    if start is not None:
        yield start, len(text)


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for line in text[start:end].split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _sentences(text: str, start: int, end: int, lang: str) -> Iterator[tuple[int, int]]:
    para = text[start:end]
    cuts = sorted(set(_punctuation_cuts(para, lang)) | set(_line_cuts(para)))
    prev = 0
    for cut in cuts:
        if cut > prev:
            yield start + prev, start + cut
            prev = cut
    yield start + prev, end


def _punctuation_cuts(para: str, lang: str) -> Iterator[int]:
    brackets = _pairs(para, _PAIRED, _BRACKETS, _MAX_BRACKET)
    quotes = _pairs(para, _QUOTED, _QUOTES, len(para))
    tags = [m.span() for m in _TAG.finditer(para)] if "<" in para else []
    for m in _END.finditer(para):
        mark, cut = m.group(1), m.end()
        if _inside(brackets, m.start(), cut) or any(a < m.start() < b for a, b in tags):
            continue
        if m.group(2).endswith("]") and para[cut:cut + 1] in ("(", "["):
            continue  # the end of a Markdown link's text: "[看这里。](./a.md)" goes on
        closing = _CLOSING_TAGS.match(para, cut)
        if closing:
            cut = closing.end()
        before = para[m.start() - 1] if m.start() else ""
        if before and before in "，,、：:" and set(mark) <= {"…", "."}:
            continue  # "罪，……不然" trails off inside the sentence
        after = para[cut:cut + 1]
        cjk_before = bool(_IS_CJK.match(before))
        if set(mark) <= {";", "；"}:
            if (mark[0] == "；" or cjk_before) and not _inside(quotes, m.start(), cut):
                yield cut
        elif any(c in "。！？．｡" for c in mark) or (cjk_before and not after.isdigit()):
            if not (m.group(2) and after == "と"):  # Japanese 「…。」と言った quotes
                yield cut
        elif _latin_end(para, m.start(), cut, mark, lang):
            yield cut


def _latin_end(para: str, dot: int, cut: int, mark: str, lang: str) -> bool:
    """Whether ``. ! ? …`` at ``dot`` ends an English-like sentence."""
    after = para[cut:cut + 1]
    if after and not after.isspace() and not _IS_CJK.match(after):
        return False  # 6.5, OpenAI.com, "e.g.,"
    rest = para[cut:cut + 40].lstrip()
    if not rest:
        return True
    if rest[0].islower():
        return False
    if mark != ".":
        return True
    word = _WORD_BEFORE.search(para[max(0, dot - 30):dot])
    if word is None:
        return True
    token = word.group(1)
    key, base = token.lower(), lang.split("-")[0].lower()
    if key in _NEVER_FINAL or key in _NEVER_FINAL_IN.get(base, ()):
        return False  # Mr. Smith, e.g. Paris
    if key in _BEFORE_NUMBER and rest[0].isdigit():
        return False  # No. 5, p. 12
    if token.isdigit():
        line_start = para.rfind("\n", 0, dot) + 1
        if not para[line_start:dot - len(token)].strip():
            return False  # "1. First item" at the start of a line
        if base not in _ORDINAL_DOT_LANGS:
            return True
    elif len(token) > 1 and "." not in token and key not in _MAY_END:
        return True  # an ordinary word
    # An initial (J.), an initialism (U.S.), an ordinal (3. Oktober) or an abbreviation that may
    # end a sentence (etc., Inc.): it ends one only if a word that usually starts one comes next.
    if _IS_CJK.match(rest[0]):
        return after.isspace()  # "在U.S.工作" goes on; "在U.S. 我们" may not
    nxt = _WORD_AFTER.match(rest)
    return nxt is not None and nxt.group(1) in _STARTERS


# Abbreviations that never end a sentence: the word after them is never a new sentence.
_NEVER_FINAL = frozenset(
    "mr mrs ms dr prof rev hon st mt gen col lt sgt capt cmdr adm sen rep gov supt messrs "
    "vs cf viz approx ca e.g i.e a.k.a incl dept esp".split()
)
_NEVER_FINAL_IN = {
    "de": frozenset("z.b bzw vgl hr fr frl str d.h u.a evtl ggf inkl zzgl sog bspw".split()),
    "fr": frozenset("mme mlle mm p.ex env".split()),
    "es": frozenset("sr sra srta dña ud uds p.ej".split()),
    "it": frozenset("sig sigg dott dott.ssa".split()),
    "pt": frozenset("sr sra dra".split()),
    "nl": frozenset("dhr mevr bijv o.a".split()),
}
# Abbreviations that are not final before a number (No. 5), but may end a sentence otherwise.
_BEFORE_NUMBER = frozenset("no nos nr p pp fig figs vol vols ch chap sec art op eq ref".split())
# Abbreviations that often end a sentence: "at Acme Inc. The next day" vs "Acme Inc. said".
_MAY_END = frozenset(
    "etc inc ltd co corp bros jr sr al usw ecc enz jan feb mar apr jun jul aug sep sept oct nov "
    "dec".split()
)
# Languages that write ordinal numbers with a full stop ("am 3. Oktober").
_ORDINAL_DOT_LANGS = frozenset("de da nb no nn fi cs sk pl hu sl hr sr bs tr et lv lt is".split())
# Words that start sentences far more often than they follow an abbreviation.
_STARTERS = frozenset(
    "The This That These Those It Its He She We They I You His Her Our Their My Your There Here "
    "But And Or So Yet In On At For If When While After Before As A An What Why How Who Where "
    "Then Now However Also Still Thus Meanwhile Today Yesterday Tomorrow Some Many Most All No "
    "Der Die Das Er Sie Es Wir Ich Aber Und Im Am Le La Les Il Elle Nous Je Mais El Los Las "
    "Ella Pero".split()
)


def _pairs(
    para: str, pattern: re.Pattern[str], pairs: dict[str, str], widest: int
) -> list[tuple[int, int]]:
    """Outermost matched (open, close) positions, sorted; unmatched marks are ignored."""
    found: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    opener = {close: open_ for open_, close in pairs.items()}
    opener['"'] = '"'  # a straight quote closes an open one, or opens
    for m in pattern.finditer(para):
        ch, pos = m.group(), m.start()
        want = opener.get(ch)
        top = range(len(stack) - 1, max(-1, len(stack) - 9), -1)  # a few levels deep at most
        depth = next((k for k in top if stack[k][0] == want), None)
        if want is not None and depth is not None:
            start = stack[depth][1]
            del stack[depth:]  # marks opened inside and never closed are dropped
            if pos - start <= widest:
                found.append((start, pos))
        elif ch in pairs or ch == '"':
            stack.append((ch, pos))
    found.sort()
    outer: list[tuple[int, int]] = []
    for a, b in found:
        if not outer or a > outer[-1][1]:
            outer.append((a, b))
    return outer


def _inside(pairs: list[tuple[int, int]], mark: int, cut: int) -> bool:
    """Whether ``mark`` lies in a pair that does not close within the closers before ``cut``."""
    i = bisect.bisect_left(pairs, (mark,)) - 1
    return i >= 0 and pairs[i][0] < mark and pairs[i][1] >= cut


def _line_cuts(para: str) -> Iterator[int]:
    """Line breaks that end a sentence: every one except those of a hard-wrapped paragraph."""
    lines = para.split("\n")
    if len(lines) == 1:
        return
    widths = [_width(line) for line in lines]
    widest = max(widths)
    pos = 0
    for k, line in enumerate(lines[:-1]):
        pos += len(line) + 1
        if not _soft_break(line, lines[k + 1], widths[k], widest):
            yield pos


def _soft_break(line: str, following: str, width: int, widest: int) -> bool:
    """A line break inside a sentence: the next line goes on in lower case, or this line is as
    wide as the paragraph's hard wrap (40 to 120 columns) and the next does not start a list
    item, a heading or a quote."""
    if not any(ch.isalnum() for ch in line):
        return False  # a rule (---), a fence (```) or punctuation alone
    nxt = following.lstrip()[:1]
    if nxt.islower():
        return True
    if _BLOCK_START.match(following):
        return False
    return 40 <= widest <= 120 and width >= 0.6 * widest


def _width(line: str) -> int:
    """Display width in columns: CJK characters take two."""
    return len(line.rstrip()) + len(_WIDE.findall(line))
