"""``untranslated``: a target sentence still in the source language, or a copy of the source.

Names, numbers, code and URLs stay as they are in any translation, so a segment made only of
them ("Mira", "OpenAI o1", "https://...") is never reported. A Chinese sentence that quotes the
English original in brackets after its rendering is translated; an English sentence alone,
linked to an English source, is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from checker.checks.base import Check
from checker.checks.entities import is_latin_script, names
from checker.checks.untranslated_words import WORD, Evidence, Vocabulary, blank, normal
from checker.model import Category, Corpus, Document, Finding, Link, Location, Severity
from checker.text.langid import detect  # lingua itself loads only when a Latin-script pair needs it

_LANGUAGES = {"en": "English", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "de": "German",
              "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "ru": "Russian",
              "nl": "Dutch"}
_SCRIPT = {
    "zh": re.compile(r"[\u3400-\u9fff\uf900-\ufaff]"),
    "ja": re.compile(r"[\u3040-\u30ff\u3400-\u9fff]"),
    "ko": re.compile(r"[\uac00-\ud7af]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "uk": re.compile(r"[\u0400-\u04ff]"),
    "ar": re.compile(r"[\u0600-\u06ff]"),
}
_LATIN_WORD = re.compile(r"(?<![A-Za-z])[a-z][a-z'’]+(?![A-Za-z])")
_ANY_WORD = re.compile(r"[^\W\d_]+")
_PENDING = "pending"
"""The key of a finding's data that only ``Untranslated.merge`` reads (and drops)."""
_QUOTED = re.compile(r"^\s*[(（\[【].*[)）\]】][.。!！?？]?\s*$", re.S)


def _language(code: str) -> str:
    return _LANGUAGES.get(code.split("-")[0], code)


def _prose(text: str, lang: str) -> str:
    """``text`` without its names, numbers, URLs, code and markup: what a translation has to change."""
    return blank(text, names(text, all_latin=not is_latin_script(lang)))


def needs_translation(text: str, lang: str) -> bool:
    """Whether ``text`` holds words to translate, beyond names, numbers and code."""
    prose = _prose(text, lang)
    script = _SCRIPT.get(lang.split("-")[0])
    if script is not None:
        return len(script.findall(prose)) >= 2
    return len(_LATIN_WORD.findall(prose)) >= 2 or len(_ANY_WORD.findall(prose)) >= 3


def in_source_language(text: str, source_lang: str, target_lang: str) -> bool:
    """Whether ``text`` reads as the source language rather than the target language."""
    target_script = _SCRIPT.get(target_lang.split("-")[0])
    source_script = _SCRIPT.get(source_lang.split("-")[0])
    if target_script is not None and source_script is None:
        # e.g. English -> Chinese: no Chinese at all, and several ordinary English words
        return not target_script.search(text) and len(_LATIN_WORD.findall(_prose(text, source_lang))) >= 3
    if source_script is not None and target_script is not source_script:
        return len(source_script.findall(_prose(text, source_lang))) >= 4 and not (
            target_script and target_script.search(text))
    if len(_ANY_WORD.findall(text)) < 5:
        return False  # too short to tell two Latin-script languages apart

    detected = detect(text)
    return detected == source_lang.split("-")[0] and detected != target_lang.split("-")[0]


