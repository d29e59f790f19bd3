"""The distributed engine against one process on a synthetic translation memory (issue 15).

    python benchmarks/engine_bench.py                         # 10k and 30k units, the real model
    python benchmarks/engine_bench.py --fake-encoder          # the scaling shape, without the model
    python benchmarks/engine_bench.py --units 100000,300000,1000000 --fake-encoder

The memory is made from real text: the Bible's verse pairs (KJV / CUV, ../shared/benchmarks)
and the TICO-19 memory (../shared/realworld), cycled, each unit made distinct by a reference
number on both sides (every 97th unit's Chinese number is off by one: number-mismatch findings
to compare). For each size, each engine runs in its own process with a fresh embedding cache
(nothing else cached), and the script prints wall time, the findings, whether the
engines' findings are identical (content, fingerprints, order), the CPU seconds of the client
(with its forked children) and the workers (wall time on a shared machine depends on the load,
printed beside it), the client's peak RSS and each Dask worker's; then, per engine, the largest
size against the smallest (issue 15: 1M / 100k within 11x, worker RSS within 20%).
``--fake-encoder`` embeds by hashing words: the shape of the scaling, not the model's speed
(about 200 sentences a second on two idle cores). With the default model a text's vector does
not depend on the texts it is embedded with (see ``checker.embedding.sbert._batches``), so the
engines' findings are identical with it too; the second verdict compares the findings without
their data.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from benchmarks.align_score import verse_pairs  # noqa: E402


class HashEncoder:
    """Unit vectors from hashed words and digits: deterministic, fast, no model."""

    name = "hash-bag-of-words"
    dim = 64

    def encode(self, texts, progress=None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i, 0] = 0.3
            for token in re.findall(r"[a-z_]+|\d+|[\u4e00-\u9fff]", text.lower()):
                out[i, 1 + zlib.crc32(token.encode()) % (self.dim - 1)] += 1.0
            out[i] /= np.linalg.norm(out[i])
        return out


def _tico_pairs() -> list[tuple[str, str]]:
    from checker.model import Role
    from checker.readers import tmx

    memory = tmx.read(SHARED / "realworld" / "tico19-tmx" / "all.en-zh.tmx", doc_id="d0", role=Role.SOURCE)
    return [(memory.source.text_of(link.source), memory.target.text_of(link.target))
            for link in memory.alignment.links if link.source and link.target]


def make_memory(path: Path, units: int) -> None:
    """A TMX of ``units`` distinct units, written unit by unit."""
    pairs = verse_pairs(SHARED / "benchmarks" / "bible-en-zh") + _tico_pairs()
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '<header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" '
                  'creationtool="engine_bench" creationtoolversion="1" o-tmf="none"/>\n<body>\n')
        for k in range(units):
            en, zh = pairs[k % len(pairs)]
            ref = 1000 + k
            zref = ref + 1 if k % 97 == 0 else ref
            out.write(f'<tu tuid="u{k}"><tuv xml:lang="en"><seg>{html.escape(en, quote=False)} (ref {ref})</seg></tuv>'
                      f'<tuv xml:lang="zh-CN"><seg>{html.escape(zh, quote=False)}（编号 {zref}）</seg></tuv></tu>\n')
        out.write("</body>\n</tmx>\n")


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (the pipeline's forked checks)."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def run_one(engine: str, path: Path, workers: int, fake: bool, shard_units: int) -> dict:
    """One run in this process: seconds, findings digest, peak RSS (client, workers)."""
    from checker.engine import ModelSpec, open_engine
    from checker.engine import compare as engine_compare
    from checker.pipeline.run import Options, compare
    from checker.reporters.json import finding_to_dict

    started = time.perf_counter()
    workers_mb: list[float] = []
    workers_cpu = 0.0
    if engine == "local":
        report = compare(path, [], Options(), encoder=HashEncoder() if fake else None)
    else:
        with open_engine("dask", workers=workers) as cluster:
            up = time.perf_counter() - started
            report = engine_compare(path, [], Options(), engine=cluster, shard_units=shard_units,
                                    spec=HashEncoder if fake else ModelSpec())
            workers_mb = sorted(cluster.each_worker(_peak_mb).values())
            workers_cpu = sum(cluster.each_worker(_cpu_seconds).values())
    seconds = time.perf_counter() - started
    found = json.dumps([finding_to_dict(f) for f in report.findings], ensure_ascii=False, sort_keys=True)
    places = json.dumps([(f.check, f.severity.value, f.message, [(loc.document, loc.segments, loc.text)
                                                                  for loc in f.locations]) for f in report.findings],
                        ensure_ascii=False)
    return {"seconds": round(seconds, 1), "startup": round(up, 1) if engine != "local" else 0.0,
            "findings": len(report.findings), "digest": hashlib.sha256(found.encode()).hexdigest()[:16],
            "places": hashlib.sha256(places.encode()).hexdigest()[:16],
            "client_mb": _peak_mb(), "workers_mb": workers_mb,
            "cpu": round(_cpu_seconds() + workers_cpu, 1)}


def _fresh_cache(tmp: Path) -> Path:
    """An empty embedding cache with the converted model (and lexicons) of the user's linked in."""
    from checker.atomic import cache_dir

    fresh = Path(tempfile.mkdtemp(dir=tmp, prefix="cache-"))
    for name in ("models", "lexicon"):
        if (cache_dir() / name).exists():
            (fresh / name).symlink_to(cache_dir() / name)
    return fresh


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", default="10000,30000", help="sizes, comma-separated (default 10000,30000)")
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-units", type=int, default=2000)
    parser.add_argument("--fake-encoder", action="store_true", help="hash words instead of the model")
    parser.add_argument("--one", nargs=2, metavar=("ENGINE", "TMX"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], Path(args.one[1]), args.workers, args.fake_encoder, args.shard_units)))
        return
    print(f"{'units':>8} {'engine':>6} {'seconds':>8} {'CPU s':>7} {'startup':>7} {'findings':>8} {'client MB':>9}  "
          f"workers MB  (load)")
    runs: dict[str, dict[int, dict]] = {}
    with tempfile.TemporaryDirectory(prefix="engine-bench-") as tmp:
        for units in (int(u) for u in args.units.split(",")):
            path = Path(tmp) / f"memory-{units}.tmx"
            make_memory(path, units)
            digests, places = {}, {}
            for engine in args.engines.split(","):
                env = {**os.environ, "TRANSCHECK_CACHE_DIR": str(_fresh_cache(Path(tmp))),
                       "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
                command = [sys.executable, "-m", "benchmarks.engine_bench", "--one", engine, str(path),
                           "--workers", str(args.workers), "--shard-units", str(args.shard_units)]
                done = subprocess.run(command + (["--fake-encoder"] if args.fake_encoder else []), env=env,
                                      cwd=ROOT, capture_output=True, text=True, check=False)
                if done.returncode != 0:
                    print(f"{units:>8} {engine:>6} failed: {done.stderr.strip().splitlines()[-1:]}")
                    continue
                r = json.loads(done.stdout.strip().splitlines()[-1])
                runs.setdefault(engine, {})[units] = r
                digests[engine], places[engine] = r["digest"], r["places"]
                print(f"{units:>8} {engine:>6} {r['seconds']:>8} {r['cpu']:>7} {r['startup']:>7} {r['findings']:>8} "
                      f"{r['client_mb']:>9}  {', '.join(str(m) for m in r['workers_mb']) or '-':<10}  "
                      f"({os.getloadavg()[0]:.1f})", flush=True)
            if len(digests) > 1:
                print(f"{units:>8} identical findings: {'yes' if len(set(digests.values())) == 1 else 'no'}; "
                      f"same checks, places and messages: {'yes' if len(set(places.values())) == 1 else 'no'}",
                      flush=True)
            path.unlink()
    for line in scaling(runs):
        print(line)


TIME_RATIO = 11.0
"""Issue 15: ten times the units within eleven times the time."""
RSS_GROWTH = 0.20
"""Issue 15: each worker's peak RSS within 20% from the smallest size to the largest."""


def scaling(runs: dict[str, dict[int, dict]]) -> list[str]:
    """Per engine, the largest size against the smallest: time ratio (against the units' ratio
    and the issue's bound scaled to it) and peak RSS growth of the client and of the workers."""
    lines = []
    for engine, by_size in runs.items():
        if len(by_size) < 2:
            continue
        small, large = min(by_size), max(by_size)
        a, b = by_size[small], by_size[large]
        units, ratio = large / small, b["seconds"] / max(a["seconds"], 1e-9)
        cpu = b["cpu"] / max(a["cpu"], 1e-9)
        bound = TIME_RATIO * units / 10
        line = (f"{engine}: {large}/{small} units = {units:.1f}x, time {ratio:.2f}x "
                f"({'within' if ratio <= bound else 'above'} {bound:.1f}x), CPU time {cpu:.2f}x "
                f"({'within' if cpu <= bound else 'above'}); client RSS {a['client_mb']} -> "
                f"{b['client_mb']} MB ({b['client_mb'] / a['client_mb'] - 1:+.0%})")
        if a["workers_mb"] and b["workers_mb"]:
            growth = max(b["workers_mb"]) / max(a["workers_mb"]) - 1
            line += (f"; worker peak RSS {max(a['workers_mb'])} -> {max(b['workers_mb'])} MB ({growth:+.0%}, "
                     f"{'within' if growth <= RSS_GROWTH else 'above'} {RSS_GROWTH:.0%})")
        lines.append(line)
    return lines

if __name__ == "__main__":
    main()
