"""The spelling check: typos found with a suggestion; names, code, terms, variants and compounds left alone."""

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from checker.checks.spelling import SpellingCheck
from checker.model import Severity
from checker.readers.glossary import Entry, Glossary
from tests.fixtures.corpus import make_corpus
from tests.shard_steps import assert_steps_agree
from tests.sharding import assert_shards_agree
from tests.test_gate import FakeEncoder

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def run(*texts, target=None, **kwargs):
    """Findings for an English source made of ``texts`` (and optionally one translation)."""
    translations = [[target]] if target is not None else []
    corpus = make_corpus(list(texts), *translations, **kwargs)
    return list(SpellingCheck().run(corpus))


@pytest.mark.parametrize(
    ("text", "word", "suggestion"),
    [
        ("After much reflection, I have made the diffcult decision to leave.", "diffcult", "difficult"),
        ("We've pushed the boundaries of scientifc understanding.", "scientifc", "scientific"),
        ("Please recieve my thanks.", "recieve", "receive"),
        # a capital at the start of a sentence is no excuse
        ("Recieve my thanks. It was a pleasure.", "Recieve", "Receive"),
        ("It was good. Teh team agreed.", "Teh", "The"),
        # a compound whose part is misspelled: the part is the span
        ("Our work has made cuting-edge research accessible.", "cuting", "cutting"),
        # a possessive is checked through its stem
        ("The compnay's future is bright.", "compnay", "company"),
        # slips shipped in real localization files (excalidraw, TICO-19)
        ("Write Mermaid diagram defintion here...", "defintion", "definition"),
        ("In China, xenophobia and racism agains non-Chinese residents has been inflamed by the pandemic.",
         "agains", "against"),
        # and in Node.js's changelogs and docs
        ("**http**: use CRLF conistently", "conistently", "consistently"),
        ("In addition, the tools and verions are documented through metadata.", "verions", "versions"),
    ],
)
def test_fires(text, word, suggestion):
    (finding,) = run(text)
    assert finding.check == "spelling"
    assert finding.severity == Severity.MINOR
    assert finding.locations[0].text == word
    assert finding.suggestion == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "I thank Srinivas, Jakub and Barret for their work.",  # names mid-sentence
        "Mark is our new SVP of Research and the CTO agrees.",  # all-caps
        "Our releases of OpenAI o1 and GPT-4o mark a new era.",  # digits, internal capitals
        "The OpenAl team is here.",  # internal capital: an entity, not a spelling matter
        "See https://exmaple.com/pth/to/pge or www.exmaple.org for details.",  # URLs
        "Write to jdoe@exmaple.org with questions.",  # e-mail
        "Run `pip instal transchek` to get started.",  # code span
        "I'll go, you won't, it's late, we've won, they'd stay, y'all know.",  # contractions
        "The colour of the organisation's centre was recognised; we travelled on.",  # British
        "Our speech-to-speech models are all-consuming, cutting-edge and six-and-a-half years old.",
        "A non-technical, re-examined, self-aware, well-being report.",  # prefixes in compounds
        "Our models are more robust, aligned, and steerable than ever before.",
        "We brought safety research from the theoretical realm into practical applications.",
        "Leave config.yaml and main.py untouched; call run_all() or fooBar.",  # file names, code
        "This is a {placeholdr} and <spn>markup</spn>.",  # placeholders and tags
        "The folder %(direcory)s is not readable.",  # a python-format placeholder
    ],
)
def test_does_not_fire(text):
    assert run(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # technical words of real documentation and medical text (FastAPI, sphinx, excalidraw,
        # TICO-19): no dictionary has them, but no word is meant instead either
        "Then wrap the WSGI (e.g. Flask) app with the middleware.",
        "⚡ [**FastAPI**](https://fastapi.tiangolo.com) for the Python backend API.",
        "But read below for a workaround.",
        "T helper cells produce proinflammatory cytokines to help the defending cells.",
        "However, CoV can inhibit T cell functions by inducing apoptosis of T cells.",
        "kwargs for add_node() must be a (visit, depart) function tuple: %r=%r",
        "Couldn't connect to the collab server. Please reload the page and try again.",
        "Security and authentication, including support for **OAuth2** with **JWT tokens** and **HTTP Basic** auth.",
        # a known word with a prefix or a suffix is a word (de + dent, un + mount, reload + er)
        "non-whitespace stripped by dedent",
        "Unmount All",
        "INFO:     Started reloader process [28720]",
        "The emergence of SARS-CoV-2 in central China at the end of 2019 has thrusted CoVs into the spotlight.",
        # code in HTML
        "<code>ujson</code> - Required if you want to use UJSONResponse.",
        # code names add a letter in front of a word (Node.js changelogs and docs)
        "**test**: only detect uname on supported os (Xu Meng)",
        "**worker**: runtime error on pthread creation (Harshitha KP)",
        # short words have frequent neighbours by chance (studio, false, allow, called)
        "Synchronous blocking of stdio",
        "If a falsy value is passed as the first argument to the callback, the test is considered passing.",
        "Create a `Buffer` with alloc, then hand it to the callee.",
        # a word the document writes as code (here a GitHub handle) is no slip in its prose
        "[cclauss](https://github.com/cclauss) - **Christian Clauss**",
    ],
)
def test_terms_are_not_slips(text):
    assert run(text) == []


