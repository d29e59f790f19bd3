"""The HTML review report: one self-contained page a reviewer works through.

    source | translation A | translation B      one row per aligned source unit

Rows are the union of the source -> translation alignments: where translations group the source
differently, groups are merged so that every row shows whole segments of every document, and a
translation's additions become rows with an empty source cell. Inside a row, the translations of
one language are diffed character by character (word by word for space-separated languages), and
every finding's span is marked where it stands.

The page is rendered here, in Python, so it reads (and prints) without JavaScript; a small inline
script adds the findings panel's filters, click-to-scroll and keyboard navigation. Every document
text goes through Jinja's autoescape or ``markupsafe`` and never reaches the script as markup; a
Content-Security-Policy allows only the page's own script and stylesheet (by hash) and no network,
so an escaping slip still could not run anything.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from checker import __version__
from checker.model import Alignment, Document, Finding, Report, Role, Severity, ToolInfo, join_segments
from checker.reporters.base import Reporter

#: Diff highlighting is skipped when two texts share less than this (it would colour everything).
MIN_DIFF_RATIO = 0.25
#: A marked span this short (a word, a number, a name) is set in the monospace font that tells
#: I, l and 1 (and O and 0) apart; a longer one (a whole omitted sentence) stays in the text's font.
SHORT_SPAN = 40
_CJK_LANGS = {"zh", "ja", "th"}
_WORD = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


class HtmlReporter(Reporter):
    """A self-contained, escaped HTML page for reviewing a report side by side."""

    format = "html"
    suffix = ".html"
    option = "Write the HTML review report here."

    def render(self, report: Report) -> str:
        return render_html(report)


def render_html(report: Report) -> str:
    """The whole page as one string: markup, stylesheet and script inline."""
    return _page(build_view(report))


def render_run(reports: Sequence[Report]) -> str:
    """One page for a run of several reports (the gate's file pairs), a section per report."""
    return _page(build_view(list(reports)))


def _page(view: dict[str, Any]) -> str:
    css, js = _asset("report.css"), _asset("report.js")
    return _template().render(
        **view,
        css=css,
        js=js,
        csp=f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
        "base-uri 'none'; form-action 'none'",
    )


# --- rows: the union of the source -> translation alignments ---------------------------------


@dataclass
class Cell:
    """What one document shows in one row: its segments there and how well they align."""

    doc: str
    segments: list[int] = field(default_factory=list)
    similarities: list[float] = field(default_factory=list)

    @property
    def similarity(self) -> float | None:
        return sum(self.similarities) / len(self.similarities) if self.similarities else None


@dataclass
class Row:
    """One aligned unit: a group of source segments (empty for an addition) and a cell per translation."""

    id: str
    source: list[int]
    cells: dict[str, Cell]

    @property
    def kind(self) -> str:
        if not self.source:
            return "addition"
        if any(not cell.segments for cell in self.cells.values()):
            return "omission"
        return "match"


def build_rows(source: Document, translations: Sequence[Document], alignments: Iterable[Alignment]) -> list[Row]:
    """Merge every source -> translation alignment into rows of whole segments, in source order."""
    by_target = {a.target: a for a in alignments if a.source == source.id}
    n = len(source.segments)
    joined = [False] * max(n - 1, 0)  # joined[i]: source segments i and i+1 share a row
    for doc in translations:
        for link in by_target.get(doc.id, Alignment(source.id, doc.id, ())).links:
            for i in range(min(link.source, default=0), max(link.source, default=0)):
                joined[i] = True
    row_of: list[int] = []
    groups: list[list[int]] = []
    for i in range(n):
        if i == 0 or not joined[i - 1]:
            groups.append([])
        groups[-1].append(i)
        row_of.append(len(groups) - 1)

    def blank_cells() -> dict[str, Cell]:
        return {doc.id: Cell(doc.id) for doc in translations}

    rows = [blank_cells() for _ in groups]
    gaps: dict[int, dict[str, Cell]] = {}  # additions after row k (-1: before the first row)
    for doc in translations:
        alignment = by_target.get(doc.id)
        prev, pending = -1, []  # pending: targets of additions not yet placed
        for link in alignment.links if alignment else ():
            if not link.source:
                pending.append(link.target)
                continue
            here = row_of[link.source[0]]
            for added in pending:  # inside a merged row they join it, else they make their own row
                cells = rows[here] if here == prev else gaps.setdefault(prev, blank_cells())
                cells[doc.id].segments.extend(added)
            pending, prev = [], here
            rows[here][doc.id].segments.extend(link.target)
            if link.similarity is not None:
                rows[here][doc.id].similarities.append(link.similarity)
        if alignment is None:  # not aligned at all: the whole translation goes after the source
            prev, pending = len(groups) - 1, [tuple(range(len(doc.segments)))]
        for added in pending:
            gaps.setdefault(prev, blank_cells())[doc.id].segments.extend(added)

    ordered: list[Row] = []
    for k in range(-1, len(groups)):
        if k >= 0:
            ordered.append(Row(f"r{len(ordered)}", groups[k], rows[k]))
        if k in gaps:
            ordered.append(Row(f"r{len(ordered)}", [], gaps[k]))
    return ordered


# --- marks: character diffs and finding spans ------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of text under the same marks; ``findings`` are the page ids of findings covering it."""

    text: str
    diff: bool = False
    findings: tuple[str, ...] = ()
    severity: str | None = None


def diff_spans(a: str, b: str, lang: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of ``a`` and of ``b`` that the other text does not share.

    CJK text is compared character by character, other scripts word by word. Nothing is marked
    when the texts are identical or share too little for a highlight to help.
    """
    from rapidfuzz.distance import Indel

    if a == b or not a or not b:
        return [], []
    if lang.split("-")[0] in _CJK_LANGS:
        ta, tb = list(a), list(b)
    else:
        ta, tb = _WORD.findall(a), _WORD.findall(b)
    if Indel.normalized_similarity(ta, tb) < MIN_DIFF_RATIO:
        return [], []
    pos_a, pos_b = _offsets(ta), _offsets(tb)
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    for op in Indel.opcodes(ta, tb):
        if op.tag == "delete":
            _add_span(spans_a, pos_a[op.src_start], pos_a[op.src_end])
        elif op.tag == "insert":
            _add_span(spans_b, pos_b[op.dest_start], pos_b[op.dest_end])
    return _trim(spans_a, a), _trim(spans_b, b)


def _offsets(tokens: list[str]) -> list[int]:
    out = [0]
    for token in tokens:
        out.append(out[-1] + len(token))
    return out


def _add_span(spans: list[tuple[int, int]], start: int, end: int) -> None:
    if spans and spans[-1][1] >= start:
        spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
    elif end > start:
        spans.append((start, end))


def _trim(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Spans without their outer whitespace (a moved space is not a difference a reviewer needs)."""
    out = []
    for start, end in spans:
        chunk = text[start:end]
        if chunk.strip():
            start += len(chunk) - len(chunk.lstrip())
            end -= len(chunk) - len(chunk.rstrip())
            out.append((start, end))
    return out


def pieces(text: str, marks: Sequence[tuple[int, int, str | None, str | None]]) -> list[Piece]:
    """Cut ``text`` into runs under the same marks: ``(start, end, finding id or None, severity)``.

    A mark with no finding id is a diff span.
    """
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for m in marks for p in m[:2])})
    out: list[Piece] = []
    for start, end in zip(cuts, cuts[1:]):
        active = [m for m in marks if m[0] <= start and end <= m[1]]
        ids = tuple(dict.fromkeys(m[2] for m in active if m[2]))
        sevs = [Severity(m[3]) for m in active if m[2] and m[3]]
        out.append(Piece(
            text[start:end],
            diff=any(m[2] is None for m in active),
            findings=ids,
            severity=max(sevs, key=lambda s: s.rank).value if sevs else None,
        ))
    return out


