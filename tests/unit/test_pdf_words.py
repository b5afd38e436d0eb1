"""PDF text as the author wrote it: a hyphen at a line end is kept when it is a real one
(the document writes the hyphenated word, or two words it uses) and dropped when it only
split a word (the document writes the joined word, or the halves are no words of it); the
title (the largest type on page 1) is the docx's Title."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from desktop_app.core.documents.pdf import Pdf
from tests.hardening.pdf_bytes import deflate, text_page, write_pdf

LINES = [(20, 72, 720, "Field report from Kandahar"),
         (11, 72, 680, "The units were battle-"),
         (11, 72, 666, "hardened after the winter, and the battle-hardened"),
         (11, 72, 652, "officers said the humani-"),
         (11, 72, 638, "tarian convoys reached every humanitarian post."),
         (11, 72, 610, "A well-"),
         (11, 72, 596, "known route was closed for the winter, as well as the ambas-"),
         (11, 72, 582, "sadors road, known to every driver.")]


def report(tmp_path: Path) -> bytes:
    return write_pdf(tmp_path / "field.pdf", [text_page(LINES)]).read_bytes()


def test_real_hyphens_stay_and_split_words_are_joined(tmp_path: Path) -> None:
    blocks = Pdf().load(report(tmp_path), "field.pdf").blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "Field report from Kandahar"),
        ("p", "The units were battle-hardened after the winter, and the battle-hardened "
              "officers said the humanitarian convoys reached every humanitarian post."),
        ("p", "A well-known route was closed for the winter, as well as the ambassadors "
              "road, known to every driver.")]


def test_the_title_is_the_docx_title(tmp_path: Path) -> None:
    data = report(tmp_path)
    blocks = Pdf().load(data, "field.pdf").blocks
    out = Pdf().save(data, "field.pdf", {b.id: f"متن {k}" for k, b in enumerate(blocks)},
                     "dari")
    paragraphs = docx.Document(io.BytesIO(out)).paragraphs
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("Title", "متن 0"), ("Normal", "متن 1"), ("Normal", "متن 2")]


def test_a_first_page_of_one_size_has_no_title(tmp_path: Path) -> None:
    data = write_pdf(tmp_path / "plain.pdf", [text_page(
        [(11, 72, 700, "Only body text here."), (11, 72, 660, "And more of it.")])])
    assert {b.kind for b in Pdf().load(data.read_bytes(), "plain.pdf").blocks} == {"p"}


def test_text_drawn_by_a_form_xobject_is_imported(tmp_path: Path) -> None:
    content = b"BT /F1 12 Tf 72 600 Td (Text inside a form.) Tj ET"
    form = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font "
            b"<< /F1 3 0 R >> >> /Length %d >>\nstream\n" % len(content) + content
            + b"\nendstream")
    page = deflate([b"BT /F1 12 Tf 72 700 Td (Text on the page.) Tj ET\n/X0 Do"])
    data = write_pdf(tmp_path / "form.pdf", [page], [form]).read_bytes()
    assert [b.text for b in Pdf().load(data, "form.pdf").blocks] == [
        "Text on the page.", "Text inside a form."]
