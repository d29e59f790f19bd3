"""Whole pair reports kept on disk: a pair whose files and settings are unchanged is not read again."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from checker import __version__
from checker.atomic import write_atomic
from checker.checks import CHECKS
from checker.gate.config import Config
from checker.gate.discover import Pair
from checker.model import Report
from checker.pipeline.options import Options, prior_of, result_key, signature


class ResultCache:
    """Whole pair reports on disk, keyed by both files' bytes, every setting that changes the
    findings (not the exit policy, ``fail_on``) and the code itself.

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
        for part in (pair.source, pair.translation, result_key(options)):
            digest.update(part.encode() + b"\x1f")
        for name in (pair.source, pair.translation):
            digest.update(hashlib.sha256((self.config.root / name).read_bytes()).digest())
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key[2:]}.pickle"

    def get(self, key: str, options: Options) -> Report | None:
        """The report kept under ``key``, its signature spelling out ``options`` (the run's own
        ``fail_on``, which the key leaves out); ``None`` when there is none."""
        import pickle

        try:
            report = pickle.loads(self._path(key).read_bytes())
        except Exception:  # missing, truncated or from another version: a miss
            return None
        if not isinstance(report, Report):
            return None
        return replace(report, tool=replace(report.tool, signature=signature(options, report.tool.model,
                                                                         prior_of(report.documents))))

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
