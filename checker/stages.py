"""The long steps of a run, announced for whoever shows progress (the library never prints).

A step that may take seconds with no count to show (converting the model, loading it, reading
a big file) runs inside ``with stage("converting the embedding model"):``. A front end that
wants to show it registers a listener for the run with ``listening(callback)``; the callback
gets ``(label, started)``, once with ``True`` when the step starts and once with ``False`` when
it ends, from whichever thread runs the step. With no listener a stage costs nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, bool], None]

_listeners: list[Listener] = []
_lock = threading.Lock()

BIG_FILE = 1 << 20
"""A file at least this large (1 MiB) is announced while it is read."""


@contextmanager
def stage(label: str) -> Iterator[None]:
    """Announce ``label`` to every listener for the duration of the block."""
    _notify(label, True)
    try:
        yield
    finally:
        _notify(label, False)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Call ``listener`` for every stage that starts or ends inside the block."""
    with _lock:
        _listeners.append(listener)
    try:
        yield
    finally:
        with _lock:
            _listeners.remove(listener)


def _notify(label: str, started: bool) -> None:
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(label, started)
