"""Stable fingerprints for findings, so a baseline survives edits elsewhere in a file.

A fingerprint hashes what the finding is about, never where it is: the check id, each location's
document path (relative, with forward slashes), the offending text and the segment it sits in,
with whitespace normalised. Line numbers and segment indices are left out, so a paragraph added
above a known finding does not make it new. Two findings that hash alike get a counter (as ruff's
GitLab emitter does), in report order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath

from checker.model import Document, Finding

_LONG = 10_000  # characters of context hashed as they are


def _norm(text: str) -> str:
    return " ".join(text.split())


def _short(context: str) -> str:
    """A context as it is hashed: a giant one (a whole file on one line) by its own digest, so
    that each finding in it does not hash megabytes again."""
    if len(context) <= _LONG:
        return context
    return "sha256:" + hashlib.sha256(context.encode("utf-8", "surrogatepass")).hexdigest()


def _path_key(path: str) -> str:
    return PurePath(path).as_posix()


def _raw(finding: Finding, documents: dict[str, Document], contexts: dict[tuple, str]) -> str:
    """What the fingerprint hashes; ``contexts`` memoises each normalised segment text, so that
    many findings in one giant segment cost one normalisation, not one each (quadratic)."""
    parts = [finding.check]
    for loc in finding.locations:
        doc = documents.get(loc.document)
        context = ""
        if doc is not None and loc.segments:
            key = (loc.document, tuple(loc.segments))
            if key not in contexts:
                contexts[key] = _short(_norm(doc.text_of(loc.segments)))
            context = contexts[key]
        parts += [_path_key(doc.path) if doc else loc.document, _norm(loc.text), context]
    return "\x1f".join(parts)


def assign(findings: Sequence[Finding], documents: Sequence[Document],
           seen: Counter[str] | None = None) -> list[Finding]:
    """The findings with ``fingerprint`` set: 16 hex digits, unique within the list (and within
    every list given the same ``seen``, which counts the fingerprints so far: a stream)."""
    by_id = {doc.id: doc for doc in documents}
    seen = Counter() if seen is None else seen
    contexts: dict[tuple, str] = {}
    result = []
    for finding in findings:
        digest = hashlib.sha256(_raw(finding, by_id, contexts).encode("utf-8")).hexdigest()[:16]
        n = seen[digest]
        seen[digest] += 1
        if n:
            digest = hashlib.sha256(f"{digest}:{n}".encode()).hexdigest()[:16]
        result.append(replace(finding, fingerprint=digest))
    return result


def for_pair(fingerprint: str, source: str, translation: str) -> str:
    """A finding's fingerprint in ``transcheck check``, which also names the file pair, so that a
    finding in a source shared by two languages stays one per language. ``source`` and
    ``translation`` are the pair's paths relative to the repository root."""
    return hashlib.sha256(f"{fingerprint}\x1f{_path_key(source)}\x1f{_path_key(translation)}".encode()).hexdigest()[:16]
