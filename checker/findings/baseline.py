"""The baseline: findings a repository has accepted, so that CI fails only on new ones.

``transcheck baseline`` writes the fingerprints of every current finding to a JSON file that is
committed with the repository; ``transcheck check`` then leaves those findings out. Fingerprints
hash what a finding is about, never its line, so an edit elsewhere in the file (a paragraph
added above) keeps a known finding known. The file is sorted, one entry per finding, so that
its diffs read well in review::

    {"schema": "transcheck-baseline/1",
     "findings": {"3f2a...": {"check": "number-mismatch", "path": "docs/zh/a.md", "message": "..."}}}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from checker.atomic import write_atomic
from checker.errors import ConfigError
from checker.model import Finding, Report, Suppressed

SCHEMA_ID = "transcheck-baseline/1"


def entries(reports: Iterable[Report]) -> dict[str, dict[str, str]]:
    """One entry per finding, keyed by fingerprint: its check, the file it points at, its message."""
    result: dict[str, dict[str, str]] = {}
    for report in reports:
        paths = {doc.id: doc.path for doc in report.documents}
        for finding in report.findings:
            path = paths.get(finding.locations[0].document, "") if finding.locations else ""
            result[finding.fingerprint] = {"check": finding.check, "path": path, "message": finding.message}
    return dict(sorted(result.items(), key=lambda kv: (kv[1]["path"], kv[1]["check"], kv[0])))


def write(path: Path, reports: Iterable[Report], *, keep_outside: Iterable[str] | None = None) -> int:
    """Write the baseline of ``reports`` to ``path`` atomically; returns how many findings it holds.

    With ``keep_outside`` (the files a partial run covered), the existing file's entries for
    every other file are kept, so ``transcheck baseline docs/zh/a.md`` updates only that pair.
    """
    found = entries(reports)
    if keep_outside is not None and path.exists():
        covered = set(keep_outside)
        old = _read(path)["findings"]
        found.update({fp: e for fp, e in old.items() if isinstance(e, dict) and e.get("path") not in covered})
        found = dict(sorted(found.items(), key=lambda kv: (kv[1].get("path", ""), kv[1].get("check", ""), kv[0])))
    data = {"schema": SCHEMA_ID, "findings": found}
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return len(found)


def load(path: Path) -> frozenset[str]:
    """The fingerprints in a baseline file (none when the file does not exist)."""
    return frozenset(notes(path))


def notes(path: Path) -> dict[str, str]:
    """The fingerprints in a baseline file, each with the note a reviewer left on it ("" if none)."""
    if not path.exists():
        return {}
    found = _read(path)["findings"]
    return {fp: str(e.get("note") or "") if isinstance(e, dict) else "" for fp, e in found.items()}


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable transcheck baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID or not isinstance(data.get("findings"), dict):
        raise ConfigError(f"{path}: not a transcheck baseline (expected schema {SCHEMA_ID!r})")
    return data


def filter_known(reports: Iterable[Report], known: Mapping[str, str] | frozenset[str]
                 ) -> tuple[list[Report], int]:
    """The reports with the findings in ``known`` moved to ``suppressed`` (by the baseline,
    with the note it gives), and how many moved."""
    result: list[Report] = []
    moved = 0
    for report in reports:
        kept: tuple[Finding, ...] = tuple(f for f in report.findings if f.fingerprint not in known)
        if len(kept) == len(report.findings):
            result.append(report)
            continue
        known_notes = known if isinstance(known, Mapping) else {}
        silenced = tuple(Suppressed(f, "baseline", known_notes.get(f.fingerprint, ""))
                         for f in report.findings if f.fingerprint in known)
        moved += len(silenced)
        result.append(replace(report, findings=kept, suppressed=(*report.suppressed, *silenced)))
    return result, moved
