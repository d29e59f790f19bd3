"""The CI gate: find every source/translation file pair a config names, and check them all.

    config -> discover pairs -> read -> embed everything once -> align + check each pair
           -> gate findings (missing, orphan, stale) -> inline suppressions -> one Report per pair

The encoder is shared by all pairs and every text is embedded in one batch, so a run loads the
model at most once (and not at all when the embedding cache already holds every text). Pairs
are then aligned and checked by a pool of ``config.jobs`` worker threads. With a result cache,
a pair whose two files and settings are unchanged is not even read again. Nothing here prints.

The three layout checks (``missing-translation``, ``orphan-translation``, ``stale-translation``)
are declared here like every other check, in ``GATE_CHECKS``; select/ignore and severity
overrides apply to them as to the rest.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import numpy as np

from checker import __version__, fingerprint
from checker.atomic import write_atomic
from checker.checks.base import Check
from checker.config import Config, PathMapping
from checker.embedding.base import Encoder
from checker.errors import ConfigError, UsageError
from checker.model import (Category, Corpus, Document, Finding, Location, Report, Role,
                           Severity, ToolInfo)
from checker.selection import is_selected, override_severity

Progress = Callable[[str, int, int], None]


# ---------------------------------------------------------------------------- gate checks


class _GateCheck(Check):
    """A check the gate makes from the repository layout, not from an aligned pair."""

    def run(self, corpus: Corpus) -> Iterable[Finding]:
        return ()


class MissingTranslation(_GateCheck):
    """A source file has no translation into a configured language.

    What it does
    ------------
    For every source file the config's mappings find, looks for the translation path each
    language maps it to, and reports the source when that file does not exist.

    Why is this bad?
    ----------------
    Readers of that language silently get no page at all, and nobody notices until a link
    breaks.

    Example
    -------
    ``docs/en/install.md`` exists but ``docs/zh/install.md`` does not.
    """

    id = "missing-translation"
    name = "Missing translation"
    category = Category.ACCURACY
    severity = Severity.MAJOR


class OrphanTranslation(_GateCheck):
    """A translation file has no source file.

    What it does
    ------------
    Reports every file that matches a translation pattern while the source path it maps back
    to does not exist (the source was renamed or deleted).

    Why is this bad?
    ----------------
    An orphan is never checked again and drifts from a source that moved elsewhere.

    Example
    -------
    ``docs/zh/setup.md`` exists, but ``docs/en/setup.md`` was renamed to ``install.md``.
    """

    id = "orphan-translation"
    name = "Orphan translation"
    category = Category.ACCURACY
    severity = Severity.MINOR


class StaleTranslation(_GateCheck):
    """A translation is far behind its source: most of the source has nothing aligned to it.

    What it does
    ------------
    Estimates how much of the source (in characters) the translation leaves out: against the
    median length ratio of the repository's other pairs of the same mapping and language
    (five or more), or else from the pair's own alignment (unaligned source segments, and
    passages aligned to a much shorter rendering than its 1-1 links predict). When that share
    is above ``stale-threshold`` (default 0.5), reports the translation once, as stale,
    instead of one omission per missing passage.

    Why is this bad?
    ----------------
    The source grew (or was rewritten) and the translation was never brought up to date:
    readers of it get an outdated page.

    Example
    -------
    ``docs/en/guide.md`` has 40 sentences; ``docs/zh/guide.md`` still renders the first 12.
    """

    id = "stale-translation"
    name = "Stale translation"
    category = Category.ACCURACY
    severity = Severity.MAJOR


GATE_CHECKS: tuple[type[Check], ...] = (MissingTranslation, OrphanTranslation, StaleTranslation)


# ---------------------------------------------------------------------------- discovery


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


def glob_regex(glob: str) -> re.Pattern[str]:
    """A path glob as a regex: ``**`` spans folders, ``*`` and ``?`` stay within one name."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out) + "(?:/.*)?")


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


# ---------------------------------------------------------------------------- running


@dataclass
class GateResult:
    """What a gate run produced: one report per pair, and what was filtered out of them."""

    pairs: list[Pair]
    reports: list[Report]
    suppressed: int = 0
    baselined: int = 0
    metrics: dict = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        return [f for report in self.reports for f in report.findings]


