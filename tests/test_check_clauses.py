"""Part of a sentence left out (a clause), and a rendering whose meaning shifted.

The sentences are real: FastAPI's CORS page, excalidraw's locale and a Wikimedia memo of the
TICO-19 memory; the faulty renderings are the real ones with a clause cut, or rewritten.
"""

from dataclasses import replace

import pytest

from checker.checks import clauses
from checker.checks.omission import OmissionCheck
from checker.checks.shift import MeaningShift
from checker.model import Role, Severity
from checker.text.lexicon.dictionary import cover
from tests.fixtures.corpus import make_corpus, make_document, unit_findings

# Faithful pairs around the one under test, so that the pair's length ratio and similarities
# can be learned (FastAPI, tutorial/cors.md).
CONTEXT = [
    ("An origin is the combination of protocol, domain, and port.", "源是协议、域以及端口的组合。"),
    ("So, all these are different origins:", "因此，这些都是不同的源："),
    ("To achieve this, the backend must have a list of \"allowed origins\".", "为此，后端必须有一个「允许的源」列表。"),
    ("It's also possible to declare the list as a wildcard to say that all are allowed.",
     "也可以使用通配符声明这个列表，表示全部都是允许的。"),
    ("So, for everything to work correctly, it's better to specify explicitly the allowed origins.",
     "因此，为了一切都能正常工作，最好显式地指定允许的源。"),
    ("Create a list of allowed origins (as strings).", "创建一个允许的源列表（由字符串组成）。"),
    ("You can also specify if your backend allows:", "你也可以指定后端是否允许："),
    ("The following arguments are supported:", "支持以下参数："),
    ("Then, the browser will send a request to the backend, and if the backend sends the appropriate headers, "
     "the browser will let the frontend send its request.",
     "然后，浏览器会向后端发送一个请求，如果后端发送适当的 headers，浏览器将允许前端发送请求。"),
]

CORS = ("In this case the middleware will intercept the incoming request and respond with appropriate CORS "
        "headers, and either a `200` or `400` response for informational purposes.")
CORS_ZH = "在这种情况下，中间件将拦截传入的请求并进行响应，出于提供信息的目的返回一个使用了适当的 CORS headers 的 `200` 或 `400` 响应。"
EXCALIDRAW = ("If disabling this setting doesn't fix the display of text elements, please open an issue on our "
              "GitHub, or write us on Discord")
EXCALIDRAW_ZH = "如果禁用此设置无法修复文本元素的显示，请在 GitHub 上提交一个 issue ，或者在 Discord 上反馈"


def _clause_findings(source_unit, target_unit, context=CONTEXT):
    return [f for f in unit_findings(OmissionCheck, source_unit, target_unit, context) if f.data.get("clause")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("source", "target", "dropped"),
    [
        # fires: a clause cut from the translation, reported with the span of its source words
        (CORS, CORS_ZH.replace("中间件将拦截传入的请求并进行响应，", ""),
         "middleware will intercept the incoming request"),
        (EXCALIDRAW, EXCALIDRAW_ZH.replace("如果禁用此设置无法修复文本元素的显示，", ""),
         "disabling this setting doesn't fix the display of text elements"),
        # fires: a short clause whose removal moves the length by less than half a spread
        ("Now, whenever a browser is creating a user with a password, the API will return the same password "
         "in the response.", "现在，API 都会在响应中返回相同的密码。", "whenever a browser is creating a user"),
        # must not fire: the whole sentence rendered
        ("Now, whenever a browser is creating a user with a password, the API will return the same password "
         "in the response.", "现在，每当浏览器使用一个密码创建用户时，API 都会在响应中返回相同的密码。", None),
        (CORS, CORS_ZH, None),
        (EXCALIDRAW, EXCALIDRAW_ZH, None),
        # must not fire: a short clause ("In this case") is too little to tell from a terse rendering
        (CORS, CORS_ZH.replace("在这种情况下，", ""), None),
    ],
)
def test_a_clause_left_out_of_a_sentence(source, target, dropped):
    found = _clause_findings(source, target)
    if dropped is None:
        assert found == []
        return
    (finding,) = found
    assert finding.severity == Severity.MINOR
    loc = finding.locations[0]
    assert dropped in loc.text
    assert loc.column == 1 + source.index(loc.text)