def test_a_word_the_document_uses_is_the_word_meant():
    # TICO-19 writes 'syncytial' once, and 'synctial' once, a spelling wordfreq never saw
    used = "Multinucleated syncytial cells were found in the lungs of a patient who died of the disease."
    slip = "Samples are taken from anyone showing acute onset of ILI and respiratory synctial virus."
    assert [(f.locations[0].text, f.suggestion) for f in run(used, slip)] == [("synctial", "syncytial")]
    assert run(slip) == []  # alone, an unknown word is a term
    # words that differ in a prefix are two words
    assert run("Through transmission electron microscopy, particles were found in ultrathin sections.",
               "Macroscopy: pleurisy, pericarditis, lung consolidation and pulmonary oedema") == []


def test_code_blocks_are_not_prose():
    corpus = make_corpus(["Install it:", "$ uvicorn main:app --reload\nINFO: Waiting for aplication startup."])
    code = replace(corpus.source.segments[1], kind="code")
    source = replace(corpus.source, segments=(corpus.source.segments[0], code))
    assert list(SpellingCheck().run(replace(corpus, source=source))) == []
    assert [f.locations[0].text for f in SpellingCheck().run(corpus)] == ["aplication"]


def test_one_finding_per_word_points_at_every_occurrence():
    (finding,) = run("A diffcult start.", "Another diffcult day.")
    assert [loc.segments for loc in finding.locations] == [(0,), (1,)]
    assert all(loc.text == "diffcult" for loc in finding.locations)
    assert finding.data["occurrences"] == 2


def test_location_points_at_the_word():
    (finding,) = run("We made the diffcult decision.")
    loc = finding.locations[0]
    assert (loc.line, loc.column, loc.offset) == (1, 13, 12)


def test_a_spelling_used_three_times_is_deliberate():
    assert run("The wokr goes on.", "A wokr again.", "One more wokr.") == []
    assert [f.locations[0].text for f in run("The wokr goes on.")] == ["wokr"]


def test_archaic_inflections_only_in_archaic_text():
    archaic = ["And thou believest what ye seek.", "Thy servant hath spoken unto thee."]
    assert run(*archaic) == []
    assert [f.locations[0].text for f in run("The tool believest its input.")] == ["believest"]


def test_archaic_spellings_are_no_slips_in_archaic_text():
    # the King James Bible spells words its own way; a modern word one edit away proves nothing
    archaic = ["So will I deliver you your brother, and ye shall traffick in the land.",
               "Thy servant hath spoken unto thee."]
    assert run(*archaic) == []
    assert [f.suggestion for f in run("They traffick in stolen goods.")] == ["traffic"]


