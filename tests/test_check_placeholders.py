"""placeholder-mismatch: rows that must fire and traps that must not, on plain text and on files."""

from pathlib import Path

import pytest

from checker.checks.placeholders import PlaceholderMismatch, extract
from checker.model import Corpus, Role
from checker.readers import Bilingual, read
from tests.fixtures.corpus import make_corpus
from tests.fixtures.po import po_corpus
from tests.fixtures.xliff import xliff_corpus

DATA = Path(__file__).parent / "data" / "formats"


def _run(source: str, target: str) -> list:
    return list(PlaceholderMismatch().run(make_corpus([source], [target])))


@pytest.mark.parametrize(
    ("source", "target", "needle"),
    [
        ("Delete %(count)d files from %(folder)s?", "从 %(文件夹)s 删除 %(count)d 个文件？",
         "'%(文件夹)s' where the source has the placeholder '%(folder)s'"),
        ("%s has %d items", "%d 个项目属于 %s", "another order"),
        ("Hello {name}", "你好，｛name｝", "'{name}' of the source is missing"),  # full-width braces
        ("Hello {name}", "你好，{名字}", "'{名字}' where the source has the placeholder '{name}'"),
        ("Hi {{user}}!", "你好 {{用户}}！", "'{{用户}}' where"),
        ("Value: %ld", "值：%d", "'%d' where the source has the placeholder '%ld'"),
        ("Saved %s.", "已保存。", "'%s' of the source is missing"),
        ("Saved.", "已保存 %s。", "'%s' in zh-a.txt is not a placeholder"),
        ("Page {0} of {1}", "第 {0} 页", "'{1}' of the source is missing"),
        ("{count, plural, one {# file} other {# files}}", "{count, plural, 一 {# 个文件} 其他 {# 个文件}}",
         "no 'other' branch"),
        ("{count, plural, one {# file} other {# files}}", "{count, 复数, other {# 个文件}}",
         "where the source has the placeholder '{count, plural"),
        ("{n, plural, other {# files in {folder}}}", "{n, plural, other {# 个文件}}",
         "'{folder}' of the source is missing"),
        ("%s and %s", "%1$s 和 %1$s", "'%s' of the source is missing"),  # the second value is lost
    ],
)
def test_fires(source: str, target: str, needle: str) -> None:
    findings = _run(source, target)
    assert findings, (source, target)
    assert any(needle in f.message for f in findings), [f.message for f in findings]
    assert all(f.check == "placeholder-mismatch" for f in findings)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("%s has %d items", "%2$d 个项目属于 %1$s"),  # reordered the allowed way
        ("Welcome back, {name}! You have {count} new messages.", "您有 {count} 条新消息，{name}，欢迎回来！"),
        ("{count, plural, one {# file} other {# files}}", "{count, plural, other {# 个文件}}"),  # zh: other only
        ("Hi {{user}}!", "你好 {{ user }}！"),
        ("Save %.2f%% now", "立省 %.2f%%"),
        ("50% of users", "50%的用户"),  # a percentage, not printf
        ("Growth of 20% each year", "每年增长 20%"),
        ("See https://x.com/a%20b%2Fc", "见 https://x.com/a%20b%2Fc"),  # %2F in a URL
        ("Use `{name}` here", "这里用 `{nom}`"),  # code spans are code-mismatch's business
        ('The JSON is {"a": 1}', '该 JSON 为 {"a": 1}'),
        ("Welcome, {name}. {name} is set.", "欢迎，{name}。"),  # a named one said once is still there
        ("No placeholders here.", "这里没有占位符。"),
        ("{0} or {0}", "{0}"),
        ("%s: %s", "%2$s：%1$s"),
    ],
)
def test_does_not_fire(source: str, target: str) -> None:
    assert _run(source, target) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("%s %d %%", ["%s", "%d"]),
        ("%1$s and %(name)s and %-5.2f", ["%1$s", "%(name)s", "%-5.2f"]),
        ("{name} {0} {} {price:.2f}", ["{name}", "{0}", "{}", "{price:.2f}"]),
        ("{{ var }} and {{#each items}}", ["{{ var }}", "{{#each items}}"]),
        ("100%", []),
        ("50%off and %self", []),
        ("{not a placeholder}", []),
    ],
)
def test_extract(text: str, found: list[str]) -> None:
    assert [p.text for p in extract(text)] == found


def _corpus(b: Bilingual) -> Corpus:
    return Corpus(b.source, (b.target,), {(b.source.id, b.target.id): b.alignment})


def test_on_a_po_file_each_problem_is_found_once_at_its_unit() -> None:
    b = read(DATA / "messages.po", doc_id="d0", role=Role.SOURCE)
    assert isinstance(b, Bilingual)
    findings = list(PlaceholderMismatch().run(_corpus(b)))
    keys = sorted(b.source.segments[f.locations[1].segments[0]].key or "" for f in findings
                  if f.locations[0].document == "d1")
    assert keys == ["%s of %d done", "Delete %(count)d files from %(folder)s?"]
    renamed = next(f for f in findings if "文件夹" in f.message)
    assert (renamed.locations[0].line, renamed.locations[0].text) == (28, "%(文件夹)s")


