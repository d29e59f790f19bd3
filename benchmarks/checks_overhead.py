"""What the checks add to a warm run of the Bible benchmark (issue 4: at most 20%).

    python benchmarks/checks_overhead.py [--runs 3] [--no-per-check]

Runs the real CLI on the Bible set (``/work/shared/benchmarks/bible-en-zh`` or ``$BIBLE_DIR``),
line-split, twice over: with every check, and with ``--select nothing`` (reading, embedding from
the cache and aligning only). Each command runs once first to fill the embedding cache, then
``--runs`` times; the medians are compared. Then, in process, the corpus is read and aligned once
and every check is timed on it (the first check to need a dictionary pays for loading it).

Prints the warm time with checks, without, the overhead in percent, the CPU seconds the checks
add (less sensitive to a busy machine than the wall time), and the per-check seconds.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIBLE = Path(os.environ.get("BIBLE_DIR", "/work/shared/benchmarks/bible-en-zh"))
TARGET = 0.20


def cli_seconds(extra: list[str], out: Path, runs: int) -> tuple[float, float]:
    """The median wall time and CPU time (user + system, the forked worker's included) of
    ``transcheck compare`` on the Bible set, after one warm-up run."""
    command = [sys.executable, "-m", "checker", "compare", str(BIBLE / "en.txt"), str(BIBLE / "zh.txt"),
               "--split", "lines", "--json", str(out), "--quiet", *extra]
    env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
    times, cpu_times = [], []
    for k in range(runs + 1):
        before = _children_cpu()
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode not in (0, 1):  # 1: findings at or above --fail-on
            raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr}")
        if k:  # the first run fills the cache
            times.append(elapsed)
            cpu_times.append(_children_cpu() - before)
    return statistics.median(times), statistics.median(cpu_times)


def _children_cpu() -> float:
    """CPU seconds of the finished child processes (and, once waited for, their children)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def per_check_seconds() -> dict[str, tuple[float, int]]:
    """Seconds and findings of every check on the aligned Bible corpus, in registry order."""
    sys.path.insert(0, str(ROOT))
    from checker.checks import CHECKS
    from checker.embedding import load_encoder
    from checker.model import Corpus
    from checker.pipeline.run import Options, align_documents, read_inputs

    options = Options(split="lines")
    loaded = read_inputs(BIBLE / "en.txt", [BIBLE / "zh.txt"], options)
    encoder = load_encoder(None)
    alignments, _ = align_documents(loaded, encoder)
    corpus = Corpus(loaded.source, tuple(loaded.translations), alignments, {"glossary": None}, encoder=encoder)
    result = {}
    gc.freeze()  # as ``run_checks`` does: the model and the corpus are not walked again and again
    try:
        for check in CHECKS:
            started = time.perf_counter()
            found = list(check().run(corpus))
            result[check.id] = (time.perf_counter() - started, len(found))
    finally:
        gc.unfreeze()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-per-check", action="store_true", help="only the two CLI timings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        with_checks, with_cpu = cli_seconds([], Path(tmp, "checks.json"), args.runs)
        without, without_cpu = cli_seconds(["--select", "nothing"], Path(tmp, "none.json"), args.runs)
    overhead = (with_checks - without) / without
    print(f"warm with checks:    {with_checks:6.2f} s (median of {args.runs})")
    print(f"warm without checks: {without:6.2f} s (median of {args.runs})")
    verdict = "met" if overhead <= TARGET else "NOT met"
    print(f"overhead:            {overhead:6.1%} (target <= {TARGET:.0%}: {verdict})")
    # CPU seconds hardly depend on what else the machine runs (wall time does, and so does the
    # gain from the forked worker): the checks' cost, summed over both processes.
    print(f"checks' CPU time:    {with_cpu - without_cpu:6.2f} s ({with_cpu:.2f} s with, {without_cpu:.2f} s without)")
    if args.no_per_check:
        return
    timings = per_check_seconds()
    print("per check (in process, s, findings):")
    for check_id, (seconds, count) in sorted(timings.items(), key=lambda item: -item[1][0]):
        print(f"  {check_id:22s} {seconds:6.3f} {count:5d}")
    print(f"  {'total':22s} {sum(s for s, _ in timings.values()):6.3f}")


if __name__ == "__main__":
    main()
