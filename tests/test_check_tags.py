"""tag-mismatch: rows that must fire and traps that must not, on plain text and on files."""

from pathlib import Path

import pytest

from checker.checks.tags import CodeBlockMismatch, TagMismatch, extract, nesting_error
from checker.model import Corpus, Role, Severity
from checker.readers import Bilingual, read
from tests.fixtures.corpus import make_corpus
from tests.fixtures.po import po_corpus
from tests.fixtures.xliff import xliff_corpus
from tests.sharding import assert_shards_agree
from tests.test_gate import FakeEncoder

DATA = Path(__file__).parent / "data" / "formats"


def _run(source: str, target: str) -> list:
    return list(TagMismatch().run(make_corpus([source], [target])))


@pytest.mark.parametrize(
    ("source", "target", "needles"),
    [
        ('Click <b>Save</b> to keep <x id="1"/> changes.', "点击<b>保存</b以保留更改。",
         ["'</b>' of the source is missing", "'<x id=\"1\"/>' of the source is missing"]),
        ('<g id="1">Bold</g>', '<g id="2">粗体</g>', ["changes the tag '<g id=\"1\">' to '<g id=\"2\">'"]),
        ("<b><i>x</i></b>", "<b><i>x</b></i>", ["do not nest properly at '</b>'"]),
        ("Plain text.", "<i>斜体</i>文本。", ["adds the tag '<i>'"]),
        ('Read <a href="/en/terms">the terms</a>.', '阅读<a href="/en/term">条款</a>。',
         ["changes the tag"]),
        ("See [the guide](./setup.md#install).", "见[指南](./setup.md#安装)。",
         ["changes the link target './setup.md#install' to './setup.md#安装'"]),
        ("A <b>bold</b> move.", "大胆的举动。", ["'<b>' of the source is missing"]),
        # a relative link written as the URL of another page is no longer the same link
        ("See [the guide](../advanced/index.md).", "见[指南](https://fastapi.tiangolo.com/tutorial/)。",
         ["'../advanced/index.md' of the source is missing"]),
        ("See [the guide](../advanced/index.md).", "你可以在**高级用户指南**中了解更多。",
         ["'../advanced/index.md' of the source is missing"]),
    ],
)
def test_fires(source: str, target: str, needles: list[str]) -> None:
    findings = _run(source, target)
    messages = [f.message for f in findings]
    assert len(findings) == len(needles), messages
    for needle in needles:
        assert any(needle in m for m in messages), messages
    assert all(f.check == "tag-mismatch" and f.category.value == "markup" for f in findings)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Click <b>Save</b> now.", "现在点击<b>保存</b>。"),
        ('<g id="1">Bold</g> and <x id="2"/>', '<x id="2"/>和<g id="1">粗体</g>'),  # moved, not lost
        ("if a < b and c > d", "如果 a < b 且 c > d"),  # comparisons are not tags
        ("See <https://x.com>", "见 <https://x.com>"),  # an autolink
        ("Write to <me@x.com>", "写信给 <me@x.com>"),
        ("Line<br>break", "换行<br/>了"),  # <br> and <br/> are the same void element
        ("Use `<div>` here", "这里用 `<span>`"),  # code spans are code
        ("See [the guide](https://x.com/en).", "见[指南](https://x.com/zh)。"),  # URLs: url-mismatch
        ("Note <!-- keep --> this.", "注意这个。"),  # comments are not inline tags
        ('Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>.',
         '按<bpt i="1">&lt;b&gt;</bpt>确定<ept i="1">&lt;/b&gt;</ept>。'),
        # FastAPI's docs: an absolute URL, localized or changed, is url-mismatch's (one finding)
        ('see the <a href="https://fastapi.tiangolo.com/tutorial/">Tutorial - User Guide</a>.',
         '<a href="https://fastapi.tiangolo.com/zh/tutorial/">教程 - 用户指南</a> 中有包含更多特性的更完整示例。'),
        ('<a href="https://www.python-httpx.org" class="external-link" target="_blank">HTTPX</a>',
         '<a href="https://www.encode.io/httpx/" class="external-link" target="_blank">HTTPX</a>'),
        # a translated attribute value (FastAPI's index.md)
        ('support form <abbr title="converting the string that comes from an HTTP request into Python data">'
         '"parsing"</abbr>',
         '对表单进行<abbr title="将来自 HTTP 请求中的字符串转换为 Python 数据类型">「解析」</abbr>时安装'),
        # a relative link written as the site's URL of the same page, in HTML or in Markdown
        ('check out the section _"In a hurry?"_ in the docs about '
         '[`async` and `await`](../async.md#in-a-hurry){.internal-link target=_blank}.',
         '请参阅**急不可待？**一节中对 <a href="https://fastapi.tiangolo.com/async/#in-a-hurry" target="_blank" '
         'class="internal-link">`async` 与 `await`</a> 的说明；'),
        ('see [Async: *"In a hurry?"*](../async.md#in-a-hurry){.internal-link target=_blank}.',
         '请查阅 [Async: *"In a hurry?"*](https://fastapi.tiangolo.com/async/#in-a-hurry)'
         '{.internal-link target=_blank}。'),
    ],
)
def test_does_not_fire(source: str, target: str) -> None:
    assert _run(source, target) == []


