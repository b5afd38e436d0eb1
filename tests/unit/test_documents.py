"""Every format through its real parser: round trips of the samples, inline tags, RTL."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
from docx.oxml.ns import qn

from desktop_app.core.documents.base import DocumentError, pieces, strip_tags
from desktop_app.core.documents.registry import FORMATS, detect
from desktop_app.core.errors import InputError
from desktop_app.core.resources import sample

SAMPLES = ["panjshir.txt", "panjshir.md", "panjshir.html", "panjshir.docx"]


def roundtrip(name: str, targets: dict[str, str] | None = None,
              lang: str = "prs") -> tuple[bytes, bytes]:
    path = sample(name)
    data = path.read_bytes()
    fmt = detect(path, data)
    imported = fmt.load(data, name)
    if targets is None:
        targets = {b.id: b.text for b in imported.blocks}
    return data, fmt.save(data, name, targets, lang)


def docx_counts(data: bytes) -> tuple[int, int, int]:
    d = docx.Document(io.BytesIO(data))
    return len(d.paragraphs), sum(len(p.runs) for p in d.paragraphs), len(d.tables)


@pytest.mark.parametrize("name", SAMPLES)
def test_untranslated_round_trip_keeps_structure(name: str) -> None:
    original, out = roundtrip(name, lang="en")
    if name.endswith(".docx"):
        assert docx_counts(out) == docx_counts(original)
        before = docx.Document(io.BytesIO(original))
        after = docx.Document(io.BytesIO(out))
        assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
        assert [(r.text, r.bold, r.italic) for p in after.paragraphs for r in p.runs] == [
            (r.text, r.bold, r.italic) for p in before.paragraphs for r in p.runs]
    elif name.endswith(".html"):
        a, b = lxml.html.document_fromstring(original), lxml.html.document_fromstring(out)
        assert [(e.tag, (e.text or "").strip(), dict(e.attrib)) for e in a.iter()
                if e.tag != "html"] == [(e.tag, (e.text or "").strip(), dict(e.attrib))
                                        for e in b.iter() if e.tag != "html"]
    else:
        assert out == original


def test_sample_has_forty_sentences_and_required_names() -> None:
    from desktop_app.core.segmenter import split

    text = sample("panjshir.txt").read_text("utf-8")
    sentences = [s for line in text.splitlines() for s in split(line) if s.strip()]
    assert len(sentences) >= 40
    for name in ("Northern Alliance", "Panjshir", "Taliban", "Islamic Emirate of Afghanistan",
                 "Kabul", "Ahmad Massoud", "Amrullah Saleh", "Ashraf Ghani", "Hamid Karzai",
                 "Zabihullah Mujahid", "Nangarhar", "Khost", "International Crisis Group",
                 "Human Rights Watch", "United Nations", "NATO", "Independence Day",
                 "800,000", "1996 to 2001", "U.S.", "Mr."):
        assert name in text, name


def test_inline_tags_travel_through_html_and_docx() -> None:
    html_doc = FORMATS["html"].load(sample("panjshir.html").read_bytes(), "x.html")
    linked = next(b for b in html_doc.blocks if "⟨" in b.text and "Human Rights" in b.text)
    _, out = roundtrip("panjshir.html", {linked.id: "گزارش ⟨1⟩دیدبان حقوق بشر⟨/1⟩ نشر شد."})
    root = lxml.html.document_fromstring(out)
    link = root.xpath("//a[@title='Human Rights Watch report']")[0]
    assert link.text == "دیدبان حقوق بشر" and link.getparent().text == "گزارش "
    assert root.get("dir") == "rtl" and root.get("lang") == "fa-AF"
    assert root.xpath("//script")[0].text == 'console.log("not translated");'

    d = FORMATS["docx"].load(sample("panjshir.docx").read_bytes(), "x.docx")
    bold = next(b for b in d.blocks if "⟨1⟩Northern Alliance⟨/1⟩" in b.text)
    _, out = roundtrip("panjshir.docx", {bold.id: "⟨1⟩ائتلاف شمال⟨/1⟩ پنجشیر را نگه داشت."})
    para = next(p for p in docx.Document(io.BytesIO(out)).paragraphs if "ائتلاف" in p.text)
    assert [(r.text, bool(r.bold)) for r in para.runs] == [("ائتلاف شمال", True),
                                                          (" پنجشیر را نگه داشت.", False)]


def test_translated_docx_is_marked_rtl_fa_af_everywhere() -> None:
    d = FORMATS["docx"].load(sample("panjshir.docx").read_bytes(), "x.docx")
    _, out = roundtrip("panjshir.docx", {b.id: "متن دری" for b in d.blocks})
    document = docx.Document(io.BytesIO(out))
    body = list(document.element.body.iter(qn("w:p")))
    assert body
    for p in body:
        assert p.find(qn("w:pPr")).find(qn("w:bidi")) is not None
        for r in p.iter(qn("w:r")):
            lang = r.find(qn("w:rPr")).find(qn("w:lang"))
            assert lang.get(qn("w:bidi")) == "fa-AF"
            assert r.find(qn("w:rPr")).find(qn("w:rtl")) is not None


def test_pashto_export_uses_ps() -> None:
    _, out = roundtrip("panjshir.html", lang="pashto")
    assert lxml.html.document_fromstring(out).get("lang") == "ps"


def test_pieces_split_tagged_text() -> None:
    assert pieces("a ⟨1⟩b ⟨2⟩c⟨/2⟩⟨/1⟩ ⟨3/⟩d") == [
        ("a ", ()), ("b ", (1,)), ("c", (1, 2)), (" ", ()), ("", (-3,)), ("d", ())]
    assert strip_tags("a ⟨1⟩b⟨/1⟩ ⟨2/⟩") == "a b "


def test_txt_encodings() -> None:
    fmt = FORMATS["txt"]
    text = "کابل\nپنجشير\n"  # Windows-1256 has the Arabic yeh
    for data in (text.encode("utf-8"), text.encode("utf-8-sig"), text.encode("utf-16"),
                 text.encode("cp1256")):
        assert [b.text for b in fmt.load(data, "x.txt").blocks] == ["کابل", "پنجشير"]


def zip_bomb_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * 50_000_000 + b"</w:document>")
    return path


@pytest.mark.parametrize(("name", "content"), [
    ("corrupt.docx", b"PK\x03\x04 this is not really a zip"),
    ("empty.txt", b""),
    ("binary.txt", bytes(range(256)) * 40),
    ("xxe.html", b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>&x;</p>'),
    ("laughs.html", b'<!DOCTYPE l [<!ENTITY a "aa"><!ENTITY b "&a;&a;">]><p>&b;</p>'),
    ("fake.docx", b"<html><body><p>I am HTML</p></body></html>"),
    ("notes.pdf", b"%PDF-1.4 whatever"),
])
def test_bad_documents_are_refused(tmp_path: Path, name: str, content: bytes) -> None:
    from desktop_app.core.documents.base import read_file

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError):
        data = read_file(path)
        fmt = detect(path, data)
        if fmt.name == "html" and name == "fake.docx":  # the content wins over the name
            raise DocumentError("sniffed as html")
        fmt.load(data, name)


def test_zip_bomb_docx_is_refused(tmp_path: Path) -> None:
    path = zip_bomb_docx(tmp_path / "bomb.docx")
    with pytest.raises(DocumentError, match="bomb"):
        FORMATS["docx"].load(path.read_bytes(), path.name)


def docx_with_footnote(path: Path) -> Path:
    """A Word file with a real footnotes part, built through python-docx's package API."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    para = document.add_paragraph("Fighting continued in Panjshir.")
    run = para.add_run()
    ref = run._r.makeelement(qn("w:footnoteReference"), {qn("w:id"): "1"})
    run._r.append(ref)
    blob = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<w:footnotes xmlns:w="{w}">'
            f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            f'</w:footnote>'
            f'<w:footnote w:id="1"><w:p><w:r><w:t>Source: Human Rights Watch, 2024.</w:t>'
            f'</w:r></w:p></w:footnote></w:footnotes>').encode()
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    document.save(str(path))
    return path


def test_footnotes_are_translated_and_kept(tmp_path: Path) -> None:
    import zipfile

    path = docx_with_footnote(tmp_path / "notes.docx")
    data = path.read_bytes()
    fmt = FORMATS["docx"]
    blocks = {b.id: b.text for b in fmt.load(data, "notes.docx").blocks}
    assert blocks["fn1:0"] == "Source: Human Rights Watch, 2024."
    out = fmt.save(data, "notes.docx", {"fn1:0": "منبع: دیدبان حقوق بشر، ۲۰۲۴."}, "dari")
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        notes = zf.read("word/footnotes.xml").decode("utf-8")
    assert "منبع: دیدبان حقوق بشر" in notes and "w:bidi" in notes
    assert "w:separator" in notes  # the separator note is left alone
    assert {b.id: b.text for b in fmt.load(out, "x.docx").blocks}["fn1:0"].startswith("منبع")
