"""Coverage inside a link or a unit: a sentence left out while its siblings are rendered.

The snippets are real: excalidraw's JSON locales, sphinx's zh_CN catalogue and the FastAPI docs.
"""

import pytest

from checker.checks.coverage import Piece, Vote, anchor_share, pieces
from checker.checks.omission import OmissionCheck
from checker.model import Role, Severity
from tests.fixtures.corpus import make_corpus, make_document, unit_findings

# Faithful units around the one under test, so that the pair's length ratio can be learned.
CONTEXT = [
    ("Browser storage quota exceeded. Changes will not be saved.", "超过浏览器存储配额。更改将不会被保存。"),
    ("Couldn't connect to the collab server. Please reload the page and try again.",
     "无法连接到实时协作服务器。请重新加载页面并重试。"),
    ("This will clear the whole canvas. Are you sure?", "这将会清除整个画布。您是否要继续?"),
    ("This will add {{numShapes}} shape(s) to your library. Are you sure?",
     "这将添加 {{numShapes}} 个形状到您的素材库中。您确定吗？"),
    ("Reset the canvas", "重置画布"),
]


def test_a_unit_is_split_into_its_sentences_with_their_offsets():
    doc = make_document(["Couldn't insert SVG image. The SVG markup looks invalid."],
                        doc_id="d0", role=Role.SOURCE, lang="en")
    found = pieces(doc, [0])
    assert [(p.start, p.end, p.text) for p in found] == [
        (0, 26, "Couldn't insert SVG image."), (27, 56, "The SVG markup looks invalid.")]


@pytest.mark.parametrize(
    ("gain", "margin", "fit", "anchors", "missing"),
    [
        (0.016, -0.15, -0.6, None, True),    # far less similar than its sibling, whatever the length
        (0.006, -0.015, 0.4, 0.0, True),     # a little less similar, and the length fits without it
        (0.013, -0.002, 1.6, None, True),    # as similar as its sibling, but the target fits without it
        (0.017, -0.015, -0.5, None, False),  # a comma merge: the length fits both sentences
        (-0.030, 0.031, 1.5, None, False),   # the target is short, but it renders this sentence best
        (-0.001, -0.05, 0.5, None, False),   # the target matches better with it, length unclear
        (-0.008, -0.0125, 1.9, None, True),  # the target is far too short, and it is the least similar
        (0.02, -0.005, 0.5, None, False),    # as similar to the target as its sibling, length unclear
        (0.02, -0.10, -2.0, None, False),    # the target is as long as both sentences
        (0.008, -0.10, -1.25, None, True),   # a short sentence ("Encountered an error.") far less similar
        (0.005, -0.07, -1.7, None, False),   # "Ensure it is installed, ...": rendered, length fits both
        (0.02, -0.10, 1.0, 1.0, False),      # the target repeats its code or numbers
    ],
)
def test_the_votes_agree_before_a_sentence_is_missing(gain, margin, fit, anchors, missing):
    vote = Vote(Piece(0, 0, 1, "x", "x"), gain, margin, fit, anchors)
    assert vote.missing is missing


@pytest.mark.parametrize(
    ("fit", "anchors", "possible"),
    [
        (-0.6, None, True),     # the embedding may still find it far less similar
        (-1.7, None, False),    # the target is as long as both sentences: never missing
        (1.6, 1.0, False),      # the target repeats its code or numbers
        (1.6, 0.0, True),       # it repeats none of them
    ],
)
def test_only_sentences_the_cheap_votes_leave_possible_are_embedded(fit, anchors, possible):
    assert Vote.possible(fit, anchors) is possible
    # possible is what missing asks of these votes, for any embedding outcome
    outcomes = [Vote(Piece(0, 0, 1, "x", "x"), gain, margin, fit, anchors)
                for gain in (-0.05, 0.0, 0.005, 0.05) for margin in (-0.2, -0.05, -0.02, 0.0, 0.05)]
    assert possible is any(v.missing for v in outcomes)


@pytest.mark.parametrize(
    ("text", "target", "siblings", "share"),
    [
        ("Another example would be `201`, \"Created\".", "`201` 表示**已创建**，通常在数据库中创建新记录后使用",
         (), 1.0),
        ("This will add {{numShapes}} shape(s) to your library.", "您确定吗？", (), 0.0),
        # SVG is in both sentences: it says nothing of which one the target renders
        ("The SVG markup looks invalid.", "无法插入 SVG 图像。", ("Couldn't insert SVG image.",), None),
        ("Do you wish to continue?", "加载外部绘图将取代您现有的内容。", (), None),
        # numbers count by value, in words too (the Bible: two verses in one Chinese line)
        ("Those that were numbered of them, even of the tribe of Reuben, were forty and six thousand and five "
         "hundred.", "流便支派被数的，共有四万六千五百名。", (), 1.0),
    ],
)
def test_anchors_are_the_sentences_own_code_numbers_and_names(text, target, siblings, share):
    assert anchor_share(text, target, siblings) == share


