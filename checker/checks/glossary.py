"""The ``glossary`` check: approved terms must be used, forbidden variants must not."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

from checker.checks.base import Check
from checker.model import Category, Corpus, Document, Finding, Link, Location, Severity
from checker.readers.glossary import Entry, Glossary
from checker.text.terms import find_term

ADHERENCE_UNITS = 10
"""A glossary that forbids nothing is judged against the translation's own use of each term once
the term's source occurs in this many units: fewer say little about the translation's habit."""
HIGH_ADHERENCE = 0.9
"""Where this share of the units uses the suggested term, a unit without it is a violation (major)."""
MODERATE_ADHERENCE = HIGH_ADHERENCE
"""Where this share does, a unit without it is reported as minor; below it, one summary per term.
(Measured on the TICO-19 memory, units of terms followed 75-90% of the time are mostly other
renderings of their context: summed up, not reported one by one.)"""


Counts = dict[str, tuple[Counter[int], Counter[int]]]
"""Per translation (its id): how many units call for each entry (``_keys``), how many do without its term."""


class GlossaryCheck(Check):
    """A source term is not translated with its approved glossary term, or a forbidden variant is used.

    What it does:
        For every aligned pair, finds each glossary source term in the source (English as whole
        tokens, with any case and plural: ``SARS-CoV`` is not inside ``SARS-CoV-2``; longer terms
        first, so ``fever`` is not inside ``hay fever`` when that is an entry) and looks for an
        approved target term in the translation (``艾滋病（AIDS）`` approves 艾滋病 and AIDS too).
        It also flags every forbidden variant the translation uses, unless it is part of an
        approved term that the source calls for. Glossaries come from ``--glossary`` (CSV/TSV
        or TBX); only entries for the translation's language apply.

    Why is this bad?
        Terminology fixed by a glossary is a promise to readers (and to legal, product and
        support teams); a synonym, however good, breaks search, consistency and trust.

    Example:
        Glossary ``robust,鲁棒,强大``: "more robust models" translated "更强大的模型" uses the
        forbidden variant 强大 where the approved term is 鲁棒.

    A forbidden variant is major. A missing approved term is major where the glossary is
    prescriptive (it forbids variants), minor for a glossary *name* (one capitalised word, such as
    ``Jacob,雅各``), which translations rightly replace by a pronoun ("And Jacob said" -> 又说).
    A glossary that forbids nothing is a list of suggested renderings: it cannot tell an accepted
    synonym (疫情 for "outbreak" where it lists 爆发) from a wrong term, so the translation's own
    use decides. Where it follows the glossary for a term (90% of 10 units or more), a unit without
    the term deviates: major where it writes a slip of the term (冠形病毒 for 冠状病毒, 社会距离 for
    社交距离), minor where it words the unit otherwise. Where it mostly does without the term, the
    glossary and the translation disagree: one info finding per term lists the units.
    """

    id = "glossary"
    name = "Glossary term"
    category = Category.TERMINOLOGY
    severity = Severity.MAJOR

    def learn(self, corpus: Corpus) -> Counts:
        """Per translation whose glossary forbids nothing: how many units call for each entry
        (by its ``_keys`` number), and how many of them do without its term."""
        out = {}
        for doc, entries in _documents(corpus):
            if any(e.forbidden for e in entries):
                continue  # prescriptive: every missing term is reported as it is found
            key, order = _keys(entries), _longest_first(entries)
            uses: Counter[Entry] = Counter()
            without: Counter[int] = Counter()
            for link in _translated(corpus, doc):
                for entry, finding in self._check_link(corpus, doc, link, entries, uses, order):
                    without[key[entry]] += finding.data["problem"] == "missing"
            out[doc.id] = (Counter({key[e]: n for e, n in uses.items()}), without)
        return out

    @classmethod
    def combine(cls, parts: Sequence[Counts]) -> Counts:
        """The whole file's counts: the parts' summed, per translation."""
        known: Counts = {}
        for part in parts:
            for doc_id, (uses, without) in part.items():
                total = known.setdefault(doc_id, (Counter(), Counter()))
                total[0].update(uses)
                total[1].update(without)
        return known

    def findings(self, corpus: Corpus, known: Counts) -> Iterator[Finding]:
        """Each unit's findings; where the glossary forbids nothing, the units without a term are
        judged by the whole file's counts (``known``) and tagged with their entry for ``merge``."""
        for doc, entries in _documents(corpus):
            prescriptive = any(e.forbidden for e in entries)
            key, order = _keys(entries), _longest_first(entries)
            missing: dict[Entry, list[Finding]] = {}
            uses: Counter[Entry] = Counter()
            for link in _translated(corpus, doc):
                for entry, finding in self._check_link(corpus, doc, link, entries, uses, order):
                    if prescriptive or finding.data["problem"] != "missing":
                        yield finding
                    else:
                        missing.setdefault(entry, []).append(finding)
            for entry, found in missing.items():
                units, without = (counts[key[entry]] for counts in known[doc.id])
                for finding in self._judged(doc, entry, found, units, without):
                    yield replace(finding, data={**finding.data, _ENTRY: key[entry]})

    @classmethod
    def merge(cls, findings: Sequence[Finding]) -> list[Finding]:
        """Per translation, the findings as its units gave them, then the judged ones by entry in
        order of first appearance, each entry's summaries from the shards joined into one."""
        docs: dict[str, tuple[list[Finding], dict[int, list[Finding]]]] = {}
        for finding in findings:
            found, judged = docs.setdefault(finding.locations[0].document, ([], {}))
            if _ENTRY in finding.data:
                judged.setdefault(finding.data[_ENTRY], []).append(
                    replace(finding, data={k: v for k, v in finding.data.items() if k != _ENTRY}))
            else:
                found.append(finding)
        out = []
        for found, judged in docs.values():
            out += found
            for parts in judged.values():
                if parts[0].data["problem"] != "not-used":
                    out += parts
                    continue
                # a summary lists each unit without the term, then the first one's source term
                where = dict.fromkeys(loc for part in parts for loc in part.locations[:-1])
                out.append(replace(parts[0], locations=(*where, parts[0].locations[-1])))
        return out

    def _judged(self, doc: Document, entry: Entry, found: list[Finding], units: int,
                without: int) -> Iterator[Finding]:
        """The units without a suggested term (``found``: these units'; ``without``: the file's),
        judged by how closely the translation otherwise follows the glossary for it: where nearly
        every other unit uses the term, the few that do not deviate (major, minor when adherence
        is moderate); where many do without, the memory and the glossary disagree, which one
        summary says."""
        followed = units - without
        adherence = followed / units if units else 0.0
        if units < ADHERENCE_UNITS or adherence < MODERATE_ADHERENCE:
            yield self._summary(doc, entry, found, units, without)
            return
        high = adherence >= HIGH_ADHERENCE
        for finding in found:
            text = finding.locations[0].text
            variant = next((v for term in entry.approved for v in near_variants(term, text)), None)
            # a slip of the term itself (冠形病毒 for 冠状病毒) is a violation; another wording
            # (传染病 for "infections", 低热 for "low-grade fever") may render the context
            severity = Severity.MAJOR if high and variant and finding.severity is not Severity.MINOR \
                else Severity.MINOR
            said = f"; {variant!r} looks like a slip for it" if variant else ""
            yield replace(finding, severity=severity,
                          message=f"{finding.message}, which {followed} of the {units} units of {doc.path} "
                                  f"with {entry.source!r} use{said}",
                          data={**finding.data, "units": units, "without": without, "variant": variant})

    def _check_link(self, corpus: Corpus, doc: Document, link: Link,
                    entries: tuple[Entry, ...], uses: Counter[Entry],
                    order: tuple[tuple[int, str | None], ...]) -> Iterator[tuple[Entry, Finding]]:
        source = corpus.source
        present = _claimed(source, link.source, entries, order)
        protected = [span for e, _ in present for term in e.approved for span in _spans(doc, link.target, term)]
        reported: set[tuple[int, int, int]] = set()
        for entry in entries:
            for variant in entry.forbidden:
                for seg, start, end in _spans(doc, link.target, variant):
                    if (seg, start, end) in reported or _overlaps((seg, start, end), protected):
                        continue
                    reported.add((seg, start, end))
                    yield entry, self._forbidden(corpus, doc, link, entry, variant, (seg, start, end))
        for entry, (seg, start, end) in present:
            uses[entry] += 1
            if any(_spans(doc, link.target, term) for term in entry.approved):
                continue
            if any(_overlaps(span, list(reported)) for v in entry.forbidden for span in _spans(doc, link.target, v)):
                continue  # already reported as a forbidden variant, with its exact span
            target_loc = _whole(doc, link.target)
            yield entry, self.finding(
                f"{entry.source!r} should be translated as {entry.target!r} (glossary)",
                [target_loc, source.locate(seg, start, end)],
                severity=Severity.MINOR if _is_name(entry.source) else None,
                suggestion=entry.target,
                source_term=entry.source, target_term=entry.target, approved=list(entry.approved),
                note=entry.note, problem="missing",
            )

    def _summary(self, doc: Document, entry: Entry, found: list[Finding], units: int, without: int) -> Finding:
        """One info finding for a suggested term the translation does without in ``without`` units
        (``found``: those of these units)."""
        first = found[0]
        where = list(dict.fromkeys(loc for f in found for loc in f.locations[:1]))
        return self.finding(
            f"{entry.source!r} is translated without the glossary's {entry.target!r} in {without} of "
            f"{units} units of {doc.path} (the glossary forbids no variant, so this may be an accepted synonym)",
            [*where, *first.locations[1:]],
            severity=Severity.INFO,
            suggestion=entry.target,
            source_term=entry.source, target_term=entry.target, approved=list(entry.approved),
            note=entry.note, problem="not-used", units=units, without=without,
        )

    def _forbidden(self, corpus: Corpus, doc: Document, link: Link, entry: Entry, variant: str,
                   span: tuple[int, int, int]) -> Finding:
        seg, start, end = span
        locations: list[Location] = [doc.locate(seg, start, end)]
        src = _spans(corpus.source, link.source, entry.source)
        if src:
            locations.append(corpus.source.locate(*src[0]))
        found = doc.segments[seg].text[start:end]
        return self.finding(
            f"{found!r} is a forbidden variant; the glossary says {entry.source!r} is {entry.target!r}",
            locations,
            suggestion=entry.target,
            source_term=entry.source, target_term=entry.target, approved=list(entry.approved),
            forbidden=variant, note=entry.note, problem="forbidden",
        )


