"""untranslated: target sentences left in the source language or copied from it."""

from dataclasses import replace
from pathlib import Path

import pytest

from checker.checks.untranslated import Untranslated
from checker.model import Severity
from tests.fixtures.corpus import make_corpus
from tests.sharding import assert_shards_agree

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def run(source, *targets, **kwargs):
    corpus = make_corpus(source if isinstance(source, list) else [source],
                         *[t if isinstance(t, list) else [t] for t in targets], **kwargs)
    return list(Untranslated().run(corpus))


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # copied verbatim, or with trivial differences
        ("We brought safety research into practice.", "We brought safety research into practice."),
        ("We brought safety research into practice.", "we brought safety research into practice"),
        # still English, though not the same sentence
        ("We brought safety research into practice.", "We took safety research into practical use."),
        # a copy that keeps the names and numbers of the source
        ("Mira worked at OpenAI for 6.5 years.", "Mira worked at OpenAI for 6.5 years."),
    ],
)
def test_fires(source, target):
    (finding,) = run(source, target)
    assert finding.severity == Severity.MAJOR
    assert finding.locations[0].document == "d1"
    assert finding.locations[0].text == target
    assert finding.locations[1].document == "d0"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("We brought safety research into practice.", "我们将安全研究带入了实践。"),
        # names, numbers, code and URLs stay as they are
        ("Mira", "Mira"),
        ("OpenAI o1", "OpenAI o1"),
        ("Sam Altman, Greg Brockman", "Sam Altman, Greg Brockman"),
        ("2024", "2024"),
        ("https://example.com/docs", "https://example.com/docs"),
        ("Run `make test --dry-run`.", "Run `make test --dry-run`."),
        ("Hi all,", "Hi all,"),
        # a Chinese sentence with an English parenthetical is translated
        ("After much reflection, I have made the decision to leave.",
         "经过深思熟虑,做出离开的艰难决定。(After much reflection, I have made the decision to leave.)"),
        # Chinese with English names and product words
        ("I thank Sam and Greg for their trust.", "我感谢 CEO Sam Altman 和 Greg Brockman 的信任。"),
        # markup and templates hold no words to translate (FastAPI's index.md, sphinx's PO)
        ("{% for sponsor in sponsors.gold -%}", "{% for sponsor in sponsors.gold -%}"),
        ('<a href="{{ sponsor.url }}" target="_blank" title="{{ sponsor.title }}"><img src="{{ sponsor.img }}" '
         'style="border-radius:15px"></a>', '<a href="{{ sponsor.url }}" target="_blank" title="{{ sponsor.title }}">'
         '<img src="{{ sponsor.img }}" style="border-radius:15px"></a>'),
        ('GitHub: <a href="https://github.com/tiangolo/full-stack-fastapi-postgresql" class="external-link" '
         'target="_blank">https://github.com/tiangolo/full-stack-fastapi-postgresql</a>',
         'GitHub：<a href="https://github.com/tiangolo/full-stack-fastapi-postgresql" class="external-link" '
         'target="_blank">https://github.com/tiangolo/full-stack-fastapi-postgresql</a>'),
        ("![editor support](https://fastapi.tiangolo.com/img/vscode-completion.png)",
         "![editor support](https://fastapi.tiangolo.com/img/vscode-completion.png)"),
        ("<<original entry>>", "<<original entry>>"),
    ],
)
def test_does_not_fire(source, target):
    assert run(source, target) == []


def test_an_original_quoted_after_its_translation_is_not_untranslated():
    """corpora/memo/zh-a.txt follows its first Chinese sentence with the English in brackets."""
    memo = (CORPORA / "memo" / "zh-a.txt").read_text(encoding="utf-8")
    zh = ["Mira Murati今日说,经过深思熟虑,做出离开OpenAl的艰难决定。",
          "(After much reflection, I have made the diffcult decision to leave OpenAl.)"]
    assert all(text in memo for text in zh)
    en = "After much reflection, I have made the diffcult decision to leave OpenAl."
    # whether the aligner links the bracketed original with the source sentence or not
    assert run([en], zh, links=[[((0,), (0, 1))]]) == []
    assert run([en, "x"], zh, links=[[((0,), (0,)), ((1,), (1,))]]) == []


