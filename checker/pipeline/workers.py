"""Run a function in a forked child while the parent works, and get its result back.

The checks are independent once the documents are aligned, and pure Python: on two cores, half of
them can run in a child process. ``fork`` shares the aligned corpus without pickling it; only the
result travels back, pickled through a pipe. Where ``fork`` is missing, or the child fails, the
caller gets ``None`` and runs the work itself.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Forked(Generic[T]):
    """``fn()`` running in a child process; ``result()`` waits for it (``None`` if it failed)."""

    def __init__(self, fn: Callable[[], T]) -> None:
        self._pid = 0
        self._read = -1
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, and leave without running any cleanup of the parent's
            os.close(read)
            code = 0
            try:
                payload = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(payload)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T | None:
        if not self._pid:
            return None
        with os.fdopen(self._read, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        if status != 0 or not payload:
            return None
        return pickle.loads(payload)
