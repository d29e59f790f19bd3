"""Error-injection benchmark (issue 4): recall per check and false positives on the Bible en-zh set.

Errors of six kinds are injected, with a fixed seed, into gold one-to-one links (one English line
and one Chinese line of the same verse) of ``shared/benchmarks/bible-en-zh``; the real CLI
(``transcheck compare --split lines``, alignment included) is run on the modified files and its
JSON report is scored. Injection sites are spread over the text and never adjacent to each other.

- ``number``: the Chinese line renders a number of the English line (``checker.text.numerals.extract``
  finds the same value >= 2 on both sides); one digit of it is changed (四十 -> 五十, 12 -> 13).
- ``name``: the CUV has no Latin-script names, so a name absent from the KJV (``Rasmussen``) is
  first appended to both sides, `` (so writes Rasmussen)`` / ``（Rasmussen如是说）``, at control
  sites (untouched: a false positive there counts) and at error sites, where the Chinese copy is
  then misspelled with a near miss (two inner letters swapped, one inner letter dropped, or
  I -> l). The name is not put right after "(": the extractor takes a capital there for a
  sentence start, so `` (Rasmussen)`` is no name in English (and would never be recalled).
- ``url`` / ``code``: the same construction with a URL (``https://example.org/gen/12``) or a code
  span (```--dry-run```, ```config.toml```), changed in the Chinese copy at error sites.
- ``omission``: the Chinese line is deleted (its English line loses its translation).
- ``untranslated``: the Chinese line is replaced by its English line.
- ``glossary``: a glossary of Bible names verified in the data (Moses/摩西 ...) whose forbidden
  variants are the Catholic renderings (梅瑟 ...); at error sites the approved term is replaced
  by the variant. The glossary is passed with ``--glossary`` on every run.

A site is recalled when a finding of an expected check (any severity; the ``major`` column
counts major and critical ones only) has a location on the site's segment: the Chinese line
(document ``d1``) or, for an omission, the English line (``d0``). A *false positive* is a finding
none of whose locations is on, or next to, an error site; rates are per 1,000 untouched English
segments. The unmodified files are run too (with the
glossary) to show the noise of the Bible itself (archaic KJV, real gaps in the data).

    python benchmarks/inject_bench.py [--per-kind 60] [--seed 13] [--samples 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.text.numerals import extract  # noqa: E402

BIBLE = Path("/work/shared/benchmarks/bible-en-zh")
KINDS = ("number", "name", "url", "code", "omission", "untranslated", "glossary")
EXPECTED = {
    "number": ("number-mismatch",),
    "name": ("entity-mismatch",),
    "url": ("url-mismatch",),
    "code": ("code-mismatch",),
    "omission": ("omission",),
    "untranslated": ("untranslated",),
    "glossary": ("glossary",),
}
NAMES = ("Rasmussen", "Lindqvist", "Castellano", "Okonkwo", "Delacroix", "Valdivia", "Kowalski",
         "Hartmann", "Brightwater", "Montgomery", "Fairbanks", "Whitfield")
URLS = ("https://example.org/gen/{n}", "https://bible.example.com/kjv/{n}.html",
        "https://docs.example.net/verse?id={n}")
CODES = ("`--dry-run`", "`config.toml`", "`--output-dir`", "`settings.yaml`", "`--verbose`",
         "`main.py`")
# (source, approved, forbidden): CUV names (each checked to occur in en.txt and zh.txt) and their
# Catholic (Sigao) renderings; 雅格 and 依撒尔 are plausible transliterations made up here.
GLOSSARY = (
    ("Moses", "摩西", "梅瑟"), ("Abraham", "亚伯拉罕", "亚巴郎"), ("Isaac", "以撒", "依撒格"),
    ("Joseph", "约瑟", "若瑟"), ("Aaron", "亚伦", "亚郎"), ("Pharaoh", "法老", "法郎"),
    ("Egypt", "埃及", "厄日多"), ("Jacob", "雅各", "雅格"),
    ("Israel", "以色列", "依撒尔"),
)
_ZH_DIGIT_NEXT = {"一": "二", "二": "三", "两": "三", "三": "四", "四": "五", "五": "六",
                  "六": "七", "七": "八", "八": "九", "九": "八", "十": "九", "百": "千", "千": "百"}


@dataclass
class Site:
    """One injection: its kind, the English index, the Chinese index in the original file, and
    whether it is an error site (``False``: a control site where a span was added to both sides)."""

    kind: str
    en: int
    zh: int
    error: bool = True
    detail: str = ""
    zh_new: int = -1  # the Chinese index in the modified file (-1 for a deleted line)


def one_to_one(bible: Path) -> list[tuple[int, int]]:
    """The gold links of exactly one English and one Chinese line."""
    pairs = []
    for line in (bible / "gold.align").read_text().split():
        src, tgt = (json.loads(part) for part in line.split(":"))
        if len(src) == 1 and len(tgt) == 1:
            pairs.append((src[0], tgt[0]))
    return pairs


def shared_number(en: str, zh: str):
    """A quantity of ``zh`` (value >= 2, not weak) whose value the English line has too, or None."""
    en_values = {q.value for q in extract(en) if not q.weak}
    for q in extract(zh):
        if q.value >= 2 and not q.weak and q.value in en_values:
            return q
    return None


def change_number(zh: str, q) -> str | None:
    """``zh`` with one digit of quantity ``q`` changed, or None where the value would not change."""
    span = q.text
    # a digit (四十 -> 五十, 12 -> 13) rather than a unit (四十 -> 四九 is no numeral)
    digits = [k for k, c in enumerate(span) if c.isdigit() or c in _ZH_DIGIT_NEXT and c not in "十百千"]
    units = [k for k, c in enumerate(span) if c in "十百千"]
    if not (digits or units):
        return None
    k = (digits or units)[-1]
    c = span[k]
    swap = str((int(c) + 1) % 10 if c != "9" else 8) if c.isdigit() else _ZH_DIGIT_NEXT[c]
    new = span[:k] + swap + span[k + 1:]
    out = zh[:q.start] + new + zh[q.end:]
    if sum(x.value == q.value for x in extract(out)) >= sum(x.value == q.value for x in extract(zh)):
        return None
    return out


def misspell(rng: random.Random, word: str) -> str:
    """A near miss of ``word``: two inner letters swapped, one inner letter dropped, or I -> l."""
    if "I" in word[1:]:
        return word[0] + word[1:].replace("I", "l", 1)
    while True:
        k = rng.randrange(1, len(word) - 2)
        if rng.random() < 0.5 and word[k] != word[k + 1]:
            return word[:k] + word[k + 1] + word[k] + word[k + 2:]
        if word[k] != word[k - 1] or rng.random() < 0.5:
            return word[:k] + word[k + 1:]


def alter_url(url: str) -> str:
    """The URL with its last digit changed (a wrong link, still a valid-looking URL)."""
    m = list(re.finditer(r"\d", url))[-1]
    return url[:m.start()] + str((int(m.group()) + 1) % 10) + url[m.end():]


def alter_code(rng: random.Random, code: str) -> str:
    """A code span changed the way a translator slips: a word translated-ish, a letter, a dash."""
    inner = code.strip("`")
    options = [inner.replace("-", "_", 1) if "-" in inner[2:] else inner + "s",
               inner.replace(".", "_", 1) if "." in inner else inner[:-1]]
    return "`" + rng.choice(options) + "`"


def choose(rng: random.Random, candidates: list[tuple[int, int]], n: int,
           taken_en: set[int], taken_zh: set[int]) -> list[tuple[int, int]]:
    """Up to ``n`` candidates in random order, none on or next to an already taken line."""
    order = candidates[:]
    rng.shuffle(order)
    out = []
    for e, z in order:
        if len(out) == n:
            break
        if {e - 1, e, e + 1} & taken_en or {z - 1, z, z + 1} & taken_zh:
            continue
        out.append((e, z))
        taken_en.add(e)
        taken_zh.add(z)
    return out


def inject(en: list[str], zh: list[str], per_kind: int, seed: int):
    """The modified English and Chinese lines, the sites, and the glossary rows."""
    rng = random.Random(seed)
    en, zh = en[:], zh[:]
    pairs = one_to_one(BIBLE)
    taken_en: set[int] = set()
    taken_zh: set[int] = set()
    sites: list[Site] = []

    def pick(kind, cands, n, error=True):
        for e, z in choose(rng, cands, n, taken_en, taken_zh):
            sites.append(Site(kind, e, z, error))

    # eligibility
    numeric = [(e, z) for e, z in pairs if shared_number(en[e], zh[z])]
    latin_free = [(e, z) for e, z in pairs if not re.search(r"[A-Za-z]", zh[z])]
    gloss = [(e, z) for e, z in pairs
             if any(re.search(rf"\b{s}\b", en[e]) and a in zh[z] for s, a, _ in GLOSSARY)]
    pick("number", numeric, per_kind)
    pick("glossary", gloss, per_kind)
    for kind in ("name", "url", "code"):
        pick(kind, latin_free, per_kind)
        pick(kind, latin_free, per_kind, error=False)
    pick("omission", pairs, per_kind)
    pick("untranslated", pairs, per_kind)

    drop: set[int] = set()
    for k, s in enumerate(sites):
        if s.kind == "number":
            q = shared_number(en[s.en], zh[s.zh])
            new = change_number(zh[s.zh], q)
            if new is None:
                s.kind = "skip"
                continue
            s.detail = f"{q.text} -> {new[q.start:q.start + len(q.text)]}"
            zh[s.zh] = new
        elif s.kind == "name":
            name = NAMES[k % len(NAMES)]
            bad = misspell(rng, name) if s.error else name
            en[s.en] = en[s.en].rstrip() + f" (so writes {name})"
            zh[s.zh] = zh[s.zh].rstrip() + f"（{bad}如是说）"
            s.detail = f"{name} -> {bad}"
        elif s.kind == "url":
            url = URLS[k % len(URLS)].format(n=rng.randrange(10, 99))
            bad = alter_url(url) if s.error else url
            en[s.en] = en[s.en].rstrip() + f" (see {url})"
            zh[s.zh] = zh[s.zh].rstrip() + f"（见 {bad}）"
            s.detail = f"{url} -> {bad}"
        elif s.kind == "code":
            code = CODES[k % len(CODES)]
            bad = alter_code(rng, code) if s.error else code
            en[s.en] = en[s.en].rstrip() + f" (run with {code})"
            zh[s.zh] = zh[s.zh].rstrip() + f"（使用 {bad} 运行）"
            s.detail = f"{code} -> {bad}"
        elif s.kind == "omission":
            drop.add(s.zh)
            s.detail = zh[s.zh]
        elif s.kind == "untranslated":
            s.detail = zh[s.zh]
            zh[s.zh] = en[s.en]
        elif s.kind == "glossary":
            for src, approved, bad in GLOSSARY:
                if re.search(rf"\b{src}\b", en[s.en]) and approved in zh[s.zh]:
                    zh[s.zh] = zh[s.zh].replace(approved, bad)
                    s.detail = f"{src}: {approved} -> {bad}"
                    break
    sites = [s for s in sites if s.kind != "skip"]
    new_index, kept = {}, []
    for j, line in enumerate(zh):
        if j not in drop:
            new_index[j] = len(kept)
            kept.append(line)
    for s in sites:
        s.zh_new = new_index.get(s.zh, -1)
    return en, kept, sites, list(GLOSSARY)


def run_cli(en_path: Path, zh_path: Path, glossary: Path, out: Path) -> dict:
    """The JSON report of ``transcheck compare`` on the two files."""
    cmd = [sys.executable, "-m", "checker", "compare", str(en_path), str(zh_path), "--split", "lines",
           "--json", str(out), "--quiet", "--glossary", str(glossary)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"transcheck failed ({proc.returncode}): {proc.stderr.strip()}")
    return json.loads(out.read_text())


def touches(finding: dict, doc: str, indices: set[int]) -> bool:
    return any(loc["document"] == doc and set(loc.get("segments") or ()) & indices
               for loc in finding["locations"])


def score(report: dict, sites: list[Site]):
    """Recall rows per kind and the findings that touch no error site."""
    rows = []
    for kind in KINDS:
        errs = [s for s in sites if s.kind == kind and s.error]
        hit = []
        for s in errs:
            doc, idx = ("d0", s.en) if kind == "omission" else ("d1", s.zh_new)
            found = [f for f in report["findings"] if f["check"] in EXPECTED[kind] and touches(f, doc, {idx})]
            hit.append((s, bool(found), any(f["severity"] in ("major", "critical") for f in found)))
        rows.append((kind, hit))
    near_en = {i for s in sites if s.error for i in (s.en - 1, s.en, s.en + 1)}
    near_zh = {i for s in sites if s.error and s.zh_new >= 0 for i in (s.zh_new - 1, s.zh_new, s.zh_new + 1)}
    # a dropped line: its neighbours in the modified file are the lines around the gap
    for s in sites:
        if s.error and s.zh_new < 0:
            near_zh |= {s.zh - (sum(1 for t in sites if t.zh_new < 0 and t.zh < s.zh)) + d for d in (-1, 0)}
    fps = [f for f in report["findings"] if not touches(f, "d0", near_en) and not touches(f, "d1", near_zh)]
    return rows, fps


def fp_lines(label: str, fps: list[dict], clean: int, samples: int) -> list[str]:
    major = [f for f in fps if f["severity"] in ("major", "critical")]
    out = [f"{label}: {len(major)} major ({1000 * len(major) / clean:.2f} per 1,000), "
           f"{len(fps)} all ({1000 * len(fps) / clean:.2f} per 1,000) over {clean} clean source segments"]
    by_check = Counter(f["check"] for f in major)
    all_check = Counter(f["check"] for f in fps)
    other = [f for f in major if f["check"] != "glossary"]
    out.append(f"  major without glossary: {len(other)} ({1000 * len(other) / clean:.2f} per 1,000)")
    out.append("  by check (major/all): " + ", ".join(
        f"{c} {by_check.get(c, 0)}/{n}" for c, n in all_check.most_common()))
    for check, _ in by_check.most_common():
        msgs = [f["message"] for f in major if f["check"] == check][:samples]
        out += [f"    [{check}] {m[:160]}" for m in msgs]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-kind", type=int, default=60, help="error sites per kind")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--samples", type=int, default=5, help="false-positive messages shown per check")
    parser.add_argument("--misses", type=int, default=5, help="missed sites shown per kind")
    parser.add_argument("--keep", type=Path, help="write the modified files, sites and reports here")
    args = parser.parse_args(argv)

    en = (BIBLE / "en.txt").read_text(encoding="utf-8").splitlines()
    zh = (BIBLE / "zh.txt").read_text(encoding="utf-8").splitlines()
    en2, zh2, sites, rows = inject(en, zh, args.per_kind, args.seed)
    work = args.keep or Path(tempfile.mkdtemp(prefix="inject-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    (work / "en.txt").write_text("\n".join(en2) + "\n", encoding="utf-8")
    (work / "zh.txt").write_text("\n".join(zh2) + "\n", encoding="utf-8")
    glossary = work / "glossary.csv"
    glossary.write_text("source,target,forbidden\n" + "".join(f"{s},{a},{b}\n" for s, a, b in rows),
                        encoding="utf-8")
    (work / "sites.json").write_text(json.dumps([s.__dict__ for s in sites], ensure_ascii=False, indent=1),
                                     encoding="utf-8")

    report = run_cli(work / "en.txt", work / "zh.txt", glossary, work / "report.json")
    base = run_cli(BIBLE / "en.txt", BIBLE / "zh.txt", glossary, work / "base.json")

    result, fps = score(report, sites)
    print(f"seed {args.seed}, {args.per_kind} sites per kind, files in {work}")
    print(f"{'kind':<13}| sites | recalled | recall | major | check ids")
    for kind, hit in result:
        n, k, m = len(hit), sum(ok for _, ok, _ in hit), sum(major for _, _, major in hit)
        print(f"{kind:<13}| {n:5d} | {k:8d} | {k / n if n else 0:6.3f} | {m / n if n else 0:5.3f} | "
              f"{','.join(EXPECTED[kind])}")
    controls = Counter(s.kind for s in sites if not s.error)
    print("control sites (span in both sides, unchanged): "
          + ", ".join(f"{k} {n}" for k, n in controls.items()))
    near = {i for s in sites if s.error for i in (s.en - 1, s.en, s.en + 1)}
    clean = len(en2) - len(near)
    for line in fp_lines("injected run, false positives", fps, clean, args.samples):
        print(line)
    for line in fp_lines("unmodified files (baseline)", base["findings"], len(en), args.samples):
        print(line)
    for kind, hit in result:
        missed = [s for s, ok, _ in hit if not ok]
        if missed:
            print(f"missed {kind} ({len(missed)}):")
            for s in missed[:args.misses]:
                print(f"  en {s.en} / zh {s.zh}->{s.zh_new}: {s.detail[:70]} | {en2[s.en][:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