def test_an_english_sentence_standing_alone_is_untranslated():
    en = "After much reflection, I have made the diffcult decision to leave OpenAl."
    (finding,) = run(["Hi all,", en], ["大家好，", en])
    assert finding.locations[0].segments == (1,)
    assert "copies the source" in finding.message


def test_same_language_revisions_are_not_checked():
    text = "We brought safety research into practice."
    assert run(text, text, target_lang="en") == []


def test_latin_script_pair_uses_language_identification():
    (finding,) = run("We brought safety research into practice and it worked well.",
                     "We moved safety research into practice and it worked very well.", target_lang="de")
    assert "still in English" in finding.message
    assert run("We brought safety research into practice and it worked well.",
               "Wir haben die Sicherheitsforschung in die Praxis gebracht, und es hat gut funktioniert.",
               target_lang="de") == []


def test_chinese_source_left_in_chinese():
    source = "我们将安全研究从理论领域带入实际应用。"
    (finding,) = run(source, source, source_lang="zh", target_lang="en")
    assert "copies the source" in finding.message
    (finding,) = run(source, "我们把安全研究带入了实际应用。", source_lang="zh", target_lang="en")
    assert "still in Chinese" in finding.message
    assert run(source, "We brought safety research into practice.", source_lang="zh", target_lang="en") == []


def test_code_blocks_stay_as_they_are(tmp_path):
    """Pattern 3 of issue 11: a fenced code block is the same in both languages by design."""
    from checker.model import Alignment, Corpus, Link, Role
    from checker.readers import read

    block = '```Python\nclass Cat:\n    def __init__(self, name: str):\n        self.name = name\n```\n'
    (tmp_path / "en.md").write_text("For example:\n\n" + block, encoding="utf-8")
    (tmp_path / "zh.md").write_text("举个例子：\n\n" + block, encoding="utf-8")
    en = read(tmp_path / "en.md", doc_id="d0", role=Role.SOURCE, lang="en")
    zh = read(tmp_path / "zh.md", doc_id="d1", role=Role.TRANSLATION, lang="zh")
    links = (Link((0,), (0,), 0.9), Link((1,), (1,), 0.9))
    corpus = Corpus(en, (zh,), {("d0", "d1"): Alignment("d0", "d1", links)})  # type: ignore[arg-type]
    assert list(Untranslated().run(corpus)) == []


def test_link_text_left_in_english_is_still_found():
    """Markup is set aside, not the words it holds."""
    (finding,) = run('See <a href="https://x.com/people" class="external-link">the people who sponsor us</a>.',
                     'See <a href="https://x.com/people" class="external-link">the people who sponsor us</a>.')
    assert finding.data["copied"] is True


# Short title-case strings left in English (issue 11): in a Chinese target every capitalised
# word looks like a name, so the evidence is how the rest of the document treats the same words.
# Each row: units the document translates (source, target), then the unit copied from its source.
RCLONE = [("Folder Created Successfully", "创建文件夹成功"), ("Tasks Created Successfully", "任务创建成功"),
          ("Hide Advanced Options", "隐藏高级选项"), ("Show Advanced Options", "显示高级选项"),
          ("Custom Mount Option (Json)", "自定义挂载选项（Json格式）"), ("New Connection", "新连接"),
          ("New Backend", "新储存池"), ("Job Manager", "任务管理"), ("Advanced Cron Expression", "高级 Cron 表达式"),
          ("Rclone does not have access to this path, please check the permission of this path",
           "Rclone 无法访问这个路径，请确认这个路径的权限")]
EXCALIDRAW = [("Mermaid to Excalidraw", "Mermaid 至 Excalidraw"), ("Mermaid Syntax", "Mermaid 语法"),
              ("Delete", "删除"), ("Export to Excalidraw+", "导出到 Excalidraw+")]
FASTAPI = [("Classes as dependencies", "类作为依赖项"),
           ("So far you have seen dependencies declared as functions.", "到目前为止，您看到的依赖项都被声明为函数。"),
           ("The key factor is that a dependency should be a \"callable\".", "关键因素是依赖项应该是 \"可调用对象\"。"),
           ("You might notice that to create an instance of a Python class, you use that same syntax.",
            "您可能会注意到，要创建一个 Python 类的实例，您可以使用相同的语法。")]
