"""Term drift: where two translations of one source passage differ in a short, local span.

For each source passage both translations render, the two renderings are split into clauses,
matching clauses are diffed character by character, and each short differing span is grown to
whole words (jieba) and, through shared nouns, to the whole term (任务[协调|对齐]主管). The source
phrase it renders is then picked among the passage's phrases (``trace``). Clauses that differ
throughout are paraphrase, not drift, and are skipped; so are pronouns and particles, numbers,
names kept in Latin, and two near-synonyms sharing a character (珍爱 / 珍视).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from checker.model import Corpus, Document, Link
from checker.text.terms.match import find_term, has_cjk, is_cjk_lang
from checker.text.terms.tokens import normalise, pos_tags, words
from checker.text.terms.trace import Region, trace

Span = tuple[int, int, int]  # segment, start, end
MAX_CHARS_CJK = 10
MAX_WORDS_LATIN = 4
MIN_CLAUSE_RATIO = 0.5
WHOLE_RATIO = 0.6
MIN_ANCHOR = 2
_CLAUSE_END = set(",;:!?。，；：！？、\n")
_FUNCTION_TAGS = ("r", "p", "c", "u", "y", "e", "o", "w")
FUNCTION_CHARS = frozenset("我你您他她它其此这那的地得了着过和与及或而但也都就才又很更最太将会在对把被从向给为于以之所"
                           "某每各该本吗呢吧啊")
_NOUNISH = ("n", "vn", "an", "j", "l", "eng", "b")


@dataclass
class Drift:
    """One source phrase, rendered differently: the span of each rendering per translation."""

    source_phrase: str | None
    source_span: Span | None
    spans: dict[str, Span]
    termlike: bool
    confidence: float
    occurrences: int = 1
    guessed: bool = False


def find_drifts(corpus: Corpus, encoder: Any = None, glossary: Any = None) -> list[Drift]:
    """Every term drift between each pair of translations of ``corpus``, in document order."""
    regions: list[Region] = []
    links = {doc.id: corpus.alignment(doc).link_of_target() for doc in corpus.translations}
    for left, right in combinations(corpus.translations, 2):
        for source, a_idx, b_idx in _units(corpus, left, right):
            regions.extend(_regions(links, source, left, a_idx, right, b_idx))
    covered = _glossary_terms(glossary)
    langs = {doc.id: doc.lang for doc in corpus.translations}
    drifts: dict[tuple[Any, ...], Drift] = {}
    for region, traced in zip(regions, trace(corpus.source, regions, encoder), strict=True):
        phrase, confidence = traced.pick, traced.confidence
        if phrase is None and not traced.guessed:
            continue  # the two renderings point at different source phrases: a rewrite, not a term
        text = phrase[0].text if phrase else None
        if covered and (_covered(text, covered) or any(_covered(t, covered) for t in region.texts)):
            continue
        shared = set(region.texts[0]) & set(region.texts[1])
        termlike = bool(phrase and phrase[0].termlike and not traced.guessed) or \
            (is_cjk_lang(langs[region.docs[0]]) and all(compound_noun(t) for t in region.texts))
        if not termlike and shared and max(map(len, region.texts)) <= 2:
            continue  # 珍爱 / 珍视: two near-synonyms sharing a character, a style choice
        key = (text.lower() if text else None, *region.docs, *region.texts)
        if key in drifts:
            drifts[key].occurrences += 1
            continue
        span = (phrase[1], phrase[0].start, phrase[0].end) if phrase else None
        drifts[key] = Drift(text, span, dict(zip(region.docs, region.spans, strict=True)), termlike, confidence,
                            guessed=traced.guessed)
    return _merge(list(drifts.values()))


def _merge(drifts: list[Drift]) -> list[Drift]:
    """With three or more translations, one finding per source phrase occurrence, all renderings in it."""
    out: list[Drift] = []
    by_source: dict[tuple[Any, ...], Drift] = {}
    for drift in drifts:
        first = by_source.get((drift.source_phrase, drift.source_span)) if drift.source_span else None
        new_docs = set(drift.spans) - set(first.spans) if first else set()
        if first is not None and new_docs:
            first.spans = {**first.spans, **{d: drift.spans[d] for d in sorted(new_docs)}}
            continue
        if first is not None and all(first.spans.get(d) == span for d, span in drift.spans.items()):
            continue  # already said, by another pair of the same translations
        by_source.setdefault((drift.source_phrase, drift.source_span), drift)
        out.append(drift)
    return out


def _units(corpus: Corpus, left: Document, right: Document) -> list[tuple[tuple[int, ...], list[int], list[int]]]:
    """Source passages (connected through either alignment) with what each translation renders them as."""
    parent = list(range(len(corpus.source.segments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sides: dict[str, dict[int, list[int]]] = {left.id: {}, right.id: {}}
    for doc in (left, right):
        for link in corpus.alignment(doc).links:
            if link.source and link.target:
                for s in link.source[1:]:
                    parent[find(s)] = find(link.source[0])
    for doc in (left, right):
        for link in corpus.alignment(doc).links:
            if link.source and link.target:
                sides[doc.id].setdefault(link.source[0], []).extend(link.target)
    groups: dict[int, list[int]] = {}
    for i in range(len(parent)):
        groups.setdefault(find(i), []).append(i)
    units = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        a = sorted({t for s in members for t in sides[left.id].get(s, [])})
        b = sorted({t for s in members for t in sides[right.id].get(s, [])})
        if a and b:
            units.append((tuple(members), a, b))
    return units


def _flatten(doc: Document, indices: Sequence[int]) -> tuple[str, list[tuple[int, int]]]:
    """The normalised text of the segments and, per character, its (segment, offset)."""
    chars: list[str] = []
    where: list[tuple[int, int]] = []
    for i in indices:
        text, offsets = normalise(doc.segments[i].text)
        if not is_cjk_lang(doc.lang) and chars:
            chars.append(" ")
            where.append((i, -1))
        chars.append(text)
        where.extend((i, o) for o in offsets)
    return "".join(chars), where


def _clauses(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in _CLAUSE_END:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def _link_position(doc: Document, link: Link | None, span: Span) -> tuple[tuple[int, ...], float]:
    """The source segments linked to the span's segment, and where the span sits in that link's target."""
    if link is None:
        return (), 0.5
    before = sum(len(doc.segments[t].text) for t in link.target if t < span[0])
    total = sum(len(doc.segments[t].text) for t in link.target)
    return link.source, (before + (span[1] + span[2]) / 2) / max(total, 1)


def _around(doc: Document, span: Span) -> tuple[str, str]:
    """The text of the span's segment before it and after it."""
    text = doc.segments[span[0]].text
    return text[: span[1]], text[span[2] :]


