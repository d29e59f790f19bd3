"""Errors injected into the real localization files (issue 11's recall guard, issue 12's drops).

The development files of ``shared/realworld`` are copied into a temporary folder and errors of
nine kinds are injected into their TRANSLATIONS, with a fixed seed, at sites spread over every set
where the kind applies (FastAPI Markdown pairs, sphinx PO, excalidraw JSON, rclone XLIFF, TICO
TMX). Each set is then checked as ``benchmarks/realworld.py`` checks it (``checker.pipeline.run.compare``
in this process, one encoder) and the JSON reports are scored.

Sites are chosen among the one-to-one links of the unmodified run whose two texts appear verbatim
in the files at the line and column the report gives, whose translation holds Chinese, and where
the unmodified run has no finding of the kind's expected check(s) on either side (so an old
finding never counts as recalled). Sites are never on or next to another site.

- ``number``: a number of the translation whose value the source has too (``inject_bench``'s
  ``shared_number``; not inside a URL, code or a tag) gets one digit changed (12 -> 13, 四 -> 五);
- ``url``: a URL found on both sides gets its last digit or letter changed;
- ``code``: a Markdown code span (```main.py```) or a code-like token kept verbatim in a unit
  (``conf.py``, ``add_node()``, ``--reload``, ``theme_options``) is changed the way a translator
  slips (``_`` <-> ``-``, ``.`` -> ``_``, two letters swapped);
- ``name``: a Latin-script name kept verbatim in the translation (``FastAPI``, ``Sphinx``) is
  misspelled (two inner letters swapped, one dropped, or I -> l);
- ``omission``: one sentence of a translated paragraph or unit of 2+ sentences is deleted, where
  the source sentence it renders is known (a Markdown segment linked one-to-one; a unit whose
  source has as many sentences). The ``exact`` column is the share of sites found with that source
  sentence as the finding's location text (issue 12 asks for the exact span);
- ``clause``: one comma-separated part (at least 6 characters, less than half the sentence) of a
  translated sentence of 3+ parts is deleted;
- ``added``: a sentence of ANOTHER unit's translation of the same file (real Chinese that renders
  nothing here; 8 Han characters or more, no digits, Latin letters or markup) is inserted after a
  sentence of a translated unit or Markdown sentence of 4+ source words. Expected on the inserted
  text; ``exact`` is the share found with the inserted sentence as the finding's location text;
- ``added-clause``: a ``，``-separated part (8+ Han characters, as ``added`` chooses) of another
  unit's translation inserted, with its comma, after a ``，`` of a translated sentence;
- ``untranslated``: a translated unit (or a Markdown paragraph) is replaced by its source text;
- ``glossary``: a TMX unit whose source has a term of the TICO-19 glossary and whose target has
  its approved rendering gets every copy of that rendering replaced by a plausible wrong one
  (``VARIANTS``: real alternative renderings, 临床实验 for 临床试验). The memory is checked with
  the real CSV (``glossary`` row) and, to validate the script while the reader of that header is
  being fixed, with a copy written with a plain ``source,target`` header (``glossary*`` row).

A site is recalled when a finding of an expected check (``EXPECTED``; any severity, the ``major``
column counts major and critical) has a location on the site: a segment of the modified
translation overlapping the changed text, or for ``omission`` and ``clause`` the source segment
whose translation lost text. Findings with no location on or next to any site are counted per
1,000 units, beside the same figure for the unmodified files.

    python benchmarks/realworld_inject.py [--seed 13] [--per-kind 40] [--data DIR] [--keep DIR]

Target (issue 11): recall >= 0.95 for every kind.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.inject_bench import change_number, misspell, shared_number  # noqa: E402
from benchmarks.realworld import DATA, _cwd, compare_runs  # noqa: E402

SETS = ("fastapi-compare", "sphinx-po", "excalidraw-json", "rclone-xliff", "tico19-tmx")
KINDS = ("number", "url", "code", "name", "omission", "clause", "added", "added-clause", "untranslated", "glossary")
EXPECTED = {
    "number": ("number-mismatch",),
    "url": ("url-mismatch", "tag-mismatch"),  # a URL in ``<a href>`` is also a changed tag
    "code": ("code-mismatch",),
    "name": ("entity-mismatch",),
    "omission": ("omission", "stale-translation"),
    "clause": ("omission", "stale-translation"),
    "added": ("addition",),
    "added-clause": ("addition",),
    "untranslated": ("untranslated",),
    "glossary": ("glossary",),
}
MIN_SITES = {"omission": 40, "clause": 20, "added": 40, "added-clause": 20}
TARGET_RECALL = 0.95
GLOSSARY_RUN = "tico19-tmx"
PLAIN_GLOSSARY = "tico19-tmx/glossary-plain.csv"
# Real alternative renderings of TICO-19 glossary targets (wrong by the glossary, plausible to a reader).
VARIANTS = {
    "冠状病毒": "冠形病毒", "症状": "病征", "感染": "传染", "呼吸": "呼气", "爆发": "暴发",
    "疫苗": "菌苗", "武汉": "武漢", "传播": "扩散", "肺炎": "肺部炎症", "限制": "管制",
    "发热": "发烧", "口罩": "面罩", "咳嗽": "咳", "流感": "感冒", "无症状": "没有病征",
    "流行病": "瘟疫", "暴露": "接触", "社交距离": "社会距离", "糖尿病": "血糖病", "表面": "外表",
    "打喷嚏": "喷嚏", "触摸": "碰触", "普通感冒": "一般感冒", "潜伏期": "潜藏期", "免疫": "抵抗力",
    "飞沫": "唾沫", "传染": "感染", "洗手": "清洗双手", "血压": "血液压力", "临床试验": "临床实验",
    "穿山甲": "鲮鲤", "中间宿主": "中介宿主", "隔离": "隔绝", "呼吸窘迫": "呼吸困难",
    "新型冠状病毒": "新冠状病毒",
}

HAN = re.compile(r"[\u4e00-\u9fff]")
BLOCK_MARKER = re.compile(r"(?:/{3,}|!!!|\?{3}|:::)")  # admonitions and tabs: /// note | "技术细节"
URL = re.compile(r"https?://[^\s<>\"'()\[\]`]+[\w/]")
# spans never touched by number, name and code edits: URLs, code spans, tags, placeholders, entities
MASK = re.compile(r"https?://\S+|`[^`]*`|<[^>]*>|\{\{[^}]*\}\}|\{[^}]*\}|%\(?\w*\)?[a-z]|&\w+;|\]\([^)]*\)")
CODE_SPAN = re.compile(r"`([^`\n]{2,60})`")
CODE_TOKEN = re.compile(
    r"(?<![\w.@/-])(?:--?[a-z][\w-]*[a-z]"            # --reload, -q
    r"|[a-z_][\w]*(?:\.[a-z_]\w+)+(?:\(\))?"           # conf.py, sys.exit(), theme.toml
    r"|[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\(\))?"        # theme_options, add_node()
    r"|[a-z]\w*\(\))(?![\w.@/-])")                      # setup()
NAME = re.compile(r"(?<![\w.@/#:-])[A-Z][A-Za-z]{3,}(?![\w@/-]|\.\w)")
ZH_SENTENCE = re.compile(r"[^。！？]+[。！？]+[”」』）)]*")
EN_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”')]))\s+(?=[A-Z0-9\"“(])")
ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.|\b(?:Mr|Mrs|Ms|Dr|Prof|St|vs|etc|al|approx|No|Fig|Inc|Ltd|Co)\.)$")


# --- text edits (pure; tested in tests/test_realworld_inject.py) ---------------------------------

def alter_url(url: str) -> str:
    """The URL with its last digit (else its last letter) changed: a wrong link that still looks right."""
    digits = [m.start() for m in re.finditer(r"\d", url)]
    if digits:
        k = digits[-1]
        return url[:k] + str((int(url[k]) + 1) % 10) + url[k + 1:]
    k = max(m.start() for m in re.finditer(r"[A-Za-z]", url))
    c = url[k]
    new = "a" if c == "z" else "A" if c == "Z" else chr(ord(c) + 1)
    return url[:k] + new + url[k + 1:]


def alter_code(rng: random.Random, code: str) -> str:
    """A code token changed the way a translator slips: ``_`` <-> ``-``, ``.`` -> ``_``, or a typo."""
    if "_" in code:
        return code.replace("_", "-", 1)
    if "." in code.strip("."):
        k = code.index(".", 1)
        return code[:k] + "_" + code[k + 1:]
    if "-" in code[2:]:
        k = code.index("-", 2)
        return code[:k] + "_" + code[k + 1:]
    letters = [k for k in range(1, len(code) - 1) if code[k].isalpha() and code[k + 1].isalpha()
               and code[k] != code[k + 1]]
    if letters:
        k = rng.choice(letters)
        return code[:k] + code[k + 1] + code[k] + code[k + 2:]
    return code + "s"


def masked(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` that number, name and code edits leave alone."""
    return [m.span() for m in MASK.finditer(text)]