def test_extract_names_tags_by_identity() -> None:
    tags = extract('<g id="1">x</g> <x id="2"/> <a href="/a" title="T">y</a> [z](b.md)')
    assert [t.identity for t in tags] == ['<g id=1>', "</g>", '<x id=2/>', "<a href=/a>", "</a>", "](b.md)"]


def test_nesting() -> None:
    assert nesting_error(extract("<b><i>x</i></b>")) is None
    assert nesting_error(extract("<b>x")).text == "<b>"  # type: ignore[union-attr]


def _corpus(b: Bilingual) -> Corpus:
    return Corpus(b.source, (b.target,), {(b.source.id, b.target.id): b.alignment})


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ui-1.2.xlf", [("save", '<x id="2"/>')]),
        ("ui-2.0.xlf", [("u1/s2", '<ph id="2"/>')]),
        ("memory.tmx", [("2", '<bpt i="1">'), ("2", '<ept i="1">')]),
        ("messages.po", [("Click <b>Save</b> to keep your work.", "</b>")]),
    ],
)
def test_on_bilingual_files(name: str, expected: list[tuple[str, str]]) -> None:
    b = read(DATA / name, doc_id="d0", role=Role.SOURCE)
    assert isinstance(b, Bilingual)
    findings = list(TagMismatch().run(_corpus(b)))
    got = [(b.source.segments[f.locations[0].segments[0]].key, f.locations[0].text) for f in findings]
    assert got == expected


def test_markdown_pair_through_the_check() -> None:
    en = read(DATA / "guide-en.md", doc_id="d0", role=Role.SOURCE)
    zh = read(DATA / "guide-zh.md", doc_id="d1", role=Role.TRANSLATION)
    from checker.model import Alignment, Link

    # The two guides have the same structure, segment for segment.
    links = tuple(Link((i,), (i,)) for i in range(len(en.segments)))  # type: ignore[union-attr]
    corpus = Corpus(en, (zh,), {("d0", "d1"): Alignment("d0", "d1", links)})  # type: ignore[arg-type]
    findings = list(TagMismatch().run(corpus))
    assert [f.locations[0].text for f in findings] == ["./setup-zh.md#install"]


def _markdown_pair(tmp_path: Path, en_text: str, zh_text: str) -> Corpus:
    """Two Markdown files of the same structure, linked block for block."""
    from checker.model import Alignment, Link

    (tmp_path / "en.md").write_text(en_text, encoding="utf-8")
    (tmp_path / "zh.md").write_text(zh_text, encoding="utf-8")
    en = read(tmp_path / "en.md", doc_id="d0", role=Role.SOURCE, lang="en")
    zh = read(tmp_path / "zh.md", doc_id="d1", role=Role.TRANSLATION, lang="zh")
    assert len(en.segments) == len(zh.segments)  # type: ignore[union-attr]
    links = tuple(Link((i,), (i,), 0.9) for i in range(len(en.segments)))  # type: ignore[union-attr]
    return Corpus(en, (zh,), {("d0", "d1"): Alignment("d0", "d1", links)})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("zh_anchor", "fires"),
    [
        ("#_2", False),  # the id MkDocs gives the translated heading '## 性能' (the second with no ASCII)
        ("#performance", False),
        ("#_1", True),  # the id of '## 评价', another heading
        ("#perfomance", True),
    ],
)
def test_an_anchor_follows_its_translated_heading(tmp_path: Path, zh_anchor: str, fires: bool) -> None:
    en = "Fast: [One of the fastest Python frameworks available](#performance).\n\n## Opinions\n\n## Performance\n"
    zh = f"快速：[最快的 Python web 框架之一]({zh_anchor})。\n\n## 评价\n\n## 性能\n"
    findings = list(TagMismatch().run(_markdown_pair(tmp_path, en, zh)))
    assert [f.locations[0].text for f in findings] == ([zh_anchor] if fires else [])


