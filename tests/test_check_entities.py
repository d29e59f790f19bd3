"""entity-mismatch, url-mismatch, code-mismatch: what must survive translation unchanged."""

from pathlib import Path

import pytest

from checker.checks.entities import EntityMismatch, near_miss
from checker.checks.technical import CodeMismatch, UrlMismatch
from checker.model import Severity
from tests.fixtures.corpus import make_corpus
from tests.shard_steps import assert_steps_agree
from tests.sharding import assert_shards_agree
from tests.test_gate import FakeEncoder

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def run(check, source, *targets, **kwargs):
    corpus = make_corpus(source if isinstance(source, list) else [source],
                         *[t if isinstance(t, list) else [t] for t in targets], **kwargs)
    return list(check().run(corpus))


@pytest.mark.parametrize(
    ("source", "target", "span", "suggestion"),
    [
        ("I decided to leave OpenAI.", "我决定离开OpenAl。", "OpenAl", "OpenAI"),
        ("We met at Pearl Harbor.", "我们在 Pearl Harbour 见面。", "Harbour", "Harbor"),
        ("We trained it on an H100.", "我们在 H200 上训练了它。", "H200", "H100"),
        ("GPT-4 is out.", "GPT-3 发布了。", "GPT-3", "GPT-4"),
        ("Josh Achiam will lead it.", "Josh Achaim 将领导这项工作。", "Achaim", "Achiam"),
        ("Ask ChatGPT.", "问问 ChatGTP。", "ChatGTP", "ChatGPT"),
        # Latin-script targets: only name-like words are compared
        ("We met Mira Murati in Paris.", "Wir trafen Mira Muratti in Paris.", "Muratti", "Murati"),
    ],
)
def test_entity_near_miss_fires(source, target, span, suggestion):
    lang = "de" if target.startswith("Wir") else "zh"
    findings = run(EntityMismatch, source, target, target_lang=lang)
    (finding,) = [f for f in findings if f.locations[0].document == "d1"]
    assert finding.severity == Severity.MAJOR
    assert finding.locations[0].text == span
    assert finding.locations[1].document == "d0"
    assert finding.suggestion == suggestion


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # transliterated or dropped names are fine
        ("Josh Achiam is going to take on a new role.", "乔希·阿奇亚姆将担任新职务。"),
        ("Mark is going to be our new SVP of Research.", "马克(Mark)将成为新的研究高级副总裁。"),
        ("Mark is going to be our new SVP of Research.", "他将成为新的研究高级副总裁。"),
        ("I thank Sam and Greg.", "我感谢 CEO Sam Altman 和总裁 Greg Brockman。"),
        # unchanged names, possessives, plurals, sentence-initial words
        ("Mira has been instrumental to OpenAI’s progress.", "Mira对 OpenAI的进步起到了重要作用。"),
        ("Bob and Barret have decided to depart OpenAI.", "Bob和Barret已经决定离开OpenAI。"),
        ("Sarai bare him no child; Sarah laughed.", "撒莱不生育；撒拉笑了。"),
        ("Kevin and Srinivas will continue.", "Kevin 和 Srinivas 将继续。"),
        ("We use the Harbors of Europe.", "我们使用 Harbor 的服务。"),
    ],
)
def test_entity_does_not_fire(source, target):
    assert run(EntityMismatch, source, target) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("We flew to Europe and Rome.", "Wir flogen nach Europa und Rom."),  # localised place names
        ("We met Mira Murati in Paris.", "Wir trafen Mira Murati in Paris."),
        ("Research at OpenAI.", "Forschung bei OpenAI."),
    ],
)
def test_entity_does_not_fire_in_latin_script_translations(source, target):
    assert run(EntityMismatch, source, target, target_lang="de") == []


