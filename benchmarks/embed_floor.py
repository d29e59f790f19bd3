"""How long embedding the Bible benchmark's lines takes at the least, on this machine (issue 15).

    python benchmarks/embed_floor.py

The Bible cold run (``cold_start.py --bible``) must embed every distinct line of both sides
before it can align them: this script embeds exactly those texts with the default encoder, no
cache, nothing else, and prints the CPU seconds it took and what they mean for the wall time on
this machine's cores (the encoder keeps every core busy: matrix products in bfloat16 are about
three quarters of that time). A cold run of the whole pipeline cannot be faster than this floor.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIBLE = ROOT.parent / "shared" / "benchmarks" / "bible-en-zh"
sys.path.insert(0, str(ROOT))


def main() -> None:
    from checker.embedding import load_encoder
    from checker.embedding.sbert import usable_cpus
    from checker.pipeline.run import embed_text

    lines = [embed_text(line) for name in ("en.txt", "zh.txt")
             for line in (BIBLE / name).read_text(encoding="utf-8").splitlines()]
    texts = list(dict.fromkeys(line for line in lines if line))
    encoder = load_encoder(None, cache=False)
    encoder.encode(texts[:20])  # the model loaded, outside the measure
    tokens = encoder._model.token_lengths([encoder.prefix + t for t in texts])  # type: ignore[attr-defined]
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    encoder.encode(texts)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    cores = usable_cpus()
    print(f"lines {len(lines)}, distinct {len(texts)}, tokens {sum(tokens)} (mean {sum(tokens) / len(texts):.1f})")
    print(f"embedding: wall {wall:.1f} s, CPU {cpu:.1f} s, {len(texts) / cpu:.0f} texts per CPU second")
    print(f"floor on {cores} idle cores: {cpu / cores:.1f} s (issue 15's Bible cold target: 45 s)")


if __name__ == "__main__":
    main()
