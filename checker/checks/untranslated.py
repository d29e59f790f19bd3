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
from checker.checks.entities import is_latin_script, names, technical
from checker.checks.tags import markup_spans
from checker.model import Category, Corpus, Document, Finding, Link, Severity

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
_NOT_TEXT = re.compile(r"[\W\d_]+")
# Markup that holds no words to translate: Markdown images (their alt text is not shown),
# template statements and expressions ({% if x %}, {{ x }}) and <<markers>> a program replaces.
_NOT_WORDS = re.compile(r"!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\{%.*?%\}|\{\{.*?\}\}|<<[^<>\n]{1,40}>>")
_QUOTED = re.compile(r"^\s*[(（\[【].*[)）\]】][.。!！?？]?\s*$", re.S)


def _language(code: str) -> str:
    return _LANGUAGES.get(code.split("-")[0], code)


_ASCII_NOT_TEXT = str.maketrans("", "", "".join(c for c in map(chr, range(128)) if _NOT_TEXT.match(c)))
"""``_NOT_TEXT`` as a deletion table for ASCII text, where ``str.translate`` is several times faster."""


def _normal(text: str) -> str:
    if text.isascii():
        return text.translate(_ASCII_NOT_TEXT).casefold()
    return _NOT_TEXT.sub("", text).casefold()


def _prose(text: str, lang: str) -> str:
    """``text`` without its names, numbers, URLs, code and markup: what a translation has to change."""
    spans = [(e.start, e.end) for e in technical(text)] + markup_spans(text)
    spans += [m.span() for m in _NOT_WORDS.finditer(text)]
    spans += [(e.start, e.end) for e in names(text, all_latin=not is_latin_script(lang))]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


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
    from checker.langid import detect  # lazily: lingua is loaded only for Latin-script pairs

    detected = detect(text)
    return detected == source_lang.split("-")[0] and detected != target_lang.split("-")[0]


class Untranslated(Check):
    """A target sentence is still in the source language, or copies the source unchanged.

    What it does:
        For every source sentence and its translation, reports a target segment that is the
        source text again (ignoring case, spacing and punctuation), or that is written in the
        source language (for English into Chinese: no Chinese at all and several English words).
        Segments made only of names, numbers, code or URLs are left alone, and so is an original
        quoted in brackets right after its translation.

    Why is this bad?
        Readers of the translation cannot read the sentence: a passage was skipped or pasted
        from the original and never translated.

    Example:
        Source: "We brought safety research into practice." Translation: "We brought safety
        research into practice."
    """

    id = "untranslated"
    name = "Untranslated text"
    category = Category.ACCURACY
    severity = Severity.MAJOR

    def run(self, corpus: Corpus) -> Iterator[Finding]:
        source = corpus.source
        for doc in corpus.translations:
            if doc.lang.split("-")[0] == source.lang.split("-")[0]:
                continue  # a same-language "translation" (a revision) copies on purpose
            for link in corpus.alignment(doc).links:
                if link.source and link.target:
                    yield from self._link(corpus, doc, link)

    def _link(self, corpus: Corpus, doc: Document, link: Link) -> Iterator[Finding]:
        source = corpus.source
        originals: set[str] | None = None  # computed for the first target that needs it
        for j in link.target:
            text = doc.segments[j].text
            if doc.segments[j].kind == "code":
                continue  # a code block stays as it is; code-block-mismatch compares it
            if self._quotes_original(doc, j) or not needs_translation(text, source.lang):
                continue
            if originals is None:
                texts = {source.text_of(link.source), *(source.segments[i].text for i in link.source)}
                originals = {_normal(original) for original in texts}  # one text for a 1-1 link
            copied = _normal(text) in originals
            if not copied and not in_source_language(text, source.lang, doc.lang):
                continue
            how = "copies the source unchanged" if copied else f"is still in {_language(source.lang)}"
            yield self.finding(
                f"This sentence of {doc.path} {how}; it was not translated into {_language(doc.lang)}.",
                [doc.locate(j), source.locate_span(link.source)],
                copied=copied, source_lang=source.lang, target_lang=doc.lang,
            )

    @staticmethod
    def _quotes_original(doc: Document, j: int) -> bool:
        """A bracketed original right after its translation: "……决定。(After much reflection...)"."""
        if not _QUOTED.match(doc.segments[j].text) or j == 0:
            return False
        script = _SCRIPT.get(doc.lang.split("-")[0])
        return script is None or bool(script.search(doc.segments[j - 1].text))
