"""The evidence of words a translation keeps and renders, for ``untranslated``.

Into another script (English into Chinese), a Latin word inside a translated unit was kept on
purpose: a name, a product, a term (``Google Drive`` in ``添加 Google Drive 存储``). A word of the
source that the unit's translation does not have was rendered (``folder`` in ``创建文件夹``).
Counted over a whole translation, this tells the words to translate of a short string left in
English from its names, where capitals cannot (``New Cron Job``: new, job and Cron).
"""

from __future__ import annotations

import functools
import re
import threading
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from checker.checks.entities import Entity, names, technical
from checker.checks.tags import markup_spans
from checker.model import Corpus, Document
from checker.text.lexicon.en import is_word

_NOT_TEXT = re.compile(r"[\W\d_]+")
# Markup that holds no words to translate: Markdown images (their alt text is not shown),
# template statements and expressions ({% if x %}, {{ x }}), <<markers>> a program replaces and
# the opening of a Markdown block (``/// tip``, ``//// tab | Python 3.10+``: its title is text).
NOT_WORDS = re.compile(r"!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\{%.*?%\}|\{\{.*?\}\}|<<[^<>\n]{1,40}>>"
                       r"|^\s*/{3,}\s*[\w-]*")
WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z]{2,}(?:['’][a-z]+)?(?![A-Za-z0-9_])")
"""A Latin word of two letters or more (``folder``, ``Don't``); a hyphenated compound is several."""

_ASCII_NOT_TEXT = str.maketrans("", "", "".join(c for c in map(chr, range(128)) if _NOT_TEXT.match(c)))
"""``_NOT_TEXT`` as a deletion table for ASCII text, where ``str.translate`` is several times faster."""


def normal(text: str) -> str:
    """``text`` case-folded, without spaces, punctuation or digits: two copies compare equal."""
    if text.isascii():
        return text.translate(_ASCII_NOT_TEXT).casefold()
    return _NOT_TEXT.sub("", text).casefold()


def words_of(text: str) -> list[str]:
    """The Latin words of ``text`` outside its URLs, code and markup, as written."""
    return WORD.findall(blank(text, ()))


def blank(text: str, also: Iterable[Entity]) -> str:
    """``text`` with its URLs, code, markup and the entities ``also`` given replaced by spaces."""
    spans = [(e.start, e.end) for e in technical(text)] + markup_spans(text)
    spans += [m.span() for m in NOT_WORDS.finditer(text)]
    spans += [(e.start, e.end) for e in also]
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’+ .-]*[A-Za-z0-9+]")
"""A run of Latin text inside text of another script (``Let's Encrypt`` in ``用 Let's Encrypt 签发``)."""
_TITLE_SMALL = frozenset("a an and as at but by for from in into of on or the to vs via with".split())
"""Words title case leaves in lower case (``Mermaid to Excalidraw``, ``Classes as Dependencies``)."""
_PHRASE = 5
"""The longest run of words looked up among the phrases a translation keeps."""


Evidence = tuple[Counter[str | tuple[str, ...]], Counter[str | tuple[str, ...]], set[tuple[str, ...]], set[str]]
"""``Vocabulary.evidence``: occurrences kept and rendered, runs kept, source texts rendered."""

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

    @staticmethod
    def query(text: str) -> tuple[set[str | tuple[str, ...]], str]:
        """What ``left`` looks up for ``text``: the stems of its words and their runs (``kept``,
        ``translated``), and its normal form (``rendered``)."""
        stems = [_stem(w) for w in WORD.findall(blank(text, ()))]
        return {*stems, *_phrases(stems)}, normal(blank(text, ()))

    @staticmethod
    def evidence(corpus: Corpus, doc: Document, script: re.Pattern[str],
                 keys: Collection[str | tuple[str, ...]], texts: Collection[str]) -> Evidence:
        """What the links of ``corpus`` tell of the words and runs ``keys`` and the source texts
        ``texts`` (what ``left`` looks up, ``query``): the occurrences kept and rendered, the runs
        among ``keys`` some unit keeps, and the texts some unit renders. The evidence of a whole
        translation is that of its parts added up (``joined``)."""
        source = corpus.source
        kept: Counter[str | tuple[str, ...]] = Counter()
        translated: Counter[str | tuple[str, ...]] = Counter()
        kept_phrases: set[tuple[str, ...]] = set()
        rendered: set[str] = set()
        for link in corpus.alignment(doc).links:
            target = doc.text_of(link.target) if link.source and link.target else ""
            if not script.search(target):
                continue
            text = normal(blank(source.text_of(link.source), ()))
            if text in texts:
                rendered.add(text)
            words = [_stem(w) for i in link.source for w in words_of(source.segments[i].text)]
            if not words:
                continue
            runs = [[_stem(w) for w in WORD.findall(run)] for run in _LATIN_RUN.findall(blank(target, ()))]
            in_target = Counter[str | tuple[str, ...]](w for run in runs for w in run)
            in_target.update(p for run in runs for p in _phrases(run))
            kept_phrases.update(p for run in runs for p in _phrases(run) if p in keys)
            # every run asked about, kept somewhere or not: ``joined`` keeps those kept somewhere
            in_source = Counter[str | tuple[str, ...]](w for w in words if w in keys)
            in_source.update(p for p in _phrases(words) if p in keys)
            for key, n in in_source.items():
                kept[key] += min(n, in_target[key])
                translated[key] += n - min(n, in_target[key])
        return kept, translated, kept_phrases, rendered

    @classmethod
    def joined(cls, script: re.Pattern[str], parts: Iterable[Evidence]) -> Vocabulary:
        """The vocabulary of a translation from the evidence of its parts (``evidence``): a
        run of words counts in the source only where some unit of the translation keeps it."""
        kept: Counter[str | tuple[str, ...]] = Counter()
        translated: Counter[str | tuple[str, ...]] = Counter()
        kept_phrases: set[tuple[str, ...]] = set()
        rendered: set[str] = set()
        for k, t, p, r in parts:
            kept.update(k)
            translated.update(t)
            kept_phrases |= p
            rendered |= r
        counts = lambda key: isinstance(key, str) or key in kept_phrases  # noqa: E731
        return cls(script, Counter({key: n for key, n in kept.items() if counts(key)}),
                   Counter({key: n for key, n in translated.items() if counts(key)}), frozenset(rendered))

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
        if copied and len(words_of(text)) >= 2 and normal(blank(text, ())) in self.rendered:
            return words
        if rendered and len(words) >= (2 if copied else 3):
            return words
        if copied and len(words) == 1 and words[0].islower() and normal(text) != words[0].casefold():
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
        found = list(WORD.finditer(blank(text, ())))
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
