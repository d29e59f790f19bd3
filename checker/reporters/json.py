"""The JSON report, version 1: the stable, machine-readable record of a run.

The shape is defined in ``report-contract.md`` and in ``report.schema.json`` beside this
module; it is only ever extended by adding fields. ``report_to_dict`` is the one place that
maps a ``Report`` to plain JSON data (the HTML report embeds the same dictionary).
"""

from __future__ import annotations

import enum
import functools
import json
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from importlib import resources
from typing import Any

from checker.model import Alignment, Document, Finding, Link, Location, Report, Segment
from checker.reporters.base import Reporter

SCHEMA_ID = "transcheck-report/1"
SCHEMA_FILE = "report.schema.json"


class JsonReporter(Reporter):
    """The full report as JSON: documents, alignments, findings, summary and metrics."""

    format = "json"
    suffix = ".json"
    option = "Write the JSON report here."
    stdout = True

    def render(self, report: Report) -> str:
        return "".join(self.chunks(report))

    def chunks(self, report: Report) -> Iterator[str]:
        """The report's JSON (as ``json.dumps(report_to_dict(report), indent=2)``) about a MiB at
        a time: each segment and link is made JSON data only when its turn comes."""
        encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
        pending: list[str] = []
        size = 0
        for piece in encoder.iterencode(report_to_dict(report, lazy=True)):
            pending.append(piece)
            size += len(piece)
            if size >= CHUNK_CHARS:
                yield "".join(pending)
                pending, size = [], 0
        yield "".join(pending) + "\n"


CHUNK_CHARS = 1 << 20


class _Lazy(list):  # type: ignore[type-arg]
    """A list the JSON encoder (with ``indent``: its Python encoder, which asks only ``len`` and
    ``iter`` of a list) reads item by item, each made as it is read."""

    def __init__(self, size: int, items: Callable[[], Iterator[Any]]) -> None:
        super().__init__()
        self._size, self._items = size, items

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Any]:
        return self._items()


def report_to_dict(report: Report, *, lazy: bool = False) -> dict[str, Any]:
    """The report as JSON-ready data, in the shape of ``transcheck-report/1``. ``lazy``: the
    segments and links as lists made while ``JsonReporter.chunks`` encodes them."""
    tool = report.tool
    return {
        "schema": SCHEMA_ID,
        "tool": {"name": tool.name, "version": tool.version, "model": tool.model,
                 "signature": tool.signature},
        "documents": [_document(doc, lazy) for doc in report.documents],
        "alignments": [_alignment(alignment, lazy) for alignment in report.alignments],
        "findings": [_finding(finding) for finding in report.findings],
        "summary": report.summary(),
        "metrics": jsonable(report.metrics),
    }


@functools.cache
def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the report, shipped with the package."""
    text = resources.files("checker.reporters").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def _items(items: Sequence[Any], make: Callable[[Any], dict[str, Any]], lazy: bool) -> list[dict[str, Any]]:
    if lazy:
        return _Lazy(len(items), lambda: map(make, items))
    return [make(item) for item in items]


def _document(doc: Document, lazy: bool = False) -> dict[str, Any]:
    return {"id": doc.id, "role": doc.role.value, "path": doc.path, "lang": doc.lang,
            "format": doc.format, "segments": _items(doc.segments, _segment, lazy)}


def _segment(seg: Segment) -> dict[str, Any]:
    item: dict[str, Any] = {"index": seg.index, "text": seg.text, "paragraph": seg.paragraph,
                            "line": seg.line, "column": seg.column}
    if seg.key is not None:
        item["key"] = seg.key
    if seg.kind != "text":
        item["kind"] = seg.kind
    return item


def _alignment(alignment: Alignment, lazy: bool = False) -> dict[str, Any]:
    return {"source": alignment.source, "target": alignment.target,
            "links": _items(alignment.links, _link, lazy)}


def _link(link: Link) -> dict[str, Any]:
    item: dict[str, Any] = {"source": list(link.source), "target": list(link.target),
                            "similarity": jsonable(link.similarity)}
    if link.scores:
        item["scores"] = jsonable(link.scores)
    return item


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """One finding as the report's ``findings`` hold it (a line of ``--jsonl``)."""
    return _finding(finding)


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "fingerprint": finding.fingerprint,
        "check": finding.check,
        "category": finding.category.value,
        "severity": finding.severity.value,
        "message": finding.message,
        "locations": [_location(location) for location in finding.locations],
        "suggestion": finding.suggestion,
        "data": jsonable(finding.data),
    }


def _location(location: Location) -> dict[str, Any]:
    return {"document": location.document, "segments": list(location.segments),
            "line": location.line, "column": location.column, "text": location.text,
            "offset": location.offset}


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON data: mappings, sequences, enums and numpy scalars converted.

    Non-finite floats become ``null`` (JSON has no NaN); anything else unknown becomes its
    ``str``, so that a check's evidence can never make the report unwritable.
    """
    if value is None or isinstance(value, (bool, str, int)):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k.value if isinstance(k, enum.Enum) else k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=str)
    tolist = getattr(value, "tolist", None)  # numpy scalars and arrays
    if callable(tolist):
        return jsonable(tolist())
    return str(value)
