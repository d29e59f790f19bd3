"""For the checks' tests: ``Check.learn`` / ``combine`` / ``findings`` / ``merge`` over the shards
of a bilingual file give what ``Check.run`` gives on the whole file, finding for finding and in
its order (before the report sorts them), for a check that reads the file's links but never
their similarities (no encoder is made)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from checker.checks.base import Check
from checker.engine.shards import shift_finding, split
from checker.model import Corpus, Finding
from checker.pipeline.run import Options, read_inputs
from checker.readers import glossary as glossaries


def assert_steps_agree(check: type[Check], path: Path, shard_units: Sequence[int] = (1, 2, 7, 60),
                       glossary: Path | None = None) -> list[Finding]:
    """Assert ``check``'s steps over shards of each of ``shard_units`` units of ``path`` give
    ``check().run`` on the whole file; its findings."""
    loaded = read_inputs(path, [], Options())
    source, target = loaded.source, loaded.translations[0]
    alignment = loaded.given[(source.id, target.id)]
    options = {"glossary": glossaries.load(glossary) if glossary else None}
    whole = list(check().run(Corpus(source, (target,), {(source.id, target.id): alignment}, options)))
    for size in shard_units:
        shards = list(split(source, target, alignment, size))
        corpora = [Corpus(s.source, (s.target,), {(s.source.id, s.target.id): s.alignment}, options) for s in shards]
        known = check.combine([check().learn(corpus) for corpus in corpora])
        found = [shift_finding(s, f) for s, corpus in zip(shards, corpora, strict=True)
                 for f in check().findings(corpus, known)]
        assert check.merge(found) == whole, f"{check.id}: the steps over shards of {size} units find otherwise"
    return whole
