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
import re
from dataclasses import dataclass

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table

from desktop_app.core import languages
from desktop_app.core.documents.base import MAX_BLOCK_CHARS, TAG, DocumentError, strip_tags
from desktop_app.core.documents.docx import ARABIC_FONT, mark_paragraph
from desktop_app.core.documents.docx_package import open_package
from desktop_app.core.documents.docx_runs import visible_text
from desktop_app.core.documents.docx_stories import readable
from desktop_app.core.errors import one_line
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


def _sign(document: docx.document.Document, project: Project, title: str) -> None:
    """The file's properties name its project, Tarjuman and the translator (python-docx's
    template would say "python-docx" and "Microsoft Macintosh Word")."""
    from desktop_app.core.settings import Settings

    props = document.core_properties
    props.identifier = ID_PREFIX + project_id(project)
    props.title = title
    props.author = Settings.load().user_name()
    props.last_modified_by = ""  # the reviewer's Word writes its own name here
    props.comments = f"Tarjuman review file of {project.path.name}"
    props.keywords = "Tarjuman"
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = re.sub(rb"<Application>[^<]*</Application>",
                                b"<Application>Tarjuman</Application>", part.blob)


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
    _sign(document, project, info.document)
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


def _cell_text(cell: object, name: str, row: int) -> str:
    """The cell's text as Word shows it with every change accepted: insertions in,
    deletions and moves-from out, one branch of an AlternateContent; a table inside the
    cell or a text over the block limit is refused with one line."""
    tc = cell._tc  # type: ignore[attr-defined]
    lines = []
    for p in tc.iter(qn("w:p")):
        if not readable(p):
            continue
        if next(p.iterancestors(qn("w:tc")), None) is not tc:
            raise DocumentError(_("{name}: row {row} holds a table inside a cell; a review "
                                  "cell is text only: take the table out and import the file "
                                  "again").format(name=name, row=row))
        lines.append(visible_text(p))
    text = "\n".join(lines).strip()
    if len(text) > MAX_BLOCK_CHARS:
        raise DocumentError(_("{name}: row {row} has a cell of {n:,} characters (the limit is "
                              "{limit:,}); a review cell holds one segment").format(
                                  name=name, row=row, n=len(text), limit=MAX_BLOCK_CHARS))
    return text


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
    document = open_package(data, name)
    try:
        return _read_review(document, name)
    except (IndexError, KeyError, ValueError, AttributeError, TypeError) as exc:
        raise DocumentError(_("{name}: the review table is damaged ({exc})").format(
            name=name, exc=one_line(exc))) from exc


def _read_review(document: docx.document.Document, name: str
                 ) -> tuple[str, list[ReviewRow], str]:
    identifier = document.core_properties.identifier or ""
    pid = identifier[len(ID_PREFIX):] if identifier.startswith(ID_PREFIX) else ""
    table = next((t for t in document.tables if len(t.columns) == len(COLUMNS)
                  and _cell_text(t.rows[0].cells[0], name, 0) == "#"), None)
    if table is None:
        raise DocumentError(_("{name} is not a Tarjuman review file (no review table)")
                            .format(name=name))
    comments = _word_comments(document)
    rows: list[ReviewRow] = []
    for k, row in enumerate(table.rows[1:], start=1):
        cells = row.cells
        if len(cells) != len(COLUMNS):
            raise DocumentError(_("{name}: row {row} has {n} cells; a review row has {want} "
                                  "(#, source, target, status, comments)").format(
                                      name=name, row=k, n=len(cells), want=len(COLUMNS)))
        number = _cell_text(cells[0], name, k)
        if not re.fullmatch(r"[0-9]{1,18}", number):
            raise DocumentError(_("{name}: {value!r} in the # column is not a segment "
                                  "number").format(name=name, value=number[:40]))
        note = "\n".join([_cell_text(cells[4], name, k), *_row_comments(row, comments)]).strip()
        rows.append(ReviewRow(int(number), _cell_text(cells[2], name, k),
                              _cell_text(cells[3], name, k), note))
    return pid, rows, document.core_properties.last_modified_by or ""


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