def render_pieces(runs: Iterable[Piece]) -> Any:
    """Escaped markup for a segment: findings in ``<mark>``, diff spans in ``<span class="d">`` inside.

    A short finding span gets the class ``w``: the stylesheet sets it in the monospace font.
    """
    from markupsafe import Markup, escape

    def inner(group: list[Piece]) -> Markup:
        return Markup("").join(Markup('<span class="d">{}</span>').format(p.text) if p.diff else escape(p.text)
                               for p in group)

    out = []
    for (ids, severity), group in itertools.groupby(runs, key=lambda p: (p.findings, p.severity)):
        group = list(group)
        if ids:
            short = " w" if len("".join(p.text for p in group)) <= SHORT_SPAN else ""
            out.append(Markup('<mark class="f sev-{}{}" data-f="{}">{}</mark>').format(
                severity, short, " ".join(ids), inner(group)))
        else:
            out.append(inner(group))
    return Markup("").join(out)


# --- the view: everything the template shows ------------------------------------------------


def order_findings(findings: Iterable[Finding], row_index: dict[tuple[str, int], int]) -> list[Finding]:
    """Worst first; within a severity, term drift first (what differs between translations), then by place."""

    def key(f: Finding) -> tuple[Any, ...]:
        places = [row_index.get((loc.document, s), 1 << 30) for loc in f.locations for s in loc.segments]
        return (-f.severity.rank, f.check != "term-drift", min(places, default=1 << 30), f.check, f.message)

    return sorted(findings, key=key)