@pytest.mark.parametrize(
    ("source", "target", "span", "suggestion"),
    [
        # Chinese copies Latin words from its source: a near miss of any source word is a slip,
        # also of a sentence-initial word, a one-word unit or a short name (rclone XLIFF, excalidraw JSON)
        ("Rclone", "Rlcone", "Rlcone", "Rclone"),
        ("Twitter username", "Twiter 用户名", "Twiter", "Twitter"),
        ("Upgrade to Plus", "升级到 Pus", "Pus", "Plus"),
        (" Advanced Cron Expression ", " 高级 Corn 表达式 ", "Corn", "Cron"),
        ("Because you are using a remote backend, automatic authentication (OAuth) is not possible for you.",
         "因为你使用的是一个远程连接，无法自动认证（Outh）。", "Outh", "OAuth"),
        # a changed copy next to an intact one (TICO-19)
        ("HCoV infection is a zoonosis and understanding the zoonotic origins of HCoVs would serve us well.",
         "HCoV 感染是一种人畜共患病，因此，了解 HoCV 的人畜共患病起源将对我们很有帮助。", "HoCV", "HCoV"),
        # real slips of the development files: sphinx's PO and a TICO-19 unit
        ("too large :maxdepth:, ignored.", ":mathdepth: 值过大，已忽略。", "mathdepth", "maxdepth"),
        ("Borrell also said that China is a reliable partner.", "Borrel 还表示，中国是可靠的伙伴。", "Borrel", "Borrell"),
    ],
)
def test_a_near_miss_of_a_copied_word_fires_in_chinese(source, target, span, suggestion):
    (finding,) = run(EntityMismatch, source, target)
    assert finding.severity == Severity.MAJOR
    assert (finding.locations[0].text, finding.suggestion) == (span, suggestion)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Rclone WebUI", "Rclone WebUI"),
        ("Item", "Items 列表"),                                    # inflections
        ("Use the colour picker.", "使用 color 选择器。"),          # British / American
        ("Organise your Library", "整理你的 Organize 库"),
        ("Twitter username", "twitter 用户名"),                      # case only
        ("Delete the file.", "删除 file。"),
        ("Run the Cron job.", "运行 Cron 任务。"),
        ("See the API docs.", "参见 APIs 文档。"),
        ("Set maxdepth and depth.", "设置 maxdepth 和 deep。"),       # not a near miss of 'depth' (first letters)
    ],
)
def test_copied_words_that_are_no_slip_do_not_fire(source, target):
    assert run(EntityMismatch, source, target) == []


def test_a_word_the_source_writes_elsewhere_is_no_slip():
    # 'Form' is a word of the source document: a translation that borrows it is no misspelled 'From'
    assert run(EntityMismatch, ["From the start.", "Fill in the Form."], ["Form 开始。", "填写表单。"]) == []


def test_a_name_spelled_two_ways_in_one_translation():
    findings = run(EntityMismatch, ["I leave OpenAI.", "The OpenAI team."], ["我离开OpenAI。", "OpenAl团队。"])
    within = [f for f in findings if "two ways" in f.message]
    (finding,) = within
    assert [loc.text for loc in finding.locations] == ["OpenAl", "OpenAI"]
    assert finding.suggestion == "OpenAI"
    assert finding.severity == Severity.MAJOR


def test_a_name_spelled_two_ways_in_the_source_is_minor():
    (finding,) = run(EntityMismatch, ["I leave OpenAl.", "The OpenAI team."], ["我离开。", "团队。"])
    assert finding.locations[0].document == "d0"
    assert finding.locations[0].text == "OpenAl"
    assert finding.severity == Severity.MINOR


def test_distinct_names_one_letter_apart_are_not_variants():
    assert run(EntityMismatch, ["Sarai was there.", "Then Sarah laughed.", "Abram and Amram came."],
               ["撒莱在那里。", "撒拉笑了。", "亚伯兰和暗兰来了。"]) == []


def _sentence(corpus_file: str, text: str) -> str:
    assert text in (CORPORA / corpus_file).read_text(encoding="utf-8")
    return text


