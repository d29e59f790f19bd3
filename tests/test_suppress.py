"""Inline suppression comments in Markdown, and per-file ignores from the config."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.findings.suppress import parse
from checker.gate import run_gate
from checker.gate.config import load_config
from tests.test_gate import FakeEncoder

DATA = Path(__file__).parent / "data" / "formats"

TEXT = """\
# Title

<!-- transcheck-ignore: number-mismatch -->
Para two line one.
Para two line two.

Para three. <!-- transcheck-ignore: spelling, term -->
Para three, second line.

Para four.

<!-- transcheck-ignore -->

Para six.

Para seven.
"""


@pytest.mark.parametrize("check, line, covered", [
    ("number-mismatch", 4, True),       # comment directly above: its paragraph
    ("number-mismatch", 5, True),
    ("number-mismatch", 3, True),       # the comment line itself belongs to the paragraph
    ("number-mismatch", 7, False),      # next paragraph: not covered
    ("spelling", 4, False),             # another check id
    ("spelling", 7, True),              # trailing comment: the paragraph it is in
    ("spelling", 8, True),
    ("term-drift", 7, True),            # ids are prefixes
    ("stray-character", 7, False),
    ("number-mismatch", 10, False),
    ("omission", 14, True),             # a bare comment before a blank line: the next paragraph, all checks
    ("omission", 16, False),
    ("omission", 1, False),
])
def test_comment_covers_its_paragraph(check: str, line: int, covered: bool):
    assert parse(TEXT).covers(check, line) is covered


def test_file_wide_comment_and_no_comment():
    whole = parse("Text.\n\n<!-- transcheck-ignore-file: spelling -->\n")
    assert whole.covers("spelling", 1) and whole.covers("spelling", 99)
    assert not whole.covers("number-mismatch", 1)
    assert not parse("Text with <!-- an ordinary comment --> inside.\n")


def _checks(repo: Path) -> tuple[list[str], int]:
    result = run_gate(load_config(repo / "transcheck.toml"), encoder=FakeEncoder())
    return sorted(f.check for f in result.findings), result.suppressed


def test_inline_comment_in_translation_silences_the_finding(number_repo: Path):
    assert _checks(number_repo) == (["missing-translation", "number-mismatch", "orphan-translation"], 0)
    cache = number_repo / "docs/zh/cache.md"
    text = cache.read_text(encoding="utf-8")
    cache.write_text(text.replace("Orion 缓存默认", "<!-- transcheck-ignore: number -->\nOrion 缓存默认"),
                     encoding="utf-8")
    assert _checks(number_repo) == (["missing-translation", "orphan-translation"], 1)


def test_comment_for_another_check_keeps_the_finding(number_repo: Path):
    cache = number_repo / "docs/zh/cache.md"
    text = cache.read_text(encoding="utf-8")
    cache.write_text(text.replace("Orion 缓存默认", "<!-- transcheck-ignore: spelling -->\nOrion 缓存默认"),
                     encoding="utf-8")
    assert _checks(number_repo)[0].count("number-mismatch") == 1


def test_per_file_ignores_in_config(number_repo: Path):
    config = number_repo / "transcheck.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'exclude = ["docs/en/drafts/**"]',
        'exclude = ["docs/en/drafts/**"]\nper-file-ignores = { "docs/zh/**" = ["number", "orphan"] }'),
        encoding="utf-8")
    assert _checks(number_repo) == (["missing-translation"], 2)


def test_compare_honours_inline_comments_too(number_repo: Path, monkeypatch):
    """A comment a writer put in the file works for `transcheck compare` as for the gate."""
    from checker.checks.numbers import NumberMismatch
    from checker.pipeline.run import Options, compare

    monkeypatch.chdir(number_repo)
    src, tgt = Path("docs/en/cache.md"), Path("docs/zh/cache.md")
    before = compare(src, [tgt], Options(), encoder=FakeEncoder(), checks=(NumberMismatch,))
    assert [f.check for f in before.findings] == ["number-mismatch"]
    assert "suppressed" not in before.metrics
    text = tgt.read_text(encoding="utf-8")
    tgt.write_text(text.replace("Orion 缓存默认", "<!-- transcheck-ignore: number -->\nOrion 缓存默认"),
                   encoding="utf-8")
    after = compare(src, [tgt], Options(), encoder=FakeEncoder(), checks=(NumberMismatch,))
    assert after.findings == () and after.metrics["suppressed"] == 1


def test_a_translator_comment_silences_its_gettext_entry(tmp_path: Path, monkeypatch):
    """In a PO file the comment is a translator comment; it covers its own entry only."""
    from checker.pipeline.run import Options, compare

    po = tmp_path / "messages.po"
    text = (DATA / "messages.po").read_text(encoding="utf-8")
    po.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = sorted(f.check for f in compare(Path("messages.po"), [], Options(), encoder=FakeEncoder()).findings)
    assert before.count("placeholder-mismatch") == 2
    po.write_text(text.replace("#: app.py:20\n", "#: app.py:20\n# transcheck-ignore: placeholder\n"), encoding="utf-8")
    after = compare(Path("messages.po"), [], Options(), encoder=FakeEncoder())
    expected = list(before)
    expected.remove("placeholder-mismatch")
    assert sorted(f.check for f in after.findings) == expected
    assert after.metrics["suppressed"] == 1
    (kept,) = [f for f in after.findings if f.check == "placeholder-mismatch"]
    assert "%s of %d done" in po.read_text(encoding="utf-8").split("\n")[kept.locations[0].line - 2]


@pytest.mark.parametrize(
    ("line", "ids"),
    [
        ("# transcheck-ignore: placeholder, tag", {"placeholder", "tag"}),
        ("#. transcheck-ignore", {""}),
        ("# not transcheck-ignore: tag", None),  # not a suppression: the comment says something else
    ],
)
def test_gettext_comment_forms(line: str, ids: set[str] | None):
    from checker.findings.suppress import syntax_of

    found = parse(f'{line}\nmsgid "a"\nmsgstr "b"\n', syntax_of("po"))
    assert (set(found.lines.get(2, ())) or None) == ids


# ------------------------------------------------ every format with comments: one registry entry each

XLIFF = """\
<xliff version="1.2"><file><body>
  <trans-unit id="a">
    <source>One</source>
    <target>一</target>
    <note>transcheck-ignore: number</note>
  </trans-unit>
  <!-- transcheck-ignore: tag -->
  <trans-unit id="b">
    <source>Two</source>
    <target>二</target>
  </trans-unit>
  <trans-unit id="c">
    <source>Three</source>
    <target>三</target>
    <note>Translator: keep it short.</note>
  </trans-unit>
