"""gettext PO and POT files, read with polib: each entry is a pre-aligned unit.

- ``msgctxt`` is part of a unit's key (``context|msgid``), so the same msgid in two contexts
  stays two units.
- Plurals: ``msgstr[0]`` renders ``msgid`` and every other form renders ``msgid_plural``. A
  language with one plural form (Chinese, Japanese: ``nplurals=1``) has only ``msgstr[0]``,
  which renders ``msgid_plural`` (the ``other`` form), as CLDR collapses them.
- Fuzzy entries are skipped by default (gettext does not use them), and counted in the pair's
  ``skipped``; ``fuzzy="check"`` checks them like the rest, marked ``kind="fuzzy"``. Obsolete (``#~``)
  entries are always skipped.
- An untranslated entry (empty ``msgstr``) is an omission.
- A POT file (a template, no translations) is a monolingual document keyed by msgid.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.model import Document, Role, Segment
from checker.readers.base import Bilingual, head_if_big, load_text
from checker.readers.decode import UTF8_HEAD, read_as_utf8
from checker.readers.units import Unit, bilingual, guess_lang

FUZZY_MODES = ("skip", "check")
_SYNTAX = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def _parse(path: Path):  # noqa: ANN202 - polib has no type hints
    text = load_text(path).text
    return _polib(path, text), text.split("\n")


def _polib(path: Path, text: str, offset: int = 0):  # noqa: ANN202
    """polib's reading of ``text``, lines ``offset`` + 1 onwards of ``path``; ``InputError`` if bad."""
    import polib  # lazily: only gettext files need it

    try:
        return polib.pofile(text, check_for_duplicates=False)
    except (OSError, ValueError) as exc:
        m = _SYNTAX.search(str(exc))
        where = f" at line {int(m.group(1)) + offset}" if m else ""
        detail = f": {m.group(2)}" if m and m.group(2) else ""
        raise InputError(str(path), f"malformed PO file{where}{detail}") from None


STREAM_BYTES = 32 << 20
"""A UTF-8 PO file at least this large (32 MiB) is read a batch of entries at a time: memory
then holds a batch's lines and polib entries, not the whole file's text, lines and entries."""
BATCH_LINES = 50_000
"""Lines of whole entries polib reads at a time, in a big file."""


class _ReadWhole(Exception):
    """A big file the batches leave to the whole reader, which decides what it is: not UTF-8
    after all, or its header not in the first batch."""


Entries = tuple[dict[str, str], Iterator[tuple[Any, list[str], int]]]
"""A PO file's metadata, and each entry with the lines its keywords are found in and the number
of file lines before those."""


def _entries(path: Path) -> Entries:
    po, lines = _parse(path)
    return po.metadata, ((entry, lines, 0) for entry in po)


def _streamable(path: Path) -> bool:
    head = head_if_big(path, STREAM_BYTES, UTF8_HEAD)
    return head is not None and read_as_utf8(head)


def _streamed(path: Path) -> Entries:
    """``_entries`` a batch at a time: polib reads runs of whole entries (a batch ends only where
    polib would start a new entry, after a ``msgstr``; an entry's keywords are found in its own
    lines, and a form it lacks has no target to place)."""
    batches = _batches(path)
    first = next(batches, None)
    if first is None:
        raise _ReadWhole
    po = _polib(path, "\n".join(first[1]), first[0])
    if not po.metadata:
        raise _ReadWhole  # a header further down would change how the first entries read

    def entries() -> Iterator[tuple[Any, list[str], int]]:
        yield from ((entry, first[1], first[0]) for entry in po)
        for offset, lines in batches:
            yield from ((entry, lines, offset) for entry in _polib(path, "\n".join(lines), offset))

    return po.metadata, entries()


