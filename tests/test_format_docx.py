"""DOCX: paragraphs and table cells, in order, with their kinds; a broken file is a clear error."""

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.model import Document, Role
from checker.readers import format_of, read


@pytest.fixture
def memo(tmp_path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Leaving OpenAI", level=1)
    document.add_paragraph("Hi all, I have something to share. After much reflection, I decided to leave.")
    document.add_paragraph("")
    document.add_paragraph("Thank the team.", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Name"
    table.rows[0].cells[1].text = "Role"
    document.add_paragraph("Mira")
    path = tmp_path / "memo.docx"
    document.save(str(path))
    return path


def test_paragraphs_are_split_into_sentences_with_kinds(memo: Path) -> None:
    assert format_of(memo) == "docx"
    doc = read(memo, doc_id="d0", role=Role.SOURCE)
    assert isinstance(doc, Document) and doc.lang == "en" and doc.format == "docx"
    assert [(s.text, s.kind) for s in doc.segments] == [
        ("Leaving OpenAI", "heading"),
        ("Hi all, I have something to share.", "paragraph"),
        ("After much reflection, I decided to leave.", "paragraph"),
        ("Thank the team.", "list"),
        ("Name", "table"),
        ("Role", "table"),
        ("Mira", "paragraph"),
    ]


def test_line_is_the_paragraph_number_and_column_the_offset(memo: Path) -> None:
    doc = read(memo, doc_id="d0", role=Role.SOURCE)
    second = doc.segments[2]  # type: ignore[union-attr]
    assert (second.line, second.column) == (2, 36)
    assert doc.segments[-1].line == 6  # type: ignore[union-attr]  # empty paragraphs are not counted


@pytest.mark.parametrize("content", [b"not a zip file at all", b"PK\x03\x04broken"])
def test_a_broken_docx_is_an_input_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=r"bad\.docx: not a valid DOCX file"):
        read(path, doc_id="d0", role=Role.SOURCE)


def test_a_missing_docx_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "nope.docx", doc_id="d0", role=Role.SOURCE)