class MemoEncoder:
    """The run's one encoder: remembers every vector, and calls the wrapped encoder from one thread.

    Pairs are checked in worker threads, and a check may embed new texts (term-drift embeds
    phrases); the wrapped encoder (its SQLite cache connection, the model) is only ever used
    from this encoder's own thread, one call at a time.
    """

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.vectors: dict[str, np.ndarray] = {}
        self.stats = getattr(inner, "stats", None)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="transcheck-encoder")

    @property
    def name(self) -> str:
        return self.inner.name

    def encode(self, texts: Sequence[str], progress=None) -> np.ndarray:
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing:
            fresh = self._thread.submit(self._inner_encode, missing, progress).result()
            self.vectors.update(zip(missing, fresh))
        if not texts:
            return np.zeros((0, getattr(self.inner, "dim", 0) or 0), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts]).astype(np.float32, copy=False)

    def _inner_encode(self, texts: list[str], progress) -> np.ndarray:
        if progress is None:
            return self.inner.encode(texts)
        try:
            return self.inner.encode(texts, progress=progress)  # type: ignore[call-arg]
        except TypeError:
            return self.inner.encode(texts)

    def close(self) -> None:
        self._thread.shutdown()


def run_gate(config: Config, *, encoder: Encoder | None = None, paths: Sequence[str] | None = None,
             changed_since: str | None = None, progress: Progress | None = None,
             cache: Path | None = None) -> GateResult:
    """Check every pair the config names (or those under ``paths`` / changed since a git rev).

    ``paths`` are relative to ``config.root``; ``encoder`` defaults to the config's model (with
    the embedding cache), loaded only if some text is not cached. With ``cache`` (a folder),
    each pair's result is kept under the hash of both files and every setting, and a pair
    that has not changed is neither read, embedded nor checked again.
    """
    from checker import suppress
    from checker.runner import build_report, embed_text

    started = time.perf_counter()
    pairs = discover(config)
    if not pairs:
        where = f"{config.file}: " if config.file else ""
        raise ConfigError(f"{where}no file matches any mapping's source or translation pattern "
                          f"(under {config.root})")
    changed = changed_files(config.root, changed_since) if changed_since else None
    pairs = select_pairs(pairs, paths=paths, changed=changed)
    if encoder is None:
        from checker.embedding import load_encoder

        encoder = load_encoder(config.model)
    results = ResultCache(cache, config, encoder.name) if cache is not None else None

    t0 = time.perf_counter()
    reports, loaded, keys = _cached_or_read(config, pairs, results)
    timings = {"read": time.perf_counter() - t0}

    t0 = time.perf_counter()
    texts = list(dict.fromkeys(embed_text(s.text) for item in loaded.values()
                               for doc in (item.source, *item.translations) for s in doc.segments))
    memo = MemoEncoder(encoder)
    try:
        memo.encode(texts, progress=_embed_progress(progress))
        timings["embed"] = time.perf_counter() - t0

        t0 = time.perf_counter()

        def one(k: int) -> Report:
            pair = pairs[k]
            if reports[k] is not None:
                return reports[k]  # type: ignore[return-value]
            if pair.status != "ok":
                return _layout_report(pair, config, encoder.name)
            options = config.options(pair.mapping, pair.lang)
            report = build_report(loaded[k], memo, options)
            if results is not None:
                results.put(keys[k], report)
            return report

        with ThreadPoolExecutor(max_workers=max(1, config.jobs)) as pool:
            for done, (k, report) in enumerate(zip(range(len(pairs)), pool.map(one, range(len(pairs)))), 1):
                reports[k] = report
                if progress is not None:
                    progress("checking pairs", done, len(pairs))
        timings["check"] = time.perf_counter() - t0
    finally:
        memo.close()

    reports = _mark_stale(pairs, reports, config)
    suppressed = 0
    final = []
    for pair, report in zip(pairs, reports):
        assert report is not None
        report, n = suppress.apply(report, config.root, config.per_file_ignores)
        suppressed += n
        final.append(_pair_fingerprints(report, pair))
    metrics = {
        "pairs": len(pairs), "checked": len(loaded),
        "cached": sum(1 for k, p in enumerate(pairs) if p.status == "ok" and k not in loaded),
        "texts": len(texts), "seconds": round(time.perf_counter() - started, 3),
        "timings": {k: round(v, 3) for k, v in timings.items()},
    }
    stats = getattr(encoder, "stats", None)
    if stats is not None:
        metrics["embedding"] = dict(vars(stats)) if not isinstance(stats, dict) else dict(stats)
    return GateResult(pairs, final, suppressed=suppressed, metrics=metrics)


