"""Inline suppression comments in Markdown, and per-file ignores from the config."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.gate.config import load_config
from checker.gate import run_gate
from checker.findings.suppress import parse
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
    from checker.findings.suppress import COMMENTS

    found = parse(f'{line}\nmsgid "a"\nmsgstr "b"\n', COMMENTS[".po"])
    assert (set(found.lines.get(2, ())) or None) == ids
