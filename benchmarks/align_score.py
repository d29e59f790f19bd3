"""Score a sentence alignment against a verse-level gold alignment (the Bible benchmark).

As in the Vecalign and Bertalign papers: consecutive predicted links that fall inside one verse
(every sentence of the link in that verse, or that verse on one side and nothing on the other)
are merged first; then

- strict: a predicted link counts only if it equals a gold link;
- lax: a predicted link also counts if its targets overlap the gold targets of its sources.

Precision is over predicted links, recall over gold links with both sides non-empty.

    python benchmarks/align_score.py PRED.align [--gold DIR]

where PRED.align has one link per line, ``[src indices]:[tgt indices]``.
"""

from __future__ import annotations

import argparse
import ast
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

Pair = tuple[tuple[int, ...], tuple[int, ...]]

BIBLE = Path(__file__).resolve().parents[1] / "shared" / "benchmarks" / "bible-en-zh"
if not BIBLE.exists():
    BIBLE = Path("/work/shared/benchmarks/bible-en-zh")


def read_links(path: Path) -> list[Pair]:
    """Links from a ``[0, 1]:[2]`` file."""
    links = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        left, right = line.split(":", 1)
        links.append((tuple(ast.literal_eval(left)), tuple(ast.literal_eval(right))))
    return links


def verse_pairs(data: Path = BIBLE) -> list[tuple[str, str]]:
    """(English, Chinese) text of every gold link with both sides, in order (lines joined)."""
    en = (data / "en.txt").read_text(encoding="utf-8").splitlines()
    zh = (data / "zh.txt").read_text(encoding="utf-8").splitlines()
    return [(" ".join(en[i] for i in s), "".join(zh[j] for j in t))
            for s, t in read_links(data / "gold.align") if s and t]


def read_verses(path: Path) -> list[str]:
    return [v.strip() for v in path.read_text(encoding="utf-8").splitlines()]


def _verse_of(link: Pair, src_verse: Sequence[str], tgt_verse: Sequence[str]) -> str | None:
    """The one verse a link lies in (one side may be empty), or ``None``."""
    verses = {src_verse[i] for i in link[0]} | {tgt_verse[j] for j in link[1]}
    return next(iter(verses)) if len(verses) == 1 else None


def merge_in_verses(links: Iterable[Pair], src_verse: Sequence[str], tgt_verse: Sequence[str]) -> list[Pair]:
    """Join consecutive links that lie in the same single verse."""
    merged: list[tuple[list[int], list[int]]] = []
    last: str | None = None
    for src, tgt in links:
        verse = _verse_of((src, tgt), src_verse, tgt_verse)
        if verse is not None and verse == last:
            merged[-1][0].extend(src)
            merged[-1][1].extend(tgt)
        else:
            merged.append((list(src), list(tgt)))
        last = verse
    return [(tuple(s), tuple(t)) for s, t in merged]


def _counts(gold: Iterable[Pair], test: Iterable[Pair]) -> tuple[int, int, int, int]:
    """(strict hits, strict misses, lax hits, lax misses) of ``test`` links judged by ``gold``."""
    gold_set = {link for link in gold if link[0] or link[1]}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for s in src:
            gold_targets[s].update(tgt)
    strict = lax = total = 0
    for src, tgt in {link for link in test if link[0] or link[1]}:
        total += 1
        if (src, tgt) in gold_set:
            strict += 1
            lax += 1
        elif set(tgt) & set().union(*(gold_targets[s] for s in src)):
            lax += 1
    return strict, total - strict, lax, total - lax


def _ratio(hit: int, miss: int) -> float:
    return hit / (hit + miss) if hit + miss else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[Pair], test: Sequence[Pair]) -> dict[str, float]:
    """Strict and lax precision, recall and F1 of ``test`` against ``gold``."""
    ps, pm, pl, plm = _counts(gold, test)
    both = [link for link in test if link[0] and link[1]]
    rs, rm, rl, rlm = _counts(both, [link for link in gold if link[0] and link[1]])
    out = {
        "precision_strict": _ratio(ps, pm),
        "recall_strict": _ratio(rs, rm),
        "precision_lax": _ratio(pl, plm),
        "recall_lax": _ratio(rl, rlm),
    }
    out["f1_strict"] = _f1(out["precision_strict"], out["recall_strict"])
    out["f1_lax"] = _f1(out["precision_lax"], out["recall_lax"])
    return out


def score_bible(test: Sequence[Pair], data: Path = BIBLE) -> dict[str, float]:
    """Verse-merge ``test`` and score it against the Bible gold alignment."""
    src_verse = read_verses(data / "en.verse")
    tgt_verse = read_verses(data / "zh.verse")
    return score(read_links(data / "gold.align"), merge_in_verses(test, src_verse, tgt_verse))


def format_scores(res: dict[str, float]) -> str:
    return (
        f"strict P/R/F1 {res['precision_strict']:.4f} / {res['recall_strict']:.4f} / "
        f"{res['f1_strict']:.4f}   lax P/R/F1 {res['precision_lax']:.4f} / "
        f"{res['recall_lax']:.4f} / {res['f1_lax']:.4f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pred", type=Path)
    parser.add_argument("--gold", type=Path, default=BIBLE, help="folder with gold.align, en.verse, zh.verse")
    args = parser.parse_args()
    print(format_scores(score_bible(read_links(args.pred), args.gold)))


if __name__ == "__main__":
    main()