def test_memo_openal():
    """The memo writes OpenAl; zh-a copies it in places and corrects it in others; zh-b corrects it."""
    en = [_sentence("memo/en.txt", "After much reflection, I have made the diffcult decision to leave OpenAl."),
          _sentence("memo/en.txt",
                    "My six-and-a-half years with the OpenAl team have been an extraordinary privilege.")]
    zh_a = [_sentence("memo/zh-a.txt", "Mira Murati今日说,经过深思熟虑,做出离开OpenAl的艰难决定。"),
            _sentence("memo/zh-a.txt", "(After much reflection, I have made the diffcult decision to leave OpenAl.)"),
            _sentence("memo/zh-a.txt", "Mira Murati在OpenAI团队工作了6年半时间,称这是一份非凡的荣幸。")]
    zh_b = [_sentence("memo/zh-b.txt", "经过深思熟虑，我做出了离开 OpenAI 的艰难决定。"),
            _sentence("memo/zh-b.txt", "我已经在 OpenAI 团队工作了六年半，这是我的荣幸。")]
    corpus = make_corpus(en, zh_a, zh_b, links=[[((0,), (0, 1)), ((1,), (2,))], [((0,), (0,)), ((1,), (1,))]])
    findings = list(EntityMismatch().run(corpus))

    # within zh-a: OpenAl and OpenAI, each OpenAl pointed at exactly
    (within,) = [f for f in findings if "two ways" in f.message]
    assert [(loc.document, loc.segments, loc.text) for loc in within.locations] == [
        ("d1", (0,), "OpenAl"), ("d1", (1,), "OpenAl"), ("d1", (2,), "OpenAI")]
    assert within.suggestion == "OpenAI" and within.severity == Severity.MAJOR

    # source OpenAl against the translations' OpenAI: the source looks misspelled, so minor
    cross = {f.locations[-1].document: f for f in findings if "two ways" not in f.message}
    assert set(cross) == {"d1", "d2"}
    for finding in cross.values():
        assert finding.severity == Severity.MINOR
        assert finding.suggestion == "OpenAI"
        assert {loc.text for loc in finding.locations if loc.document == "d0"} == {"OpenAl"}
    assert [loc.text for loc in cross["d2"].locations] == ["OpenAl", "OpenAl", "OpenAI", "OpenAI"]


def test_note_names_are_clean():
    en = [_sentence("note/en.txt", "I also want to share that Bob and Barret have decided to depart OpenAI."),
          _sentence("note/en.txt", "Mark, Jakub, Kevin, Srinivas, Matt, and Josh will report to me.")]
    zh = ["“我还想告诉大家,Bob和Barret已经决定离开OpenAI。",
          _sentence("note/zh-a.txt", "Sam Altman说,Mark、Jakub、Kevin、Srinivas、Matt 和 Josh将向其汇报。")]
    assert list(EntityMismatch().run(make_corpus(en, zh))) == []


@pytest.mark.parametrize(
    ("source", "target", "span", "suggestion"),
    [
        ("Run it with --dry-run first.", "先用 --dryrun 运行。", "--dryrun", "--dry-run"),
        ("Use --verbose for details.", "使用 --verboses 查看详情。", "--verboses", "--verbose"),
        ("Edit `config.toml` now.", "现在编辑 `config.tomls`。", "config.tomls", "config.toml"),
        ("Edit `config.toml` now.", "现在编辑 `config.tml`。", "config.tml", "config.toml"),
        ("The file is in /etc/transcheck/rules.toml.", "文件位于 /etc/transcheck/rule.toml。",
         "/etc/transcheck/rule.toml", "/etc/transcheck/rules.toml"),
    ],
)
def test_code_changed(source, target, span, suggestion):
    (finding,) = run(CodeMismatch, source, target)
    assert finding.severity == Severity.MAJOR
    assert finding.locations[0].text == span
    assert finding.locations[1].text == suggestion
    assert finding.suggestion == suggestion