def _batches(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(lines before it, its lines) for runs of at least ``BATCH_LINES`` lines of whole entries."""
    batch: list[str] = []
    offset, in_msgstr = 0, False
    try:
        with path.open(encoding="utf-8-sig", newline=None) as file:
            for line in file:
                line = line.removesuffix("\n")
                stripped = line.strip()
                word = (stripped[3:].lstrip() if stripped.startswith("#~ ") else stripped).split(None, 1)
                starts = stripped.startswith("#") or word[:1] in (["msgid"], ["msgctxt"])
                if in_msgstr and starts and len(batch) >= BATCH_LINES:
                    yield offset, batch
                    offset, batch = offset + len(batch), []
                if word and word[0].startswith("msgstr"):
                    in_msgstr = True
                elif starts or word[:1] == ["msgid_plural"]:
                    in_msgstr = False
                batch.append(line)
    except UnicodeDecodeError:
        raise _ReadWhole from None
    if batch:
        yield offset, batch


def _keyword_line(lines: list[str], start: int, keyword: str) -> tuple[int, int]:
    """(line, column) of the first string after ``keyword`` at or after line ``start``."""
    for number in range(max(start, 1), min(len(lines), start + 200) + 1):
        raw = lines[number - 1]
        if raw.startswith(keyword):
            quote = raw.find('"')
            if raw[quote:].strip() == '""' and number < len(lines) and lines[number].startswith('"'):
                return number + 1, 2  # msgid "" followed by continuation lines
            return number, quote + 2
    return max(start, 1), 1


def key_of(entry) -> str:  # noqa: ANN001
    """``context|msgid`` (or just the msgid)."""
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def units(path: Path, fuzzy: str = "skip") -> tuple[list[Unit], str | None, int, int]:
    """The units of a PO file, its ``Language`` header, its number of plural forms and the
    number of fuzzy entries skipped."""
    if fuzzy not in FUZZY_MODES:
        raise ValueError(f"fuzzy must be one of {FUZZY_MODES}, not {fuzzy!r}")
    if _streamable(path):
        try:
            return _units(_streamed(path), fuzzy)
        except _ReadWhole:
            pass
    return _units(_entries(path), fuzzy)


def _units(entries: Entries, fuzzy: str) -> tuple[list[Unit], str | None, int, int]:
    metadata, found = entries
    language = (metadata.get("Language") or "").strip() or None
    m = _NPLURALS.search(metadata.get("Plural-Forms", ""))
    nplurals = int(m.group(1)) if m else None
    out: list[Unit] = []
    skipped = 0
    for entry, lines, offset in found:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.fuzzy and fuzzy == "skip":
            skipped += 1
            continue

        def at(start: int, keyword: str, lines: list[str] = lines, offset: int = offset) -> tuple[int, int]:
            line, column = _keyword_line(lines, start - offset, keyword)
            return line + offset, column

        kind = "fuzzy" if entry.fuzzy else "unit"
        line, column = at((entry.linenum or 1) + offset, "msgid ")
        key = key_of(entry)
        flags = frozenset(f for f in entry.flags if f != "fuzzy")
        if not entry.msgid_plural:
            tline, tcol = at(line, "msgstr ")
            out.append(Unit(key, entry.msgid, entry.msgstr or None, line, column, tline, tcol, kind,
                            flags))
            continue
        forms = dict(sorted(entry.msgstr_plural.items()))
        count = nplurals or len(forms) or 2
        pline, pcol = at(line, "msgid_plural ")
        for n in range(count):
            tline, tcol = at(line, f"msgstr[{n}]")
            source = entry.msgid if (n == 0 and count > 1) else entry.msgid_plural
            sline, scol = (line, column) if (n == 0 and count > 1) else (pline, pcol)
            out.append(Unit(f"{key}[{n}]", source, forms.get(n) or None, sline, scol, tline, tcol,
                            "plural", flags))
    return out, language, nplurals or 0, skipped


def read(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None,
    fuzzy: str = "skip",
) -> Bilingual:
    """A PO file as a source document, its translation and the file's own pairing."""
    found, language, _, skipped = units(path, fuzzy)
    target_lang = language.replace("_", "-") if language else None
    pair = bilingual(path, found, doc_id=doc_id, fmt="po", source_lang=lang, target_lang=target_lang,
                     keep_edges=True)
    return replace(pair, skipped={"fuzzy": skipped}) if skipped else pair


def read_template(
    path: Path, *, doc_id: str, role: Role, split: str = "sentences", lang: str | None = None
) -> Document:
    """A POT template: the msgids (and plural msgids) as one document keyed by msgid."""
    found, _, _, _ = units(path, "check")
    segments: list[Segment] = []
    seen: set[str] = set()
    for unit in found:
        if unit.key in seen:
            continue
        seen.add(unit.key)
        segments.append(Segment(len(segments), unit.source.strip(), len(segments), unit.line,
                                unit.column, unit.key, unit.kind, unit.flags))
    if not segments:
        raise InputError(str(path), "no msgid found in this POT file")
    language = lang or guess_lang(s.text for s in segments)
    return Document(doc_id, role, str(path), language, tuple(segments), "pot")