def test_an_explicit_heading_id_is_an_anchor(tmp_path: Path) -> None:
    en = "See [the numbers](#performance).\n\n## Performance { #performance }\n"
    zh = "见[数字](#perf)。\n\n## 性能 { #perf }\n"
    assert list(TagMismatch().run(_markdown_pair(tmp_path, en, zh))) == []


def test_tags_in_code_blocks_are_code(tmp_path: Path) -> None:
    """Terminal output coloured with <font> in a console block (FastAPI's first-steps.md)."""
    en = 'Run:\n\n```console\n$ <font color="#4E9A06">fastapi</font> dev <u>main.py</u>\n```\n'
    zh = "运行：\n\n```console\n$ uvicorn main:app --reload\n```\n"
    assert list(TagMismatch().run(_markdown_pair(tmp_path, en, zh))) == []


_MULTIPART = ('<a href="https://github.com/Kludex/python-multipart" target="_blank"><code>python-multipart</code></a>'
              ' - Required if you want to support form parsing.')
_MULTIPART_ZH = ('<a href="https://github.com/Kludex/python-multipart" target="_blank"><code>python-multipart</code>'
                 '</a> - 需要通过 `request.form()` 对表单进行「解析」时安装。')
_ITSDANGEROUS_ZH = ('<a href="https://pythonhosted.org/itsdangerous/" target="_blank"><code>itsdangerous</code></a>'
                    ' - 需要 `SessionMiddleware` 支持时安装。')


def test_a_merged_list_item_of_a_stale_translation_is_no_added_tag() -> None:
    """The aligner merged a list item the source no longer has into its neighbour's link."""
    corpus = make_corpus([_MULTIPART], [_MULTIPART_ZH, _ITSDANGEROUS_ZH], links=[[((0,), (0, 1))]])
    assert list(TagMismatch().run(corpus)) == []


def test_a_tag_lost_in_two_sentences_of_one_paragraph_is_still_found() -> None:
    from checker.model import Alignment, Document, Link, Segment

    en = Document("d0", Role.SOURCE, "en.md", "en", (Segment(0, "A <b>bold</b> move.", 0),))
    zh = Document("d1", Role.TRANSLATION, "zh.md", "zh",
                  (Segment(0, "大胆的举动。", 0), Segment(1, "<code>x</code> 很好。", 0)))
    corpus = Corpus(en, (zh,), {("d0", "d1"): Alignment("d0", "d1", (Link((0,), (0, 1), 0.9),))})
    messages = [f.message for f in TagMismatch().run(corpus)]
    assert len(messages) == 2 and "'<b>' of the source is missing" in messages[0], messages


def _code_pair(tmp_path: Path, en_code: str, zh_code: str) -> list:
    from checker.checks.tags import CodeBlockMismatch
    from checker.model import Alignment, Link

    (tmp_path / "en.md").write_text(f"Run this:\n\n```sh\n{en_code}\n```\n", encoding="utf-8")
    (tmp_path / "zh.md").write_text(f"运行：\n\n```sh\n{zh_code}\n```\n", encoding="utf-8")
    en = read(tmp_path / "en.md", doc_id="d0", role=Role.SOURCE, lang="en")
    zh = read(tmp_path / "zh.md", doc_id="d1", role=Role.TRANSLATION, lang="zh")
    links = (Link((0,), (0,)), Link((1,), (1,)))
    corpus = Corpus(en, (zh,), {("d0", "d1"): Alignment("d0", "d1", links)})  # type: ignore[arg-type]
    return list(CodeBlockMismatch().run(corpus))


