"""The real-world pass for Word: every .docx of ``../shared/conformance/realworld`` is
imported, every target filled with Dari, exported, and read back twice — with python-docx
(body, tables, every header and footer of every section) and by walking every story part
of the package's XML (document, headers, footers, footnotes, endnotes, comments) — and no
English may be left; or the file is refused with one sentence. Block counts agree with
``reference.json`` or the difference is explained below, file by file."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from desktop_app.core.documents.base import DocumentError
from tests.conformance.realworld import (
    latin_left,
    names,
    realworld_dir,
    reference,
    refused_cleanly,
    round_trip,
    skip_if_absent,
)

FILES = names(".docx")

# Refused, with what the sentence must say.
REFUSED = {"mm_strict-format.docx": "Strict Open XML"}

# Where the number of blocks differs from reference.json's ``n`` (which counts paragraphs
# with text in the package's XML), and why.
COUNT = {
    # The text box is written twice (a DrawingML mc:Choice and a VML mc:Fallback for old
    # readers): Word shows it once, so it is one block, and its translation is written
    # into both copies.
    "mm_text-box.docx": 1,
    # The same in the header: two text boxes ("DmfA", default and first-page header),
    # each written as Choice and Fallback (33 - 2); plus the 8 document properties its
    # SUBJECT and DOCPROPERTY fields print (Word refreshes those fields from the
    # properties, so they are translated too): 31 + 8.
    "we_test06_fields.docx": 39,
}

# Story parts the import does not translate and names in its report instead: comments
# (Word's margin notes stay as the reviewer wrote them; the report says how many).
REPORTED = {"word/comments.xml": "comment"}

# No English word is allowed anywhere in translated text. Not text, and so not checked:
# field instructions (w:instrText: "PAGE", "HYPERLINK http://..."), hyperlink targets
# (relationship URLs, not in any w:t), style and font names (attributes). The filler
# replaces URLs and e-mail addresses shown as text too, so no word needs allowing.
ALLOWED: set[str] = set()

# What is not text and must come back whole, each as often as the original shows it
# (outside deleted text): note marks, fields, drawings, links, bookmarks, tabs.
KEPT = [qn(f"w:{t}") for t in (
    "footnoteReference", "endnoteReference", "footnoteRef", "endnoteRef", "commentReference",
    "fldChar", "instrText", "fldSimple", "drawing", "pict", "hyperlink", "bookmarkStart",
    "commentRangeStart", "sym", "tab")]
DELETED = {qn("w:del"), qn("w:moveFrom")}

STORY = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")


def _python_docx_texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]

    def cells(tables: list) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    texts.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    cells(document.tables)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):
            if not part.is_linked_to_previous:
                texts.extend(p.text for p in part.paragraphs)
                cells(part.tables)
    return texts


def _kept(data: bytes) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if STORY.match(name):
                for el in etree.fromstring(zf.read(name)).iter(*KEPT):
                    if not any(a.tag in DELETED for a in el.iterancestors()):
                        found[(name, etree.QName(el).localname)] += 1
    return found


def _xml_texts(data: bytes, skip: set[str]) -> dict[str, list[str]]:
    """Every paragraph's text in every story part, all ``w:t`` read raw (a text box's
    text counts in its own paragraph and in the one that holds it)."""
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if not STORY.match(name) or name in skip:
                continue
            root = etree.fromstring(zf.read(name))
            assert next(root.iter(qn("w:del"), qn("w:ins"), qn("w:delText"),
                                  qn("w:moveFrom")), None) is None, \
                f"{name}: tracked changes left in the export"
            out[name] = ["".join(t.text or "" for t in p.iter(qn("w:t")))
                         for p in root.iter(qn("w:p"))]
    return out


@pytest.mark.parametrize("name", FILES)
def test_realworld_docx_ends_clean_or_refused(name: str) -> None:
    skip_if_absent()
    if name in REFUSED:
        with pytest.raises(DocumentError) as caught:
            round_trip(name)
        assert REFUSED[name] in refused_cleanly(caught.value)
        return
    result = round_trip(name)
    want = COUNT.get(name, reference()[name]["n"])
    assert len(result.imported.blocks) == want, (name, len(result.imported.blocks), want)
    left = latin_left(_python_docx_texts(result.exported), ALLOWED)
    assert not left, (name, left[:5])
    with zipfile.ZipFile(io.BytesIO(result.exported)) as zf:
        present = set(zf.namelist())
    skip = set()
    for part, word in REPORTED.items():
        if part in present:
            assert any(word in note for note in result.imported.notes), (
                name, part, result.imported.notes)
            skip.add(part)
    for part, texts in _xml_texts(result.exported, skip).items():
        left = latin_left(texts, ALLOWED)
        assert not left, (name, part, left[:5])
    assert _kept(result.exported) == _kept((realworld_dir() / name).read_bytes()), name
    props = [b.id for b in result.imported.blocks if b.id.startswith("props:")]
    left = latin_left(_property_texts(result.exported, props), ALLOWED)
    assert not left, (name, left)


def _property_texts(data: bytes, ids: list[str]) -> list[str]:
    """The exported values of the properties that were imported (fields print them)."""
    document = docx.Document(io.BytesIO(data))
    texts = [getattr(document.core_properties, i.split(":")[1]) for i in ids
             if i in ("props:title", "props:subject")]
    custom = [i.split(":", 2)[2] for i in ids if i.startswith("props:custom:")]
    if custom:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = etree.fromstring(zf.read("docProps/custom.xml"))
        texts.extend("".join(p.itertext()) for p in root if p.get("name") in custom)
        assert len(texts) >= len(custom)
    return texts


def test_tracked_changes_are_reported_with_their_number() -> None:
    skip_if_absent()
    notes = round_trip("we_test01_insdel.docx").imported.notes
    assert any(re.search(r"\d+ tracked changes", n) for n in notes), notes


def test_a_translated_export_opens_in_libreoffice(tmp_path: Path) -> None:
    skip_if_absent()
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("soffice (LibreOffice) is required when CI=true")
        pytest.skip("soffice (LibreOffice) is not installed: the open-in-LibreOffice check "
                    "is skipped")
    for name in ("we_test04_hdrftr.docx", "we_test01_insdel.docx"):
        (tmp_path / name).write_bytes(round_trip(name).exported)
    profile = tmp_path / "profile"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
         str(tmp_path / "we_test04_hdrftr.docx"), str(tmp_path / "we_test01_insdel.docx")],
        capture_output=True, text=True, timeout=180)
    for name in ("we_test04_hdrftr", "we_test01_insdel"):
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.is_file(), done.stdout + done.stderr
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
