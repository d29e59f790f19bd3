"""Subtitles: one segment per cue, keyed by its timing; two files are paired by time overlap."""

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.model import Document, Role
from checker.readers import format_of, read
from checker.readers.units import pair_by_time, pair_documents

DATA = Path(__file__).parent / "data" / "formats"


def _doc(name: str, doc_id: str = "d0") -> Document:
    doc = read(DATA / name, doc_id=doc_id, role=Role.SOURCE)
    assert isinstance(doc, Document)
    return doc


def test_cues_are_segments_with_timing_keys() -> None:
    doc = _doc("en.srt")
    assert format_of(DATA / "en.srt") == "srt"
    assert [s.key for s in doc.segments][:2] == ["00:00:01,000 --> 00:00:03,000",
                                                 "00:00:03,500 --> 00:00:06,000"]
    assert doc.segments[1].text == "Today we talk about\n<i>translation</i>."
    assert (doc.segments[1].line, doc.segments[1].column) == (7, 1)
    assert {s.kind for s in doc.segments} == {"subtitle"}


def test_pairs_by_time_overlap() -> None:
    en, zh = _doc("en.srt"), _doc("zh.srt", "d1")
    alignment = pair_documents(en, zh)
    assert alignment is not None
    assert [(link.source, link.target) for link in alignment.links] == [
        ((0,), (0,)),
        ((1,), (1, 2)),  # one English cue, split over two Chinese cues
        ((2,), (3,)),
        ((3,), ()),  # "Goodbye!" has no Chinese cue at its time
        ((), (4,)),  # "（完）" has no English cue at its time
    ]


def test_touching_cues_do_not_pair(tmp_path: Path) -> None:
    a = tmp_path / "a.srt"
    b = tmp_path / "b.srt"
    a.write_text("1\n00:00:01,000 --> 00:00:02,000\nOne.\n", encoding="utf-8")
    b.write_text("1\n00:00:01,950 --> 00:00:05,000\n一。\n", encoding="utf-8")
    alignment = pair_by_time(_read(a), _read(b, "d1"))
    assert alignment is not None
    assert [(link.source, link.target) for link in alignment.links] == [((0,), ()), ((), (0,))]


def _read(path: Path, doc_id: str = "d0") -> Document:
    return read(path, doc_id=doc_id, role=Role.SOURCE)  # type: ignore[return-value]


def test_webvtt_is_read_too(tmp_path: Path) -> None:
    vtt = tmp_path / "en.vtt"
    vtt.write_text("WEBVTT\n\nNOTE a comment\n\n00:01.000 --> 00:03.500 align:start\nHello there.\n",
                   encoding="utf-8")
    doc = _read(vtt)
    assert [(s.key, s.text, s.line) for s in doc.segments] == [
        ("00:00:01,000 --> 00:00:03,500", "Hello there.", 6)]


def test_block_without_timing_names_the_line() -> None:
    with pytest.raises(InputError, match=r"broken\.srt: malformed subtitle file at line 5"):
        _doc("broken.srt")
