"""``compare`` and ``pair_reports`` on an engine: the same reports as the single-process pipeline.

A bilingual file (PO, XLIFF, TMX) is cut into shards of units: each worker embeds its shard,
scores its links and runs the per-unit checks (map); the client gathers the links and findings
in file order and runs the checks that compare across units over the whole file (reduce), then
sorts, overrides severities and fingerprints everything once, as ``run_checks`` does locally.
Monolingual documents are aligned as a whole, so they (and each gate pair) are one task each.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from checker.checks import CHECKS
from checker.checks.base import Check
from checker.engine import tasks
from checker.engine.base import Engine, ModelSpec
from checker.engine.shards import SHARD_UNITS, Shard, bounds, shift_finding, shift_links, split
from checker.engine.stream import FindingStream
from checker.engine.tasks import EncoderSpec
from checker.findings.selection import is_selected
from checker.model import Alignment, Corpus, Finding, Link, Report
from checker.pipeline.options import Options, Progress, tool_info
from checker.pipeline.run import Loaded, finish, read_inputs, run_checks
from checker.readers import glossary as glossaries

ENCODE_BATCH = 2000
"""Texts per task when the client's checks embed: a check that embeds a sentence of every unit
(omission's coverage votes) must not send the whole memory to one worker (1M units: 610 MB)."""


class ClusterEncoder:
    """The client's encoder: texts are embedded by the workers' encoders, ``ENCODE_BATCH`` a
    task; the model never loads here."""

    def __init__(self, engine: Engine, spec: EncoderSpec, name: str) -> None:
        self.engine, self.spec, self.name = engine, spec, name

    def encode(self, texts: Sequence[str], progress: Any = None) -> np.ndarray:
        texts = list(texts)
        if len(texts) <= ENCODE_BATCH:
            return self.engine.call(tasks.encode, texts, self.spec)
        batches = [texts[k:k + ENCODE_BATCH] for k in range(0, len(texts), ENCODE_BATCH)]
        parts = dict(self.engine.map(tasks.encode, batches, self.spec))
        return np.concatenate([parts[k] for k in range(len(batches))])


def _name(spec: EncoderSpec) -> str:
    """The encoder's name, without loading its model (encoders load lazily)."""
    return spec().name


def compare(source: Path | str, translations: Sequence[Path | str], options: Options | None = None, *,
            engine: Engine, spec: EncoderSpec | None = None, progress: Progress | None = None,
            checks: Sequence[type[Check]] = CHECKS, shard_units: int = SHARD_UNITS,
            stream: FindingStream | None = None) -> Report:
    """``checker.pipeline.run.compare`` with the work done by ``engine``'s workers; ``stream``
    gets the findings as the shards finish (``--jsonl``)."""
    options = options or Options()
    spec = spec or ModelSpec(options.model)
    started = time.perf_counter()
    loaded = read_inputs(source, translations, options)
    if not loaded.given:
        report = engine.call(tasks.pair_report, loaded, options, spec, checks)
    else:
        report = _sharded(loaded, options, engine, spec, progress, checks, shard_units, stream)
    report = finish(report, started)
    if stream is not None:
        stream.finish(report)
    return report


def _sharded(loaded: Loaded, options: Options, engine: Engine, spec: EncoderSpec, progress: Progress | None,
             checks: Sequence[type[Check]], shard_units: int, stream: FindingStream | None) -> Report:
    started = time.perf_counter()
    source, target = loaded.source, loaded.translations[0]
    key = (source.id, target.id)
    count = len(bounds(source, loaded.given[key], shard_units))
    glossary = glossaries.load(options.glossary) if options.glossary else None
    selected = [c for c in checks if is_selected(c.id, options.select, options.ignore)]
    per_unit = [c for c in selected if c.per_unit]
    across = [c for c in selected if not c.per_unit and c.shardable()]
    # map: embed, score, per-unit checks, and what each cross-unit check learns of the shard
    links_of: dict[int, list[Link]] = {}
    found_of: dict[int, list[Finding]] = {}
    learned: dict[int, tuple[Any, ...]] = {}
    if stream is not None:
        stream.start((source, target), options, [c.id for c in per_unit])
    for k, shard, result in _on_shards(engine, tasks.check_shard, split(source, target, loaded.given[key], shard_units),
                                       spec, per_unit, glossary, across):
        links_of[k] = shift_links(shard, result.alignment)
        found_of[k] = [shift_finding(shard, f) for f in result.findings]
        learned[k] = result.learned
        if stream is not None:
            stream.shard(k, found_of[k])
        if progress is not None:
            progress("checking shards", len(links_of), count)
    scored = Alignment(source.id, target.id, tuple(link for k in range(count) for link in links_of.pop(k)))
    del loaded.given[key]  # the file's own links, now scored: one copy of a million units is enough
    found = [finding for k in range(count) for finding in found_of.pop(k)]
    t1 = time.perf_counter()
    if across:  # reduce what they learned, map their findings on the shards, reduce those
        known = [check.combine([learned[k][n] for k in range(count)]) for n, check in enumerate(across)]
        learned.clear()
        found += _across(engine, spec, split(source, target, scored, shard_units), count, across, known, glossary,
                         progress)
    t2 = time.perf_counter()
    name = _name(spec)
    alignments = {key: scored}
    corpus = Corpus(source, (target,), alignments, {"glossary": glossary},
                    encoder=ClusterEncoder(engine, spec, name))
    findings = run_checks(corpus, options, checks=checks, done=per_unit + across, found=found)
    metrics: dict[str, Any] = {
        "seconds": round(time.perf_counter() - started, 3),
        "timings": {"shards": round(t1 - started, 3), "across": round(t2 - t1, 3),
                    "checks": round(time.perf_counter() - t2, 3)},
        "engine": {"name": engine.name, "shards": count},
    }
    if loaded.skipped:
        metrics["skipped"] = dict(loaded.skipped)
    return Report(
        tool=tool_info(options, name, (source, target)),
        documents=(source, target),
        alignments=tuple(alignments.values()),
        findings=tuple(findings),
        metrics=metrics,
    )


def _on_shards(engine: Engine, fn: Any, shards: Iterable[Shard], *args: Any) -> Iterator[tuple[int, Shard, Any]]:
    """``fn(shard, *args)`` for each of ``shards`` (cut as the engine asks for them) on
    ``engine``: ``(index, shard, result)`` as each finishes, the shard kept only until then."""
    sent: dict[int, Shard] = {}

    def tracked() -> Iterator[Shard]:
        for k, shard in enumerate(shards):
            sent[k] = shard
            yield shard

    for k, result in engine.map(fn, tracked(), *args):
        yield k, sent.pop(k), result


def _across(engine: Engine, spec: EncoderSpec, shards: Iterable[Shard], count: int, checks: list[type[Check]],
            known: list[Any], glossary: Any, progress: Progress | None) -> list[Finding]:
    """The cross-unit checks' findings on ``shards`` (``count`` of them, links scored), each
    knowing the whole file, merged."""
    per_shard: dict[int, list[list[Finding]]] = {}
    for k, shard, result in _on_shards(engine, tasks.find_shard, shards, spec, checks, known, glossary):
        per_shard[k] = [[shift_finding(shard, f) for f in found] for found in result]
        if progress is not None:
            progress("checking across shards", len(per_shard), count)
    return [finding for n, check in enumerate(checks)
            for finding in check.merge([f for k in range(count) for f in per_shard[k][n]])]


def pair_reports(engine: Engine, items: Sequence[tuple[Loaded, Options]], spec: EncoderSpec,
                 checks: Sequence[type[Check]] = CHECKS) -> list[Report]:
    """One report per (documents, options) pair, each pair a task on ``engine``, in order."""
    reports: list[Report | None] = [None] * len(items)
    for k, report in engine.map(_pair, list(items), spec, checks):
        reports[k] = report
    return [r for r in reports if r is not None]


def _pair(item: tuple[Loaded, Options], spec: EncoderSpec, checks: Sequence[type[Check]]) -> Report:
    return tasks.pair_report(item[0], item[1], spec, checks)

