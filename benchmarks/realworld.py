"""Precision on real localization files (issue 11): every set of ``shared/realworld``.

Each set is checked as a user would check it, and the figures a reviewer cares about are printed:

- ``fastapi-compare``: every ``fastapi-docs/en/<path>.md`` with its ``zh/<path>.md``, one
  ``compare`` each (in one process, one encoder);
- ``fastapi-gate``: the same pairs as a repository (``docs/en`` -> ``docs/zh``) through the real
  ``transcheck check`` command;
- ``sphinx-po``, ``excalidraw-json``, ``rclone-xliff``: one ``compare`` each;
- ``tico19-tmx``: the memory with its glossary (``--glossary f_en-zh_CN.csv``).

Per set: units (source segments, or units of a keyed format), findings by check and severity,
major and minor findings per 1,000 units, and time. Every major finding is looked up in the
labels (``benchmarks/realworld_labels/*.tsv``, one file per set: fingerprint, verdict
``true``/``false``, set, check, one line why); an unlabelled major counts as false. ``--unlabelled`` prints those, to
be judged and added.

Runs are made with the realworld folder as the working directory, so paths (and with them the
fingerprints) are relative to it: ``fastapi-docs/en/index.md``.

    python benchmarks/realworld.py [--data ../shared/realworld] [--sets a,b] [--unlabelled] [--keep DIR]

Targets (issue 11): at most 5 false majors and 30 minors per 1,000 units in every set.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "realworld"
LABELS = ROOT / "benchmarks" / "realworld_labels"
SETS = ("fastapi-compare", "fastapi-gate", "sphinx-po", "excalidraw-json", "rclone-xliff", "tico19-tmx")
MAX_FALSE_MAJOR, MAX_MINOR = 5.0, 30.0
GATE_CONFIG = """\
source-lang = "en"
fail-on = "major"

