"""tag-mismatch: rows that must fire and traps that must not, on plain text and on files."""

from pathlib import Path

import pytest

from checker.checks.tags import TagMismatch, extract, nesting_error
from checker.model import Corpus, Role
from checker.readers import Bilingual, read
from tests.fixtures.corpus import make_corpus
from tests.fixtures.po import po_corpus

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
        ("cd app\nmake", "cd app", 4, "cd app"),  # a line lost: the whole block is pointed at
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
    ],
)
def test_code_block_comments_may_be_translated(tmp_path: Path, en_code: str, zh_code: str) -> None:
    assert _code_pair(tmp_path, en_code, zh_code) == []


_XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="zh-CN" datatype="plaintext" original="ng2.template">
    <body>
      <trans-unit id="items">
        <source>{source}</source>
        <target>{target}</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


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
    path = tmp_path / "messages.zh-CN.xlf"
    path.write_text(_XLIFF.replace("{source}", source).replace("{target}", target), encoding="utf-8")
    b = read(path, doc_id="d0", role=Role.SOURCE)
    assert isinstance(b, Bilingual)
    findings = list(TagMismatch().run(Corpus(b.source, (b.target,), {(b.source.id, b.target.id): b.alignment})))
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
        ('See <a href="https://example.com">the docs</a>.', "见文档。", True),
        ("Press <b>Save</b>.", "按<b>保存。", True),
    ],
)
def test_metavariables_in_a_po_file_are_not_tags(tmp_path: Path, msgid: str, msgstr: str, fires: bool) -> None:
    findings = list(TagMismatch().run(po_corpus(tmp_path, [("", msgid, msgstr)])))
    assert bool(findings) is fires, [f.message for f in findings]
