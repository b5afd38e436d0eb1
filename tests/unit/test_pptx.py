"""PowerPoint through python-pptx: what is imported, the right-to-left export, text that no
longer fits, SmartArt, refusals, and the project's hand-offs (bilingual, XLIFF, review)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from desktop_app.core.documents.base import DocumentError, strip_tags
from desktop_app.core.documents.pptx import Pptx
from desktop_app.core.documents.pptx_fit import fit_report
from desktop_app.core.documents.registry import detect, sniff
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from tests.fixtures.office import SMARTART, build_pptx, pdf_text, soffice_pdf
from tests.fixtures.sessions import import_review

DARI = "دره پنجشیر"


def texts(data: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(data))
    out = []
    for slide in prs.slides:
        for p in slide.shapes._spTree.iter(qn("a:p")):
            out.append("".join(t.text or "" for t in p.iter(qn("a:t"))))
    return out


def dari_targets(imported: object) -> dict[str, str]:
    return {b.id: b.text.replace(strip_tags(b.text), DARI) if "⟨" not in b.text else
            f"{DARI} ⟨1⟩جریان⟨/1⟩ دارد."
            for b in imported.blocks}  # type: ignore[attr-defined]


def test_slides_notes_groups_tables_and_smartart_are_imported() -> None:
    data = build_pptx(smartart=True)
    imported = Pptx().load(data, "deck.pptx")
    by_text = {b.text: b for b in imported.blocks}
    assert by_text["Panjshir Valley"].kind == "title"
    assert by_text["Rivers ⟨1⟩flow⟨/1⟩ south."].kind == "p"  # bold word as a tag
    assert by_text["Speak slowly about the river."].meta == {"slide": 1, "speaker_notes": 1}
    assert "Inside a group" in by_text and "Short box" in by_text
    assert "See the ⟨1⟩map⟨/1⟩ of the valley." in by_text  # a link is a tag
    assert by_text["A box of notes inside a group"].kind == "attr"  # alternative text
    assert "IMG_0012.JPG" not in by_text
    assert [b.kind for b in imported.blocks if b.text in ("Province", "Bazarak")] == [
        "cell", "cell"]
    assert all(text in by_text for text in SMARTART)
    assert by_text["Confidential draft"].id.startswith("m1l") and by_text[
        "Confidential draft"].meta == {"layout": 1}
    # the layout's placeholder prompts are not text a reader sees
    assert not any(b.text.startswith("Click to edit") for b in imported.blocks)
    # the chart's text is not translated, and the report says so
    assert imported.notes == [
        "slide 2: 1 chart is not translated (its titles and labels stay as they are)"]
    assert not any("Visitors" in b.text or "Spring" in b.text for b in imported.blocks)


def test_untranslated_round_trip_keeps_text_and_bold_runs() -> None:
    data = build_pptx()
    fmt = Pptx()
    imported = fmt.load(data, "deck.pptx")
    out = fmt.save(data, "deck.pptx", {b.id: b.text for b in imported.blocks}, "en")
    assert texts(out) == texts(data)
    runs = [(r.text, r.font.bold) for r in Presentation(io.BytesIO(out)).slides[0]
            .placeholders[1].text_frame.paragraphs[1].runs]
    assert runs == [("Rivers ", None), ("flow", True), (" south.", None)]


def test_dari_export_is_right_to_left_everywhere() -> None:
    data = build_pptx(smartart=True)
    fmt = Pptx()
    imported = fmt.load(data, "deck.pptx")
    out = fmt.save(data, "deck.pptx", dari_targets(imported), "dari")
    again = fmt.load(out, "deck.fa.pptx")
    assert [b.id for b in again.blocks] == [b.id for b in imported.blocks]
    assert {strip_tags(b.text) for b in again.blocks} == {DARI, f"{DARI} جریان دارد."}
    prs = Presentation(io.BytesIO(out))
    tagged = prs.slides[0].placeholders[1].text_frame.paragraphs[1]
    assert [(r.text, r.font.bold) for r in tagged.runs] == [
        (f"{DARI} ", None), ("جریان", True), (" دارد.", None)]
    slide_paragraphs = [p for s in prs.slides for p in s.shapes._spTree.iter(qn("a:p"))
                        if "".join(p.itertext()).strip()]
    notes = prs.slides[0].notes_slide.notes_text_frame._txBody
    for p in [*slide_paragraphs, *notes.iter(qn("a:p"))]:
        ppr = p.find(qn("a:pPr"))
        assert ppr is not None and ppr.get("rtl") == "1"
        for rpr in p.iter(qn("a:rPr")):
            assert rpr.get("lang") == "fa-AF"
            assert rpr.find(qn("a:cs")).get("typeface") == "Noto Sans Arabic"
            # a:cs stands where the schema puts it: after a:latin, before a:hlinkClick
            order = [etree.QName(c).localname for c in rpr]
            assert order.index("cs") == len(order) - 1 or order[order.index("cs") + 1] in (
                "sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")
    body = prs.slides[0].placeholders[1].text_frame.paragraphs[0]._p.find(qn("a:pPr"))
    assert body.get("algn") == "r"  # a body paragraph goes to the right
    title = prs.slides[0].shapes.title.text_frame.paragraphs[0]._p.find(qn("a:pPr"))
    assert title.get("algn") is None  # a title keeps its layout's alignment
    layout = prs.slides[0].slide_layout.shapes._spTree
    marked = [p for p in layout.iter(qn("a:p")) if DARI in "".join(p.itertext())]
    assert len(marked) == 1 and marked[0].find(qn("a:pPr")).get("rtl") == "1"
    assert any("Click to edit" in "".join(p.itertext()) for p in layout.iter(qn("a:p")))
    alts = [el.get("descr") for el in prs.slides[1].shapes._spTree.iter(qn("p:cNvPr"))
            if el.get("descr")]
    assert alts == ["IMG_0012.JPG", DARI]
    link = prs.slides[0].placeholders[1].text_frame.paragraphs[2].runs
    assert [(r.text, r.hyperlink.address) for r in link] == [
        (f"{DARI} ", None), ("جریان", "https://example.org/map"), (" دارد.", None)]
    tbl = next(prs.slides[1].shapes._spTree.iter(qn("a:tbl")))
    assert tbl.find(qn("a:tblPr")).get("rtl") == "1"  # first column on the right
    # SmartArt: the data part and the drawing viewers show both carry the translation
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        for part in ("ppt/diagrams/data1.xml", "ppt/diagrams/drawing1.xml"):
            xml = zf.read(part).decode()
            assert DARI in xml and not any(text in xml for text in SMARTART), part
            assert 'rtl="1"' in xml and 'lang="fa-AF"' in xml


def test_a_title_its_master_aligns_left_goes_right() -> None:
    prs = Presentation(io.BytesIO(build_pptx()))
    styles = prs.slide_masters[0].element.find(qn("p:txStyles"))
    styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr")).set("algn", "l")
    data = io.BytesIO()
    prs.save(data)
    fmt = Pptx()
    imported = fmt.load(data.getvalue(), "deck.pptx")
    out = fmt.save(data.getvalue(), "deck.pptx", {b.id: DARI for b in imported.blocks}, "dari")
    title = Presentation(io.BytesIO(out)).slides[0].shapes.title.text_frame.paragraphs[0]._p
    assert title.find(qn("a:pPr")).get("algn") == "r"


def test_pashto_export_is_marked_ps_af() -> None:
    data = build_pptx()
    fmt = Pptx()
    imported = fmt.load(data, "deck.pptx")
    out = fmt.save(data, "deck.pptx", {b.id: "د پنجشیر دره" for b in imported.blocks}, "pashto")
    langs = {rpr.get("lang") for s in Presentation(io.BytesIO(out)).slides
             for rpr in s.shapes._spTree.iter(qn("a:rPr"))}
    assert langs == {"ps-AF"}


def test_text_that_no_longer_fits_its_box_is_reported_and_shrunk() -> None:
    data = build_pptx()
    fmt = Pptx()
    imported = fmt.load(data, "deck.pptx")
    box = next(b for b in imported.blocks if b.text == "Short box")
    long = "متن بسیار طولانی که دیگر در این جعبه کوچک جا نمی‌شود و از آن بیرون می‌زند " * 2
    targets = {b.id: DARI for b in imported.blocks}
    assert fit_report(data, "deck.pptx", targets) == []  # short translations fit
    targets[box.id] = long
    report = fit_report(data, "deck.pptx", targets)
    assert len(report) == 1 and report[0].startswith("slide 2: ") and "shrunk" in report[0]
    out = fmt.save(data, "deck.pptx", targets, "dari")
    shape = next(s for s in Presentation(io.BytesIO(out)).slides[1].shapes
                 if s.has_text_frame and s.text_frame.text == long)
    fit = shape.text_frame._txBody.bodyPr.find(qn("a:normAutofit"))
    assert fit is not None and 25000 <= int(fit.get("fontScale")) < 100000
    assert shape.text_frame._txBody.bodyPr.find(qn("a:noAutofit")) is None
    # a one-line box (no wrapping, grows sideways) wraps inside its width instead
    grouped = next(b for b in imported.blocks if b.text == "Inside a group")
    targets[grouped.id] = long
    report = fit_report(data, "deck.pptx", targets)
    assert len(report) == 2 and "one-line text box" in report[1] and "wraps" in report[1]
    out = fmt.save(data, "deck.pptx", targets, "dari")
    group = next(g for g in Presentation(io.BytesIO(out)).slides[1].shapes
                 if g.shape_type == MSO_SHAPE_TYPE.GROUP)
    body = group.shapes[0].text_frame._txBody.bodyPr
    assert body.get("wrap") == "square"


def test_sniffed_and_refused_with_one_line(tmp_path: Path) -> None:
    data = build_pptx()
    assert sniff(data) == "pptx"
    assert detect(Path("deck.bin"), data).name == "pptx"
    for bad in (b"PK\x03\x04 not a zip at all", b"plain text"):
        with pytest.raises(DocumentError) as exc:
            Pptx().load(bad, "deck.pptx")
        assert "\n" not in str(exc.value) and "deck.pptx" in str(exc.value)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(DocumentError, match="PowerPoint presentation"):
        Pptx().load(out.getvalue(), "deck.pptx")
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(bomb, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "ppt/slides/slide1.xml":
                body = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + body
            dst.writestr(info, body)
    with pytest.raises(DocumentError, match="entities"):
        Pptx().load(bomb.getvalue(), "deck.pptx")


def test_project_hand_offs_work_for_a_presentation(tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_pptx())
    project = Project.create(deck, "dari", path=tmp_path / "deck.tarjuman")
    segs = project.segments()
    assert project.info().format == "pptx" and len(segs) >= 10
    tagged = next(s for s in segs if "⟨1⟩" in s.source)
    for seg in segs:
        project.set_target(seg.id, DARI if seg is not tagged else f"{DARI} ⟨1⟩جریان⟨/1⟩.")
    export(project, tmp_path / "side.docx", bilingual=True)
    export(project, tmp_path / "side.html", bilingual=True)
    assert DARI in (tmp_path / "side.html").read_text("utf-8")
    export(project, tmp_path / "deck.xlf")
    xlf = etree.parse(str(tmp_path / "deck.xlf"))
    target = next(t for t in xlf.getroot().iter("{*}target") if "".join(t.itertext()) == DARI)
    target.text = "دره زیبای پنجشیر"
    xlf.write(str(tmp_path / "back.xlf"), xml_declaration=True, encoding="UTF-8")
    report = import_review(project, tmp_path / "back.xlf", confirm=True, reviewer="Farida")
    assert report.lines()
    changed = [s for s in project.segments() if s.target == "دره زیبای پنجشیر"]
    assert len(changed) == 1 and changed[0].status is Status.CONFIRMED
    export(project, tmp_path / "deck.fa.pptx")
    out = texts((tmp_path / "deck.fa.pptx").read_bytes())
    assert "دره زیبای پنجشیر" in out and not any("Panjshir" in t or "valley" in t for t in out)
    project.close()


def test_export_opens_in_libreoffice(tmp_path: Path) -> None:
    data = build_pptx(smartart=True)
    fmt = Pptx()
    imported = fmt.load(data, "deck.pptx")
    path = tmp_path / "deck.fa.pptx"
    path.write_bytes(fmt.save(data, "deck.pptx", dari_targets(imported), "dari"))
    pdf = soffice_pdf(path, tmp_path)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+2$", info, re.MULTILINE), info
    text = pdf_text(pdf)
    if text:
        assert "پنجشیر" in text and "Panjshir" not in text and "Inside a group" not in text
        assert "Confidential" not in text


def test_cli_names_what_is_not_translated_and_what_no_longer_fits(cli_inproc,
                                                                  tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_pptx())
    proj = tmp_path / "deck.tarjuman"
    r = cli_inproc("project", "new", str(deck), "--to", "dari", "-o", str(proj))
    assert r.returncode == 0, r.stderr
    assert "note: slide 2: 1 chart is not translated" in r.stdout
    with Project.open(proj) as project:
        box = next(s for s in project.segments() if s.source == "Short box")
        project.set_target(box.id, "متن بسیار طولانی که دیگر در این جعبه کوچک جا نمی‌شود " * 3)
    r = cli_inproc("project", "export", str(proj), "-o", str(tmp_path / "deck.fa.pptx"))
    assert r.returncode == 0, r.stderr
    assert "slide 2: the translation of the text box" in r.stderr and "shrunk" in r.stderr


def test_translate_command_translates_a_deck_and_names_the_chart(cli, tiny_argos: Path,
                                                                 tmp_path: Path) -> None:
    assert cli("models", "install", str(tiny_argos)).returncode == 0
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_pptx())
    out = tmp_path / "deck.fa-AF.pptx"
    r = cli("translate", str(deck), "--to", "dari", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "note: slide 2: 1 chart is not translated" in r.stderr
    prs = Presentation(str(out))
    ppr = prs.slides[0].placeholders[1].text_frame.paragraphs[0]._p.find(qn("a:pPr"))
    assert ppr.get("rtl") == "1"
    assert {rpr.get("lang") for rpr in prs.slides[0].shapes._spTree.iter(qn("a:rPr"))} == {
        "fa-AF"}


def test_a_slide_number_is_a_standalone_tag_kept_in_place() -> None:
    prs = Presentation(io.BytesIO(build_pptx()))
    box = prs.slides[0].shapes.add_textbox(0, 0, 914400, 300000)
    alone = box.text_frame.paragraphs[0]._p
    page = box.text_frame.add_paragraph()
    page.add_run().text = "Page "
    for p in (alone, page._p):
        fld = etree.SubElement(p, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                               type="slidenum")
        etree.SubElement(fld, qn("a:t")).text = "1"
    data = io.BytesIO()
    prs.save(data)
    fmt = Pptx()
    imported = fmt.load(data.getvalue(), "deck.pptx")
    numbered = [b for b in imported.blocks if "⟨" in b.text and "/⟩" in b.text]
    assert [b.text for b in numbered] == ["Page ⟨1/⟩"]  # the number alone is no segment
    out = fmt.save(data.getvalue(), "deck.pptx", {numbered[0].id: "صفحه ⟨1/⟩"}, "dari")
    again = Presentation(io.BytesIO(out)).slides[0].shapes[-1].text_frame.paragraphs[1]._p
    assert [etree.QName(c).localname for c in again if etree.QName(c).localname != "pPr"] == [
        "r", "fld"]
    assert again.find(qn("a:fld")).get("type") == "slidenum"