@pytest.mark.parametrize(
    ("en_code", "zh_code", "line", "text"),
    [
        ("acme init --name demo", "acme init --name 演示", 4, "acme init --name 演示"),
        ("pip install acme\nacme run", "pip install acme\nacme start", 5, "acme start"),
        ("<div>x</div>", "<span>x</span>", 4, "<span>x</span>"),  # HTML code: the tags are the code
        ("cd app\nmake", "cd app", 4, "cd app"),  # a line lost: the whole block is pointed at
        # another file included (FastAPI's classes-as-dependencies.md, a stale translation)
        ("{!> ../../../docs_src/dependencies/tutorial001_an_py310.py!}",
         "{!> ../../../docs_src/dependencies/tutorial001_py310.py!}", 4,
         "{!> ../../../docs_src/dependencies/tutorial001_py310.py!}"),
    ],
)
def test_code_block_changes_fire(tmp_path: Path, en_code: str, zh_code: str, line: int, text: str) -> None:
    findings = _code_pair(tmp_path, en_code, zh_code)
    assert len(findings) == 1
    assert (findings[0].locations[0].line, findings[0].locations[0].text) == (line, text)


@pytest.mark.parametrize(
    ("en_code", "zh_code"),
    [
        ("acme init --name demo", "acme init --name demo"),
        ("# install the tool\npip install acme  # quietly", "# 安装工具\npip install acme  # 安静地"),
        ("x = 1  // the answer\n/* block\ncomment */\ny = 2", "x = 1  // 答案\n/* 块\n注释 */\ny = 2"),
        ("a  =  1", "a = 1"),  # spacing only
        # the same file included, with or without a flag (FastAPI's response-model.md)
        ("{!> ../../../docs_src/response_model/tutorial002.py!}",
         "{!../../../docs_src/response_model/tutorial002.py!}"),
        # terminal output coloured with tags on one side only (FastAPI's first-steps.md)
        ('$ <font color="#4E9A06">fastapi</font> dev <u style="text-decoration-style:single">main.py</u>',
         "$ fastapi dev main.py"),
    ],
)
def test_code_block_comments_may_be_translated(tmp_path: Path, en_code: str, zh_code: str) -> None:
    assert _code_pair(tmp_path, en_code, zh_code) == []


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        # An Angular ICU plural: Chinese keeps only `other`, with its one tag (rclone-webui).
        ('{VAR_PLURAL, plural, one {<x id="INTERPOLATION"/> item} other {<x id="INTERPOLATION"/> items}}',
         '{VAR_PLURAL, plural, other {<x id="INTERPOLATION"/> 个项目}}', False),
        ('{VAR_PLURAL, plural, one {<x id="INTERPOLATION"/> item} other {<x id="INTERPOLATION"/> items}}',
         "{VAR_PLURAL, plural, other {个项目}}", True),
        ('{VAR_PLURAL, plural, other {<x id="INTERPOLATION"/> of <x id="INTERPOLATION_1"/>}}',
         '{VAR_PLURAL, plural, other {<x id="INTERPOLATION"/> 个}}', True),
    ],
)
def test_icu_branches_in_xliff(tmp_path: Path, source: str, target: str, fires: bool) -> None:
    findings = list(TagMismatch().run(xliff_corpus(tmp_path, source, target)))
    assert bool(findings) is fires, [f.message for f in findings]


@pytest.mark.parametrize(
    ("msgid", "msgstr", "fires"),
    [
        # Command-line metavariables are text in a catalogue: translated, or their brackets changed.
        ("usage: pip download [options] <requirement specifier> [<package>...]",
         "用法：pip download [选项] <需求说明符> [<软件包>...]", False),
        ("Install <package> from <url>.", "从 ‹网址> 安装 ‹软件包名>。", False),
        ("{0} [OPTIONS] <COMMAND> [<ARGS>]", "{0} [OPTIONS] <COMMAND> [<ARGS>]", False),
        # Markup in a catalogue shows itself: closed, or with attributes.
        ("Click <b>Save</b> now.", "现在点击保存。", True),
        # a lost link is url-mismatch's (one finding per problem), major in a keyed unit
        ('See <a href="https://example.com">the docs</a>.', "见文档。", False),
        ("Press <b>Save</b>.", "按<b>保存。", True),
    ],
)
def test_metavariables_in_a_po_file_are_not_tags(tmp_path: Path, msgid: str, msgstr: str, fires: bool) -> None:
    findings = list(TagMismatch().run(po_corpus(tmp_path, [("", msgid, msgstr)])))
    assert bool(findings) is fires, [f.message for f in findings]


def test_a_link_lost_from_a_catalogue_entry_is_one_major_url_finding(tmp_path: Path) -> None:
    from checker.checks.technical import UrlMismatch

    corpus = po_corpus(tmp_path, [("", 'See <a href="https://example.com">the docs</a>.', "见文档。")])
    assert list(TagMismatch().run(corpus)) == []
    (finding,) = UrlMismatch().run(corpus)
    assert finding.severity is Severity.MAJOR and "https://example.com" in finding.message


