"""The data that flows through transcheck, as frozen dataclasses.

    files -> readers -> Document(segments) -> embed -> align -> Alignment(links)
          -> checks -> Finding -> Report -> reporters

Nothing here does I/O, loads a model or knows about terminals or HTML.
"""

from __future__ import annotations

import bisect
import enum
import functools
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from checker.embedding.base import Encoder



class Severity(str, enum.Enum):
    """How much a finding matters; ordered so that ``CRITICAL > MAJOR > MINOR > INFO``."""

    CRITICAL = "critical"
    MAJOR = "major"
    MINOR = "minor"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __ge__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:  # type: ignore[override]
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {Severity.INFO: 0, Severity.MINOR: 1, Severity.MAJOR: 2, Severity.CRITICAL: 3}


class Category(str, enum.Enum):
    """The MQM top-level error categories."""

    ACCURACY = "accuracy"
    TERMINOLOGY = "terminology"
    FLUENCY = "fluency"
    STYLE = "style"
    LOCALE = "locale"
    MARKUP = "markup"


class Role(str, enum.Enum):
    SOURCE = "source"
    TRANSLATION = "translation"


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of a document (a sentence, a paragraph, a line, or a unit of a bilingual file).

    ``text`` is exactly as it appears in the file (surrounding whitespace stripped). ``line`` and
    ``column`` (1-based, column counted in characters) say where ``text`` starts in the file.
    ``key`` names the unit in formats that have ids (gettext msgid/msgctxt, JSON key, XLIFF id).
    ``flags`` are the unit's format flags (gettext ``python-format``, ``c-format``...), and
    ``edges`` the whitespace stripped from its start and end where the format keeps it (gettext).
    """

    index: int
    text: str
    paragraph: int = 0
    line: int = 1
    column: int = 1
    key: str | None = None
    kind: str = "text"
    flags: frozenset[str] = frozenset()
    edges: tuple[str, str] = ("", "")
    _breaks: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    """The line breaks of a giant text, indexed on first use (a cache, not a field of the unit)."""

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, column) in the file of the character at ``offset`` within this segment.

        In a giant segment the line breaks are indexed once, so that thousands of findings in
        it cost a search each rather than a scan of the text each (quadratic).
        """
        if len(self.text) > 4096:
            breaks = self._breaks
            if breaks is None:
                breaks = [m.start() for m in re.finditer("\n", self.text)]
                object.__setattr__(self, "_breaks", breaks)  # a cache, not a field
            newlines = bisect.bisect_left(breaks, offset)
            last = breaks[newlines - 1] if newlines else -1
        else:
            before = self.text[:offset]
            newlines = before.count("\n")
            last = before.rfind("\n")
        if newlines == 0:
            return self.line, self.column + offset
        return self.line + newlines, offset - last


@dataclass(frozen=True)
class Document:
    """A source or a translation: its segments, in order, with where they stand in the file."""

    id: str
    role: Role
    path: str
    lang: str
    segments: tuple[Segment, ...]
    format: str = "text"

    @functools.cached_property
    def keyed(self) -> bool:
        """Whether every segment names its unit (a msgid, a JSON key, a subtitle's timing).

        Computed once (checks ask it per link: a property walking every segment made
        untranslated quadratic, 62 s of its 65 s on a memory of 15,000 units)."""
        return bool(self.segments) and all(s.key is not None for s in self.segments)

    def locate(self, segment: int, start: int = 0, end: int | None = None) -> Location:
        """A location pointing at ``segments[segment].text[start:end]`` (the whole segment by default)."""
        seg = self.segments[segment]
        stop = len(seg.text) if end is None else end
        line, column = seg.position(start)
        return Location(
            document=self.id,
            segments=(segment,),
            line=line,
            column=column,
            text=seg.text[start:stop],
            offset=start,
        )

    def locate_span(self, segments: tuple[int, ...]) -> Location:
        """A location covering several consecutive whole segments (an omitted passage, say)."""
        first = self.segments[segments[0]]
        text = self.text_of(segments)
        return Location(
            document=self.id,
            segments=tuple(segments),
            line=first.line,
            column=first.column,
            text=text,
            offset=0,
        )

    def text_of(self, indices: tuple[int, ...] | list[int]) -> str:
        """The segments at ``indices`` joined as one text (no separator between CJK segments)."""
        return join_segments([self.segments[i].text for i in indices], self.lang)