def test_placeholders_are_left_to_placeholder_mismatch_and_missing_code_is_minor():
    # a changed or lost placeholder is placeholder-mismatch's finding, not a second one here
    assert run(CodeMismatch, "You have %d new messages.", "你有新消息。") == []
    assert run(CodeMismatch, "Hello, {username}!", "你好，{user_name}！") == []
    (code,) = run(CodeMismatch, "Use --verbose for details.", "使用详细模式查看详情。")
    assert code.severity == Severity.MINOR and code.locations[0].text == "--verbose"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Run it with --dry-run first.", "先用 --dry-run 运行。"),
        ("Edit `config.toml` now.", "现在编辑 config.toml。"),  # backticks dropped, code intact
        ("Hello, {username}!", "{username}，你好！"),
        ("speech-to-speech and 100% sure - really", "语音到语音，百分之百确定——真的"),
    ],
)
def test_code_does_not_fire(source, target):
    assert run(CodeMismatch, source, target) == []


def test_url_changed_and_kept():
    (finding,) = run(UrlMismatch, "See https://example.com/docs for details.", "详情见 https://example.com/doc。")
    assert finding.locations[0].text == "https://example.com/doc"
    assert finding.suggestion == "https://example.com/docs"
    assert finding.severity == Severity.MAJOR
    assert run(UrlMismatch, "See https://example.com/docs.", "详情见 https://example.com/docs。") == []
    (mail,) = run(UrlMismatch, "Write to help@example.com.", "请写信给 help@exampel.com。")
    assert mail.locations[0].text == "help@exampel.com"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # the URL ends where the Chinese text after it begins
        ("Visit https://fastapi.tiangolo.com for more.", "访问 https://fastapi.tiangolo.com获取更多信息。"),
        # and at the ')' closing a Markdown link, before its attribute list
        ("See [Async](../async.md){.internal-link target=_blank} and https://fastapi.tiangolo.com/async/.",
         "请查阅 [Async](https://fastapi.tiangolo.com/async/){.internal-link target=_blank}。"),
    ],
)
def test_url_tokens_end_where_the_url_does(source, target):
    assert run(UrlMismatch, source, target) == []


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        # FastAPI's zh index.md links the Chinese pages of the site
        ('see the <a href="https://fastapi.tiangolo.com/tutorial/">Tutorial - User Guide</a>.',
         '<a href="https://fastapi.tiangolo.com/zh/tutorial/">教程 - 用户指南</a> 中有更完整的示例。', False),
        ("See https://en.wikipedia.org/wiki/Coronavirus.", "见 https://zh.wikipedia.org/wiki/Coronavirus。", False),
        ("See https://docs.example.com/en/guide.", "见 https://docs.example.com/zh-cn/guide。", False),
        # another page, or another language, is still a changed URL
        ("See https://fastapi.tiangolo.com/tutorial/.", "见 https://fastapi.tiangolo.com/zh/benchmarks/。", True),
        ("See https://fastapi.tiangolo.com/tutorial/.", "见 https://fastapi.tiangolo.com/ja/tutorial/。", True),
    ],
)
def test_a_url_localized_into_the_translation_language_is_no_change(source, target, fires):
    assert bool(run(UrlMismatch, source, target)) is fires


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("OpenAI", "OpenAl", True), ("Harbor", "Harbour", True), ("--dry-run", "--dryrun", True),
     ("Sarai", "Sarah", True), ("Mark", "Marks", False), ("Bob", "Rob", False), ("Mira", "Mira", False),
     ("Kevin", "Devin", False)],
)
def test_near_miss(a, b, expected):
    assert near_miss(a, b) is expected


# Issue 11 pattern 9, from the FastAPI docs, sphinx's catalogue and the TICO-19 memory.
@pytest.mark.parametrize(
    ("source", "target"),
    [
        # the lower-case form code, packages and commands write is not a second spelling of a name
        (["Run it with FastAPI.", "Then install it: pip install fastapi"],
         ["用 FastAPI 运行。", "然后安装：pip install fastapi"]),
        (["The OpenAPI schema.", "It starts with the openapi version."], ["OpenAPI 模式。", "以 openapi 版本开头。"]),
        (["Render it with MathJax.", "Set the mathjax path."], ["用 MathJax 渲染。", "设置 mathjax 路径。"]),
        # British and American spellings of one word are two names' spellings, not a slip
        (["The European Centre for Disease Prevention and Control.", "The National Center for Global Health."],
         ["欧洲疾病预防控制中心。", "国家全球卫生中心。"]),
        (["the World Health Organization said.", "a Contract Research Organisation."],
         ["世界卫生组织说。", "一家合同研究组织。"]),
    ],
)
def test_code_forms_and_regional_spellings_are_not_name_variants(source, target):
    assert [f for f in run(EntityMismatch, source, target) if f.severity is Severity.MAJOR] == []
    assert [f for f in run(EntityMismatch, source, target) if "two ways" in f.message] == []


