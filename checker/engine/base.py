"""The ``Engine`` interface, the in-process engine, and the encoder a worker builds for itself."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from checker.embedding.base import Encoder
from checker.errors import TranscheckError, UsageError

ENGINES = ("local", "dask")
"""``local``: the single-process pipeline; ``dask``: shards on a Dask cluster."""


class EngineError(TranscheckError):
    """The cluster could not be reached, or a task kept killing its workers: no report is made."""


class Engine(Protocol):
    """Where tasks run. ``map`` yields ``(index, result)`` as each task finishes."""

    name: str

    def map(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[tuple[int, Any]]:
        """``fn(item, *args)`` for every item, yielded as ``(index of item, result)`` when done."""
        ...

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` run as one task, and its result."""
        ...

    def close(self) -> None:
        ...


class Serial:
    """Every task in this process, one after the other (the tests' reference for sharding)."""

    name = "serial"

    def map(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[tuple[int, Any]]:
        for k, item in enumerate(items):
            yield k, fn(item, *args)

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        return fn(*args)

    def close(self) -> None:
        pass

    def __enter__(self) -> Serial:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class ModelSpec:
    """How a worker makes its encoder: the run's model (``None``: the default), with the disk
    cache of embeddings (SQLite in WAL mode: worker processes on one machine share it safely).
    Any picklable, hashable callable returning an ``Encoder`` will do (the tests pass a class)."""

    model: str | None = None

    def __call__(self) -> Encoder:
        from checker import embedding

        return embedding.load_encoder(self.model)


def open_engine(name: str, *, address: str | None = None, workers: int | None = None) -> Engine:
    """The engine ``name`` (``dask``: on the scheduler at ``address``, else a local cluster of
    ``workers`` processes); ``local`` is the pipeline itself and has no engine object."""
    if name == "dask":
        from checker.engine.dask import DaskEngine

        return DaskEngine(address=address, workers=workers)
    if name == "serial":
        return Serial()
    raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, not {name!r}")