</body></file></xliff>
"""

VTT = """\
WEBVTT

NOTE transcheck-ignore: spelling

00:00:01.000 --> 00:00:02.000
First cue.

00:00:03.000 --> 00:00:04.000
Second cue.
"""

TEXT_MARKERS = """\
transcheck-ignore: number
First paragraph.

Second paragraph.

transcheck-disable: spelling
Third paragraph.

Fourth paragraph.
transcheck-enable

Fifth paragraph, which mentions transcheck-ignore in passing.
"""


@pytest.mark.parametrize(("format", "text", "check", "line", "covered"), [
    ("xliff", XLIFF, "number-mismatch", 3, True),     # a note covers the unit it is in
    ("xliff", XLIFF, "number-mismatch", 4, True),
    ("xliff", XLIFF, "number-mismatch", 9, False),    # ... and no other unit
    ("xliff", XLIFF, "tag-mismatch", 9, True),        # a comment between units covers the next one
    ("xliff", XLIFF, "tag-mismatch", 13, False),
    ("xliff", XLIFF, "spelling", 13, False),          # an ordinary note silences nothing
    ("srt", VTT, "spelling", 6, True),                # a NOTE block covers the next cue
    ("srt", VTT, "spelling", 9, False),
    ("srt", VTT, "number-mismatch", 6, False),
    ("text", TEXT_MARKERS, "number-mismatch", 2, True),   # a marker line covers its paragraph
    ("text", TEXT_MARKERS, "number-mismatch", 4, False),
    ("text", TEXT_MARKERS, "spelling", 7, True),          # disable ... enable covers every line between
    ("text", TEXT_MARKERS, "spelling", 9, True),
    ("text", TEXT_MARKERS, "spelling", 12, False),        # after the enable
    ("text", TEXT_MARKERS, "number-mismatch", 7, False),  # the range names spelling only
    ("text", TEXT_MARKERS, "omission", 12, False),        # the word in running text is no marker
])
def test_each_format_silences_where_its_comment_says(format, text, check, line, covered):
    from checker.findings.suppress import syntax_of

    assert parse(text, syntax_of(format)).covers(check, line) is covered


@pytest.mark.parametrize(("text", "check", "line", "covered"), [
    ("<!-- transcheck-disable -->\nA.\n\nB.\n<!-- transcheck-enable -->\nC.\n", "spelling", 4, True),
    ("<!-- transcheck-disable -->\nA.\n\nB.\n<!-- transcheck-enable -->\nC.\n", "spelling", 6, False),
    ("<!-- transcheck-disable: spelling -->\nA.\n\nB.\n", "spelling", 4, True),   # never closed: to the end
    ("<!-- transcheck-disable: spelling, number -->\nA.\n<!-- transcheck-enable: spelling -->\nB.\n",
     "number-mismatch", 4, True),                                                   # enable one id, not all
    ("<!-- transcheck-disable: spelling, number -->\nA.\n<!-- transcheck-enable: spelling -->\nB.\n",
     "spelling", 4, False),
])
def test_markdown_ranges_turn_checks_off_and_on(text, check, line, covered):
    assert parse(text).covers(check, line) is covered


def test_formats_with_comments_declare_them_in_the_registry():
    from checker.readers import REGISTRY

    assert {f.name for f in REGISTRY if f.comments} == {"text", "markdown", "po", "pot", "xliff", "srt"}


def test_an_xliff_note_silences_its_unit(tmp_path: Path, monkeypatch):
    from checker.pipeline.run import Options, compare

    text = (DATA / "ui-1.2.xlf").read_text(encoding="utf-8")
    xlf = tmp_path / "ui.xlf"
    xlf.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = sorted(f.check for f in compare(Path("ui.xlf"), [], Options(), encoder=FakeEncoder()).findings)
    assert before == ["missing-unit", "number-mismatch", "tag-mismatch"]
    xlf.write_text(text.replace("以保留更改。</target>", "以保留更改。</target>\n<note>transcheck-ignore: tag</note>")
                   .replace('<trans-unit id="todo">', '<!-- transcheck-ignore -->\n<trans-unit id="todo">'),
                   encoding="utf-8")
    after = compare(Path("ui.xlf"), [], Options(), encoder=FakeEncoder())
    assert [f.check for f in after.findings] == ["number-mismatch"]
    assert sorted(s.finding.check for s in after.suppressed) == ["missing-unit", "tag-mismatch"]
    assert {s.by for s in after.suppressed} == {"comment"}


@pytest.mark.parametrize("suffix", [".srt", ".vtt"])
def test_a_subtitle_note_silences_the_next_cue(tmp_path: Path, monkeypatch, suffix):
    from checker.pipeline.run import Options, compare

    src, tgt = tmp_path / f"en{suffix}", tmp_path / f"zh{suffix}"
    header = "WEBVTT\n\n" if suffix == ".vtt" else ""
    src.write_text(header + (DATA / "en.srt").read_text(encoding="utf-8"), encoding="utf-8")
    zh = header + (DATA / "zh.srt").read_text(encoding="utf-8")
    tgt.write_text(zh, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = lambda: compare(src.name, [tgt.name], Options(), encoder=FakeEncoder())  # noqa: E731
    assert [f.check for f in run().findings].count("missing-unit") == 2
    tgt.write_text(zh.replace("5\n00:00:30", "NOTE transcheck-ignore: missing-unit\n\n5\n00:00:30"), encoding="utf-8")
    after = run()
    assert [f.check for f in after.findings] == ["omission", "missing-unit"]  # the source's cue is still missing
    line = tgt.read_text(encoding="utf-8").split("\n").index("（完）") + 1
    assert [(s.finding.check, s.finding.locations[0].line) for s in after.suppressed] == [("missing-unit", line)]


def test_plain_text_marker_lines_are_not_text_and_silence_their_paragraphs(tmp_path: Path, monkeypatch):
    from checker.pipeline.run import Options, compare

    (tmp_path / "en.txt").write_text("The cache holds 500 entries.\n\nThe second paragraph lists 3 items.\n\n"
                                     "The third paragraph has 7 rules.\n", encoding="utf-8")
    zh = tmp_path / "zh.txt"
    zh.write_text("缓存保存 50 个条目。\n\n第二段列出 4 个项目。\n\n第三段有 8 条规则。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = lambda: compare(Path("en.txt"), [Path("zh.txt")], Options(), encoder=FakeEncoder())  # noqa: E731
    assert [(f.check, f.locations[0].line) for f in run().findings] == [("number-mismatch", n) for n in (1, 3, 5)]
    zh.write_text("transcheck-ignore: number\n缓存保存 50 个条目。\n\ntranscheck-disable\n第二段列出 4 个项目。\n"
                  "transcheck-enable\n\n第三段有 8 条规则。\n", encoding="utf-8")
    after = run()
    assert [(f.check, f.locations[0].line) for f in after.findings] == [("number-mismatch", 8)]
    assert len(after.suppressed) == 2
    assert all("transcheck" not in s.text for doc in after.documents for s in doc.segments)


@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
def test_a_directive_far_into_a_big_file_is_found_in_any_encoding(tmp_path: Path, codec):
    from checker.findings.suppress import suppressions_of

    units = "".join(f'<trans-unit id="u{k}"><source>Unit {k}.</source><target>单元 {k}。</target></trans-unit>\n'
                    for k in range(30_000))  # past the first MiB read
    xlf = tmp_path / "big.xlf"
    xlf.write_text(f'<?xml version="1.0" encoding="{codec.upper()}"?>\n<xliff version="1.2"><file><body>\n{units}'
                   '<trans-unit id="last"><source>Last 1.</source><target>最后 2。</target>'
                   '<note>transcheck-ignore: number</note></trans-unit>\n</body></file></xliff>\n', encoding=codec)
    found = suppressions_of(xlf, "xliff")
    assert found.covers("number-mismatch", 30_003) and not found.covers("number-mismatch", 30_002)
    xlf.write_text(xlf.read_text(encoding=codec).replace("transcheck-ignore", "translator note"), encoding=codec)
    assert not suppressions_of(xlf, "xliff")