HTTPS = [("Before Let's Encrypt, these **HTTPS certificates** were sold by trusted third parties.",
          "在 Let's Encrypt 之前，这些 **HTTPS 证书** 由受信任的第三方出售。"),
         ("But then Let's Encrypt was created.", "但随后 Let's Encrypt 创建了。")]


def run_in_document(context, copied):
    """``copied`` left as its source, after units the document translates."""
    return run([s for s, _ in context] + [copied], [t for _, t in context] + [copied])


@pytest.mark.parametrize(
    ("context", "copied"),
    [
        (RCLONE, "Task Created Successfully"),
        (RCLONE, "New Cron Job"),  # Cron is kept elsewhere, new and job are translated
        (RCLONE, "Custom Vfs Option (Json)"),  # Json kept, option (options) translated
        (EXCALIDRAW, "Mermaid to Excalidraw"),  # the same text is translated in another unit
        (FASTAPI, "Classes as Dependencies"),
        (RCLONE, "SHOW ADVANCED OPTIONS"),  # in capitals, acronyms cannot be told apart
    ],
)
def test_title_case_strings_the_document_translates_elsewhere_fire(context, copied):
    (finding,) = run_in_document(context, copied)
    assert finding.locations[0].text == copied
    assert finding.data["copied"] is True
    assert finding.data["words"]


@pytest.mark.parametrize(
    ("context", "copied"),
    [
        (RCLONE, "Rclone"),
        (RCLONE, "Rclone WebUI"),  # names by their form or kept elsewhere
        (EXCALIDRAW, "Delete"),  # one word (a key label) is never enough, even if rendered elsewhere
        (EXCALIDRAW, "Excalidraw+"),
        (HTTPS, "Let's Encrypt"),  # a phrase the translations keep
        (RCLONE, "OK"),
        (RCLONE, "JSON"),
        (FASTAPI, "//// tab | Python 3.10+ non-Annotated"),  # a tab marker, a version, a name by its form
        (FASTAPI, "Pydantic `schema_extra`"),
        (RCLONE, "Google Drive"),  # common words, but nothing in the document renders them
    ],
)
def test_names_and_kept_terms_do_not_fire(context, copied):
    assert run_in_document(context, copied) == []


def test_a_word_kept_elsewhere_is_a_name_not_a_word_to_translate():
    """``Cron`` is kept in ``高级 Cron 表达式``: beside it, one word to translate is not enough."""
    assert run_in_document(RCLONE, "Cron Job") == []
    (finding,) = run_in_document(RCLONE, "Cron Job Manager")  # job and manager are translated elsewhere
    assert finding.data["words"] == ["Job", "Manager"]


def test_a_bracketed_unit_of_a_catalogue_is_not_a_quoted_original():
    """Each unit of a TMX, PO or XLIFF file is translated on its own (TICO-19's TMX)."""
    source = ["Results are generally available within a few hours to 2 days.", "(See updates from the WHO.)"]
    target = ["一般情况下，几个小时至 2 天内即可得到结果。", "(See updates from the WHO.)"]
    corpus = make_corpus(source, target)
    keyed = [replace(d, segments=tuple(replace(s, key=str(s.index)) for s in d.segments)) for d in corpus.documents]
    corpus = replace(corpus, source=keyed[0], translations=tuple(keyed[1:]))
    (finding,) = Untranslated().run(corpus)
    assert finding.locations[0].text == "(See updates from the WHO.)"


def test_shards_judge_by_the_whole_catalogue() -> None:
    """rclone's catalogue with five units left in English (``untranslated.zh-CN.xlf``): each is
    judged by how the whole catalogue treats its words, so a shard of one unit, which renders
    none of them itself, finds what the whole file finds."""
    path = Path(__file__).parent / "data" / "realworld" / "rclone-xliff" / "untranslated.zh-CN.xlf"
    found = assert_shards_agree(Untranslated, path, (1, 7, 60))
    assert [(f["locations"][0]["segments"], f["data"]["words"]) for f in found] == [
        ([6], ["Source", "Code"]), ([13], ["Display", "Name"]), ([46], ["New", "Storage", "Pool"]),
        ([78], ["Paste", "Here"]), ([186], ["Choose", "New", "Name"]),
    ]
