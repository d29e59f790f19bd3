"""The reporter registry: one entry per output format, keyed by its option name.

``terminal``, ``concise`` and ``github`` are not file formats of ``compare``: the CLI prints
them (``--output-format``), and the last is also printed inside a GitHub Actions run.
Importing this module imports no terminal library: rich is loaded only when the terminal
reporter prints.
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

REPORTERS: dict[str, type[Reporter]] = {
    "json": JsonReporter,
    "html": HtmlReporter,
    "markdown": MarkdownReporter,
    "sarif": SarifReporter,
    "junit": JunitReporter,
    "gitlab": GitlabReporter,
    "terminal": TerminalReporter,
    "github": GithubReporter,
    "concise": ConciseReporter,
}
