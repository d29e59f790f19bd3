"""The Dask engine: tasks on the workers of a ``distributed`` cluster.

Dask rather than Ray: ``dask[distributed]`` is pure Python (about 10 MB with its dependencies,
against Ray's 60 MB+ of native wheels), a local cluster of two worker processes starts in
about two seconds, and teams that run clusters already start them with ``dask-scheduler`` and
``dask-worker`` (or dask-jobqueue on Slurm and PBS, dask-kubernetes): ``--address`` joins one.

A worker that dies (killed, out of memory) has its task re-run on another worker by the
scheduler; a task that kills ``distributed.scheduler.allowed-failures`` + 1 workers (3 by
default) is given up, and the run stops with ``EngineError``: one line, exit code 2, no report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from checker.engine.base import EngineError

CONNECT_TIMEOUT = "20s"
IN_FLIGHT = 2
"""Tasks sent per worker before any finishes: one running, one queued behind it."""
QUIET_LOGS = {"distributed.admin.low-level-log-length": 0}
"""Each connection of ``distributed`` keeps its last 1,000 messages under 1 MB for debugging
(``BatchedSend.recent_message_log``): every shard sent, in the client and in a local cluster's
scheduler, which runs in the client's process. That made the client grow with the file (30,000
units: 124,000 segments alive for 60,000 read); a scheduler of one's own wants the same setting
(README)."""


class DaskEngine:
    """A client of the scheduler at ``address``, or of a local cluster of ``workers`` processes."""

    name = "dask"

    def __init__(self, *, address: str | None = None, workers: int | None = None) -> None:
        import dask
        from distributed import Client, LocalCluster

        self._cluster = None
        try:
            with dask.config.set(QUIET_LOGS):
                if address:
                    self._client = Client(address, timeout=CONNECT_TIMEOUT)
                else:
                    self._cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                                 dashboard_address=":0", silence_logs=logging.ERROR)
                    self._client = Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            where = f"the Dask scheduler at {address}" if address else "a local Dask cluster"
            raise EngineError(f"cannot reach {where}: {exc}") from None

    @property
    def workers(self) -> int:
        return len(self._client.scheduler_info().get("workers", {}))

    def map(self, fn: Callable[..., Any], items: Iterable[Any], *args: Any) -> Iterator[tuple[int, Any]]:
        """Tasks are sent ``IN_FLIGHT`` per worker at a time, the next one as one finishes: the
        client (and a local scheduler) never holds more than those tasks' items and results."""
        from distributed import as_completed

        pending = enumerate(items)
        waiting: dict[Any, Any] = {}
        index: dict[Any, int] = {}

        def send() -> Any | None:
            k, item = next(pending, (None, None))
            if k is None:
                return None
            future = self._client.submit(fn, item, *args, pure=False)
            waiting[future.key], index[future.key] = future, k
            return future

        first = [f for f in (send() for _ in range(IN_FLIGHT * max(1, self.workers))) if f is not None]
        if not first:
            return
        flow = as_completed(first)
        try:
            for future in flow:
                k = index.pop(future.key)
                result = _result(future, k)
                del waiting[future.key]
                future.release()  # the worker may drop the result now: its memory stays flat
                following = send()
                if following is not None:
                    flow.add(following)
                yield k, result
        finally:
            for future in waiting.values():
                future.cancel()

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        return _result(self._client.submit(fn, *args, pure=False), 0)

    def each_worker(self, fn: Callable[[], Any]) -> dict[str, Any]:
        """``fn()`` run once in every worker process, by worker address (peak memory, say)."""
        return self._client.run(fn)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _result(future: Any, index: int) -> Any:
    """The task's result; its own error (a bad input) as raised; a lost worker as ``EngineError``."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        raise EngineError(f"task {index} ({future.key}) killed the Dask workers that ran it "
                          f"too many times; no report was written") from None
    except (OSError, TimeoutError) as exc:
        raise EngineError(f"lost the Dask cluster while task {index} ran: {exc}") from None
