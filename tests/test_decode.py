"""Decoding: every encoding the issue names is read exactly; every bad input says why."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.readers.decode import decode

ROOT = Path(__file__).resolve().parents[1]
TEXT = "大家好，\n我有件事想和大家分享。OpenAI 的 6.5 年。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gb18030"), "gb18030"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom", "utf16le", "utf16be", "gb18030"],
)
def test_decodes_each_encoding_exactly(data: bytes, encoding: str) -> None:
    decoded = decode(data, "in.txt")
    assert decoded.text == TEXT  # no BOM left, nothing altered
    assert decoded.encoding == encoding


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_chinese_utf16_without_bom(encoding: str) -> None:
    text = "我有件事想和大家分享。经过深思熟虑，我做出了决定。\n我已经在团队工作了六年半。\n"
    assert decode(text.encode(encoding), "zh.txt") == (text, encoding)


def test_gb18030_of_a_real_translation() -> None:
    text = (ROOT / "corpora/note/zh-b.txt").read_text(encoding="utf-8")
    assert decode(text.encode("gb18030"), "zh.txt") == (text, "gb18030")


def test_single_byte_western_text_is_read_as_cp1252() -> None:
    text = "Café crème brûlée. Naïve façade.\n"
    assert decode(text.encode("cp1252"), "fr.txt").text == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a\r\nb\r\n", "a\nb\n"),
        (b"a\rb\r", "a\nb\n"),
        (b"a\r\n\r\nb\rc\n", "a\n\nb\nc\n"),
        (b"no line break", "no line break"),
    ],
)
def test_line_endings_of_every_kind_become_one_newline(raw: bytes, expected: str) -> None:
    assert decode(raw, "in.txt").text == expected


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(40)), "binary file, not text (it holds NUL bytes)"),
        (b"\x1b\x02\x03data\x04\x05\x06\x07" * 10, "binary file, not text (it holds control characters)"),
        (b"\x00\x01\x02\xff", "binary file, not text (it holds control characters)"),  # UTF-16 by its NULs
        ("我有件事想和大家分享。".encode() + b"\xff" + "经过深思熟虑".encode(),
         "not valid UTF-8: invalid byte 0xFF at line 1, column 12"),
        (bytes(range(0x80, 0x100)) * 3,
         "not valid UTF-8 (invalid byte 0x80 at line 1, column 1) and no other encoding fits"),
        (codecs.BOM_UTF16_LE + b"H\x00i\x00\x00\xdc",
         "has a UTF-16-LE byte-order mark but is not valid UTF-16-LE"),
        (codecs.BOM_UTF8 + b"ok\n\xc3(", "not valid UTF-8: invalid byte 0xC3 at line 2, column 1"),
    ],
    ids=["empty", "nul-bytes", "control-chars", "tiny-binary", "damaged-utf8", "no-encoding", "bad-utf16",
         "bad-after-bom"],
)
def test_bad_bytes_raise_input_error_saying_why(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "in.txt")
    assert problem in caught.value.problem
    assert str(caught.value).startswith("in.txt: ")


@pytest.mark.parametrize("text", [
    "A line of prose with one stray control character\x01 in it, as pasted text sometimes has. "
    + "The rest of the paragraph is ordinary text, long enough for one in a hundred.",
    "Ten thousand characters may hold a few of them. " * 200 + "\x02\x03\x04",
])
def test_a_trace_of_control_characters_is_still_text(text: str) -> None:
    assert decode(text.encode(), "in.txt").text == text
