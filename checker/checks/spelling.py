"""The ``spelling`` check: English words that no dictionary knows, in any document."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Any, NamedTuple

from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Severity
from checker.text.lexicon import en, typos

WORD = re.compile(
    r"(?<![A-Za-z0-9_@/\\.-])"  # not inside a path, a domain, an identifier or a compound
    r"[A-Za-z]+(?:['’][A-Za-z]+|-[A-Za-z]+)*"
    r"(?![A-Za-z0-9_@/\\]|['’-][A-Za-z0-9]|\.[A-Za-z0-9])"
)
"""A Latin-script word, with its apostrophes and hyphens; never one glued to digits (o1, GPT-4)."""

SKIPPED = re.compile(
    r"(?:https?|ftp)://\S+|www\.\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|`[^`\n]*`"  # code spans
    r"|<(?P<html>code|kbd|samp|var|tt)\b[^<>]*>[^<]*</(?P=html)>"  # code in HTML: <code>ujson</code>
    r"|<[^<>\n]*>|\{[^{}\n]*\}|%\([^()\n]*\)"  # markup tags and placeholders: {name}, %(name)s
)

_MAY_SKIP = re.compile(r"://|www\.|[@`<{%]")
"""A quick test: a text without any of these characters has nothing ``SKIPPED`` matches."""

CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
"""Characters of Chinese, Japanese and Korean text, their punctuation included."""

_NON_CJK_RUN = re.compile(r"[^\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+")
"""A maximal run of anything but ``CJK`` characters: the chunks of a CJK document."""

CJK_LANGS = frozenset({"zh", "ja", "ko"})

_LATIN_LETTER = re.compile(r"[A-Za-z]")
"""A quick test: a text without any has no ``WORD``."""

PROSE_WORDS = 4
"""In a CJK document, a Latin run of at least this many words is quoted English prose; shorter
runs are names and terms (Mira Murati, OpenAI o1), whose capitals mark no sentence start."""

REPEATED = 3
"""A spelling used this often in one document is deliberate (a term, an archaism), not a slip."""

ARCHAIC_MARKS = 3
"""Older English (thou, hath, ye) used this often: its inflections (findeth, lovest) are words."""

NOT_PROSE = frozenset({"code", "reference"})
"""Kinds of segment that hold code or link targets, never prose: a code block, ``[label]: url``."""

OPENERS = "\"'“‘(["
SENTENCE_ENDS = ".!?…"


class _Word(NamedTuple):
    segment: int
    start: int
    end: int
    text: str


_new = tuple.__new__
"""Builds a ``_Word`` from a tuple without the Python-level ``__new__`` (one per token)."""


class SpellingCheck(Check):
    """An English word is misspelled.

    What it does:
        Looks for slips in English words: the whole of English documents and the Latin-script
        runs of Chinese, Japanese and Korean ones (a quoted English sentence). A word that
        pyspellchecker's dictionary (American spellings, British ones accepted, wordfreq's
        frequent words as a second opinion) does not know is reported only with evidence of
        the word meant: it is on codespell's list of common misspellings (defintion), or one
        slip from a word a thousand times more frequent (cuting: cutting; the first letter
        kept, and in words under seven letters only two letters swapped or a doubled letter),
        or, never seen by wordfreq, one slip from a word the same document uses (synctial:
        syncytial). Other unknown words are terms, names and code (backend, lectin, kwargs,
        stdio), and so are words made of a known word with a prefix or suffix (dedent,
        reloader). It skips what is not prose: names (capitalised words mid-sentence, words a
        translation keeps in Latin script, glossary terms), words the documents also write as
        code (in code blocks, code spans, URLs and tags), all-caps words, words with digits,
        contractions, and hyphenated compounds whose parts are words. A spelling used three
        times or more in a document is taken as deliberate. In older English (thou, hath),
        whose spellings differ (drave, alway), a frequent word one slip away is no evidence.
        Each misspelled word is one finding per document, pointing at every occurrence, with
        the word meant as the suggestion.

    Why is this bad?
        A typo in the source tends to be copied into translations that quote it, and a typo in a
        translation is the first thing a reader notices.

    Example:
        ``I have made the diffcult decision`` is reported at ``diffcult`` with the suggestion
        ``difficult``; ``speech-to-speech``, ``I'll`` and ``OpenAI`` are not.
    """

    id = "spelling"
    name = "Spelling"
    category = Category.FLUENCY
    severity = Severity.MINOR
    needs_alignment = False
    in_worker = True

    # The decision for a word needs the whole document (how often it is written, the names, code
    # and kept words anywhere, the archaic markers, the vocabulary): ``learn`` gathers of each
    # document only the words that could matter (lower-case words no dictionary knows, and the
    # archaic markers), ``combine`` decides, and ``findings`` points at the words decided.

    def learn(self, corpus: Corpus) -> dict[str, Any]:
        known = en.dictionary()
        docs: dict[str, _Learned] = {}
        for doc in corpus.documents:
            part = docs[doc.id] = _Learned(english=_has_english(doc), source=doc is corpus.source)
            part.kept = _mattering(_kept_words(doc), known)
            part.code = _mattering(_code_words(doc), known)
            if not part.english:
                continue
            markers = Counter(dict.fromkeys(en.ARCHAIC_MARKERS, 0))
            vocabulary = Counter[str]()
            tokens = list(_words(doc, known, markers, vocabulary))
            part.markers = markers
            part.words = sum(vocabulary.values())
            part.vocabulary = Counter({w: n for w, n in vocabulary.items() if w.isalpha() and len(w) >= _NEAR_LETTERS})
            part.names = _mattering({w.text.lower() for w in tokens if w.text[:1].isupper() and _is_name(doc, w)},
                                    known)
            for word in _candidates(doc, tokens):
                key = word.text.lower()
                if key in en.ARCHAIC_MARKERS or key not in known:
                    part.candidates.setdefault(key, [0, word.text])[0] += 1
            if part.source:
                part.parts = _mattering({p for form in vocabulary for p in form.split("-")}, known)
        glossary = _mattering({w.lower() for w in _strings_words(corpus.options.get("glossary"))}, known)
        return {"glossary": glossary, "docs": docs}

    @classmethod
    def combine(cls, parts: Sequence[dict[str, Any]]) -> dict[str, dict[str, tuple[str, str, int]]]:
        """The misspelled words of each document: lower case -> (as first written, fix, count)."""
        docs: dict[str, _Learned] = {}
        for part in parts:
            for doc_id, learned in part["docs"].items():
                docs.setdefault(doc_id, _Learned(learned.english, learned.source)).add(learned)
        if not any(d.english for d in docs.values()):
            return {}
        glossary = set().union(*(part["glossary"] for part in parts))
        names = set().union(*(d.names for d in docs.values()))
        code = set().union(*(d.code for d in docs.values()))
        source = set().union(*(d.parts for d in docs.values() if d.source))
        out: dict[str, dict[str, tuple[str, str, int]]] = {}
        for doc_id, doc in docs.items():
            if not doc.english:
                continue
            exempt = glossary | names | code
            exempt.update(*(other.kept for other_id, other in docs.items() if other_id != doc_id))
            exempt.update(doc.kept & source)  # kept verbatim from the source: a term, not a slip
            by_word = {key: found for key, found in doc.candidates.items() if key not in exempt}
            archaic = sum(by_word.get(m, (0,))[0] + (doc.markers[m] if m not in exempt else 0)
                          for m in en.ARCHAIC_MARKERS) >= ARCHAIC_MARKS
            vocabulary = _Vocabulary(doc.vocabulary, doc.words)
            for key, (count, text) in by_word.items():
                if count >= REPEATED or en.is_word(key, archaic):
                    continue
                fix = typos.correction(text, vocabulary, archaic=archaic)
                if fix is not None:  # else a word no dictionary knows, with no sign of the word meant: a term
                    out.setdefault(doc_id, {})[key] = (text, fix, count)
        return out

    def findings(self, corpus: Corpus, known: dict[str, dict[str, tuple[str, str, int]]]) -> Iterator[Finding]:
        for n, doc in enumerate(corpus.documents):
            words = known.get(doc.id)
            if not words:
                continue
            markers = Counter(dict.fromkeys(en.ARCHAIC_MARKERS, 0))
            by_word: dict[str, list[_Word]] = defaultdict(list)
            for word in _candidates(doc, _words(doc, en.dictionary(), markers)):
                if (key := word.text.lower()) in words:
                    by_word[key].append(word)
            for key, found in by_word.items():
                text, fix, count = words[key]
                yield self.finding(
                    f"'{text}' is not an English word; did you mean '{fix}'?",
                    [doc.locate(w.segment, w.start, w.end) for w in found],
                    suggestion=fix, word=text, occurrences=count, _doc=n,
                )

    @classmethod
    def merge(cls, findings: Sequence[Finding]) -> list[Finding]:
        """One finding per word of a document, pointing at its occurrences in every shard."""
        joined: dict[tuple[int, str], Finding] = {}
        for f in findings:
            key = (f.data["_doc"], f.data["word"])
            if (first := joined.get(key)) is not None:
                f = replace(first, locations=first.locations + f.locations)
            joined[key] = f
        ordered = sorted(joined.items(), key=lambda item: item[0][0])  # stable: a word's first occurrence
        return [replace(f, data={k: v for k, v in f.data.items() if k != "_doc"}) for _, f in ordered]


_NEAR_LETTERS = typos.MIN_GUESS - 1
"""The shortest word the vocabulary is asked about: one letter less than a word corrected."""


def _mattering(words: Iterable[str], known: Container[str]) -> set[str]:
    """Of lower-case ``words``, those a decision may ask about: words no dictionary knows (a
    misspelling may be one) and the archaic markers (they make a document archaic)."""
    return {w for w in words if w.isalpha() and (w in en.ARCHAIC_MARKERS or w not in known)}


class _Vocabulary(Counter[str]):
    """The counts ``typos.correction`` may read of a document's words, true when the document
    has any word (even if none of them is kept)."""

    def __init__(self, counts: Mapping[str, int], words: int) -> None:
        self.words = words
        super().__init__(counts)

    def __bool__(self) -> bool:
        return self.words > 0


@dataclass
class _Learned:
    """What ``SpellingCheck.learn`` keeps of a document (of the words that may matter only)."""

    english: bool
    source: bool
    kept: set[str] = field(default_factory=set)
    code: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    parts: set[str] = field(default_factory=set)
    markers: Counter[str] = field(default_factory=Counter)
    vocabulary: Counter[str] = field(default_factory=Counter)
    words: int = 0
    candidates: dict[str, list[Any]] = field(default_factory=dict)
    """lower case -> [occurrences, as first written], in order of first occurrence."""

    def add(self, other: _Learned) -> _Learned:
        """Add ``other`` (the same document, further on) to this."""
        for mine, theirs in ((self.kept, other.kept), (self.code, other.code), (self.names, other.names),
                             (self.parts, other.parts)):
            mine |= theirs
        self.markers.update(other.markers)
        self.vocabulary.update(other.vocabulary)
        self.words += other.words
        for key, (count, text) in other.candidates.items():
            self.candidates.setdefault(key, [0, text])[0] += count
        return self


def _lang(doc: Document) -> str:
    return doc.lang.lower().split("-")[0]


def _has_english(doc: Document) -> bool:
    return _lang(doc) == "en" or _lang(doc) in CJK_LANGS


def _chunks(doc: Document, text: str) -> Iterator[tuple[int, str]]:
    """``(offset, chunk)``: the whole text in Latin-script documents, Latin runs in CJK ones."""
    if _lang(doc) not in CJK_LANGS:
        yield 0, text
        return
    for match in _NON_CJK_RUN.finditer(text):
        yield match.start(), match.group()


def _words(doc: Document, known: Container[str] = frozenset(),
           counted: Counter[str] | None = None, vocabulary: Counter[str] | None = None) -> Iterator[_Word]:
    """Every word-like token of the document's English text that may matter, URLs and code left out.

    Words made of letters only whose lower case is found in ``known`` (dictionary words: never
    misspelled, and a name among them exempts a word that is never misspelled anyway) are left
    out as well, the bulk of any text, unless their lower case is a key of ``counted``; there,
    the plain lower-case ones are counted instead. ``vocabulary`` receives the count of every
    word form, in lower case.

    The tokens are found twice: first all of them at once per segment, to learn which word forms
    matter, then with their offsets only in the segments holding such a form.
    """
    counted = Counter() if counted is None else counted
    texts = [segment.text if segment.kind not in NOT_PROSE else "" for segment in doc.segments]
    if _lang(doc) in CJK_LANGS:
        per_segment = [[word for _, chunk in _chunks(doc, text) for word in WORD.findall(chunk)]
                       if _LATIN_LETTER.search(text) else [] for text in texts]
    else:
        per_segment = [WORD.findall(text) for text in texts]
    forms = Counter(chain.from_iterable(per_segment))
    if vocabulary is not None:
        for form, count in forms.items():
            vocabulary[form.lower()] += count
    for marker in counted:
        if marker in known:
            counted[marker] += forms[marker]
    wanted = {form for form in forms if not _dictionary_form(form, known, counted)}
    for index, text in enumerate(texts):
        if wanted.isdisjoint(per_segment[index]):
            continue
        skipped = [m.span() for m in SKIPPED.finditer(text)] if _MAY_SKIP.search(text) else []
        for offset, chunk in _chunks(doc, text):
            for match in WORD.finditer(chunk):
                if match.group() not in wanted:
                    continue
                start, end = offset + match.start(), offset + match.end()
                if not skipped or not any(a < end and start < b for a, b in skipped):
                    yield _new(_Word, (index, start, end, match.group()))


def _dictionary_form(word: str, known: Container[str], counted: Container[str]) -> bool:
    """A word ``_words`` leaves out: letters only, a dictionary word in lower case, and either
    written in lower case or not among the ``counted`` words (those only count in lower case)."""
    if not word.isalpha():
        return False
    if word.islower():
        return word in known
    lower = word.lower()
    return lower in known and lower not in counted


def _sentence_initial(doc: Document, word: _Word) -> bool:
    """Whether the word opens a sentence (so that its capital says nothing about it)."""
    text = doc.segments[word.segment].text
    if _lang(doc) in CJK_LANGS:
        chunk = next(c for o, c in _chunks(doc, text) if o <= word.start < o + len(c))
        if len(WORD.findall(chunk)) < PROSE_WORDS:
            return False
    before = text[: word.start].rstrip().rstrip(OPENERS).rstrip()
    return not before or before[-1] in SENTENCE_ENDS or bool(CJK.match(before[-1]))


def _is_name(doc: Document, word: _Word) -> bool:
    """A capitalised word that does not open a sentence: a name, a title, a product."""
    return word.text[:1].isupper() and not _sentence_initial(doc, word)


def _candidates(doc: Document, words: Iterable[_Word]) -> Iterator[_Word]:
    """The words and compound parts worth looking up, each as the span to report."""
    for word in words:
        text = word.text
        if text.islower() and "-" not in text and "'" not in text and "’" not in text:
            if len(text) >= 2:
                yield word  # the common case: a plain lower-case word is its own candidate
            continue
        if "'" in text or "’" in text:
            if text[-2:] not in ("'s", "’s") or "'" in text[:-2] or "’" in text[:-2]:
                continue  # contractions: I'll, won't, it's
            text = text[:-2]
        if text.isupper():
            continue
        parts = text.split("-")
        compound = len(parts) > 1
        at = word.start
        for number, part in enumerate(parts):
            span = _Word(word.segment, at, at + len(part), part)
            at += len(part) + 1
            if len(part) < 2 or part[1:] != part[1:].lower():
                continue  # single letters; OpenAI, iPhone
            if part[0].isupper() and (number > 0 or not _sentence_initial(doc, word)):
                continue  # names mid-sentence
            if compound and en.is_compound_part(part):
                continue
            yield span


_CODE_NAME = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
"""The words of an identifier or a URL: getElementById -> get, Element, By, Id."""


def _code_words(doc: Document) -> set[str]:
    """Words the document writes as code, lower-cased: in code blocks, code spans, URLs, tags.

    A word written as code somewhere (``Buffer.alloc()``, ``[cclauss](https://github.com/cclauss)``)
    is an identifier or a handle in the prose too, not a slip.
    """
    words: set[str] = set()
    for segment in doc.segments:
        if segment.kind in NOT_PROSE:
            words.update(w.lower() for w in _CODE_NAME.findall(segment.text))
        elif _MAY_SKIP.search(segment.text):
            for match in SKIPPED.finditer(segment.text):
                words.update(w.lower() for w in _CODE_NAME.findall(match.group()))
    return words


def _kept_words(doc: Document) -> set[str]:
    """Words a translation kept in Latin script, lower-cased: evidence of names and terms.

    English documents give none (a word copied from the source proves nothing); CJK documents
    give the words of their short Latin runs (not of quoted English sentences); documents in
    other Latin-script languages give all their words.
    """
    lang = _lang(doc)
    if lang == "en":
        return set()
    words: set[str] = set()
    for segment in doc.segments:
        if not _LATIN_LETTER.search(segment.text):
            continue
        for _, chunk in _chunks(doc, segment.text):
            found = WORD.findall(chunk)
            if lang not in CJK_LANGS or len(found) < PROSE_WORDS:
                words.update(part.lower() for w in found for part in w.split("-"))
    return words


TERM_FIELDS = ("source", "target", "alternatives", "forbidden")
"""The fields of a glossary entry that hold terms (its note and path are prose, not terms)."""


def _strings_words(value: Any, depth: int = 0) -> Iterator[str]:
    """The words of every term in a glossary: a ``Glossary`` (entries with source, target,
    alternatives, forbidden), a mapping of terms, or a list of terms or rows."""
    if depth > 4 or value is None:
        return
    if isinstance(value, str):
        for match in WORD.finditer(value):
            yield from match.group().split("-")
    elif hasattr(value, "entries"):
        yield from _strings_words(value.entries, depth + 1)
    elif any(hasattr(value, name) for name in TERM_FIELDS):
        for name in TERM_FIELDS:
            yield from _strings_words(getattr(value, name, None), depth + 1)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _strings_words(key, depth + 1)
            yield from _strings_words(item, depth + 1)
    elif isinstance(value, Iterable):
        for item in value:
            yield from _strings_words(item, depth + 1)
