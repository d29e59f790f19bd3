"""What the prior dictionary (CC-CEDICT) changes in alignment: strict F1 with and without it.

Three sets, each aligned twice by :func:`checker.align.align` on the same vectors, once with the
learned lexicon alone (the old behaviour, ``prior=None``) and once with CC-CEDICT joined to it:

- ``bible``: the Bible en-zh benchmark (verse-level gold, near-literal text, 5,000 lines);
- ``bible-omissions``: the Bible with 200 Chinese lines of 1-1 verses deleted (as
  ``inject_bench.py`` does): how many of their English lines are left unaligned (an omission
  check's input), and how many other English lines are;
- ``fastapi``: the FastAPI en/zh Markdown pages of ``../shared/realworld`` whose two sides have
  the same block structure (same number and kinds of blocks). Blocks pair in order, and inside
  a block pair the gold is certain where one side is one sentence (``1-n``, ``n-1``) and taken as
  ``1-1`` in order where both sides have as many sentences; other block pairs are not scored.
  Short pages (15 to 90 sentences): the learned lexicon has little or nothing to learn from.
- ``fastapi-edited``: the same pages edited the way free translations differ: in about one block
  pair in six, two neighbouring Chinese sentences are joined into one (a ``2-1`` link), a Chinese
  sentence is split at a comma (``1-2``), or two neighbouring English sentences are joined (``1-2``).
  The edits are made on the text (and the edited sentences embedded anew), with a fixed seed.

Scores are strict P/R/F1 over the scored links (a predicted link counts in precision when it
touches a scored sentence), summed over pages. Embeddings come from transcheck's encoder and its
cache (the first run embeds the texts; later ones read them back).

    python benchmarks/prior_align.py [--set bible|bible-omissions|fastapi|fastapi-edited|all] [--list-edits] [--no-prior]

``PYTHONPATH=MAIN_CHECKOUT python benchmarks/prior_align.py --no-prior`` measures main's aligner.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # after PYTHONPATH, so that another checkout's aligner can be measured
sys.path.insert(0, str(ROOT / "benchmarks"))

from align_score import BIBLE, score_bible  # noqa: E402

REALWORLD = ROOT.parent / "shared" / "realworld"
if not REALWORLD.exists():
    REALWORLD = Path("/work/shared/realworld")
FASTAPI = REALWORLD / "fastapi-docs"

Pair = tuple[tuple[int, ...], tuple[int, ...]]

PRIORS = (False, True)
"""Align without the prior dictionary, then with it (``--no-prior``: without only)."""


@dataclass
class Page:
    """One document pair: its texts and the gold links of its scored part."""

    name: str
    src: list[str]
    tgt: list[str]
    gold: list[Pair]
    edits: list[str]


def encoder():  # type: ignore[no-untyped-def]
    from checker.embedding import load_encoder

    return load_encoder()


def _vectors(enc, texts: Sequence[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.asarray(enc.encode(list(texts)), dtype=np.float32)


def run_align(src: list[str], tgt: list[str], vs: np.ndarray, vt: np.ndarray, prior: bool) -> tuple[list[Pair], float]:
    from checker.align import align

    extra = {}  # (an aligner without the prior takes no ``prior``: the script also measures main)
    if prior:
        from checker.text.lexicon.prior import prior_for

        extra["prior"] = prior_for("en", "zh")
    start = time.perf_counter()
    links = align(vs, vt, [len(t) for t in src], [len(t) for t in tgt], texts=(src, tgt), **extra)
    return [(link.source, link.target) for link in links], time.perf_counter() - start


# --- FastAPI pages --------------------------------------------------------------------------


def _blocks(path: Path, lang: str) -> list[tuple[str, list[str]]]:
    """(kind, embedded texts of its sentences) of every block of a Markdown file, in order."""
    from checker.model import Role
    from checker.pipeline.run import _embedded_texts
    from checker.readers import read

    doc = read(path, doc_id=lang, role=Role.SOURCE, lang=lang)
    texts = _embedded_texts(doc)
    out: dict[int, tuple[str, list[str]]] = {}
    for seg, text in zip(doc.segments, texts):
        out.setdefault(seg.paragraph, (seg.kind, []))[1].append(text)
    return list(out.values())


def fastapi_pages(edited: bool, seed: int = 12) -> list[Page]:
    """The FastAPI pages whose two sides have the same block structure, with their gold links."""
    rng = random.Random(seed)
    pages = []
    for en_path in sorted((FASTAPI / "en").rglob("*.md")):
        zh_path = FASTAPI / "zh" / en_path.relative_to(FASTAPI / "en")
        if not zh_path.exists():
            continue
        en_blocks, zh_blocks = _blocks(en_path, "en"), _blocks(zh_path, "zh")
        if [k for k, _ in en_blocks] != [k for k, _ in zh_blocks]:
            continue
        blocks = [(list(e), list(z)) for (_, e), (_, z) in zip(en_blocks, zh_blocks)]
        edits: list[str] = []
        if edited:
            blocks = _edit(blocks, rng, edits)
        pages.append(_page(str(en_path.relative_to(FASTAPI / "en")), blocks, edits))
    return pages


def _edit(blocks: list[tuple[list[str], list[str]]], rng: random.Random, log: list[str]
          ) -> list[tuple[list[str], list[str]]]:
    """Join or split sentences in about one block pair in six (see the module's docstring).

    A join takes two neighbouring block pairs of one sentence each (or a block pair of two and
    two) and makes one block pair of them; a split cuts a Chinese sentence at a comma with at
    least 8 characters on each side.
    """
    out: list[tuple[list[str], list[str]]] = []
    k = 0
    while k < len(blocks):
        en, zh = blocks[k]
        roll = rng.random()
        if roll < 0.17 and k + 1 < len(blocks) and len(en) == len(zh) == 1 and len(blocks[k + 1][0]) == len(blocks[k + 1][1]) == 1:
            en2, zh2 = blocks[k + 1]
            if rng.random() < 0.6:
                out.append((en + en2, [zh[0] + zh2[0]]))
                log.append(f"zh join: {zh[0] + zh2[0]}")
            else:
                out.append(([en[0] + " " + en2[0]], zh + zh2))
                log.append(f"en join: {en[0] + ' ' + en2[0]}")
            k += 2
            continue
        if roll < 0.25 and len(en) == len(zh) == 1:
            cut = _comma(zh[0])
            if cut is not None:
                out.append((en, [zh[0][: cut + 1], zh[0][cut + 1 :]]))
                log.append(f"zh split: {zh[0][: cut + 1]} | {zh[0][cut + 1 :]}")
                k += 1
                continue
        out.append((en, zh))
        k += 1
    return out


def _comma(text: str) -> int | None:
    """The Chinese comma nearest the middle of ``text`` with at least 8 characters on each side."""
    spots = [i for i, ch in enumerate(text) if ch == "，" and 8 <= i < len(text) - 8]
    return min(spots, key=lambda i: abs(i - len(text) / 2)) if spots else None


def _page(name: str, blocks: list[tuple[list[str], list[str]]], edits: list[str]) -> Page:
    src: list[str] = []
    tgt: list[str] = []
    gold: list[Pair] = []
    for en, zh in blocks:
        s0, t0 = len(src), len(tgt)
        src += en
        tgt += zh
        s_ids, t_ids = tuple(range(s0, len(src))), tuple(range(t0, len(tgt)))
        if len(en) == 1 or len(zh) == 1:
            gold.append((s_ids, t_ids))
        elif len(en) == len(zh):
            gold += [((s,), (t,)) for s, t in zip(s_ids, t_ids)]
    return Page(name, src, tgt, gold, edits)


def score_links(gold: Sequence[Pair], pred: Sequence[Pair]) -> tuple[int, int, int]:
    """(strict hits, predicted links touching a scored sentence, gold links)."""
    gold_set = set(gold)
    scored_src = {s for g in gold for s in g[0]}
    scored_tgt = {t for g in gold for t in g[1]}
    judged = [p for p in pred if set(p[0]) & scored_src or set(p[1]) & scored_tgt]
    hits = sum(1 for p in judged if p in gold_set)
    return hits, len(judged), len(gold_set)


def run_pages(pages: list[Page]) -> None:
    enc = encoder()
    totals = {False: [0, 0, 0, 0.0], True: [0, 0, 0, 0.0]}
    worse, better = [], []
    for page in pages:
        vs, vt = _vectors(enc, page.src), _vectors(enc, page.tgt)
        results = {}
        for prior in PRIORS:
            pred, seconds = run_align(page.src, page.tgt, vs, vt, prior)
            hits, judged, gold = score_links(page.gold, pred)
            t = totals[prior]
            t[0] += hits
            t[1] += judged
            t[2] += gold
            t[3] += seconds
            results[prior] = hits
        if len(PRIORS) == 2:
            (better if results[True] > results[False] else worse if results[True] < results[False] else []).append(
                f"{page.name} {results[False]}->{results[True]}")
    sentences = sum(len(p.src) for p in pages)
    gold_links = sum(len(p.gold) for p in pages)
    kinds = {f"{len(s)}-{len(t)}" for p in pages for s, t in p.gold}
    by_kind = {k: sum(1 for p in pages for s, t in p.gold if f"{len(s)}-{len(t)}" == k) for k in sorted(kinds)}
    print(f"{len(pages)} pages, {sentences} English sentences, {gold_links} gold links {by_kind}, "
          f"{sum(len(p.edits) for p in pages)} edits")
    for prior in PRIORS:
        hits, judged, gold, seconds = totals[prior]
        p, r = hits / max(judged, 1), hits / max(gold, 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        label = "with CC-CEDICT   " if prior else "learned lexicon  "
        print(f"{label} strict P/R/F1 {p:.4f} / {r:.4f} / {f1:.4f}   align {seconds:.2f} s")
    if len(PRIORS) == 2:
        print("pages better with the prior:", ", ".join(better) or "none")
        print("pages worse with the prior:", ", ".join(worse) or "none")


# --- Bible ------------------------------------------------------------------------------------


def run_bible() -> None:
    src = (BIBLE / "en.txt").read_text(encoding="utf-8").splitlines()
    tgt = (BIBLE / "zh.txt").read_text(encoding="utf-8").splitlines()
    from checker.pipeline.run import embed_text

    src, tgt = [embed_text(t) for t in src], [embed_text(t) for t in tgt]
    enc = encoder()
    vs, vt = _vectors(enc, src), _vectors(enc, tgt)
    from align_score import format_scores

    for prior in PRIORS:
        pred, seconds = run_align(src, tgt, vs, vt, prior)
        label = "with CC-CEDICT   " if prior else "learned lexicon  "
        print(f"bible {label}{format_scores(score_bible(pred))}   align {seconds:.2f} s")


def run_bible_omissions(count: int = 200, seed: int = 13) -> None:
    """Delete ``count`` Chinese lines of gold 1-1 verses (none next to another) and count the
    English lines the aligner leaves without a partner, as an omission check needs them."""
    from inject_bench import choose, one_to_one

    from checker.pipeline.run import embed_text

    src = [embed_text(t) for t in (BIBLE / "en.txt").read_text(encoding="utf-8").splitlines()]
    tgt = [embed_text(t) for t in (BIBLE / "zh.txt").read_text(encoding="utf-8").splitlines()]
    enc = encoder()
    vs, vt = _vectors(enc, src), _vectors(enc, tgt)
    sites = choose(random.Random(seed), one_to_one(BIBLE), count, set(), set())
    dropped = {z for _, z in sites}
    keep = [j for j in range(len(tgt)) if j not in dropped]
    tgt2 = [tgt[j] for j in keep]
    for prior in PRIORS:
        pred, seconds = run_align(src, tgt2, vs, vt[keep], prior)
        alone = {s[0] for s, t in pred if len(s) == 1 and not t}
        found = sum(1 for e, _ in sites if e in alone)
        label = "with CC-CEDICT   " if prior else "learned lexicon  "
        print(f"bible omissions {label}{found} of {len(sites)} dropped lines' sources left unaligned "
              f"({found / len(sites):.3f}); {len(alone) - found} other source lines unaligned")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", choices=("bible", "bible-omissions", "fastapi", "fastapi-edited", "all"),
                        default="all")
    parser.add_argument("--list-edits", action="store_true", help="print the edits made to the pages")
    parser.add_argument("--no-prior", action="store_true",
                        help="only align without the prior (to measure an aligner that has none, e.g. main's)")
    args = parser.parse_args()
    global PRIORS
    import checker

    print(f"aligner of {Path(checker.__file__).parent.parent}")
    if args.no_prior:
        PRIORS = (False,)
    if args.set in ("fastapi", "all"):
        print("== fastapi (Markdown structure gives the gold)")
        run_pages(fastapi_pages(edited=False))
    if args.set in ("fastapi-edited", "all"):
        print("== fastapi-edited (sentences joined and split as free translations do)")
        pages = fastapi_pages(edited=True)
        if args.list_edits:
            for page in pages:
                for edit in page.edits:
                    print(f"  {page.name}: {edit}")
        run_pages(pages)
    if args.set in ("bible", "all"):
        print("== bible")
        run_bible()
    if args.set in ("bible-omissions", "all"):
        print("== bible with 200 Chinese lines deleted")
        run_bible_omissions()


if __name__ == "__main__":
    main()
