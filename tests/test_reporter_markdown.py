"""Markdown for pull-request comments: rendered with a GFM-table parser, as GitHub would."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from checker.model import Severity
from checker.reporters.markdown import MAX_SPAN, MarkdownReporter, code
from tests.fixtures.sample_report import FINDINGS, SAMPLE_REPORT, ZH_B


class Page(HTMLParser):
    """The parts of the rendered HTML the tests look at: tags opened, table rows, code texts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self.codes: list[str] = []
        self.text = ""
        self._cell: str | None = None
        self._code: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""
        elif tag == "code":
            self._code = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self._cell)
            self._cell = None
        elif tag == "code":
            self.codes.append(self._code)
            self._code = None

    def handle_data(self, data):
        self.text += data
        if self._cell is not None:
            self._cell += data
        if self._code is not None:
            self._code += data


def render(report=SAMPLE_REPORT, **options) -> Page:
    markdown = MarkdownReporter(**options).render(report)
    return Page(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))


def finding_rows(page: Page) -> list[list[str]]:
    return [row for row in page.rows if len(row) == 5 and row[0] != "Where"]


def test_heading_and_count_tables():
    markdown = MarkdownReporter().render(SAMPLE_REPORT)
    assert markdown.splitlines()[1] == "## transcheck: 5 findings (3 major, 2 minor)"
    rows = {tuple(row) for row in render().rows if len(row) == 2}
    assert {("critical", "0"), ("major", "3"), ("minor", "2"), ("info", "0")} <= rows
    assert {(check, str(n)) for check, n in SAMPLE_REPORT.summary()["by_check"].items()} <= rows


def test_the_signature_is_shown_verbatim():
    assert SAMPLE_REPORT.tool.signature in render().codes


def test_term_drift_leads_and_the_rest_is_folded_per_document():
    page = render()
    assert page.tags.count("details") == 3
    rows = finding_rows(page)
    assert [row[0] for row in rows] == [
        "corpora/memo/zh-a.txt:5:11",  # the term drift, open above the folded sections
        "corpora/memo/en.txt:3:40",
        "corpora/memo/en.txt:9:1",
        "corpora/memo/zh-a.txt:3:14",
        "corpora/memo/zh-b.txt:10:1",
    ]
    assert rows[0][2] == "term-drift"
    markdown = MarkdownReporter().render(SAMPLE_REPORT)
    assert markdown.index("### Term drift across translations") < markdown.index("<details>")
    spelling = rows[1]
    assert spelling[1:] == [
        "minor",
        "spelling",
        "'diffcult' looks misspelled. Suggestion: difficult",
        "diffcult",
    ]


def test_the_script_in_a_translation_stays_text():
    page = render()
    assert "script" not in page.tags
    assert ZH_B.segments[4].text in page.codes


NASTY = [
    "a | b || c",
    "`tick` and ``double``",
    "<script>alert(1)</script>",
    "</details></table><b>bold</b>",
    "line one\nline two\r\n| --- |",
    "*not bold* _nor this_ [link](http://x) ![img](y)",
    "&amp; &lt; \\| \\",
    "`",
    " `padded` ",
]


@pytest.mark.parametrize("text", NASTY)
def test_no_text_can_break_the_table_or_inject_html(text):
    def with_text(text):
        location = replace(FINDINGS[0].locations[0], text=text)
        finding = replace(FINDINGS[0], message=text, locations=(location,), suggestion=None)
        return render(replace(SAMPLE_REPORT, findings=(finding,)))

    page = with_text(text)
    assert page.tags == with_text("plain").tags  # the same HTML elements as a harmless text
    [row] = finding_rows(page)
    flat = " ".join(text.split())
    assert " ".join(row[3].split()) == flat  # the message, as plain text
    assert " ".join(row[4].split()) == flat.strip() or row[4] == flat  # the span, as code


def test_mentions_do_not_notify_anyone():
    finding = replace(FINDINGS[0], message="Ask @octocat or @github/team.")
    page = render(replace(SAMPLE_REPORT, findings=(finding,)))
    assert not re.search(r"@\w", page.text)
    assert "octocat" in page.text


@pytest.mark.parametrize(
    ("text", "expected"), [("a", "`a`"), ("a`b", "``a`b``"), ("`a", "`` `a ``"), ("a|b", "`a\\|b`")]
)
def test_code_spans_fence_backticks(text, expected):
    assert code(text) == expected


def test_a_long_report_is_cut_to_fit_a_comment():
    many = tuple(
        replace(FINDINGS[3], locations=(replace(FINDINGS[3].locations[0], document=doc.id),))
        for doc in SAMPLE_REPORT.documents
        for _ in range(40)
    )
    report = replace(SAMPLE_REPORT, findings=many)
    full = MarkdownReporter().render(report)
    cut = MarkdownReporter(max_chars=len(full) // 2).render(report)
    assert len(cut) <= len(full) // 2
    shown = cut.count("\n| `corpora/memo/")
    assert 0 < shown < 120
    assert f"*{120 - shown} more findings are not shown here; see the full report.*" in cut
    assert cut.count("<details>") == cut.count("</details>")


def test_severities_at_major_and_above_stand_out():
    rows = MarkdownReporter().render(SAMPLE_REPORT).splitlines()
    omission = next(r for r in rows if "`omission`" in r and "9:1" in r)
    spelling = next(r for r in rows if "`spelling`" in r and "3:40" in r)
    assert f"**{Severity.MAJOR.value}**" in omission and "**" not in spelling.split("|")[2]


def test_a_long_span_is_cut_in_the_table():
    passage = "A very long omitted passage. " * 20
    location = replace(FINDINGS[1].locations[0], text=passage)
    page = render(replace(SAMPLE_REPORT, findings=(replace(FINDINGS[1], locations=(location,)),)))
    [row] = finding_rows(page)
    assert row[4].endswith("…") and passage.startswith(row[4][:-1]) and len(row[4]) <= MAX_SPAN
