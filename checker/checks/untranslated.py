"""``untranslated``: a target sentence still in the source language, or a copy of the source.

Names, numbers, code and URLs stay as they are in any translation, so a segment made only of
them ("Mira", "OpenAI o1", "https://...") is never reported. A Chinese sentence that quotes the
English original in brackets after its rendering is translated; an English sentence alone,
linked to an English source, is not.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from checker.checks.base import Check
from checker.checks.entities import Entity, is_latin_script, names, technical
from checker.checks.tags import markup_spans
from checker.lexicon.en import is_word
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
# template statements and expressions ({% if x %}, {{ x }}), <<markers>> a program replaces and
# the opening of a Markdown block (``/// tip``, ``//// tab | Python 3.10+``: its title is text).
_NOT_WORDS = re.compile(r"!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\{%.*?%\}|\{\{.*?\}\}|<<[^<>\n]{1,40}>>"
                        r"|^\s*/{3,}\s*[\w-]*")
_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]{2,}(?:['’][a-z]+)?(?![A-Za-z0-9_])")
"""A Latin word of two letters or more (``folder``, ``Don't``); a hyphenated compound is several."""
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
    return _blank(text, names(text, all_latin=not is_latin_script(lang)))


def _words(text: str) -> list[str]:
    """The Latin words of ``text`` outside its URLs, code and markup, as written."""
    return _WORD.findall(_blank(text, ()))


def _blank(text: str, also: Iterable[Entity]) -> str:
    """``text`` with its URLs, code, markup and the entities ``also`` given replaced by spaces."""
    spans = [(e.start, e.end) for e in technical(text)] + markup_spans(text)
    spans += [m.span() for m in _NOT_WORDS.finditer(text)]
    spans += [(e.start, e.end) for e in also]
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


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’+ .-]*[A-Za-z0-9+]")
"""A run of Latin text inside text of another script (``Let's Encrypt`` in ``用 Let's Encrypt 签发``)."""
_TITLE_SMALL = frozenset("a an and as at but by for from in into of on or the to vs via with".split())
"""Words title case leaves in lower case (``Mermaid to Excalidraw``, ``Classes as Dependencies``)."""
_PHRASE = 5
"""The longest run of words looked up among the phrases a translation keeps."""


_THREAD = threading.local()
"""A Snowball stemmer keeps the word it works on in itself: one per thread (the gate runs pairs in threads)."""


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """``word``'s English stem (``options`` and ``option``, ``created`` and ``creating``)."""
    stemmer = getattr(_THREAD, "stemmer", None)
    if stemmer is None:
        import snowballstemmer  # lazily: only English into another script needs it

        stemmer = _THREAD.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word.casefold())


