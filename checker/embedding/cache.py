"""An on-disk embedding cache keyed by (model identity, text), and an encoder that uses it.

Vectors live in one SQLite file in WAL mode, so several processes can read and write it at
once; a busy database is retried with back-off. A file that SQLite cannot read (corrupt,
truncated, not a database, or damaged past its first page) is moved aside and a fresh cache
is started: losing the cache only costs time, so it must never stop a run, nor slow every run
after it. ``EmbeddingCache.moved_aside`` counts the files moved, for the CLI to say so once.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np

from checker.embedding.base import Progress

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    model TEXT NOT NULL,
    key   BLOB NOT NULL,
    dim   INTEGER NOT NULL,
    vec   BLOB NOT NULL,
    PRIMARY KEY (model, key)
) WITHOUT ROWID
"""
_CHUNK = 500  # keys per SELECT (stays under SQLite's bound-parameter limit)
EMBED_CAP = 4_000
"""Characters of one text that are embedded: a giant segment (a 20 MB line with no sentence end)
would otherwise be tokenised whole and run through the model window after window, for hours."""
_PIECES = 8


def capped(text: str) -> str:
    """``text``, or for a giant one ``_PIECES`` evenly spaced slices of it, ``EMBED_CAP`` characters
    in all: enough to place it in the alignment, at a bounded cost."""
    if len(text) <= EMBED_CAP:
        return text
    width = EMBED_CAP // _PIECES
    step = (len(text) - width) / (_PIECES - 1)
    return " ".join(text[round(k * step):round(k * step) + width] for k in range(_PIECES))


def text_key(text: str) -> bytes:
    """The cache key of ``text``: its SHA-256 digest (fixed size, no text stored on disk)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class EmbeddingCache:
    """Vectors by (model, text) in a SQLite file; safe to share between processes."""

    def __init__(self, path: Path, *, timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout
        self.moved_aside = 0
        self._conn: sqlite3.Connection | None = None

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of those ``texts`` that are in the cache."""
        by_key = {text_key(t): t for t in texts}
        keys = list(by_key)
        found: dict[str, np.ndarray] = {}

        def read(conn: sqlite3.Connection) -> list[tuple[bytes, int, bytes]]:
            rows: list[tuple[bytes, int, bytes]] = []
            for start in range(0, len(keys), _CHUNK):
                part = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(part))
                rows += conn.execute(
                    f"SELECT key, dim, vec FROM embeddings WHERE model = ? AND key IN ({marks})",
                    [model, *part],
                ).fetchall()
            return rows

        for key, dim, blob in self._run(read):
            vec = np.frombuffer(blob, dtype="<f4")
            if vec.shape == (dim,):  # a damaged row is simply a miss
                found[by_key[key]] = vec.astype(np.float32)
        return found

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        """Store vectors (one transaction); existing entries are replaced."""
        rows = [
            (model, text_key(t), int(v.shape[0]), np.ascontiguousarray(v, "<f4").tobytes())
            for t, v in items.items()
        ]

        def write(conn: sqlite3.Connection) -> None:
            with conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO embeddings (model, key, dim, vec) VALUES (?, ?, ?, ?)",
                    rows,
                )

        if rows:
            self._run(write)

    def close(self) -> None:
        """Close the connection (it reopens on next use)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # ------------------------------------------------------------------ internals

    def _run(self, op: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``op``, retrying while the database is busy and rebuilding it if corrupt."""
        delay = 0.05
        deadline = time.monotonic() + self.timeout
        rebuilt = False
        while True:
            try:
                return op(self._connect())
            except sqlite3.OperationalError as exc:
                if _is_busy(exc) and time.monotonic() < deadline:
                    time.sleep(delay * (1 + random.random()))
                    delay = min(delay * 2, 1.0)
                    continue
                if _is_busy(exc) or rebuilt:
                    raise
                self._move_aside()
                rebuilt = True
            except sqlite3.DatabaseError:
                if rebuilt:
                    raise
                self._move_aside()
                rebuilt = True

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            try:
                conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000):d}")
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute(_SCHEMA)
                # isolation_level=None is autocommit; ``with conn`` still wraps writes
                conn.isolation_level = "DEFERRED"
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    def _move_aside(self) -> None:
        """Rename an unreadable cache file to ``*.corrupt-<time>`` so a new one can start."""
        from filelock import FileLock

        self.close()
        with FileLock(str(self.path) + ".lock"):
            if not self._unreadable():
                return  # another process already replaced it
            stamp = time.strftime("%Y%m%d-%H%M%S")
            if self.path.exists():
                self.path.replace(self.path.with_name(f"{self.path.name}.corrupt-{stamp}"))
                self.moved_aside += 1
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                side.unlink(missing_ok=True)

    def _unreadable(self) -> bool:
        try:
            with _closing(sqlite3.connect(self.path, timeout=self.timeout)) as conn:
                conn.execute("PRAGMA schema_version").fetchone()
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                conn.execute(_SCHEMA)
                # a file whose first page is intact but whose rows are garbage passes the lines
                # above; only reading every page finds it (this runs only after an error)
                return conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
        except sqlite3.OperationalError as exc:
            return not _is_busy(exc)
        except sqlite3.DatabaseError:
            return True


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    message = str(exc).lower()
    return "locked" in message or "busy" in message


@contextmanager
def _closing(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    try:
        yield conn
    finally:
        conn.close()


# ---------------------------------------------------------------------------- encoder


class _Inner(Protocol):
    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray: ...


@dataclass
class CacheStats:
    """How many texts were served from the cache, how many were embedded, cache failures."""

    from_cache: int = 0
    embedded: int = 0
    cache_errors: int = 0
    cache_moved_aside: int = 0


class CachedEncoder:
    """Wrap an encoder so each (model, text) is embedded once, ever.

    Duplicate texts within one call are embedded once too. The wrapped encoder is only
    called for texts that are missing, so a fully cached run never loads the model.
    """

    def __init__(self, inner: _Inner, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache = cache
        self.stats = CacheStats()

    @property
    def name(self) -> str:
        """The wrapped model's identity."""
        return self.inner.name

    def encode(self, texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
        """Embed ``texts`` (float32, unit rows), reading and filling the cache; a giant text is
        embedded ``capped``."""
        texts = [capped(t) for t in texts]
        total = len(texts)
        try:
            found = self.cache.get_many(self.name, texts)
        except (sqlite3.Error, OSError):  # an unusable cache costs time, never the run
            self.stats.cache_errors += 1
            found = {}
        self.stats.cache_moved_aside = self.cache.moved_aside
        missing = list(dict.fromkeys(t for t in texts if t not in found))
        cached = sum(1 for t in texts if t in found)
        self.stats.from_cache += cached
        if missing:
            on_progress = None
            if progress is not None:
                scale = (total - cached) / len(missing)

                def on_progress(done: int, _n: int) -> None:
                    progress(cached + round(done * scale), total)

            vectors = self.inner.encode(missing, on_progress)
            fresh = {t: vectors[i] for i, t in enumerate(missing)}
            try:
                self.cache.put_many(self.name, fresh)
            except (sqlite3.Error, OSError):
                self.stats.cache_errors += 1
            self.stats.cache_moved_aside = self.cache.moved_aside
            found.update(fresh)
            self.stats.embedded += len(missing)
        elif progress is not None:
            progress(total, total)
        if not texts:
            dim = getattr(self.inner, "dim", 0)
            return np.zeros((0, dim), dtype=np.float32)
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)