def _cached_or_read(config: Config, pairs: Sequence[Pair], results: ResultCache | None):
    """Each pair's cached report where there is one; the others' documents, read."""
    from checker.runner import Loaded, read_inputs

    reports: list[Report | None] = [None] * len(pairs)
    loaded: dict[int, Loaded] = {}
    keys: dict[int, str] = {}
    for k, pair in enumerate(pairs):
        if pair.status != "ok":
            continue
        if results is not None:
            keys[k] = results.key(pair)
            reports[k] = results.get(keys[k])
            if reports[k] is not None:
                continue
        raw = read_inputs(config.root / pair.source, [config.root / pair.translation],
                          config.options(pair.mapping, pair.lang))
        loaded[k] = _relative(raw, pair)
    return reports, loaded, keys


def _embed_progress(progress: Progress | None):
    if progress is None:
        return None
    return lambda done, total: progress("embedding", done, total)


class ResultCache:
    """Whole pair reports on disk, keyed by both files' bytes, every setting and the code itself.

    A hit skips reading, embedding and checking the pair: a run over an unchanged repository
    costs a hash of each file. Entries are pickles in the user's own cache folder (the same trust
    as the embedding cache); an unreadable entry is a miss.
    """

    def __init__(self, folder: Path, config: Config, model: str) -> None:
        from checker.checks import CHECKS

        self.folder = folder
        self.config = config
        glossary = (config.root / config.glossary).read_bytes() if config.glossary else b""
        self.base = hashlib.sha256("\x1f".join([
            __version__, model, _code_fingerprint(), ",".join(c.id for c in CHECKS),
            str(config.stale_threshold), hashlib.sha256(glossary).hexdigest(),
        ]).encode()).hexdigest()

    def key(self, pair: Pair) -> str:
        from checker.runner import signature

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
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _relative(loaded, pair: Pair):
    """The loaded documents with repository-relative paths (stable fingerprints, readable messages)."""
    from checker.runner import Loaded

    source = replace(loaded.source, path=pair.source)
    translations = [replace(doc, path=pair.translation) for doc in loaded.translations]
    return Loaded(source, translations, dict(loaded.given))


def _gate_finding(check: type[Check], config: Config, message: str, location: Location, **data) -> list[Finding]:
    if not is_selected(check.id, config.select, config.ignore):
        return []
    finding = Finding(check.id, check.category, check.severity, message, (location,), data=data)
    return override_severity([finding], config.severity)


def _layout_report(pair: Pair, config: Config, model: str) -> Report:
    """The report of a pair that lacks one side: one document, one finding (unless ignored)."""
    if pair.status == "missing":
        doc = Document("d0", Role.SOURCE, pair.source, config.source_lang or "und", ())
        findings = _gate_finding(MissingTranslation, config,
                                 f"{pair.source} has no {pair.lang} translation: {pair.translation} does not exist.",
                                 Location("d0", (), 1, 1, ""), expected=pair.translation, lang=pair.lang)
    else:
        doc = Document("d1", Role.TRANSLATION, pair.translation, pair.lang, ())
        findings = _gate_finding(OrphanTranslation, config,
                                 f"{pair.translation} has no source: {pair.source} does not exist.",
                                 Location("d1", (), 1, 1, ""), expected=pair.source)
    options = config.options(pair.mapping, pair.lang)
    from checker.runner import signature

    tool = ToolInfo("transcheck", __version__, model, signature(options, model))
    return Report(tool, (doc,), (), tuple(fingerprint.assign(findings, (doc,))), {"status": pair.status})


