"""EPUB books: every content document through the HTML filter, the title and the tables
of contents (nav and NCX) translated, the book marked as Dari or Pashto and right to left,
a package readers accept, and the project's round trip, bilingual, XLIFF and review."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from desktop_app.core.documents.base import DocumentError, strip_tags, tag_ids
from desktop_app.core.documents.epub import Epub
from desktop_app.core.documents.registry import detect, sniff
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from tests.fixtures.odf_epub import make_epub
from tests.fixtures.sessions import import_review

ARABIC = re.compile(r"[\u0600-\u06ff]")
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def dari(text: str, n: int) -> str:
    """A Dari target inside the source's tags, as MT's tag placement leaves it."""
    tags = tag_ids(text)
    if tags[:1] == ["1"] and text.startswith("⟨1⟩"):
        return f"⟨1⟩متن دری {n}⟨/1⟩" + "".join(f"⟨{t}⟩" for t in tags[2:])
    return f"متن دری {n} " + "".join(f"⟨{t}⟩" for t in tags)


def read(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def translated(path: Path, lang: str = "dari") -> tuple[list, bytes]:
    data = path.read_bytes()
    blocks = Epub().load(data, path.name).blocks
    return blocks, Epub().save(data, path.name, {b.id: dari(b.text, n)
                                                 for n, b in enumerate(blocks)}, lang)


def test_every_content_document_title_and_table_of_contents_is_imported(
        tmp_path: Path) -> None:
    imported = Epub().load(make_epub(tmp_path / "book.epub").read_bytes(), "book.epub")
    assert imported.source_lang == "en"
    blocks = {b.id: b for b in imported.blocks}
    assert blocks["opf:title0"].text == "Reports from the Panjshir valley"
    assert blocks["opf:description0"].text == "Weekly reports, collected."
    chapter = [b for b in imported.blocks if b.id.startswith("OEBPS/text/ch2.xhtml:")]
    assert [b.kind for b in chapter[:4]] == ["title", "h1", "attr", "p"]
    assert chapter[3].text.startswith("The ⟨1⟩Northern Alliance⟨/1⟩ held the Panjshir valley")
    assert "⟨2⟩Ahmad Massoud⟨/2⟩ spoke in Kabul on Monday." in chapter[3].text
    # reading order: the spine's chapters first, then the navigation document
    order = [b.id.partition(":")[0] for b in imported.blocks]
    assert order.index("OEBPS/text/ch3.xhtml") < order.index("OEBPS/nav.xhtml")
    # a nested entry's label too (read here when the HTML filter leaves it)
    assert any(strip_tags(b.text) == "Part one" for b in imported.blocks
               if b.id.startswith("OEBPS/nav.xhtml:"))
    assert [b.text for b in imported.blocks if b.id.startswith("ncx:")] == [
        "Reports from the Panjshir valley", "Chapter 1", "Chapter 2", "Chapter 3"]
    nav = [b.text for b in imported.blocks if b.id.startswith("OEBPS/nav.xhtml:")
           and ":nav" not in b.id]
    assert "⟨1⟩Chapter 1⟨/1⟩" in nav and "⟨1⟩Chapter 3⟨/1⟩" in nav


def test_svg_text_is_named_in_the_import_report(tmp_path: Path) -> None:
    book = make_epub(tmp_path / "book.epub")
    chapter = read(book.read_bytes())["OEBPS/text/ch1.xhtml"].decode().replace(
        "<body>", '<body><svg xmlns="http://www.w3.org/2000/svg"><text>Kabul</text></svg>')
    imported = Epub().load(_with(book, {"OEBPS/text/ch1.xhtml": chapter},
                                 "OEBPS/text/ch1.xhtml").read_bytes(), "book.epub")
    assert imported.notes == ["book.epub: 1 SVG drawing holds text that is not translated"]
    assert Epub().load(book.read_bytes(), "book.epub").notes == []


def test_the_registry_knows_an_epub_by_its_mimetype(tmp_path: Path) -> None:
    data = make_epub(tmp_path / "book.epub").read_bytes()
    assert sniff(data) == "epub"
    assert detect(Path("book.zip"), data).name == "epub"


def test_dari_book_is_marked_right_to_left_everywhere(tmp_path: Path) -> None:
    blocks, out = translated(make_epub(tmp_path / "book.epub"))
    again = Epub().load(out, "book.epub").blocks
    assert [b.id for b in again] == [b.id for b in blocks]
    assert all(ARABIC.search(b.text) for b in again), [b.text for b in again
                                                      if not ARABIC.search(b.text)]
    with zipfile.ZipFile(io.BytesIO(out)) as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert zf.read("mimetype") == b"application/epub+zip"
    files = read(out)
    assert files["OEBPS/text/map.png"] == read(make_epub(tmp_path / "b2.epub").read_bytes())[
        "OEBPS/text/map.png"]
    for name in ("OEBPS/text/ch1.xhtml", "OEBPS/text/ch3.xhtml", "OEBPS/nav.xhtml"):
        root = etree.fromstring(files[name])  # still well-formed XML
        assert root.get(XML_LANG) == "fa-AF" and root.get("lang") == "fa-AF"
        assert root.get("dir") == "rtl"
        assert root.getroottree().docinfo.doctype == "<!DOCTYPE html>"
    chapter = etree.fromstring(files["OEBPS/text/ch1.xhtml"])
    assert chapter.find(f".//{XHTML}b") is not None
    assert chapter.find(f".//{XHTML}a").get("href").startswith("#n")
    assert ARABIC.search(chapter.find(f".//{XHTML}img").get("alt"))
    # the style sheet's left and right become the line's start and end
    assert files["OEBPS/style.css"].decode() == (
        "h1, h2 { text-align: start; }\np { text-align: justify; }\n.date { text-align:end }\n")
    assert chapter.find(f".//{XHTML}h1").get("style") == "text-align: start"
    opf = etree.fromstring(files["OEBPS/content.opf"])
    assert [e.text for e in opf.iter(f"{DC}language")] == ["fa-AF"]
    assert ARABIC.search(opf.find(f".//{DC}title").text)
    assert opf.find(f"{OPF}spine").get("page-progression-direction") == "rtl"
    ncx = etree.fromstring(files["OEBPS/toc.ncx"])
    assert ncx.get(XML_LANG) == "fa-AF"
    assert all(ARABIC.search(t.text) for t in ncx.iter(f"{NCX}text"))
    nav = etree.fromstring(files["OEBPS/nav.xhtml"])
    labels = [a for a in nav.iter(f"{XHTML}a")]
    assert labels and all(ARABIC.search("".join(a.itertext())) for a in labels)
    for li in nav.iter(f"{XHTML}li"):  # every entry's words stay inside its link
        assert not (li.text or "").strip()


def test_words_a_target_puts_beside_a_toc_link_move_into_it(tmp_path: Path) -> None:
    path = make_epub(tmp_path / "book.epub")
    data = path.read_bytes()
    blocks = Epub().load(data, path.name).blocks
    entry = next(b for b in blocks if b.id.startswith("OEBPS/nav.xhtml:")
                 and b.text == "⟨1⟩Chapter 2⟨/1⟩")
    out = Epub().save(data, path.name, {entry.id: "فصل ⟨1⟩دوم⟨/1⟩ کتاب"}, "dari")
    nav = etree.fromstring(read(out)["OEBPS/nav.xhtml"])
    link = next(a for a in nav.iter(f"{XHTML}a") if "دوم" in "".join(a.itertext()))
    assert "".join(link.itertext()) == "فصل دوم کتاب"
    assert not (link.getparent().text or "").strip() and not (link.tail or "").strip()


def test_epub2_keeps_its_doctype_and_gets_no_epub3_attributes(tmp_path: Path) -> None:
    _blocks, out = translated(make_epub(tmp_path / "old.epub", epub3=False), "pashto")
    files = read(out)
    assert "OEBPS/nav.xhtml" not in files
    root = etree.fromstring(files["OEBPS/text/ch1.xhtml"])
    assert root.get(XML_LANG) == "ps" and root.get("lang") is None
    assert "XHTML 1.1" in root.getroottree().docinfo.doctype
    opf = etree.fromstring(files["OEBPS/content.opf"])
    assert opf.find(f"{OPF}spine").get("page-progression-direction") is None
    assert [e.text for e in opf.iter(f"{DC}language")] == ["ps"]


def test_untranslated_round_trip_keeps_the_text(tmp_path: Path) -> None:
    path = make_epub(tmp_path / "book.epub")
    data = path.read_bytes()
    blocks = Epub().load(data, path.name).blocks
    out = Epub().save(data, path.name, {b.id: b.text for b in blocks}, "en")
    assert read(out)["OEBPS/style.css"] == read(data)["OEBPS/style.css"]
    assert [(b.id, b.text) for b in Epub().load(out, path.name).blocks] == [
        (b.id, b.text) for b in blocks]


def _with(path: Path, extra: dict[str, str], drop: str = "") -> Path:
    source = read(path.read_bytes())
    target = path.with_name("changed-" + path.name)
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in source.items():
            if name != drop:
                zf.writestr(name, data)
        for name, text in extra.items():
            zf.writestr(name, text)
    return target


def test_drm_and_broken_books_are_refused_with_a_sentence(tmp_path: Path) -> None:
    book = make_epub(tmp_path / "book.epub")

    def encryption(uri: str, algorithm: str) -> str:
        return ('<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                f'<enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData>'
                f'<enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData>'
                '</encryption>')

    drm = _with(book, {"META-INF/encryption.xml": encryption(
        "OEBPS/text/ch2.xhtml", "http://www.w3.org/2001/04/xmlenc#aes128-cbc")})
    with pytest.raises(DocumentError, match="DRM"):
        Epub().load(drm.read_bytes(), "drm.epub")
    fonts = _with(book, {"META-INF/encryption.xml": encryption(
        "OEBPS/fonts/a.otf", "http://www.idpf.org/2008/embedding")})
    assert Epub().load(fonts.read_bytes(), "fonts.epub").blocks  # obfuscated fonts: fine
    for broken, files, drop in (
            ("nocontainer.epub", {}, "META-INF/container.xml"),
            ("badopf.epub", {"OEBPS/content.opf": "<package"}, "OEBPS/content.opf"),
            ("entity.epub", {"OEBPS/text/ch1.xhtml": '<!DOCTYPE x [<!ENTITY a "b">]><x/>'},
             "OEBPS/text/ch1.xhtml")):
        path = _with(book, files, drop)
        with pytest.raises(DocumentError) as err:
            Epub().load(path.read_bytes(), broken)
        assert broken in str(err.value) and "\n" not in str(err.value)


@pytest.mark.skipif(not (EPUBCHECK.is_file() and shutil.which("java")),
                    reason="epubcheck is not installed (apt-get install epubcheck): the "
                           "export is checked with lxml only")
def test_epubcheck_accepts_the_dari_export(tmp_path: Path) -> None:
    _blocks, out = translated(make_epub(tmp_path / "book.epub", chapters=2))
    path = tmp_path / "dari.epub"
    path.write_bytes(out)
    result = subprocess.run(["java", "-jar", str(EPUBCHECK), str(path)], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_project_round_trip_bilingual_xliff_and_review(tmp_path: Path) -> None:
    source = make_epub(tmp_path / "book.epub", chapters=2, paragraphs=2)
    project = Project.create(source, "dari", path=tmp_path / "p.tarjuman")
    segments = project.segments()
    for n, seg in enumerate(segments):
        project.set_target(seg.id, dari(seg.source, n))
    assert export(project, tmp_path / "out.epub") == "epub"
    out_blocks = Epub().load((tmp_path / "out.epub").read_bytes(), "out.epub").blocks
    assert out_blocks and all(ARABIC.search(b.text) for b in out_blocks)
    assert export(project, tmp_path / "bi.html", bilingual=True) == "bilingual"
    assert export(project, tmp_path / "review.docx", bilingual=True) == "bilingual"
    xlf = tmp_path / "p.xlf"
    assert export(project, xlf) == "xliff"
    assert import_review(project, xlf).targets == 0  # unchanged: no change at all
    tree = etree.parse(str(xlf))
    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    first = next(tree.getroot().iter(f"{ns}segment"))
    target = first.find(f"{ns}target")
    for child in list(target):
        target.remove(child)
    target.text = "عنوان بازبینی شده"
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    assert import_review(project, xlf, reviewer="Farida").targets == 1
    export(project, tmp_path / "out2.epub")
    opf = etree.fromstring(read((tmp_path / "out2.epub").read_bytes())["OEBPS/content.opf"])
    assert opf.find(f".//{DC}title").text == "عنوان بازبینی شده"


WORDS = st.sampled_from(["Kabul", "Panjshir", "the", "U.S.", "800,000", "کابل", "پنجشیر",
                         "می‌شود", "«نقل»", "A&B", "<x>", "&amp;", "]]>", "\u00a0"])


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(WORDS, min_size=1, max_size=8).map(" ".join), min_size=1,
                max_size=4))
def test_any_target_comes_back_as_written(tmp_path: Path, targets: list[str]) -> None:
    """Whatever a target holds, the book stays well-formed and reads back the same."""
    path = make_epub(tmp_path / "book.epub", chapters=1, paragraphs=2)
    data = path.read_bytes()
    blocks = Epub().load(data, path.name).blocks
    wanted = {}
    for n, b in enumerate(blocks):
        text = " ".join(("متن " + targets[n % len(targets)]).split())
        tags = tag_ids(b.text)
        wanted[b.id] = (f"⟨1⟩{text}⟨/1⟩" + "".join(f"⟨{t}⟩" for t in tags[2:])
                        if b.text.startswith("⟨1⟩") else text + "".join(f"⟨{t}⟩" for t in tags))
    again = {b.id: b.text for b in Epub().load(Epub().save(data, path.name, wanted, "dari"),
                                               path.name).blocks}
    assert again == wanted


def test_confirming_a_chapter_heading_gives_both_tables_of_contents_its_title(
        tmp_path: Path) -> None:
    from desktop_app.core.session import EditSession

    source = make_epub(tmp_path / "book.epub", chapters=2, paragraphs=1)
    project = Project.create(source, "dari", path=tmp_path / "p.tarjuman")
    session = EditSession(project, qa=False)
    heading = next(row for row, seg in enumerate(session.segments)
                   if seg.source == "Chapter 2")
    session.confirm(heading, "فصل دوم")
    export(project, tmp_path / "out.epub")
    files = read((tmp_path / "out.epub").read_bytes())
    ncx = etree.fromstring(files["OEBPS/toc.ncx"])
    assert "فصل دوم" in [t.text for t in ncx.iter(f"{NCX}text")]
    nav = etree.fromstring(files["OEBPS/nav.xhtml"])
    assert "فصل دوم" in ["".join(a.itertext()) for a in nav.iter(f"{XHTML}a")]
    chapter = etree.fromstring(files["OEBPS/text/ch2.xhtml"])
    assert chapter.find(f".//{XHTML}title").text == "فصل دوم"


def test_translate_command_turns_a_book_into_dari(cli, tiny_argos: Path,
                                                  tmp_path: Path) -> None:
    """`tarjuman translate book.epub` end to end, machine translation with a tiny model
    included: every content document, the title and the tables of contents in Dari."""
    assert cli("models", "install", str(tiny_argos)).returncode == 0
    source = make_epub(tmp_path / "book.epub", chapters=2, paragraphs=2)
    out = tmp_path / "book.fa-AF.epub"
    result = cli("translate", str(source), "--to", "dari", "-o", str(out))
    assert result.returncode == 0, result.stderr
    files = read(out.read_bytes())
    for name in ("OEBPS/text/ch1.xhtml", "OEBPS/nav.xhtml", "OEBPS/toc.ncx",
                 "OEBPS/content.opf"):
        root = etree.fromstring(files[name])
        assert ARABIC.search("".join(root.itertext())), name
    assert etree.fromstring(files["OEBPS/text/ch2.xhtml"]).get("dir") == "rtl"
