"""``run_gate``: every pair of a config read, embedded in one batch, then aligned and checked.

The encoder is shared by all pairs and every text is embedded in one batch, so a run loads the
model at most once (and not at all when the embedding cache already holds every text). Pairs
are then aligned and checked by a pool of ``config.jobs`` worker threads. With a result cache,
a pair whose two files and settings are unchanged is not even read again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from checker import embedding
from checker.checks import CHECKS
from checker.checks.base import Check
from checker.embedding.base import Encoder
from checker.engine import Engine, ModelSpec, pair_reports
from checker.engine.tasks import EncoderSpec
from checker.errors import ConfigError
from checker.findings import suppress
from checker.gate.cache import ResultCache
from checker.gate.checks import layout_report
from checker.gate.config import Config
from checker.gate.confine import check_config, check_pairs
from checker.gate.discover import Pair, changed_files, discover, select_pairs
from checker.model import Finding, Report
from checker.pipeline.run import Loaded, build_report, embed_text, read_inputs

Progress = Callable[[str, int, int], None]


@dataclass
class GateResult:
    """What a gate run produced: one report per pair, and what was filtered out of them."""

    pairs: list[Pair]
    reports: list[Report]
    suppressed: int = 0
    baselined: int = 0
    metrics: dict = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return [f for report in self.reports for f in report.findings]


class MemoEncoder:
    """The run's one encoder: remembers every vector, and calls the wrapped encoder from one thread.

    Pairs are checked in worker threads, and a check may embed new texts (term-drift embeds
    phrases); the wrapped encoder (its SQLite cache connection, the model) is only ever used
    from this encoder's own thread, one call at a time.
    """

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.vectors: dict[str, np.ndarray] = {}
        self.stats = getattr(inner, "stats", None)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="transcheck-encoder")

    @property
    def name(self) -> str:
        return self.inner.name

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing:
            fresh = self._thread.submit(self._inner_encode, missing, progress).result()
            self.vectors.update(zip(missing, fresh))
        if not texts:
            return np.zeros((0, getattr(self.inner, "dim", 0) or 0), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts]).astype(np.float32, copy=False)

    def _inner_encode(self, texts: list[str], progress) -> np.ndarray:
        if progress is None:
            return self.inner.encode(texts)
        try:
            return self.inner.encode(texts, progress=progress)  # type: ignore[call-arg]
        except TypeError:
            return self.inner.encode(texts)

    def close(self) -> None:
        self._thread.shutdown()


def run_gate(config: Config, *, encoder: Encoder | None = None, paths: Sequence[str] | None = None,
             changed_since: str | None = None, progress: Progress | None = None,
             cache: Path | None = None, allow_outside: bool = False,
             checks: Sequence[type[Check]] = CHECKS, engine: Engine | None = None,
             spec: EncoderSpec | None = None) -> GateResult:
    """Check every pair the config names (or those under ``paths`` / changed since a git rev).

    ``paths`` are relative to ``config.root``; ``encoder`` defaults to the config's model (with
    the embedding cache), loaded only if some text is not cached. With ``cache`` (a folder),
    each pair's result is kept under the hash of both files and every setting, and a pair
    that has not changed is neither read, embedded nor checked again. A file that resolves
    outside ``config.root`` (a symlink, the glossary) is refused unless ``allow_outside``.
    ``checks`` are the checks each pair is checked by (the registry, by default). With an
    ``engine`` (``checker.engine``), each pair is a task on its workers, which embed it with the
    encoder ``spec`` makes (default: the config's model).
    """
    started = time.perf_counter()
    pairs = _pairs(config, paths, changed_since, allow_outside)
    if encoder is None:
        encoder = embedding.load_encoder(config.model)
    results = ResultCache(cache, config, encoder.name) if cache is not None else None

    t0 = time.perf_counter()
    reports, loaded, keys = _cached_or_read(config, pairs, results)
    timings = {"read": time.perf_counter() - t0}

    t0 = time.perf_counter()
    texts = list(dict.fromkeys(embed_text(s.text) for item in loaded.values()
                               for doc in (item.source, *item.translations) for s in doc.segments))
    memo = MemoEncoder(encoder)
    try:
        store = (lambda k, report: results.put(keys[k], report)) if results is not None else None
        if engine is None:
            memo.encode(texts, progress=_embed_progress(progress))
        else:  # the workers embed and check each pair
            reports = _on_engine(engine, spec or ModelSpec(config.model), config, pairs, reports, loaded, checks,
                                 store)
        timings["embed"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        checked = _check_all(config, pairs, reports, loaded, memo, progress, checks=checks, store=store)
        timings["check"] = time.perf_counter() - t0
    finally:
        memo.close()

    final, suppressed = _suppressed(config, pairs, checked)
    metrics = {
        "pairs": len(pairs), "checked": len(loaded),
        "cached": sum(1 for k, p in enumerate(pairs) if p.status == "ok" and k not in loaded),
        "texts": len(texts), "seconds": round(time.perf_counter() - started, 3),
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
    fuzzy = sum(r.metrics.get("skipped", {}).get("fuzzy", 0) for r in final)
    if fuzzy:
        metrics["skipped"] = {"fuzzy": fuzzy}
    stats = getattr(encoder, "stats", None)
    if stats is not None:
        metrics["embedding"] = dict(vars(stats)) if not isinstance(stats, dict) else dict(stats)
    return GateResult(pairs, final, suppressed=suppressed, metrics=metrics)


def _pairs(config: Config, paths: Sequence[str] | None, changed_since: str | None,
           allow_outside: bool) -> list[Pair]:
    """The pairs to check: those the config names, under ``paths`` or changed since a revision,
    their files confined to the repository (``ConfigError`` when the config names none)."""
    pairs = discover(config)
    if not pairs:
        where = f"{config.file}: " if config.file else ""
        raise ConfigError(f"{where}no file matches any mapping's source or translation pattern "
                          f"(under {config.root})")
    changed = changed_files(config.root, changed_since) if changed_since else None
    pairs = select_pairs(pairs, paths=paths, changed=changed)
    check_config(config, allow_outside=allow_outside)
    check_pairs(config, pairs, allow_outside=allow_outside)
    return pairs


def _check_all(config: Config, pairs: Sequence[Pair], reports: list[Report | None], loaded: dict[int, Loaded],
               encoder: Encoder, progress: Progress | None, *, checks: Sequence[type[Check]],
               store: Callable[[int, Report], None] | None) -> list[Report]:
    """Every pair's report: cached, made from the layout (a missing or orphan file), or aligned
    and checked by a pool of ``config.jobs`` threads; ``store`` keeps each new one."""
    def one(k: int) -> Report:
        pair = pairs[k]
        cached = reports[k]
        if cached is not None:
            return cached
        if pair.status != "ok":
            return layout_report(pair, config, encoder.name)
        report = build_report(loaded[k], encoder, config.options(pair.mapping, pair.lang), checks=checks)
        if store is not None:
            store(k, report)
        return report

    done: list[Report] = []
    with ThreadPoolExecutor(max_workers=max(1, config.jobs)) as pool:
        for count, report in enumerate(pool.map(one, range(len(pairs))), 1):
            done.append(report)
            if progress is not None:
                progress("checking pairs", count, len(pairs))
    return done


def _on_engine(engine: Engine, spec: EncoderSpec, config: Config, pairs: Sequence[Pair],
               reports: list[Report | None], loaded: dict[int, Loaded], checks: Sequence[type[Check]],
               store: Callable[[int, Report], None] | None) -> list[Report | None]:
    """``reports`` with every pair to check made by ``engine``'s workers (kept by ``store``)."""
    todo = sorted(loaded)
    made = pair_reports(engine, [(loaded[k], config.options(pairs[k].mapping, pairs[k].lang)) for k in todo],
                        spec, checks)
    done = list(reports)
    for k, report in zip(todo, made):
        done[k] = report
        if store is not None:
            store(k, report)
    return done


def _suppressed(config: Config, pairs: Sequence[Pair], reports: Sequence[Report]) -> tuple[list[Report], int]:
    """The reports without their inline- and config-suppressed findings, fingerprinted per pair,
    and how many findings were suppressed."""
    suppressed = 0
    final = []
    for pair, report in zip(pairs, reports):
        kept, n = suppress.apply(report, config.root, config.per_file_ignores)
        suppressed += n
        final.append(_pair_fingerprints(kept, pair))
    return final, suppressed


def _cached_or_read(config: Config, pairs: Sequence[Pair], results: ResultCache | None):
    """Each pair's cached report where there is one; the others' documents, read."""
    reports: list[Report | None] = [None] * len(pairs)
    loaded: dict[int, Loaded] = {}
    keys: dict[int, str] = {}
    for k, pair in enumerate(pairs):
        if pair.status != "ok":
            continue
        options = config.options(pair.mapping, pair.lang)
        if results is not None:
            keys[k] = results.key(pair)
            reports[k] = results.get(keys[k], options)
            if reports[k] is not None:
                continue
        raw = read_inputs(config.root / pair.source, [config.root / pair.translation], options)
        loaded[k] = _relative(raw, pair)
    return reports, loaded, keys


def _embed_progress(progress: Progress | None):
    if progress is None:
        return None
    return lambda done, total: progress("embedding", done, total)


def _relative(loaded, pair: Pair):
    """The loaded documents with repository-relative paths (stable fingerprints, readable messages)."""
    source = replace(loaded.source, path=pair.source)
    translations = [replace(doc, path=pair.translation) for doc in loaded.translations]
    return Loaded(source, translations, dict(loaded.given), dict(loaded.skipped))


def _pair_fingerprints(report: Report, pair: Pair) -> Report:
    """Fingerprints that also name the pair, so a finding in a shared source stays per language."""
    from checker.findings.fingerprint import for_pair

    def salted(f):
        return replace(f, fingerprint=for_pair(f.fingerprint, pair.source, pair.translation))

    return replace(report, findings=tuple(salted(f) for f in report.findings),
                   suppressed=tuple(replace(s, finding=salted(s.finding)) for s in report.suppressed))
