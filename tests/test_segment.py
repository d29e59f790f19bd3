"""Segmentation: sentences, paragraphs and lines, each pointing back at its place in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.text.segment import MODES, split

ROOT = Path(__file__).resolve().parents[1]
CORPORA = sorted((ROOT / "corpora").glob("*/*.txt"))


def sentences(text: str, lang: str = "en") -> list[str]:
    return [s.text for s in split(text, "sentences", lang)]


# (text, language, the sentences it must be split into)
MUST_SPLIT = [
    ("I have something to share. After much reflection, I decided.", "en",
     ["I have something to share.", "After much reflection, I decided."]),
    ("Is it true? Yes! It is.", "en", ["Is it true?", "Yes!", "It is."]),
    ('He said "Stop." Then he left.', "en", ['He said "Stop."', "Then he left."]),
    ("He waited... The door opened.", "en", ["He waited...", "The door opened."]),
    ("He waited… The door opened.", "en", ["He waited…", "The door opened."]),
    ("She moved to the U.S. The move was hard.", "en", ["She moved to the U.S.", "The move was hard."]),
    ("It was made by Acme Inc. It sold well.", "en", ["It was made by Acme Inc.", "It sold well."]),
    ("It costs 5. Then it costs 6.", "en", ["It costs 5.", "Then it costs 6."]),
    ("(See the note.) Then read on.", "en", ["(See the note.)", "Then read on."]),
    ("我有件事想和大家分享。经过深思熟虑，我做出了决定。", "zh",
     ["我有件事想和大家分享。", "经过深思熟虑，我做出了决定。"]),
    ("“虽然我会感谢许多人。”但首先我想感谢 Sam。", "zh", ["“虽然我会感谢许多人。”", "但首先我想感谢 Sam。"]),
    ("真的吗？是的！我们走吧。", "zh", ["真的吗？", "是的！", "我们走吧。"]),
    ("真的吗?是的!我们走吧.", "zh", ["真的吗?", "是的!", "我们走吧."]),
    ("他说：“你好。”然后走了。", "zh", ["他说：“你好。”", "然后走了。"]),
    ("做出离开OpenAl的艰难决定。(After much reflection, I have made the decision.)", "zh",
     ["做出离开OpenAl的艰难决定。", "(After much reflection, I have made the decision.)"]),
    ("我们发布了 OpenAI o1.这是新时代的开始。", "zh", ["我们发布了 OpenAI o1.", "这是新时代的开始。"]),
    ("Mark 将担任副总裁；Josh 将担任主管；Matt 将担任首席官。", "zh",
     ["Mark 将担任副总裁；", "Josh 将担任主管；", "Matt 将担任首席官。"]),
    ("起到了重要作用;她对我们很重要。", "zh", ["起到了重要作用;", "她对我们很重要。"]),
    ("他说……我不知道。", "zh", ["他说……", "我不知道。"]),
    ("Hi all,\nI have something to share with you.", "en", ["Hi all,", "I have something to share with you."]),
    ("大家好，\n我有件事想和大家分享。", "zh", ["大家好，", "我有件事想和大家分享。"]),
    ("Title\nThe text starts here.", "en", ["Title", "The text starts here."]),
    ("Shopping list:\n- apples\n- pears", "en", ["Shopping list:", "- apples", "- pears"]),
    # closing tags right after the end of a sentence belong to it (FastAPI's zh index.md)
    ("<small>* 根据对某个构建线上应用的内部开发团队所进行的测试估算得出。</small>下一句。", "zh",
     ["<small>* 根据对某个构建线上应用的内部开发团队所进行的测试估算得出。</small>", "下一句。"]),
    ("It is <b>bold.</b> Then it is not.", "en", ["It is <b>bold.</b>", "Then it is not."]),
]

# (text, language): each must stay one sentence
MUST_NOT_SPLIT = [
    ("Mira has been instrumental to OpenAI’s progress the last 6.5 years; she has been great.", "en"),
    ("Mr. Smith and Dr. Jones met Prof. Brown at St. Paul’s.", "en"),
    ("The U.S. Senate met with U.K. officials at 9 a.m. today.", "en"),
    ("Bring fruit, e.g. apples, i.e. something healthy.", "en"),
    ("We shipped products, e.g. ChatGPT and Sora, this year.", "en"),
    ("Compare the memo, cf. Murati on leadership.", "en"),
    ("See Fig. 3 and No. 5 on p. 12 for details.", "en"),
    ("John F. Kennedy spoke.", "en"),
    ("I thought... maybe not.", "en"),
    ("Visit openai.com or version 2.0.1 for more.", "en"),
    ("Yahoo! is a company.", "en"),
    ("The reasons (there is never a good time, anything not abrupt would have leaked) make sense.", "en"),
    ("He said (see above. It matters.) that it works.", "en"),
    ("“我还想告诉大家,这是我们的长期继任计划;虽然这比我们想象的要早,但我很兴奋。”", "zh"),
    ("“在过去的一年多时间里，我的时间都花在了非技术部分；现在，我希望花在技术部分”。", "zh"),
    ("原因（时机永远不对。任何不唐突的事情都会泄露出去）是有道理的。", "zh"),
    ("Mira Murati在OpenAI团队工作了6年半时间,称这是一份非凡的荣幸。", "zh"),
    ("倘或你肯赦免他们的罪，……不然，求你涂抹我的名。", "zh"),
    ("她在U.S.工作了6.5年。", "zh"),
    ("「こんにちは。」と言った。", "ja"),
    ("Am 3. Oktober ist Feiertag.", "de"),
    ("Wir kaufen z.B. Äpfel.", "de"),
    ("I want to start by thanking Sam and Greg for their trust in me to lead the\n"
     "technical organization and for their support throughout the years, and I\n"
     "will always be grateful.", "en"),
    ("I want to start by thanking everyone here, and most of all Sam and\n"
     "Greg for their trust in me to lead the technical organization.", "en"),
    ("我们将安全研究从理论领域带入实际应用，创建了比以往任何时候都\n"
     "更鲁棒、更一致、更可控的模型。", "zh"),
    ("This line is wrapped in the middle of a sentence and goes on\nand continues here.", "en"),
    # an end mark inside a tag's attribute or inside link text ends nothing
    ('需要<abbr title="将来自 HTTP 请求中的字符串转换为 Python 数据类型。不是别的">「解析」</abbr>时安装。', "zh"),
    ("请查阅[急不可待？看这里。](../async.md#in-a-hurry)一节中的说明。", "zh"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), MUST_SPLIT)
def test_splits_where_a_sentence_ends(text: str, lang: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


@pytest.mark.parametrize(("text", "lang"), MUST_NOT_SPLIT)
def test_does_not_split_inside_a_sentence(text: str, lang: str) -> None:
    assert sentences(text, lang) == [text.strip()]


def test_english_period_followed_by_lower_case_does_not_split() -> None:
    assert sentences("It was 5 p.m. and we left. Then we ate.") == [
        "It was 5 p.m. and we left.", "Then we ate."]


def test_numbered_list_items_keep_their_number() -> None:
    assert sentences("1. First item\n2. Second item") == ["1. First item", "2. Second item"]


@pytest.mark.parametrize("mode", MODES)
def test_every_segment_is_the_text_at_its_line_and_column(mode: str) -> None:
    text = "  Hi all,\n\n\tI have news. 我有件事。\n  It is big.\n\n\n最后一句。 End.\n"
    lines = text.split("\n")
    segments = split(text, mode, "en")
    assert segments
    for seg in segments:
        first_line = seg.text.split("\n")[0]
        assert lines[seg.line - 1][seg.column - 1:].startswith(first_line)
        assert seg.text == seg.text.strip()
        assert seg.text in text


def test_sentence_positions_and_paragraphs() -> None:
    text = "Hi all,\n\nOne. Two is here.\nThree.\n\n四。五。"
    got = [(s.index, s.text, s.paragraph, s.line, s.column) for s in split(text, "sentences", "en")]
    assert got == [
        (0, "Hi all,", 0, 1, 1),
        (1, "One.", 1, 3, 1),
        (2, "Two is here.", 1, 3, 6),
        (3, "Three.", 1, 4, 1),
        (4, "四。", 2, 6, 1),
        (5, "五。", 2, 6, 3),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_any_line_ending_counts_as_one_line_break(newline: str) -> None:
    text = newline.join(["First line.", "", "Second. Third.", "", "", "Fourth."])
    got = [(s.text, s.line, s.column) for s in split(text, "sentences", "en")]
    assert got == [("First line.", 1, 1), ("Second.", 3, 1), ("Third.", 3, 9), ("Fourth.", 6, 1)]


def test_position_inside_a_multi_line_segment_maps_back_to_the_file() -> None:
    text = "Intro.\n\nA paragraph\n  with a second line."
    para = split(text, "paragraphs", "en")[1]
    assert (para.line, para.column) == (3, 1)
    offset = para.text.index("second")
    assert para.position(offset) == (4, 10)
    assert text.split("\n")[3][9:].startswith("second")


def test_paragraph_mode_keeps_blank_line_separated_blocks_whole() -> None:
    text = "One. Two.\nThree.\n \nFour.\n"
    assert [(s.text, s.paragraph) for s in split(text, "paragraphs", "en")] == [
        ("One. Two.\nThree.", 0), ("Four.", 1)]


def test_line_mode_indexes_non_empty_lines() -> None:
    text = "one. two.\n\n  three\n\nfour\n"
    got = [(s.index, s.text, s.paragraph, s.line, s.column) for s in split(text, "lines", "en")]
    assert got == [(0, "one. two.", 0, 1, 1), (1, "three", 1, 3, 3), (2, "four", 2, 5, 1)]


def test_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="words"):
        split("text", "words", "en")


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpora_sentences_are_exact_and_whole(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    segments = split(text, "sentences", "zh" if "zh" in path.name else "en")
    lines = text.split("\n")
    for seg in segments:
        assert lines[seg.line - 1][seg.column - 1:].startswith(seg.text.split("\n")[0])
    joined = "".join(s.text for s in segments)
    assert joined.replace(" ", "") == "".join(text.split())  # nothing lost, nothing repeated


def test_memo_english_sentences() -> None:
    got = sentences((ROOT / "corpora/memo/en.txt").read_text(encoding="utf-8"))
    assert len(got) == 17
    assert got[:3] == [
        "Hi all,",
        "I have something to share with you.",
        "After much reflection, I have made the diffcult decision to leave OpenAl.",
    ]
    assert got[3] == "My six-and-a-half years with the OpenAl team have been an extraordinary privilege."


def test_note_english_keeps_decimals_apostrophes_and_brackets() -> None:
    got = sentences((ROOT / "corpora/note/en.txt").read_text(encoding="utf-8"))
    assert got[1].startswith("Mira has been instrumental to OpenAI’s progress and growth the last 6.5 years;")
    assert got[1].endswith("to an important company.")
    upswing = next(s for s in got if "upswing" in s)
    assert upswing.startswith("I obviously won’t pretend")
    assert upswing.endswith("while OpenAI was in an upswing) make sense.")


def test_chinese_memo_separates_the_english_gloss() -> None:
    got = sentences((ROOT / "corpora/memo/zh-a.txt").read_text(encoding="utf-8"), "zh")
    assert got[0] == "Mira Murati今日说,经过深思熟虑,做出离开OpenAl的艰难决定。"
    assert got[1] == "(After much reflection, I have made the diffcult decision to leave OpenAl.)"
    assert got[3].endswith("多年来的支持。”")


def test_chinese_note_splits_listed_appointments_at_semicolons() -> None:
    got = sentences((ROOT / "corpora/note/zh-b.txt").read_text(encoding="utf-8"), "zh")
    assert "Matt Knight 将担任首席信息安全官。" in got
    assert any(s.startswith("Josh Achiam") and s.endswith("继续领导应用团队；") for s in got)
    quoted = next(s for s in got if s.startswith("“在过去的一年多时间里"))
    assert quoted.endswith("技术和产品部分”。")


def test_five_thousand_one_sentence_lines_stay_five_thousand_sentences() -> None:
    """A pre-split corpus (one verse a line, as the Bible benchmark) is neither split nor merged."""
    lines = [f"{k} And he said unto them, Go ye into all the world (verse {k}): preach the gospel."
             for k in range(1, 5001)]
    segments = split("\n".join(lines) + "\n", "sentences", "en")
    assert [seg.text for seg in segments] == lines