@pytest.mark.parametrize(
    ("source", "target", "flagged"),
    [
        # a translation that keeps a word in Latin script shows it is a name or a term
        ("We review the files in virtaal.", "我们在 virtaal 中审校文件。", []),
        ("We review the files in virtaal.", "我们在编辑器中审校文件。", ["virtaal"]),
        # a name no English word is near is no slip, kept or not
        ("Achiam will lead the team.", "阿奇亚姆将领导团队。", []),
        # words of the source a translation keeps are terms there too (sphinx's zh_CN catalogue)
        (".. hlist content is not a list", ".. hlist 的内容不是列表", []),
        ('Cannot use "lineno-match" with a disjoint set of "lines"',
         "不能在不连续的“lines”上使用“lineno-match”选项", []),
        # but a typo the translation merely quotes is still a typo, in both documents
        ("I made the diffcult decision to leave the firm.",
         "他说做出了艰难决定。(I made the diffcult decision to leave the firm.)",
         [("d0", "diffcult"), ("d1", "diffcult")]),
    ],
)
def test_other_documents(source, target, flagged):
    found = run(source, target=target)
    if flagged and isinstance(flagged[0], tuple):
        assert sorted((f.locations[0].document, f.locations[0].text) for f in found) == flagged
    else:
        assert [f.locations[0].text for f in found] == flagged


def test_english_inside_chinese_is_checked():
    found = run("Hello.", target="他说(We pushed the boundaries of scientifc understanding.)马克(Mark)加入了。")
    assert [(f.locations[0].document, f.locations[0].text, f.suggestion) for f in found] == [
        ("d1", "scientifc", "scientific")
    ]


@pytest.mark.parametrize(
    "glossary",
    [
        Glossary("g.csv", (Entry("virtaal", "Virtaal 编辑器"),)),
        {"virtaal": "Virtaal 编辑器"},
        ["virtaal"],
    ],
)
def test_glossary_terms_are_words(glossary):
    text = "We compare against vecalign and review the files in virtaal."  # a translation editor
    assert [f.locations[0].text for f in run(text)] == ["virtaal"]
    assert run(text, options={"glossary": glossary}) == []


def test_non_english_latin_documents_are_not_spell_checked():
    assert run("Hello.", target="Bonjour, je suis très contente.", target_lang="fr") == []


def test_memo_typos_found_with_suggestions():
    def paragraphs(name):
        return [p.strip() for p in (CORPORA / "memo" / name).read_text("utf-8").splitlines() if p.strip()]

    corpus = make_corpus(paragraphs("en.txt"), paragraphs("zh-a.txt"), paragraphs("zh-b.txt"))
    found = {(f.locations[0].document, f.locations[0].text, f.suggestion)
             for f in SpellingCheck().run(corpus)}
    assert found == {
        ("d0", "diffcult", "difficult"),
        ("d0", "scientifc", "scientific"),
        ("d1", "diffcult", "difficult"),  # zh-a quotes the English sentence, typo included
    }


def test_dictionary_loads_lazily():
    code = (
        "import sys, checker.checks.spelling, checker.text.lexicon.en;"
        "assert 'spellchecker' not in sys.modules and 'wordfreq' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)


SLIPS = Path(__file__).resolve().parent / "data" / "sharding" / "slips.po"


def test_shards_of_a_file_find_what_the_whole_file_finds():
    """A word written in units far apart is one finding pointing at each (recieve); one written
    three times through the file is deliberate (Teh); the vocabulary is the whole file's."""
    found = assert_shards_agree(SpellingCheck, SLIPS, (1, 7, 60), spec=FakeEncoder)
    assert assert_steps_agree(SpellingCheck, SLIPS)  # and in the check's own order
    words = {(f["locations"][0]["document"], f["data"]["word"]): len(f["locations"]) for f in found}
    assert words == {("d0", "recieve"): 2, ("d0", "diffcult"): 2, ("d0", "scientifc"): 2, ("d1", "diffcult"): 1}


@pytest.mark.parametrize("name", ["realworld/sphinx-po/sphinx.po", "realworld/rclone-xliff/messages.zh-CN.xlf",
                                  "formats/memory.tmx", "formats/messages.po", "formats/ui-2.0.xlf"])
def test_steps_over_shards_of_shipped_files_give_the_whole_files_findings(name):
    assert_steps_agree(SpellingCheck, SLIPS.parent.parent / name)
