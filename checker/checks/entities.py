"""Names, URLs and code that a translation must carry over unchanged, and their near misses.

Three checks share the one extractor here (``technical``, ``names``):

- ``entity-mismatch`` (here): Latin-script names and products (``OpenAI``, ``GPT-4``, ``Harbor``)
  that come out slightly changed (``OpenAl``, ``Harbour``), between the source and a translation
  or within one document;
- ``url-mismatch`` (``checker.checks.technical``): URLs and e-mail addresses;
- ``code-mismatch`` (``checker.checks.technical``): code spans in backticks, command-line options
  and file paths (placeholders are technical text too, but ``placeholder-mismatch`` checks them).

A name simply absent from a translation is fine: Chinese transliterates (Josh Achiam ->
乔希·阿奇亚姆) or drops names. Only a near miss is reported, with the likely intended form.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from checker.checks import placeholders
from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Location, Segment, Severity
from checker.text.patterns import BACKTICKED, EMAIL, URL

# --- extraction -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """A span that must survive translation unchanged: ``text`` at ``[start, end)`` in a segment."""

    kind: str  # name | url | email | code | option | path | identifier | placeholder
    text: str
    start: int
    end: int


# ```name' has type `` is old-style quoting (`name'), not two backticks around code.
_QUOTED = re.compile(r"[^'\s]+'(?=\s|$)")
_OPTION = re.compile(
    r"(?<![A-Za-z0-9_\-–—])--?[A-Za-z][A-Za-z0-9_-]*(?:=[^\s,;]+)?(?=[\s,.;:)'\"”）」]|$|[^\x00-\x7f])"
)
_PATH = re.compile(
    r"(?<![A-Za-z0-9_/.])(?:[A-Za-z]:\\[\w\\.-]+|(?:~|\.{1,2})?/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+/?"
    r"|[A-Za-z0-9_-]+(?:/[A-Za-z0-9_.-]+)+\.[A-Za-z0-9]{1,5}"
    r"|[A-Za-z0-9_-]+\.(?:py|js|ts|json|ya?ml|toml|txt|md|csv|tsv|html?|css|sh|exe|dll|cfg|ini|xml|go|rs"
    r"|java|cpp|po|xliff|docx|pdf))\b"
)
# Shell variables; every other placeholder syntax is found by checker.checks.placeholders.
# Identifiers that read as code outside backticks: snake_case names, calls and lower-case dotted
# names of two letters or more a part (``html_sidebars``, ``add_node()``, ``nav.xhtml``,
# ``sphinx.ext.autodoc``; not ``e.g``, nor ``Node.js``, a name), as software catalogues write
# configuration values, API names and files.
_IDENTIFIER = re.compile(r"(?<![\w.\-/@$%{])(?:[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?:\(\))?"
                         r"|[A-Za-z_][\w.]*\(\)|[a-z][a-z0-9_]+(?:\.[a-z][a-z0-9_]+)+)(?![\w\-])")
_SHELL_VARIABLE = re.compile(r"\$\{[A-Za-z_][\w.]*\}|\$[A-Z_][A-Z0-9_]{2,}")
_TECHNICAL_HINT = re.compile(r"[/@`{%$\\]|-[A-Za-z-]|www\.|\.[A-Za-z]{1,5}\b|[a-z]\.[a-z]|[A-Za-z0-9]_[A-Za-z0-9]|\(\)")
# A Latin-script word, with inner hyphens or digits (GPT-4, speech-to-speech, o1).
_WORD = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
# Only words with a capital or a digit can be names in Latin-script text.
# (The look-ahead reads "lower-case letters and hyphens, then a capital or a digit": the same
# words as "a capital or a digit somewhere in the lower-case part", found without backtracking.)
_CANDIDATE = re.compile(r"(?<![A-Za-z0-9_])(?=[a-z-]*+[A-Z0-9])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
_DIGIT = re.compile(r"[0-9]")
_DIGITS = re.compile(r"\d")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“‘(—–]\s*|\n)$")
_NEXT_CAPITAL = re.compile(r" ([A-Z][a-z]+)\b")

# Capitalised words that are ordinary words, not names, even in mid-sentence.
_NOT_NAMES = frozenset({
    "I", "I'm", "I've", "I'll", "I'd", "Mr", "Mrs", "Ms", "Dr", "Hi", "Dear", "OK", "Ok", "Yes", "No",
    "Oh", "O", "Lord", "God", "Thank", "Thanks", "Please",
})
_NON_LATIN = frozenset({"zh", "ja", "ko", "th", "ru", "uk", "ar", "he", "el", "hi", "fa", "bg", "sr"})


def _trim_url(url: str) -> str:
    depth = 0
    for k, ch in enumerate(url):  # a ')' that closes nothing of the URL's ends it: "](https://x.com/a){.cls}"
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            url = url[:k]
            break
    url = url.rstrip(".,;:!?'\"")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1].rstrip(".,;:!?")
    return url


def technical(text: str) -> list[Entity]:
    """URLs, e-mail addresses, code spans, options, paths and placeholders in ``text``."""
    return list(_technical(text))


CACHED_TEXTS = 1 << 16
"""Segment texts whose extractions are remembered, so that checks reading the same segment
(entities, untranslated, numbers, punctuation) extract once: a corpus of 10,000 lines fits."""


@functools.lru_cache(maxsize=CACHED_TEXTS)
def _technical(text: str) -> tuple[Entity, ...]:
    if not _TECHNICAL_HINT.search(text):
        return ()  # most prose: none of the characters any of them needs
    found: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        found.append(Entity(kind, text[start:end], start, end))

    for m in URL.finditer(text):
        add("url", m.start(), m.start() + len(_trim_url(m.group())))
    for m in EMAIL.finditer(text):
        add("email", m.start(), m.end())
    for m in BACKTICKED.finditer(text):
        if not _QUOTED.match(m.group(1)):
            add("code", m.start(1), m.end(1))
    for m in _SHELL_VARIABLE.finditer(text):
        add("placeholder", m.start(), m.end())
    for p in placeholders.extract(text):
        add("placeholder", p.start, p.end)
    for m in _OPTION.finditer(text):
        if m.group().startswith("--") or len(m.group()) == 2:
            add("option", m.start(), m.end())
    for m in _PATH.finditer(text):
        if not text.endswith("](", 0, m.start()):  # a Markdown link target is tag-mismatch's
            add("path", m.start(), m.end())
    for m in _IDENTIFIER.finditer(text):
        add("identifier", m.start(), m.end())
    found.sort(key=lambda e: e.start)
    return tuple(found)


def names(text: str, *, all_latin: bool = False) -> list[Entity]:
    """Latin-script names, products and acronyms in ``text`` (outside URLs and code).

    In Latin-script text a name is a word with an inner capital (OpenAI), letters and digits
    (o1, GPT-4), or a capital not at the start of a sentence (Sam). With ``all_latin`` (text in a
    non-Latin script, such as Chinese), every Latin word counts.
    """
    return list(_names(text, all_latin))


@functools.lru_cache(maxsize=CACHED_TEXTS)
def _names(text: str, all_latin: bool) -> tuple[Entity, ...]:
    if not _ASCII_LETTER.search(text):
        return ()  # every name has a letter (a run of digits is none): Chinese prose, numbers
    skip = [(e.start, e.end) for e in _technical(text)]
    out = []
    for m in (_WORD if all_latin else _CANDIDATE).finditer(text):
        start, end = m.span()
        if skip and any(a <= start < b for a, b in skip):
            continue
        word = m.group()
        if word.lower() == word.upper():  # ASCII letters, digits and hyphens: no letter at all
            continue
        if all_latin:
            if len(word) >= 2 or word.isupper():
                out.append(Entity("name", word, start, end))
            continue
        if _is_name(text, word, start):
            out.append(Entity("name", word, start, end))
    return tuple(out)


def _is_name(text: str, word: str, start: int) -> bool:
    if word in _NOT_NAMES:
        return False
    has_digit = not word.isalpha() and _DIGIT.search(word) is not None  # letters only: the common case
    inner_capital = word[1:] != word[1:].lower()  # the words are ASCII: lower() changes capitals only
    if (has_digit and len(word) >= 2) or inner_capital:
        return True
    if not word[0].isupper():
        return False
    if not _SENTENCE_START.search(text[max(0, start - 3):start]):
        return True
    nxt = _NEXT_CAPITAL.match(text, start + len(word))  # "Josh Achiam is..." at a sentence start
    return nxt is not None and nxt.group(1) not in _NOT_NAMES


def is_latin_script(lang: str) -> bool:
    """Whether ``lang`` is written in Latin script (so that names there look like names)."""
    return lang.split("-")[0].lower() not in _NON_LATIN


# --- near misses ------------------------------------------------------------------------------

_HOMOGLYPHS = str.maketrans({"l": "I", "1": "I", "|": "I", "0": "O"})


def near_miss(a: str, b: str) -> bool:
    """Whether ``b`` looks like a slip for ``a`` (or the other way round), not a different word."""
    from rapidfuzz.distance import OSA

    if a == b or len(a) < 2 or len(b) < 2:
        return False
    if a.translate(_HOMOGLYPHS) == b.translate(_HOMOGLYPHS):
        return True  # OpenAl / OpenAI, GPT-4o / GPT-40
    if a.lower() == b.lower():  # OpenAi / OpenAI; not Research / research, nor OPENAI / OpenAI
        return _case_slip(a, b)
    if _DIGITS.search(a) and _DIGITS.search(b):
        letters_a, letters_b = _DIGITS.sub("", a), _DIGITS.sub("", b)
        if letters_a == letters_b and letters_a and a != b:
            return True  # GPT-4 / GPT-3, H100 / H200
    if a.replace("-", "") == b.replace("-", "") and len(a.replace("-", "")) >= 4:
        return True  # dry-run / dryrun
    shorter = min(len(a), len(b))
    if shorter < 5 or a[0].lower() != b[0].lower():
        return False
    if a.lower().rstrip("s") == b.lower().rstrip("s"):
        return False  # plural, not a typo
    limit = 2 if shorter >= 9 else 1
    return OSA.distance(a, b, score_cutoff=limit) <= limit


_REGIONAL = ((re.compile(r"our(?=s?\b|ed|ing|ite|able)"), "or"), (re.compile(r"is(?=e|ing|ation)"), "iz"),
             (re.compile(r"yse"), "yze"), (re.compile(r"tre\b"), "ter"), (re.compile(r"ogue\b"), "og"),
             (re.compile(r"ll(?=ed|ing|er|ation)"), "l"))
_SUFFIXES = ("s", "es", "d", "ed", "r", "er")


def copy_slip(a: str, b: str) -> bool:
    """Whether ``b``, a Latin word of a translation in another script, is a misspelled copy of the
    source word ``a``: one letter dropped, added, changed or two swapped (two in words of eight
    letters or more), the first letter kept, and neither a case, inflection nor British/American
    variant (``Rlcone`` for ``Rclone``, ``Outh`` for ``OAuth``; not ``Items`` for ``Item``, nor
    ``colour`` for ``color``).

    Chinese text copies Latin names and terms as the source writes them, so a near miss there is a
    slip even where the source word starts a sentence or is a whole unit (``Twitter``, ``Plus``),
    which ``near_miss`` cannot tell from an ordinary word in Latin-script text.
    """
    from rapidfuzz.distance import OSA

    x, y = a.lower(), b.lower()
    if x == y or min(len(x), len(y)) < 3 or max(len(x), len(y)) < 4 or x[0] != y[0]:
        return False
    if _DIGITS.search(x) or _DIGITS.search(y):
        return False  # versions and models (GPT-4, H100) are near_miss's
    if variant(x, y):
        return False
    limit = 2 if min(len(x), len(y)) >= 8 else 1
    return OSA.distance(x, y, score_cutoff=limit) <= limit


def variant(a: str, b: str) -> bool:
    """Whether two words are one word inflected (Item / Items, enable / enabled) or spelled the
    British and the American way (colour / color, organise / organize, centre / center)."""
    x, y = a.lower(), b.lower()
    short, long = sorted((x, y), key=len)
    if long.startswith(short) and long[len(short):] in _SUFFIXES:
        return True
    if short.endswith("y") and long == short[:-1] + "ies":
        return True

    def regional(w: str) -> str:
        for pattern, repl in _REGIONAL:
            w = pattern.sub(repl, w)
        return w

    return regional(x) == regional(y)


def intended(a: str, b: str, counts: Counter[str] | None = None) -> str | None:
    """Which of two near-miss spellings is more likely intended, or None when it can't be told.

    ``l`` for ``I`` after a capital (OpenAl) and ``0`` for ``O`` between letters are slips;
    otherwise the more frequent spelling wins.
    """
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            i = diffs[0]
            pair = {a[i], b[i]}
            before = a[i - 1] if i else ""
            if pair == {"l", "I"} and before:
                want = "I" if before.isupper() else "l"
                return a if a[i] == want else b
            if pair == {"0", "O"}:
                want = "0" if before.isdigit() else "O"
                return a if a[i] == want else b
    if counts:
        if counts[a] >= 2 * counts[b] and counts[a] > counts[b]:
            return a
        if counts[b] >= 2 * counts[a] and counts[b] > counts[a]:
            return b
    return None


# --- checks -----------------------------------------------------------------------------------


def _located(doc: Document, index: int, entity: Entity) -> Location:
    return doc.locate(index, entity.start, entity.end)


def _strip_possessive(word: str) -> str:
    if "'" not in word and "’" not in word:
        return word  # the common case (``names`` never finds an apostrophe): no pattern to run
    return _POSSESSIVE.sub("", word)


class EntityMismatch(Check):
    """A name or product is spelled slightly differently in the translation than in the source.

    What it does:
        Compares the Latin-script names, products and acronyms of each source sentence with the
        Latin-script words of its translation, and reports a translation word that is a near
        miss of a source name (one letter changed, ``l`` for ``I``, a changed version digit). In a
        translation into another script (Chinese), whose Latin words are copied from the source,
        a near miss of any source word counts (``Rlcone`` for a unit ``Rclone``), unless it is an
        inflection or a British/American spelling of it. It also reports a name spelled two ways
        within one document, source included.

    Why is this bad?
        Names and products must come through unchanged; a near miss is almost always a slip that
        readers copy (OpenAl for OpenAI). A name that is transliterated (Josh Achiam ->
        乔希·阿奇亚姆) or dropped is not reported.

    Example:
        Source: "My years with the OpenAI team." Translation: "我在OpenAl团队的这些年。"
        -> 'OpenAl' should be 'OpenAI'.
    """

    id = "entity-mismatch"
    name = "Changed name"
    category = Category.ACCURACY
    severity = Severity.MAJOR

    # A near miss between a unit and its translation is the unit's, but a translation word the
    # source writes anywhere is no slip, a name's spellings are counted through the documents,
    # and a pair of forms is one finding wherever it occurs: ``learn`` counts each document's
    # names and keeps the near misses its units find and the source's words, ``combine`` tells
    # the near misses the source writes elsewhere and decides which names are spelled two ways,
    # and ``findings`` points at them in its units, with the evidence ``merge`` needs to join
    # them, to leave a copied slip to the source, and to report one slip once.

    _seen: tuple[Corpus, dict[str, list[list[Entity]]], dict[str, list[_Slip]]] | None = None
    """What ``learn`` found of a corpus (names, near misses), for ``findings`` on the same one
    (``run``), which then need not look again."""

    def learn(self, corpus: Corpus) -> dict[str, Any]:
        found = {doc.id: _document_names(doc) for doc in corpus.documents}
        names = {doc.id: Counter(_strip_possessive(e.text) for per_seg in found[doc.id] for e in per_seg)
                 for doc in corpus.documents}
        slips = {doc.id: list(_slips(corpus, doc, found, frozenset()))
                 for doc in corpus.translations if not is_latin_script(doc.lang)}
        self._seen = corpus, found, slips
        # the source's words a near miss may be (two characters or more, a letter among them)
        words = {w for w in _words(corpus.source) if len(w) >= 2 and w.lower() != w.upper()} if slips else set()
        return {"names": names, "near": {doc_id: {s[1] for s in near} for doc_id, near in slips.items()},
                "words": words}

    @classmethod
    def combine(cls, parts: Sequence[dict[str, Any]]) -> dict[str, Any]:
        """The near misses each translation's source writes elsewhere, and the names each
        document spells two ways: ``(wrong, right, count of wrong, count of right)``."""
        local: dict[str, Counter[str]] = {}
        near: dict[str, set[str]] = {}
        for part in parts:
            for doc_id, names in part["names"].items():
                local.setdefault(doc_id, Counter()).update(names)
            for doc_id, words in part["near"].items():
                near.setdefault(doc_id, set()).update(words)
        source_words = set().union(*(part["words"] for part in parts))
        counts = sum(local.values(), Counter())
        return {"in_source": {doc_id: words & source_words for doc_id, words in near.items()},
                "spellings": {doc_id: _spellings(names, counts) for doc_id, names in local.items()}}

    def findings(self, corpus: Corpus, known: dict[str, Any]) -> Iterator[Finding]:
        seen = self._seen if self._seen is not None and self._seen[0] is corpus else None
        found = seen[1] if seen else {doc.id: _document_names(doc) for doc in corpus.documents}
        for n, doc in enumerate(corpus.documents):
            if doc is corpus.source:
                continue
            in_source = known["in_source"].get(doc.id, frozenset())
            if seen and doc.id in seen[2]:  # learn's near misses, less those the source writes elsewhere
                slips: Iterable[_Slip] = [s for s in seen[2][doc.id] if s[1] not in in_source]
            else:
                slips = _slips(corpus, doc, found, in_source)
            for finding in self._cross(corpus, doc, slips):
                yield replace(finding, data={**finding.data, "_doc": n, "_source": corpus.source.id})
        for n, doc in enumerate(corpus.documents):
            yield from self._within(corpus, doc, n, found[doc.id], known["spellings"].get(doc.id, ()))

    @classmethod
    def merge(cls, findings: Sequence[Finding]) -> list[Finding]:
        """The shards' findings joined: a pair of forms, or a name's two spellings, in a
        document is one finding; a translation's spellings that copy its source's are left to
        the source's finding, and its near misses that are its own second spelling to that
        finding. Near misses first, then second spellings, document by document."""
        cross: dict[tuple[Any, ...], list[Finding]] = {}
        within: dict[tuple[Any, ...], list[Finding]] = {}
        for f in findings:
            if "variants" in f.data:
                within.setdefault((f.data["_doc"], f.data["_pair"]), []).append(f)
            else:
                cross.setdefault((f.data["_doc"], f.data["source_form"], f.data["target_form"]), []).append(f)
        spellings = [(key[0], joined) for key, parts in sorted(within.items(), key=lambda item: item[0])
                     if (joined := _joined_spelling(parts)) is not None]
        spelled = {(n, *f.data["variants"]) for n, f in spellings if f.severity is Severity.MAJOR}
        out = []
        for (n, want, word), parts in sorted(cross.items(), key=lambda item: item[0][0]):
            finding = _joined_near_miss(parts)
            if not (finding.severity is Severity.MAJOR and (n, word, want) in spelled):
                out.append(finding)
        return out + [f for _, f in spellings]

    def _cross(self, corpus: Corpus, doc: Document, slips: Iterable[_Slip]) -> Iterator[Finding]:
        """Near misses between each source sentence and its translation (``_slips``), one finding
        per pair of forms."""
        source = corpus.source
        pairs: dict[tuple[str, str], tuple[list[Location], list[Location]]] = {}
        for want, word, i, s, j, t in slips:
            slocs, tlocs = pairs.setdefault((want, word), ([], []))
            slocs.append(_located(source, i, s))
            tlocs.append(_located(doc, j, t))
        for (want, word), (slocs, tlocs) in pairs.items():
            slocs = list(dict.fromkeys(slocs))
            if intended(want, word) == word:  # the translation corrected a slip in the source
                yield self.finding(
                    f"The source writes '{want}' where {doc.path} writes '{word}'; "
                    f"'{word}' looks like the intended spelling, so the source may be misspelled.",
                    [*slocs, *tlocs], severity=Severity.MINOR, suggestion=word,
                    source_form=want, target_form=word, intended=word,
                )
            else:
                yield self.finding(
                    f"{doc.path} writes '{word}' where the source has '{want}'.",
                    [*tlocs, *slocs], suggestion=want, source_form=want, target_form=word, intended=want,
                )

    def _within(self, corpus: Corpus, doc: Document, n: int, per_segment: list[list[Entity]],
                spellings: Iterable[tuple[str, str, int, int]]) -> Iterator[Finding]:
        """The names ``combine`` found spelled two ways in the ``n``-th document, at their
        occurrences in these units (with the first ``right`` here, if any, last)."""
        where: dict[str, list[tuple[int, Entity]]] = defaultdict(list)
        for i, entities in enumerate(per_segment):
            for e in entities:
                where[_strip_possessive(e.text)].append((i, e))
        is_source = doc is corpus.source
        for number, (wrong, right, wrongs, rights) in enumerate(spellings):
            if wrong not in where and right not in where:
                continue
            locations = [_located(doc, i, e) for i, e in where.get(wrong, ())]
            if right in where:
                locations.append(_located(doc, *where[right][0]))
            yield self.finding(
                f"{doc.path} spells the same name two ways: '{wrong}' ({wrongs}x) and "
                f"'{right}' ({rights}x).",
                locations,
                severity=Severity.MINOR if is_source else Severity.MAJOR,
                suggestion=right, variants={wrong: wrongs, right: rights},
                _doc=n, _pair=number, _right=right in where,
                _mirror=None if is_source else _mirror_evidence(corpus, doc, wrong, right, where),
            )


_Slip = tuple[str, str, int, Entity, int, Entity]


def _slips(corpus: Corpus, doc: Document, found: dict[str, list[list[Entity]]],
           in_source: Container[str]) -> Iterator[_Slip]:
    """``(source form, translation form, i, source entity, j, translation entity)`` of each near
    miss between source segment ``i`` and translation segment ``j`` of a link, in link order; in
    a translation into another script, a word in ``in_source`` (the source writes it) is none."""
    source = corpus.source
    latin_target = is_latin_script(doc.lang)
    for link in corpus.alignment(doc).links:
        if not link.source or not link.target:
            continue
        targets = [(j, t) for j in link.target for t in found[doc.id][j]]
        if not targets:
            continue
        # a Latin word of a Chinese translation is copied from its source: every source word counts
        src = [(i, e) for i in link.source
               for e in (found[source.id][i] if latin_target else _copyable(source.segments[i]))]
        if not src:
            continue
        src_words = {m.group() for i in link.source for m in _WORD.finditer(source.segments[i].text)}
        names_here = {_strip_possessive(e.text) for i in link.source for e in found[source.id][i]}
        for j, t in targets:
            word = _strip_possessive(t.text)
            if word in src_words or (not latin_target and word in in_source):
                continue
            for i, s in src:
                want = _strip_possessive(s.text)
                if latin_target:
                    slip = near_miss(want, word) and not _exonym(want, word)
                else:
                    slip = copy_slip(want, word) or (near_miss(want, word) and (
                        want in names_here or not variant(want, word)))  # Harbour for the name Harbor
                if slip:
                    yield want, word, i, s, j, t
                    break


def _spellings(local: Counter[str], counts: Counter[str]) -> list[tuple[str, str, int, int]]:
    """The names a document spells two ways, ``(wrong, right, count of wrong, count of right)``,
    from its names' counts (``local``) and all documents' (``counts``)."""
    out = []
    for a, b in _variant_pairs(list(local)):
        if not _is_slip(a, b):
            continue  # two real names (Sarai / Sarah, Abram / Amram), not one name spelled two ways
        likely = intended(a, b, local) or intended(a, b, counts)
        right = likely or max((a, b), key=lambda w: (local[w], w == a))
        wrong = b if right == a else a
        out.append((wrong, right, local[wrong], local[right]))
    return out


def _joined_near_miss(parts: Sequence[Finding]) -> Finding:
    """A pair of forms' near misses in consecutive parts of a translation as one finding: its
    source locations (each once) and translation locations, in ``_cross``'s order."""
    source = parts[0].data["_source"]
    slocs = list(dict.fromkeys(loc for f in parts for loc in f.locations if loc.document == source))
    tlocs = [loc for f in parts for loc in f.locations if loc.document != source]
    first = parts[0]
    locations = [*slocs, *tlocs] if first.severity is Severity.MINOR else [*tlocs, *slocs]
    return replace(first, locations=tuple(locations), data=_public(first.data))


