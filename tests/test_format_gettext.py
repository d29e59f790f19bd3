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
