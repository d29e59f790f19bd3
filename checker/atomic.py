"""Files the tool keeps: written all at once (readers see the old content or the new, never half of
it), under one cache root."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path

CACHE_ENV = "TRANSCHECK_CACHE_DIR"


def write_atomic(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write ``data`` (text as UTF-8; pieces of text one after the other, as they come) to a
    temporary file beside ``path``, then rename it over ``path``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        elif isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            with tmp.open("w", encoding="utf-8") as out:
                out.writelines(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def cache_dir() -> Path:
    """The cache root: ``$TRANSCHECK_CACHE_DIR`` if set, else the user cache dir."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("transcheck"))
