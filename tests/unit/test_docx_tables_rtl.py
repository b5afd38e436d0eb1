"""A Dari or Pashto docx has its tables mirrored: the first column on the right."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml.ns import qn

from desktop_app.core.documents.docx import TBLPR_ORDER, Docx


def source_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Families who fled the valley.")
    table = document.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for c, text in enumerate(("Province", "Families", "Status")):
        table.cell(0, c).text = text
    for c, text in enumerate(("Panjshir", "1,200", "Displaced")):
        table.cell(1, c).text = text
    table.cell(1, 2).add_table(rows=1, cols=2).cell(0, 0).text = "Nested"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def tables(data: bytes) -> list:
    return list(docx.Document(io.BytesIO(data)).element.body.iter(qn("w:tbl")))


def test_rtl_export_mirrors_every_table_in_schema_order(tmp_path: Path) -> None:
    data = source_docx()
    blocks = Docx().load(data, "a.docx").blocks
    assert all(tbl.tblPr.find(qn("w:bidiVisual")) is None for tbl in tables(data))
    targets = {b.id: "ترجمه " + b.text for b in blocks}
    for lang in ("prs", "ps"):
        out = Docx().save(data, "a.docx", targets, lang)
        found = tables(out)
        assert len(found) == 2  # the nested table too
        for tbl in found:
            names = [child.tag.split("}")[1] for child in tbl.tblPr]
            assert "bidiVisual" in names
            order = [TBLPR_ORDER.index(f"w:{n}") for n in names]
            assert order == sorted(order), names  # Word refuses children out of order
        again = Docx().save(out, "a.docx", targets, lang)  # marked once, not twice
        assert [len(t.tblPr.findall(qn("w:bidiVisual"))) for t in tables(again)] == [1, 1]
    # the text of the cells is still where it was: only the view is mirrored
    cells = docx.Document(io.BytesIO(out)).tables[0].rows[0].cells
    assert [c.text for c in cells] == ["ترجمه Province", "ترجمه Families", "ترجمه Status"]
