"""Glossaries: approved target terms (and forbidden variants) for source terms.

    glossary = load("terms.csv")            # CSV/TSV, with or without a header row
    glossary = load("terms.tbx")            # TBX (ISO 30042), parsed safely with defusedxml
    entries = glossary.for_languages("en", "zh-CN")

A delimited glossary has the columns *source term, target term, forbidden variants, note*
(the last two optional); several forbidden variants are separated by ``|`` or ``;``. A header
row is recognised by its names (``source``, ``target``, ``forbidden``, ``note``) or by language
codes (``en,zh``), which then say which languages the entries cover. A TBX file may cover several
target languages: ``for_languages`` picks the entries for the translation's language.
Everything wrong with a file raises ``InputError`` naming the file and, where it can, the line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from checker.errors import InputError

TBX_SUFFIXES = {".tbx", ".xml"}
_VARIANT_SPLIT = re.compile(r"\s*[|;]\s*")
# A BCP 47 language tag as glossaries write one: language, then an optional script and region
# (en, zh-CN, zh_Hans_CN, es-419); ``en_string`` is a column name, not a language.
_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|\d{3}))?$")
# Header names, compared without case, spaces, hyphens or underscores (``sourceString`` is
# ``source string`` is ``source_string``).
_HEADER_NAMES = {
    "source": {"source", "src", "sourceterm", "sourcestring", "sourcetext", "term", "original"},
    "target": {"target", "tgt", "targetterm", "targetstring", "targettext", "translation", "translatedtext",
               "approved",
               "approvedterm", "preferred", "preferredterm"},
    "forbidden": {"forbidden", "forbiddenvariants", "forbiddenterms", "avoid", "donotuse", "deprecated",
                  "variants"},
    "note": {"note", "notes", "comment", "comments", "description", "definition", "context"},
    "source_lang": {"sourcelang", "sourcelanguage", "srclang", "sourcelocale"},
    "target_lang": {"targetlang", "targetlanguage", "tgtlang", "trglang", "targetlocale"},
    "id": {"id", "no", "nr", "number", "key", "termid", "entryid", "conceptid", "index"},
}
EXPECTED_LAYOUT = ("a header naming the source and target columns (source,target[,forbidden,note]; "
                   "sourceString,targetString; or language codes such as en,zh-CN), or rows of "
                   "source term,target term[,forbidden variants,note] without a header")
_GLOSSED = re.compile(r"(.*?\S)\s*[（(]([^()（）]+)[）)]")
_DEPRECATED = {"deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecatedterm",
               "supersededterm", "deprecated", "superseded", "forbidden", "notrecommended"}


@dataclass(frozen=True)
class Entry:
    """One glossary entry: ``source`` must be translated as ``target`` (or one of ``alternatives``).

    ``forbidden`` lists target-language variants that must not be used. ``source_lang`` and
    ``target_lang`` are ``None`` where the file does not say (a CSV without language header).
    ``line`` is where the entry is defined, for messages.
    """

    source: str
    target: str
    forbidden: tuple[str, ...] = ()
    note: str = ""
    source_lang: str | None = None
    target_lang: str | None = None
    alternatives: tuple[str, ...] = ()
    line: int | None = None

    @property
    def approved(self) -> tuple[str, ...]:
        """Every approved rendering, the preferred one first.

        A rendering glossed in brackets lists two: ``艾滋病（AIDS）`` approves 艾滋病, AIDS and both
        together, as translations write the full form once and either part after it.
        """
        out: dict[str, None] = {}
        for term in (self.target, *self.alternatives):
            out[term] = None
            glossed = _GLOSSED.fullmatch(term)
            if glossed:
                out.update(dict.fromkeys(part.strip() for part in glossed.groups()))
        return tuple(out)


@dataclass(frozen=True)
class Glossary:
    """The entries of one glossary file."""

    path: str
    entries: tuple[Entry, ...]

    def for_languages(self, source_lang: str | None, target_lang: str | None) -> tuple[Entry, ...]:
        """The entries that apply to translating ``source_lang`` into ``target_lang``.

        Entries without languages always apply. Tags match when their primary subtags agree and
        their regions or scripts do not contradict (``zh`` matches ``zh-CN``, ``zh-CN`` does not
        match ``zh-TW``). Where one source term has entries for several matching languages, the
        closest match wins, then the language listed first.
        """
        best: dict[str, tuple[int, str | None]] = {}
        ranked = []
        for entry in self.entries:
            rank = (_lang_rank(entry.source_lang, source_lang) and
                    _lang_rank(entry.target_lang, target_lang))
            if not rank:
                continue
            ranked.append((entry, rank))
            if entry.source not in best or rank > best[entry.source][0]:
                best[entry.source] = (rank, entry.target_lang)
        return tuple(e for e, rank in ranked if (rank, e.target_lang) == best[e.source])

    @property
    def languages(self) -> tuple[str, ...]:
        """The target languages the glossary names, sorted."""
        return tuple(sorted({e.target_lang for e in self.entries if e.target_lang}))


def _norm_lang(lang: str) -> str:
    return lang.replace("_", "-").lower()


def _lang_rank(entry_lang: str | None, doc_lang: str | None) -> int:
    """How well an entry's language fits a document's: 0 not at all, 1 unspecified, 2 compatible, 3 exact."""
    if entry_lang is None or not doc_lang:
        return 1
    a, b = _norm_lang(entry_lang).split("-"), _norm_lang(doc_lang).split("-")
    if a == b:
        return 3
    if a[0] != b[0] or (len(a) > 1 and len(b) > 1 and a[1] != b[1]):
        return 0
    return 2


def load(path: str | Path) -> Glossary:
    """Read a glossary file (CSV, TSV or TBX); ``InputError`` if it is missing, empty or malformed."""
    p = Path(path)
    name = str(path)
    if not p.is_file():
        raise InputError(name, "no such glossary file")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read the glossary ({exc.strerror or exc})") from exc
    if not raw.strip():
        raise InputError(name, "the glossary is empty")
    if p.suffix.lower() in TBX_SUFFIXES or raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        entries = _parse_tbx(raw, name)
    else:
        entries = _parse_delimited(_decode(raw, name), name, tab=p.suffix.lower() == ".tsv")
    if not entries:
        raise InputError(name, "the glossary has no entries")
    return Glossary(name, tuple(entries))


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raw_text = raw.decode("utf-16", errors="replace")
    else:
        try:
            raw_text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise InputError(name, f"line {line}: the glossary is not UTF-8 text") from exc
    if "\x00" in raw_text:
        raise InputError(name, "the glossary looks binary (it contains NUL bytes)")
    return raw_text


def _split_variants(cell: str) -> tuple[str, ...]:
    return tuple(v for v in _VARIANT_SPLIT.split(cell.strip()) if v)


def _is_lang_code(cell: str) -> bool:
    return bool(_LANG_CODE.match(cell)) and cell.split("-")[0].split("_")[0].islower()


def _header_key(cell: str) -> str:
    return re.sub(r"[\s_\-.]+", "", cell.strip().lower())


def _header_roles(row: list[str]) -> dict[str, int] | None:
    """Column roles if ``row`` is a header row, else ``None``.

    A header names its columns (``source``/``target``, ``sourceString``/``targetString``, with
    optional ``id``, ``sourceLang``/``targetLang``, ``forbidden`` and ``note`` columns), or names two
    columns by language code (``en,zh-CN``); the first two language columns are the source and target.
    """
    roles: dict[str, int] = {}
    langs: list[int] = []
    for i, cell in enumerate(row):
        key = _header_key(cell)
        role = next((r for r, names in _HEADER_NAMES.items() if key in names), None)
        if role is not None and role not in roles:
            roles[role] = i
        elif role is None and _is_lang_code(cell.strip()):
            langs.append(i)
    if "source" not in roles and "target" not in roles and len(langs) >= 2 and \
            row[langs[0]].strip() != row[langs[1]].strip():
        roles.update(source=langs[0], target=langs[1], languages=-1)
        taken = set(roles.values())
        for role, i in (("forbidden", langs[1] + 1), ("note", langs[1] + 2)):  # en,zh,robust|强大,note
            if role not in roles and i not in taken:
                roles[role] = i
    if "source" in roles and "target" in roles:
        return roles
    if _looks_like_header(row, len(roles)):
        raise _Unrecognised([c.strip() for c in row])
    return None


class _Unrecognised(Exception):
    """A header row whose columns say nothing of where the source and target terms are."""

    def __init__(self, columns: list[str]) -> None:
        super().__init__(", ".join(columns))
        self.columns = columns


_HEADER_WORDS = frozenset({"lang", "language", "locale", "string", "term", "terms", "source", "target", "text",
                           "translation", "translated", "word", "entry", "concept", "src", "tgt"})


def _looks_like_header(row: list[str], named: int) -> bool:
    """Column names rather than terms: identifiers only, and two of them column names we know
    (``id,sourceLang,...``) or one written as an identifier with a word headers use (``english_text``).
    A first row such as ``source,来源`` or ``source code,Quellcode`` is an entry."""
    cells = [c.strip() for c in row if c.strip()]
    if len(cells) < 2 or not all(re.fullmatch(r"[A-Za-z][A-Za-z0-9 _\-]*", c) for c in cells):
        return False
    if named >= 2:
        return True
    identifiers = [c for c in cells if re.search(r"[a-z][A-Z]|_", c)]
    parts = {w.lower() for c in identifiers for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", c)}
    return not parts.isdisjoint(_HEADER_WORDS)


def _parse_delimited(text: str, name: str, *, tab: bool) -> list[Entry]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if tab or ("\t" in first and "," not in first) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    entries: list[Entry] = []
    roles: dict[str, int] | None = None
    source_lang = target_lang = None
    seen_first = False
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                continue
            if not seen_first:
                seen_first = True
                try:
                    roles = _header_roles(row)
                except _Unrecognised as exc:
                    raise _layout_error(name, exc.columns) from None
                if roles is not None:
                    if roles.pop("languages", 0):
                        source_lang, target_lang = row[roles["source"]].strip(), row[roles["target"]].strip()
                    continue
            entries.append(_row_entry(row, roles, name, line, source_lang, target_lang))
    except csv.Error as exc:
        raise InputError(name, f"line {reader.line_num}: malformed row ({exc})") from exc
    if roles is None and entries and all(re.fullmatch(r"\d+", e.source) for e in entries):
        raise _layout_error(name, [])  # an id column read as the source term
    return entries


def _layout_error(name: str, columns: list[str]) -> InputError:
    found = f"its columns are {', '.join(columns)}" if columns else "its first column holds only numbers"
    return InputError(name, f"unrecognised glossary layout: {found}; expected {EXPECTED_LAYOUT}")


def _row_entry(row: list[str], roles: dict[str, int] | None, name: str, line: int,
               source_lang: str | None, target_lang: str | None) -> Entry:
    roles = roles or {"source": 0, "target": 1, "forbidden": 2, "note": 3}

    def cell(role: str) -> str:
        i = roles.get(role)
        return row[i].strip() if i is not None and i < len(row) else ""

    source, target = cell("source"), cell("target")
    source_lang = cell("source_lang") or source_lang
    target_lang = cell("target_lang") or target_lang
    if not source or not target:
        missing = "source term" if not source else "target term"
        raise InputError(name, f"line {line}: the {missing} is missing")
    targets = _split_variants(target)
    return Entry(source, targets[0], _split_variants(cell("forbidden")), cell("note"),
                 source_lang, target_lang, targets[1:], line)


# --- TBX ---------------------------------------------------------------------------------------

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse_tbx(raw: bytes, name: str) -> list[Entry]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else "?"
        raise InputError(name, f"line {line}: malformed TBX ({exc.msg if hasattr(exc, 'msg') else exc})") from exc
    except DefusedXmlException as exc:
        raise InputError(name, f"the TBX declares entities, which are not allowed ({type(exc).__name__})") from exc
    entries: list[Entry] = []
    for concept in root.iter():
        if _local(concept.tag) not in ("termEntry", "conceptEntry"):
            continue
        entries.extend(_concept_entries(concept, name))
    return entries


def _concept_entries(concept: object, name: str) -> list[Entry]:
    """One entry per source term and target language, for every ordered pair of a concept's languages."""
    note = ""
    by_lang: dict[str, tuple[list[str], list[str]]] = {}
    for child in concept:  # type: ignore[attr-defined]
        tag = _local(child.tag)
        if tag in ("descrip", "note", "descripGrp") and not note:
            note = " ".join("".join(child.itertext()).split())
        if tag not in ("langSet", "langSec"):
            continue
        lang = child.get(_XML_LANG) or child.get("lang")
        if not lang:
            raise InputError(name, f"a {tag} without xml:lang (term {''.join(child.itertext()).strip()[:30]!r})")
        approved, forbidden = by_lang.setdefault(lang, ([], []))
        for term, status in _terms(child):
            (forbidden if status in _DEPRECATED else approved).append(term)
    # A TBX is multilingual: every language can be the source; for_languages picks the direction.
    entries = []
    for src, (sources, _) in by_lang.items():
        for lang, (approved, forbidden) in by_lang.items():
            if lang == src or not approved:
                continue
            for source in sources:
                entries.append(Entry(source, approved[0], tuple(forbidden), note, src, lang, tuple(approved[1:])))
    return entries


def _terms(lang_set: object) -> list[tuple[str, str]]:
    """(term, lower-cased status) for every term of a langSet (TBX 2 tig/ntig or TBX 3 termSec)."""
    found = []
    for holder in lang_set.iter():  # type: ignore[attr-defined]
        if _local(holder.tag) not in ("tig", "ntig", "termSec"):
            continue
        term, status = "", ""
        for el in holder.iter():
            tag = _local(el.tag)
            if tag == "term" and not term:
                term = " ".join("".join(el.itertext()).split())
            elif tag == "termNote" and el.get("type") in ("administrativeStatus", "normativeAuthorization"):
                status = "".join(el.itertext()).strip().lower()
        if term:
            found.append((term, status))
    return found