@dataclass(frozen=True)
class Vocabulary:
    """How one translation (in another script than its source) treats the source's Latin words.

    ``kept`` and ``translated`` count, per word stem, the occurrences in source units that the
    unit's translation keeps verbatim (``Google Drive`` in ``添加 Google Drive 存储``) and those it
    renders (``folder`` in ``创建文件夹``), and the same for runs of two or more words that the
    translations keep somewhere (``let's encrypt``). A copy left in the source language is no
    evidence.

    This is the evidence a reviewer uses on a short title-case string left in English, where
    capitals say nothing about names: in ``New Cron Job`` the words the document renders
    elsewhere (new, job) are words to translate, the ones it keeps (Cron) are names.
    """

    script: re.Pattern[str]
    kept: Counter[str | tuple[str, ...]]
    translated: Counter[str | tuple[str, ...]]
    rendered: frozenset[str]
    """The source texts (normalised) that some unit of this translation renders."""

    @classmethod
    def of(cls, corpus: Corpus, doc: Document, script: re.Pattern[str]) -> Vocabulary:
        source = corpus.source
        pairs = []
        rendered = set()
        for link in corpus.alignment(doc).links:
            target = doc.text_of(link.target) if link.source and link.target else ""
            if script.search(target):
                rendered.add(_normal(_blank(source.text_of(link.source), ())))
                words = [_stem(w) for i in link.source for w in _words(source.segments[i].text)]
                if words:
                    runs = [[_stem(w) for w in _WORD.findall(run)] for run in _LATIN_RUN.findall(_blank(target, ()))]
                    pairs.append((words, runs))
        kept_phrases = {p for _, runs in pairs for run in runs for p in _phrases(run)}
        kept: Counter[str | tuple[str, ...]] = Counter()
        translated: Counter[str | tuple[str, ...]] = Counter()
        for words, runs in pairs:
            in_source = Counter[str | tuple[str, ...]](words)
            in_source.update(p for p in _phrases(words) if p in kept_phrases)
            in_target = Counter[str | tuple[str, ...]](w for run in runs for w in run)
            in_target.update(p for run in runs for p in _phrases(run))
            for key, n in in_source.items():
                kept[key] += min(n, in_target[key])
                translated[key] += n - min(n, in_target[key])
        return cls(script, kept, translated, frozenset(rendered))

    def left(self, text: str, copied: bool) -> list[str]:
        """The words to translate of ``text`` (which has no word of the target script), if by
        this evidence it was left untranslated, else ``[]``. It was left untranslated when

        - it copies a source text of two or more words that another unit renders
          (``Mermaid to Excalidraw``, ``Mermaid 至 Excalidraw`` elsewhere);
        - it has two words to translate if a copy, three if not, one of them rendered elsewhere
          (``Folder Created Successfully``);
        - it copies a source whose one word to translate, written in lower case, is rendered
          far more often than kept, beside names, code or placeholders (``%s (%s property)``).
        """
        words, rendered = self.to_translate(text)
        if not words:
            return []
        if copied and len(_words(text)) >= 2 and _normal(_blank(text, ())) in self.rendered:
            return words
        if rendered and len(words) >= (2 if copied else 3):
            return words
        if copied and len(words) == 1 and words[0].islower() and _normal(text) != words[0].casefold():
            kept, translated = self.kept[_stem(words[0])], self.translated[_stem(words[0])]
            if translated >= 3 and translated > 5 * kept:
                return words
        return []

    def to_translate(self, text: str) -> tuple[list[str], bool]:
        """The words of ``text`` a translation has to render, and whether any of them is one this
        translation renders elsewhere.

        Names by their form (``OpenAI``, ``GPT-4``, ``non-Annotated``) and words inside a phrase
        the translations keep are not. A word this translation keeps at least as often as it
        renders is a name; one it renders more often is a word to translate, though a capital in
        mid-sentence (a name, by its look) needs it rendered at least twice and more than twice
        as often as kept. A word never seen is judged by its look, and in title case (every word
        capitalised, where capitals say nothing) by whether it is an English word.
        """
        found = list(_WORD.finditer(_blank(text, ())))
        words = [m.group() for m in found]
        title = len(words) >= 2 and all(w[0].isupper() or w in _TITLE_SMALL for w in words)
        shouting = len(words) >= 2 and all(w.isupper() for w in words)  # no acronym can be told apart
        by_form, by_capital = [], []
        for e in names(text):
            if e.text[1:] != e.text[1:].lower() or not e.text.isalpha():
                if not shouting:
                    by_form.append(e)
            else:
                by_capital.append(e)
        stems = [_stem(w) for w in words]
        kept_at = self._in_phrases(stems)
        out, evidence = [], False
        for k, (m, word, stem) in enumerate(zip(found, words, stems)):
            if k in kept_at or any(e.start <= m.start() < e.end for e in by_form):
                continue
            kept, translated = self.kept[stem], self.translated[stem]
            capital = not title and any(e.start <= m.start() < e.end for e in by_capital)
            if kept or translated:
                render = translated > kept and (not capital or (translated >= 2 and translated > 2 * kept))
                evidence |= render
            else:
                render = is_word(word) if title else not capital
            if render:
                out.append(word)
        return out, evidence

    def _in_phrases(self, stems: list[str]) -> set[int]:
        """The positions of ``stems`` inside a phrase of two or more words this translation keeps
        at least as often as it renders."""
        at: set[int] = set()
        for n in range(min(_PHRASE, len(stems)), 1, -1):
            for k in range(len(stems) - n + 1):
                key = tuple(stems[k:k + n])
                if self.kept[key] and self.kept[key] >= self.translated[key]:
                    at.update(range(k, k + n))
        return at


def _phrases(stems: list[str]) -> Iterator[tuple[str, ...]]:
    """Every run of two to ``_PHRASE`` consecutive words of ``stems``."""
    for n in range(2, min(_PHRASE, len(stems)) + 1):
        for k in range(len(stems) - n + 1):
            yield tuple(stems[k:k + n])


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
                    if vocabulary is None and script and not script.search(seg.text) and _WORD.search(seg.text):
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
        return _normal(text) in {_normal(original) for original in texts}  # one text for a 1-1 link

    @staticmethod
    def _quotes_original(doc: Document, j: int) -> bool:
        """A bracketed original right after its translation: "……决定。(After much reflection...)".

        Not in a file of units (each is translated on its own), nor for a Markdown link
        (``[One of the fastest frameworks](#performance).``)."""
        if doc.keyed or j == 0 or not _QUOTED.match(_blank(doc.segments[j].text, ())):
            return False
        script = _SCRIPT.get(doc.lang.split("-")[0])
        return script is None or bool(script.search(doc.segments[j - 1].text))
