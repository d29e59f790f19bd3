"""JSON locale files: keyed strings with positions; two files are paired by key, not guessed."""

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.model import Document, Role
from checker.readers import read
from checker.readers.json_i18n import locale_of
from checker.readers.units import pair_by_key, pair_documents

DATA = Path(__file__).parent / "data" / "formats"


def _doc(name: str, doc_id: str = "d0", **kwargs) -> Document:
    doc = read(DATA / name, doc_id=doc_id, role=Role.SOURCE if doc_id == "d0" else Role.TRANSLATION, **kwargs)
    assert isinstance(doc, Document)
    return doc


def test_nested_keys_are_flattened_and_non_strings_skipped() -> None:
    doc = _doc("locales/en.json")
    keys = [s.key for s in doc.segments]
    assert keys == ["app.title", "app.welcome", "files_one", "files_other", "inbox", "menu.open",
                    "menu.save", "menu.quit", "steps.0", "steps.1"]
    assert "version" not in keys
    assert doc.format == "json" and doc.lang == "en"


def test_segments_point_at_their_strings() -> None:
    doc = _doc("locales/zh-CN.json")
    lines = (DATA / "locales/zh-CN.json").read_text(encoding="utf-8").split("\n")
    for seg in doc.segments:
        assert lines[seg.line - 1][seg.column - 1:].startswith(seg.text), seg
    steps = [s for s in doc.segments if s.key and s.key.startswith("steps.")]
    assert steps[0].line == steps[1].line and steps[0].column < steps[1].column


@pytest.mark.parametrize(("name", "lang"), [("zh-CN.json", "zh-CN"), ("pt_BR.json", "pt-BR"),
                                             ("en.json", "en"), ("messages.json", None),
                                             ("ui.json", None), ("app.json", None)])
def test_language_from_the_file_name(name: str, lang: str | None) -> None:
    assert locale_of(Path("locales") / name) == lang


def test_language_from_the_folder_name() -> None:
    assert locale_of(Path("locales/de/translation.json")) == "de"


def _texts(source: Document, target: Document) -> dict[str, tuple[list[str], list[str]]]:
    alignment = pair_by_key(source, target)
    assert alignment is not None
    out = {}
    for link in alignment.links:
        keys = [source.segments[i].key for i in link.source] or [target.segments[j].key for j in link.target]
        out[keys[0] or ""] = ([source.segments[i].text for i in link.source],
                              [target.segments[j].text for j in link.target])
    return out


def test_two_locale_files_are_paired_by_key() -> None:
    en, zh = _doc("locales/en.json"), _doc("locales/zh-CN.json", "d1")
    pairs = _texts(en, zh)
    assert pairs["app.title"] == (["Acme Notes"], ["Acme 笔记"])
    assert pairs["menu.quit"] == (["Quit"], [])  # missing from the translation: 1-0
    assert pairs["menu.extra"] == ([], ["多余的"])  # only in the translation: 0-1
    # Chinese has only the "other" plural form, and that is complete.
    assert pairs["files_one"] == (["{{count}} file", "{{count}} files"], ["{{count}} 个文件"])


def test_key_pairing_covers_every_segment_once() -> None:
    en, zh = _doc("locales/en.json"), _doc("locales/zh-CN.json", "d1")
    alignment = pair_documents(en, zh)
    assert alignment is not None
    assert sorted(i for link in alignment.links for i in link.source) == list(range(len(en.segments)))
    assert sorted(j for link in alignment.links for j in link.target) == list(range(len(zh.segments)))


def test_unkeyed_documents_are_left_to_the_aligner() -> None:
    en = _doc("locales/en.json")
    text = read(DATA / "guide-en.md", doc_id="d1", role=Role.TRANSLATION)
    assert pair_by_key(en, text) is None  # type: ignore[arg-type]


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(InputError, match=r"broken\.json: malformed JSON at line 4, column 3"):
        _doc("broken.json")


def test_json_without_strings_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "en.json"
    path.write_text('{"a": 1, "b": [true, null]}', encoding="utf-8")
    with pytest.raises(InputError, match="no strings"):
        read(path, doc_id="d0", role=Role.SOURCE)


def test_escapes_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "en.json"
    path.write_text('{"a": "Say \\"hi\\"\\u0021", "b": {"c": "x\\ny"}}', encoding="utf-8")
    doc = read(path, doc_id="d0", role=Role.SOURCE)
    assert [s.text for s in doc.segments] == ['Say "hi"!', "x\ny"]  # type: ignore[union-attr]
