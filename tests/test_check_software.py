"""printf-width, edge-whitespace, usage-brackets, call-parens: rows that must fire and must not.

The rows are messages of real catalogues (sphinx's zh_CN, pip's and apt's help text), read from
a gettext file so that flags and the whitespace around each message are the file's.
"""

from pathlib import Path

import pytest

from checker.checks.software import CallParens, EdgeWhitespace, PrintfWidth, UsageBrackets
from tests.fixtures.corpus import make_corpus
from tests.fixtures.po import po_corpus


def _po(tmp_path: Path, check, flags: str, msgid: str, msgstr: str) -> list:
    return list(check().run(po_corpus(tmp_path, [(flags, msgid, msgstr)])))


@pytest.mark.parametrize(
    ("msgid", "msgstr", "fires"),
    [
        ("%.50s... (truncated)", "%.250s……（已截断）", True),
        ("Price: {price:.2f}", "价格：{price:.1f}", True),
        ("%-10s %s", "%10s %s", False),  # the flag may change, the width stays: alignment is kept
        ("%.50s... (truncated)", "%.50s……（已截断）", False),
        ("%.3fs %s", "%.3f 秒 %s", False),
        ("%(count)5d files", "%(count)5d 个文件", False),
    ],
)
def test_printf_width(tmp_path: Path, msgid: str, msgstr: str, fires: bool) -> None:
    findings = _po(tmp_path, PrintfWidth, "python-format", msgid, msgstr)
    assert bool(findings) is fires, [f.message for f in findings]


@pytest.mark.parametrize(
    ("msgid", "msgstr", "fires"),
    [
        ("  The Sphinx documentation generator.", "Sphinx 文档生成器。", True),  # indent cut
        ("  The Sphinx documentation generator.", " Sphinx 文档生成器。", True),  # two spaces to one
        ("Options:\n ", "选项：", True),  # the trailing newline runs the next message on
        ("\nDone.", "完成。", True),
        ("  The Sphinx documentation generator.", "  Sphinx 文档生成器。", False),
        ("reading sources... ", "正在读取源文件……", False),  # full-width marks need no space
        ("updating environment: ", "正在更新环境：", False),
        (" (deprecated)", "（已弃用）", False),
        ("file %r given on command line does not exist, ", "命令行给定的文件 %r 不存在", False),
        ("Options:\n", "选项：\n", False),
    ],
)
def test_edge_whitespace(tmp_path: Path, msgid: str, msgstr: str, fires: bool) -> None:
    findings = _po(tmp_path, EdgeWhitespace, "", msgid, msgstr)
    assert bool(findings) is fires, [f.message for f in findings]


def test_edge_whitespace_needs_a_format_that_keeps_it() -> None:
    # Markdown and plain text are stripped by their readers: nothing to compare.
    assert list(EdgeWhitespace().run(make_corpus(["  Indented."], ["缩进。"]))) == []


@pytest.mark.parametrize(
    ("msgid", "msgstr", "fires"),
    [
        ("pip download [options] <requirement specifier> [<package>...]",
         "pip download [选项] <需求说明符> <软件包>...", True),
        ("Usage: apt-cache [options] command", "用法：apt-cache 命令", True),
        ("Usage: %prog [-h] [--verbose] FILE", "用法：%prog [-h] --verbose FILE", True),
        ("pip download [options] <requirement specifier> [<package>...]",
         "pip download [选项] <需求说明符> [<软件包>...]", False),
        ("{0} [OPTIONS] <COMMAND> [<ARGS>]", "{0} [OPTIONS] <COMMAND> [<ARGS>]", False),
        ("loading translations [%s]... ", "正在加载翻译 [%s]…", False),  # no usage syntax
        ("Built with [Chakra UI](https://chakra-ui.com).", "使用 Chakra UI 构建。", False),  # a link
        ("Press [Ctrl] to select more.", "按住 Ctrl 多选。", False),
    ],
)
def test_usage_brackets(tmp_path: Path, msgid: str, msgstr: str, fires: bool) -> None:
    findings = _po(tmp_path, UsageBrackets, "", msgid, msgstr)
    assert bool(findings) is fires, [f.message for f in findings]


@pytest.mark.parametrize(
    ("msgid", "msgstr", "fires"),
    [
        ("%s (in module %s)", "%s()（在 %s 模块中）", True),  # a module variable written as a function
        ("%s() (in module %s)", "%s（在 %s 模块中）", True),
        ("%s() (built-in function)", "%s()（内置函数）", False),
        ("%s (built-in variable)", "%s（内置变量）", False),
        ("Call `setup()` first.", "先调用 `setup`。", False),  # code spans are code-mismatch's
    ],
)
def test_call_parens(tmp_path: Path, msgid: str, msgstr: str, fires: bool) -> None:
    findings = _po(tmp_path, CallParens, "python-format", msgid, msgstr)
    assert bool(findings) is fires, [f.message for f in findings]


@pytest.mark.parametrize("check", [PrintfWidth, EdgeWhitespace, UsageBrackets, CallParens])
def test_checks_are_documented(check) -> None:
    doc = check.doc()
    for section in ("What it does", "Why is this bad?", "Example"):
        assert section in doc


def test_code_blocks_are_left_alone() -> None:
    from checker.model import Alignment, Corpus, Document, Link, Role, Segment

    src = Document("d0", Role.SOURCE, "en.md", "en", (Segment(0, "$ app [--reload] ['/home/user/code']", kind="code"),))
    tgt = Document("d1", Role.TRANSLATION, "zh.md", "zh", (Segment(0, "$ app --reload", kind="code"),))
    corpus = Corpus(src, (tgt,), {("d0", "d1"): Alignment("d0", "d1", (Link((0,), (0,), 0.9),))})
    assert list(UsageBrackets().run(corpus)) == []