def _blocks_corpus(tmp_path: Path, en_blocks: list[str], zh_blocks: list[str], links: list) -> Corpus:
    from checker.model import Alignment, Link

    (tmp_path / "en.md").write_text("".join(f"```Python\n{b}\n```\n\n" for b in en_blocks), encoding="utf-8")
    (tmp_path / "zh.md").write_text("".join(f"```Python\n{b}\n```\n\n" for b in zh_blocks), encoding="utf-8")
    en = read(tmp_path / "en.md", doc_id="d0", role=Role.SOURCE, lang="en")
    zh = read(tmp_path / "zh.md", doc_id="d1", role=Role.TRANSLATION, lang="zh")
    alignment = Alignment("d0", "d1", tuple(Link(tuple(a), tuple(b), 0.9 if a and b else None) for a, b in links))
    return Corpus(en, (zh,), {("d0", "d1"): alignment})  # type: ignore[arg-type]


def test_a_block_copied_exactly_is_no_change_wherever_it_was_aligned(tmp_path: Path) -> None:
    """A page with fewer code blocks: the aligner paired its block with the source's first one."""
    from checker.checks.tags import CodeBlockMismatch

    one = "{!> ../../../docs_src/schema_extra_example/tutorial001_py310.py!}"
    two = "{!> ../../../docs_src/schema_extra_example/tutorial002_py310.py!}"
    corpus = _blocks_corpus(tmp_path, [one, two], [two], [((0,), (0,)), ((1,), ())])
    assert list(CodeBlockMismatch().run(corpus)) == []


def test_a_repeated_block_changed_once_is_still_found(tmp_path: Path) -> None:
    from checker.checks.tags import CodeBlockMismatch

    block, changed = "pip install fastapi", "pip install fastap"
    corpus = _blocks_corpus(tmp_path, [block, block], [block, changed], [((0,), (0,)), ((1,), (1,))])
    (finding,) = CodeBlockMismatch().run(corpus)
    assert finding.data["target_line"] == changed


@pytest.mark.parametrize(
    ("en_block", "zh_block"),
    [
        ("$ fastapi dev main.py\nINFO: http://127.0.0.1:8000/docs", "$ uvicorn main:app --reload\nINFO: http://127.0.0.1:8000"),
        ("fastapi[standard]>=0.112.0,<0.113.0", "fastapi>=0.45.0,<0.46.0"),  # FastAPI's zh versions.md, stale
    ],
)
def test_a_changed_code_block_is_one_finding(tmp_path: Path, en_block: str, zh_block: str) -> None:
    """code-block-mismatch reports the block; the checks of items in a sentence leave it to it."""
    from checker.checks.numbers import NumberMismatch
    from checker.checks.tags import CodeBlockMismatch
    from checker.checks.technical import CodeMismatch, UrlMismatch

    corpus = _blocks_corpus(tmp_path, [en_block], [zh_block], [((0,), (0,))])
    checks = (CodeBlockMismatch, CodeMismatch, UrlMismatch, NumberMismatch)
    assert [f.check for c in checks for f in c().run(corpus)] == ["code-block-mismatch"]


@pytest.mark.parametrize("name", ["memory.tmx", "messages.po", "ui-1.2.xlf", "ui-2.0.xlf"])
def test_tag_mismatch_shard_by_shard(name: str) -> None:
    """Each unit's tags against its own translation's: shards find what the whole file finds."""
    assert assert_shards_agree(TagMismatch, DATA / name, (1, 2, 7), spec=FakeEncoder)


@pytest.mark.parametrize("name", ["memory.tmx", "messages.po", "ui-1.2.xlf"])
def test_code_blocks_are_markdown_only(name: str) -> None:
    """code-block-mismatch matches blocks across a whole document, but units of a bilingual file
    are never code blocks: shards, like the whole file, have none to compare."""
    b = read(DATA / name, doc_id="d0", role=Role.SOURCE)
    assert isinstance(b, Bilingual)
    assert not [s for doc in (b.source, b.target) for s in doc.segments if s.kind == "code"]
    assert assert_shards_agree(CodeBlockMismatch, DATA / name, (1, 7), spec=FakeEncoder) == []
