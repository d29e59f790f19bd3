"""What runs on a worker. Each worker process makes its encoder once (``encoder_for``) and keeps
it for every later task: the model loads once per worker, not once per shard."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from checker.checks.base import Check
from checker.embedding.base import Encoder
from checker.engine.shards import Shard
from checker.model import Alignment, Corpus, Finding, Report
from checker.pipeline.options import Options
from checker.pipeline.run import Loaded, align_documents, build_report

EncoderSpec = Callable[[], Encoder]
"""A picklable, hashable callable that makes the run's encoder (``ModelSpec``)."""

_ENCODERS: dict[Hashable, Encoder] = {}


def encoder_for(spec: EncoderSpec) -> Encoder:
    """This process's encoder for ``spec``, made on first use."""
    encoder = _ENCODERS.get(spec)
    if encoder is None:
        encoder = _ENCODERS[spec] = spec()
    return encoder


@dataclass(frozen=True)
class ShardResult:
    """A shard's scored alignment, the findings of the per-unit checks (in the shard's numbering),
    and what the shard taught each check that compares across units (``Check.learn``)."""

    alignment: Alignment
    findings: tuple[Finding, ...]
    learned: tuple[Any, ...] = ()


def _corpus(shard: Shard, alignment: Alignment, encoder: Encoder, glossary: Any) -> Corpus:
    return Corpus(shard.source, (shard.target,), {(shard.source.id, shard.target.id): alignment},
                  {"glossary": glossary}, encoder=encoder)


def check_shard(shard: Shard, spec: EncoderSpec, checks: Sequence[type[Check]], glossary: Any,
                learners: Sequence[type[Check]] = ()) -> ShardResult:
    """Embed the shard's units, score its links, run ``checks`` (the per-unit ones) on it, and
    ``learn`` of it for each of ``learners`` (map)."""
    encoder = encoder_for(spec)
    loaded = Loaded(shard.source, [shard.target], {(shard.source.id, shard.target.id): shard.alignment})
    alignments, _ = align_documents(loaded, encoder)
    alignment = alignments[(shard.source.id, shard.target.id)]
    corpus = _corpus(shard, alignment, encoder, glossary)
    findings = tuple(f for check in checks for f in check().run(corpus))
    return ShardResult(alignment, findings, tuple(check().learn(corpus) for check in learners))


def find_shard(shard: Shard, spec: EncoderSpec, checks: Sequence[type[Check]], known: Sequence[Any],
               glossary: Any) -> tuple[tuple[Finding, ...], ...]:
    """The findings of each of ``checks`` on a shard whose links are scored already, given what
    the whole file taught it (``known``, in the order of ``checks``): one tuple per check."""
    corpus = _corpus(shard, shard.alignment, encoder_for(spec), glossary)
    return tuple(tuple(check().findings(corpus, what)) for check, what in zip(checks, known, strict=True))


def encode(texts: Sequence[str], spec: EncoderSpec) -> np.ndarray:
    """The vectors of ``texts`` (a batch of the texts the cross-unit checks in the client embed)."""
    return encoder_for(spec).encode(list(texts))


def pair_report(loaded: Loaded, options: Options, spec: EncoderSpec, checks: Sequence[type[Check]]) -> Report:
    """One whole source/translation pair aligned and checked (a gate pair, a monolingual compare)."""
    return build_report(loaded, encoder_for(spec), options, checks=checks)
