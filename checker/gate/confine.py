"""What a gate run may touch: files inside the repository, and regular files only.

A gate runs on pull requests, whose authors control the repository's content: a symlink
``docs/en/leak.md -> /home/runner/.ssh/id_rsa`` would put the outside file's text into the
terminal and the reports, and ``baseline = "../../x.json"`` would write outside the checkout.
So every file the config names (glossary, baseline) and every file of a pair must resolve,
symlinks followed, to a path inside the config's root, unless the caller allows it explicitly.
A FIFO or a device is refused too: opening one blocks forever. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from checker.errors import ConfigError, InputError, UsageError
from checker.gate.config import Config
from checker.gate.discover import Pair

_HOW = "use --allow-outside to read it anyway"


def is_inside(config: Config, path: Path) -> bool:
    """Whether ``path``, every symlink resolved, lies inside the config's root."""
    try:
        return path.resolve().is_relative_to(config.root.resolve())
    except (RuntimeError, OSError):  # a symlink loop
        return False


def check_config(config: Config, *, allow_outside: bool = False) -> None:
    """Refuse a glossary or baseline that the config places outside the repository."""
    if allow_outside:
        return
    where = f"{config.file}: " if config.file else ""
    for key, name in (("glossary", config.glossary), ("baseline", config.baseline)):
        if name and not is_inside(config, config.root / name):
            raise ConfigError(f"{where}{key} {name!r} is outside the repository ({config.root}); "
                              f"{_HOW}")


def check_pairs(config: Config, pairs: Sequence[Pair], *, allow_outside: bool = False) -> None:
    """Refuse a file of ``pairs`` that is not a regular file, or that resolves outside the root."""
    for pair in pairs:
        for name in (pair.source, pair.translation):
            path = config.root / name
            if not path.exists() and not path.is_symlink():
                continue  # a missing or orphan pair's absent side
            try:
                path.resolve()
            except (RuntimeError, OSError):
                raise InputError(name, "is a symlink loop") from None
            if not allow_outside and not is_inside(config, path):
                raise InputError(name, f"is a symlink to a file outside the repository; {_HOW}")
            if not path.is_file():
                raise InputError(name, "is not a regular file (a FIFO, a device, a socket or a "
                                       "broken symlink)")


def relative_paths(config: Config, paths: Iterable[Path]) -> list[str]:
    """Command-line PATHS relative to the root; one outside the repository is a usage error."""
    root = config.root.resolve()
    result = []
    for path in paths:
        try:
            resolved = path.resolve()
        except (RuntimeError, OSError):
            raise UsageError(f"{path}: the path is a symlink loop") from None
        if not resolved.exists():
            raise UsageError(f"{path}: no such file or folder")
        if not resolved.is_relative_to(root):
            raise UsageError(f"{path}: outside the repository ({root}); give paths under it")
        result.append(resolved.relative_to(root).as_posix())
    return result


def read_files(config: Config, pairs: Sequence[Pair], baseline: Path | None = None) -> list[Path]:
    """Every file a run reads, or would read: the config, glossary, baseline and every pair's files."""
    files = [config.root / config.baseline, *([baseline] if baseline else [])]
    if config.file:
        files.append(config.file)
    if config.glossary:
        files.append(config.root / config.glossary)
    files += [config.root / name for pair in pairs for name in (pair.source, pair.translation)]
    return files
