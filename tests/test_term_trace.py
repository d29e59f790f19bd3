"""Tracing a term drift to its source phrase: names the translations keep verbatim fix the order.

The model behind the encoder prefers some phrases whatever they are compared with (e5 finds
``Chief Scientist`` closer to 研究高级副总裁 than ``SVP of Research``); a name written the same in
source and rendering (``Jakub``) says on which side of it the rendering's source phrase lies.
"""

from __future__ import annotations

import numpy as np
import pytest

from checker.model import Role
from checker.text.terms.trace import Region, trace
from tests.fixtures.corpus import make_document

SOURCE = make_document(
    ["Mark is going to be our new SVP of Research and will now lead the research org in "
     "partnership with Jakub as Chief Scientist."],
    doc_id="d0", role=Role.SOURCE, lang="en",
)
RENDERINGS = ("研发高级副总裁", "研究高级副总裁")


class HubEncoder:
    """Every text has a vector of its own, except that both renderings sit close to one chosen
    phrase (the hub); other phrases are orthogonal to them."""

    name = "hub"

    def __init__(self, hub: str) -> None:
        self.near = {hub, *RENDERINGS}

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 512), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, 0 if text in self.near else 1 + sum(map(ord, text)) % 511] = 1.0
        return out


def region(before: str, after: str) -> Region:
    """Both renderings in a one-sentence rendering of the source, placed (by the links) so that
    the position prior is no help: one early, one late."""
    contexts = tuple(before + r + after for r in RENDERINGS)
    spans = tuple((0, len(before), len(before) + len(r)) for r in RENDERINGS)
    return Region(("d1", "d2"), spans, RENDERINGS, (0,), (((0,), 0.3), ((0,), 0.9)), contexts,
                  ((before, after), (before, after)))


def traced(before: str, after: str) -> str:
    (result,) = trace(SOURCE, [region(before, after)], HubEncoder("Chief Scientist"))
    assert result.pick is not None
    return result.pick[0].text


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        # the rendering is before Jakub; the source puts Chief Scientist after him
        ("同时，Mark将成为新的", "，并与Jakub合作领导研究团队。", "SVP of Research"),
        # no name kept verbatim: the encoder's preference stands
        ("同时，马克将成为新的", "，并与雅库布合作领导研究团队。", "Chief Scientist"),
        # Jakub twice around the rendering: which is which is unknown, so no constraint
        ("Jakub说，Mark将成为新的", "，并与Jakub合作领导研究团队。", "Chief Scientist"),
    ],
)
def test_a_name_kept_in_the_translations_places_the_source_phrase(before: str, after: str, expected: str) -> None:
    assert traced(before, after) == expected


class ConceptEncoder:
    """Texts of one concept share a vector; every other text has one of its own."""

    name = "concept"

    def __init__(self, *same: str) -> None:
        self.same = set(same)

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 512), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, 0 if text in self.same else 1 + sum(map(ord, text)) % 511] = 1.0
        return out


def test_the_encoder_judges_phrases_far_from_where_the_rendering_sits() -> None:
    """职务 / 角色 sit mid-sentence in both renderings, while 'role' is early in a source sentence
    full of phrases: the candidates the encoder judges must reach that far."""
    source = make_document(
        ["Josh Achiam is going to take on a new role as Head of Mission Alignment, working across the "
         "company to ensure that we get all pieces (and culture) right to be in a place to succeed."],
        doc_id="d0", role=Role.SOURCE, lang="en",
    )
    renderings = ("职务", "角色")
    region = Region(("d1", "d2"), ((0, 20, 22), (0, 20, 22)), renderings, (0,), (((0,), 0.45), ((0,), 0.45)),
                    ("", ""), (("乔希将担任任务协调主管的新", "，负责整个公司的工作。"),) * 2)
    (result,) = trace(source, [region], ConceptEncoder("role", *renderings))
    assert result.pick is not None and result.pick[0].text == "role"


class GradedEncoder:
    """Every text leans on one shared direction, and on the renderings' by ``lean`` (default
    0.3), plus a direction of its own: small differences, as e5's are."""

    name = "graded"

    def __init__(self, lean: dict[str, float]) -> None:
        self.lean = lean

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 512), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row, 0] = 3.0
            out[row, 1] = self.lean.get(text, 0.3)
            out[row, 2 + sum(map(ord, text)) % 510] = 0.5
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def test_an_everyday_word_gives_way_to_the_term_beside_it() -> None:
    """e5 puts 'made' closest to 工艺 / 技术; the source's term is 'ingenuity and craftsmanship'."""
    source = make_document(
        ["It was all made possible by your ingenuity and craftsmanship."], doc_id="d0", role=Role.SOURCE, lang="en")
    renderings = ("工艺", "技术")
    region = Region(("d1", "d2"), ((0, 10, 12), (0, 10, 12)), renderings, (0,), (((0,), 0.6), ((0,), 0.6)),
                    ("", ""), (("这一切都归功于你们的智慧和", "。"),) * 2)
    lean = {"made": 0.8, "ingenuity and craftsmanship": 0.5, **{r: 1.0 for r in renderings}}
    (result,) = trace(source, [region], GradedEncoder(lean))
    assert result.pick is not None and result.pick[0].text == "ingenuity and craftsmanship"
