"""Word files as Word shows them: tracked changes, every header and footer, text boxes
written twice, objects kept in place, and what is not translated named in the report.
Every fixture is built here with python-docx and lxml."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.docx import Docx
from desktop_app.core.documents.docx_runs import visible_text

FMT = Docx()
NS = nsdecls("w", "wp", "a", "r") + (
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"')
DARI = "متن دری"


def save(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_body(*paragraphs: str) -> bytes:
    """A document whose body holds the given ``w:p`` XML (namespaces added here)."""
    document = docx.Document()
    body = document.element.body
    for xml in paragraphs:
        body.insert(len(body) - 1, parse_xml(xml.replace("<w:p>", f"<w:p {NS}>", 1)))
    return save(document)


def blocks(data: bytes) -> dict[str, str]:
    return {b.id: b.text for b in FMT.load(data, "x.docx").blocks}


def part_xml(data: bytes, name: str = "word/document.xml") -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


TRACKED = ('<w:p><w:r><w:t xml:space="preserve">Kept </w:t></w:r>'
           '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r>'
           '<w:t xml:space="preserve">inserted words </w:t></w:r></w:ins>'
           '<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r>'
           '<w:delText>deleted words</w:delText></w:r></w:del>'
           '<w:moveFrom w:id="3" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r>'
           '<w:t>moved away</w:t></w:r></w:moveFrom>'
           '<w:moveTo w:id="4" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r>'
           '<w:t>moved here</w:t></w:r></w:moveTo></w:p>')


def test_tracked_changes_are_read_as_word_shows_them_and_reported() -> None:
    data = with_body(TRACKED)
    imported = FMT.load(data, "changes.docx")
    assert [b.text for b in imported.blocks] == ["Kept inserted words moved here"]
    assert any("4 tracked changes" in note for note in imported.notes), imported.notes


def test_export_accepts_every_tracked_change() -> None:
    data = with_body(TRACKED, '<w:p><w:del w:id="9" w:author="A"><w:r><w:delText>Gone'
                              '</w:delText></w:r></w:del></w:p>')
    out = FMT.save(data, "x.docx", {"body:0": DARI}, "dari")
    xml = part_xml(out)
    for tag in ("w:ins ", "w:del ", "w:moveFrom", "w:moveTo", "w:delText", "Gone", "moved"):
        assert tag not in xml, tag
    assert [p.text for p in docx.Document(io.BytesIO(out)).paragraphs if p.text] == [DARI]


def test_objects_stay_in_place_and_fields_keep_their_code() -> None:
    data = with_body(
        '<w:p><w:r><w:t xml:space="preserve">See page </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGEREF intro </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve"> and the note</w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r></w:p>')
    text = blocks(data)["body:0"]
    assert text == "See page ⟨1/⟩7⟨2/⟩ and the note⟨3/⟩."
    out = FMT.save(data, "x.docx", {"body:0": "صفحهٔ ⟨1/⟩۷⟨2/⟩ و یادداشت⟨3/⟩."}, "dari")
    p = docx.Document(io.BytesIO(out)).paragraphs[0]._p
    kinds = [c.tag for r in p.iter(qn("w:r")) for c in r if c.tag != qn("w:rPr")]
    assert kinds == [qn("w:t"), qn("w:fldChar"), qn("w:instrText"), qn("w:fldChar"), qn("w:t"),
                     qn("w:fldChar"), qn("w:t"), qn("w:footnoteReference"), qn("w:t")]
    assert "PAGEREF intro" in part_xml(out)
    # a target that lost an object's tag still keeps the object (at the end)
    out = FMT.save(data, "x.docx", {"body:0": "صفحهٔ ۷"}, "dari")
    assert 'w:footnoteReference w:id="1"' in part_xml(out)
    assert "PAGEREF" in part_xml(out)


def test_every_header_and_footer_type_is_imported_and_translated() -> None:
    document = docx.Document()
    document.add_paragraph("Body text.")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    document.settings.odd_and_even_pages_header_footer = True
    section.header.paragraphs[0].text = "Odd header"
    section.first_page_header.paragraphs[0].text = "First page header"
    section.even_page_header.paragraphs[0].text = "Even page header"
    section.footer.paragraphs[0].text = "Odd footer"
    section.first_page_footer.paragraphs[0].text = "First page footer"
    section.even_page_footer.paragraphs[0].text = "Even page footer"
    data = save(document)
    got = blocks(data)
    assert got == {"body:0": "Body text.", "hdr0:0": "Odd header", "ftr0:0": "Odd footer",
                   "hdr0first:0": "First page header", "ftr0first:0": "First page footer",
                   "hdr0even:0": "Even page header", "ftr0even:0": "Even page footer"}
    out = FMT.save(data, "x.docx", {k: DARI for k in got}, "dari")
    s = docx.Document(io.BytesIO(out)).sections[0]
    for part in (s.header, s.first_page_header, s.even_page_header, s.footer,
                 s.first_page_footer, s.even_page_footer):
        assert [p.text for p in part.paragraphs] == [DARI]


TEXT_BOX = (
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline>'
    '<wp:extent cx="1" cy="1"/><wp:docPr id="1" name="Box"/><a:graphic><a:graphicData '
    'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    '<wps:txbx><w:txbxContent><w:p><w:r><w:t>Box text</w:t></w:r></w:p></w:txbxContent>'
    '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Box text</w:t>'
    '</w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
    '</mc:AlternateContent></w:r><w:r><w:t xml:space="preserve"> Caption.</w:t></w:r></w:p>')


def test_a_text_box_written_twice_is_read_once_and_both_copies_are_translated() -> None:
    data = with_body(TEXT_BOX)
    got = blocks(data)
    assert list(got.values()) == ["⟨1/⟩ Caption.", "Box text"]
    box = next(k for k, v in got.items() if v == "Box text")
    out = FMT.save(data, "x.docx", {"body:0": "⟨1/⟩ زیرنویس.", box: DARI}, "dari")
    xml = part_xml(out)
    assert "Box text" not in xml and "Caption" not in xml
    root = docx.Document(io.BytesIO(out)).element.body
    boxes = list(root.iter(qn("w:txbxContent")))
    assert len(boxes) == 2 and all(visible_text(b.find(qn("w:p"))) == DARI for b in boxes)


def test_what_is_not_translated_is_named() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Reviewed sentence.")
    document.add_comment(paragraph.runs, text="Check this figure.", author="Editor")
    document.core_properties.title = "Annual report"
    chart = Part(PackURI("/word/charts/chart1.xml"),
                 "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
                 b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/'
                 b'chart"><c:v>Refugees by year</c:v></c:chartSpace>', document.part.package)
    document.part.relate_to(chart, "http://schemas.openxmlformats.org/officeDocument/2006/"
                                   "relationships/chart")
    notes = FMT.load(save(document), "report.docx").notes
    assert any("1 comment" in n for n in notes), notes
    assert any("chart" in n for n in notes), notes
    assert any("title" in n for n in notes), notes


def test_a_document_without_such_parts_reports_nothing() -> None:
    document = docx.Document()
    document.add_paragraph("Plain text.")
    assert FMT.load(save(document), "plain.docx").notes == []


def test_rtl_runs_get_every_complex_script_twin() -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("Small bold italic")
    run.bold, run.italic = True, False
    run.font.size = docx.shared.Pt(8)
    run.font.name = "Calibri"
    style = document.styles["Normal"]
    style.font.size = docx.shared.Pt(11)
    style.font.bold = False
    for lang, tag in (("dari", "fa-AF"), ("pashto", "ps-AF")):
        out = FMT.save(save(document), "x.docx", {"body:0": "⟨1⟩متن⟨/1⟩"}, lang)
        result = docx.Document(io.BytesIO(out))
        rpr = result.paragraphs[0].runs[0]._r.find(qn("w:rPr"))
        assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "16"
        assert rpr.find(qn("w:bCs")) is not None
        assert rpr.find(qn("w:iCs")).get(qn("w:val")) in ("0", "false")
        assert rpr.find(qn("w:rFonts")).get(qn("w:cs"))
        assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == tag
        assert rpr.find(qn("w:rtl")) is not None
        normal = result.styles["Normal"].element.find(qn("w:rPr"))
        assert normal.find(qn("w:szCs")).get(qn("w:val")) == "22"
        assert normal.find(qn("w:bCs")).get(qn("w:val")) in ("0", "false")


def test_strict_open_xml_is_refused_with_what_to_do() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/relationships"><Relationship Id="rId1" Type="http://purl.'
                    'oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="word/'
                    'document.xml"/></Relationships>')
        zf.writestr("word/document.xml", '<w:document xmlns:w="http://purl.oclc.org/ooxml/'
                    'wordprocessingml/main"><w:body/></w:document>')
    with pytest.raises(DocumentError, match=r"Strict Open XML.*Save As > Word Document"):
        FMT.load(buf.getvalue(), "strict.docx")


def test_the_import_report_is_kept_in_the_project_and_printed(cli_inproc, tmp_path) -> None:
    from desktop_app.core.project import Project

    source = tmp_path / "changes.docx"
    source.write_bytes(with_body(TRACKED))
    done = cli_inproc("project", "new", str(source), "--to", "dari")
    assert done.returncode == 0, done.stderr
    assert "note: changes.docx: the document has 4 tracked changes" in done.stdout
    with Project.open(tmp_path / "changes.docx.tarjuman") as project:
        assert project.import_notes() == FMT.load(source.read_bytes(), "changes.docx").notes


def test_a_deleted_paragraph_mark_joins_the_next_paragraph_on_export() -> None:
    data = with_body(
        '<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="A"/></w:rPr></w:pPr>'
        '<w:r><w:t xml:space="preserve">First half </w:t></w:r></w:p>',
        "<w:p><w:r><w:t>second half.</w:t></w:r></w:p>",
        '<w:p><w:pPr><w:rPr><w:del w:id="6" w:author="A"/></w:rPr></w:pPr>'
        '<w:del w:id="7" w:author="A"><w:r><w:delText>All gone</w:delText></w:r></w:del></w:p>',
        "<w:p><w:r><w:t>Last.</w:t></w:r></w:p>")
    assert list(blocks(data).values()) == ["First half ", "second half.", "Last."]
    out = FMT.save(data, "x.docx", {"body:0": "نیمهٔ اول ", "body:1": "نیمهٔ دوم.",
                                    "body:3": "آخر."}, "dari")
    texts = [p.text for p in docx.Document(io.BytesIO(out)).paragraphs]
    assert texts == ["نیمهٔ اول نیمهٔ دوم.", "آخر."]


def test_links_simple_fields_and_wrappers_are_rebuilt_around_the_translation() -> None:
    data = with_body(
        '<w:p><w:smartTag w:uri="urn:x" w:element="place"><w:r><w:t xml:space="preserve">'
        'Read </w:t></w:r></w:smartTag><w:hyperlink r:id="rId99" w:history="1"><w:r>'
        '<w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>the report</w:t></w:r>'
        '</w:hyperlink><w:r><w:t xml:space="preserve"> on page </w:t></w:r>'
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>4</w:t></w:r></w:fldSimple>'
        '<w:sdt><w:sdtPr><w:alias w:val="Date"/></w:sdtPr><w:sdtContent><w:r>'
        '<w:t xml:space="preserve"> today</w:t></w:r></w:sdtContent></w:sdt></w:p>')
    assert blocks(data)["body:0"] == "Read ⟨1⟩the report⟨/1⟩ on page ⟨2⟩4⟨/2⟩ today"
    out = FMT.save(data, "x.docx", {"body:0": "⟨1⟩گزارش⟨/1⟩ را در صفحهٔ ⟨2⟩۴⟨/2⟩ امروز بخوانید"},
                   "dari")
    p = docx.Document(io.BytesIO(out)).paragraphs[0]._p
    link = p.find(qn("w:hyperlink"))
    assert link.get(qn("r:id")) == "rId99" and visible_text(p).startswith("گزارش")
    assert link.find(f"{qn('w:r')}/{qn('w:rPr')}/{qn('w:rStyle')}").get(qn("w:val")) == \
        "Hyperlink"
    assert p.find(qn("w:fldSimple")).get(qn("w:instr")) == " PAGE "
    assert visible_text(p) == "گزارش را در صفحهٔ ۴ امروز بخوانید"
    assert "Read" not in part_xml(out) and "today" not in part_xml(out)


def test_an_object_the_target_lost_goes_back_before_the_next_one() -> None:
    data = with_body(
        '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    assert blocks(data)["body:0"] == "Page ⟨1/⟩2⟨2/⟩"
    out = FMT.save(data, "x.docx", {"body:0": "صفحهٔ ۲⟨2/⟩"}, "dari")  # begin lost
    p = docx.Document(io.BytesIO(out)).paragraphs[0]._p
    kinds = [(c.tag, c.get(qn("w:fldCharType"))) for r in p.iter(qn("w:r")) for c in r
             if c.tag != qn("w:rPr")]
    assert kinds == [(qn("w:t"), None), (qn("w:fldChar"), "begin"), (qn("w:instrText"), None),
                     (qn("w:fldChar"), "separate"), (qn("w:fldChar"), "end")]


def test_properties_that_fields_print_are_translated_with_the_text() -> None:
    document = docx.Document()
    document.core_properties.subject = "Flood response"
    document.core_properties.title = "Internal draft"  # no field shows it: reported
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:p {NS}><w:r><w:t xml:space="preserve">Subject: </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' SUBJECT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>Flood response</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:fldSimple w:instr=\' DOCPROPERTY "Region" \'><w:r><w:t>North</w:t></w:r>'
        "</w:fldSimple></w:p>"))
    custom = Part(PackURI("/docProps/custom.xml"),
                  "application/vnd.openxmlformats-officedocument.custom-properties+xml",
                  b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                  b'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
                  b'officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-'
                  b'9397-08002B2CF9AE}" pid="2" name="Region"><vt:lpwstr>North</vt:lpwstr>'
                  b"</property></Properties>", document.part.package)
    document.part.package.relate_to(custom, "http://schemas.openxmlformats.org/"
                                            "officeDocument/2006/relationships/custom-properties")
    data = save(document)
    imported = FMT.load(data, "props.docx")
    got = {b.id: b.text for b in imported.blocks}
    assert got["props:subject"] == "Flood response"
    assert got["props:custom:Region"] == "North"
    assert "props:title" not in got and any("title" in n for n in imported.notes)
    out = FMT.save(data, "x.docx", {**{k: DARI for k in got}, "props:custom:Region": "شمال"},
                   "dari")
    result = docx.Document(io.BytesIO(out))
    assert result.core_properties.subject == DARI
    assert result.core_properties.title == "Internal draft"
    assert "<vt:lpwstr>شمال</vt:lpwstr>" in part_xml(out, "docProps/custom.xml")


def test_words_in_list_numbering_are_named() -> None:
    document = docx.Document()
    document.add_paragraph("First article.", style="List Number")
    numbering = document.part.numbering_part.element
    lvl = next(numbering.iter(qn("w:lvlText")))
    lvl.set(qn("w:val"), "Article %1.")
    notes = FMT.load(save(document), "list.docx").notes
    assert any("numbering" in n and "Article %1." in n for n in notes), notes


def test_alt_text_of_pictures_is_named_once() -> None:
    # the text box fixture written twice, its drawing described: counted once
    data = with_body(TEXT_BOX.replace('name="Box"', 'name="Box" descr="A map of the valley"'))
    notes = FMT.load(data, "alt.docx").notes
    assert any("1 picture or shape has a description (alt text)" in n for n in notes), notes
