"""The CI gate's configuration: ``[tool.transcheck]`` in pyproject.toml, or transcheck.toml.

A config names where sources live and where each translation lives, as path patterns with
two placeholders: ``{path}`` (any part of a path, folders included) and ``{lang}`` (each of
the mapping's languages). One mapping covers each repository layout::

    [tool.transcheck]
    source-lang = "en"
    fail-on = "major"
    ignore = ["spelling"]             # check id prefixes, as --ignore
    exclude = ["docs/en/drafts/**"]   # files never checked (globs, ** for any folders)
    per-file-ignores = { "docs/zh/legal/**" = ["spelling"] }
    baseline = ".transcheck-baseline.json"

    [tool.transcheck.severity]
    term-drift = "minor"

    [[tool.transcheck.mapping]]       # docs/en/guide/intro.md -> docs/zh/guide/intro.md
    source = "docs/en/{path}.md"
    translation = "docs/{lang}/{path}.md"
    languages = ["zh"]

    [[tool.transcheck.mapping]]       # foo.md -> foo.zh.md
    source = "{path}.md"
    translation = "{path}.{lang}.md"
    languages = ["zh"]

Mappings are tried in order and a source file belongs to the first that matches it, so put
the most specific first. In transcheck.toml the same keys stand at the top level (or under ``[tool.transcheck]``).
Every key is checked: an unknown key or a bad value is a ``ConfigError`` that names it, and so
is a check id prefix (in ``select``, ``ignore``, ``severity``, ``per-file-ignores``) that no
check id starts with.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.checks import by_id
from checker.errors import ConfigError
from checker.findings.selection import unknown_prefix
from checker.model import Severity
from checker.pipeline.options import FAIL_ON, FUZZY, SPLIT, Choice, Options, fail_on_of
from checker.readers import FORMATS

CONFIG_FILES = ("transcheck.toml", "pyproject.toml")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class PathMapping:
    """One source pattern and where its translations live, for each language."""

    source: str
    translation: str
    languages: tuple[str, ...]
    format: str | None = None
    split: str | None = None

    def translation_path(self, path: str, lang: str) -> str:
        """The translation pattern with ``{path}`` and ``{lang}`` filled in."""
        return self.translation.replace("{path}", path).replace("{lang}", lang)

    def source_path(self, path: str) -> str:
        return self.source.replace("{path}", path)


@dataclass(frozen=True)
class Config:
    """A validated gate configuration; paths are relative to ``root`` (the config's folder)."""

    root: Path
    mappings: tuple[PathMapping, ...]
    source_lang: str | None = None
    split: str = SPLIT.default
    model: str | None = None
    glossary: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: Severity | None = fail_on_of(FAIL_ON.default)
    baseline: str = ".transcheck-baseline.json"
    stale_threshold: float = 0.5
    jobs: int = 2
    fuzzy: str = FUZZY.default
    file: Path | None = None

    def options(self, mapping: PathMapping | None = None, target_lang: str | None = None) -> Options:
        """The per-pair runner options this config asks for."""
        glossary = str(self.root / self.glossary) if self.glossary else None
        return Options(
            split=(mapping.split if mapping and mapping.split else self.split),
            source_lang=self.source_lang, target_lang=target_lang, model=self.model,
            glossary=glossary, format=mapping.format if mapping else None,
            select=self.select, ignore=self.ignore, severity=dict(self.severity),
            fail_on=self.fail_on, fuzzy=self.fuzzy, stale_threshold=self.stale_threshold,
        )


def find_config(start: Path) -> Path | None:
    """The nearest transcheck.toml, or pyproject.toml with ``[tool.transcheck]``, at or above ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return isinstance(data.get("tool"), dict) and "transcheck" in data["tool"]


def load_config(path: Path | str) -> Config:
    """Read and validate the config file at ``path``; ``ConfigError`` names any bad key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    table: Any = data.get("tool", {}).get("transcheck") if isinstance(data.get("tool"), dict) else None
    prefix = "tool.transcheck"
    if table is None:
        if path.name == "pyproject.toml":
            raise ConfigError(f"{path}: no [tool.transcheck] table")
        table, prefix = data, ""
    return parse_config(table, root=path.parent, file=path, prefix=prefix)


_KEYS = {"mapping", "source-lang", "split", "model", "glossary", "select", "ignore", "severity",
         "exclude", "per-file-ignores", "fail-on", "baseline", "stale-threshold", "jobs", "fuzzy"}
_MAPPING_KEYS = {"source", "translation", "languages", "format", "split"}


def parse_config(table: Mapping[str, Any], *, root: Path, file: Path | None = None,
                 prefix: str = "tool.transcheck") -> Config:
    """A ``Config`` from the parsed table; every key is checked and named on error."""
    where = f"{file}: " if file else ""

    def key(name: str) -> str:
        return f"{prefix}.{name}" if prefix else name

    def fail(name: str, problem: str) -> ConfigError:
        return ConfigError(f"{where}{key(name)} {problem}")

    unknown = sorted(set(table) - _KEYS - ({"tool"} if not prefix else set()))
    if unknown:
        raise fail(unknown[0], f"is not a transcheck setting (known: {', '.join(sorted(_KEYS))})")
    raw_mappings = table.get("mapping")
    if not isinstance(raw_mappings, list) or not raw_mappings:
        raise fail("mapping", "must be a non-empty array of tables ([[...mapping]]) "
                              "with source, translation and languages")
    mappings = tuple(_mapping(m, f"mapping[{i}]", fail) for i, m in enumerate(raw_mappings))

    severity: dict[str, Severity] = {}
    raw_severity = table.get("severity", {})
    if not isinstance(raw_severity, dict):
        raise fail("severity", "must be a table of check id prefix = severity")
    for check, value in raw_severity.items():
        if value not in {s.value for s in Severity}:
            raise fail(f"severity.{check}", f"must be one of critical, major, minor, info, not {value!r}")
        severity[check] = Severity(value)

    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict) or not all(
            isinstance(v, list) and all(isinstance(x, str) and x for x in v) for v in per_file.values()):
        raise fail("per-file-ignores", "must be a table of path glob = [check id prefixes]")

    fail_on, split, fuzzy = (_choice(table, choice, fail) for choice in (FAIL_ON, SPLIT, FUZZY))
    stale = table.get("stale-threshold", 0.5)
    if isinstance(stale, bool) or not isinstance(stale, (int, float)) or not 0 < stale <= 1:
        raise fail("stale-threshold", f"must be a number in (0, 1], not {stale!r}")
    jobs = table.get("jobs", 2)
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise fail("jobs", f"must be a positive integer, not {jobs!r}")
    glossary = _opt_str(table, "glossary", fail)
    if glossary and not (root / glossary).is_file():
        raise fail("glossary", f"names {glossary!r}, which is not a file under {root}")
    select, ignore = _str_list(table, "select", fail), _str_list(table, "ignore", fail)
    known = _check_ids()
    for name, prefixes in (("select", select), ("ignore", ignore), ("severity", severity),
                           *((f"per-file-ignores.{glob!r}", ids) for glob, ids in per_file.items())):
        problem = unknown_prefix(prefixes, known)
        if problem:
            raise fail(name, f"entry {problem}")
    return Config(
        root=root, mappings=mappings, file=file, fuzzy=fuzzy,
        source_lang=_opt_str(table, "source-lang", fail), split=split,
        model=_opt_str(table, "model", fail), glossary=glossary,
        select=select, ignore=ignore,
        severity=severity, exclude=_str_list(table, "exclude", fail),
        per_file_ignores={glob: tuple(ids) for glob, ids in per_file.items()},
        fail_on=fail_on_of(fail_on),
        baseline=_opt_str(table, "baseline", fail) or ".transcheck-baseline.json",
        stale_threshold=float(stale), jobs=jobs,
    )


