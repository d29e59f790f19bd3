"""The terminal output: readable without colour, coloured with it, CJK-aware, escape-proof."""

from __future__ import annotations

import io
from dataclasses import replace
from statistics import mean

import pytest
from rich.cells import cell_len
from rich.console import Console

from checker.model import Document, Role, Segment, Severity
from checker.reporters.terminal import (
    TerminalReporter,
    print_findings,
    print_report,
    print_run_summary,
    print_tally,
)
from tests.fixtures.sample_report import FINDINGS, SAMPLE_REPORT


def console(width: int = 100, colour: bool = False) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(
        file=buffer,
        width=width,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
        highlight=False,
        _environ={},
    ), buffer


def test_plain_output_spells_out_what_colour_would_show():
    text = TerminalReporter().render(SAMPLE_REPORT)
    assert "\x1b" not in text
    for finding in FINDINGS:
        first = finding.locations[0]
        path = SAMPLE_REPORT.document(first.document).path
        assert f"{path}:{first.line}:{first.column}: {finding.severity.value} {finding.check}" in text


def test_a_colour_console_gets_colours():
    out, buffer = console(colour=True)
    print_findings(out, SAMPLE_REPORT)
    assert "\x1b[" in buffer.getvalue()


@pytest.mark.parametrize(
    ("severities", "line"),
    [
        ((Severity.MAJOR, Severity.MAJOR, Severity.MINOR), "3 findings: 2 major, 1 minor."),
        ((Severity.CRITICAL,), "1 finding: 1 critical."),
        ((), "No findings."),
    ],
)
def test_the_tally_counts_by_severity(severities, line):
    findings = tuple(replace(FINDINGS[0], severity=s) for s in severities)
    out, buffer = console()
    print_tally(out, replace(SAMPLE_REPORT, findings=findings))
    assert buffer.getvalue() == line + "\n"


def test_the_run_summary_lists_documents_links_similarity_and_time():
    out, buffer = console()
    print_run_summary(out, SAMPLE_REPORT)
    text = buffer.getvalue()
    assert "3.2 s" in text and "en → zh" in text
    for doc in SAMPLE_REPORT.documents:
        assert any(doc.path in line and f" {len(doc.segments)}" in line for line in text.splitlines())
    for alignment in SAMPLE_REPORT.alignments:
        similarity = f"{mean(link.similarity for link in alignment.links if link.similarity is not None):.3f}"
        row = next(line for line in text.splitlines() if line.endswith(similarity))
        kinds = {link.kind for link in alignment.links}
        assert all(f"{kind} ×" in row for kind in kinds)


ZH_DOC = Document(
    "d9", Role.TRANSLATION, "译文/备忘录第二版.txt", "zh", (Segment(0, "经过深思熟虑。" * 12, 0, 1, 1),)
)
CJK_REPORT = replace(
    SAMPLE_REPORT,
    documents=(*SAMPLE_REPORT.documents, ZH_DOC),
    findings=(
        replace(FINDINGS[4], message="这一句在源文中没有对应的句子，" * 6, locations=(ZH_DOC.locate(0),)),
    ),
)


@pytest.mark.parametrize("width", [40, 60, 100])
def test_cjk_text_wraps_within_the_width(width):
    out, buffer = console(width=width)
    print_report(out, CJK_REPORT)
    lines = buffer.getvalue().splitlines()
    assert max(cell_len(line) for line in lines) <= width
    message = [line for line in lines if "这一句" in line or "没有对应" in line]
    assert len(message) > 1 and all(line.startswith("    ") for line in message)


def test_cjk_paths_keep_the_document_table_aligned():
    out, buffer = console()
    print_run_summary(out, CJK_REPORT)
    rows = [
        line
        for line in buffer.getvalue().splitlines()
        if line.rstrip().endswith((" en", " zh")) or " source " in line or " translation " in line
    ]
    columns = {
        cell_len(line[: line.index(" translation ") if " translation " in line else line.index(" source ")])
        for line in rows
    }
    assert len(rows) == 4 and len(columns) == 1


@pytest.mark.parametrize("text", ["\x1b[31mred\x1b[0m", "bell\x07", "\u202eevil", "over\rwrite"])
def test_control_characters_never_reach_the_terminal(text):
    finding = replace(
        FINDINGS[3], message=f"says {text}", locations=(replace(FINDINGS[3].locations[0], text=text),)
    )
    output = TerminalReporter().render(replace(SAMPLE_REPORT, findings=(finding,)))
    assert not any(ch in output for ch in "\x1b\x07\u202e\r")
    assert "\\x1b" in output or "\\x07" in output or "\\u202e" in output or "\\r" in output


def test_rich_markup_in_text_is_shown_literally():
    finding = replace(FINDINGS[3], message="[bold red]not markup[/]")
    out, buffer = console(colour=True)
    print_findings(out, replace(SAMPLE_REPORT, findings=(finding,)))
    assert "[bold red]not markup[/]" in buffer.getvalue()


def test_term_drift_is_the_first_thing_shown():
    """With two translations, a term rendered two ways leads the output, above every document."""
    text = TerminalReporter().render(SAMPLE_REPORT)
    drift = next(f for f in FINDINGS if f.check == "term-drift")
    first = drift.locations[0]
    headline = f"{SAMPLE_REPORT.document(first.document).path}:{first.line}:{first.column}: major term-drift"
    lines = text.splitlines()
    assert lines[0] == "Term drift across translations"
    assert lines[1].startswith(headline + "  ")
    assert text.count(headline) == 1  # not repeated under its document


def test_without_term_drift_the_documents_come_first():
    report = replace(SAMPLE_REPORT, findings=tuple(f for f in FINDINGS if f.check != "term-drift"))
    assert "Term drift" not in TerminalReporter().render(report)