class Untranslated(Check):
    """A target sentence is still in the source language, or copies the source unchanged.

    What it does:
        For every source sentence and its translation, reports a target segment that is the
        source text again (ignoring case, spacing and punctuation), or that is written in the
        source language (for English into Chinese: no Chinese at all and several English words).
        Segments made only of names, numbers, code or URLs are left alone, and so is an original
        quoted in brackets right after its translation. Into another script, a short title-case
        string (``Folder Created Successfully``), where every word looks like a name, is judged
        by how the rest of the translation treats its words: words it renders elsewhere are words
        to translate, words it keeps (``Cron``, ``Google Drive``) are names; a single word (a key
        label such as ``Delete``) is never enough.

    Why is this bad?
        Readers of the translation cannot read the sentence: a passage was skipped or pasted
        from the original and never translated.

    Example:
        Source: "We brought safety research into practice." Translation: "We brought safety
        research into practice." Or, in a catalogue that renders "Folder Created Successfully"
        as "创建文件夹成功", the unit "Task Created Successfully" left as it is.
    """

    id = "untranslated"
    name = "Untranslated text"
    category = Category.ACCURACY
    severity = Severity.MAJOR
    in_worker = True

    # Into another script, a unit with no word of it is judged by the evidence of the whole
    # translation (``Vocabulary``), from the first unit that asks for it (a unit with a Latin word
    # and no word of the target script) on. ``learn`` gathers what such units look up (their
    # words, runs of words and normal form); each shard's ``findings`` reports the evidence on
    # those alone, marks where its first asking unit is, and leaves its units to judge by the
    # evidence to ``merge``, which adds the evidence of every shard up and judges them in order.

    def learn(self, corpus: Corpus) -> dict[str, tuple[set[str | tuple[str, ...]], set[str]]]:
        """Per translation into another script: what its units judged by the evidence look up."""
        out: dict[str, tuple[set[str | tuple[str, ...]], set[str]]] = {}
        for doc, script in self._translations(corpus):
            if script is None:
                continue
            keys: set[str | tuple[str, ...]] = set()
            texts: set[str] = set()
            for _, j in self._segments(corpus, doc):
                if self._by_evidence(corpus.source, doc.segments[j].text, script):
                    words, text = Vocabulary.query(doc.segments[j].text)
                    keys |= words
                    texts.add(text)
            if texts:
                out[doc.id] = (keys, texts)
        return out

    @classmethod
    def combine(cls, parts: Sequence[dict[str, tuple[set[str | tuple[str, ...]], set[str]]]]
                ) -> dict[str, tuple[frozenset[str | tuple[str, ...]], frozenset[str]]]:
        """Per translation with a unit to judge by the evidence: everything such units look up."""
        known: dict[str, tuple[frozenset[str | tuple[str, ...]], frozenset[str]]] = {}
        for doc_id in dict.fromkeys(doc_id for part in parts for doc_id in part):
            known[doc_id] = (frozenset().union(*(part[doc_id][0] for part in parts if doc_id in part)),
                             frozenset().union(*(part[doc_id][1] for part in parts if doc_id in part)))
        return known

    def findings(self, corpus: Corpus,
                 known: dict[str, tuple[frozenset[str | tuple[str, ...]], frozenset[str]]]) -> Iterator[Finding]:
        """The units judged by their look; for ``merge``, the evidence here on what ``known``
        says is looked up, where the first unit asks for it, and the units it judges."""
        source = corpus.source
        for doc, script in self._translations(corpus):
            asked = known.get(doc.id) if script is not None else None
            if script is not None and asked is not None:
                yield self._pending(doc, [], "evidence", evidence=Vocabulary.evidence(corpus, doc, script, *asked),
                                    script=script)
            vocabulary = False  # whether a unit has asked for the evidence yet
            for link, j in self._segments(corpus, doc):
                seg = doc.segments[j]
                if not vocabulary and script and not script.search(seg.text) and WORD.search(seg.text):
                    vocabulary = True
                    if asked is not None:
                        yield self._pending(doc, [doc.locate(j)], "asked")
                if needs_translation(seg.text, source.lang):
                    finding = self._segment(source, doc, link, j)
                    if finding is not None:
                        yield finding
                elif asked is not None and script is not None and not script.search(seg.text):
                    copied = self._copied(source, link, seg.text)
                    yield self._finding(source, doc, link, j, copied, [],
                                        **{_PENDING: _Pending(seg.text, copied, vocabulary)})

    @classmethod
    def merge(cls, findings: Sequence[Finding]) -> list[Finding]:
        """The units left to the evidence judged by it, in their places."""
        evidence: dict[str, list[Evidence]] = {}
        scripts: dict[str, re.Pattern[str]] = {}
        asked: dict[str, int] = {}  # per translation, its first unit that asks for the evidence
        for f in findings:
            what = f.data.get(_PENDING)
            if what == "evidence":
                evidence.setdefault(f.data["translation"], []).append(f.data["evidence"])
                scripts[f.data["translation"]] = f.data["script"]
            elif what == "asked":
                asked.setdefault(f.data["translation"], f.locations[0].segments[0])
        vocabularies = {doc_id: Vocabulary.joined(scripts[doc_id], parts) for doc_id, parts in evidence.items()}
        out: list[Finding] = []
        for f in findings:
            what = f.data.get(_PENDING)
            if what is None:
                out.append(f)
            elif isinstance(what, _Pending):
                doc_id, j = f.locations[0].document, f.locations[0].segments[0]
                if not what.asked and not (doc_id in asked and asked[doc_id] < j):
                    continue  # no unit before it asked for the evidence: judged without it
                words = vocabularies[doc_id].left(what.text, what.copied)
                if words:
                    out.append(replace(f, data={k: v for k, v in f.data.items() if k != _PENDING} | {"words": words}))
        return out

    def _pending(self, doc: Document, locations: list[Location], what: str, **data: Any) -> Finding:
        """A finding for ``merge`` alone, never reported: ``what`` (the evidence of ``doc``'s
        units here, or where the first of them asks for it)."""
        return self.finding("", locations, translation=doc.id, **{_PENDING: what}, **data)

    @staticmethod
    def _translations(corpus: Corpus) -> Iterator[tuple[Document, re.Pattern[str] | None]]:
        """Each translation into another language, with its script if the evidence of its words
        judges its units (English into another script)."""
        source = corpus.source
        for doc in corpus.translations:
            if doc.lang.split("-")[0] == source.lang.split("-")[0]:
                continue  # a same-language "translation" (a revision) copies on purpose
            yield doc, _SCRIPT.get(doc.lang.split("-")[0]) if source.lang.split("-")[0] == "en" else None

    def _segments(self, corpus: Corpus, doc: Document) -> Iterator[tuple[Link, int]]:
        """Each (link, target segment) to check, in order: code blocks and quoted originals aside."""
        for link in corpus.alignment(doc).links:
            if not (link.source and link.target):
                continue
            for j in link.target:
                if doc.segments[j].kind == "code" or self._quotes_original(doc, j):
                    continue  # a code block stays as it is; code-block-mismatch compares it
                yield link, j

    @staticmethod
    def _by_evidence(source: Document, text: str, script: re.Pattern[str]) -> bool:
        """Whether the evidence of the translation's words judges ``text`` (no word of the target
        script, and no words to translate by their look), once a unit has asked for it."""
        return not script.search(text) and not needs_translation(text, source.lang)

    def _segment(self, source: Document, doc: Document, link: Link, j: int) -> Finding | None:
        """The finding on target segment ``j`` of ``link``, which has words to translate by their look."""
        text = doc.segments[j].text
        copied = self._copied(source, link, text)
        if not (copied or in_source_language(text, source.lang, doc.lang)):
            return None
        return self._finding(source, doc, link, j, copied, [])

    def _finding(self, source: Document, doc: Document, link: Link, j: int, copied: bool, words: list[str],
                 **data: Any) -> Finding:
        how = "copies the source unchanged" if copied else f"is still in {_language(source.lang)}"
        return self.finding(
            f"This sentence of {doc.path} {how}; it was not translated into {_language(doc.lang)}.",
            [doc.locate(j), source.locate_span(link.source)],
            copied=copied, source_lang=source.lang, target_lang=doc.lang, **({"words": words} if words else {}),
            **data,
        )

    @staticmethod
    def _copied(source: Document, link: Link, text: str) -> bool:
        texts = {source.text_of(link.source), *(source.segments[i].text for i in link.source)}
        return normal(text) in {normal(original) for original in texts}  # one text for a 1-1 link

    @staticmethod
    def _quotes_original(doc: Document, j: int) -> bool:
        """A bracketed original right after its translation: "……决定。(After much reflection...)".

        Not in a file of units (each is translated on its own), nor for a Markdown link
        (``[One of the fastest frameworks](#performance).``)."""
        if doc.keyed or j == 0 or not _QUOTED.match(blank(doc.segments[j].text, ())):
            return False
        script = _SCRIPT.get(doc.lang.split("-")[0])
        return script is None or bool(script.search(doc.segments[j - 1].text))


@dataclass(frozen=True)
class _Pending:
    """A unit left to the evidence of the translation's words: its text, whether it copies its
    source, and whether a unit before it (or itself) in its shard asked for the evidence."""

    text: str
    copied: bool
    asked: bool