def _joined_spelling(parts: Sequence[Finding]) -> Finding | None:
    """A name's two spellings in consecutive parts of a document as one finding (every wrong
    spelling, then the first right one), or ``None`` for a translation that copies them."""
    mirror = [f.data["_mirror"] for f in parts if f.data["_mirror"] is not None]
    if mirror and all(copied for copied, _ in mirror) and not any(corrects for _, corrects in mirror):
        return None  # the translation writes each spelling where the source does: the source's finding
    wrongs = [loc for f in parts for loc in (f.locations[:-1] if f.data["_right"] else f.locations)]
    right = next(f.locations[-1] for f in parts if f.data["_right"])
    return replace(parts[0], locations=(*wrongs, right), data=_public(parts[0].data))


def _public(data: Mapping[str, Any]) -> dict[str, Any]:
    """A finding's data without what ``merge`` read (the keys starting with '_')."""
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _mirror_evidence(corpus: Corpus, doc: Document, wrong: str, right: str,
                     where: dict[str, list[tuple[int, Entity]]]) -> tuple[bool, bool]:
    """Whether a translation copies a spelling slip of its source, as seen in these units:
    whether every ``wrong`` renders source text that writes it, and whether some ``right``
    corrects a source ``wrong`` (as zh-a's OpenAI does). It copies the slip if the first holds
    in every part of the document and the second in none."""
    links = corpus.alignment(doc).link_of_target()

    def source_texts(j: int) -> list[str]:
        link = links.get(j)
        return [corpus.source.segments[i].text for i in link.source] if link else []

    copied = all(any(verbatim(wrong, t) for t in source_texts(j)) for j, _ in where.get(wrong, ()))
    corrects = any(any(verbatim(wrong, t) and not verbatim(right, t) for t in source_texts(j))
                   for j, _ in where.get(right, ()))
    return copied, corrects