def _regions(links: Mapping[str, Mapping[int, Link]], src_idx: tuple[int, ...], left: Document,
             a_idx: list[int], right: Document, b_idx: list[int]) -> list[Region]:
    a_text, a_where = _flatten(left, a_idx)
    b_text, b_where = _flatten(right, b_idx)
    out = []
    for (a0, a1), (b0, b1) in _matching_clauses(a_text, b_text):
        matcher = difflib.SequenceMatcher(None, a_text[a0:a1], b_text[b0:b1], autojunk=False)
        for i0, i1, j0, j1 in _diff_regions(matcher.get_opcodes()):
            if i1 == i0 or j1 == j0:
                continue  # a pure insertion or deletion is not a second rendering
            spans = (_to_span(a_where, a0 + i0, a0 + i1), _to_span(b_where, b0 + j0, b0 + j1))
            if spans[0] is None or spans[1] is None:
                continue
            grown = _grow(left, spans[0], right, spans[1])
            if grown is None:
                continue
            texts = (left.segments[grown[0][0]].text[grown[0][1]:grown[0][2]],
                     right.segments[grown[1][0]].text[grown[1][1]:grown[1][2]])
            if not _plausible(texts, left.lang):
                continue
            near = tuple(_link_position(doc, links[doc.id].get(span[0]), span)
                         for doc, span in zip((left, right), grown, strict=True))
            around = tuple(_around(doc, span) for doc, span in zip((left, right), grown, strict=True))
            out.append(Region((left.id, right.id), grown, texts, src_idx, near, (a_text, b_text), around))
    return out


