"""``untranslated``: a target sentence still in the source language, or a copy of the source.

Names, numbers, code and URLs stay as they are in any translation, so a segment made only of
them ("Mira", "OpenAI o1", "https://...") is never reported. A Chinese sentence that quotes the
English original in brackets after its rendering is translated; an English sentence alone,
linked to an English source, is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.checks.base import Check
from checker.checks.entities import is_latin_script, names
from checker.checks.untranslated_words import WORD, Vocabulary, blank, normal
from checker.model import Category, Corpus, Document, Finding, Link, Severity
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

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        source = corpus.source
        for doc in corpus.translations:
            if doc.lang.split("-")[0] == source.lang.split("-")[0]:
                continue  # a same-language "translation" (a revision) copies on purpose
            # English into another script: the evidence of words kept and rendered (English stems)
            script = _SCRIPT.get(doc.lang.split("-")[0]) if source.lang.split("-")[0] == "en" else None
            vocabulary = None  # built for the first target that needs it
            for link in corpus.alignment(doc).links:
                if not (link.source and link.target):
                    continue
                for j in link.target:
                    seg = doc.segments[j]
                    if seg.kind == "code" or self._quotes_original(doc, j):
                        continue  # a code block stays as it is; code-block-mismatch compares it
                    if vocabulary is None and script and not script.search(seg.text) and WORD.search(seg.text):
                        vocabulary = Vocabulary.of(corpus, doc, script)
                    finding = self._segment(corpus, doc, link, j, vocabulary)
                    if finding is not None:
                        yield finding

    def _segment(self, corpus: Corpus, doc: Document, link: Link, j: int,
                 vocabulary: Vocabulary | None) -> Finding | None:
        source = corpus.source
        text = doc.segments[j].text
        words: list[str] = []
        if needs_translation(text, source.lang):
            copied = self._copied(source, link, text)
            left = copied or in_source_language(text, source.lang, doc.lang)
        elif vocabulary is not None and not vocabulary.script.search(text):
            copied = self._copied(source, link, text)
            words = vocabulary.left(text, copied)
            left = bool(words)
        else:
            return None
        if not left:
            return None
        how = "copies the source unchanged" if copied else f"is still in {_language(source.lang)}"
        return self.finding(
            f"This sentence of {doc.path} {how}; it was not translated into {_language(doc.lang)}.",
            [doc.locate(j), source.locate_span(link.source)],
            copied=copied, source_lang=source.lang, target_lang=doc.lang, **({"words": words} if words else {}),
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
