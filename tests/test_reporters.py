"""Every reporter against the shared fixture report: snapshots, and what all formats share.

The expected outputs live in ``tests/snapshots/``. After an intended change of a format, run
``UPDATE_SNAPSHOTS=1 pytest tests/test_reporters.py`` and review the diff of the snapshots.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from checker.reporters import REPORTERS
from checker.reporters.base import Reporter, span_end
from tests.fixtures.sample_report import EN, SAMPLE_REPORT, ZH_B

SNAPSHOTS = Path(__file__).parent / "snapshots"
FORMATS = ["json", "sarif", "junit", "markdown", "terminal", "github", "gitlab", "concise"]


def assert_snapshot(name: str, text: str) -> None:
    """``text`` must equal ``tests/snapshots/<name>`` (rewritten when UPDATE_SNAPSHOTS is set)."""
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS"):
        path.parent.mkdir(exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as file:
            file.write(text)
        return
    assert path.exists(), f"no snapshot {path}: run with UPDATE_SNAPSHOTS=1 and review it"
    with path.open(encoding="utf-8", newline="") as file:
        expected = file.read()
    assert text == expected, f"{name} differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept)"


def _reporter(fmt: str) -> Reporter:
    """The reporter of ``fmt``, given no checks: snapshots must not change when a check is added
    to the registry."""
    return REPORTERS[fmt](checks=())


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_matches_snapshot(fmt):
    reporter = _reporter(fmt)
    assert_snapshot(f"{fmt}{reporter.suffix}", reporter.render(SAMPLE_REPORT))


@pytest.mark.parametrize("fmt", FORMATS)
def test_registry_entry_declares_its_format(fmt):
    reporter = REPORTERS[fmt]
    assert issubclass(reporter, Reporter)
    assert reporter.format == fmt
    assert reporter.suffix.startswith(".")


EMPTY = replace(SAMPLE_REPORT, findings=())


@pytest.mark.parametrize(
    ("fmt", "parse"),
    [
        ("json", lambda text: json.loads(text)["findings"] == []),
        ("sarif", lambda text: json.loads(text)["runs"][0]["results"] == []),
        ("junit", lambda text: ET.fromstring(text.encode()).get("failures") == "0"),
        ("markdown", lambda text: "no findings" in text and "<details>" not in text),
        ("terminal", lambda text: "No findings." in text),
        ("github", lambda text: text == ""),
        ("gitlab", lambda text: json.loads(text) == []),
    ],
)
def test_a_report_without_findings_says_so(fmt, parse):
    assert parse(_reporter(fmt).render(EMPTY))


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_ends_with_one_newline(fmt):
    text = REPORTERS[fmt]().render(SAMPLE_REPORT)
    assert text.endswith("\n") and not text.endswith("\n\n")


@pytest.mark.parametrize(
    ("location", "end"),
    [
        (EN.locate(0, 39, 47), (3, 48)),  # "diffcult" at 3:40: one line, exclusive end
        (ZH_B.locate(4), (10, 1 + len(ZH_B.segments[4].text))),
        (replace(EN.locate(0), text="first line\nsecond"), (4, 7)),  # the span holds a line break
        (EN.locate_span((1, 2)), (7, 1 + len(EN.segments[2].text))),  # ends where segment 2 ends
    ],
)
def test_span_end_is_just_past_the_last_character(location, end):
    assert span_end(SAMPLE_REPORT, location) == end


def test_importing_the_reporters_loads_no_terminal_library():
    code = "import sys, checker.reporters; print('rich' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert result.stdout.strip() == "False"
