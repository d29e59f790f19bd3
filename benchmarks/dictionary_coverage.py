"""How well dictionary coverage tells a full translation from one with a sentence dropped.

The coverage is ``checker.text.lexicon.dictionary``'s (CC-CEDICT glosses, verbatim names, numbers).

Units of two consecutive gold links (two English sentences or verses, A and B) are scored twice:
against their full translation (zh(A) + zh(B): true pairs) and against the translation of one
of them only (zh(A) or zh(B), at random: dropped pairs). Printed per set: the coverage
distribution of each, the AUC (the chance that a random true pair covers more than a random
dropped one), and the recall on dropped pairs at the threshold that flags at most 1% of true
pairs. Shown: the pair score (``coverage``, the lower of the two sides' shares), the English
share alone, and the share of the worse-covered English sentence (``Coverage.share`` over each
sentence's span), the measure a caller that knows the sentences of a link would use, and the
same smoothed by the number of words (``Coverage.smoothed_share``).

- ``bible``: the Bible en-zh gold verse links (``shared/benchmarks/bible-en-zh``).
- ``fastapi``: the 1-1 links of the FastAPI Markdown pairs, from the JSON reports that
  ``benchmarks/realworld.py --sets fastapi-compare --keep DIR`` writes (``--reports DIR``).

    python benchmarks/dictionary_coverage.py [--units 1500] [--reports DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.align_score import BIBLE, verse_pairs  # noqa: E402

Unit = tuple[str, str, str, str]
"""(English A, English B, Chinese A, Chinese B)."""

MIN_WORDS = 2
"""An English sentence with fewer content words says too little to be missed."""


def bible_units() -> list[Unit]:
    pieces = verse_pairs(BIBLE)
    return [(a[0], b[0], a[1], b[1]) for a, b in zip(pieces, pieces[1:])]


def fastapi_units(folder: Path) -> list[Unit]:
    units: list[Unit] = []
    for path in sorted(folder.glob("*.json")):
        report = json.loads(path.read_text(encoding="utf-8"))
        docs = {doc["id"]: doc["segments"] for doc in report["documents"]}
        for alignment in report["alignments"]:
            source, target = docs[alignment["source"]], docs[alignment["target"]]
            ones = [(link["source"][0], link["target"][0]) for link in alignment["links"]
                    if len(link["source"]) == 1 and len(link["target"]) == 1]
            for (s1, t1), (s2, t2) in zip(ones, ones[1:]):
                if s2 == s1 + 1 and source[s1].get("paragraph") == source[s2].get("paragraph"):
                    units.append((source[s1]["text"], source[s2]["text"], target[t1]["text"], target[t2]["text"]))
    return units


def scores(units: Sequence[Unit], seed: int = 0) -> dict[str, tuple[list[float], list[float]]]:
    """Per measure (pair score, English share): (true pairs' scores, dropped pairs' scores)."""
    from checker.text.lexicon.dictionary import cover, english_words

    rng = random.Random(seed)
    measures: dict[str, Callable] = {
        "coverage": lambda c, cut: min(c.english_share, c.chinese_share),
        "english share": lambda c, cut: c.english_share,
        "worse sentence": lambda c, cut: min(c.share("english", 0, cut), c.share("english", cut + 1)),
        "worse, smoothed": lambda c, cut: min(c.smoothed_share("english", 0, cut),
                                              c.smoothed_share("english", cut + 1)),
    }
    out: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in measures}
    for en_a, en_b, zh_a, zh_b in units:
        if min(len(english_words(en_a)), len(english_words(en_b))) < MIN_WORDS:
            continue
        english = f"{en_a} {en_b}"
        full = cover(english, zh_a + zh_b)
        dropped = cover(english, zh_a if rng.random() < 0.5 else zh_b)
        for name, measure in measures.items():
            out[name][0].append(measure(full, len(en_a)))
            out[name][1].append(measure(dropped, len(en_a)))
    return out


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """P(a random positive scores above a random negative), ties counting half."""
    import numpy as np

    pos, neg = np.asarray(positive), np.sort(np.asarray(negative))
    below = np.searchsorted(neg, pos, side="left")
    ties = np.searchsorted(neg, pos, side="right") - below
    return float((below + ties / 2).sum() / (len(pos) * len(neg)))


def recall_at(true: Sequence[float], dropped: Sequence[float], flagged: float = 0.01) -> tuple[float, float]:
    """(threshold, recall on dropped pairs) when pairs below the threshold are flagged, at most
    ``flagged`` of the true pairs among them."""
    ordered = sorted(true)
    threshold = ordered[int(len(ordered) * flagged)]
    while threshold > 0 and sum(score < threshold for score in true) > flagged * len(true):
        threshold = max(score for score in ordered if score < threshold)
    return threshold, sum(score < threshold for score in dropped) / len(dropped)


def quantiles(values: Sequence[float]) -> str:
    ordered = sorted(values)
    picks = [ordered[min(len(ordered) - 1, int(q * len(ordered)))] for q in (0.01, 0.05, 0.25, 0.5, 0.75)]
    return " ".join(f"{value:.2f}" for value in picks)


def report(name: str, units: Sequence[Unit], limit: int) -> None:
    if len(units) > limit:
        units = random.Random(1).sample(list(units), limit)
    started = time.perf_counter()
    measured = scores(units)
    elapsed = time.perf_counter() - started
    count = len(next(iter(measured.values()))[0])
    print(f"{name}: {count} two-sentence units ({elapsed:.1f} s, {1000 * elapsed / max(1, 2 * count):.1f} ms a pair)")
    for measure, (true, dropped) in measured.items():
        threshold, recall = recall_at(true, dropped)
        print(f"  {measure:14} AUC {auc(true, dropped):.3f}  recall {recall:.3f} at < {threshold:.2f}"
              f" (<= 1% of true pairs flagged)")
        print(f"  {'':14} quantiles 1/5/25/50/75%: true {quantiles(true)} | dropped {quantiles(dropped)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1500, help="units sampled per set (default 1500)")
    parser.add_argument("--reports", type=Path, help="JSON reports of realworld.py --keep (fastapi-compare)")
    args = parser.parse_args(argv)
    from checker.text.lexicon import cedict

    wall, cpu = time.perf_counter(), time.process_time()
    cedict.is_entry("词典")  # the first call loads the index (building it once per installation)
    print(f"index load: {time.perf_counter() - wall:.3f} s wall, {time.process_time() - cpu:.3f} s CPU")
    report("bible", bible_units(), args.units)
    if args.reports:
        folder = args.reports / "fastapi-compare" if (args.reports / "fastapi-compare").is_dir() else args.reports
        report("fastapi", fastapi_units(folder), args.units)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
