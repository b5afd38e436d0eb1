"""Exporting a project: the translated document in its own format, a bilingual table
(docx or html), XLIFF (into the original file, or fresh 2.0), or TMX of the confirmed
segments. Files are written whole to a temp file and renamed, so a failed export leaves
nothing half-written."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core import languages, tmx
from desktop_app.core.bilingual import bilingual_html, review_docx
from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.registry import output_extensions
from desktop_app.core.documents.xliff import Xliff
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from desktop_app.core.textio import write_atomic
from desktop_app.core.xliff_export import export_xliff


def export(project: Project, out: Path, *, fallback: str = "mt",
           bilingual: bool = False) -> str:
    """Write ``out`` by its extension; return what was written."""
    suffix = out.suffix.lower()
    if bilingual:
        if suffix == ".docx":
            write_atomic(out, review_docx(project))
        elif suffix in (".html", ".htm"):
            write_atomic(out, bilingual_html(project).encode("utf-8"))
        else:
            raise DocumentError("a bilingual export is .docx or .html")
        return "bilingual"
    if suffix in Xliff.extensions:
        write_atomic(out, export_xliff(project))
        return "xliff"
    if suffix == ".tmx":
        write_atomic(out, confirmed_tmx(project))
        return "tmx"
    _, fmt, _ = project.document()
    own = output_extensions(fmt)
    if suffix not in own:
        raise DocumentError(f"{out.name}: this project's document is {fmt}; export it as "
                            f"{' or '.join(own)}, .xlf, .tmx, or "
                            "--bilingual .docx/.html")
    _, data = project.export_document(fallback)
    write_atomic(out, data)
    return fmt


def confirmed_tmx(project: Project) -> bytes:
    pairs = [(s.source, s.target) for s in project.segments("segments.status = ?",
                                                              [Status.CONFIRMED.value])]
    return tmx.write(pairs, languages.get(project.source_lang).bcp47,
                     languages.get(project.target_lang).bcp47)
