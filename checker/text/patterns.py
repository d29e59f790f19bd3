"""URL, e-mail, code and tag patterns, written once.

The checks find them in a segment and compare them across languages (``url-mismatch``,
``code-mismatch``, ``tag-mismatch``), the Markdown reader takes them out of the prose it
embeds, and language identification ignores them: they are the same in every language.
"""

from __future__ import annotations

import re

_CJK_STOPS = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60"
"""CJK punctuation, ideographs and full-width forms: Chinese text runs on with no space after a
URL (``访问 https://example.com获取``), so a URL ends where they begin."""

_URL_START = r"(?:\b(?:https?|ftp)://|\bwww\.)"


def _url(stops: str) -> re.Pattern[str]:
    """A URL that ends at a space, ``<`` or ``>``, a CJK character, or one of ``stops``."""
    return re.compile(f"{_URL_START}[^\\s<>{stops}{_CJK_STOPS}]+")


URL = _url("\"'“”‘’")
"""A URL in prose: it also ends at a quote (a trailing full stop or bracket is the caller's to trim)."""

MARKDOWN_URL = _url(r"()\[\]")
"""A bare URL in Markdown: it also ends at a bracket, as a link's parentheses do."""

EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

URL_TOKEN = re.compile(r"\S+://\S*|\S+@\S+\.\w+")
"""A whitespace-delimited word holding a URL of any scheme or an e-mail address, whole."""

BACKTICKED = re.compile(r"`([^`\n]+)`")
"""Code between single backticks on one line; group 1 is the code."""

CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
"""Inline code as CommonMark reads it: a run of backticks, the code (it may span lines), and a
run exactly as long; group 2 is the code."""

TAG = re.compile(
    r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'<>=`]+))?)*)\s*(/?)>"
)
"""An HTML or XML tag: groups are the closing slash, the name, the attributes, the self-closing slash."""

PROSE_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>")
"""A tag as the Markdown reader takes it out of prose, after the URLs: an unquoted value runs to
the next space or ``>``, so a tag whose quoted URL is gone (``<a href=" class="x">``) goes whole."""
