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
from dataclasses import replace
from pathlib import Path

from checker.errors import InputError
from checker.model import Document, Role, Segment
from checker.readers.base import Bilingual, load_text
from checker.readers.units import Unit, bilingual, guess_lang

FUZZY_MODES = ("skip", "check")
_SYNTAX = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def _parse(path: Path):  # noqa: ANN202 - polib has no type hints
    import polib  # lazily: only gettext files need it

    text = load_text(path).text
    try:
        return polib.pofile(text, check_for_duplicates=False), text.split("\n")
    except (OSError, ValueError) as exc:
        m = _SYNTAX.search(str(exc))
        where = f" at line {m.group(1)}" if m else ""
        detail = f": {m.group(2)}" if m and m.group(2) else ""
        raise InputError(str(path), f"malformed PO file{where}{detail}") from None


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
    po, lines = _parse(path)
    language = (po.metadata.get("Language") or "").strip() or None
    m = _NPLURALS.search(po.metadata.get("Plural-Forms", ""))
    nplurals = int(m.group(1)) if m else None
    out: list[Unit] = []
    skipped = 0
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if entry.fuzzy and fuzzy == "skip":
            skipped += 1
            continue
        kind = "fuzzy" if entry.fuzzy else "unit"
        start = entry.linenum or 1
        line, column = _keyword_line(lines, start, "msgid ")
        key = key_of(entry)
        flags = frozenset(f for f in entry.flags if f != "fuzzy")
        if not entry.msgid_plural:
            tline, tcol = _keyword_line(lines, line, "msgstr ")
            out.append(Unit(key, entry.msgid, entry.msgstr or None, line, column, tline, tcol, kind,
                            flags))
            continue
        forms = dict(sorted(entry.msgstr_plural.items()))
        count = nplurals or len(forms) or 2
        pline, pcol = _keyword_line(lines, line, "msgid_plural ")
        for n in range(count):
            tline, tcol = _keyword_line(lines, line, f"msgstr[{n}]")
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
