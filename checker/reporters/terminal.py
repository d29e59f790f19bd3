"""What a person sees in the terminal: the findings, a one-line tally, and a run summary.

The CLI passes its own rich ``Console`` (stdout or stderr, colour or not, any width), so the
functions here only print to the console they are given. Severity is always spelled out, so
the output reads the same without colour; rich measures East Asian wide characters, so CJK
text wraps and lines up. Control characters in document text are shown escaped, never sent
to the terminal. rich is imported only when something is printed.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import TYPE_CHECKING

from checker.model import Alignment, Finding, Location, Report, Severity
from checker.reporters.base import LEADING_CHECKS, Reporter, by_document, clip, leading, path_of

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

SEVERITY_STYLES = {
    Severity.CRITICAL: "bold white on red",
    Severity.MAJOR: "bold red",
    Severity.MINOR: "yellow",
    Severity.INFO: "cyan",
}
WIDTH = 100  # of the plain-text rendering
MAX_SPAN = 160  # a longer span (a whole omitted passage) is cut

# C0/C1 controls, DEL, and the bidirectional overrides that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class TerminalReporter(Reporter):
    """The terminal output as plain text (no colour, ``WIDTH`` columns)."""

    format = "terminal"
    suffix = ".txt"

    def render(self, report: Report) -> str:
        from rich.console import Console

        buffer = io.StringIO()
        console = Console(file=buffer, width=WIDTH, color_system=None, force_terminal=False,
                          highlight=False, emoji=False, legacy_windows=False)
        print_report(console, report)
        return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def print_report(console: Console, report: Report) -> None:
    """Everything the CLI prints after a run: findings, the tally, then the run summary."""
    print_findings(console, report)
    print_tally(console, report)
    console.print()
    print_run_summary(console, report)


def print_findings(console: Console, report: Report) -> None:
    """Term drift across translations first, then each document's findings, most severe first.

    One finding is one line, ``path:line:column: severity check  message``, then its evidence:
    the offending span (``│``, with the suggestion) and up to ``MAX_PLACES`` other places
    (``↳``), a line each. On a console that wraps, a long headline continues indented and
    evidence is cut at the width (``…``); a console with ``soft_wrap`` (a pipe) gets each line
    whole, for grep and editors.
    """
    from rich.text import Text

    drifts = leading(report)
    if drifts:
        console.print(Text("Term drift across translations", style="bold underline"))
        for finding in by_severity(drifts):
            _print_finding(console, report, finding)
        console.print()
    for doc, findings in by_document(report, skip=LEADING_CHECKS):
        header = Text(visible(doc.path) if doc is not None else "(no document)", style="bold underline")
        if doc is not None:
            header.append(f" ({doc.lang}, {doc.role.value})", style="dim")
        console.print(header)
        for finding in by_severity(findings):
            _print_finding(console, report, finding)
        console.print()


def by_severity(findings: list[Finding]) -> list[Finding]:
    """``findings`` most severe first, in their given order (by position) within one severity."""
    return sorted(findings, key=lambda f: -f.severity.rank)


MAX_PLACES = 3  # other places shown under a finding; the rest are counted


def _print_finding(console: Console, report: Report, finding: Finding) -> None:
    from rich.text import Text

    line = _headline(report, finding)
    line.append("  ")
    line.append(visible(finding.message))
    _print_wrapped(console, line, "")
    for marker, evidence in _evidence(report, finding):
        _print_line(console, Text(marker, style="dim") + evidence)
    hidden = len(finding.locations) - 1 - MAX_PLACES
    if hidden > 0:
        _print_line(console, Text(f"  ↳ … and {hidden} more place{'s' if hidden != 1 else ''}", style="dim"))


def _print_line(console: Console, line: Text) -> None:
    """One line of evidence: cut with ``…`` at the console's width where lines wrap, whole in a pipe."""
    if console.soft_wrap:
        console.print(line, soft_wrap=True)
    else:
        console.print(line, no_wrap=True, overflow="ellipsis")


INDENT = "    "  # of a wrapped line's continuation


def _print_wrapped(console: Console, text: Text, marker: str) -> None:
    """``marker`` then ``text``; wrapped to the console's width with continuation lines indented."""
    from rich.text import Text

    line = Text(marker, style="dim") + text
    if console.soft_wrap:
        console.print(line, soft_wrap=True)
        return
    line.overflow = "fold"
    first = line.wrap(console, console.width)[0]
    rest = line[len(first.plain):]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip()):]
    first.rstrip()
    console.print(first)
    if rest.plain:
        rest.overflow = "fold"
        for piece in rest.wrap(console, max(console.width - len(INDENT), 10)):
            piece.rstrip()
            console.print(Text(INDENT) + piece)


