"""The reporter registry: one entry per output format, keyed by its option name.

A reporter that says its ``option`` is a report file: ``compare`` and ``check`` offer
``--FORMAT PATH`` for it, built from this registry. ``terminal``, ``concise`` and ``github``
say none: the CLI prints them (``--output-format``), and the last is also printed inside a
GitHub Actions run. Importing this module imports no terminal library: rich is loaded only
when the terminal reporter prints.
"""

from __future__ import annotations

from checker.reporters.base import Reporter
from checker.reporters.concise import ConciseReporter
from checker.reporters.github import GithubReporter
from checker.reporters.gitlab import GitlabReporter
from checker.reporters.html import HtmlReporter
from checker.reporters.json import JsonReporter
from checker.reporters.junit import JunitReporter
from checker.reporters.markdown import MarkdownReporter
from checker.reporters.sarif import SarifReporter
from checker.reporters.terminal import TerminalReporter

REPORTERS: dict[str, type[Reporter]] = {reporter.format: reporter for reporter in (
    JsonReporter,
    HtmlReporter,
    MarkdownReporter,
    SarifReporter,
    JunitReporter,
    GitlabReporter,
    TerminalReporter,
    GithubReporter,
    ConciseReporter,
)}

FILE_REPORTERS: dict[str, type[Reporter]] = {name: r for name, r in REPORTERS.items() if r.option is not None}
"""The reporters that write a file: ``--json PATH``, ``--html PATH``, ..., in registry order."""
