"""Exporting a project: the translated document in its own format, a bilingual table
(docx or html), XLIFF 2.0, or TMX of the confirmed segments. Files are written whole
to a temp file and renamed, so a failed export leaves nothing half-written."""

from __future__ import annotations

import html
import io
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH

from desktop_app.core import languages, tmx
from desktop_app.core.documents.base import DocumentError, strip_tags
from desktop_app.core.documents.docx import mark_paragraph
from desktop_app.core.documents.registry import by_name
from desktop_app.core.documents.xliff import write_xliff2
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from desktop_app.core.textio import write_atomic

XLIFF_STATES = {Status.NEW: "initial", Status.MT: "translated", Status.EDITED: "translated",
                Status.CONFIRMED: "final"}


def export(project: Project, out: Path, *, fallback: str = "mt",
           bilingual: bool = False) -> str:
    """Write ``out`` by its extension; return what was written."""
    suffix = out.suffix.lower()
    if bilingual:
        if suffix == ".docx":
            write_atomic(out, bilingual_docx(project))
        elif suffix in (".html", ".htm"):
            write_atomic(out, bilingual_html(project).encode("utf-8"))
        else:
            raise DocumentError("a bilingual export is .docx or .html")
        return "bilingual"
    if suffix in (".xlf", ".xliff"):
        write_atomic(out, xliff(project))
        return "xliff"
    if suffix == ".tmx":
        write_atomic(out, confirmed_tmx(project))
        return "tmx"
    _, fmt, _ = project.document()
    if suffix not in by_name(fmt).extensions:
        raise DocumentError(f"{out.name}: this project's document is {fmt}; export it as "
                            f"{' or '.join(by_name(fmt).extensions)}, .xlf, .tmx, or "
                            "--bilingual .docx/.html")
    _, data = project.export_document(fallback)
    write_atomic(out, data)
    return fmt


def xliff(project: Project) -> bytes:
    blocks = project.blocks()
    targets = project.block_targets("source")
    segs = project.segments()
    states: dict[str, str] = {}
    untranslated = {s.block_id for s in segs if not s.target}
    for seg in segs:
        state = XLIFF_STATES[seg.status]
        prev = states.get(seg.block_id)
        order = list(XLIFF_STATES.values())
        states[seg.block_id] = state if prev is None else min(prev, state, key=order.index)
    notes: dict[str, list[str]] = {}
    for seg in segs:
        if seg.note.strip():
            notes.setdefault(seg.block_id, []).append(seg.note.strip())
    name, _, _ = project.document()
    return write_xliff2(blocks, {b: t for b, t in targets.items() if b not in untranslated},
                        project.source_lang, project.target_lang, name, states,
                        {b: "\n".join(n) for b, n in notes.items()})


def confirmed_tmx(project: Project) -> bytes:
    pairs = [(s.source, s.target) for s in project.segments("segments.status = ?",
                                                              [Status.CONFIRMED.value])]
    return tmx.write(pairs, languages.get(project.source_lang).bcp47,
                     languages.get(project.target_lang).bcp47)


def bilingual_docx(project: Project) -> bytes:
    target = languages.get(project.target_lang)
    document = docx.Document()
    name, _, _ = project.document()
    document.add_heading(f"{name}: {languages.get(project.source_lang).english_name} -> "
                         f"{target.english_name}", level=1)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("#", "Source", "Target"), strict=True):
        cell.text = text
    for seg in project.segments():
        row = table.add_row().cells
        row[0].text = str(seg.id)
        row[1].text = strip_tags(seg.source)
        row[2].text = strip_tags(seg.target)
        for p in row[2].paragraphs:
            mark_paragraph(p._p, target)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if target.is_rtl else None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bilingual_html(project: Project) -> str:
    src, tgt = languages.get(project.source_lang), languages.get(project.target_lang)
    name, _, _ = project.document()
    rows = "\n".join(
        f'<tr><td>{s.id}</td><td lang="{src.bcp47}" dir="{src.direction}">'
        f"{html.escape(strip_tags(s.source))}</td>"
        f'<td lang="{tgt.bcp47}" dir="{tgt.direction}">{html.escape(strip_tags(s.target))}'
        f"</td><td>{s.status.value}</td></tr>" for s in project.segments())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(name)}</title>
<style>table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:4px;
vertical-align:top}}td[dir=rtl]{{font-family:'Noto Sans Arabic',sans-serif}}</style></head>
<body><h1>{html.escape(name)}</h1><table>
<tr><th>#</th><th>{src.english_name}</th><th>{tgt.english_name}</th><th>Status</th></tr>
{rows}
</table></body></html>
"""

