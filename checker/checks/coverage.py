"""Coverage inside a link: which source sentences of a link or a unit its translation renders.

The aligner links sentences, and a unit of a PO, XLIFF, JSON or TMX file is linked whole, so a
sentence the translator left out can hide inside a link whose other sentences are rendered
("Couldn't insert SVG image. The SVG markup looks invalid." -> "无法插入 SVG 图像。"). Here each
source sentence of a link of two or more is judged on its own, by votes that do not depend on
one another:

- the embedding: the target's similarity to the link's source without the sentence, against
  its similarity to the whole source (a rendered sentence adds to the match, a missing one
  only dilutes it), and the sentence's own similarity to the target against its siblings';
- the length: the target fits the source without the sentence, not the whole source (by the
  document pair's own length ratio);
- anchors: the names, numbers and code of the sentence that the target repeats (a sentence
  whose anchors the target has is rendered, one whose anchors it lacks is not).

A prior bilingual dictionary can be added as one more vote. A sentence with no counterpart
while its siblings have one is a gap (one per link: its least similar sentence); a translator
who joins two sentences into one with a comma renders both, and the votes stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from checker.model import Document, Link, join_segments

LATIN = re.compile(r"[A-Za-z]")
CJK_CHAR = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> float:
    """The length of ``text`` in words: Latin-script words, plus CJK characters / 1.5."""
    cjk = len(CJK_CHAR.findall(text))
    latin = len(LATIN_WORD.findall(CJK_CHAR.sub(" ", text)))
    return latin + cjk / 1.5


@dataclass(frozen=True)
class Piece:
    """One sentence of a segment: ``text`` is ``doc.segments[segment].text[start:end]``."""

    segment: int
    start: int
    end: int
    text: str
    prose: str
    """What a reader reads of it: the segment's embedded text (Markdown leaves out inline code,
    URLs and tags) when the sentence is the whole segment."""


def pieces(doc: Document, indices: Sequence[int]) -> list[Piece]:
    """The sentences of the segments at ``indices``, in order, with where each stands."""
    from checker.readers import embedding_text
    from checker.text.segment import split

    out: list[Piece] = []
    for i in indices:
        text = doc.segments[i].text
        found = split(text, "sentences", doc.lang)
        if len(found) == 1 and found[0].text == text:
            out.append(Piece(i, 0, len(text), text, embedding_text(doc, doc.segments[i])))
            continue
        at = 0
        for seg in found:
            start = text.find(seg.text, at)
            if start < 0:  # never: a split's text is a substring, in order
                continue
            at = start + len(seg.text)
            out.append(Piece(i, start, at, seg.text, seg.text))
    return out


SUBSTANTIVE_WORDS = 3
"""A sentence of fewer words ("Skipped.", "Fig.") is too short to judge on its own."""

GAIN = 0.003
"""The target must match the link's source without the sentence at least this much better than
the whole source (e5 similarities are compressed: on the real files a rendered sentence costs
-0.01 on median when left out, a dropped one gains 0.003 to 0.05)."""

MARGIN = -0.01
"""The sentence must be less similar to the target than its best sibling by at least this much."""

WEAK_MARGIN = -0.03
FIT = 0.0
"""Unless the sentence is far less similar than its sibling (``WEAK_MARGIN``), the target's length
must fit the source without it at least as well as with it (robust length z units): a translator
who joins two sentences with a comma ("Failed to create a cross reference. A title or caption not
found: %r" -> "无法创建交叉引用，缺少标题或图题：%r") keeps the length of both."""

UNFIT = -1.0
"""A target whose length fits the whole source better by more than this renders the sentence."""

STRONG_MARGIN = -0.09
SHORT_UNFIT = -1.5
"""A sentence this much less similar than its sibling may be missing from a target that fits the
whole source a little better (down to ``SHORT_UNFIT``): a short sentence ("Encountered an error.")
weighs little in the length, which is then noisy. On the clean real files no rendered sentence
of a unit is under -0.08."""

LONG = 1.0
"""A target that fits the source without the sentence better by this much (robust length z units)
leaves it out when the embedding leans the same way, however little (a gain, or a lower
similarity than its sibling): a sentence whose siblings are as close to the target ("First, the
browser would check with the DNS servers ..." and "The DNS servers would tell the browser ...")
has no margin, and only its length tells."""

LEXICAL = 0.3
"""With a dictionary vote (``lexical``), a sentence whose content words the other side covers at
this share or more renders it (on the real files, target sentences the embedding and length
votes call added but that render part of a glued TMX or PO source are covered at 0.25 to 1.0; a
sentence of another unit's translation inserted is covered at 0 to 0.25)."""

LEXICAL_MARGIN = -0.1
STRONG_LEXICAL = 0.6
"""A sentence this much less similar to the other side than its sibling needs only a dictionary
that does not contradict the other votes: a share under ``STRONG_LEXICAL``, or too few words to
tell. A short inserted sentence ("实时协作会话进行中。") has too few content words for the
dictionary, and a longer one shares a word or two with the source by chance ("画布", "数据" where
the source speaks of drawings): on sentences of other units inserted into the real files, 5 of
40 were missed so, all at margins of -0.107 to -0.131; on the clean real files no sentence the
other votes call added is under -0.09 without being reported anyway (on the Bible one is, at
-0.113: "幔利就是希伯仑。", a clause the translator made a sentence)."""

MARKER = re.compile(r"\s*(?:/{3,}|!{3}|\?{3}|:{3})")
ANCHOR = re.compile(r"`[^`]+`|\{\{?\w+\}?\}|%\(?\w*\)?[sdrfi]|\d+(?:[.,]\d+)*|<\w+"  # code, placeholders, numbers, tags
                    r"|(?<!^)(?<![.!?] )\b[A-Z][a-z]*[A-Z]\w*")  # names: SVG, OpenAI (not first in a sentence)


@dataclass(frozen=True)
class Vote:
    """What one source sentence of a link looks like against the link's target.

    ``gain``: similarity of the target to the source without this sentence, minus to the whole
    source (positive: the sentence only dilutes the match). ``margin``: this sentence's
    similarity to the target minus its best sibling's. ``fit``: how much better (in robust
    length z units, positive) the target's length fits the source without the sentence than with
    it. ``anchors``: the share of the sentence's code, placeholders, numbers and names the target
    repeats (``None``: it has none).
    """

    piece: Piece
    gain: float
    margin: float
    fit: float
    anchors: float | None

    def unrendered(self, share: float | None) -> bool:
        """Whether a dictionary's vote (the share of the sentence's content words the other side
        covers; ``None``: too few words to tell) agrees that the sentence renders nothing there."""
        if self.margin < LEXICAL_MARGIN:
            return share is None or share < STRONG_LEXICAL
        return share is not None and share < LEXICAL

    @staticmethod
    def possible(fit: float, anchors: float | None) -> bool:
        """Whether a sentence of this ``fit`` and ``anchors`` can be voted missing, whatever the
        embedding says: what ``missing`` asks of the cheap votes, so that only links with such a
        sentence are embedded. (The dictionary's vote is not asked here: it reads the whole other
        side, which costs more than embedding when that side is a giant segment.)"""
        return not (anchors is not None and anchors > 0 or fit < min(SHORT_UNFIT, UNFIT))

    @property
    def missing(self) -> bool:
        """Whether the votes agree that the target does not render this sentence."""
        if self.anchors is not None and self.anchors > 0:
            return False  # the target repeats its code, numbers or names
        if self.fit >= LONG and (self.gain > 0 or self.margin < MARGIN):
            return True
        if self.gain <= GAIN or self.margin >= MARGIN:
            return False
        if self.fit < UNFIT and not (self.margin < STRONG_MARGIN and self.fit >= SHORT_UNFIT):
            return False
        return self.margin < WEAK_MARGIN or self.fit >= FIT


def embed(text: str) -> str:
    """What the encoder sees: whitespace runs collapsed, as for segments."""
    return " ".join(text.split())


def anchors(text: str) -> set[str]:
    """The code, placeholders, numbers and inner-capital names (``SVG``, ``OpenAI``) of ``text``."""
    return {m.group() for m in ANCHOR.finditer(text)}


def values(text: str) -> set[float]:
    """The numbers of ``text`` by value, in words too ("forty and six thousand" = 四万六千)."""
    from checker.text.numerals import extract

    return {v for q in extract(text) if not q.weak for v in q.values if v >= 2}


def anchor_share(text: str, target: str, siblings: Sequence[str] = ()) -> float | None:
    """The share of the anchors of ``text`` (and of its numbers, by value) that ``target``
    repeats, leaving out those its ``siblings`` have too (they say nothing of which sentence
    the target renders)."""
    found = anchors(text).difference(*map(anchors, siblings))
    numbers = values(text).difference(*map(values, siblings))
    if not (found or numbers):
        return None
    kept = values(target) if numbers else set()
    return (sum(a in target for a in found) + len(numbers & kept)) / (len(found) + len(numbers))


LETTER = re.compile(r"[^\W\d_]")


def judged(doc: Document, link: Link, side: str = "source") -> list[Piece]:
    """The sentences of a link's ``side`` (in ``doc``) worth judging one by one: prose of three
    words or more (a source sentence must hold Latin letters, a target one letters of any script)."""
    script = LATIN if side == "source" else LETTER
    parts = [p for p in pieces(doc, link.source if side == "source" else link.target)
             if doc.segments[p.segment].kind not in ("code", "front-matter", "reference")
             and not MARKER.match(p.text) and script.search(p.prose) and words(p.prose) >= SUBSTANTIVE_WORDS]
    return parts if len(parts) >= 2 else []


def gaps(encode, length_z, source: Document, links: Sequence[tuple[Link, str, str]],
         side: str = "source", lexical: Callable[[str, str], float | None] | None = None) -> list[Vote]:
    """The sentences of one side of their link that the votes find unmatched on the other side.

    ``side="source"``: ``source`` is the source document, ``links`` each (link, the target as
    read, the target as written) and a vote is a source sentence the target leaves out.
    ``side="target"``: the same, mirrored: ``source`` is the translation, ``links`` each (link,
    the source as read, the source as written) and a vote is a target sentence that renders
    nothing of the source (an addition). Markdown reads no inline code, which anchors need;
    ``length_z(source_text, target_text)``: the pair's robust length z, always source first;
    ``encode``: the corpus encoder's (normalised vectors, cached). All texts are embedded in
    one call. ``lexical(sentence, other_side_written)``: the share of the sentence's content
    words the other side covers (``None``: too few words to tell), a dictionary's vote asked
    only of sentences the other votes find unmatched, and which must agree with them. Only
    links with a sentence the length and anchor votes leave possible are embedded
    (``Vote.possible``): on the Bible that spares a third of the texts this step embedded.
    """
    if side == "target":
        def z(mine: str, other: str) -> float:
            return length_z(other, mine)
    else:
        z = length_z
    plans = []
    texts: list[str] = []
    for link, target, written in links:
        parts = judged(source, link, side)
        if not parts or not target.strip():
            continue
        whole = join_segments([p.prose for p in parts], source.lang)
        without = [join_segments([q.prose for q in parts if q is not p], source.lang) for p in parts]
        fits = [abs(z(whole, target)) - abs(z(rest, target)) for rest in without]
        shares = [anchor_share(p.text, written, [q.text for q in parts if q is not p]) for p in parts]
        if not any(Vote.possible(fit, found) for fit, found in zip(fits, shares, strict=True)):
            continue  # no sentence of the link can be voted missing: nothing to embed
        plans.append((len(texts), parts, written, fits, shares))
        texts += [target, whole, *without, *(p.prose for p in parts)]
    if not plans:
        return []
    vectors = encode([embed(t) for t in texts])
    out = []
    for row, parts, written, fits, shares in plans:
        n = len(parts)
        t = vectors[row]
        whole_sim = float(vectors[row + 1] @ t)
        own = [float(vectors[row + 2 + n + k] @ t) for k in range(n)]
        found = []
        for k, p in enumerate(parts):
            vote = Vote(p, float(vectors[row + 2 + k] @ t) - whole_sim,
                        own[k] - max(own[j] for j in range(n) if j != k), fits[k], shares[k])
            if vote.missing and (lexical is None or vote.unrendered(lexical(p.text, written))):
                found.append(vote)
        if found:  # a link is one finding: its least similar sentence (its siblings' length shifts too)
            out.append(min(found, key=lambda v: v.margin))
    return out