def _matching_clauses(a: str, b: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Pairs of clauses, greedily by similarity, that are close enough to be the same clause."""
    from rapidfuzz import fuzz

    if fuzz.ratio(a, b) >= 100 * WHOLE_RATIO:
        return [((0, len(a)), (0, len(b)))]  # nearly the same text: diff it whole
    ca, cb = _clauses(a), _clauses(b)
    scored = sorted(((fuzz.ratio(a[x0:x1], b[y0:y1]) / 100, i, j)
                     for i, (x0, x1) in enumerate(ca) for j, (y0, y1) in enumerate(cb)), reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for ratio, i, j in scored:
        if ratio < MIN_CLAUSE_RATIO:
            break
        if i in used_a or j in used_b or ratio == 1.0:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((ca[i], cb[j]))
    return pairs


def _diff_regions(opcodes: list[tuple[str, int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Differing regions, joined across matching runs shorter than ``MIN_ANCHOR`` characters."""
    regions: list[list[int]] = []
    for tag, i0, i1, j0, j1 in opcodes:
        if tag == "equal":
            continue
        if regions and (i0 - regions[-1][1] < MIN_ANCHOR or j0 - regions[-1][3] < MIN_ANCHOR):
            regions[-1][1], regions[-1][3] = i1, j1
        else:
            regions.append([i0, i1, j0, j1])
    return [(r[0], r[1], r[2], r[3]) for r in regions]


def _to_span(where: list[tuple[int, int]], lo: int, hi: int) -> Span | None:
    """The (segment, start, end) of normalised characters lo..hi, if they lie in one segment."""
    if hi <= lo or where[lo][0] != where[hi - 1][0] or where[lo][1] < 0:
        return None
    return where[lo][0], where[lo][1], where[hi - 1][1] + 1


def _word_bounds(doc: Document, span: Span) -> tuple[int, int]:
    """``span`` grown to whole words."""
    seg, start, end = span
    inside = [(s, e) for _, s, e in words(doc.segments[seg].text, doc.lang) if s < end and start < e]
    if not inside:
        return start, end
    return min(start, inside[0][0]), max(end, inside[-1][1])


def _grow(left: Document, a: Span, right: Document, b: Span) -> tuple[Span, Span] | None:
    """Both spans grown to whole words, then through identical neighbouring nouns (任务…主管).

    ``None`` when either rendering is made of function words (您 / 你们, 此刻 / 此时我).
    """
    (a0, a1), (b0, b1) = _word_bounds(left, a), _word_bounds(right, b)
    # grow both sides alike into the shared context: 全体会议 / 全员大会, but 强大 / 鲁棒 (not 更鲁棒)
    lo, hi = min(a[1] - a0, b[1] - b0), min(a1 - a[2], b1 - b[2])
    a, b = (a[0], a[1] - lo, a[2] + hi), (b[0], b[1] - lo, b[2] + hi)
    if not is_cjk_lang(left.lang):
        return a, b
    ta, tb = left.segments[a[0]].text, right.segments[b[0]].text
    wa, wb = words(ta, left.lang), words(tb, right.lang)
    pa, pb = pos_tags(ta), pos_tags(tb)
    ia = [k for k, (_, s, e) in enumerate(wa) if s < a[2] and a[1] < e]
    ib = [k for k, (_, s, e) in enumerate(wb) if s < b[2] and b[1] < e]
    if not (ia and ib):
        return None
    lo_a, hi_a, lo_b, hi_b = ia[0], ia[-1], ib[0], ib[-1]

    def same(ka: int, kb: int) -> bool:  # the same noun on both sides, adjacent to both spans
        return 0 <= ka < len(wa) and 0 <= kb < len(wb) and wa[ka][0] == wb[kb][0] and _nounish(pa[ka])

    while same(hi_a + 1, hi_b + 1) and wa[hi_a + 1][2] - wa[lo_a][1] <= MAX_CHARS_CJK:
        hi_a, hi_b = hi_a + 1, hi_b + 1
    while _nounish(pa[hi_a]) and same(lo_a - 1, lo_b - 1) and wa[hi_a][2] - wa[lo_a - 1][1] <= MAX_CHARS_CJK:
        lo_a, lo_b = lo_a - 1, lo_b - 1
    for toks, tags, first, last in ((wa, pa, lo_a, hi_a), (wb, pb, lo_b, hi_b)):
        chosen = range(first, last + 1)
        if any(_function(tags[k], toks[k][0]) for k in chosen) or all(tags[k].startswith("d") for k in chosen):
            return None
    a = (a[0], min(a[1], wa[lo_a][1]) if lo_a < ia[0] else a[1], max(a[2], wa[hi_a][2]) if hi_a > ia[-1] else a[2])
    b = (b[0], min(b[1], wb[lo_b][1]) if lo_b < ib[0] else b[1], max(b[2], wb[hi_b][2]) if hi_b > ib[-1] else b[2])
    return a, b


def _nounish(flag: str) -> bool:
    return flag.startswith(_NOUNISH) and not flag.startswith(("nr", "ns"))


def _function(flag: str, word: str) -> bool:
    """A pronoun, preposition, conjunction, particle or interjection (a function word, not a term).

    One-character words are judged by a list: out of context the dictionary's flag for a single
    character (棒 ``zg``, 很 ``zg``) says little.
    """
    if len(word) == 1:
        return word in FUNCTION_CHARS
    return flag.startswith(_FUNCTION_TAGS) and not flag.startswith("eng")


def compound_noun(text: str) -> bool:
    """A Chinese rendering of four characters or more that ends in a noun (任务对齐主管, 全员大会)."""
    toks = words(text, "zh")
    return len(text) >= 4 and has_cjk(text) and bool(toks) and pos_tags(text)[-1].startswith(("n", "vn"))


def _plausible(texts: tuple[str, str], lang: str) -> bool:
    """Two short renderings of a word or term, not numbers, punctuation or one inside the other."""
    a, b = (" ".join(t.split()) for t in texts)
    if a == b or not a or not b or a in b or b in a:
        return False
    if is_cjk_lang(lang):
        if max(len(a.replace(" ", "")), len(b.replace(" ", ""))) > MAX_CHARS_CJK:
            return False
    elif max(len(a.split()), len(b.split())) > MAX_WORDS_LATIN:
        return False
    if not all(re.search(r"[^\W\d_]", t) for t in (a, b)) or any(re.search(r"[^\w\s\-·'’]", t) for t in (a, b)):
        return False  # numbers, or punctuation inside: a restructured clause, not a term
    if is_cjk_lang(lang) and not (has_cjk(a) and has_cjk(b)):
        return False  # Mira / Murati, OpenAl / OpenAI, o1 模型 / OpenAl o1: names and spellings, not terms
    return min(len(a), len(b)) >= 2


def _glossary_terms(glossary: Any) -> list[str]:
    entries = getattr(glossary, "entries", None) or ()
    return [t for e in entries for t in (e.source, *e.approved, *e.forbidden)]


def _covered(text: str | None, terms: list[str]) -> bool:
    return bool(text) and any(find_term(term, text, None) for term in terms)  # type: ignore[arg-type]