def build_view(reports: Report | Sequence[Report]) -> dict[str, Any]:
    """The template's context: a section per report (documents, figures, rows with marked
    pieces) and one findings panel for them all.

    One report (``compare``) keeps plain ids (``r0``, ``d1``, ``f0``); several (the gate's run,
    one per file pair) prefix each section's row and document ids with ``s0-``, ``s1-``, ...
    """
    single = isinstance(reports, Report)
    batch = [reports] if isinstance(reports, Report) else [r for r in reports if r.documents]
    sections = [_prepare(report, "" if single else f"s{k}-") for k, report in enumerate(batch)]
    for sec in sections:
        sec["compare"] = single  # a gate report's fingerprints already name their pair
    order = sorted(((sec, f, k) for sec in sections for k, f in enumerate(sec["ordered"])),
                   key=lambda t: (-t[1].severity.rank, t[0]["number"], t[2]))
    for page_number, (sec, f, _) in enumerate(order):
        sec["page_ids"][id(f)] = f"f{page_number}"
    view_findings = []
    for sec, f, _ in order:
        view_findings.append(_view_finding(f, sec["page_ids"][id(f)], sec))
    for sec in sections:
        _finish(sec)
    findings = [f for _, f, _ in order]
    counts = Counter(f.severity.value for f in findings)
    by_check = Counter(f.check for f in findings)
    summary: dict[str, Any] = {"findings": len(findings),
               "by_severity": {s.value: counts[s.value] for s in Severity if counts[s.value]},
               "by_check": dict(sorted(by_check.items()))}
    first = sections[0] if sections else None
    baselined = {s.finding.fingerprint: {"check": s.finding.check, "path": _path_of(report, s.finding),
                                         "message": s.finding.message, **({"note": s.note} if s.note else {})}
                 for report in batch for s in report.suppressed if s.by == "baseline" and s.finding.fingerprint}
    return {
        "tool": batch[0].tool if batch else ToolInfo("transcheck", __version__, "none", f"transcheck:{__version__}"),
        "title": (f"Translation review: {first['source'].path}" if single and first else
                  f"Translation review: {len(sections)} file pair{'s' if len(sections) != 1 else ''}"),
        "single": single,
        "sections": sections,
        "source": first["source"] if single and first else None,
        "translations": first["translations"] if single and first else [],
        "labels": first["labels"] if single and first else {},
        "doc_stats": first["doc_stats"] if single and first else [],
        "rows": first["rows"] if single and first else [],
        "row_count": sum(len(sec["rows"]) for sec in sections),
        "findings": view_findings,
        "summary": summary,
        "severities": [s.value for s in Severity],
        "checks": sorted(summary["by_check"].items()),
        "categories": sorted({f.category.value for f in findings}),
        "baselined": baselined,
    }