_ENTRY = "_entry"
"""A judged finding's data key, for ``merge`` only: which entry it is about (``_keys``)."""


def _documents(corpus: Corpus) -> Iterator[tuple[Document, tuple[Entry, ...]]]:
    """Each translation with the glossary's entries for its language (none: not listed)."""
    glossary = corpus.options.get("glossary")
    if not isinstance(glossary, Glossary):
        return
    for doc in corpus.translations:
        entries = glossary.for_languages(corpus.source.lang, doc.lang)
        if entries:
            yield doc, entries


def _translated(corpus: Corpus, doc: Document) -> Iterator[Link]:
    return (link for link in corpus.alignment(doc).links if link.target)


def _keys(entries: tuple[Entry, ...]) -> dict[Entry, int]:
    """Each entry's number: the first position of an equal entry (equal entries count as one)."""
    return {entry: k for k, entry in reversed(list(enumerate(entries)))}


def near_variants(term: str, text: str) -> list[str]:
    """Strings of ``text`` one character away from a Chinese ``term`` of three characters or more:
    one changed (冠形病毒 for 冠状病毒, 社会距离 for 社交距离) or, in a term of five or more, one
    dropped (新冠状病毒 for 新型冠状病毒)."""
    if len(term) < 3 or not all("\u4e00" <= c <= "\u9fff" for c in term):
        return []
    n = len(term)
    out = [w for k in range(len(text) - n + 1) for w in [text[k:k + n]]
           if sum(a != b for a, b in zip(w, term, strict=True)) == 1]
    # an inner character of a long term (新冠状病毒); a short one drops to an accepted abbreviation
    # (冠病毒 in 新冠病毒)
    dropped = {term[:k] + term[k + 1:] for k in range(1, n - 1)} if n >= 5 else set()
    out += [text[k:k + n - 1] for k in range(len(text) - n + 2) if text[k:k + n - 1] in dropped]
    return [w for w in dict.fromkeys(out) if all("\u4e00" <= c <= "\u9fff" for c in w)]