def test_names_in_a_code_block_are_not_names():
    from dataclasses import replace

    corpus = make_corpus(["FastAPI is fast.", "from fastapi import FastAPI"], ["FastAPI 很快。", "from Fastapi import FastAPI"])
    doc = corpus.translations[0]
    coded = replace(doc, segments=(doc.segments[0], replace(doc.segments[1], kind="code")))
    source = replace(corpus.source, segments=(corpus.source.segments[0], replace(corpus.source.segments[1], kind="code")))
    assert list(EntityMismatch().run(replace(corpus, source=source, translations=(coded,)))) == []


def test_a_translation_copying_its_sources_slip_leaves_it_to_the_source():
    source = ["Germany's CureVac announced a vaccine.", "Investors funded Curevac again."]
    (finding,) = run(EntityMismatch, source, ["德国 CureVac 宣布了一种疫苗。", "投资者再次资助了 Curevac。"])
    assert finding.locations[0].document == "d0" and finding.severity is Severity.MINOR
    # where the source is consistent, the translation's own slip is reported, major
    findings = run(EntityMismatch, ["Germany's CureVac announced a vaccine.", "Investors funded CureVac again."],
                   ["德国 CureVac 宣布了一种疫苗。", "投资者再次资助了 Curevac。"])
    assert findings and all(f.locations[0].document == "d1" and f.severity is Severity.MAJOR for f in findings)


def test_one_slip_is_one_finding():
    source = ["...is what **FastAPI** will actually use to know what is the dependency.",
              "So, in **FastAPI**, you could use a Python class as a dependency."]
    target = ["实际上是 **Fastapi** 用来知道依赖项是什么的。", "因此，在 **FastAPI** 中，你可以使用一个 Python 类作为一个依赖项。"]
    (finding,) = run(EntityMismatch, source, target)
    assert finding.severity is Severity.MAJOR and finding.suggestion == "FastAPI"
    assert [loc.text for loc in finding.locations] == ["Fastapi", "FastAPI"]


# Short snippets of FastAPI's en/zh docs, sphinx's zh_CN catalogue and the TICO-19 memory.
@pytest.mark.parametrize(
    ("source", "target"),
    [
        # a link to the localized page of the same site
        ("See <a href=\"https://fastapi.tiangolo.com/async/#in-a-hurry\">In a hurry?</a>",
         "参见 <a href=\"https://fastapi.tiangolo.com/zh/async/#in-a-hurry\">赶时间吗？</a>"),
        ("the <a href=\"https://fastapi.tiangolo.com/tutorial/\">Tutorial - User Guide</a>",
         "<a href=\"https://fastapi.tiangolo.com/zh/tutorial/\">教程 - 用户指南</a>"),
        # a URL followed by Chinese text, without the scheme of a www. address
        ("as listed at https://www.cisa.gov/critical-infrastructure-sectors.",
         "如 www.cisa.gov/critical-infrastructure-sectors所述。"),
    ],
)
def test_url_kept_in_another_form_does_not_fire(source, target):
    assert run(UrlMismatch, source, target) == []


