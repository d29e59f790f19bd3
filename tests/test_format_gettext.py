"""gettext PO/POT: units are paired by the file, with msgctxt, plurals, fuzzy and untranslated entries."""

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.model import Document, Role
from checker.readers import Bilingual, format_of, gettext, read

DATA = Path(__file__).parent / "data" / "formats"


def _po(name: str = "messages.po", **kwargs) -> Bilingual:
    result = read(DATA / name, doc_id="d0", role=Role.SOURCE, **kwargs)
    assert isinstance(result, Bilingual)
    return result


def _pairs(b: Bilingual) -> dict[str, str | None]:
    """source key -> target text (None for an untranslated unit)."""
    out: dict[str, str | None] = {}
    for link in b.alignment.links:
        for s in link.source:
            seg = b.source.segments[s]
            out[seg.key or ""] = b.target.text_of(link.target) if link.target else None
    return out


def test_suffixes_pick_the_gettext_readers() -> None:
    assert format_of(DATA / "messages.po") == "po"
    assert format_of(DATA / "messages.pot") == "pot"


def test_units_are_paired_as_the_file_pairs_them() -> None:
    b = _po()
    pairs = _pairs(b)
    assert pairs["Open file"] == "打开文件"
    assert pairs["menu|Open"] == "打开"  # msgctxt keeps the two "Open"s apart
    assert pairs["door|Open"] == "开着的"
    assert b.source.id == "d0" and b.target.id == "d1"
    assert b.alignment.source == "d0" and b.alignment.target == "d1"


def test_languages_come_from_the_header_and_the_text() -> None:
    b = _po()
    assert b.target.lang == "zh-CN"
    assert b.source.lang == "en"
    assert _po(lang="en-GB").source.lang == "en-GB"


def test_one_plural_form_renders_the_plural_msgid() -> None:
    pairs = _pairs(_po())
    assert pairs["One file[0]"] == "%d 个文件"
    seg = next(s for s in _po().source.segments if s.key == "One file[0]")
    assert seg.text == "%d files" and seg.kind == "plural"


def test_untranslated_entry_is_an_omission_and_obsolete_is_skipped() -> None:
    b = _po()
    pairs = _pairs(b)
    assert pairs["Discard changes"] is None
    assert "Old string" not in pairs
    assert all(len(link.source) + len(link.target) > 0 for link in b.alignment.links)


@pytest.mark.parametrize(("fuzzy", "present"), [("skip", False), ("check", True)])
def test_fuzzy_entries_are_skipped_or_checked(fuzzy: str, present: bool) -> None:
    b = gettext.read(DATA / "messages.po", doc_id="d0", role=Role.SOURCE, fuzzy=fuzzy)
    keys = {s.key: s.kind for s in b.source.segments}
    assert ("Save changes?" in keys) is present
    if present:
        assert keys["Save changes?"] == "fuzzy"


def test_segments_point_at_the_strings_in_the_file() -> None:
    b = _po()
    lines = (DATA / "messages.po").read_text(encoding="utf-8").split("\n")
    for doc in (b.source, b.target):
        for seg in doc.segments:
            first = seg.text.split("\n")[0][:8]
            assert lines[seg.line - 1][seg.column - 1:].startswith(first), (seg, lines[seg.line - 1])


def test_alignment_covers_every_segment_once_in_order() -> None:
    b = _po()
    src = [i for link in b.alignment.links for i in link.source]
    tgt = [i for link in b.alignment.links for i in link.target]
    assert src == list(range(len(b.source.segments)))
    assert tgt == list(range(len(b.target.segments)))


def test_plural_forms_of_a_three_form_language(tmp_path: Path) -> None:
    po = tmp_path / "ru.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n'
        '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);\\n"\n\n'
        'msgid "One file"\nmsgid_plural "%d files"\n'
        'msgstr[0] "%d файл"\nmsgstr[1] "%d файла"\nmsgstr[2] "%d файлов"\n',
        encoding="utf-8",
    )
    b = _po(str(po))
    assert [s.text for s in b.source.segments] == ["One file", "%d files", "%d files"]
    assert [s.text for s in b.target.segments] == ["%d файл", "%d файла", "%d файлов"]
    assert b.target.lang == "ru"


def test_template_is_a_keyed_document() -> None:
    doc = read(DATA / "messages.pot", doc_id="d0", role=Role.SOURCE, lang="en")
    assert isinstance(doc, Document) and doc.format == "pot"
    assert [s.key for s in doc.segments] == ["Open file", "menu|Open", "One file[0]", "One file[1]"]
    assert [s.text for s in doc.segments][-2:] == ["One file", "%d files"]


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(InputError, match=r"bad\.po: malformed PO file at line \d"):
        read(DATA / "bad.po", doc_id="d0", role=Role.SOURCE)