def _prepare(report: Report, prefix: str) -> dict[str, Any]:
    """One section's documents, rows and findings (in the order its rows show them)."""
    sources = [d for d in report.documents if d.role is Role.SOURCE]
    source = sources[0] if sources else report.documents[0]
    translations = [d for d in report.documents if d.id != source.id]
    rows = build_rows(source, translations, report.alignments)
    row_index: dict[tuple[str, int], int] = {}
    for k, row in enumerate(rows):
        for s in row.source:
            row_index[(source.id, s)] = k
        for cell in row.cells.values():
            for s in cell.segments:
                row_index[(cell.doc, s)] = k
    number = int(prefix[1:-1]) if prefix else 0
    labels = _labels(source, translations)
    return {"number": number, "prefix": prefix, "report": report, "source": source,
            "translations": translations, "labels": labels, "raw_rows": rows, "row_index": row_index,
            "docs": {d.id: d for d in report.documents},
            "ordered": order_findings(report.findings, row_index), "page_ids": {},
            "doc_stats": [_doc_stats(source, d, report.alignments) for d in translations]}


def _finish(sec: dict[str, Any]) -> None:
    """The section's rows, with every finding's span marked under its page id."""
    docs, source, translations = sec["docs"], sec["source"], sec["translations"]
    marks: dict[tuple[str, int], list[tuple[int, int, str | None, str | None]]] = {}
    for f in sec["ordered"]:
        for loc in f.locations:
            if loc.document not in docs:
                continue
            for s in loc.segments:
                if 0 <= s < len(docs[loc.document].segments):
                    text = docs[loc.document].segments[s].text
                    start, end = _span_in(text, loc.text, loc.offset, whole=len(loc.segments) > 1)
                    marks.setdefault((loc.document, s), []).append(
                        (start, end, sec["page_ids"][id(f)], f.severity.value))
    peers = _peer_links(sec["report"].alignments, {d.id for d in translations})
    sec["rows"] = [_view_row(row, source, translations, marks, peers, sec["labels"], sec["prefix"])
                   for row in sec["raw_rows"]]


def _path_of(report: Report, finding: Finding) -> str:
    if not finding.locations:
        return ""
    try:
        return report.document(finding.locations[0].document).path
    except KeyError:
        return ""


def _labels(source: Document, translations: Sequence[Document]) -> dict[str, str]:
    labels = {source.id: "Source" if source.role is Role.SOURCE else "Translation"}  # an orphan has no source
    for k, doc in enumerate(translations):
        labels[doc.id] = _letter(k)
    return labels


def _letter(k: int) -> str:
    return chr(ord("A") + k) if k < 26 else f"T{k + 1}"


def _span_in(text: str, span: str, offset: int, *, whole: bool) -> tuple[int, int]:
    """Where a location's text stands in a segment; the whole segment when it cannot be pointed at."""
    if whole or not span:
        return 0, len(text)
    if text[offset:offset + len(span)] == span:
        return offset, offset + len(span)
    found = text.find(span)
    return (found, found + len(span)) if found >= 0 else (0, len(text))


