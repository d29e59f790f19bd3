"""Reading files: formats by suffix or by name, every encoding, and a clear error for bad input."""

from __future__ import annotations

import contextlib
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import InputError, UsageError
from checker.model import Alignment, Document, Role
from checker.readers import FORMATS, REGISTRY, SUFFIXES, Bilingual, read

DATA = Path(__file__).resolve().parent / "data" / "readers"
ROOT = Path(__file__).resolve().parents[1]

ZH_SENTENCES = [
    ("大家好，", 0, 1, 1),
    ("我有件事想和大家分享。", 0, 2, 1),
    ("经过深思熟虑，我做出了离开 OpenAI 的艰难决定。", 0, 2, 12),
    ("我已经在 OpenAI 团队工作了六年半。", 1, 4, 1),
]


def _read(name: str, **options) -> Document:
    doc = read(DATA / name, doc_id="d1", role=Role.TRANSLATION, **options)
    assert isinstance(doc, Document)
    return doc


@pytest.mark.parametrize(
    "name",
    ["utf8.txt", "utf8-bom.txt", "utf16le-bom.txt", "utf16be-bom.txt", "utf16le.txt",
     "utf16le-crlf.txt", "gb18030.txt"],
)
def test_every_encoding_gives_the_same_segments_and_positions(name: str) -> None:
    doc = _read(name)
    assert [(s.text, s.paragraph, s.line, s.column) for s in doc.segments] == ZH_SENTENCES
    assert (doc.id, doc.role, doc.lang, doc.format) == ("d1", Role.TRANSLATION, "zh", "text")
    assert doc.path == str(DATA / name)


@pytest.mark.parametrize("name", ["crlf.txt", "cr.txt"])
def test_crlf_and_cr_files_count_lines_like_lf(name: str) -> None:
    doc = _read(name)
    assert [(s.text, s.line, s.column) for s in doc.segments] == [
        ("Hi all,", 1, 1),
        ("I have something to share with you.", 3, 1),
        ("After much reflection, I have made the decision.", 3, 37),
    ]
    assert doc.lang == "en"


@pytest.mark.parametrize(
    ("split", "expected"),
    [
        ("paragraphs", ["大家好，\n我有件事想和大家分享。经过深思熟虑，我做出了离开 OpenAI 的艰难决定。",
                        "我已经在 OpenAI 团队工作了六年半。"]),
        ("lines", ["大家好，", "我有件事想和大家分享。经过深思熟虑，我做出了离开 OpenAI 的艰难决定。",
                   "我已经在 OpenAI 团队工作了六年半。"]),
    ],
)
def test_split_modes(split: str, expected: list[str]) -> None:
    doc = _read("utf16le-crlf.txt", split=split)
    assert [s.text for s in doc.segments] == expected
    assert [s.index for s in doc.segments] == list(range(len(expected)))


def test_given_language_is_kept() -> None:
    assert _read("utf8.txt", lang="zh-Hans").lang == "zh-Hans"


def test_markdown_is_read_by_structure() -> None:
    doc = _read("en.md")
    assert doc.format == "markdown"
    assert [(s.text, s.kind) for s in doc.segments][:3] == [
        ("Memo", "front-matter"), ("Leaving", "heading"), ("Hi all,", "paragraph")]
    assert doc.segments[1].line == 5


def test_unknown_suffix_is_read_as_text() -> None:
    doc = _read("notes.srt.unknown")
    assert doc.format == "text"
    assert doc.segments[0].text == "Hi all,"


def test_format_option_overrides_the_suffix() -> None:
    assert _read("utf8.txt", format="markdown").format == "markdown"


def test_unknown_format_name_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown format 'docx2'.*text, markdown"):
        _read("utf8.txt", format="docx2")


def test_unknown_split_mode_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--split"):
        _read("utf8.txt", split="words")


def test_registry_maps_names_and_suffixes() -> None:
    assert SUFFIXES[".txt"] == "text"
    assert SUFFIXES[".md"] == SUFFIXES[".markdown"] == "markdown"
    assert set(FORMATS) == {f.name for f in REGISTRY}
    assert all(s.startswith(".") and s == s.lower() for s in SUFFIXES)


def test_bilingual_is_a_frozen_pair_with_its_alignment() -> None:
    src = _read("crlf.txt")
    tgt = _read("utf8.txt")
    pair = Bilingual(src, tgt, Alignment("d0", "d1", ()))
    with pytest.raises(AttributeError):
        pair.source = tgt  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("missing.txt", "no such file"),
        (".", "is a directory, not a file"),
        ("empty.txt", "the file is empty"),
        ("blank.txt", "the file holds only whitespace, no text"),
        ("binary.txt", "a binary file, not text (it holds NUL bytes)"),
        ("control.txt", "a binary file, not text (it holds control characters)"),
        ("damaged-utf8.txt", "not valid UTF-8: invalid byte 0xE5 at line 2, column 9"),
        ("undecodable.txt", "not valid UTF-8 (invalid byte 0x80 at line 1, column 1) and no other encoding fits"),
        ("bad-utf16.txt", "has a UTF-16-LE byte-order mark but is not valid UTF-16-LE: invalid data at line 1"),
    ],
)
def test_bad_input_raises_input_error_with_the_path_and_problem(name: str, problem: str) -> None:
    path = DATA / name
    with pytest.raises(InputError) as caught:
        read(path, doc_id="d0", role=Role.SOURCE)
    assert caught.value.problem == problem or caught.value.problem.startswith(problem)
    assert str(caught.value) == f"{path}: {caught.value.problem}"


def test_reading_never_changes_the_input_files() -> None:
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in DATA.iterdir()}
    for path in DATA.iterdir():
        if path.suffix != ".py":
            with contextlib.suppress(InputError):
                read(path, doc_id="d0", role=Role.SOURCE)
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in DATA.iterdir()} == before


CORPORA = sorted((ROOT / "corpora").glob("*/*.txt"))


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpora_read_with_their_language(path: Path) -> None:
    doc = read(path, doc_id="d0", role=Role.SOURCE)
    assert isinstance(doc, Document)
    assert doc.lang == ("zh" if path.name.startswith("zh") else "en")
    assert len(doc.segments) >= 10


def test_importing_the_readers_loads_no_detector_or_guesser() -> None:
    code = ("import sys, checker.readers, checker.text.segment, checker.text.langid; "
            "print(sorted(m for m in ('lingua', 'charset_normalizer', 'torch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
