"""The reporter registry: one entry per output format, keyed by its option name."""

from __future__ import annotations

from checker.reporters.base import Reporter

REPORTERS: dict[str, type[Reporter]] = {
}