def test_a_file_with_no_translation_is_refused(tmp_path: Path) -> None:
    po = tmp_path / "empty.po"
    po.write_text('msgid "Hello"\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(InputError, match="no unit of this po file has a translation"):
        read(po, doc_id="d0", role=Role.SOURCE)


def test_a_po_file_after_its_template_is_paired_with_it_by_key():
    from checker.pipeline.run import Options, read_inputs
    from checker.readers.units import pair_documents

    loaded = read_inputs(DATA / "messages.pot", [DATA / "messages.po"], Options())
    template, translation = loaded.source, loaded.translations[0]
    assert translation.id == "d1" and translation.keyed and template.keyed
    alignment = pair_documents(template, translation)
    paired = [(template.segments[s[0]].key, translation.segments[t[0]].key)
              for s, t in ((link.source, link.target) for link in alignment.links) if s and t]
    assert paired and all(a == b for a, b in paired)
    # a msgid the template has and the PO lacks is left unpaired: a missing unit
    assert any(link.source and not link.target for link in alignment.links)


def test_fuzzy_entries_are_skipped_unless_asked_for():
    from checker.pipeline.run import Options, read_inputs

    skipped = read_inputs(DATA / "messages.po", [], Options())
    checked = read_inputs(DATA / "messages.po", [], Options(fuzzy="check"))
    assert len(checked.source.segments) == len(skipped.source.segments) + 1
    assert [s.text for s in checked.translations[0].segments if s.kind == "fuzzy"] == ["保存更改吗？"]
    assert not [s for s in skipped.translations[0].segments if s.kind == "fuzzy"]


def test_skipped_fuzzy_entries_are_counted_and_said():
    import io

    import numpy as np
    from rich.console import Console

    from checker.pipeline.run import Options, build_report, read_inputs
    from checker.reporters.json import report_to_dict
    from checker.reporters.terminal import print_run_summary

    class FakeEncoder:
        name, dim = "fake", 4

        def encode(self, texts, progress=None):
            return np.ones((len(texts), self.dim), dtype=np.float32) / 2

    skipped = read_inputs(DATA / "messages.po", [], Options())
    assert skipped.skipped == {"fuzzy": 1}
    assert read_inputs(DATA / "messages.po", [], Options(fuzzy="check")).skipped == {}
    report = build_report(skipped, FakeEncoder(), Options())
    assert report.metrics["skipped"] == {"fuzzy": 1}
    assert report_to_dict(report)["metrics"]["skipped"] == {"fuzzy": 1}
    buffer = io.StringIO()
    print_run_summary(Console(file=buffer, width=100), report)
    assert "Skipped 1 fuzzy entry" in buffer.getvalue()


# ------------------------------------------------------------------ a big catalogue, in batches
REALWORLD = Path(__file__).parent / "data" / "realworld"
PO_CASES = {
    "messages": DATA / "messages.po",  # contexts, a plural, a fuzzy entry, an obsolete one
    "sphinx": REALWORLD / "sphinx-po" / "sphinx.po",
    "tricky": """# a translator comment before the header
msgid ""
msgstr ""
"Language: zh_CN\\n"
"Plural-Forms: nplurals=2; plural=n != 1;\\n"

#: a.c:1
msgid "one"
msgstr "一"
#. no blank line before this entry
msgid "two %d"
msgid_plural "twos %d"
msgstr[0] "二 %d"

msgid "five %d"
msgid_plural "fives %d"
msgstr[0] "五 %d"
msgstr[1] "五 %d"

#, fuzzy
msgctxt "ctx"
msgid ""
"continued "
"msgid"
msgstr ""

"a blank line inside a msgstr"

#| msgid "previous"
msgid "three"
msgstr "三"
#~ msgid "obsolete"
#~ msgstr "废弃"
#~| msgid "older"
msgid "four"
msgstr "四"
""",
}


@pytest.mark.parametrize("fuzzy", ["skip", "check"])
@pytest.mark.parametrize("batch", [1, 3, 7, 1000])
@pytest.mark.parametrize("case", PO_CASES, ids=str)
def test_a_po_read_in_batches_reads_as_the_whole_file(case: str, batch: int, fuzzy: str, tmp_path: Path,
                                                      monkeypatch) -> None:
    source = PO_CASES[case]
    path = source if isinstance(source, Path) else tmp_path / "m.po"
    if not isinstance(source, Path):
        path.write_text(source, encoding="utf-8")
    whole = read(path, doc_id="d0", role=Role.SOURCE, fuzzy=fuzzy)
    batches = []
    real = gettext._polib
    monkeypatch.setattr(gettext, "_polib", lambda *a: batches.append(a) or real(*a))
    monkeypatch.setattr(gettext, "STREAM_BYTES", 0)
    monkeypatch.setattr(gettext, "BATCH_LINES", batch)
    assert read(path, doc_id="d0", role=Role.SOURCE, fuzzy=fuzzy) == whole
    assert len(whole.alignment.links) >= 5
    if batch < 1000:
        assert len(batches) > 2  # read in batches, not whole


@pytest.mark.parametrize(("text", "encoding"), [
    ('msgid "a"\nmsgstr "一"\n\nmsgid ""\nmsgstr "Language: zh\\n"\n\nmsgid "b"\nmsgstr "二"\n', "utf-8"),
    ('msgid ""\nmsgstr "Content-Type: text/plain; charset=GB18030\\n"\n\nmsgid "a"\nmsgstr "一"\n', "gb18030"),
    ('msgid ""\nmsgstr "Language: zh\\n"\n\nmsgid "a"\nmsgstr "一"\n\nmsgid "b"\nmsgstr "\udcff"\n', "utf-8"),
    ('msgid ""\nmsgstr "Language: zh\\n"\n\nmsgid "a"\nmsgstr "一"\n\nmsgid "b"\nthis is not gettext\n', "utf-8"),
], ids=["header later", "gb18030", "bad byte later", "bad syntax later"])
def test_a_big_po_the_batches_cannot_read_is_read_as_before(text: str, encoding: str, tmp_path: Path,
                                                            monkeypatch) -> None:
    path = tmp_path / "m.po"
    path.write_bytes(text.encode(encoding, "surrogateescape"))

    def outcome():
        try:
            return read(path, doc_id="d0", role=Role.SOURCE)
        except InputError as err:
            return str(err)

    whole = outcome()
    monkeypatch.setattr(gettext, "STREAM_BYTES", 0)
    monkeypatch.setattr(gettext, "BATCH_LINES", 1)
    assert outcome() == whole
