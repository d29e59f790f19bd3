"""The ``stray-character`` check: a character dropped into the middle of a common Chinese word."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Severity
from checker.text.lexicon import zh

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{3,}")
"""Runs of at least three Han characters: a word of two with a stray one inside needs three."""

MIN_WORD_ZIPF = 3.5
"""The repaired word must be common (Zipf 3.5: about three times in a million words)."""

MIN_GAIN = 1.5
"""How much likelier (log10) the text reads with the character taken out, beyond what removing
any character of that frequency would gain. 能了够 -> 能够 gains 3.4; 人的生命 -> 人生命 gains 0."""

ASPECT = frozenset("了过着完好")
"""Particles that follow a verb, also inside a verb-object word: 开了口, 洗过衣, 吃完饭."""

STRUCTURAL = frozenset("的之地得个一")
"""Particles that follow any content word: 怀的孕, 国的民, 帮个忙, 出之土."""

MODALS = frozenset("能会可应该须必敢肯")
"""Auxiliary verbs, which never take a particle before their complement: 能了够 is a slip."""

FUNCTION_TAGS = frozenset({"d", "c", "p", "r", "u", "m", "q", "h", "k"})
"""jieba tags of words no grammar splits (adverbs, conjunctions, prepositions, pronouns...)."""

CONTEXT = 3
"""Characters either side of the suspect triple that take part in the segmentation comparison."""


class StrayCharacterCheck(Check):
    """A character inserted into a common word breaks it (能了够 for 能够).

    What it does:
        In Chinese translations, looks at every three characters ``X?Y`` where ``XY`` is a common
        word and ``X?Y`` is neither a word nor a set phrase (结了婚, 低着头) nor a particle that
        grammar may put there (开了口, 怀的孕, 国的民: a particle after a verb or a noun; never
        after an auxiliary verb like 能, nor inside an adverb like 非常), and where the text reads
        much better without ``?`` (compared by the cheapest segmentation into words, weighted by
        wordfreq's Chinese frequencies). It reports the broken word only when another rendering
        of the same source sentence writes ``XY`` there and none writes ``X?Y``: frequencies
        alone cannot tell a slip from Chinese grammar (in the first 2,000 lines of a clean
        Bible translation they still raise 56 suspects), so with a single translation the
        check stays silent.

        The span is the broken word (``能了够``) and the suggestion the repaired one (``能够``), so
        that the suggestion replaces the span as it stands.

    Why is this bad?
        A stray character is a slip a reader notices at once; it makes a published translation
        look unedited, and a spell checker for Chinese does not exist to catch it.

    Example:
        ``开发出能了够根据每个人的输入进行调整`` where the other translation reads ``开发出能够根据``:
        ``能了够`` is reported with the suggestion ``能够``.
    """

    id = "stray-character"
    name = "Stray character"
    category = Category.FLUENCY
    severity = Severity.MINOR
    in_worker = True

    def findings(self, corpus: Corpus, known: object) -> Iterator[Finding]:
        # Each segment against the other translations' renderings of it, nothing else: a shard of a
        # bilingual file (one translation) finds nothing, as the whole file does.
        chinese = [doc for doc in corpus.translations if _is_chinese(doc)]
        if len(chinese) < 2:
            return
        for doc in chinese:
            others = [other for other in chinese if other.id != doc.id]
            for index, segment in enumerate(doc.segments):
                suspects = list(_suspects(segment.text))
                if not suspects:
                    continue
                renderings = [_rendering(corpus, doc, other, index) for other in others]
                renderings = [text for text in renderings if text]
                for start, broken, gain in suspects:
                    word = broken[0] + broken[2]
                    if any(broken in text for text in renderings):
                        continue
                    witnesses = [text for text in renderings if word in text]
                    if not witnesses:
                        continue
                    yield self.finding(
                        f"'{broken[1]}' breaks the word '{word}' in '{broken}'; "
                        f"the other rendering reads '{word}'.",
                        [doc.locate(index, start, start + 3)],
                        suggestion=word,
                        stray=broken[1],
                        word=word,
                        gain=round(gain, 2),
                        renderings=witnesses,
                    )


def _is_chinese(doc: Document) -> bool:
    return doc.lang.lower().split("-")[0] == "zh"


def _suspects(text: str) -> Iterator[tuple[int, str, float]]:
    """``(offset, X?Y, gain)`` for each place where taking out the middle character helps a lot."""
    for run in HAN_RUN.finditer(text):
        chars = run.group()
        for i in range(len(chars) - 2):
            first, middle, last = chars[i : i + 3]
            if first == last or zh.zipf(first + last) < MIN_WORD_ZIPF:
                continue  # 看了看, 想一想 repeat a verb on purpose
            if zh.is_phrase(chars[i : i + 3]) or _separable(first, middle, last):
                continue
            gain = _gain(chars, i + 1)
            if gain >= MIN_GAIN:
                yield run.start() + i, chars[i : i + 3], gain


def _separable(first: str, middle: str, last: str) -> bool:
    """Whether grammar may put ``middle`` inside the word ``first + last``.

    An aspect particle may follow a verb (开了口, 许了愿), a structural one may split a noun or
    verb phrase (国的民, 怀的孕); neither follows an auxiliary verb (能了够) or splits a
    function word (立即, 非常, 因为).
    """
    word = zh.tag(first + last)[:1]
    if first in MODALS or word in FUNCTION_TAGS:
        return False
    if middle in ASPECT:  # 下了山, 上了车: directions act as verbs; 许了愿: 许愿 is a verb
        return zh.tag(first)[:1] in ("v", "f") or word == "v"
    if middle in STRUCTURAL:  # jieba's tags of single characters are unreliable: trust the word's
        return word in ("n", "v", "a", "s", "t")
    return False


def _gain(chars: str, middle: int) -> float:
    """How much cheaper the text around ``middle`` segments without it, beyond its own cost."""
    lo = max(0, middle - 1 - CONTEXT)
    window = chars[lo : middle + 2 + CONTEXT]
    at = middle - lo
    repaired = window[:at] + window[at + 1 :]
    return zh.segmentation_cost(window) - zh.segmentation_cost(repaired) - zh.cost(window[at])


def _rendering(corpus: Corpus, doc: Document, other: Document, index: int) -> str:
    """The text of ``other`` aligned with segment ``index`` of ``doc`` (empty when none)."""
    direct = corpus.alignments.get((doc.id, other.id))
    if direct is not None:
        link = direct.link_of_source().get(index)
        return other.text_of(link.target) if link else ""
    reverse = corpus.alignments.get((other.id, doc.id))
    if reverse is not None:
        link = reverse.link_of_target().get(index)
        return other.text_of(link.source) if link else ""
    # through the source: the other translation's segments linked to the same source segments
    to_doc = corpus.alignment(doc).link_of_target().get(index)
    if to_doc is None or not to_doc.source:
        return ""
    by_source = corpus.alignment(other).link_of_source()
    targets = sorted({t for s in to_doc.source if s in by_source for t in by_source[s].target})
    return other.text_of(targets)
