"""Markdown: structure-aware segments with kinds and exact positions; code, URLs and markup kept
out of the embedded prose."""

from pathlib import Path

import pytest

from checker.model import Document, Role
from checker.readers import read
from checker.readers.markdown import embedding_text, prose

DATA = Path(__file__).parent / "data" / "formats"


def _doc(name: str = "guide-en.md", **kwargs) -> Document:
    doc = read(DATA / name, doc_id="d0", role=Role.SOURCE, **kwargs)
    assert isinstance(doc, Document)
    return doc


def _by_text(doc: Document) -> dict[str, tuple[str, str | None]]:
    return {s.text: (s.kind, s.key) for s in doc.segments}


def test_blocks_have_their_kinds() -> None:
    segs = _by_text(_doc())
    assert segs["Install Acme"] == ("heading", None)
    assert segs["Run `pip install acme` to install."] == ("paragraph", None)
    assert segs["**Note:** Acme needs Python 3.10."] == ("quote", None)
    assert segs["Click <kbd>Save</kbd>."] == ("list", None)
    assert segs["Skip the checks."] == ("table", None)
    assert segs["acme init --name demo"] == ("code", None)


def test_front_matter_is_keyed_and_markers_are_gone() -> None:
    doc = _doc()
    front = [(s.key, s.text) for s in doc.segments if s.kind == "front-matter"]
    assert front == [("title", "Quick start"), ("sidebar_position", "2")]
    texts = [s.text for s in doc.segments]
    assert not any(t.startswith(("---", "#", "- ", "> ", "|", "```", "!!!")) for t in texts)


def test_admonition_body_is_prose_not_code() -> None:
    segs = _by_text(_doc())
    assert segs["Deleting a project cannot be undone."] == ("paragraph", None)
    assert not any("warning" in text for text in segs)


def test_every_segment_is_the_exact_span_at_its_line_and_column() -> None:
    for name in ("guide-en.md", "guide-zh.md"):
        doc = _doc(name)
        text = (DATA / name).read_text(encoding="utf-8")
        lines = text.split("\n")
        starts = [0]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        for seg in doc.segments:
            offset = starts[seg.line - 1] + seg.column - 1
            assert text[offset:offset + len(seg.text)] == seg.text, (name, seg)


def test_a_sentence_over_two_quoted_lines_stays_one(tmp_path: Path) -> None:
    md = tmp_path / "q.md"
    md.write_text("> The first line goes\n> on here. A second one.\n", encoding="utf-8")
    doc = read(md, doc_id="d0", role=Role.SOURCE, lang="en")
    assert [s.text for s in doc.segments] == ["The first line goes\n> on here.", "A second one."]  # type: ignore[union-attr]


def test_github_alert_marker_is_dropped(tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    md.write_text("> [!WARNING]\n> Back up your data first.\n", encoding="utf-8")
    doc = read(md, doc_id="d0", role=Role.SOURCE, lang="en")
    assert [(s.text, s.kind, s.line) for s in doc.segments] == [("Back up your data first.", "quote", 2)]  # type: ignore[union-attr]


def test_html_blocks_and_comments_are_skipped(tmp_path: Path) -> None:
    md = tmp_path / "h.md"
    md.write_text("<div align=\"center\">\n<img src=\"logo.png\">\n</div>\n\n<!-- a note -->\n\nText here.\n",
                  encoding="utf-8")
    doc = read(md, doc_id="d0", role=Role.SOURCE, lang="en")
    assert [s.text for s in doc.segments] == ["Text here."]  # type: ignore[union-attr]


def test_paragraph_split_keeps_blocks_whole() -> None:
    doc = _doc(split="paragraphs")
    assert any(s.text.startswith("Run `pip install acme` to install. See the") for s in doc.segments)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Run `pip install acme` to install.", "Run to install."),
        ("See the [setup guide](./setup.md#install) now.", "See the setup guide now."),
        ("Visit https://acme.example.com/docs for more.", "Visit for more."),
        ("访问 https://acme.example.com/docs获取更多信息。", "访问 获取更多信息。"),  # a URL ends at Chinese
        ("Click <kbd>Save</kbd>.", "Click Save ."),
        ("![The logo](logo.png) and <https://x.com>", "The logo and"),
        ("The first line goes\n> on here.", "The first line goes on here."),
        ("a < b and c > d", "a < b and c > d"),  # comparisons are not tags
    ],
)
def test_prose_is_what_gets_embedded(text: str, expected: str) -> None:
    assert prose(text) == expected


def test_language_is_detected_from_the_prose() -> None:
    assert _doc("guide-en.md").lang == "en"
    assert _doc("guide-zh.md").lang == "zh"


def test_embedding_text_keeps_code_and_never_goes_empty() -> None:
    segs = {s.text: s for s in _doc().segments}
    assert embedding_text(segs["acme init --name demo"]) == "acme init --name demo"
    assert embedding_text(segs["`--fast`"]) == "`--fast`"  # nothing but code: embed it as it is
    assert embedding_text(segs["Run `pip install acme` to install."]) == "Run to install."


def test_the_registry_tells_the_runner_what_to_embed() -> None:
    from checker import readers

    doc = read(DATA / "guide-en.md", doc_id="d0", role=Role.SOURCE)
    seg = next(s for s in doc.segments if s.text == "Run `pip install acme` to install.")
    assert readers.embedding_text(doc, seg) == "Run to install."
    plain = read(DATA / "guide-en.md", doc_id="d0", role=Role.SOURCE, format="text")
    first = plain.segments[0]
    assert readers.embedding_text(plain, first) == first.text


REFERENCES = """\
Read the [install guide][guide] first.
Some text
[inside]: /a/paragraph/line

```
[code]: https://example.com/in-code
```

[guide]: https://example.com/docs/install "Install guide"
  [Two  Words]: <https://example.com/faq>
"""


def test_link_reference_definitions_are_keyed_segments(tmp_path: Path) -> None:
    md = tmp_path / "r.md"
    md.write_text(REFERENCES, encoding="utf-8")
    doc = read(md, doc_id="d0", role=Role.SOURCE, lang="en")
    refs = [(s.key, s.text, s.line, s.column) for s in doc.segments if s.kind == "reference"]  # type: ignore[union-attr]
    assert refs == [
        ("guide", '[guide]: https://example.com/docs/install "Install guide"', 9, 1),
        ("two words", "[Two  Words]: <https://example.com/faq>", 10, 3),
    ]
    # a line that continues a paragraph is the paragraph's, one in a code block is code
    kinds = {s.text: s.kind for s in doc.segments}  # type: ignore[union-attr]
    assert kinds["[inside]: /a/paragraph/line"] == "paragraph"
    assert kinds["[code]: https://example.com/in-code"] == "code"
    assert [s.index for s in doc.segments] == list(range(len(doc.segments)))  # type: ignore[union-attr]
    assert [s.line for s in doc.segments] == sorted(s.line for s in doc.segments)  # type: ignore[union-attr]


def test_a_changed_reference_url_is_a_url_mismatch() -> None:
    from checker.checks.technical import UrlMismatch
    from tests.fixtures.corpus import make_corpus

    corpus = make_corpus(['[guide]: https://example.com/docs/install "Install guide"'],
                         ['[guide]: https://example.com/docs/instal "安装指南"'])
    (finding,) = UrlMismatch().run(corpus)
    assert [loc.text for loc in finding.locations][:1] == ["https://example.com/docs/instal"]
