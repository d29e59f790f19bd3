"""What every output format is: a reporter that turns a ``Report`` into text.

A reporter module defines one ``Reporter`` subclass and is registered in
``checker/reporters/__init__.py``. Reporters never recompute anything: every figure they show
is in the ``Report``.
"""

from __future__ import annotations

from typing import ClassVar

from checker.model import Report


class Reporter:
    """Base class of all reporters."""

    format: ClassVar[str]  # the option name: --json, --html, ...
    suffix: ClassVar[str]  # the usual file suffix

    def render(self, report: Report) -> str:
        raise NotImplementedError