def _omissions(source_unit, target_unit):
    return unit_findings(OmissionCheck, source_unit, target_unit, CONTEXT)


@pytest.mark.model
@pytest.mark.parametrize(
    ("source", "target", "dropped"),
    [
        # fires: one sentence of a unit left out, reported with that sentence's exact span
        ("Couldn't insert SVG image. The SVG markup looks invalid.", "无法插入 SVG 图像。",
         "The SVG markup looks invalid."),
        ("Loading external drawing will replace your existing content. Do you wish to continue?",
         "加载外部绘图将取代您现有的内容。", "Do you wish to continue?"),
        # must not fire: every sentence rendered
        ("Couldn't insert SVG image. The SVG markup looks invalid.", "无法插入 SVG 图像。该 SVG 标记似乎是无效的。",
         None),
        ("Loading external drawing will replace your existing content. Do you wish to continue?",
         "加载外部绘图将取代您现有的内容。您想要继续吗？", None),
        # must not fire: two sentences joined into one with a comma (sphinx, FastAPI)
        ("Failed to create a cross reference. A title or caption not found: %r",
         "无法创建交叉引用，缺少标题或图题：%r", None),
        ("Another example would be `201`, \"Created\". It is commonly used after creating a new record in "
         "the database.", "`201` 表示**已创建**，通常在数据库中创建新记录后使用", None),
    ],
)
def test_a_sentence_left_out_of_a_unit(source, target, dropped):
    found = _omissions(source, target)
    if dropped is None:
        assert found == []
        return
    (finding,) = found
    assert finding.severity == Severity.MAJOR
    (loc,) = finding.locations
    assert loc.text == dropped
    assert loc.column == 1 + source.index(dropped)


# FastAPI's HTTPS page: the aligner folds a dropped sentence into its neighbour's 2-1 link.
PAGE = [
    ("Here's an example of how an HTTPS API could look like, step by step, paying attention mainly to the "
     "ideas important for developers.",
     "这里有一个 HTTPS API 看起来是什么样的示例，我们会分步说明，并且主要关注对开发人员重要的部分。"),
    ("It would probably all start by you **acquiring** some **domain name**.",
     "第一步我们要先**获取**一些**域名(Domain Name)**。"),
    ("Then, you would configure it in a DNS server (possibly your same cloud provider).",
     "然后可以在 DNS 服务器（可能是你的同一家云服务商提供的）中配置它。"),
    ("In the DNS server(s) you would configure a record (an \"`A record`\") to point **your domain** to the public "
     "**IP address of your server**.",
     "在 DNS 服务器中，你可以配置一条记录（“A 记录”）以将 **你的域名** 指向你服务器的公共 **IP 地址**。"),
    ("You would probably do this just once, the first time, when setting everything up.",
     "这个操作一般只需要在最开始执行一次。"),
]
HTTPS = [
    ("Now let's focus on all the actual HTTPS parts.", "现在让我们关注真正的 HTTPS 部分。"),
    ("First, the browser would check with the **DNS servers** what is the **IP for the domain**, in this "
     "case, `someapp.example.com`.",
     "首先，浏览器将通过 **DNS 服务器** 查询**域名的IP** 是什么，在本例中为 `someapp.example.com`。"),
    ("The DNS servers would tell the browser to use some specific **IP address**.",
     "DNS 服务器会告诉浏览器使用某个特定的 **IP 地址**。"),
    ("That would be the public IP address used by your server, that you configured in the DNS servers.",
     "这将是你在 DNS 服务器中为你的服务器配置的公共 IP 地址。"),
]


@pytest.mark.model
@pytest.mark.parametrize(("rendered", "dropped"), [((0, 1, 3), HTTPS[2][0]), ((0, 1, 2, 3), None)])
def test_a_sentence_folded_into_its_neighbours_link(rendered, dropped):
    from checker.embedding import load_encoder

    source = [s for s, _ in PAGE] + [s for s, _ in HTTPS]
    pairs = [t for _, t in PAGE] + [HTTPS[0][1], "".join(HTTPS[k][1] for k in rendered[1:-1]), HTTPS[3][1]]
    n = len(PAGE)
    links = [([i], [i]) for i in range(n)] + [([n], [n]), ([n + 1, n + 2], [n + 1]), ([n + 3], [n + 2])]
    corpus = make_corpus(source, pairs, links=[links], encoder=load_encoder(None))
    found = [f.locations[0].text for f in OmissionCheck().run(corpus)]
    assert found == ([dropped] if dropped else [])
