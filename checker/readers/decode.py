"""Bytes to text: find the encoding of an input file, or say clearly why there is none.

The order matters:

1. a byte-order mark decides (UTF-8, UTF-16, UTF-32);
2. a charset the file declares in its format's own way (a gettext ``Content-Type`` header, an
   XML declaration) is honoured: the bytes decode in it, or the file is refused;
3. a stray NUL byte in otherwise valid UTF-8 is a damaged file, refused (read as UTF-16 it
   would turn English into Chinese characters);
4. NUL bytes mean UTF-16 without a mark, or a binary file;
5. valid UTF-8 is UTF-8 (nearly every file today);
6. UTF-8 with a few damaged bytes is reported as such, not guessed as another encoding;
7. anything else goes to charset-normalizer (GB18030, Big5, Shift-JIS, cp1252...).

Line endings of every kind (``\\r\\n``, ``\\r``) become ``\\n``, as in Python's universal
newlines, so that line numbers count each of them as one line break.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from checker.errors import InputError
from checker.text.segment import normalize_newlines

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that never occur in text (tab, line feed, form feed, carriage return and
# escape are allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# Chinese encodings that GB18030 extends: decode them all as GB18030.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}
# Single-byte code pages by how common they are, for guesses that fit equally well.
_PREFERRED = ("cp1252", "cp1250", "cp1251")
# How a file declares its charset in the first bytes: a gettext header, an XML declaration.
_DECLARED = (
    re.compile(rb'^\s*<\?xml[^>]*?encoding\s*=\s*["\']([A-Za-z0-9._:-]+)'),
    re.compile(rb'(?m)^"Content-Type:[^"\n]*charset=([A-Za-z0-9._:-]+)'),
)
_HEAD = 8192  # bytes searched for a declaration


class Decoded(NamedTuple):
    """A file's text (line breaks normalised to ``\\n``, no BOM) and the encoding it was in."""

    text: str
    encoding: str


def decode(data: bytes, path: str) -> Decoded:
    """Decode a file's bytes, or raise ``InputError`` saying why they are not text."""
    if not data:
        raise InputError(path, "the file is empty")
    text, encoding = _decode(data, path)
    if _looks_binary(text):
        raise InputError(path, "a binary file, not text (it holds control characters)")
    return Decoded(normalize_newlines(text), encoding)


