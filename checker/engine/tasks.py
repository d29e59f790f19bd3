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
    """A shard's scored alignment and the findings of the per-unit checks, in the shard's numbering."""

    alignment: Alignment
    findings: tuple[Finding, ...]


def check_shard(shard: Shard, spec: EncoderSpec, checks: Sequence[type[Check]], glossary: Any) -> ShardResult:
    """Embed the shard's units, score its links, and run ``checks`` (the per-unit ones) on it."""
    encoder = encoder_for(spec)
    loaded = Loaded(shard.source, [shard.target], {(shard.source.id, shard.target.id): shard.alignment})
    alignments, _ = align_documents(loaded, encoder)
    corpus = Corpus(shard.source, (shard.target,), alignments, {"glossary": glossary}, encoder=encoder)
    findings = tuple(f for check in checks for f in check().run(corpus))
    return ShardResult(alignments[(shard.source.id, shard.target.id)], findings)


def encode(texts: Sequence[str], spec: EncoderSpec) -> np.ndarray:
    """The vectors of ``texts`` (a batch of the texts the cross-unit checks in the client embed)."""
    return encoder_for(spec).encode(list(texts))


def pair_report(loaded: Loaded, options: Options, spec: EncoderSpec, checks: Sequence[type[Check]]) -> Report:
    """One whole source/translation pair aligned and checked (a gate pair, a monolingual compare)."""
    return build_report(loaded, encoder_for(spec), options, checks=checks)