def test_clauses_need_an_english_source_and_a_chinese_translation():
    en = make_document(["x"], doc_id="d0", role=Role.SOURCE, lang="en")
    assert clauses.supported(en, make_document(["x"], doc_id="d1", role=Role.TRANSLATION, lang="zh-CN"))
    assert not clauses.supported(en, make_document(["x"], doc_id="d1", role=Role.TRANSLATION, lang="fr"))


def test_runs_are_three_uncovered_content_words_in_a_row():
    words = cover("In this case the middleware will intercept the incoming request and respond with "
                  "appropriate CORS headers.", "出于提供信息的目的返回一个使用了适当的 CORS headers 的响应。").english
    runs = clauses._uncovered_runs(words)
    assert [[w.text for w in run] for run in runs] == [["case", "middleware", "intercept", "incoming", "request"]]


# A memo whose sentences are rendered closely, and the TICO-19 memory's (Wikimedia) sentence rendered
# as something else ("plan ahead, and you need not fear the challenge").
MEMO = [
    ("We are changing how we work this year.", "今年我们正在改变工作方式。"),
    ("Our offices will be closed until further notice.", "我们的办公室将关闭，直到另行通知。"),
    ("Please take care of yourself and your family.", "请照顾好你自己和你的家人。"),
    ("Everyone should work from home if they can.", "每个人如果可以都应该在家工作。"),
    ("Meetings will be held online for the next month.", "下个月的会议将在线上举行。"),
    ("We will pay every employee their full salary.", "我们将向每位员工支付全部工资。"),
    ("All travel for work is cancelled this year.", "今年所有的工作旅行都取消了。"),
    ("Our community depends on the work you do every day.", "我们的社区依赖于你们每天所做的工作。"),
    ("Thank you for your patience and your support.", "感谢你们的耐心和支持。"),
    ("Talk to your manager if you need more rest.", "如果你需要更多休息，请与你的经理谈谈。"),
]
PLANNED = "Our planned work will be there waiting for us when the time comes."


def _shifts(source_unit, target_unit, similarity):
    corpus = make_corpus([s for s, _ in MEMO] + [source_unit], [t for _, t in MEMO] + [target_unit])
    # the aligner's similarities: the memo's links as usual, the one under test as given
    sims = [0.90, 0.91, 0.92, 0.90, 0.91, 0.89, 0.90, 0.92, 0.91, 0.90, similarity]
    key = (corpus.source.id, corpus.translations[0].id)
    alignment = corpus.alignments[key]
    links = tuple(replace(link, similarity=sim) for link, sim in zip(alignment.links, sims))
    return list(MeaningShift().run(replace(corpus, alignments={key: replace(alignment, links=links)})))


@pytest.mark.parametrize(
    ("target", "similarity", "fires"),
    [
        # fires: far less similar than the memo's other links, and its words uncovered
        ("时刻做好计划，方能不惧挑战。", 0.84, True),
        # must not fire: the faithful rendering, even if the encoder happens to score it low
        ("我们计划的工作会在时机到来时等着我们。", 0.84, False),
        # must not fire: a free rendering whose similarity is as usual for the memo
        ("时刻做好计划，方能不惧挑战。", 0.90, False),
        # must not fire: the source copied unchanged is untranslated's to report
        (PLANNED, 0.84, False),
    ],
)
def test_a_rendering_whose_meaning_shifted(target, similarity, fires):
    found = _shifts(PLANNED, target, similarity)
    assert bool(found) is fires
    if fires:
        (finding,) = found
        assert finding.check == "meaning-shift" and finding.severity == Severity.MINOR
        assert finding.locations[0].text == PLANNED
        assert "waiting" in finding.data["uncovered"]


def test_meaning_shift_needs_the_dictionarys_language_pair():
    corpus = make_corpus([s for s, _ in MEMO] + [PLANNED], [t for _, t in MEMO] + ["时刻做好计划，方能不惧挑战。"],
                         target_lang="ja")
    assert list(MeaningShift().run(corpus)) == []
