"""The pipeline: files -> documents -> embeddings -> alignments -> checks -> a Report.

``compare`` is what ``transcheck compare`` runs; the CI gate calls it once per file pair with a
shared encoder. Nothing here prints; progress is reported through an optional callback.
"""

from __future__ import annotations

import gc
import os
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from checker import align, embedding
from checker.align.scoring import score_pair, signatures
from checker.checks import CHECKS
from checker.checks.base import Check
from checker.checks.stale import StaleTranslation, group_stale
from checker.embedding.base import Encoder
from checker.errors import UsageError
from checker.findings import fingerprint, suppress
from checker.findings.selection import is_selected, override_severity
from checker.model import (
    Alignment,
    Corpus,
    Document,
    Finding,
    Link,
    Report,
    Role,
)
from checker.pipeline.options import Options, Progress, tool_info
from checker.pipeline.workers import Forked
from checker.readers import Bilingual, embedding_text, glossary, read
from checker.readers.units import pair_documents
from checker.text.lexicon.prior import prior_for


@dataclass
class Loaded:
    """Documents as read, before alignment: one source and its translations."""

    source: Document
    translations: list[Document]
    given: dict[tuple[str, str], Alignment] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    """Units the readers left out, by reason (``fuzzy``): reported, never silent."""


def read_inputs(source: Path | str, translations: Sequence[Path | str], options: Options) -> Loaded:
    """Read the source and every translation; a bilingual file brings its own alignment."""
    first = read(source, doc_id="d0", role=Role.SOURCE, split=options.split, lang=options.source_lang,
                 format=options.format, fuzzy=options.fuzzy, target_lang=options.target_lang)
    if isinstance(first, Bilingual):
        if translations:
            raise UsageError(f"{source}: a bilingual file carries its own translation; give it alone")
        target = first.target
        if options.target_lang:
            target = replace(target, lang=options.target_lang)
        return Loaded(first.source, [target], {(first.source.id, target.id): first.alignment},
                      dict(first.skipped))
    if not translations:
        raise UsageError("give at least one TRANSLATION after the SOURCE")
    docs = []
    skipped: Counter[str] = Counter()
    for k, path in enumerate(translations, start=1):
        doc = read(path, doc_id=f"d{k}", role=Role.TRANSLATION, split=options.split,
                   lang=options.target_lang, format=options.format, fuzzy=options.fuzzy)
        if isinstance(doc, Bilingual):
            # messages.pot + messages.po: the PO's translations, paired with the template by key
            if not first.keyed:
                raise UsageError(f"{path}: a bilingual file must be given alone, or after a template (.pot)")
            skipped.update(doc.skipped)
            doc = replace(doc.target, id=f"d{k}")
        docs.append(doc)
    return Loaded(first, docs, skipped=dict(skipped))


def embed_text(text: str) -> str:
    """What the encoder sees for a segment: its words with whitespace runs collapsed."""
    return " ".join(text.split())


def _embedded_texts(doc: Document) -> list[str]:
    """What the encoder (and the aligner's lexicon) sees of each segment."""
    return [embed_text(embedding_text(doc, s)) for s in doc.segments]


def _vectors(doc: Document, texts: list[str], encoder: Encoder, progress: Progress | None) -> np.ndarray:
    callback = None
    if progress is not None:
        def callback(done: int, total: int) -> None:
            progress(f"embedding {Path(doc.path).name}", done, total)
    try:
        return encoder.encode(texts, progress=callback)  # type: ignore[call-arg]
    except TypeError:
        return encoder.encode(texts)


def _aligning(doc: Document, progress: Progress | None) -> Callable[[int, int], None] | None:
    """The aligner's progress callback for ``doc``, labelled with its file name."""
    if progress is None:
        return None
    label = f"aligning {Path(doc.path).name}"
    return lambda done, total: progress(label, done, total)


def _similarity(a: np.ndarray, b: np.ndarray, left: Sequence[int], right: Sequence[int]) -> float | None:
    if not left or not right:
        return None
    u = a[list(left)].sum(axis=0)
    v = b[list(right)].sum(axis=0)
    denom = float(np.linalg.norm(u) * np.linalg.norm(v)) or 1.0
    return round(float(u @ v) / denom, 4)


def _score_links(links: Sequence[Link], left: Document, right: Document,
                 va: np.ndarray, vb: np.ndarray) -> tuple[Link, ...]:
    """Similarity for every link; chrF/BLEU too when both sides are in the same language."""
    same_lang = left.lang.split("-")[0] == right.lang.split("-")[0]
    scored = []
    for link in links:
        sim = link.similarity if link.similarity is not None else _similarity(va, vb, link.source, link.target)
        scores = dict(link.scores)
        if same_lang and link.source and link.target:
            scores.update(score_pair(right.text_of(link.target), left.text_of(link.source), left.lang))
        scored.append(Link(link.source, link.target, None if sim is None else round(float(sim), 4), scores))
    return tuple(scored)