[[mapping]]
source = "docs/en/{path}.md"
translation = "docs/{lang}/{path}.md"
languages = ["zh"]
"""


@dataclass
class SetResult:
    name: str
    units: int = 0
    seconds: float = 0.0
    findings: list[dict] = field(default_factory=list)


@contextlib.contextmanager
def _cwd(path: Path):
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _units(report: dict) -> int:
    return sum(len(doc["segments"]) for doc in report["documents"] if doc["role"] == "source")


def fastapi_pairs(data: Path) -> list[tuple[str, str]]:
    base = data / "fastapi-docs"
    pairs = []
    for src in sorted((base / "en").rglob("*.md")):
        rel = src.relative_to(base / "en").as_posix()
        if (base / "zh" / rel).is_file():
            pairs.append((f"fastapi-docs/en/{rel}", f"fastapi-docs/zh/{rel}"))
    return pairs


def compare_runs(data: Path) -> dict[str, list[tuple[str, list[str], dict]]]:
    """Each compare set: (source, translations, Options keyword arguments) for every run."""
    return {
        "fastapi-compare": [(src, [zh], {}) for src, zh in fastapi_pairs(data)],
        "sphinx-po": [("sphinx-po/zh_CN/sphinx.po", [], {})],
        "excalidraw-json": [("excalidraw-json/en.json", ["excalidraw-json/zh-CN.json"], {})],
        "rclone-xliff": [("rclone-xliff/messages.zh-CN.xlf", [], {})],
        "tico19-tmx": [("tico19-tmx/all.en-zh.tmx", [], {"glossary": "tico19-tmx/f_en-zh_CN.csv"})],
    }


def run_compare_set(name: str, runs, data: Path, encoder, keep: Path | None) -> SetResult:
    from checker.pipeline.run import Options, compare
    from checker.reporters.json import report_to_dict

    result = SetResult(name)
    started = time.perf_counter()
    with _cwd(data):
        for source, translations, kwargs in runs:
            report = report_to_dict(compare(source, translations, Options(**kwargs), encoder=encoder))
            result.units += _units(report)
            result.findings.extend(dict(f, set=name) for f in report["findings"])
            if keep:
                out = keep / name / (source.replace("/", "__") + ".json")
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    result.seconds = time.perf_counter() - started
    return result


def run_gate_set(data: Path, keep: Path | None) -> SetResult:
    """The FastAPI pairs as a repository, through ``transcheck check`` (a fresh result cache)."""
    result = SetResult("fastapi-gate")
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        for lang in ("en", "zh"):
            shutil.copytree(data / "fastapi-docs" / lang, repo / "docs" / lang)
        (repo / "transcheck.toml").write_text(GATE_CONFIG, encoding="utf-8")
        out = Path(tmp) / "gate.json"
        started = time.perf_counter()
        env = dict(os.environ, PYTHONPATH=str(ROOT))  # this checkout's checker, whatever is installed
        proc = subprocess.run([sys.executable, "-m", "checker", "check", "--no-cache", "--quiet", "--json", str(out)],
                              cwd=repo, capture_output=True, text=True, env=env)
        result.seconds = time.perf_counter() - started
        if proc.returncode not in (0, 1):
            raise SystemExit(f"transcheck check failed ({proc.returncode}): {proc.stderr.strip()}")
        report = json.loads(out.read_text(encoding="utf-8"))
        if keep:
            (keep / "fastapi-gate.json").write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                                    encoding="utf-8")
    for pair_report in report["reports"]:
        result.units += _units(pair_report)
        result.findings.extend(dict(f, set="fastapi-gate") for f in pair_report["findings"])
    # the gate's own findings (missing, orphan or stale translations) stand outside any pair report
    result.findings.extend(dict(f, set="fastapi-gate") for f in report.get("findings", []))
    return result


def read_labels(path: Path) -> dict[str, tuple[bool, str]]:
    """fingerprint -> (is a true finding, why), from a TSV file or every ``*.tsv`` in a folder."""
    files = sorted(path.glob("*.tsv")) if path.is_dir() else [path] if path.is_file() else []
    labels = {}
    for file in files:
        with file.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t"):
                if not row or row[0].startswith("#") or row[0] == "fingerprint":
                    continue
                labels[row[0]] = (row[1].strip().lower() == "true", row[4] if len(row) > 4 else "")
    return labels


def _is_major(finding: dict) -> bool:
    return finding["severity"] in ("major", "critical")


def summarise(result: SetResult, labels: dict[str, tuple[bool, str]]) -> dict:
    by = Counter(f"{f['check']}:{f['severity']}" for f in result.findings)
    majors = [f for f in result.findings if _is_major(f)]
    true_major = sum(1 for f in majors if labels.get(f["fingerprint"], (False, ""))[0])
    unlabelled = sum(1 for f in majors if f["fingerprint"] not in labels)
    minors = sum(1 for f in result.findings if f["severity"] == "minor")
    per = 1000.0 / max(result.units, 1)
    return {
        "set": result.name, "units": result.units, "seconds": round(result.seconds, 1),
        "major": len(majors), "true_major": true_major, "false_major": len(majors) - true_major,
        "unlabelled": unlabelled, "minor": minors,
        "false_major_per_1000": round((len(majors) - true_major) * per, 2),
        "minor_per_1000": round(minors * per, 2),
        "by_check": dict(sorted(by.items())),
    }


def _location_text(finding: dict) -> str:
    loc = finding["locations"][0] if finding["locations"] else {}
    return f"{loc.get('line', '?')}:{loc.get('column', '?')}"


def print_unlabelled(results: list[SetResult], labels: dict) -> None:
    for result in results:
        for f in result.findings:
            if _is_major(f) and f["fingerprint"] not in labels:
                texts = " | ".join(loc.get("text", "")[:80] for loc in f["locations"][:2])
                print(f"{f['fingerprint']}\t?\t{result.name}\t{f['check']}\t"
                      f"{_location_text(f)} {f['message'][:160]} [{texts}]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the realworld folder")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated sets to run")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--unlabelled", action="store_true", help="print every unlabelled major finding")
    parser.add_argument("--minor", default="", help="print the minor findings of these checks (comma-separated)")
    parser.add_argument("--keep", type=Path, help="write every JSON report into this folder")
    args = parser.parse_args(argv)
    data = args.data.resolve()
    if not (data / "README.md").is_file():
        print(f"realworld: no development set at {data} (give --data)", file=sys.stderr)
        return 2
    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = sorted(set(wanted) - set(SETS))
    if unknown:
        print(f"realworld: unknown set(s) {', '.join(unknown)}; known: {', '.join(SETS)}", file=sys.stderr)
        return 2
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    labels = read_labels(args.labels)

    results: list[SetResult] = []
    runs = compare_runs(data)
    encoder = None
    for name in wanted:
        if name == "fastapi-gate":
            results.append(run_gate_set(data, args.keep))
            continue
        if encoder is None:
            from checker.embedding import load_encoder

            encoder = load_encoder(None)
        results.append(run_compare_set(name, runs[name], data, encoder, args.keep))

    ok = True
    print(f"{'set':<17} {'units':>6} {'major':>6} {'false':>6} {'unlab':>6} {'minor':>6} "
          f"{'falseMaj/1k':>11} {'minor/1k':>9} {'secs':>6}")
    for result in results:
        s = summarise(result, labels)
        meets = s["false_major_per_1000"] <= MAX_FALSE_MAJOR and s["minor_per_1000"] <= MAX_MINOR
        ok &= meets
        print(f"{s['set']:<17} {s['units']:>6} {s['major']:>6} {s['false_major']:>6} {s['unlabelled']:>6} "
              f"{s['minor']:>6} {s['false_major_per_1000']:>11.2f} {s['minor_per_1000']:>9.2f} "
              f"{s['seconds']:>6.1f}  {'ok' if meets else 'OVER'}")
        print("    " + ", ".join(f"{k}={v}" for k, v in s["by_check"].items()))
    print(f"targets: false majors <= {MAX_FALSE_MAJOR:g} and minors <= {MAX_MINOR:g} per 1,000 units: "
          f"{'met' if ok else 'NOT met'}")
    if args.unlabelled:
        print_unlabelled(results, labels)
    wanted_minor = {c.strip() for c in args.minor.split(",") if c.strip()}
    for result in results:
        for f in result.findings:
            if f["severity"] == "minor" and (f["check"] in wanted_minor or "all" in wanted_minor):
                texts = " | ".join(loc.get("text", "")[:80] for loc in f["locations"][:2])
                print(f"MINOR {result.name}\t{f['check']}\t{_location_text(f)} {f['message'][:160]} [{texts}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
