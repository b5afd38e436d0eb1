"""PDF reports in: paragraphs rebuilt from a real two-column PDF printed by LibreOffice."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.pdf import Pdf
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from tests.fixtures.pdf_report import HEADER, blank_pdf, expected, report_docx, to_pdf


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pdf")
    return to_pdf(report_docx(work / "report.docx"), work)


def test_paragraphs_headings_lists_and_table_are_recovered(report: Path) -> None:
    blocks = Pdf().load(report.read_bytes(), report.name).blocks
    assert [(b.kind, b.text) for b in blocks] == expected()
    texts = " ".join(b.text for b in blocks)
    assert HEADER not in texts and "Page" not in texts  # running header and page numbers
    assert "humani-" not in texts  # the hyphenated line end is joined
    cells = [(b.meta["row"], b.meta["col"]) for b in blocks if b.kind == "cell"]
    assert cells == [(r, c) for r in range(3) for c in range(3)]


def test_a_two_column_report_becomes_a_dari_docx(report: Path, tmp_path: Path) -> None:
    project = Project.create(report, "dari", path=tmp_path / "r.tarjuman")
    assert project.info().format == "pdf"
    for seg in project.segments():
        project.set_target(seg.id, "ترجمه: " + seg.source)
    out = tmp_path / "report.fa-AF.docx"
    assert export(project, out) == "pdf"
    document = docx.Document(str(out))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    want = [text for kind, text in expected() if kind != "cell"]
    assert [p.text for p in paragraphs] == ["ترجمه: " + t for t in want]
    assert [p.style.name for p in paragraphs][:2] == ["Title", "Normal"]
    assert sum(p.style.name == "List Bullet" for p in paragraphs) == 2
    for p in paragraphs:
        assert p._p.pPr.find(qn("w:bidi")) is not None
    table = document.tables[0]
    assert table._tbl.tblPr.find(qn("w:bidiVisual")) is not None  # right to left
    assert [[c.text for c in row.cells] for row in table.rows][0] == [
        "ترجمه: Province", "ترجمه: Families", "ترجمه: Status"]
    with pytest.raises(DocumentError):
        export(project, tmp_path / "report.pdf")  # no PDF output: said so


def test_a_scan_is_refused_with_one_line(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as err:
        Pdf().load(blank_pdf(), "scan.pdf")
    assert "OCR" in str(err.value) and "\n" not in str(err.value)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(blank_pdf())
    with pytest.raises(DocumentError):
        Project.create(scan, "dari", path=tmp_path / "s.tarjuman")
    assert not (tmp_path / "s.tarjuman").exists()


def test_a_broken_pdf_is_refused_with_one_line() -> None:
    with pytest.raises(DocumentError) as err:
        Pdf().load(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "broken.pdf")
    assert "\n" not in str(err.value)


def test_a_one_column_article_with_a_table(tmp_path: Path) -> None:
    """The sample article printed to PDF: every paragraph of the docx comes back, in
    order, and its table as cells where it stood."""
    from desktop_app.core.resources import sample

    source = docx.Document(str(sample("panjshir.docx")))
    body = source.element.body
    want: list[str] = []
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            if text.strip():
                want.append(" ".join(text.split()))
        elif child.tag == qn("w:tbl"):
            want.extend(" ".join("".join(t.text or "" for t in tc.iter(qn("w:t"))).split())
                        for tc in child.iter(qn("w:tc")))
    copy = tmp_path / "panjshir.docx"
    copy.write_bytes(sample("panjshir.docx").read_bytes())
    pdf = to_pdf(copy, tmp_path)
    got = [b.text for b in Pdf().load(pdf.read_bytes(), pdf.name).blocks]
    assert got == want