def _spans(doc: Document, indices: tuple[int, ...], term: str) -> list[tuple[int, int, int]]:
    """(segment, start, end) of every occurrence of ``term`` in the given segments."""
    return [(i, s, e) for i in indices for s, e in find_term(term, doc.segments[i].text, doc.lang)]


_WORD = re.compile(r"[0-9A-Za-z\u00C0-\u024F]+")


@functools.lru_cache(maxsize=8192)
def _head(term: str) -> str | None:
    """The first three letters of a Latin term's first word, lower-cased (None: look everywhere)."""
    first = _WORD.match(term.strip())
    return first.group()[:3].lower() if first and first.start() == 0 else None


def _longest_first(entries: tuple[Entry, ...]) -> tuple[tuple[int, str | None], ...]:
    """(index, head) of the entries, longest source term first."""
    order = sorted(range(len(entries)), key=lambda k: -len(entries[k].source))
    return tuple((k, _head(entries[k].source)) for k in order)


def _claimed(doc: Document, indices: tuple[int, ...], entries: tuple[Entry, ...],
             order: tuple[tuple[int, str | None], ...]) -> list[tuple[Entry, tuple[int, int, int]]]:
    """Each entry whose source term occurs, with its first occurrence; longer terms claim their
    span first, so ``fever`` is not found inside ``hay fever`` when that is an entry of its own."""
    claimed: list[tuple[int, int, int]] = []
    present: dict[int, tuple[Entry, tuple[int, int, int]]] = {}
    heads = {w[:n].lower() for i in indices for w in _WORD.findall(doc.segments[i].text) for n in (1, 2, 3)}
    for k, head in order:
        if head is not None and head not in heads:
            continue  # a Latin term starts a word: the cheap test before the pattern
        for span in _spans(doc, indices, entries[k].source):
            if not _overlaps(span, claimed):
                present.setdefault(k, (entries[k], span))
                claimed.append(span)
    return [present[k] for k in sorted(present)]


def _overlaps(span: tuple[int, int, int], others: list[tuple[int, int, int]]) -> bool:
    seg, start, end = span
    return any(o_seg == seg and o_start < end and start < o_end for o_seg, o_start, o_end in others)


def _whole(doc: Document, indices: tuple[int, ...]) -> Location:
    return doc.locate(indices[0]) if len(indices) == 1 else doc.locate_span(indices)


def _is_name(term: str) -> bool:
    """A one-word capitalised term: a name, which a translation may render as a pronoun."""
    return term[:1].isupper() and term[1:2].islower() and term.isalpha()