def join_segments(texts: list[str], lang: str) -> str:
    """Join segment texts the way the language writes consecutive sentences."""
    sep = "" if lang.split("-")[0] in {"zh", "ja", "th"} else " "
    return sep.join(texts)


@dataclass(frozen=True, slots=True)
class Link:
    """One step of an alignment: source segments that correspond to target segments.

    An empty ``source`` is an addition; an empty ``target`` is an omission. ``scores`` holds
    extra per-link metrics (``chrf``, ``bleu`` for same-language pairs).
    """

    source: tuple[int, ...]
    target: tuple[int, ...]
    similarity: float | None = None
    scores: Mapping[str, float] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The link type as aligners write it: ``1-1``, ``2-1``, ``0-1``..."""
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Alignment:
    """All links between two documents; covers every segment of both exactly once, in order."""

    source: str
    target: str
    links: tuple[Link, ...]

    def link_of_target(self) -> dict[int, Link]:
        return {t: link for link in self.links for t in link.target}

    def link_of_source(self) -> dict[int, Link]:
        return {s: link for link in self.links for s in link.source}


@dataclass(frozen=True)
class Location:
    """Where a finding points: a span in one document. ``text`` is the exact offending span."""

    document: str
    segments: tuple[int, ...]
    line: int
    column: int
    text: str
    offset: int = 0


@dataclass(frozen=True)
class Finding:
    """A divergence a reviewer should look at, with the evidence that shows it.

    ``data`` carries what the check compared (values, the source phrase, each rendering), so that
    reporters never need to recompute anything. ``fingerprint`` is filled in by the runner.
    """

    check: str
    category: Category
    severity: Severity
    message: str
    locations: tuple[Location, ...]
    suggestion: str | None = None
    data: Mapping[str, Any] = field(default_factory=dict)
    fingerprint: str = ""


@dataclass(frozen=True)
class Suppressed:
    """A finding that was silenced, kept so that SARIF can report it as suppressed.

    ``by`` says what silenced it: ``comment`` (a comment in the file), ``config`` (a per-file
    ignore) or ``baseline``. ``note`` is the reason a reviewer gave, when there is one.
    """

    finding: Finding
    by: str
    note: str = ""


@dataclass(frozen=True)
class ToolInfo:
    name: str
    version: str
    model: str
    signature: str


@dataclass(frozen=True)
class Report:
    """Everything one run found: the documents, how they align, and the findings."""

    tool: ToolInfo
    documents: tuple[Document, ...]
    alignments: tuple[Alignment, ...]
    findings: tuple[Finding, ...]
    metrics: Mapping[str, Any] = field(default_factory=dict)
    suppressed: tuple[Suppressed, ...] = ()  # silenced findings: in no count, only in SARIF

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)

    def summary(self) -> dict[str, Any]:
        by_severity = Counter(f.severity.value for f in self.findings)
        by_check = Counter(f.check for f in self.findings)
        return {
            "findings": len(self.findings),
            "by_severity": {s.value: by_severity[s.value] for s in Severity if by_severity[s.value]},
            "by_check": dict(sorted(by_check.items())),
        }

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), default=None, key=lambda s: s.rank)


@dataclass(frozen=True)
class Corpus:
    """What the checks look at: one source, its translations, and the alignments between them.

    ``alignments`` maps ``(source_id, target_id)`` to an alignment. It always holds source ->
    each translation, and, where there are two or more translations, translation -> translation
    (aligned through the source). ``options`` carries per-check settings (glossary, thresholds);
    ``encoder`` is the run's encoder, for a check that embeds texts of its own (``None``: none).
    """

    source: Document
    translations: tuple[Document, ...]
    alignments: Mapping[tuple[str, str], Alignment]
    options: Mapping[str, Any] = field(default_factory=dict)
    encoder: Encoder | None = None

    @property
    def documents(self) -> tuple[Document, ...]:
        return (self.source, *self.translations)

    def alignment(self, translation: Document) -> Alignment:
        return self.alignments[(self.source.id, translation.id)]

    def pairs(self, translation: Document) -> Iterator[tuple[Link, str, str]]:
        """Each source -> translation link with both sides' texts joined (either may be empty)."""
        for link in self.alignment(translation).links:
            yield link, self.source.text_of(link.source), translation.text_of(link.target)

    def matched(self) -> Iterator[tuple[Document, Link]]:
        """Each translation with each of its links that has both sides (a source passage and its
        rendering), translation by translation, in link order: the loop most checks run."""
        for translation in self.translations:
            for link in self.alignment(translation).links:
                if link.source and link.target:
                    yield translation, link
