"""Whole pair reports kept on disk: a pair whose files and settings are unchanged is not read again."""

from __future__ import annotations

import hashlib
from pathlib import Path

from checker import __version__
from checker.atomic import write_atomic
from checker.checks import CHECKS
from checker.gate.config import Config
from checker.gate.discover import Pair
from checker.model import Report
from checker.pipeline.options import signature


class ResultCache:
    """Whole pair reports on disk, keyed by both files' bytes, every setting and the code itself.

    A hit skips reading, embedding and checking the pair: a run over an unchanged repository
    costs a hash of each file. Entries are pickles in the user's own cache folder (the same trust
    as the embedding cache); an unreadable entry is a miss.
    """

    def __init__(self, folder: Path, config: Config, model: str) -> None:
        self.folder = folder
        self.config = config
        glossary = (config.root / config.glossary).read_bytes() if config.glossary else b""
        self.base = hashlib.sha256("\x1f".join([
            __version__, model, _code_fingerprint(), ",".join(c.id for c in CHECKS),
            str(config.stale_threshold), hashlib.sha256(glossary).hexdigest(),
        ]).encode()).hexdigest()

    def key(self, pair: Pair) -> str:
        options = self.config.options(pair.mapping, pair.lang)
        digest = hashlib.sha256(self.base.encode())
        for part in (pair.source, pair.translation, signature(options, ""), repr(options)):
            digest.update(part.encode() + b"\x1f")
        for name in (pair.source, pair.translation):
            digest.update(hashlib.sha256((self.config.root / name).read_bytes()).digest())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.pickle"

    def get(self, key: str) -> Report | None:
        import pickle

        try:
            report = pickle.loads(self._path(key).read_bytes())
        except Exception:  # missing, truncated or from another version: a miss
            return None
        return report if isinstance(report, Report) else None

    def put(self, key: str, report: Report) -> None:
        import pickle

        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a cache that cannot be written only costs time


def _code_fingerprint() -> str:
    """A hash of the checker package's source files (names and contents): new code, new results.

    Contents, not times, so that a fresh install of the same version in CI keeps the results.
    """
    package = Path(__file__).resolve().parents[1]  # checker/
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
