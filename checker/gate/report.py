"""All pair reports as one (for the single-file formats), and the gate's JSON output."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from checker import __version__
from checker.gate.run import GateResult
from checker.model import Alignment, Document, Finding, Report, Suppressed, ToolInfo
from checker.reporters.json import jsonable, report_to_dict

CHECK_SCHEMA_ID = "transcheck-check/1"


def merge_reports(reports: Sequence[Report], metrics: dict | None = None) -> Report:
    """All pair reports as one, for the single-file formats (SARIF, JUnit, Markdown, annotations).

    A document shared by several pairs (a source with two languages) appears once; document ids
    are renumbered ``d0, d1, ...`` in order of first appearance.
    """
    documents: dict[str, Document] = {}
    alignments: list[Alignment] = []
    findings: list[Finding] = []
    suppressed: list[Suppressed] = []
    for report in reports:
        ids: dict[str, str] = {}
        for doc in report.documents:
            if doc.path not in documents:
                documents[doc.path] = replace(doc, id=f"d{len(documents)}")
            ids[doc.id] = documents[doc.path].id
        alignments += [replace(a, source=ids[a.source], target=ids[a.target]) for a in report.alignments]
        findings += [_moved(f, ids) for f in report.findings]
        suppressed += [replace(s, finding=_moved(s.finding, ids)) for s in report.suppressed]
    tool = reports[0].tool if reports else ToolInfo("transcheck", __version__, "none", f"transcheck:{__version__}")
    return Report(tool, tuple(documents.values()), tuple(alignments), tuple(findings), dict(metrics or {}),
                  tuple(suppressed))


def check_to_dict(result: GateResult) -> dict:
    """The gate's JSON output: every pair's ``transcheck-report/1`` report, and a summary."""
    merged = merge_reports(result.reports)
    summary = merged.summary()
    summary.update({"pairs": len(result.pairs), "suppressed": result.suppressed,
                    "baselined": result.baselined})
    return {
        "schema": CHECK_SCHEMA_ID,
        "pairs": [{"source": p.source, "translation": p.translation, "lang": p.lang, "status": p.status}
                  for p in result.pairs],
        "reports": [report_to_dict(report) for report in result.reports],
        "summary": summary,
        "metrics": jsonable(result.metrics),
    }


def _moved(finding: Finding, ids: dict[str, str]) -> Finding:
    """``finding`` with its locations' document ids renumbered by ``ids``."""
    return replace(finding, locations=tuple(replace(loc, document=ids.get(loc.document, loc.document))
                                            for loc in finding.locations))