def test_url_to_another_language_still_fires():
    (finding,) = run(UrlMismatch, "See https://fastapi.tiangolo.com/async/.", "见 https://fastapi.tiangolo.com/ja/async/。")
    assert finding.suggestion == "https://fastapi.tiangolo.com/async/"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The header value is `Bearer ` plus the token.", "请求头的值是 `Bearer` 加上令牌。"),  # spacing only
        ("It is just a `list` of routes.", "（实际上只是路由的**列表**）"),  # a word in backticks, translated
        ("Configure an `A record` in the DNS.", "在 DNS 服务器中配置一条记录（“A 记录”）。"),
        ("Say you use version `0.112.0`.", "假设你使用版本`0.45.0`。"),  # a number: number-mismatch's
        ("The config value `source_suffix' expects a dictionary. Got `%r'.",
         "配置项“source_suffix”的值应为字典。但给定的值是“%r”。"),  # `name' is quoting, not code
        ("Read the [Advanced User Guide](../advanced/index.md).", "阅读**高级用户指南**。"),  # tag-mismatch's
    ],
)
def test_code_written_otherwise_does_not_fire(source, target):
    assert run(CodeMismatch, source, target) == []


def test_code_moved_to_a_neighbouring_sentence_is_not_missing_nor_changed():
    source = ["Declare it with `response_model`.", "It returns `Item`."]
    target = ["它返回 `Item`。", "用 `response_model` 声明它。"]  # aligned 1-1 here, in the wrong order
    assert run(CodeMismatch, source, target) == []


def test_code_blocks_are_left_to_code_block_mismatch():
    from checker.checks.technical import CodeMismatch as Check
    from checker.model import Alignment, Corpus, Document, Link, Role, Segment

    src = Document("d0", Role.SOURCE, "en.md", "en", (Segment(0, "$ cd /home/user/code/awesomeapp", kind="code"),))
    tgt = Document("d1", Role.TRANSLATION, "zh.md", "zh", (Segment(0, "$ cd /home/user/code", kind="code"),))
    corpus = Corpus(src, (tgt,), {("d0", "d1"): Alignment("d0", "d1", (Link((0,), (0,), 0.9),))})
    assert list(Check().run(corpus)) == []


def test_a_link_replaced_by_another_is_a_changed_url():
    # FastAPI's zh docs kept the old HTTPX address where the source moved to the new one.
    (finding,) = run(UrlMismatch, 'Use <a href="https://www.python-httpx.org">HTTPX</a> or Requests.',
                     '要使用 <a href="https://www.encode.io/httpx/">HTTPX</a> 或 Requests。')
    assert finding.severity == Severity.MAJOR
    assert finding.locations[0].text == "https://www.encode.io/httpx/"
    assert finding.suggestion == "https://www.python-httpx.org"
    # Two links lost and one new one: which replaced which is not known; each lost one is minor.
    findings = run(UrlMismatch, "See https://www.starlette.io/ and https://github.com/OAI/OpenAPI-Specification.",
                   "见 https://json-schema.org/draft/2019-09/json-schema-validation.html。")
    assert [f.severity for f in findings] == [Severity.MINOR, Severity.MINOR]


def test_a_link_in_a_sentence_merged_with_others_is_not_paired_with_theirs():
    # A stale page: one source sentence aligned with three translated ones, each its own link.
    corpus_source = ["Built on <a href=\"https://docs.pydantic.dev\">Pydantic</a>."]
    corpus_target = ["由 Vue CLI 生成。", "<a href=\"https://fastapi.tiangolo.com/features/\">更多功能</a>", "基于 Nginx。"]
    findings = run(UrlMismatch, corpus_source, corpus_target, links=[[((0,), (0, 1, 2))]])
    assert [f.severity for f in findings] == [Severity.MINOR]


@pytest.mark.parametrize(
    ("source", "target", "span", "suggestion"),
    [
        # Changed code is found even where the translation writes the right code elsewhere.
        (["Declare it with `response_model`.", "Use `response_model` again."],
         ["用 `response_modle` 声明它。", "再次使用 `response_model`。"], "response_modle", "response_model"),
        (["See https://fastapi.tiangolo.com/async/.", "Again https://fastapi.tiangolo.com/async/."],
         ["见 https://fastapi.tiangolo.com/asnyc/。", "再见 https://fastapi.tiangolo.com/async/。"],
         "https://fastapi.tiangolo.com/asnyc/", "https://fastapi.tiangolo.com/async/"),
    ],
)
def test_a_change_is_found_whatever_the_rest_of_the_document_has(source, target, span, suggestion):
    check = UrlMismatch if "://" in suggestion else CodeMismatch
    (finding,) = run(check, source, target)
    assert finding.locations[0].text == span and finding.suggestion == suggestion


