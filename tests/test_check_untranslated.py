"""untranslated: target sentences left in the source language or copied from it."""

from pathlib import Path

import pytest

from checker.checks.untranslated import Untranslated
from checker.model import Severity
from tests.fixtures.corpus import make_corpus

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
