"""Word lists decoded once per installation: a ``marshal`` copy in the transcheck cache folder.

Decoding pyspellchecker's gzipped JSON or wordfreq's msgpack file costs several times more than
reading back the same words marshalled. The copy is named after the data file's size and
modification time, so an upgraded package writes a new copy; a cache folder that cannot be
written only means decoding every time.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from checker.atomic import cache_dir, write_atomic

T = TypeVar("T")

FORMAT = 1
"""Bump when what a builder returns changes shape: old copies are then ignored."""


def cached(name: str, source: Path, build: Callable[[], T]) -> T:
    """``build()``, or its copy from an earlier run if ``source`` (the data file) is unchanged.

    ``build`` must return what ``marshal`` stores: dicts, sets, lists, strings and numbers.
    """
    try:
        path = copy_path(name, source, "marshal")
    except OSError:
        return build()
    try:
        return marshal.loads(path.read_bytes())  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, marshal.dumps(value))  # a concurrent run reads the old copy, the new, or none
    except (OSError, ValueError):
        pass
    return value


def copy_path(name: str, source: Path, suffix: str, version: int = FORMAT) -> Path:
    """Where the copy of ``source`` called ``name`` lives: the name says the data file's size and
    modification time and the copy's format ``version``, so a change of either is a new file.
    Raises ``OSError`` when ``source`` cannot be read."""
    stat = source.stat()
    return _folder() / f"{name}-v{version}-{stat.st_size}-{stat.st_mtime_ns}.{suffix}"


def _folder() -> Path:
    return cache_dir() / "lexicon"
