"""missing-unit: keyed units without a partner are reported by key; prose is left to omission."""

from pathlib import Path

from checker.checks.units import MissingUnit
from checker.model import Alignment, Corpus, Document, Role
from checker.readers import Bilingual, read
from checker.readers.units import pair_documents
from tests.fixtures.corpus import make_corpus

DATA = Path(__file__).parent / "data" / "formats"


def _pair(source: str, target: str) -> Corpus:
    a = read(DATA / source, doc_id="d0", role=Role.SOURCE)
    b = read(DATA / target, doc_id="d1", role=Role.TRANSLATION)
    assert isinstance(a, Document) and isinstance(b, Document)
    alignment = pair_documents(a, b)
    assert isinstance(alignment, Alignment)
    return Corpus(a, (b,), {("d0", "d1"): alignment})


def test_missing_and_extra_json_keys() -> None:
    findings = list(MissingUnit().run(_pair("locales/en.json", "locales/zh-CN.json")))
    got = [(f.data["key"], f.severity.value, f.locations[0].line) for f in findings]
    assert got == [("menu.quit", "major", 12), ("menu.extra", "minor", 11)]
    assert "key 'menu.quit' (\"Quit\") has no translation in" in findings[0].message


def test_untranslated_po_entry() -> None:
    b = read(DATA / "messages.po", doc_id="d0", role=Role.SOURCE)
    assert isinstance(b, Bilingual)
    corpus = Corpus(b.source, (b.target,), {("d0", "d1"): b.alignment})
    findings = list(MissingUnit().run(corpus))
    assert [f.data["key"] for f in findings] == ["Discard changes"]
    assert "entry 'Discard changes'" in findings[0].message


def test_subtitle_cue_without_counterpart() -> None:
    findings = list(MissingUnit().run(_pair("en.srt", "zh.srt")))
    assert [(f.data["key"], f.severity.value) for f in findings] == [
        ("00:00:20,000 --> 00:00:22,000", "major"), ("00:00:30,000 --> 00:00:31,000", "minor")]


def test_prose_is_left_to_the_omission_check() -> None:
    corpus = make_corpus(["Hello.", "Bye."], ["你好。"])
    assert list(MissingUnit().run(corpus)) == []