def _decode(data: bytes, path: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            why = f"has a {encoding.upper()} byte-order mark"
            return _strict(data[len(bom):], encoding, path, why), encoding
    declared = _declared(data)
    if declared is not None:
        name, encoding = declared
        if encoding == "ascii":
            encoding = "utf-8"  # a superset that old catalogues often hold under this label
        return _strict(data, encoding, path, f"declares charset {name}"), encoding
    if b"\x00" in data:
        _refuse_stray_nul(data, path)
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise InputError(path, "a binary file, not text (it holds NUL bytes)")
        why = f"looks like {encoding.upper()} (NUL bytes between letters)"
        return _strict(data, encoding, path, why), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if _mostly_utf8(data):
        raise InputError(path, f"not valid UTF-8: {_describe(utf8_error, data)}")
    guessed = _guess(data)
    if guessed is None:
        raise InputError(
            path, f"not valid UTF-8 ({_describe(utf8_error, data)}) and no other encoding fits"
        )
    return guessed


def _declared(data: bytes) -> tuple[str, str] | None:
    """(name as written, codec) of the charset the file declares, if Python knows it.

    Only ASCII-compatible charsets are honoured (a declaration of UTF-16 is only readable if the
    file is not UTF-16); the gettext template's placeholder ``CHARSET`` is no declaration.
    """
    head = data[:_HEAD]
    for pattern in _DECLARED:
        m = pattern.search(head)
        if m is None:
            continue
        name = m.group(1).decode("ascii")
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            return None
        if codec.startswith(("utf-16", "utf-32")):
            return None
        return name, "gb18030" if codec in _GB_FAMILY else codec
    return None


def _refuse_stray_nul(data: bytes, path: str) -> None:
    """``InputError`` for valid UTF-8 holding a few NUL bytes: damaged text, not UTF-16.

    UTF-16 of Latin text has a NUL in every other byte; UTF-16 of Chinese text is almost never
    valid UTF-8. A file that is valid UTF-8 with NULs in under a tenth of its bytes is neither.
    """
    if data.count(0) * 10 >= len(data):
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    at = data.index(0)
    before = normalize_newlines(data[:at].decode("utf-8"))
    line = before.count("\n") + 1
    column = len(before) - before.rfind("\n")
    raise InputError(path, f"holds a NUL byte at line {line}, column {column}: a damaged text file, "
                           f"or not a text file")


def _strict(data: bytes, encoding: str, path: str, why: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        problem = f"{why} but is not valid {exc.encoding.upper()}: {_describe(exc, data)}"
        raise InputError(path, problem) from None


def _describe(exc: UnicodeDecodeError, data: bytes) -> str:
    """Where a decoding error is: ``invalid byte 0xFF at line 2, column 9``."""
    before = data[:exc.start].decode(exc.encoding, errors="replace")
    before = normalize_newlines(before)
    line = before.count("\n") + 1
    column = len(before) - before.rfind("\n")
    utf8 = exc.encoding.startswith("utf-8")
    what = f"invalid byte 0x{data[exc.start]:02X}" if utf8 else "invalid data"
    return f"{what} at line {line}, column {column}"


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the NULs sit where UTF-16 puts them for ASCII text."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    enough = 0.02 * (len(data) // 2)  # a few ASCII characters (spaces, line breaks) at least
    if odd >= enough and odd >= 5 * even:
        return "utf-16-le"
    if even >= enough and even >= 5 * odd:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """True for UTF-8 with a few damaged bytes: many valid multi-byte characters, few bad bytes."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good >= 10 * bad


def _guess(data: bytes) -> tuple[str, str] | None:
    """Ask charset-normalizer; decode Chinese guesses as GB18030, the superset of them all.

    Short texts in a single-byte code page often fit several equally well; the most widely
    used of those that fit (cp1252 first) is taken then.
    """
    import charset_normalizer  # lazily: importing it takes a noticeable moment

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    if best.encoding in _GB_FAMILY:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    ties = [m for m in matches if m.percent_chaos <= best.percent_chaos
            and m.percent_coherence >= best.percent_coherence]
    for preferred in _PREFERRED:
        if any(preferred in m.could_be_from_charset for m in ties):
            return data.decode(preferred), preferred
    return str(best), best.encoding.replace("_", "-")


def _looks_binary(text: str) -> bool:
    """More than a trace of control characters: a binary file that happened to decode.

    A trace is at most one in a thousand characters, and, in a short text, at most two
    characters that are also at most one in a hundred (four bytes of a binary file can decode
    as UTF-16 to two characters, one of them a control character).
    """
    sample = text[:65536]
    count = len(_CONTROL.findall(sample))
    return count > len(sample) // 1000 and (count > 2 or count * 100 > len(sample))


UTF8_HEAD = 1 << 18
"""Bytes of a file's start that ``read_as_utf8`` needs: at least the 64K characters whose
control characters tell a binary file."""


def read_as_utf8(head: bytes) -> bool:
    """Whether ``decode`` reads a file that starts with ``head`` (its first ``UTF8_HEAD`` bytes)
    as UTF-8 text, provided the rest is valid UTF-8: no byte-order mark but UTF-8's, no other
    charset declared, no NUL byte, and not binary. A reader may then decode it piece by piece."""
    if any(head.startswith(bom) for bom, encoding in _BOMS if encoding != "utf-8"):
        return False
    declared = _declared(head)
    if declared is not None and declared[1] not in ("utf-8", "ascii"):
        return False
    if b"\x00" in head:
        return False
    try:  # a character cut at the end of ``head`` waits for the rest
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return not _looks_binary(text.removeprefix("\ufeff"))
