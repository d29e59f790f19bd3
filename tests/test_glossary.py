"""Loading glossaries: CSV/TSV with or without header, TBX 2 and 3, and every way a file can be wrong."""

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.readers.glossary import load

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


# Glossary layouts seen in real term lists. TICO-19's COVID glossary (f_en-zh_CN.csv) has the
# header ``id,sourceLang,targetLang,sourceString,targetString``; it once made the row id the source term.
@pytest.mark.parametrize(
    ("text", "source", "target", "langs"),
    [
        ("id,sourceLang,targetLang,sourceString,targetString\n4,en,zh_CN,AIDS,艾滋病（AIDS）\n",
         "AIDS", "艾滋病（AIDS）", ("en", "zh_CN")),
        ("source,target\nairborne droplets,空气播散飞沫\n", "airborne droplets", "空气播散飞沫", (None, None)),
        ("source_term,target_term,note\nairway,呼吸道,anatomy\n", "airway", "呼吸道", (None, None)),
        ("Source Term,Target Term\nairway,呼吸道\n", "airway", "呼吸道", (None, None)),
        ("en,zh\nacute bronchitis,急性支气管炎\n", "acute bronchitis", "急性支气管炎", ("en", "zh")),
        ("id,en,zh-CN\n7,alcohol-based,乙醇基\n", "alcohol-based", "乙醇基", ("en", "zh-CN")),
        ("term,translation,sourceLang,targetLang\nantiviral drug,抗病毒药,en,zh-CN\n",
         "antiviral drug", "抗病毒药", ("en", "zh-CN")),
        ("avian flu\t禽流感\n", "avian flu", "禽流感", (None, None)),  # no header: by position
    ],
)
def test_common_glossary_layouts_are_recognised(tmp_path, text, source, target, langs):
    path = tmp_path / ("g.tsv" if "\t" in text else "g.csv")
    path.write_text(text, encoding="utf-8")
    (entry,) = load(path).entries
    assert (entry.source, entry.target, (entry.source_lang, entry.target_lang)) == (source, target, langs)


def test_the_tico_layout_applies_to_a_zh_translation(tmp_path):
    path = tmp_path / "f_en-zh_CN.csv"
    path.write_text("id,sourceLang,targetLang,sourceString,targetString\n1,en,zh_CN,1918 flu,1918 年流感\n",
                    encoding="utf-8")
    glossary = load(path)
    assert [e.source for e in glossary.for_languages("en", "zh")] == ["1918 flu"]
    assert glossary.for_languages("en", "fr") == ()


@pytest.mark.parametrize(
    "text",
    [
        "id,english_text,chinese_text\n1,fever,发热\n",  # a header, but which column is which?
        "id,sourceLang,targetLang,en_string,zh_string\n1,en,zh_CN,fever,发热\n",
        "1,fever,发热\n2,cough,咳嗽\n",  # no header, and the first column is an id
    ],
)
def test_an_unrecognised_layout_is_an_input_error_naming_the_columns_expected(tmp_path, text):
    path = tmp_path / "terms.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    message = str(info.value)
    assert "terms.csv: unrecognised glossary layout" in message
    assert "sourceString,targetString" in message and "\n" not in message


def test_a_glossed_rendering_approves_each_part():
    from checker.readers.glossary import Entry

    entry = Entry("SARS-CoV-2", "非典型肺炎冠状病毒 2 型（SARS-CoV-2）")
    assert entry.approved == ("非典型肺炎冠状病毒 2 型（SARS-CoV-2）", "非典型肺炎冠状病毒 2 型", "SARS-CoV-2")
    assert Entry("fever", "发热").approved == ("发热",)


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("source,来源\nmodel,模型\n", "source", "来源"),  # a term that is also a column name
        ("source code,Quellcode\nmodel,Modell\n", "source code", "Quellcode"),
        ("note,注释\nterm,术语\n", "note", "注释"),
    ],
)
def test_a_first_entry_that_looks_like_a_column_name_is_an_entry(tmp_path, text, source, target):
    path = tmp_path / "g.csv"
    path.write_text(text, encoding="utf-8")
    first = load(path).entries[0]
    assert (first.source, first.target) == (source, target)
