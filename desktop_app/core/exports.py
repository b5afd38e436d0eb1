"""Exporting a project: the translated document in its own format, a bilingual table
(docx or html), XLIFF (into the original file, or fresh 2.0), or TMX of the confirmed
segments. Files are written whole to a temp file and renamed, so a failed export leaves
nothing half-written."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from desktop_app.core import languages, tmx
from desktop_app.core.bilingual import bilingual_html, review_docx
from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.registry import (
    FileFilter,
    by_extension,
    by_name,
    output_extensions,
    patterns,
)
from desktop_app.core.documents.xliff import Xliff
from desktop_app.core.i18n import N_, _
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from desktop_app.core.textio import check_output, write_atomic
from desktop_app.core.xliff_export import export_xliff

BILINGUAL_EXTENSIONS = (".docx", ".html", ".htm")
TMX_EXTENSIONS = (".tmx",)
TMX_LABEL = N_("TMX translation memories")


def export_filters(fmt: str, *, bilingual: bool = False) -> list[FileFilter]:
    """The types a save dialog offers for exporting a document of format ``fmt``: what
    :func:`check_target` accepts, the document's own type first."""
    if bilingual:
        return [FileFilter(_("Bilingual tables"), patterns(BILINGUAL_EXTENSIONS))]
    own = output_extensions(fmt)
    kind = by_extension(own[0]) or by_name(fmt)  # a PDF comes back as a Word document
    xliff = by_name(Xliff.name)
    out = [FileFilter(_(kind.label), patterns(own))]
    if kind is not xliff:
        out.append(FileFilter(_(xliff.label), patterns(xliff.extensions)))
    return [*out, FileFilter(_(TMX_LABEL), patterns(TMX_EXTENSIONS))]


def check_target(out: Path, fmt: str, *, bilingual: bool = False,
                 inputs: Iterable[Path] = ()) -> str:
    """What ``out`` will hold (by its extension), or one sentence saying why it cannot be
    written; called before any work (import, MT) is done."""
    suffix = out.suffix.lower()
    own = output_extensions(fmt)
    if bilingual:
        if suffix not in BILINGUAL_EXTENSIONS:
            raise DocumentError(_("a bilingual export is .docx or .html"))
        kind = "bilingual"
    elif suffix in Xliff.extensions:
        kind = "xliff"
    elif suffix in TMX_EXTENSIONS:
        kind = "tmx"
    elif suffix in own:
        kind = fmt
    else:
        raise DocumentError(_("{name}: this document is {fmt}; export it as {formats}, .xlf, .tmx, "
                              "or --bilingual .docx/.html").format(
                                  name=out.name, fmt=fmt, formats=_(' or ').join(own)))
    check_output(out, inputs)
    return kind


def export_file(project_path: Path, out: Path, *, fallback: str = "mt",
                bilingual: bool = False) -> str:
    """:func:`export` with a connection of its own (a background job's thread)."""
    with Project.open(project_path) as project:
        return export(project, out, fallback=fallback, bilingual=bilingual)


def export(project: Project, out: Path, *, fallback: str = "mt",
           bilingual: bool = False) -> str:
    """Write ``out`` by its extension; return what was written. Never over the project
    itself, another database, a link or anything in the data dir."""
    _, fmt, _ = project.document()
    inputs = [project.path]
    kind = check_target(out, fmt, bilingual=bilingual, inputs=inputs)
    if kind == "bilingual":
        data = (review_docx(project) if out.suffix.lower() == ".docx"
                else bilingual_html(project).encode("utf-8"))
    elif kind == "xliff":
        data = export_xliff(project)
    elif kind == "tmx":
        data = confirmed_tmx(project)
    else:
        data = project.export_document(fallback)[1]
    write_atomic(out, data, inputs)
    return kind


def layout_notes(project: Project, out: Path, fallback: str = "mt") -> list[str]:
    """One sentence per place where the translation no longer fits the original's layout
    (a slide's text box), for an export of the document in its own format to ``out``."""
    name, fmt, data = project.document()
    check = getattr(by_name(fmt), "fit_report", None)
    if check is None or out.suffix.lower() not in output_extensions(fmt):
        return []
    notes: list[str] = check(data, name, project.block_targets(fallback))
    return notes


def confirmed_tmx(project: Project) -> bytes:
    pairs = [(s.source, s.target) for s in project.segments("segments.status = ?",
                                                              [Status.CONFIRMED.value])]
    return tmx.write(pairs, languages.get(project.source_lang).bcp47,
                     languages.get(project.target_lang).bcp47)