def print_tally(console: Console, report: Report) -> None:
    """One line: ``5 findings: 3 major, 2 minor`` (or ``No findings.``)."""
    from rich.text import Text

    summary = report.summary()
    total = summary["findings"]
    if not total:
        console.print(Text("No findings.", style="green"))
        return
    line = Text(f"{total} finding{'s' if total != 1 else ''}: ", style="bold")
    parts = [(f"{n} {sev}", SEVERITY_STYLES[Severity(sev)]) for sev, n in summary["by_severity"].items()]
    for i, (part, style) in enumerate(parts):
        line.append(part, style=style)
        line.append(", " if i < len(parts) - 1 else ".")
    console.print(line)


def print_run_summary(console: Console, report: Report) -> None:
    """Documents, languages, segments, links by type, mean similarity per pair, and the time."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    tool = report.tool
    head = Text(f"{tool.name} {tool.version}", style="bold")
    head.append(f" · model {tool.model}")
    langs = " → ".join(dict.fromkeys(doc.lang for doc in report.documents))
    if langs:
        head.append(f" · {langs}")
    seconds = report.metrics.get("seconds")
    if isinstance(seconds, (int, float)):
        head.append(f" · {seconds:.1f} s")
    console.print(head)
    fuzzy = report.metrics.get("skipped", {}).get("fuzzy", 0)
    if fuzzy:
        console.print(f"Skipped {fuzzy} fuzzy entr{'y' if fuzzy == 1 else 'ies'} "
                      "(gettext does not use them; --fuzzy check checks them).")

    documents = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    documents.add_column("Document", overflow="fold")
    for name, justify in (("Lang", "left"), ("Role", "left"), ("Segments", "right")):
        documents.add_column(name, justify=justify, no_wrap=True)
    for doc in report.documents:
        documents.add_row(visible(doc.path), doc.lang, doc.role.value, str(len(doc.segments)))
    console.print(documents)
    console.print()

    if report.alignments:
        paths = {doc.id: doc.path for doc in report.documents}
        links = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        links.add_column("Alignment", overflow="fold")
        links.add_column("Links by type")
        links.add_column("Mean similarity", justify="right")
        for alignment in report.alignments:
            pair = f"{visible(paths.get(alignment.source, alignment.source))} → " \
                   f"{visible(paths.get(alignment.target, alignment.target))}"
            links.add_row(pair, _link_types(alignment), _mean_similarity(alignment))
        console.print(links)


def visible(text: str) -> str:
    """``text`` with line breaks shown as ``⏎`` and control characters as escapes."""
    text = text.replace("\r\n", "\n").replace("\n", "⏎ ").replace("\t", " ")
    return _UNSAFE.sub(lambda m: repr(m.group())[1:-1], text)


def _headline(report: Report, finding: Finding) -> Text:
    from rich.text import Text

    line = Text()
    if finding.locations:
        line.append(_where(report, finding.locations[0]), style="bold")
        line.append(": ")
    line.append(finding.severity.value, style=SEVERITY_STYLES[finding.severity])
    line.append(" ")
    line.append(finding.check, style="magenta")
    return line


def _evidence(report: Report, finding: Finding) -> list[tuple[str, Text]]:
    """The offending span (with the suggestion), then the other places the finding points at."""
    from rich.text import Text

    lines = []
    if finding.locations and finding.locations[0].text:
        span = Text(visible(clip(finding.locations[0].text, MAX_SPAN)), style="reverse")
        if finding.suggestion is not None:
            span.append(" → ", style="dim")
            span.append(visible(finding.suggestion), style="green")
        lines.append(("  │ ", span))
    elif finding.suggestion is not None:
        lines.append(("  → ", Text(visible(finding.suggestion), style="green")))
    for location in finding.locations[1:1 + MAX_PLACES]:
        other = Text(_where(report, location), style="dim")
        if location.text:
            other.append(" │ ", style="dim")
            other.append(visible(clip(location.text, MAX_SPAN)))
        lines.append(("  ↳ ", other))
    return lines


def _where(report: Report, location: Location) -> str:
    return f"{visible(path_of(report, location))}:{location.line}:{location.column}"


def _link_types(alignment: Alignment) -> str:
    kinds = Counter(link.kind for link in alignment.links)
    order = sorted(kinds, key=lambda k: (k != "1-1", k))
    return "  ".join(f"{kind} ×{kinds[kind]}" for kind in order)


def _mean_similarity(alignment: Alignment) -> str:
    scores = [link.similarity for link in alignment.links if link.similarity is not None]
    return f"{sum(scores) / len(scores):.3f}" if scores else "—"