def test_a_word_in_backticks_replaced_by_other_code_is_reported():
    (finding,) = run(CodeMismatch, "Pass it to `Body`.", "把它传给 `Bdoy`。")
    assert finding.severity == Severity.MAJOR and finding.suggestion == "Body"
    (finding,) = run(CodeMismatch, "It is a `list`.", "它是一个 `lsit`。")
    assert finding.severity == Severity.MAJOR and finding.suggestion == "list"
    (finding,) = run(CodeMismatch, "It is a `value`.", "它是一个 `vaule_x`。")  # a slip, not a near miss
    assert finding.severity == Severity.MINOR and finding.locations[0].text == "value"
    # other code, not a slip of the word: the word was translated (列表), the code is the sentence's
    assert run(CodeMismatch, "It is a `list`.", "它是一个列表，交给 `Query`。") == []


@pytest.mark.parametrize(
    ("check", "source", "target", "span"),
    [
        # A link written twice, as its own text, and changed once (FastAPI's sub-applications page).
        (UrlMismatch, 'Go to <a href="http://127.0.0.1:8000/docs">http://127.0.0.1:8000/docs</a>.',
         '打开 <a href="http://127.0.0.1:8000/docs">http://127.0.0.1:8001/docs</a>。', "http://127.0.0.1:8001/docs"),
        # snake_case names and calls are code in a catalogue, backticks or not (sphinx's zh_CN).
        (CodeMismatch, "Set numfig_format in conf.py.", "在 conf.py 中设置 numfig-format。", "numfig_format"),
        (CodeMismatch, "Call add_node() first.", "先调用 add_nodes()。", "add_nodes()"),
    ],
)
def test_code_and_links_written_plainly_or_twice(check, source, target, span):
    """(Each row fires.)"""
    findings = run(check, source, target)
    assert findings and any(span in (f.locations[0].text, f.locations[1].text) for f in findings), \
        [f.message for f in findings]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # A snake_case name outside backticks rendered in words, as sphinx's zh_CN does.
        ("object_type %r is already registered", "对象类型 %r 已经注册过了"),
        ("Many math_renderers are registered. But no math_renderer is selected.",
         "注册了多个 math_renderer，但没有选择 math_renderer。"),
        # The same name, called in the source and named in the translation (call-parens's concern).
        ("Declare it with `Path()` or `Query()`.", "用 `Path` 或 `Query` 声明它。"),
        ("Declare it with `Path`.", "用 `Path()` 声明它。"),
    ],
)
def test_names_rendered_in_words_do_not_fire(source, target):
    assert run(CodeMismatch, source, target) == []


def test_prose_aligned_with_a_code_block_is_not_compared():
    from checker.model import Alignment, Corpus, Document, Link, Role, Segment

    src = Document("d0", Role.SOURCE, "en.md", "en",
                   (Segment(0, 'Make sure you put `"fastapi[standard]"` in quotes.'),))
    tgt = Document("d1", Role.TRANSLATION, "zh.md", "zh",
                   (Segment(0, '$ pip install "uvicorn[standard]"', kind="code"),))
    corpus = Corpus(src, (tgt,), {("d0", "d1"): Alignment("d0", "d1", (Link((0,), (0,), 0.9),))})
    assert list(CodeMismatch().run(corpus)) == []


