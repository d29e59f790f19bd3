"""benchmarks/realworld_inject.py: the injections change what they claim to, and only that."""

import random

import pytest

from benchmarks.realworld_inject import (
    Pair,
    alter_code,
    alter_url,
    apply_edits,
    clause_cut,
    en_sentences,
    plan_clause,
    plan_code,
    plan_name,
    plan_number,
    plan_omission,
    plan_url,
    shift,
    zh_sentences,
)


def pair(source: str, target: str, markdown: bool = True) -> Pair:
    """A one-to-one link whose texts start each file: the source file is ``en``, the translation ``zh``."""
    return Pair("set", 0, {"text": source, "index": 3, "paragraph": 3}, {"text": target, "index": 3, "paragraph": 3},
                "en", "zh", 0, 0, markdown, 0.9)


def injected(plan, target: str) -> str:
    return apply_edits(target, [(start, end, new) for _, start, end, new in plan.edits])


@pytest.mark.parametrize(("url", "changed"), [
    ("http://127.0.0.1:8000/docs", "http://127.0.0.1:8001/docs"),
    ("https://github.com/Rebilly/ReDoc", "https://github.com/Rebilly/ReDod"),
])
def test_a_url_changes_in_one_character(url, changed):
    assert alter_url(url) == changed


@pytest.mark.parametrize(("code", "changed"), [
    ("toplevel_sectioning", "toplevel-sectioning"),
    ("conf.py", "conf_py"),
    ("--output-dir", "--output_dir"),
])
def test_a_code_token_changes_the_way_a_translator_slips(code, changed):
    assert alter_code(random.Random(1), code) == changed


@pytest.mark.parametrize("code", ["main", "--reload"])
def test_a_code_token_of_letters_gets_two_letters_swapped(code):
    new = alter_code(random.Random(1), code)
    assert new != code and sorted(new) == sorted(code) and new[0] == code[0]


def test_edits_apply_together_and_offsets_follow_them():
    text = "甲乙丙丁戊"
    edits = [(1, 2, ""), (3, 4, "XYZ")]
    assert apply_edits(text, edits) == "甲丙XYZ戊"
    assert shift(edits, 4) == 5 and shift(edits, 0) == 0
    with pytest.raises(ValueError):
        apply_edits(text, [(0, 2, ""), (1, 3, "")])


def test_sentences_of_both_languages():
    zh = "DNS 服务器会告诉浏览器使用某个特定的 **IP 地址**。这是公共 IP 地址。"
    assert [zh[a:b] for a, b in zh_sentences(zh)] == ["DNS 服务器会告诉浏览器使用某个特定的 **IP 地址**。",
                                                    "这是公共 IP 地址。"]
    en = ("The U.S. Centers for Disease Control and Prevention (CDC) lists emergency symptoms. "
          'They said "call a doctor." Then e.g. rest.')
    assert en_sentences(en) == ["The U.S. Centers for Disease Control and Prevention (CDC) lists emergency symptoms.",
                                'They said "call a doctor."', "Then e.g. rest."]


@pytest.mark.parametrize(("sentence", "options"), [
    # three parts: the first goes with its comma, the last with the comma before it
    ("之所以选择这个名称，是为了避免引用特定的地理位置，动物物种或人群等等情况。",
     {"是为了避免引用特定的地理位置，动物物种或人群等等情况。", "之所以选择这个名称，动物物种或人群等等情况。",
      "之所以选择这个名称，是为了避免引用特定的地理位置。"}),
    # two parts only: no clause to drop
    ("在输出中，会有一行信息像下面这样：", set()),
    # a part holding markup is left alone
    ("这个 `app` 同样在如下命令中被引用，通过使用它们，你就可以在运行时完成大量的工作。",
     {"这个 `app` 同样在如下命令中被引用，你就可以在运行时完成大量的工作。",
      "这个 `app` 同样在如下命令中被引用，通过使用它们。"}),
])
def test_a_clause_cut_keeps_a_sentence(sentence, options):
    results = set()
    for seed in range(20):
        cut = clause_cut(random.Random(seed), sentence)
        if cut:
            results.add(sentence[:cut[0]] + sentence[cut[1]:])
    assert results <= options and bool(results) == bool(options)


def test_token_plans_change_the_translation_only_where_both_sides_agree():
    en, zh = "Copy that to a file `main.py`, see https://fastapi.tiangolo.com/ for FastAPI on Python 3.8.", \
        "将其复制到 `main.py` 文件中，参见 https://fastapi.tiangolo.com/ 了解 Python 3.8 上的 FastAPI。"
    rng = random.Random(3)
    changed = {
        "code": injected(plan_code(pair(en, zh), rng), zh),
        "url": injected(plan_url(pair(en, zh), rng), zh),
        "name": injected(plan_name(pair(en, zh), rng), zh),
        "number": injected(plan_number(pair(en, zh), rng), zh),
    }
    assert "`main.py`" not in changed["code"] and "`main" in changed["code"]
    assert "https://fastapi.tiangolo.com/" not in changed["url"] and "https://fastapi.tiangolo.co" in changed["url"]
    assert ("FastAPI" in changed["name"]) != ("Python" in changed["name"]) and "`main.py`" in changed["name"]
    assert "3.8" not in changed["number"] and "https://fastapi.tiangolo.com/" in changed["number"]
    for new in changed.values():  # one edit, the rest of the sentence untouched
        assert new.startswith("将其复制到") and new.endswith("。") and abs(len(new) - len(zh)) <= 1


@pytest.mark.parametrize(("source", "target"), [
    ("Python 3.8+", "中文翻译 Python 3.9"),            # the value differs already: nothing shared
    ("See `conf.py`.", "请参阅 `setup.py`。"),          # a code span the source lacks
    ("Run it on http://127.0.0.1:8000.", "运行它。"),   # no URL in the translation
])
def test_nothing_to_inject_where_the_sides_do_not_share_the_token(source, target):
    rng = random.Random(0)
    assert plan_number(pair(source, target), rng) is None
    assert plan_code(pair(source, target), rng) is None or "conf.py" not in target
    assert plan_url(pair(source, target), rng) is None


def test_a_dropped_sentence_is_expected_on_its_source_sentence():
    en = "Gilead Sciences discovered it. It had antiviral activity."
    zh = "吉利德科学公司发现了它。它具有抗病毒活性。"
    plan = plan_omission(pair(en, zh, markdown=False), random.Random(2), 1, "")
    kept = injected(plan, zh)
    assert kept in ("它具有抗病毒活性。", "吉利德科学公司发现了它。")
    lost = "Gilead Sciences discovered it." if kept == "它具有抗病毒活性。" else "It had antiviral activity."
    assert plan.exact == lost
    assert plan.expect == ("en", "source", 0, len(en))
    # one English sentence rendered as two Chinese ones: which source words were lost is unknown
    assert plan_omission(pair("Gilead Sciences discovered its antiviral activity.", zh, markdown=False),
                         random.Random(2), 1, "") is None
    # a single sentence: nothing to drop but the whole translation
    assert plan_omission(pair(en, "它具有抗病毒活性。", markdown=False), random.Random(2), 1, "") is None


def test_a_dropped_clause_leaves_the_rest_of_the_unit():
    zh = "之所以选择这个名称，是为了避免引用特定的地理位置，动物物种或人群等等情况。第二句。"
    plan = plan_clause(pair("The name was chosen to avoid references.", zh, markdown=False), random.Random(0))
    kept = injected(plan, zh)
    assert kept.endswith("第二句。") and len(kept) < len(zh) - 6 and "，，" not in kept
