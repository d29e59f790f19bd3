"""SubRip subtitles (``.srt``, and WebVTT ``.vtt``): one segment per cue, keyed by its timing.

A cue's text (its lines joined by a line break, as in the file) is one segment of kind
``subtitle``; its ``key`` is the timing line, ``00:00:01,000 --> 00:00:03,500``. Two subtitle
files given as SOURCE TRANSLATION are paired by time overlap (``units.pair_by_time``), not by
guessing from the text. A block without a timing line, or a cue that ends before it starts,
is a malformed file: exit 2, naming the line. Cues out of order are sorted by their start time
(stable), as players show them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from checker.errors import InputError
from checker.model import Document, Role, Segment
from checker.readers.base import load_text
from checker.readers.units import guess_lang

_TIMING = re.compile(
    r"^\s*((?:\d+:)?\d{1,2}:\d\d[,.]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d\d[,.]\d{1,3})(?:\s.*)?$"
)


def _full(stamp: str) -> str:
    """``01:02.500`` (WebVTT without hours) -> ``00:01:02,500``."""
    stamp = stamp.replace(".", ",")
    return stamp if stamp.count(":") == 2 else f"00:{stamp}"


def _ms(stamp: str) -> int:
    """``00:01:02,500`` -> 62500."""
    hms, _, fraction = stamp.partition(",")
    hours, minutes, seconds = (int(x) for x in hms.split(":"))
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(fraction.ljust(3, "0")[:3])


def cues(text: str, path: str) -> list[Segment]:
    """The cues of a subtitle file as segments (text, line and column of the text, timing key)."""
    lines = text.split("\n")
    segments: list[Segment] = []
    k = 0
    if lines and lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        while k < len(lines) and lines[k].strip():
            k += 1
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        start = k
        block: list[str] = []
        while k < len(lines) and lines[k].strip():
            block.append(lines[k])
            k += 1
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue  # WebVTT comments and settings
        t = next((i for i, line in enumerate(block[:2]) if _TIMING.match(line)), None)
        if t is None:
            raise InputError(path, f"malformed subtitle file at line {start + 1}: "
                                   f"expected a timing line like 00:00:01,000 --> 00:00:03,500")
        m = _TIMING.match(block[t])
        begin, end = _full(m.group(1)), _full(m.group(2))  # type: ignore[union-attr]
        if _ms(end) < _ms(begin):
            raise InputError(path, f"malformed subtitle file at line {start + t + 1}: "
                                   f"the cue ends ({end}) before it starts ({begin})")
        key = f"{begin} --> {end}"
        body = block[t + 1:]
        if not any(line.strip() for line in body):
            continue
        first = start + t + 1  # 0-based index of the first text line
        column = len(body[0]) - len(body[0].lstrip()) + 1
        segments.append(Segment(len(segments), "\n".join(body).strip(), len(segments),
                                first + 1, column, key, "subtitle"))
    ordered = sorted(segments, key=lambda s: _ms(s.key.split(" --> ")[0]))  # type: ignore[union-attr]
    return [replace(s, index=k, paragraph=k) for k, s in enumerate(ordered)]


def read(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None
) -> Document:
    """A subtitle file as a document of timed cues."""
    segments = cues(load_text(path).text, str(path))
    if not segments:
        raise InputError(str(path), "no subtitle cues found")
    language = lang or guess_lang(s.text for s in segments)
    return Document(doc_id, role, str(path), language, tuple(segments), "srt")
