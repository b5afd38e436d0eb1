"""The real-world pass for HTML, SRT, PDF and Markdown: every file of
``../shared/conformance/realworld`` with one of these extensions is imported, every target
filled, exported, and read back by the format's own tool (lxml.html, the SRT cue parser,
python-docx for the PDF's docx, markdown-it-py). It ends clean (no English left in the
text a reader sees, counts agreeing with ``reference.json`` or the difference explained
here) or refused with one sentence a translator understands."""

from __future__ import annotations

import io
import re

import docx
import lxml.html
import pytest

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.subtitles import TIMING
from tests.conformance.realworld import (
    FILLER,
    latin_left,
    names,
    realworld_dir,
    reference,
    refused_cleanly,
    round_trip,
    skip_if_absent,
)

FILES = names(".html", ".htm", ".srt", ".pdf", ".md")

# Refused, and the words the sentence must hold (what a translator needs to know).
REFUSED = {"om_PdfFilter-password.pdf": ("password", "copy without the password")}

# Where Tarjuman's count differs from the reference tool's, and why. pdfminer's "text
# blocks" are its layout boxes, not paragraphs: Tarjuman joins the lines of a paragraph
# across boxes, columns and pages, splits a box holding several paragraphs (by spacing and
# first-line indents), drops running headers, footers and page numbers, and makes each
# table cell a block.
COUNTS = {
    # lxml's "text nodes" count is 0: both paragraphs are mathematical bold letters outside
    # the Basic Multilingual Plane, which the reference script did not count as text.
    "om_HTML-SMP.html": (2, "two paragraphs of astral-plane letters"),
    "om_PdfFilter.pdf": (1, "two one-line boxes, same size and spacing: one paragraph"),
    "pm_dmca.pdf": (185, "252 boxes; 18 pages of running header and three-line footer "
                         "(54 lines) dropped"),
    "pm_font-size-test.pdf": (52, "size samples: each line in its own size is its own "
                                   "heading or paragraph, where pdfminer boxes a column"),
    "pm_jo.pdf": (829, "vertical Japanese: pdfminer's horizontal lines are single "
                       "characters, each a block (vertical writing is not rebuilt)"),
    "pm_naacl06-shinyama.pdf": (325, "two-column paper: paragraphs go on over column "
                                     "breaks, 31 table cells and 81 labels drawn in its "
                                     "figures (form XObjects) one block each"),
    "pm_pagelabels.pdf": (13, "one-line page-number footers dropped, headings kept"),
}

LATIN_FREE = {"om_HTML-SMP.html"}  # no letter of A-Z in its text to begin with

# English a correct export may keep: none. URLs and code in the Markdown READMEs are link
# targets, code spans and fences, which markdown-it-py does not read as text; scripts,
# styles and code in HTML are not text a reader sees (both left out by the readers above).
ALLOWED: set[str] = set()


def test_the_set_is_not_empty() -> None:
    skip_if_absent()
    assert FILES, "no HTML, SRT, PDF or Markdown file in the real-world set"


def html_texts(data: bytes) -> list[str]:
    """What a reader of the page sees: text outside scripts, styles and code, and the
    attributes a browser shows."""
    root = lxml.html.document_fromstring(data)
    for hidden in root.xpath("//script|//style|//code|//kbd|//samp|//comment()"):
        hidden.drop_tree()
    texts = [t for t in root.itertext() if t.strip()]
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        texts += [v for k, v in el.attrib.items()
                  if k in ("title", "alt", "placeholder", "aria-label") and v.strip()]
        if el.tag == "meta" and (el.get("name") or "").lower() == "description":
            texts.append(el.get("content") or "")
    return texts


def srt_texts(data: bytes) -> list[str]:
    """The cue texts, parsed back with the number and timing lines checked."""
    cues = re.split(r"\n\s*\n", data.decode("utf-8").strip())
    texts = []
    for cue in cues:
        lines = cue.split("\n")
        assert lines[0].strip().isdigit() and TIMING.match(lines[1]), cue
        texts.append("\n".join(lines[2:]))
    return texts


def docx_texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    texts += [c.text for t in document.tables for row in t.rows for c in row.cells
              if c.text.strip()]
    return texts


def markdown_texts(data: bytes) -> list[str]:
    """Prose markdown-it-py finds in the export: inline text, not code, link targets or
    HTML."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    texts = []
    for token in md.parse(data.decode("utf-8")):
        if token.type != "inline":
            continue
        texts += [c.content for c in token.children or [] if c.type == "text"
                  and c.content.strip()]
    return texts


READERS = {".html": html_texts, ".htm": html_texts, ".srt": srt_texts, ".pdf": docx_texts,
           ".md": markdown_texts}


@pytest.mark.parametrize("name", FILES)
def test_each_file_ends_clean_or_refused(name: str) -> None:
    try:
        trip = round_trip(name)
    except DocumentError as exc:
        message = refused_cleanly(exc)
        assert name in REFUSED, f"{name} refused: {message}"
        for words in REFUSED[name]:
            assert words in message, message
        assert "PDFPassword" not in message and "pdfminer" not in message, message
        return
    assert name not in REFUSED, f"{name} was expected to be refused"
    suffix = "." + name.rsplit(".", 1)[1].lower()
    texts = READERS[suffix](trip.exported)
    assert texts, f"{name}: the export reads back empty"
    if suffix != ".pdf" and name not in LATIN_FREE:  # the reader sees the source's English
        assert latin_left(READERS[suffix]((realworld_dir() / name).read_bytes())), name
    assert latin_left(texts, ALLOWED) == [], name
    assert any(FILLER in t for t in texts), name  # the translation is really there
    expected = reference()[name]["n"]
    got = len(trip.imported.blocks)
    if name in COUNTS:
        count, why = COUNTS[name]
        assert why
        assert got == count, (name, got, why)
    else:
        assert got == expected, (name, got, expected)