def _mark_stale(pairs: Sequence[Pair], reports: Sequence[Report | None], config: Config) -> list[Report]:
    """Each report, with a stale-translation finding where most of the source is untranslated.

    How long a full translation should be is learnt from the repository: the median length
    ratio (translation / source characters) of the pairs of the same mapping and language, when
    there are at least ``_MIN_PEERS`` of them; otherwise from the pair's own aligned sentences.
    """
    ratios: dict[tuple[str, str], list[float]] = {}
    for pair, report in zip(pairs, reports):
        if pair.status == "ok" and report is not None and len(report.documents) > 1:
            ratios.setdefault((pair.mapping.translation, pair.lang), []).append(_length_ratio(report))
    result = []
    for pair, report in zip(pairs, reports):
        assert report is not None
        if pair.status == "ok" and report.alignments and report.documents[0].segments:
            peers = sorted(ratios[(pair.mapping.translation, pair.lang)])
            if len(peers) >= _MIN_PEERS and peers[len(peers) // 2] > 0:
                share = max(0.0, 1.0 - _length_ratio(report) / peers[len(peers) // 2])
            else:
                share = untranslated_share(report)
            if share > config.stale_threshold:
                report = _stale(report, pair, config, share)
        result.append(report)
    return result


_MIN_PEERS = 5


def _length_ratio(report: Report) -> float:
    source, target = report.documents[0], report.documents[1]
    return sum(len(s.text) for s in target.segments) / max(1, sum(len(s.text) for s in source.segments))


def _stale(report: Report, pair: Pair, config: Config, share: float) -> Report:
    """The report with a stale-translation finding in place of its omissions."""
    target = report.documents[1]
    message = f"{pair.translation} is stale: about {share:.0%} of {pair.source} has no translation in it."
    stale = _gate_finding(StaleTranslation, config, message, Location(target.id, (), 1, 1, ""),
                          untranslated=round(share, 3))
    if not stale:
        return report
    kept = [f for f in report.findings if f.check != "omission"]
    findings = fingerprint.assign([*stale, *kept], report.documents)
    findings.sort(key=lambda f: -f.severity.rank)
    return replace(report, findings=tuple(findings))


def untranslated_share(report: Report) -> float:
    """The share of the source (in characters) that the translation does not render.

    A source segment left unaligned counts whole. An aligned passage counts as rendered in
    proportion to its translation's length against the length the pair's own 1-1 links
    predict, so four source sentences squeezed onto one translated sentence count as about a
    quarter rendered (an aligner merges the sentences that a truncated translation lacks).
    """
    source, target = report.documents[0], report.documents[1]
    links = report.alignments[0].links

    def length(doc: Document, indices: Sequence[int]) -> int:
        return sum(len(doc.segments[i].text) for i in indices)

    total = sum(length(source, link.source) for link in links) or 1
    ratios = sorted(length(target, link.target) / length(source, link.source) for link in links
                    if len(link.source) == 1 and len(link.target) == 1 and length(source, link.source))
    if len(ratios) < 3:  # too few 1-1 links to know the pair's length ratio: count unaligned text only
        missing = sum(length(source, link.source) for link in links if not link.target)
        return missing / total
    ratio = ratios[len(ratios) // 2] or 1.0
    rendered = sum(min(length(source, link.source), length(target, link.target) / ratio)
                   for link in links if link.source and link.target)
    return max(0.0, 1.0 - rendered / total)


def _pair_fingerprints(report: Report, pair: Pair) -> Report:
    """Fingerprints that also name the pair, so a finding in a shared source stays per language."""
    salt = f"{pair.source}\x1f{pair.translation}"
    findings = tuple(
        replace(f, fingerprint=hashlib.sha256(f"{f.fingerprint}\x1f{salt}".encode()).hexdigest()[:16])
        for f in report.findings)
    return replace(report, findings=findings)


# ---------------------------------------------------------------------------- outputs

CHECK_SCHEMA_ID = "transcheck-check/1"


def merge_reports(reports: Sequence[Report], metrics: dict | None = None) -> Report:
    """All pair reports as one, for the single-file formats (SARIF, JUnit, Markdown, annotations).

    A document shared by several pairs (a source with two languages) appears once; document ids
    are renumbered ``d0, d1, ...`` in order of first appearance.
    """
    from checker.model import Alignment

    documents: dict[str, Document] = {}
    alignments: list[Alignment] = []
    findings: list[Finding] = []
    for report in reports:
        ids: dict[str, str] = {}
        for doc in report.documents:
            if doc.path not in documents:
                documents[doc.path] = replace(doc, id=f"d{len(documents)}")
            ids[doc.id] = documents[doc.path].id
        alignments += [replace(a, source=ids[a.source], target=ids[a.target]) for a in report.alignments]
        findings += [replace(f, locations=tuple(replace(loc, document=ids.get(loc.document, loc.document))
                                                for loc in f.locations)) for f in report.findings]
    if reports:
        tool = reports[0].tool
    else:
        tool = ToolInfo("transcheck", __version__, "none", f"transcheck:{__version__}")
    return Report(tool, tuple(documents.values()), tuple(alignments), tuple(findings), dict(metrics or {}))


def check_to_dict(result: GateResult) -> dict:
    """The gate's JSON output: every pair's ``transcheck-report/1`` report, and a summary."""
    from checker.reporters.json import jsonable, report_to_dict

    merged = merge_reports(result.reports)
    summary = merged.summary()
    summary.update({"pairs": len(result.pairs), "suppressed": result.suppressed,
                    "baselined": result.baselined})
    return {
        "schema": CHECK_SCHEMA_ID,
        "pairs": [{"source": p.source, "translation": p.translation, "lang": p.lang, "status": p.status}
                  for p in result.pairs],
        "reports": [report_to_dict(report) for report in result.reports],
        "summary": summary,
        "metrics": jsonable(result.metrics),
    }