def align_documents(loaded: Loaded, encoder: Encoder, progress: Progress | None = None
                    ) -> tuple[dict[tuple[str, str], Alignment], dict[str, float]]:
    """Source -> each translation, then translation -> translation through the source."""
    timings = {"embed": 0.0, "align": 0.0}
    t0 = time.perf_counter()
    docs = [loaded.source, *loaded.translations]
    texts = {doc.id: _embedded_texts(doc) for doc in docs}
    vectors = {doc.id: _vectors(doc, texts[doc.id], encoder, progress) for doc in docs}
    timings["embed"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    src = loaded.source
    result: dict[tuple[str, str], Alignment] = {}
    raw: dict[str, list[Link]] = {}
    for doc in loaded.translations:
        key = (src.id, doc.id)
        paired = loaded.given.get(key) or pair_documents(src, doc)
        if paired is not None:
            links = list(paired.links)
        else:
            links = align.align(vectors[src.id], vectors[doc.id],
                                [len(s.text) for s in src.segments], [len(s.text) for s in doc.segments],
                                texts=(texts[src.id], texts[doc.id]), prior=prior_for(src.lang, doc.lang),
                                progress=_aligning(doc, progress))
        raw[doc.id] = links
        result[key] = Alignment(src.id, doc.id, _score_links(links, src, doc, vectors[src.id], vectors[doc.id]))
    for i, left in enumerate(loaded.translations):
        for right in loaded.translations[i + 1:]:
            links = align.compose(raw[left.id], raw[right.id])
            result[(left.id, right.id)] = Alignment(
                left.id, right.id, _score_links(links, left, right, vectors[left.id], vectors[right.id]))
    timings["align"] = time.perf_counter() - t0
    return result, timings


# The checks that say ``in_worker`` (pure Python, never calling the encoder) run in a forked worker
# when ``jobs`` > 1 while the parent runs the rest (model-using ones included); about half of the
# checks' time on a long text once the checks that need no alignment have run during the
# alignment (``start_checks``).
PARALLEL_MIN_SEGMENTS = 2000  # below this a fork costs more than it saves


@dataclass
class EarlyChecks:
    """Checks that need no alignment, running in a forked child since before the alignment."""

    checks: list[type[Check]]
    worker: Any  # a ``checker.pipeline.workers.Forked``

    def findings(self, corpus: Corpus) -> list[Finding]:
        """The child's findings (or, if it failed, the same checks run here on ``corpus``)."""
        found = self.worker.result()
        return found if found is not None else _findings_of(self.checks, corpus)


def _selected(options: Options, checks: Sequence[type[Check]]) -> list[type[Check]]:
    return [c for c in checks if is_selected(c.id, options.select, options.ignore)]


def _worth_forking(corpus: Corpus, jobs: int) -> bool:
    return jobs > 1 and hasattr(os, "fork") and sum(len(d.segments) for d in corpus.documents) >= PARALLEL_MIN_SEGMENTS


def start_checks(corpus: Corpus, options: Options, *, checks: Sequence[type[Check]] = CHECKS,
                 jobs: int = 1) -> EarlyChecks | None:
    """Start the selected checks that need no alignment in a forked child, on ``corpus`` (whose
    alignments may be empty), when ``jobs`` > 1 and the text is long; ``None`` otherwise. Pass
    the result to ``run_checks``."""
    early = [c for c in _selected(options, checks) if not c.needs_alignment]
    if not early or not _worth_forking(corpus, jobs):
        return None
    return EarlyChecks(early, Forked(lambda: _findings_of(early, corpus)))


def _findings_of(checks: list[type[Check]], corpus: Corpus) -> list[Finding]:
    return [finding for check_class in checks for finding in check_class().run(corpus)]


def _run_selected(selected: list[type[Check]], corpus: Corpus, jobs: int) -> list[Finding]:
    apart = [c for c in selected if c.in_worker]
    here = [c for c in selected if not c.in_worker]
    worker = None
    if apart and _worth_forking(corpus, jobs):
        worker = Forked(lambda: _findings_of(apart, corpus))
    findings = _findings_of(here, corpus)
    from_worker = worker.result() if worker is not None else None
    return findings + (from_worker if from_worker is not None else _findings_of(apart, corpus))


def run_checks(corpus: Corpus, options: Options, *, checks: Sequence[type[Check]] = CHECKS, jobs: int = 1,
               early: EarlyChecks | None = None, done: Sequence[type[Check]] = (),
               found: Sequence[Finding] = ()) -> list[Finding]:
    """Every selected check over the corpus, severities overridden, fingerprints assigned, sorted.

    ``checks`` are the checks to choose from (the registry, by default). With ``jobs`` > 1 on a
    long corpus, the checks that run ``in_worker`` run in a forked child meanwhile;
    ``early`` (from ``start_checks``) brings the findings of checks already started. The result is
    the same as a serial run. Call it with ``jobs=1`` from threads (fork and threads do not mix).
    ``done`` are checks already run elsewhere (the shards of ``checker.engine``), ``found`` their
    findings, joined before the severities, the sorting and the fingerprints.
    """
    selected = [c for c in _selected(options, checks) if c not in done]
    if early is not None:
        selected = [c for c in selected if c not in early.checks]
    # The documents and alignments live for the whole run: keep the garbage collector from walking
    # them again and again while the checks allocate many small objects.
    gc.freeze()
    try:
        findings = _run_selected(selected, corpus, jobs)
        if early is not None:
            findings += early.findings(corpus)
        findings += found
    finally:
        gc.unfreeze()
    findings = override_severity(findings, options.severity)
    findings = _group_stale(findings, corpus, options, checks)
    order = {doc.id: k for k, doc in enumerate(corpus.documents)}
    leading = {c.id for c in checks if c.leads_report}
    findings.sort(key=lambda f: (
        -f.severity.rank,
        f.check not in leading,
        order.get(f.locations[0].document, 99) if f.locations else 99,
        f.locations[0].segments[:1] if f.locations else (),
        f.check,
    ))
    return fingerprint.assign(findings, corpus.documents)


def _group_stale(findings: list[Finding], corpus: Corpus, options: Options,
                 checks: Sequence[type[Check]]) -> list[Finding]:
    """One stale-translation finding per stale translation, its omissions and additions to info."""
    if not is_selected(StaleTranslation.id, options.select, options.ignore):
        return findings
    return group_stale(findings, corpus, options.stale_threshold,
                       lambda f: override_severity([f], options.severity)[0])


def build_report(loaded: Loaded, encoder: Encoder, options: Options,
                 progress: Progress | None = None, extra_options: Mapping[str, Any] | None = None,
                 *, checks: Sequence[type[Check]] = CHECKS, jobs: int = 1) -> Report:
    """Align and check documents that have already been read (``checks``, ``jobs``: see ``run_checks``)."""
    started = time.perf_counter()
    corpus_options: dict[str, Any] = {"glossary": None, **(extra_options or {})}
    if options.glossary:
        corpus_options["glossary"] = glossary.load(options.glossary)
    documents = Corpus(loaded.source, tuple(loaded.translations), {}, corpus_options, encoder=encoder)
    early = start_checks(documents, options, checks=checks, jobs=jobs)  # spelling and the like, while aligning
    alignments, timings = align_documents(loaded, encoder, progress)
    corpus = replace(documents, alignments=alignments)
    t0 = time.perf_counter()
    findings = run_checks(corpus, options, checks=checks, jobs=jobs, early=early)
    timings["checks"] = time.perf_counter() - t0
    metrics: dict[str, Any] = {
        "seconds": round(time.perf_counter() - started, 3),
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
    if loaded.skipped:
        metrics["skipped"] = dict(loaded.skipped)
    same_lang = [d.lang for d in loaded.translations]
    if len(same_lang) > 1:
        metrics["sacrebleu"] = signatures(same_lang[0])
    stats = getattr(encoder, "stats", None)
    if stats is not None:
        metrics["embedding"] = dict(stats) if isinstance(stats, Mapping) else vars(stats)
    return Report(
        tool=tool_info(options, encoder.name, (loaded.source, *loaded.translations)),
        documents=(loaded.source, *loaded.translations),
        alignments=tuple(alignments.values()),
        findings=tuple(findings),
        metrics=metrics,
    )


def compare(source: Path | str, translations: Sequence[Path | str], options: Options | None = None, *,
            encoder: Encoder | None = None, progress: Progress | None = None,
            checks: Sequence[type[Check]] = CHECKS) -> Report:
    """Read, align and check one source against its translations.

    Inline ``transcheck-ignore`` comments in the files silence findings here as in the gate
    (see :mod:`checker.findings.suppress`); ``metrics["suppressed"]`` counts them. ``checks``
    are the checks to choose from (the registry, by default).
    """
    options = options or Options()
    started = time.perf_counter()
    loaded = read_inputs(source, translations, options)
    if encoder is None:
        encoder = embedding.load_encoder(options.model)
    report = build_report(loaded, encoder, options, progress, checks=checks, jobs=min(2, os.cpu_count() or 1))
    return finish(report, started)


def finish(report: Report, started: float) -> Report:
    """``compare``'s report with its inline suppressions applied and the whole run's seconds."""
    report, suppressed = suppress.apply(report, Path.cwd())
    metrics = dict(report.metrics)
    metrics["seconds"] = round(time.perf_counter() - started, 3)
    if suppressed:
        metrics["suppressed"] = suppressed
    return replace(report, metrics=metrics)
