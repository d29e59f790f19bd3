"""Which source/translation file pairs a config names, and which of them changed."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from checker.errors import UsageError
from checker.gate.config import Config, PathMapping
from checker.text.globs import glob_regex


@dataclass(frozen=True)
class Pair:
    """A source file and one translation of it (paths relative to the config root, with ``/``)."""

    source: str
    translation: str
    lang: str
    mapping: PathMapping
    status: str = "ok"  # "ok", "missing" (no translation file) or "orphan" (no source file)


def _pattern_regex(pattern: str, languages: Sequence[str] = ()) -> re.Pattern[str]:
    parts = re.split(r"(\{path\}|\{lang\})", pattern)
    out = []
    for part in parts:
        if part == "{path}":
            out.append(r"(?P<path>[^/].*?)")
        elif part == "{lang}":
            out.append("(?P<lang>" + "|".join(re.escape(x) for x in languages) + ")")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out))



def _walk(root: Path, start: str) -> list[str]:
    """Every file under ``root/start`` as a relative posix path, skipping hidden folders."""
    base = root / start if start else root
    if base.is_file():
        return [start]
    found = []
    for folder, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        rel = Path(folder).relative_to(root).as_posix()
        for name in sorted(files):
            found.append(name if rel == "." else f"{rel}/{name}")
    return found


def _fixed_prefix(pattern: str) -> str:
    """The folder part of a pattern before its first placeholder (where to start walking)."""
    head = pattern.split("{", 1)[0]
    return head if "{" not in pattern else head.rsplit("/", 1)[0] if "/" in head else ""


def discover(config: Config) -> list[Pair]:
    """Every (source, translation) pair the mappings name, plus missing and orphan ones."""
    excluded = [glob_regex(g) for g in config.exclude]
    translation_res = [_pattern_regex(m.translation, m.languages) for m in config.mappings]
    walked: dict[str, list[str]] = {}

    def files(pattern: str) -> list[str]:
        start = _fixed_prefix(pattern)
        if start not in walked:
            walked[start] = [f for f in _walk(config.root, start)
                             if not any(x.fullmatch(f) for x in excluded)]
        return walked[start]

    pairs: dict[tuple[str, str], Pair] = {}
    claimed: set[str] = set()  # a source belongs to the first mapping that matches it
    for mapping in config.mappings:
        source_re = _pattern_regex(mapping.source)
        mine: set[str] = set()
        for path in files(mapping.source):
            match = source_re.fullmatch(path)
            if not match or path in claimed or any(t.fullmatch(path) for t in translation_res):
                continue
            mine.add(path)
            stem = match.groupdict().get("path") or ""
            for lang in mapping.languages:
                target = mapping.translation_path(stem, lang)
                if any(x.fullmatch(target) for x in excluded):
                    continue
                status = "ok" if (config.root / target).is_file() else "missing"
                pairs.setdefault((path, target), Pair(path, target, lang, mapping, status))
        claimed |= mine
        paired = {p.translation for p in pairs.values()}
        for lang in mapping.languages:
            pattern = mapping.translation.replace("{lang}", lang)
            lang_re = _pattern_regex(pattern)
            for path in files(pattern):
                match = lang_re.fullmatch(path)
                if not match:
                    continue
                source = mapping.source_path(match.groupdict().get("path") or "")
                if (config.root / source).is_file() and not any(x.fullmatch(source) for x in excluded):
                    continue
                if path in paired:
                    continue
                pairs.setdefault((source, path), Pair(source, path, lang, mapping, "orphan"))
    return sorted(pairs.values(), key=lambda p: (p.source, p.translation))


def changed_files(root: Path, rev: str) -> set[str]:
    """Files changed in git since ``rev`` (committed, staged, unstaged or untracked), relative to ``root``."""
    def git(*args: str, problem: str = "git failed") -> str:
        try:
            done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
        except FileNotFoundError:
            raise UsageError("--changed-since needs git, which is not installed") from None
        if done.returncode != 0:
            said = done.stderr.strip().splitlines()
            raise UsageError(f"--changed-since {rev}: {said[-1] if said else problem}")
        return done.stdout

    top = Path(git("rev-parse", "--show-toplevel").strip())
    git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", problem="no such commit in this git repository")
    names = git("diff", "--name-only", "--no-renames", rev, "--").splitlines()
    names += git("ls-files", "--others", "--exclude-standard", "--full-name").splitlines()
    root = root.resolve()
    result = set()
    for name in names:
        path = (top / name).resolve()
        if path.is_relative_to(root):
            result.add(path.relative_to(root).as_posix())
    return result


def select_pairs(pairs: Sequence[Pair], *, paths: Sequence[str] | None = None,
                 changed: set[str] | None = None) -> list[Pair]:
    """The pairs with a file under one of ``paths`` (files or folders; ``None``: all) and, if
    ``changed`` is given, with a file in it."""
    chosen = []
    for pair in pairs:
        names = (pair.source, pair.translation)
        if paths is not None and not any(_under(n, p) for n in names for p in paths):
            continue
        if changed is not None and not any(n in changed for n in names):
            continue
        chosen.append(pair)
    return chosen


def _under(name: str, path: str) -> bool:
    path = PurePosixPath(path).as_posix().rstrip("/")
    return path in ("", ".") or name == path or name.startswith(path + "/")
