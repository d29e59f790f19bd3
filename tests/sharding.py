"""For the checks' tests: a check that compares across units (``Check.learn`` / ``combine`` /
``findings`` / ``merge``) finds on a bilingual file, cut into shards of units as a distributed run
cuts it, exactly what it finds on the whole file, in content, fingerprints and order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from checker.checks.base import Check
from checker.engine import ModelSpec, Serial
from checker.engine import compare as engine_compare
from checker.pipeline.run import Options, compare
from checker.reporters.json import finding_to_dict

DEFAULT_MODEL = ModelSpec()


def findings_whole_and_sharded(check: type[Check], path: Path, shard_units: Sequence[int],
                               spec: Callable[[], Any] = DEFAULT_MODEL, glossary: Path | None = None,
                               ) -> tuple[list[dict], list[list[dict]]]:
    """``check``'s findings (as the JSON report writes them) on the whole of ``path``, and with
    ``path`` cut into shards of each of ``shard_units`` units; ``spec`` makes the encoder (the
    default model, or a test's stand-in class); ``glossary``: the run's ``--glossary``."""
    assert check.shardable(), f"{check.id} does not run shard by shard"
    options = Options(select=(check.id,), glossary=str(glossary) if glossary else None)
    whole = compare(path, [], options, encoder=spec())
    sharded = [engine_compare(path, [], options, engine=Serial(), spec=spec, shard_units=size)
               for size in shard_units]
    return [finding_to_dict(f) for f in whole.findings], [[finding_to_dict(f) for f in r.findings] for r in sharded]


def assert_shards_agree(check: type[Check], path: Path, shard_units: Sequence[int] = (1, 7, 60),
                        spec: Callable[[], Any] = DEFAULT_MODEL, glossary: Path | None = None) -> list[dict]:
    """Assert ``check`` finds the same on ``path`` whole and shard by shard; its findings."""
    whole, sharded = findings_whole_and_sharded(check, path, shard_units, spec, glossary)
    for size, found in zip(shard_units, sharded, strict=True):
        assert found == whole, f"{check.id}: shards of {size} units find otherwise than the whole file"
    return whole