def test_gettext_plural_forms_may_use_either_msgid(tmp_path: Path) -> None:
    po = tmp_path / "ru.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Plural-Forms: nplurals=3; plural=0;\\n"\n\n'
        '#, c-format\nmsgid "One file"\nmsgid_plural "%d files"\n'
        'msgstr[0] "%d файл"\nmsgstr[1] "%d файла"\nmsgstr[2] "файлов"\n',
        encoding="utf-8",
    )
    b = read(po, doc_id="d0", role=Role.SOURCE)
    assert isinstance(b, Bilingual)
    findings = list(PlaceholderMismatch().run(_corpus(b)))
    # msgstr[0] may show the number the singular leaves out; msgstr[2] must keep it.
    assert [f.locations[1].segments for f in findings] == [(2,)]
    assert "'%d' of the source is missing" in findings[0].message


def test_xliff_icu_plural_collapsing_to_other_is_fine() -> None:
    b = read(DATA / "ui-2.0.xlf", doc_id="d0", role=Role.SOURCE)
    assert isinstance(b, Bilingual)
    assert list(PlaceholderMismatch().run(_corpus(b))) == []


def test_check_is_documented() -> None:
    doc = PlaceholderMismatch.doc()
    for section in ("What it does", "Why is this bad?", "Example"):
        assert section in doc
    assert PlaceholderMismatch.id == "placeholder-mismatch"


# Real messages of a Python project's zh_CN catalogue (sphinx): the flags say what is a format.
@pytest.mark.parametrize(
    ("flags", "msgid", "msgstr"),
    [
        ("python-format", "%.3fs %s", "%.3f 秒 %s"),  # %.3f, then the letter s (seconds)
        ("python-format", "Total time reading %d file%s: %dm %.3fs", "读取 %d 文件%s 的总时长：%d 分 %.3f 秒"),
        ("python-format", "The %s extension used by this project needs at least Sphinx v%s; it "
         "therefore cannot be built with this version.", "该项目所用扩展 %s 需要 Sphinx %s 或以上版本；当前版本无法构建文档。"),
        ("python-brace-format", "The config value `{name}` has to be a one of {candidates}, but "
         "`{current}` is given.", "配置项“{name}”的值只能在“{candidates}”中选取，而当前给定的值是“{current}”。"),
        ("python-brace-format", "The config value `{name}' has type `{current.__name__}'; expected "
         "{permitted}.", "配置项“{name}”的值被配置成“{current.__name__}”类型，应为{permitted}。"),
    ],
)
def test_format_flags_and_quoting_are_understood(tmp_path: Path, flags: str, msgid: str, msgstr: str) -> None:
    assert list(PlaceholderMismatch().run(po_corpus(tmp_path, [(flags, msgid, msgstr)]))) == []


@pytest.mark.parametrize(
    ("flags", "msgid", "msgstr", "needle"),
    [
        ("python-format", "%.3fs %s", "%.3f 秒", "'%s' of the source is missing"),
        ("python-format", "Total time reading %d file%s: %dm %.3fs", "读取 %d 文件的总时长：%d 分 %.3f 秒",
         "'%s' of the source is missing"),
        ("python-brace-format", "The config value `{name}` has to be a one of {candidates}.",
         "配置项“{名称}”的值只能在“{candidates}”中选取。", "'{名称}' where the source has the placeholder '{name}'"),
    ],
)
def test_format_flags_still_find_what_is_lost(tmp_path: Path, flags: str, msgid: str, msgstr: str,
                                              needle: str) -> None:
    findings = list(PlaceholderMismatch().run(po_corpus(tmp_path, [(flags, msgid, msgstr)])))
    assert any(needle in f.message for f in findings), [f.message for f in findings]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Reading duration %.3fs exceeded the duration limit %.3fs", ["%.3f", "%.3f"]),
        ("needs at least Sphinx v%s", ["%s"]),
        ("5%s and 50%d", []),  # after a digit: a percent sign
    ],
)
def test_extract_without_flags(text: str, found: list[str]) -> None:
    assert [p.text for p in extract(text)] == found


def test_printf_flag_reads_every_conversion() -> None:
    assert [p.text for p in extract("%dm %.3fs", printf=True)] == ["%d", "%.3f"]
    assert [p.text for p in extract("%dm %.3fs")] == ["%.3f"]


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        # Angular's equiv-text is the inline element's: a lost <x/> is tag-mismatch's alone.
        ('Selected <x id="INTERPOLATION" equiv-text="{{ selection.selected.length }}"/> items',
         "已选择项目", False),
        ('Selected <x id="INTERPOLATION" equiv-text="{{ n }}"/> of {total} items', "已选择项目", True),
    ],
)
def test_xliff_inline_attributes_are_not_placeholders(tmp_path: Path, source: str, target: str,
                                                      fires: bool) -> None:
    from xml.sax.saxutils import escape

    findings = list(PlaceholderMismatch().run(xliff_corpus(tmp_path, source, escape(target))))
    assert bool(findings) is fires, [f.message for f in findings]


def test_no_format_flags_say_there_is_no_placeholder(tmp_path: Path) -> None:
    rows = [("no-c-format", "Write %d in the template for the day", "在模板中用“日”表示日期"), ("no-python-brace-format", "Use {name} literally", "照原样使用")]
    assert list(PlaceholderMismatch().run(po_corpus(tmp_path, rows))) == []
    rows = [("c-format", "Disk %d full", "磁盘已满")]
    assert list(PlaceholderMismatch().run(po_corpus(tmp_path, rows)))