def _view_row(row: Row, source: Document, translations: Sequence[Document], marks: dict,
              peers: dict[str, tuple[str, dict[int, Any]]], labels: dict[str, str], prefix: str = "") -> dict[str, Any]:
    texts = {doc.id: _joined(doc, row.cells[doc.id].segments) for doc in translations}
    diffs: dict[str, list[tuple[int, int]]] = {doc.id: [] for doc in translations}
    for k, doc in enumerate(translations):  # each translation against the next one in its language
        peer = next((o for o in [*translations[k + 1:], *translations[:k]] if o.lang == doc.lang), None)
        if peer is not None and not diffs[doc.id]:
            diffs[doc.id], theirs = diff_spans(texts[doc.id][0], texts[peer.id][0], doc.lang)
            diffs[peer.id] = diffs[peer.id] or theirs
    cells = [_view_cell(source, row.source, None, marks, [])]
    for doc in translations:
        cell = row.cells[doc.id]
        view = _view_cell(doc, cell.segments, cell.similarity, marks, _split(diffs[doc.id], texts[doc.id][1]))
        if doc.id in peers and cell.segments:
            view["peer"] = _peer_scores(row.cells[peers[doc.id][0]].segments, peers[doc.id][1],
                                        labels[peers[doc.id][0]])
        cells.append(view)
    ids = sorted({m[2] for c in cells for seg in c["segments"] for m in seg["marks"] if m[2]},
                 key=lambda i: int(i[1:]))
    severities = [Severity(m[3]) for c in cells for seg in c["segments"] for m in seg["marks"] if m[3]]
    return {"id": prefix + row.id, "kind": row.kind, "cells": cells, "findings": ids,
            "severity": max(severities, key=lambda s: s.rank).value if severities else None,
            "number": row.source[0] + 1 if row.source else None}


def _peer_links(alignments: Iterable[Alignment], translations: set[str]) -> dict[str, tuple[str, dict[int, Any]]]:
    """For each translation aligned to an earlier one: that one's id and its links by segment."""
    out: dict[str, tuple[str, dict[int, Any]]] = {}
    for a in alignments:
        if a.source in translations and a.target in translations and a.target not in out:
            out[a.target] = (a.source, {s: link for link in a.links if link.target for s in link.source})
    return out


def _peer_scores(segments: list[int], by_segment: dict[int, Any], label: str) -> dict[str, Any] | None:
    """How this row's text compares with the same row of another translation (similarity, chrF)."""
    links = list({id(by_segment[s]): by_segment[s] for s in segments if s in by_segment}.values())
    sims = [link.similarity for link in links if link.similarity is not None]
    chrf = [link.scores["chrf"] for link in links if "chrf" in link.scores]
    if not sims and not chrf:
        return None
    return {"label": label, "similarity": sum(sims) / len(sims) if sims else None,
            "chrf": sum(chrf) / len(chrf) if chrf else None}


def _joined(doc: Document, segments: list[int]) -> tuple[str, list[int]]:
    """The cell's text as one string, and where each segment starts in it."""
    texts = [doc.segments[s].text for s in segments]
    sep = len(join_segments(["", ""], doc.lang))
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + sep
    return join_segments(texts, doc.lang), starts


def _split(spans: list[tuple[int, int]], starts: list[int]) -> list[list[tuple[int, int]]]:
    """Spans of a joined text, cut back into per-segment spans."""
    out: list[list[tuple[int, int]]] = [[] for _ in starts]
    bounds = [*starts[1:], 1 << 30]
    for k, start in enumerate(starts):
        for s, e in spans:
            lo, hi = max(s, start), min(e, bounds[k])
            if lo < hi:
                out[k].append((lo - start, hi - start))
    return out


