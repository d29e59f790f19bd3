"""Loading glossaries: CSV/TSV with or without header, TBX 2 and 3, and every way a file can be wrong."""

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.glossary import load

DATA = Path(__file__).parent / "data" / "glossary"


def test_csv_with_header_reads_targets_forbidden_variants_and_notes():
    glossary = load(DATA / "terms.csv")
    robust, title, all_hands, scientist = glossary.entries
    assert (robust.source, robust.target, robust.forbidden) == ("robust", "鲁棒", ("强大", "稳健"))
    assert robust.note == "ML sense: robust to perturbations"
    assert title.forbidden == ("任务协调主管",)
    assert all_hands.forbidden == ("全体会议", "全体大会")  # ';' separates variants too
    assert scientist.forbidden == ()
    assert robust.line == 2


def test_tsv_without_header_is_read_by_position():
    glossary = load(DATA / "noheader.tsv")
    assert [(e.source, e.target, e.forbidden) for e in glossary.entries] == [
        ("robust", "鲁棒", ("强大",)), ("model", "模型", ())]


def test_a_language_header_says_which_languages_the_entries_cover():
    glossary = load(DATA / "langs.csv")
    assert glossary.for_languages("en", "zh") and glossary.entries[0].target_lang == "zh-CN"
    assert glossary.for_languages("en", "fr") == ()


def test_tbx_picks_the_entries_for_the_translation_language():
    glossary = load(DATA / "terms.tbx")
    simplified = {e.source: e for e in glossary.for_languages("en", "zh-CN")}
    assert simplified["robust"].target == "鲁棒"
    assert simplified["robust"].forbidden == ("强大",)  # deprecatedTerm-admn-sts
    assert simplified["robust"].note.startswith("Resistant to perturbations")
    assert simplified["all-hands"].target == "全员大会"  # ntig/termGrp form
    assert {e.target for e in glossary.for_languages("en", "zh-TW")} == {"強健"}
    assert [e.target for e in glossary.for_languages("en", "fr")] == ["robuste"]
    assert glossary.for_languages("en", "de") == ()


def test_tbx_a_plain_zh_translation_gets_one_variant_per_term_the_first_listed():
    targets = [e.target for e in load(DATA / "terms.tbx").for_languages("en", "zh")]
    assert targets == ["鲁棒", "全员大会"]


def test_tbx3_concept_entries_and_namespaces():
    glossary = load(DATA / "terms3.tbx")
    assert [(e.source, e.target) for e in glossary.for_languages("en", "zh-CN")] == [("Chief Scientist", "首席科学家")]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("does-not-exist.csv", "no such glossary file"),
        ("empty.csv", "empty"),
        ("header-only.csv", "no entries"),
        ("missing-target.csv", "line 3: the target term is missing"),
        ("broken.tbx", "line 5: malformed TBX"),
        ("bomb.tbx", "entities"),
        ("external.tbx", "entities"),
    ],
)
def test_bad_glossaries_raise_one_clear_input_error(name, message):
    with pytest.raises(InputError) as info:
        load(DATA / name)
    assert message in str(info.value)
    assert name in str(info.value)


def test_undecodable_csv_names_the_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"source,target\nrobust,r\xe9sistant\n")
    with pytest.raises(InputError, match="line 2: the glossary is not UTF-8"):
        load(path)


def test_a_directory_is_not_a_glossary(tmp_path):
    with pytest.raises(InputError, match="no such glossary file"):
        load(tmp_path)


def test_tbx_works_in_either_direction():
    glossary = load(DATA / "terms.tbx")
    assert [(e.source, e.target) for e in glossary.for_languages("zh-CN", "en")] == [
        ("鲁棒", "robust"), ("全员大会", "all-hands")]
    assert [(e.source, e.target) for e in glossary.for_languages("fr", "zh-CN")] == [("robuste", "鲁棒")]
