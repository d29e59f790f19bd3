"""The options of the distributed engine (``--engine``, ``--address``, ``--workers``, ``--jsonl``),
shared by ``compare`` and ``check``."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from checker.cli.support import choice_option
from checker.errors import UsageError


class EngineName(str, Enum):
    local = "local"
    dask = "dask"


EngineOption = Annotated[EngineName, choice_option(
    EngineName, "--engine", help="Where the work runs: this process, or a Dask cluster (shards of units or pairs).")]
AddressOption = Annotated[str | None, typer.Option(
    "--address", metavar="HOST:PORT", help="Join the Dask scheduler at this address (default: start a local cluster).")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1, metavar="N", help="Worker processes of the local Dask cluster (default: 2).")]
JsonlOption = Annotated[Path | None, typer.Option(
    "--jsonl", metavar="PATH", help="Also write the findings as JSON Lines, as the shards finish (--engine dask).")]


@contextmanager
def engine_of(name: EngineName, address: str | None, workers: int | None) -> Iterator[Any]:
    """The open engine (``None`` for ``local``), closed when the block ends."""
    if name is EngineName.local:
        if address or workers:
            raise UsageError("--address and --workers need --engine dask")
        yield None
        return
    from checker.engine import open_engine

    engine = open_engine(name.value, address=address, workers=workers)
    try:
        yield engine
    finally:
        engine.close()


@contextmanager
def jsonl_stream(path: Path | None) -> Iterator[Any]:
    """A ``FindingStream`` writing to ``path`` (``None`` without one): lines go to ``PATH.partial``
    while the run goes on, renamed to ``PATH`` when it ends, removed if it fails."""
    if path is None:
        yield None
        return
    from checker.engine.stream import FindingStream

    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as out:
            def write(line: str) -> None:
                out.write(line)
                out.flush()

            yield FindingStream(write)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)
