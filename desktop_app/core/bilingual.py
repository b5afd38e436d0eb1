"""Bilingual tables of a project: the review docx a Word user edits and sends back, and a
read-only HTML view.

The review docx has a header (project, languages, segment counts), then one table row
per segment: number, source, target (right-to-left paragraphs in an Arabic-script font,
marked with the target language), status and comments. Inline tags are shown as
``⟨1⟩…⟨/1⟩`` so a reviewer can keep them in place. The project's identity is in the
document's core properties (``identifier``), so :mod:`review` can tell a file from
another project.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

from desktop_app.core import languages
from desktop_app.core.documents.base import TAG, DocumentError, strip_tags
from desktop_app.core.documents.docx import ARABIC_FONT, mark_paragraph
from desktop_app.core.i18n import _
from desktop_app.core.project import Project
from desktop_app.core.xliff_export import project_id

COLUMNS = ("#", "Source", "Target", "Status", "Comments")
WIDTHS_CM = (1.3, 9.0, 9.0, 2.2, 5.2)  # A4 landscape, 1.5 cm margins: 26.7 cm
ID_PREFIX = "tarjuman-project:"
TAG_COLOR = RGBColor(0x80, 0x80, 0x80)


def _add_text(paragraph: object, text: str) -> None:
    """Text with its tags as grey runs, so the reviewer sees what not to delete."""
    pos = 0
    for m in TAG.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])  # type: ignore[attr-defined]
        run = paragraph.add_run(m.group(0))  # type: ignore[attr-defined]
        run.font.color.rgb = TAG_COLOR
        pos = m.end()
    if pos < len(text) or not text:
        paragraph.add_run(text[pos:])  # type: ignore[attr-defined]


def _set_cell(cell: object, text: str, lang: languages.Language | None = None) -> None:
    lines = text.split("\n")
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    for k, line in enumerate(lines):
        if k:
            paragraph = cell.add_paragraph()  # type: ignore[attr-defined]
        _add_text(paragraph, line)
        if lang is not None:
            # Right-to-left paragraph with no explicit alignment: Word and LibreOffice
            # align it at its start, which for Dari and Pashto is the right edge.
            mark_paragraph(paragraph._p, lang)


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _widths(table: Table) -> None:
    table.autofit = False
    for column, width in zip(table.columns, WIDTHS_CM, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice follows
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS_CM, strict=True):
            cell.width = Cm(width)


def review_docx(project: Project) -> bytes:
    source = languages.get(project.source_lang)
    target = languages.get(project.target_lang)
    info = project.info()
    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.core_properties.identifier = ID_PREFIX + project_id(project)
    document.core_properties.title = info.document
    document.add_heading(f"{info.document}: {source.english_name} → {target.english_name}",
                         level=1)
    counts = ", ".join(f"{n} {status}" for status, n in info.by_status.items() if n)
    document.add_paragraph(f"{project.path.name} · {info.segments} segments, {info.words} "
                           f"words ({counts}). Edit the Target and Comments columns only; "
                           "keep the grey tags.")
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _repeat_header(table.rows[0])
    for seg in project.segments():
        row = table.add_row().cells
        row[0].text = str(seg.id)
        _set_cell(row[1], seg.source)
        _set_cell(row[2], seg.target, target)
        row[3].text = seg.status.value
        _set_cell(row[4], seg.note)
    _widths(table)
    style = document.styles["Normal"]
    style.font.size = Pt(10)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), ARABIC_FONT)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@dataclass(slots=True)
class ReviewRow:
    segment_id: int
    target: str
    status: str
    comment: str


def _cell_text(cell: object) -> str:
    """The cell's text as the reviewer left it: with Track Changes on, insertions are in
    and deletions are out (``w:delText`` is not ``w:t``)."""
    paragraphs = cell.paragraphs  # type: ignore[attr-defined]
    return "\n".join("".join(t.text or "" for t in p._p.iter(qn("w:t")))
                     for p in paragraphs).strip()


def _word_comments(document: object) -> dict[str, str]:
    """Comments the reviewer added in Word's margin, by id, as "author: text"."""
    try:
        comments = document.comments  # type: ignore[attr-defined]
    except Exception:  # no comments part
        return {}
    out: dict[str, str] = {}
    for comment in comments:
        text = " ".join(comment.text.split())
        out[str(comment.comment_id)] = f"{comment.author}: {text}" if comment.author else text
    return out


def _row_comments(row: object, comments: dict[str, str]) -> list[str]:
    ids = dict.fromkeys(el.get(qn("w:id")) for el in row._tr.iter(  # type: ignore[attr-defined]
        qn("w:commentRangeStart"), qn("w:commentReference")))
    return [comments[i] for i in ids if i in comments]


def read_review_docx(data: bytes, name: str) -> tuple[str, list[ReviewRow], str]:
    """(project id, rows, last author) of a review docx."""
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise DocumentError(_("{name} is not a Word document ({error})").format(
            name=name, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            ) from exc
    identifier = document.core_properties.identifier or ""
    pid = identifier[len(ID_PREFIX):] if identifier.startswith(ID_PREFIX) else ""
    table = next((t for t in document.tables if len(t.columns) == len(COLUMNS)
                  and _cell_text(t.rows[0].cells[0]) == "#"), None)
    if table is None:
        raise DocumentError(_("{name} is not a Tarjuman review file (no review table)")
                            .format(name=name))
    comments = _word_comments(document)
    rows: list[ReviewRow] = []
    for row in table.rows[1:]:
        cells = row.cells
        number = _cell_text(cells[0])
        if not number.isdigit():
            raise DocumentError(_("{name}: {value!r} in the # column is not a segment "
                                  "number").format(name=name, value=number[:40]))
        note = "\n".join([_cell_text(cells[4]), *_row_comments(row, comments)]).strip()
        rows.append(ReviewRow(int(number), _cell_text(cells[2]), _cell_text(cells[3]), note))
    props = document.core_properties
    return pid, rows, props.last_modified_by or props.author or ""


def bilingual_html(project: Project) -> str:
    src, tgt = languages.get(project.source_lang), languages.get(project.target_lang)
    name, _fmt, _data = project.document()
    rows = "\n".join(
        f'<tr><td>{s.id}</td><td lang="{src.bcp47}" dir="{src.direction}">'
        f"{html.escape(strip_tags(s.source))}</td>"
        f'<td lang="{tgt.bcp47}" dir="{tgt.direction}">{html.escape(strip_tags(s.target))}'
        f"</td><td>{s.status.value}</td><td>{html.escape(s.note)}</td></tr>"
        for s in project.segments())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(name)}</title>
<style>table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:4px;
vertical-align:top}}td[dir=rtl]{{font-family:'Noto Sans Arabic',sans-serif}}</style></head>
<body><h1>{html.escape(name)}</h1><table>
<tr><th>#</th><th>{src.english_name}</th><th>{tgt.english_name}</th><th>Status</th>
<th>Comments</th></tr>
{rows}
</table></body></html>
"""
