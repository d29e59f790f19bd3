"""Additions inside a link or a unit: a target sentence that renders nothing of the source.

The mirror of ``test_check_coverage.py``: the snippets are real excalidraw and sphinx units, and an
added sentence is a real sentence of another unit's translation, as a translator's slip would be.
"""

import pytest

from checker.checks.omission import AdditionCheck
from checker.model import Severity
from tests.fixtures.corpus import make_corpus, unit_findings
from tests.test_check_clauses import EXCALIDRAW, EXCALIDRAW_ZH
from tests.test_check_coverage import CONTEXT


def _additions(source_unit, target_unit):
    return unit_findings(AdditionCheck, source_unit, target_unit, CONTEXT)


@pytest.mark.model
@pytest.mark.parametrize(
    ("source", "target", "added"),
    [
        # fires: a sentence of another unit's translation inserted, reported with its exact span
        ("Couldn't insert SVG image. The SVG markup looks invalid.",
         "无法插入 SVG 图像。该 SVG 标记似乎是无效的。加载外部绘图将取代您现有的内容。",
         "加载外部绘图将取代您现有的内容。"),
        ("Loading external drawing will replace your existing content.",
         "加载外部绘图将取代您现有的内容。请重新加载页面并重试。", "请重新加载页面并重试。"),
        # fires: a short sentence, too short for the dictionary to tell, far less similar than its sibling
        ("The canvas may be too big.", "画布可能过大。实时协作会话进行中。", "实时协作会话进行中。"),
        # fires: a sentence two of whose words the source covers by chance (画布, 数据: "drawings")
        ("Submit your library to be included in the <link>public library repository</link> for other people "
         "to use in their drawings.",
         "提交后，您的素材库将被包含在<link>公共素材库广场</link>以供其他人在绘图中使用。此图像似乎不包含任何画布数据。",
         "此图像似乎不包含任何画布数据。"),
        # must not fire: every sentence renders the source
        ("Couldn't insert SVG image. The SVG markup looks invalid.", "无法插入 SVG 图像。该 SVG 标记似乎是无效的。",
         None),
        ("Loading external drawing will replace your existing content. Do you wish to continue?",
         "加载外部绘图将取代您现有的内容。您想要继续吗？", None),
        # must not fire: a translator's explanatory addition in parentheses of a term
        ("Loading external drawing will replace your existing content. Do you wish to continue?",
         "加载外部绘图（即从其他文件导入的画布）将取代您现有的内容。您想要继续吗？", None),
        # must not fire: one sentence split into two (a 1-2 link)
        ("Loading external drawing will replace your existing content, so you may want to save it first.",
         "加载外部绘图将取代您现有的内容。因此，您可能需要先保存它。", None),
    ],
)
def test_a_sentence_added_to_a_unit(source, target, added):
    found = _additions(source, target)
    if added is None:
        assert found == []
        return
    (finding,) = found
    assert finding.severity == Severity.MAJOR
    loc = finding.locations[0]
    assert loc.text == added
    assert loc.column == 1 + target.index(added)


def test_without_an_encoder_only_unlinked_segments_are_reported():
    corpus = make_corpus(["The cache is cleared every night."], ["缓存每晚清除。昨天下午天气很好，我们去公园散步了很久。"])
    assert list(AdditionCheck().run(corpus)) == []


def _clause_additions(source_unit, target_unit):
    from tests.test_check_clauses import CONTEXT as CORS_CONTEXT

    return [f for f in unit_findings(AdditionCheck, source_unit, target_unit, CORS_CONTEXT) if f.data.get("clause")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("target", "added"),
    [
        # fires: a clause of another sentence inserted, reported with its exact span
        (EXCALIDRAW_ZH.replace("，请在", "，浏览器会向后端发送一个请求并等待数据库管理员批准，请在"),
         "浏览器会向后端发送一个请求并等待数据库管理员批准"),
        # fires: a clause of two content words (如今, 流行) that fills a clause of its own
        (EXCALIDRAW_ZH.replace("，请在", "，如今它已经不是很流行，请在"), "如今它已经不是很流行"),
        # must not fire: the faithful rendering
        (EXCALIDRAW_ZH, None),
        # must not fire: a translator's explanation of a term in parentheses
        (EXCALIDRAW_ZH.replace("Discord", "Discord（一款流行的即时通讯和语音聊天软件）"), None),
    ],
)
def test_a_clause_added_to_a_sentence(target, added):
    found = _clause_additions(EXCALIDRAW, target)
    if added is None:
        assert found == []
        return
    (finding,) = found
    assert finding.severity == Severity.MINOR
    loc = finding.locations[0]
    assert loc.text in added  # the run of words the source does not cover, inside the added clause
    assert loc.column == 1 + target.index(loc.text)