def _free(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return all(span[1] <= a or span[0] >= b for a, b in taken)


def zh_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of a Chinese text as spans (ending at 。！？); text after the last is ignored."""
    return [m.span() for m in ZH_SENTENCE.finditer(text) if HAN.search(m.group())]


def en_sentences(text: str) -> list[str]:
    """The sentences of an English text; a split after an abbreviation (``U.S.``, ``e.g.``) is undone."""
    out: list[str] = []
    for piece in (s.strip() for s in EN_SENTENCE_END.split(text.strip())):
        if out and ABBREVIATION.search(out[-1]):
            out[-1] += " " + piece
        elif piece:
            out.append(piece)
    return out


def clause_cut(rng: random.Random, sentence: str) -> tuple[int, int] | None:
    """The span of ``sentence`` to delete to drop one ``，``-separated part, or None.

    The sentence needs three parts or more; the part dropped has at least six characters, no
    markup, and less than half the sentence. A part before the last goes with its comma after; the
    last goes with the comma before it and keeps the sentence's final mark.
    """
    commas = [m.start() for m in re.finditer("，", sentence)]
    if len(commas) < 2:
        return None
    body_end = len(sentence.rstrip("。！？”」』）)"))
    bounds = [0] + [c + 1 for c in commas] + [body_end + 1]
    options = []
    for k in range(len(bounds) - 1):
        start, stop = bounds[k], bounds[k + 1] - 1  # the part without its comma
        part = sentence[start:stop]
        if len(HAN.findall(part)) < 6 or 2 * len(part) >= len(sentence) or re.search(r"[`<>\[\]()（）{}]", part):
            continue
        options.append((start, stop + 1) if k < len(bounds) - 2 else (start - 1, stop))
    return rng.choice(options) if options else None


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with every (start, end, replacement) applied; the edits must not overlap."""
    out, last = [], 0
    for start, end, new in sorted(edits):
        if start < last:
            raise ValueError(f"overlapping edits at {start}")
        out += [text[last:start], new]
        last = end
    return "".join(out) + text[last:]


def shift(edits: list[tuple[int, int, str]], offset: int) -> int:
    """Where ``offset`` of the original text is once ``edits`` are applied (edits ending at or before it)."""
    return offset + sum(len(new) - (end - start) for start, end, new in edits if end <= offset)


# --- the unmodified run: files, links, pairs -----------------------------------------------------

@dataclass
class Pair:
    """One one-to-one link of an unmodified run, with where its two texts start in their files."""

    set: str
    run: int
    src: dict
    tgt: dict
    src_path: str
    tgt_path: str
    s_at: int
    t_at: int
    markdown: bool
    similarity: float


@dataclass
class Plan:
    """An injection: its edits, where its finding is expected, and the segments it occupies."""

    kind: str
    set: str
    run: int
    edits: list[tuple[str, int, int, str]]  # (path, start, end, replacement) in the original files
    expect: tuple[str, str, int, int]        # (path, role, start, end) in the original files
    src_idx: set[int]
    tgt_idx: set[int]
    detail: str
    exact: str = ""                          # the dropped source sentence, for omissions
    span: tuple[int, int] = (0, 0)           # ``expect`` in the modified file
    modified: list[tuple[str, int, int, str]] = field(default_factory=list)  # ``edits``, started in it
    hits: dict[str, tuple[bool, bool, bool]] = field(default_factory=dict)


class Files:
    """The texts of the files and the offsets of their lines."""

    def __init__(self, base: Path):
        self.base = base
        self.text: dict[str, str] = {}
        self.lines: dict[str, list[int]] = {}

    def get(self, path: str) -> str:
        if path not in self.text:
            text = (self.base / path).read_text(encoding="utf-8")
            self.text[path] = text
            self.lines[path] = [0] + [m.end() for m in re.finditer("\n", text)]
        return self.text[path]

    def offset(self, path: str, seg: dict) -> int:
        self.get(path)
        return self.lines[path][seg["line"] - 1] + seg["column"] - 1


def _docs(report: dict):
    source = next(d for d in report["documents"] if d["role"] == "source")
    return source, [d for d in report["documents"] if d["role"] == "translation"]


def pairs_of(name: str, run: int, report: dict, files: Files) -> list[Pair]:
    source, translations = _docs(report)
    out = []
    for doc in translations:
        align = next(a for a in report["alignments"] if a["source"] == source["id"] and a["target"] == doc["id"])
        for link in align["links"]:
            if len(link["source"]) != 1 or len(link["target"]) != 1:
                continue
            s, t = source["segments"][link["source"][0]], doc["segments"][link["target"][0]]
            s_at, t_at = files.offset(source["path"], s), files.offset(doc["path"], t)
            if not (s["text"].strip() and HAN.search(t["text"]) and s["kind"] != "code"
                    and files.get(source["path"]).startswith(s["text"], s_at)
                    and files.get(doc["path"]).startswith(t["text"], t_at)):
                continue
            out.append(Pair(name, run, s, t, source["path"], doc["path"], s_at, t_at,
                            source.get("format") == "markdown", link.get("similarity", 0.0)))
    return out


# --- plans per kind --------------------------------------------------------------------------------

def _token_plan(kind: str, p: Pair, at: int, old: str, new: str, detail: str) -> Plan:
    """A token of the translation at ``at`` (offset in its text) replaced; expected on the translation."""
    start = p.t_at + at
    return Plan(kind, p.set, p.run, [(p.tgt_path, start, start + len(old), new)],
                (p.tgt_path, "translation", p.t_at, p.t_at + len(p.tgt["text"])),
                {p.src["index"]}, {p.tgt["index"]}, detail)


def plan_number(p: Pair, rng: random.Random) -> Plan | None:
    s, t = p.src["text"], p.tgt["text"]
    q = shared_number(_blank(s), _blank(t))
    if q is None:
        return None
    out = change_number(_blank(t), q)
    if out is None:
        return None
    new = out[q.start:q.start + len(q.text)]
    return _token_plan("number", p, q.start, q.text, new, f"{q.text} -> {new}")


def _blank(text: str) -> str:
    """``text`` with its masked spans blanked out (same length, so offsets hold)."""
    for a, b in masked(text):
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def plan_url(p: Pair, rng: random.Random) -> Plan | None:
    s_urls = {m.group() for m in URL.finditer(p.src["text"])}
    found = [m for m in URL.finditer(p.tgt["text"]) if m.group() in s_urls]
    if not found:
        return None
    m = rng.choice(found)
    new = alter_url(m.group())
    return _token_plan("url", p, m.start(), m.group(), new, f"{m.group()} -> {new}")


def plan_code(p: Pair, rng: random.Random) -> Plan | None:
    s, t = p.src["text"], p.tgt["text"]
    if p.markdown:
        s_codes = set(CODE_SPAN.findall(s))
        found = [(m.start(1), m.group(1)) for m in CODE_SPAN.finditer(t) if m.group(1) in s_codes]
    else:
        s_codes = {m.group() for m in CODE_TOKEN.finditer(_blank(s))}
        found = [(m.start(), m.group()) for m in CODE_TOKEN.finditer(_blank(t)) if m.group() in s_codes]
    if not found:
        return None
    at, code = rng.choice(found)
    new = alter_code(rng, code)
    return _token_plan("code", p, at, code, new, f"{code} -> {new}")


def plan_name(p: Pair, rng: random.Random) -> Plan | None:
    s, t = _blank(p.src["text"]), _blank(p.tgt["text"])
    s_names = {m.group() for m in NAME.finditer(s)}
    found = [m for m in NAME.finditer(t) if m.group() in s_names and not CODE_TOKEN.fullmatch(m.group())
             and not m.group().isupper()]
    if not found:
        return None
    m = rng.choice(found)
    new = misspell(rng, m.group())
    return _token_plan("name", p, m.start(), m.group(), new, f"{m.group()} -> {new}")


def _drop_plan(kind: str, p: Pair, start: int, end: int, exact: str, detail: str) -> Plan:
    """Text of the translation deleted; expected on the source segment."""
    return Plan(kind, p.set, p.run, [(p.tgt_path, p.t_at + start, p.t_at + end, "")],
                (p.src_path, "source", p.s_at, p.s_at + len(p.src["text"])),
                {p.src["index"]}, {p.tgt["index"]}, detail, exact)


def plan_omission(p: Pair, rng: random.Random, paragraph_size: int, after: str) -> Plan | None:
    """One sentence of the translation deleted (``after``: the file's text that follows it)."""
    t = p.tgt["text"]
    if len(p.src["text"].split()) < 4:
        return None
    if p.markdown:
        # a sentence (a segment) of a paragraph of two or more
        if paragraph_size < 2 or not re.search(r"[。！？]", t):
            return None
        end = len(t) + len(after) - len(after.lstrip(" "))
        return _drop_plan("omission", p, 0, end, p.src["text"].strip(), t)
    spans = zh_sentences(t)
    sources = en_sentences(p.src["text"])
    if len(spans) < 2 or len(spans) != len(sources):  # else the lost source sentence is unknown
        return None
    k = rng.randrange(len(spans))
    a, b = spans[k]
    return _drop_plan("omission", p, a, b, sources[k], t[a:b])


def plan_clause(p: Pair, rng: random.Random) -> Plan | None:
    t = p.tgt["text"]
    spans = zh_sentences(t) or [(0, len(t))]
    rng.shuffle(spans)
    for a, b in spans:
        cut = clause_cut(rng, t[a:b])
        if cut:
            return _drop_plan("clause", p, a + cut[0], a + cut[1], "", t[a + cut[0]:a + cut[1]])
    return None


DONOR = re.compile(r"[A-Za-z0-9<>&{}%\"\\\[\]`|*_#]")


def donors_of(pairs: list[Pair]) -> dict[str, list[tuple[int, str]]]:
    """Per translation file, the sentences its units' translations could lend: (unit, sentence)."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for p in pairs:
        for a, b in zh_sentences(p.tgt["text"]):
            text = p.tgt["text"][a:b].strip()
            if len(HAN.findall(text)) >= 8 and not DONOR.search(text):
                out[p.tgt_path].append((p.tgt["index"], text))
    return out


def plan_added(p: Pair, rng: random.Random, donors: list[tuple[int, str]]) -> Plan | None:
    """A sentence of another unit's translation inserted after a sentence of this one."""
    t = p.tgt["text"]
    ends = [b for _, b in zh_sentences(t)]
    others = [text for unit, text in donors if unit != p.tgt["index"] and text not in t]
    if len(p.src["text"].split()) < 4 or not ends or not others:
        return None
    at = p.t_at + rng.choice(ends)
    added = rng.choice(others)
    return Plan("added", p.set, p.run, [(p.tgt_path, at, at, added)], (p.tgt_path, "translation", at, at),
                {p.src["index"]}, {p.tgt["index"]}, added, added)


def donor_clauses(pairs: list[Pair]) -> dict[str, list[tuple[int, str]]]:
    """Per translation file, the ``，``-separated parts its units' translations could lend."""
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for p in pairs:
        for a, b in zh_sentences(p.tgt["text"]):
            for part in re.split(r"[，。！？]", p.tgt["text"][a:b]):
                if len(HAN.findall(part)) >= 8 and not DONOR.search(part) and not re.search(r"[、；：（）“”]", part):
                    out[p.tgt_path].append((p.tgt["index"], part.strip()))
    return out


def plan_added_clause(p: Pair, rng: random.Random, donors: list[tuple[int, str]]) -> Plan | None:
    """A clause of another unit's translation inserted after a ``，`` of this one."""
    t = p.tgt["text"]
    commas = [m.end() for m in re.finditer("，", t)]
    others = [text for unit, text in donors if unit != p.tgt["index"] and text not in t]
    if len(p.src["text"].split()) < 6 or not commas or not others:
        return None
    at = p.t_at + rng.choice(commas)
    added = rng.choice(others) + "，"
    return Plan("added-clause", p.set, p.run, [(p.tgt_path, at, at, added)], (p.tgt_path, "translation", at, at),
                {p.src["index"]}, {p.tgt["index"]}, added)


def plan_untranslated(p: Pair, rng: random.Random) -> Plan | None:
    if p.markdown or len(p.src["text"].split()) < 3:
        return None
    return Plan("untranslated", p.set, p.run, [(p.tgt_path, p.t_at, p.t_at + len(p.tgt["text"]), p.src["text"])],
                (p.tgt_path, "translation", p.t_at, p.t_at + len(p.tgt["text"])),
                {p.src["index"]}, {p.tgt["index"]}, p.tgt["text"])


def plans_untranslated_md(name: str, run: int, report: dict, files: Files) -> list[Plan]:
    """Markdown: a whole translated paragraph replaced by its source paragraph."""
    source, translations = _docs(report)
    out = []
    for doc in translations:
        align = next(a for a in report["alignments"] if a["source"] == source["id"] and a["target"] == doc["id"])
        by_t = defaultdict(list)
        for seg in doc["segments"]:
            by_t[seg["paragraph"]].append(seg)
        by_s = defaultdict(list)
        for seg in source["segments"]:
            by_s[seg["paragraph"]].append(seg)
        for t_segs in by_t.values():
            t_idx = {seg["index"] for seg in t_segs}
            links = [lk for lk in align["links"] if set(lk["target"]) & t_idx]
            s_idx = {i for lk in links for i in lk["source"]}
            if not s_idx or any(not set(lk["target"]) <= t_idx for lk in links):
                continue
            s_paras = {source["segments"][i]["paragraph"] for i in s_idx}
            if len(s_paras) != 1:
                continue
            s_segs = by_s[s_paras.pop()]
            if {seg["index"] for seg in s_segs} != s_idx:
                continue
            if any(seg["kind"] == "code" or BLOCK_MARKER.match(seg["text"]) for seg in s_segs + t_segs):
                continue  # code stays as it is; an admonition or tab marker line is markup
            t_text = "".join(seg["text"] for seg in t_segs)
            s_text = " ".join(seg["text"] for seg in s_segs)
            if not HAN.search(t_text) or len(s_text.split()) < 3:
                continue
            t_range = _raw_range(files, doc["path"], t_segs)
            s_range = _raw_range(files, source["path"], s_segs)
            if not (t_range and s_range):
                continue
            new = files.get(source["path"])[s_range[0]:s_range[1]]
            out.append(Plan("untranslated", name, run, [(doc["path"], *t_range, new)],
                            (doc["path"], "translation", *t_range), s_idx, t_idx, t_text[:80]))
    return out


def _raw_range(files: Files, path: str, segs: list[dict]) -> tuple[int, int] | None:
    """Where a paragraph's segments lie in the file, if each is there verbatim and on one line."""
    text = files.get(path)
    starts = [files.offset(path, seg) for seg in segs]
    if not all(text.startswith(seg["text"], at) for seg, at in zip(segs, starts)):
        return None
    start, end = starts[0], starts[-1] + len(segs[-1]["text"])
    return (start, end) if "\n" not in text[start:end] else None


def plan_glossary(p: Pair, rng: random.Random, terms: list[tuple[re.Pattern, str]]) -> Plan | None:
    t = p.tgt["text"]
    for pattern, approved in terms:
        if approved in VARIANTS and approved in t and pattern.search(p.src["text"]):
            new = t.replace(approved, VARIANTS[approved])
            return Plan("glossary", p.set, p.run, [(p.tgt_path, p.t_at, p.t_at + len(t), new)],
                        (p.tgt_path, "translation", p.t_at, p.t_at + len(t)),
                        {p.src["index"]}, {p.tgt["index"]}, f"{approved} -> {VARIANTS[approved]}")
    return None


def glossary_terms(path: Path) -> list[tuple[re.Pattern, str]]:
    """(source term pattern, approved target), longest source first, from the TICO-19 CSV."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [(r["sourceString"], r["targetString"]) for r in csv.DictReader(handle)]
    rows.sort(key=lambda r: -len(r[0]))
    return [(re.compile(rf"(?<![\w-]){re.escape(s)}(?![\w-])", re.I), t) for s, t in rows]


# --- choosing sites ---------------------------------------------------------------------------------

def _touched(report: dict, checks: tuple[str, ...]) -> set[tuple[str, int]]:
    """(role, segment index) of every location of a finding of ``checks``."""
    roles = {d["id"]: d["role"] for d in report["documents"]}
    return {(roles[loc["document"]], i) for f in report["findings"] if f["check"] in checks
            for loc in f["locations"] for i in loc.get("segments") or ()}


def choose(rng: random.Random, plans: list[Plan], n: int, taken: dict, before: dict) -> list[Plan]:
    """Up to ``n`` plans spread over the sets (an equal share each, the rest to who has more), none
    on or next to a segment already taken, none where the unmodified run already has such a finding."""
    by_set = defaultdict(list)
    for plan in plans:
        pre = before[(plan.set, plan.run)]
        if any(("source", i) in pre[plan.kind] for i in plan.src_idx) or \
                any(("translation", i) in pre[plan.kind] for i in plan.tgt_idx):
            continue
        by_set[plan.set].append(plan)
    for group in by_set.values():
        rng.shuffle(group)
    chosen: list[Plan] = []
    while len(chosen) < n and any(by_set.values()):
        for name in sorted(by_set):
            if len(chosen) == n or not by_set[name]:
                continue
            while by_set[name]:
                plan = by_set[name].pop()
                src, tgt = taken[(plan.set, plan.run)]
                near_s = {i + d for i in plan.src_idx for d in (-1, 0, 1)}
                near_t = {i + d for i in plan.tgt_idx for d in (-1, 0, 1)}
                if near_s & src or near_t & tgt:
                    continue
                src |= plan.src_idx
                tgt |= plan.tgt_idx
                chosen.append(plan)
                break
    return chosen


def make_plans(kind: str, runs: dict, files: Files, seed: int, terms) -> list[Plan]:
    plans = []
    for (name, run), report in runs.items():
        if kind == "untranslated" and name == "fastapi-compare":
            plans += plans_untranslated_md(name, run, report, files)
            continue
        if kind == "glossary" and name != GLOSSARY_RUN:
            continue
        pairs = pairs_of(name, run, report, files)
        para_sizes = Counter()
        for doc in _docs(report)[1]:
            para_sizes.update((doc["path"], seg["paragraph"]) for seg in doc["segments"])
        donors = donors_of(pairs) if kind == "added" else donor_clauses(pairs) if kind == "added-clause" else {}
        for p in pairs:
            rng = random.Random(f"{seed}:{kind}:{name}:{run}:{p.tgt['index']}")
            if kind == "number":
                plan = plan_number(p, rng)
            elif kind == "url":
                plan = plan_url(p, rng)
            elif kind == "code":
                plan = plan_code(p, rng)
            elif kind == "name":
                plan = plan_name(p, rng)
            elif kind == "omission":
                end = p.t_at + len(p.tgt["text"])
                plan = plan_omission(p, rng, para_sizes[(p.tgt_path, p.tgt["paragraph"])],
                                     files.get(p.tgt_path)[end:end + 8])
            elif kind == "clause":
                plan = plan_clause(p, rng)
            elif kind == "added":
                plan = plan_added(p, rng, donors.get(p.tgt_path, []))
            elif kind == "added-clause":
                plan = plan_added_clause(p, rng, donors.get(p.tgt_path, []))
            elif kind == "untranslated":
                plan = plan_untranslated(p, rng)
            else:
                plan = plan_glossary(p, rng, terms)
            if plan:
                plans.append(plan)
    return plans


# --- running and scoring -----------------------------------------------------------------------------

def run_all(data: Path, encoder, names: list[str], extra: dict | None = None) -> dict[tuple[str, int], dict]:
    """The JSON report of every run of the sets, keyed by (set, run number)."""
    from checker.pipeline.run import Options, compare
    from checker.reporters.json import report_to_dict

    reports = {}
    runs = compare_runs(data)
    with _cwd(data):
        for name in names:
            for k, (source, translations, kwargs) in enumerate(runs[name]):
                kwargs = dict(kwargs, **(extra or {}).get(name, {}))
                reports[(name, k)] = report_to_dict(compare(source, translations, Options(**kwargs), encoder=encoder))
    return reports


def _segment_ranges(report: dict, files: Files):
    """(path, role) -> [(start, end, segment index)] in the files as they are now."""
    out = defaultdict(list)
    for doc in report["documents"]:
        for seg in doc["segments"]:
            at = files.offset(doc["path"], seg)
            out[(doc["id"])].append((at, at + max(len(seg["text"]), 1), seg["index"]))
    return out


def on_site(finding: dict, plan: Plan, report: dict, ranges) -> bool:
    path, role = plan.expect[0], plan.expect[1]
    docs = {d["id"]: d for d in report["documents"]}
    a, b = plan.span
    for loc in finding["locations"]:
        doc = docs.get(loc["document"])
        if not doc or doc["path"] != path or doc["role"] != role:
            continue
        segs = ranges[doc["id"]]
        for i in loc.get("segments") or ():
            start, end, _ = segs[i]
            if start < max(b, a + 1) and end > a:
                return True
    return False


def score(plans: list[Plan], reports: dict, files: Files, label: str = "") -> None:
    """Fill ``plan.hits[label]`` with (recalled, recalled by a major finding, exact span)."""
    ranges = {key: _segment_ranges(r, files) for key, r in reports.items()}
    for plan in plans:
        report = reports[(plan.set, plan.run)]
        found = [f for f in report["findings"] if f["check"] in EXPECTED[plan.kind]
                 and on_site(f, plan, report, ranges[(plan.set, plan.run)])]
        exact = any(loc.get("text", "").strip() == plan.exact for f in found for loc in f["locations"]) \
            if plan.exact else False
        plan.hits[label] = (bool(found), any(f["severity"] in ("major", "critical") for f in found), exact)


def far_findings(plans: list[Plan], reports: dict, files: Files) -> list[dict]:
    """Findings with no location on or next to a segment of any site."""
    near = defaultdict(set)
    for key, report in reports.items():
        ranges = _segment_ranges(report, files)
        docs = {d["id"]: d for d in report["documents"]}
        for plan in (p for p in plans if (p.set, p.run) == key):
            for doc_id, segs in ranges.items():
                doc = docs[doc_id]
                for path, a, b in _site_spans(plan):
                    if doc["path"] != path:
                        continue
                    for start, end, i in segs:
                        if start < max(b, a + 1) and end > a:
                            near[(key, doc_id)] |= {i - 1, i, i + 1}
    out = []
    for key, report in reports.items():
        for f in report["findings"]:
            if not any(set(loc.get("segments") or ()) & near[(key, loc["document"])] for loc in f["locations"]):
                out.append(f)
    return out


def _site_spans(plan: Plan):
    """Every span of the modified files a plan touches: its edits and its expected span."""
    yield plan.expect[0], *plan.span
    for path, start, _, new in plan.modified:
        yield path, start, start + len(new)


def write_modified(plans: list[Plan], files: Files, work: Path) -> None:
    """Apply every plan's edits to the copy in ``work`` and map each plan's spans into it."""
    per_path = defaultdict(list)
    for plan in plans:
        for path, start, end, new in plan.edits:
            per_path[path].append((start, end, new))
    for path, edits in per_path.items():
        (work / path).write_text(apply_edits(files.get(path), edits), encoding="utf-8", newline="")
    for plan in plans:
        edits = per_path.get(plan.expect[0], [])
        path, _, start, end = plan.expect
        own = [(s, e, n) for p, s, e, n in plan.edits if p == path and start <= s and e <= end]
        inner = sum(len(n) - (e - s) for s, e, n in own)
        a = shift([e for e in edits if e not in own], start)  # an insertion at ``start`` is inside the span
        plan.span = (a, a + (end - start) + inner)
        plan.modified = [(p, shift(per_path[p], s), e, n) for p, s, e, n in plan.edits]


def recall_table(plans: list[Plan], label_for) -> list[str]:
    lines = [f"{'kind':<13}| sites | recalled | recall | major | exact | check ids"]
    for kind, label in label_for:
        mine = [p for p in plans if p.kind == kind]
        n = len(mine)
        k = sum(p.hits[label][0] for p in mine)
        m = sum(p.hits[label][1] for p in mine)
        exact = f"{sum(p.hits[label][2] for p in mine) / n:.3f}" if kind in ("omission", "added") and n else "-"
        ok = "ok" if n and k / n >= TARGET_RECALL else "MISS"
        lines.append(f"{kind + label:<13}| {n:5d} | {k:8d} | {k / n if n else 0:6.3f} | "
                     f"{m / n if n else 0:5.3f} | {exact:>5} | {','.join(EXPECTED[kind])}  {ok}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the realworld folder")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--per-kind", type=int, default=40, help="sites per kind (omission 40, clause 20 at least)")
    parser.add_argument("--misses", type=int, default=3, help="missed sites shown per kind")
    parser.add_argument("--keep", type=Path, help="keep the modified files (DIR/realworld), sites and reports")
    args = parser.parse_args(argv)
    data = args.data.resolve()
    if not (data / "README.md").is_file():
        print(f"realworld_inject: no development set at {data} (give --data)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    from checker.embedding import load_encoder

    encoder = load_encoder(None)
    terms = glossary_terms(data / "tico19-tmx" / "f_en-zh_CN.csv")
    out = args.keep or Path(tempfile.mkdtemp(prefix="realworld-inject-"))
    work = out / "realworld"  # the modified copy; only this folder is ever replaced
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(data, work)
    with (work / PLAIN_GLOSSARY).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target"])
        with (data / "tico19-tmx" / "f_en-zh_CN.csv").open(encoding="utf-8", newline="") as src:
            writer.writerows((r["sourceString"], r["targetString"]) for r in csv.DictReader(src))
    plain = {GLOSSARY_RUN: {"glossary": str(work / PLAIN_GLOSSARY)}}

    # the unmodified runs: where the texts are, and what is already found there
    base = run_all(data, encoder, list(SETS))
    base_plain = run_all(data, encoder, [GLOSSARY_RUN], plain)
    files = Files(data)
    before = {}
    for key, report in base.items():
        before[key] = {kind: _touched(report, checks) for kind, checks in EXPECTED.items()}
        if key in base_plain:
            before[key]["glossary"] |= _touched(base_plain[key], EXPECTED["glossary"])

    rng = random.Random(args.seed)
    taken = {key: (set(), set()) for key in base}
    chosen: list[Plan] = []
    # the scarcest kinds choose first, so the common ones do not take their few sites
    for kind in ("glossary", "url", "code", "name", "number", "clause", "omission", "added", "added-clause", "untranslated"):
        plans = make_plans(kind, base, files, args.seed, terms)
        chosen += choose(rng, plans, max(args.per_kind, MIN_SITES.get(kind, 0)), taken, before)
    write_modified(chosen, files, work)

    modified = Files(work)
    reports = run_all(work, encoder, list(SETS))
    reports_plain = run_all(work, encoder, [GLOSSARY_RUN], plain)
    score(chosen, reports, modified)
    score([p for p in chosen if p.kind == "glossary"], reports_plain, modified, "*")

    units = sum(len(_docs(r)[0]["segments"]) for r in base.values())
    print(f"seed {args.seed}, {args.per_kind} sites per kind (omission >= 40, clause >= 20), "
          f"{units} source units, modified files in {work}")
    rows = [(kind, "") for kind in KINDS] + [("glossary", "*")]
    for line in recall_table(chosen, rows):
        print(line)
    print("glossary*: the same sites checked with the glossary copied under a plain source,target header")
    print("recall per kind x set (recalled/sites, major in brackets):")
    for kind in KINDS:
        cells = []
        for name in SETS:
            mine = [p for p in chosen if p.kind == kind and p.set == name]
            if mine:
                cells.append(f"{name} {sum(p.hits[''][0] for p in mine)}/{len(mine)}"
                             f" ({sum(p.hits[''][1] for p in mine)})")
        print(f"  {kind:<13} " + ", ".join(cells))
    far = far_findings(chosen, reports, modified)
    far_major = [f for f in far if f["severity"] in ("major", "critical")]
    base_all = [f for r in base.values() for f in r["findings"]]
    base_major = [f for f in base_all if f["severity"] in ("major", "critical")]
    per = 1000.0 / units
    print(f"findings far from any site: {len(far_major)} major ({len(far_major) * per:.1f} per 1,000 units), "
          f"{len(far)} all ({len(far) * per:.1f}); unmodified files: {len(base_major)} major "
          f"({len(base_major) * per:.1f}), {len(base_all)} all ({len(base_all) * per:.1f})")
    for kind in KINDS:
        missed = [p for p in chosen if p.kind == kind and not p.hits[""][0]]
        if missed:
            print(f"missed {kind} ({len(missed)}):")
            for p in missed[:args.misses]:
                path, _, start, end = p.expect
                source = f" | source: {files.get(path)[start:end][:70]}" if p.kind in ("omission", "clause") else ""
                source = f" | into: {files.get(path)[start - 40:start]}" if p.kind.startswith("added") else source
                print(f"  {p.set} {path}:{_line(files, path, start)}: {p.detail[:70]}{source}")
    if args.keep:
        sites = [dict(kind=p.kind, set=p.set, run=p.run, edits=p.edits, expect=p.expect, detail=p.detail,
                      exact=p.exact, hits=p.hits) for p in chosen]
        (out / "sites.json").write_text(json.dumps(sites, ensure_ascii=False, indent=1), encoding="utf-8")
        (out / "reports.json").write_text(json.dumps({f"{k[0]}:{k[1]}": r for k, r in reports.items()},
                                                      ensure_ascii=False), encoding="utf-8")
    else:
        shutil.rmtree(out)
    print(f"time {time.perf_counter() - started:.0f} s")
    return 0


def _line(files: Files, path: str, offset: int) -> int:
    return files.get(path).count("\n", 0, offset) + 1


if __name__ == "__main__":
    raise SystemExit(main())
