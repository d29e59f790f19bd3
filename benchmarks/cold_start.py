"""Benchmark the start-up of one small run: first run, cold run, warm run (issue 15).

Run from the repository root::

    nice -n 5 python benchmarks/cold_start.py [--runs 3] [--bible] [--repo PATH]

Each case runs ``python -m checker compare corpora/memo/en.txt corpora/memo/zh-a.txt
corpora/memo/zh-b.txt --json OUT --quiet`` in a child process and reports its wall time to the
report and its peak RSS (``resource.getrusage(RUSAGE_CHILDREN)``, read in a fresh measuring
process per run, so one run's peak never hides another's):

* first: an empty ``$TRANSCHECK_CACHE_DIR`` and ``$HOME`` (model preparation, lexicon indexes,
  embeddings: everything from scratch);
* cold: the model prepared and the lexicon indexes built, the embedding cache empty;
* warm: everything cached.

The machine is shared, so each case runs ``--runs`` times (3 by default) and the median is
printed, with the spread, and the CPU seconds (which the load changes little). ``--bible``
adds one cold run of the 5,000-verse Bible benchmark (``--split lines``). ``--repo`` measures another checkout (for before/after figures).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIBLE = REPO.parent / "shared" / "benchmarks" / "bible-en-zh"
MEMO = ["corpora/memo/en.txt", "corpora/memo/zh-a.txt", "corpora/memo/zh-b.txt"]
TARGETS = {"first": None, "cold": (8.0, 1024), "warm": (2.0, None), "bible-cold": (45.0, None)}

# A fresh measuring process per run: RUSAGE_CHILDREN keeps the largest child ever waited for.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
print(json.dumps({"wall": wall, "rss": peak, "cpu": cpu, "rc": proc.returncode, "err": proc.stderr[-300:]}))
"""


def measure(args: list[str], env: dict[str, str], repo: Path) -> dict:
    """Wall seconds and peak RSS (MB) of ``python -m checker ARGS`` run in ``repo``."""
    cmd = [sys.executable, "-c", _MEASURE, sys.executable, "-m", "checker", *args]
    out = subprocess.run(cmd, env=env, cwd=repo, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] not in (0, 1):  # 1: findings at or above --fail-on, a normal outcome
        raise SystemExit(f"run failed (exit {result['rc']}): {result['err']}")
    return result


def environment(cache: Path, home: Path, repo: Path) -> dict[str, str]:
    return {**os.environ, "TRANSCHECK_CACHE_DIR": str(cache), "HOME": str(home),
            "PYTHONPATH": str(repo)}


def memo_args(out: Path) -> list[str]:
    return ["compare", *MEMO, "--json", str(out), "--quiet"]


def clear_embeddings(cache: Path) -> None:
    for stale in cache.glob("embeddings.sqlite3*"):
        stale.unlink()


def run_cases(repo: Path, runs: int, bible: bool, work: Path) -> dict[str, list[dict]]:
    results: dict[str, list[dict]] = {"first": [], "cold": [], "warm": []}
    for k in range(runs):  # a new empty cache and home each time
        cache, home = work / f"first-{k}" / "cache", work / f"first-{k}" / "home"
        home.mkdir(parents=True)
        results["first"].append(measure(memo_args(work / "m.json"), environment(cache, home, repo), repo))
        if k < runs - 1:
            shutil.rmtree(work / f"first-{k}")
    env = environment(cache, home, repo)
    for _ in range(runs):
        clear_embeddings(cache)
        results["cold"].append(measure(memo_args(work / "m.json"), env, repo))
    for _ in range(runs):
        results["warm"].append(measure(memo_args(work / "m.json"), env, repo))
    if bible:
        clear_embeddings(cache)
        args = ["compare", str(BIBLE / "en.txt"), str(BIBLE / "zh.txt"), "--split", "lines",
                "--json", str(work / "b.json"), "--quiet"]
        results["bible-cold"] = [measure(args, env, repo)]
    return results


def verdict(case: str, wall: float, rss: float) -> str:
    target = TARGETS.get(case)
    if target is None:
        return ""
    max_wall, max_rss = target
    parts = [f"<= {max_wall:g} s {'ok' if wall <= max_wall else 'MISSED'}"]
    if max_rss is not None:
        parts.append(f"<= {max_rss / 1024:g} GB {'ok' if rss <= max_rss else 'MISSED'}")
    return "target " + ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per case (the median is printed)")
    parser.add_argument("--bible", action="store_true", help="also one cold run of the Bible benchmark")
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout to measure (default: this one)")
    args = parser.parse_args()
    if args.bible and not (BIBLE / "en.txt").is_file():
        raise SystemExit(f"the Bible benchmark is not at {BIBLE}")
    repo = args.repo.resolve()
    with tempfile.TemporaryDirectory(prefix="cold-start-") as tmp:
        results = run_cases(repo, args.runs, args.bible, Path(tmp))
    print(f"repository: {repo}; {args.runs} runs per case, median (min-max) shown, "
          f"since the machine is shared")
    for case, rows in results.items():
        walls = [r["wall"] for r in rows]
        rss = [r["rss"] for r in rows]
        wall, peak = statistics.median(walls), statistics.median(rss)
        cpu = statistics.median(r["cpu"] for r in rows)
        print(f"{case:11} {wall:6.2f} s ({min(walls):.2f}-{max(walls):.2f})   cpu {cpu:6.1f} s   "
              f"peak RSS {peak:5.0f} MB ({min(rss):.0f}-{max(rss):.0f})   {verdict(case, wall, peak)}")
    print(f"load average now: {os.getloadavg()[0]:.1f} (on 2 cores, wall time >= cpu time / 2)")


if __name__ == "__main__":
    main()
