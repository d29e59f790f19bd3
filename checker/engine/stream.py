"""Findings as JSON Lines while a distributed run goes on (``--jsonl``).

The shards' findings (those of the per-unit checks) are written as soon as every shard before
them has finished, so the lines follow the file: each line is the finding as the final report
holds it (severity overridden, inline suppressions applied, the same fingerprint: duplicates
are counted in file order, as the report's sorting orders them). The checks that compare across
units finish last; their findings close the stream.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from checker.findings import fingerprint, suppress
from checker.findings.selection import override_severity
from checker.model import Document, Finding, Report, ToolInfo
from checker.pipeline.options import Options
from checker.reporters.json import finding_to_dict


class FindingStream:
    """Writes each finding as one JSON line through ``write``, shard by shard in file order."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self.write = write
        self._pending: dict[int, Sequence[Finding]] = {}
        self._next = 0
        self._seen: Counter[str] = Counter()
        self._checks: set[str] = set()
        self._documents: tuple[Document, ...] = ()
        self._options = Options()

    def start(self, documents: Sequence[Document], options: Options, per_unit: Sequence[str]) -> None:
        """Before the first shard: the run's documents, options and the ids of the shards' checks."""
        self._documents, self._options, self._checks = tuple(documents), options, set(per_unit)

    def shard(self, index: int, findings: Sequence[Finding]) -> None:
        """Shard ``index`` finished with ``findings`` (in the file's numbering)."""
        self._pending[index] = findings
        while self._next in self._pending:
            self._emit(self._pending.pop(self._next))
            self._next += 1

    def finish(self, report: Report) -> None:
        """The run's report is made: write the findings of the checks that ran across units."""
        for finding in report.findings:
            if finding.check not in self._checks:
                self.write(json.dumps(finding_to_dict(finding), ensure_ascii=False) + "\n")

    def _emit(self, findings: Sequence[Finding]) -> None:
        found = override_severity(findings, self._options.severity)
        found = fingerprint.assign(found, self._documents, self._seen)  # suppressed ones count too
        kept, _ = suppress.apply(Report(ToolInfo("", "", "", ""), self._documents, (), tuple(found)), Path.cwd())
        for finding in kept.findings:
            self.write(json.dumps(finding_to_dict(finding), ensure_ascii=False) + "\n")