def _check_ids() -> frozenset[str]:
    """Every check id the registry knows (the gate's layout checks included)."""
    return frozenset(by_id())


def _mapping(raw: Any, name: str, fail) -> PathMapping:
    if not isinstance(raw, dict):
        raise fail(name, "must be a table with source, translation and languages")
    unknown = sorted(set(raw) - _MAPPING_KEYS)
    if unknown:
        raise fail(f"{name}.{unknown[0]}", f"is not a mapping setting (known: {', '.join(sorted(_MAPPING_KEYS))})")
    for required in ("source", "translation"):
        value = raw.get(required)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{name}.{required}", "must be a non-empty path pattern")
        if value.startswith("/") or ".." in value.split("/"):
            raise fail(f"{name}.{required}", f"must be a path inside the repository, not {value!r}")
        bad = set(_PLACEHOLDER.findall(value)) - {"path", "lang"}
        if bad:
            raise fail(f"{name}.{required}", f"uses {{{sorted(bad)[0]}}}; only {{path}} and {{lang}} exist")
    source, translation = raw["source"], raw["translation"]
    if "{lang}" in source:
        raise fail(f"{name}.source", "cannot use {lang}: the source has one language")
    if ("{path}" in source) != ("{path}" in translation):
        raise fail(f"{name}.translation", "must use {path} exactly when source does")
    languages = raw.get("languages")
    if isinstance(languages, str):
        languages = [languages]
    if not isinstance(languages, list) or not languages or not all(
            isinstance(x, str) and x.strip() for x in languages):
        raise fail(f"{name}.languages", "must be a non-empty list of language codes")
    if len(languages) > 1 and "{lang}" not in translation:
        raise fail(f"{name}.translation", "must use {lang} when a mapping has several languages")
    split = raw.get("split")
    if split is not None and SPLIT.problem(split):
        raise fail(f"{name}.split", SPLIT.problem(split))
    fmt = raw.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise fail(f"{name}.format", f"must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return PathMapping(source, translation, tuple(languages), fmt, split)


def _choice(table: Mapping[str, Any], choice: Choice, fail) -> str:
    """The value of a setting that takes one of ``choice``'s values (its default when absent)."""
    value = table.get(choice.key, choice.default)
    problem = choice.problem(value)
    if problem:
        raise fail(choice.key, problem)
    return value


def _opt_str(table: Mapping[str, Any], name: str, fail) -> str | None:
    value = table.get(name)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise fail(name, f"must be a non-empty string, not {value!r}")
    return value


def _str_list(table: Mapping[str, Any], name: str, fail) -> tuple[str, ...]:
    value = table.get(name, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
        raise fail(name, "must be a list of strings")
    return tuple(value)
