"""Excel through openpyxl: text cells (shared, inline, rich), formulas and numbers
untouched, the right-to-left export, what the import report names, refusals, and the
project's hand-offs (bilingual, XLIFF, review)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from lxml import etree
from openpyxl.cell.rich_text import CellRichText, TextBlock

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.registry import detect, sniff
from desktop_app.core.documents.xlsx import Xlsx
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from tests.fixtures.office import (
    TEXT_BOX,
    build_xlsx,
    pdf_text,
    rewrite_part,
    soffice_pdf,
    with_inline_string,
)
from tests.fixtures.sessions import import_review

DARI = "ولایت پنجشیر"


def book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), rich_text=True)


def test_text_cells_are_blocks_and_the_rest_is_reported() -> None:
    data = with_inline_string(build_xlsx(), "D1", "Written inline")
    imported = Xlsx().load(data, "budget.xlsx")
    by_id = {b.id: b for b in imported.blocks}
    assert sorted(by_id) == ["1!A1", "1!A2", "1!A3", "1!B1", "1!C1", "1!C2", "1!D1", "2!A1"]
    assert by_id["1!C2"].text == "Paid ⟨1⟩in full⟨/1⟩ today"  # rich text: the bold run
    assert by_id["1!D1"].text == "Written inline"
    assert by_id["1!A1"].kind == "cell" and by_id["1!A1"].meta == {"sheet": "Budget"}
    # the formula, the number and the code without a letter are not blocks
    assert not {"1!B2", "1!B3", "1!C3", "1!D2"} & set(by_id)
    assert imported.notes == [
        "1 cell comment is not translated",
        '1 formula writes text in quotes (=IF(…;"Yes";…)) that is not translated',
        "1 input message or error alert (data validation) is not translated",
        "sheet names are not translated (formulas and links refer to them): Budget",
        "sheet Budget: the printed header and footer are not translated",
        "sheet Budget: 1 chart is not translated (its titles and labels stay as they are)"]


def test_untranslated_round_trip_keeps_values_formulas_and_rich_text() -> None:
    data = build_xlsx()
    fmt = Xlsx()
    imported = fmt.load(data, "budget.xlsx")
    out = fmt.save(data, "budget.xlsx", {b.id: b.text for b in imported.blocks}, "en")
    before, after = book(data), book(out)
    for a, b in zip(before.worksheets, after.worksheets, strict=True):
        assert [[str(c.value) for c in row] for row in a.iter_rows()] == [
            [str(c.value) for c in row] for row in b.iter_rows()]
        assert not b.sheet_view.rightToLeft


def test_dari_export_is_right_to_left_and_leaves_numbers_and_formulas() -> None:
    data = with_inline_string(build_xlsx(), "D1", "Written inline")
    fmt = Xlsx()
    imported = fmt.load(data, "budget.xlsx")
    targets = {b.id: DARI for b in imported.blocks}
    targets["1!C2"] = "پرداخت ⟨1⟩کامل⟨/1⟩ امروز"
    targets["1!A3"] = "=مجموع"  # text that looks like a formula stays text
    out = fmt.save(data, "budget.xlsx", targets, "dari")
    sheet = book(out)["Budget"]
    assert sheet.sheet_view.rightToLeft and book(out)["Sheet2"].sheet_view.rightToLeft
    assert sheet["B2"].value == 1200 and sheet["B3"].value == "=SUM(B2:B2)"
    assert sheet["C3"].value == "2024-01" and sheet["A3"].value == "=مجموع"
    assert sheet["A3"].data_type == "s"
    assert sheet["A1"].value == DARI and sheet["D1"].value == DARI
    assert sheet["A1"].alignment.readingOrder == 2  # right to left
    rich = sheet["C2"].value
    assert isinstance(rich, CellRichText)
    assert [(p.text, p.font.b) if isinstance(p, TextBlock) else (p, None) for p in rich] == [
        ("پرداخت ", None), ("کامل", True), (" امروز", None)]
    assert sheet["A2"].comment.text == "Check this number"  # kept, as reported
    assert len(sheet._charts) == 1
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml")
    view = etree.fromstring(xml).find(".//{*}sheetView")
    assert view.get("rightToLeft") in ("1", "true")
    again = fmt.load(out, "budget.fa.xlsx")
    assert {b.id for b in again.blocks} == set(targets)


def test_sniffed_and_refused_with_one_line() -> None:
    data = build_xlsx()
    assert sniff(data) == "xlsx"
    assert detect(Path("budget.bin"), data).name == "xlsx"
    for bad in (b"PK\x03\x04 broken", b"not a workbook"):
        with pytest.raises(DocumentError) as exc:
            Xlsx().load(bad, "budget.xlsx")
        assert "\n" not in str(exc.value) and "budget.xlsx" in str(exc.value)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("ppt/presentation.xml", "<p/>")
    with pytest.raises(DocumentError, match="Excel workbook"):
        Xlsx().load(out.getvalue(), "budget.xlsx")


def test_a_text_box_on_a_sheet_is_reported_and_strict_xml_refused() -> None:
    data = rewrite_part(build_xlsx(), "xl/drawings/drawing1.xml",
                        lambda xml: xml.replace("</wsDr>", TEXT_BOX + "</wsDr>"))
    imported = Xlsx().load(data, "budget.xlsx")
    assert ("1 text box or shape with text drawn on a sheet is not translated, and the export "
            "leaves it out (the workbook library cannot keep it)") in imported.notes
    strict = rewrite_part(build_xlsx(), "xl/workbook.xml", lambda xml: xml.replace(
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main"))
    with pytest.raises(DocumentError, match="Strict Open XML") as exc:
        Xlsx().load(strict, "budget.xlsx")
    assert "\n" not in str(exc.value) and "Save As" in str(exc.value)


def test_project_hand_offs_work_for_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    path.write_bytes(build_xlsx())
    project = Project.create(path, "dari", path=tmp_path / "budget.tarjuman")
    segs = project.segments()
    assert project.info().format == "xlsx" and len(segs) == 7
    for seg in segs:
        project.set_target(seg.id, DARI if "⟨" not in seg.source else "پرداخت ⟨1⟩کامل⟨/1⟩")
    export(project, tmp_path / "side.docx", bilingual=True)
    export(project, tmp_path / "side.html", bilingual=True)
    assert "Province" in (tmp_path / "side.html").read_text("utf-8")
    export(project, tmp_path / "budget.xlf")
    xlf = etree.parse(str(tmp_path / "budget.xlf"))
    target = next(t for t in xlf.getroot().iter("{*}target") if "".join(t.itertext()) == DARI)
    target.text = "ولایت زیبای پنجشیر"
    xlf.write(str(tmp_path / "back.xlf"), xml_declaration=True, encoding="UTF-8")
    import_review(project, tmp_path / "back.xlf", confirm=True, reviewer="Farida")
    changed = [s for s in project.segments() if s.target == "ولایت زیبای پنجشیر"]
    assert len(changed) == 1 and changed[0].status is Status.CONFIRMED
    export(project, tmp_path / "budget.fa.xlsx")
    out = book((tmp_path / "budget.fa.xlsx").read_bytes())
    values = [str(c.value) for s in out.worksheets for row in s.iter_rows() for c in row]
    assert "ولایت زیبای پنجشیر" in values and "Province" not in values
    assert not any("Second sheet" in v for v in values)
    project.close()


def test_export_opens_in_libreoffice(tmp_path: Path) -> None:
    data = build_xlsx()
    fmt = Xlsx()
    imported = fmt.load(data, "budget.xlsx")
    path = tmp_path / "budget.fa.xlsx"
    path.write_bytes(fmt.save(data, "budget.xlsx", {b.id: DARI for b in imported.blocks},
                             "dari"))
    pdf = soffice_pdf(path, tmp_path)
    text = pdf_text(pdf)
    if text:
        assert "پنجشیر" in text and "Province" not in text and "1200" in text