# Issue 11, recall: slips in short code (FastAPI's docs) and in lower-case dotted names, which
# sphinx's catalogue writes without backticks (files, modules). Each row is one real line with
# one slip made in the translation.
@pytest.mark.parametrize(
    ("source", "target", "span", "suggestion"),
    [
        # two letters swapped in three: a ratio of letters scores it 67, under any near-miss bar
        ("* Validate that there is an `item_id` in the path for `GET` and `PUT` requests.",
         "* 校验 `GTE` 和 `PUT` 请求的路径中是否含有 `item_id`。", "GTE", "GET"),
        ("For example, for an `int`:", "举个例子，比如声明 `itn` 类型：", "itn", "int"),
        ("writing nav.xhtml file...", "正在写入 nav_xhtml 文件……", "nav_xhtml", "nav.xhtml"),
        ("writing toc.ncx file...", "正在写入 toc.ncz 文件……", "toc.ncz", "toc.ncx"),
    ],
)
def test_a_slip_in_short_code_or_a_dotted_name_is_changed_code(source, target, span, suggestion):
    (finding,) = run(CodeMismatch, source, target)
    assert finding.severity == Severity.MAJOR
    assert finding.locations[0].text == span and finding.suggestion == suggestion


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("writing nav.xhtml file...", "正在写入 nav.xhtml 文件……"),
        # another case of the same word; two letters apart; abbreviations and names are no dotted code
        ("For example, when using GraphQL you normally perform all the actions using only `POST` operations.",
         "比如，当使用 GraphQL 时通常你所有的动作都通过 `post` 一种方法执行。"),
        ("* Validate that there is an `item_id` in the path for `GET` and `PUT` requests.",
         "* 校验 `GET` 和 `PUT` 请求的路径中是否含有 `item_id`，而不是 `SETS`。"),
        ("Please enter a file suffix, e.g. '.rst' or '.txt'.", "请输入文件后缀，例如：“.rst”或者“.txt”。"),
        ("It runs on Node.js, e.g. in a browser.", "它运行在 Node.js 上，例如浏览器中。"),
    ],
)
def test_short_code_and_dotted_names_kept_or_other_do_not_fire(source, target):
    assert [f for f in run(CodeMismatch, source, target) if f.severity is Severity.MAJOR] == []


def test_a_span_differing_only_in_spacing_is_no_changed_code_beside_a_case_variant():
    # FastAPI's security docs: `Bearer ` (with its space) is written `Bearer`, beside `bearer`
    source = "* `bearer`: a header `Authorization` with a value of `Bearer ` plus a token."
    target = "* `bearer`: 一个值为 `Bearer` 加令牌字符串的 `Authorization` 请求头。"
    assert run(CodeMismatch, source, target) == []


def test_a_url_changed_here_is_found_though_the_document_has_it_far_away():
    # the changed form is another URL of the source, many sentences away: not a moved sentence
    filler_en = [f"Sentence {k} says nothing of links." for k in range(8)]
    filler_zh = [f"第 {k} 句不提链接。" for k in range(8)]
    source = ["Read https://example.org/gen/92 first.", *filler_en, "Then read https://example.org/gen/93."]
    target = ["先读 https://example.org/gen/93。", *filler_zh, "再读 https://example.org/gen/93。"]
    (finding,) = run(UrlMismatch, source, target)
    assert finding.suggestion == "https://example.org/gen/92"


SLIPS = Path(__file__).resolve().parent / "data" / "sharding" / "slips.po"


def test_shards_of_a_file_find_what_the_whole_file_finds():
    """A pair of forms and a name's two spellings are one finding across units; a copied slip
    is left to the source (Pytorch), a near miss that is a second spelling is reported once
    (Github), and a word the source writes in another unit is no slip (Rlcone)."""
    found = assert_shards_agree(EntityMismatch, SLIPS, (1, 7, 60), spec=FakeEncoder)
    assert assert_steps_agree(EntityMismatch, SLIPS)  # and in the check's own order
    forms = [(f["locations"][0]["document"], f["suggestion"], len(f["locations"])) for f in found]
    assert forms == [("d1", "GitHub", 3), ("d1", "OpenAI", 6), ("d1", "Gemini", 4),
                     ("d0", "OpenAI", 9), ("d0", "FastAPI", 2), ("d0", "PyTorch", 2)]


@pytest.mark.parametrize("name", ["realworld/sphinx-po/sphinx.po", "realworld/rclone-xliff/messages.zh-CN.xlf",
                                  "formats/memory.tmx", "formats/messages.po", "formats/ui-2.0.xlf"])
def test_steps_over_shards_of_shipped_files_give_the_whole_files_findings(name):
    assert_steps_agree(EntityMismatch, SLIPS.parent.parent / name)