def _exonym(a: str, b: str) -> bool:
    """Whether two forms differ only in a final vowel: a name localised (Europe / Europa, Rome / Roma)."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    tails = a[p:] + b[p:]
    return len(a) - p <= 1 and len(b) - p <= 1 and bool(tails) and all(c in "aeiouy" for c in tails)


def _is_slip(a: str, b: str) -> bool:
    """A homoglyph, inner-case, hyphen or British/American slip, as opposed to a different name."""
    if a.translate(_HOMOGLYPHS) == b.translate(_HOMOGLYPHS):
        return True
    if a.lower() == b.lower():  # OpenAi / OpenAI, but not THE / The
        return _case_slip(a, b)
    # Centre / Center, Organisation / Organization: one word in two spellings, which a document
    # quoting British and American sources (European Centre, National Center) rightly keeps
    return a.replace("-", "") == b.replace("-", "")


def _case_slip(a: str, b: str) -> bool:
    """OpenAi for OpenAI, Fastapi for FastAPI; but not OPENAI, and not the all-lower-case form
    code, packages and commands write (``from fastapi import``, ``pip install fastapi``, latex)."""
    if a.isupper() or b.isupper() or a.islower() or b.islower():
        return False
    return len(a) >= 3 and a[1:] != b[1:]


def _document_names(doc: Document) -> list[list[Entity]]:
    """The names of each segment; a code block has none (its words are identifiers, not names)."""
    all_latin = not is_latin_script(doc.lang)
    return [[] if seg.kind == "code" else list(names(seg.text, all_latin=all_latin)) for seg in doc.segments]


def _copyable(seg: Segment) -> tuple[Entity, ...]:
    """Every Latin word of a source segment outside URLs and code (none in a code block)."""
    return () if seg.kind == "code" else _names(seg.text, True)


def _words(doc: Document) -> set[str]:
    """Every Latin word of a document: a translation word the source writes anywhere is no slip."""
    return {m.group() for seg in doc.segments for m in _WORD.finditer(seg.text)}


def _variant_pairs(words: list[str]) -> Iterator[tuple[str, str]]:
    """Pairs of distinct words in ``words`` that are near misses of each other."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    words = sorted(w for w in words if len(w) >= 2)
    if len(words) < 2:
        return
    folded = [w.lower().translate(_HOMOGLYPHS) for w in words]
    matrix = process.cdist(folded, folded, scorer=OSA.distance, score_cutoff=2,
                           dtype="int32", workers=1)
    import numpy as np

    rows, columns = np.nonzero(matrix <= 2)  # row by row
    above = rows < columns  # each unordered pair once
    for x, y in zip(rows[above], columns[above]):
        if near_miss(words[x], words[y]):
            yield words[x], words[y]


def verbatim(item: str, text: str) -> bool:
    """Whether ``item`` stands in ``text`` as a whole (``--verbose`` is not in ``--verboses``;
    Chinese text may run on right after it: ``https://example.com获取``)."""
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(item)}(?![A-Za-z0-9_])", text) is not None


def masked_spans(text: str) -> Iterable[tuple[int, int]]:
    """Spans of URLs, code and names with digits, which other checks should not read as prose."""
    for e in technical(text):
        yield e.start, e.end
