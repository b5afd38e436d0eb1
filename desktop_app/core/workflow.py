"""Whole jobs built from the core pieces: translate a document in one go."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.documents.base import read_file
from desktop_app.core.documents.registry import detect
from desktop_app.core.exports import check_target, export, layout_notes
from desktop_app.core.glossary.library import default_enforcer
from desktop_app.core.mt.engine import ProgressFn
from desktop_app.core.mt.routing import choose
from desktop_app.core.pretranslate import Report, pretranslate
from desktop_app.core.project import Project
from desktop_app.core.settings import Settings
from desktop_app.core.tm import TranslationMemory
from desktop_app.core.workfiles import temp_dir


def translate_document(document: Path, out: Path, source: str, target: str, *,
                       engine: str | None = None, settings: Settings | None = None,
                       glossary: bool = True, use_cache: bool = True,
                       fallback: str = "source", bilingual: bool = False,
                       retarget: bool = False, on_progress: ProgressFn | None = None) -> Report:
    """Import -> TM + MT (with the glossary) -> export, through a throw-away project."""
    settings = settings or Settings.load()
    # Everything that can be refused is refused before any work: the input, the output,
    # the model for the pair.
    fmt = detect(document, read_file(document)).name
    check_target(out, fmt, bilingual=bilingual, inputs=[document])
    choose(source, target, engine, settings)
    with temp_dir() as tmp, Project.create(document, target, source_lang=source,
                                           path=tmp / "job.tarjuman",
                                           retarget=retarget) as project:
        enforcer = default_enforcer(source, target, texts=(
            s.source for s in project.segments())) if glossary and settings.use_glossary \
            else None
        with TranslationMemory() as tm:
            report = pretranslate(project, engine=engine, settings=settings,
                                  enforcer=enforcer, tm=tm, use_cache=use_cache,
                                  on_progress=on_progress)
        report.segments = project.segments()
        export(project, out, fallback=fallback, bilingual=bilingual)
        report.notes = (*project.import_notes(), *report.notes,
                        *([] if bilingual else layout_notes(project, out, fallback)))
    return report