def _view_cell(doc: Document, segments: list[int], similarity: float | None,
               marks: dict, diffs: list[list[tuple[int, int]]]) -> dict[str, Any]:
    segs = []
    for k, s in enumerate(segments):
        seg = doc.segments[s]
        seg_marks = list(marks.get((doc.id, s), []))
        seg_marks += [(a, b, None, None) for a, b in (diffs[k] if k < len(diffs) else [])]
        segs.append({"index": s, "line": seg.line, "pieces": pieces(seg.text, seg_marks), "marks": seg_marks})
    lines = [doc.segments[s].line for s in segments]
    where = "" if not lines else f"L{lines[0]}" if lines[0] == lines[-1] else f"L{lines[0]}–{lines[-1]}"
    return {"doc": doc.id, "lang": doc.lang, "segments": segs, "where": where, "peer": None,
            "space": bool(join_segments(["", ""], doc.lang)),
            "similarity": similarity, "sim_class": _sim_class(similarity)}


def _sim_class(similarity: float | None) -> str:
    if similarity is None:
        return ""
    return "hi" if similarity >= 0.8 else "mid" if similarity >= 0.6 else "lo"


def _view_finding(f: Finding, page_id: str, sec: dict[str, Any]) -> dict[str, Any]:
    rows, row_index, docs, labels, prefix = (sec["raw_rows"], sec["row_index"], sec["docs"], sec["labels"],
                                             sec["prefix"])
    row_ids = list(dict.fromkeys(prefix + rows[row_index[(loc.document, s)]].id
                                 for loc in f.locations for s in loc.segments
                                 if (loc.document, s) in row_index))
    locations = [{"label": labels.get(loc.document, loc.document),
                  "path": docs[loc.document].path if loc.document in docs else loc.document,
                  "line": loc.line, "column": loc.column, "text": loc.text}
                 for loc in f.locations]
    return {"id": page_id, "finding": f, "rows": row_ids, "locations": locations,
            "docs": sorted({prefix + loc.document for loc in f.locations}),
            "path": locations[0]["path"] if locations else "", "pair": sec["number"],
            "baseline": _gate_fingerprints(f, sec) if sec["compare"] else [f.fingerprint]}


def _gate_fingerprints(f: Finding, sec: dict[str, Any]) -> list[str]:
    """What ``transcheck check`` calls a finding of ``compare``: its fingerprint for each file pair
    it belongs to (the translations it points into; every translation for a finding in the
    source alone). They match when ``compare`` was given the paths relative to the repository root."""
    from checker.findings.fingerprint import for_pair

    if not f.fingerprint:
        return []
    source, translations = sec["source"], sec["translations"]
    touched = [d for d in translations if any(loc.document == d.id for loc in f.locations)] or translations
    return [for_pair(f.fingerprint, source.path, d.path) for d in touched]


def _doc_stats(source: Document, doc: Document, alignments: Iterable[Alignment]) -> dict[str, Any]:
    """Coverage and mean similarity of one translation against the source."""
    alignment = next((a for a in alignments if a.source == source.id and a.target == doc.id), None)
    links = alignment.links if alignment else ()
    src_linked = sum(len(link.source) for link in links if link.target)
    tgt_linked = sum(len(link.target) for link in links if link.source)
    sims = [link.similarity for link in links if link.similarity is not None]
    return {
        "doc": doc,
        "source_coverage": src_linked / len(source.segments) if source.segments else None,
        "target_coverage": tgt_linked / len(doc.segments) if doc.segments else None,
        "similarity": sum(sims) / len(sims) if sims else None,
        "omitted": sum(len(link.source) for link in links if not link.target),
        "added": sum(len(link.target) for link in links if not link.source),
    }


# --- assets and template --------------------------------------------------------------------


@functools.cache
def _asset(name: str) -> str:
    return resources.files("checker.reporters").joinpath("html", name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@functools.lru_cache(maxsize=1)
def _template() -> Any:
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["pct"] = lambda x: "–" if x is None else f"{100 * x:.1f} %"
    env.filters["sim"] = lambda x: "–" if x is None else f"{x:.2f}"
    env.filters["marked"] = render_pieces
    return env.from_string(_asset("report.html"))
