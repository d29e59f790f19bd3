"""Part of a sentence left out: a run of source words with no counterpart in the link's target.

The sentence-level votes (``checker.checks.coverage``) find a whole sentence missing from a link;
a translator who drops a clause ("... and respond with appropriate CORS headers" rendered
without "the middleware will intercept the incoming request") leaves every sentence in place.
Here the words themselves are the evidence, from a prior dictionary
(``checker.text.lexicon.dictionary``: CC-CEDICT glosses, names and code kept verbatim, numbers by
value): a run of source content words none of which the target covers, in a link whose other
words it does cover, is a candidate. It is reported only when two independent votes agree:

- the length: the target fits the source without the run better than the whole source (the
  document pair's own length ratio, robust z units);
- the embedding: the target is more similar to the source without the run than to the whole.

A long run (five words or more) in a link otherwise well covered needs no length vote when the
embedding gain is large (``STRONG_GAIN``): the length of a part of a sentence is noisy.

Dictionary coverage is noisy word by word (a technical term, a free rendering), so a single
uncovered word is never a gap: three content words in a row must be uncovered. The finding is
minor: a lead for a reviewer, with the exact span of the run. English sources with Chinese
translations only (the dictionary's pair); other pairs get nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checker.model import Document, Link

RUN_WORDS = 3
"""Consecutive uncovered source content words that make a candidate (on the real files one or two
uncovered words in a row are common in faithful translations; three in a row with the other votes
agreeing flag about 1 link in 1,000: 6 of the 6,600 source units of ``shared/realworld``, and 6
clauses added)."""

CLAUSE_RUN_WORDS = 2
CLAUSE_SLACK = 3
"""A clause added to a translation may hold only two Chinese content words of two characters or
more ("如今它已经不是很流行，" inserted: 如今, 流行): two uncovered words in a row are a candidate
when they fill a clause, with at most three characters (但, 并且, 的) between them and the marks
around it. On the real files, with clauses of other units inserted, this finds a tenth more of
them for one more candidate on the clean files (a faithful clause rarely has every word
uncovered). An English clause gains nothing from it (the words of an English clause are rarely
all uncovered, and a short one is often a terse rendering's)."""

MIN_WORDS = 6
"""A link of fewer source content words is too short to tell a gap from a terse rendering."""

MIN_ADDED_SOURCE_WORDS = 3
"""For a clause added, the side judged is the translation (``MIN_WORDS`` Chinese content words);
its English source need only have this many ("duplicate %s description of %s, other %s in %s"
rendered with a clause of another message glued in): the source is what the clause is measured
against, not where it is looked for."""

REST_COVERED = 0.6
"""The target must cover at least this share of the link's other content words: a link covered
nowhere is a free rendering or a dictionary gap (``meaning-shift``'s), not a clause left out. A
faithful rendering with a clause left out (or added) covers the rest well; in a link covered at
40-60% the run is as often a free rendering (raised from 0.4 with ``GAIN`` and ``FIT``: on the
real files, with clauses dropped from or inserted into their translations, as many clauses left
out and twice as many added are found, for a third of the candidates on the clean files)."""

GAIN = 0.01
"""The target must be at least this much more similar to the source without the run than to the
whole source (e5 similarities are compressed; a rendered run costs similarity when left out)."""

FIT = 0.0
"""The target's length must fit the source without the run better (robust z units), however
little: a clause of a few words moves the length of a sentence by less than the spread of the
pair's length ratios, so asking for half a spread missed most short clauses, while the embedding
gain and the coverage of the rest tell a clause from a free rendering better."""

LONG_FIT = 0.75
LONG_GAIN = 0.005
"""Where the length says so clearly (the target fits the source without the run better by three
quarters of a spread or more), a smaller embedding gain confirms it (a clause of another message
glued into "... 请在 GitHub 上提交一个 issue" gains only 0.006)."""

STRONG_GAIN = 0.015
STRONG_RUN = 5
STRONG_REST = 0.6
"""Whatever the length says, a run of five uncovered words or more, in a link whose other words
are covered at 60% or more, is left out when the embedding gain is this large: a long English
clause may be rendered by a short Chinese one, so the length of a part of a sentence is a noisy
vote (on injected drops from the real files this path adds a tenth more recall for one false
finding in 3,000 links)."""

MAX_LENGTH_Z = 0.0
STRONG_LENGTH_Z = 1.0
"""Only links whose target is no longer than the pair's ratio predicts are candidates (a clause
left out shortens the target); up to a spread longer for the strong path."""

MAX_CANDIDATES = 400
"""At most this many links of a translation are looked at, the shortest (by length z) first, so a
long document costs no more than a short one (the dictionary look-up takes milliseconds a link)."""

MAX_COMMAS = 1
"""A run across two commas or more is an enumeration ("the friendships forged, the triumphs
achieved, and most importantly"), whose words a dictionary often misses together: no clause."""

COMMA = re.compile(r"[,，、]")
MARKUP = re.compile(r"[<>{}\[\]|`=/\\\n]")


@dataclass(frozen=True)
class ClauseGap:
    """A run of source words the link's target leaves out: ``text`` is
    ``source.segments[segment].text[start:end]``; ``words`` its uncovered content words."""

    link: Link
    segment: int
    start: int
    end: int
    text: str
    words: tuple[str, ...]
    gain: float
    fit: float


def supported(source: Document, target: Document) -> bool:
    """Whether the dictionary covers the pair: English source, Chinese translation, and CC-CEDICT
    installed (without it the pair is checked as any other pair is, and the report's signature
    says ``prior:none``)."""
    from checker.text.lexicon.prior import prior_for

    return (source.lang.lower().startswith("en") and target.lang.lower().startswith("zh")
            and prior_for(source.lang, target.lang) is not None)


@dataclass(frozen=True)
class _Candidate:
    link: Link
    source_text: str
    target_text: str
    without: str
    segment: int
    start: int
    words: tuple[str, ...]
    run: str
    fit: float
    needed: float
    """The embedding gain that confirms it: ``GAIN`` when the length agrees (``LONG_GAIN`` when it
    agrees clearly), else ``STRONG_GAIN``."""


Ranked = list[tuple[float, Link, str, str]]
"""Links to look at, each (its rank key, link, source as read, target as read), first first."""


def shortest(length_z: Callable[[str, str], float], source: Document,
             links: Sequence[tuple[Link, str, str]], side: str = "source") -> Ranked:
    """The links of ``links`` (each: link, source as read, target as read) that ``gaps`` looks
    at: at most ``MAX_CANDIDATES``, those whose target is shortest for its source (longest, for
    ``side="target"``) first, in the order of ``links`` among equals. The rank key is the
    link's robust length z (``length_z(source_text, target_text)``), negated for the target
    side: the whole document's candidates are the first ``MAX_CANDIDATES`` of its parts' own
    by (key, part, rank)."""
    mirror = 1.0 if side == "source" else -1.0  # an omission shortens the target, an addition lengthens it
    return sorted(  # the look-up is costly, the words are not: short links never take a place
        ((mirror * z, link, s, t) for link, s, t in links
         if eligible(source, link, s, t, side) and mirror * (z := length_z(s, t)) <= STRONG_LENGTH_Z),
        key=lambda item: item[0])[:MAX_CANDIDATES]


def eligible(source: Document, link: Link, s: str, t: str, side: str = "source") -> bool:
    """Whether ``shortest`` may rank ``link`` (each side as read: ``s``, ``t``), its length aside:
    one source sentence to a translation (one translation sentence from a source, for
    ``side="target"``), prose on both sides, and enough English words to judge."""
    from checker.text.lexicon.dictionary import english_words

    longest = side == "target"
    return bool(len(link.target if longest else link.source) and len(link.source if longest else link.target) == 1
                and t.strip() and len(english_words(s)) >= (MIN_ADDED_SOURCE_WORDS if longest else MIN_WORDS)
                and all(source.segments[i].kind not in ("code", "front-matter", "reference")
                        for i in (link.target if longest else link.source)))


def gaps(encode: Callable, length_z: Callable[[str, str], float], source: Document,
         shortest: Ranked, side: str = "source") -> list[ClauseGap]:
    """The clause gaps of the links ``shortest`` ranks (see ``shortest``), at most one a link.
    ``length_z(source_text, target_text)``: the pair's robust length z; ``encode``: the corpus
    encoder's (normalised vectors); all texts are embedded in one call.

    ``side="target"`` mirrors it: ``source`` is the translation, and a gap is a run of its
    Chinese content words that no English word of the source covers, in a target longer than
    the source predicts (an added clause)."""
    from checker.text.lexicon.dictionary import cover, cover_english

    longest = side == "target"
    candidates: list[_Candidate] = []
    for z, link, s, t in shortest:
        # single characters of a Chinese text are often jieba's pieces of a transliterated name
        # (利 百 加 for Rebekah), which no dictionary covers: only words of two or more count
        words = tuple(w for w in cover(s, t).chinese if len(w.text) >= 2) if longest else cover_english(s, t)
        if len(words) < MIN_WORDS:
            continue
        mine = t if longest else s
        for run in _uncovered_runs(words, CLAUSE_RUN_WORDS if longest else RUN_WORDS):
            a, b = run[0].start, run[-1].end
            text = mine[a:b]
            if len(run) < RUN_WORDS and not _fills_clause(mine, a, b):
                continue
            rest = [w for w in words if w.end <= a or w.start >= b]
            covered = sum(w.covered for w in rest) / len(rest) if rest else 0.0
            if MARKUP.search(text) or len(COMMA.findall(text)) > MAX_COMMAS or covered < REST_COVERED \
                    or longest and (_explains(mine, a, b) or SENTENCE_END.search(text) is not None):
                continue
            where = _locate(source, link.target if longest else link.source, text)
            if where is None:
                continue
            without = " ".join((mine[:a] + mine[b:]).split())
            fit = abs(z) - abs(length_z(s, without) if longest else length_z(without, t))
            strong = len(run) >= STRONG_RUN and covered >= STRONG_REST
            agrees = fit >= FIT and z <= MAX_LENGTH_Z  # the length leans the same way
            if strong or agrees:
                needed = STRONG_GAIN if not agrees else LONG_GAIN if fit >= LONG_FIT else GAIN
                candidates.append(_Candidate(link, t if longest else s, s if longest else t, without, *where,
                                             tuple(w.text for w in run), text, fit, needed))
    if not candidates:
        return []
    texts = [" ".join(x.split()) for c in candidates for x in (c.target_text, c.source_text, c.without)]
    vectors = encode(texts)
    best: dict[tuple[int, ...], ClauseGap] = {}  # by the link's source segments
    for k, c in enumerate(candidates):
        t, whole, without = vectors[3 * k], vectors[3 * k + 1], vectors[3 * k + 2]
        gain = float(without @ t) - float(whole @ t)
        key = c.link.target if longest else c.link.source
        if gain >= c.needed and (key not in best or gain > best[key].gain):
            best[key] = ClauseGap(c.link, c.segment, c.start, c.start + len(c.run), c.run, c.words, gain, c.fit)
    return sorted(best.values(), key=lambda g: (g.segment, g.start))


SENTENCE_END = re.compile(r"[。！？；]")
CLAUSE_MARK = re.compile(r"[，。；：！？、,;:!?（）()\n]")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
PARENS = re.compile(r"[(（][^()（）]*[)）]")


def _explains(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` touches a parenthesis of ``text``: a translator's explanation of
    a term (中东呼吸综合征 (Middle East Respiratory Syndrome)) is no added clause."""
    return any(m.start() < end + 1 and start - 1 < m.end() for m in PARENS.finditer(text))


def _fills_clause(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a clause of ``text`` all but a few characters: no clause
    mark inside, and at most ``CLAUSE_SLACK`` Chinese characters (no Latin letter or digit)
    between it and the clause marks (or ends) around it."""
    if CLAUSE_MARK.search(text, start, end):
        return False
    head, tail = CLAUSE_MARK.split(text[:start])[-1], CLAUSE_MARK.split(text[end:])[0]
    return all(len(HAN.findall(part)) <= CLAUSE_SLACK and not LATIN_OR_DIGIT.search(part) for part in (head, tail))


def _uncovered_runs(words, least: int = RUN_WORDS) -> list[list]:  # words: dictionary.Word, in order
    runs, current = [], []
    for word in (*words, None):
        if word is not None and not word.covered:
            current.append(word)
            continue
        if len(current) >= least:
            runs.append(current)
        current = []
    return runs


def _locate(doc: Document, indices: Sequence[int], text: str) -> tuple[int, int] | None:
    """(segment, offset) of ``text`` in one of ``doc``'s segments at ``indices``, if it stands whole in one."""
    for i in indices:
        at = doc.segments[i].text.find(text)
        if at >= 0:
            return i, at
    return None
