"""The lists of file types file dialogs offer ("Word documents (*.docx)"), as Qt's filter
strings: documents from the format registry, exports and review files from core; glossary,
TMX and model files from the small tables here, which are no document formats."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from desktop_app.core.documents.registry import ALL_FILES, FileFilter, open_filters, patterns
from desktop_app.core.exports import TMX_EXTENSIONS, TMX_LABEL
from desktop_app.core.review import review_filters
from desktop_app.gui.i18n import N_, _

if TYPE_CHECKING:
    from desktop_app.core.session import EditSession

# (label marked for the catalogs, patterns)
GLOSSARY_OPEN = ((N_("Glossaries"), ("*.tbx", "*.csv", "*.tsv")),)
GLOSSARY_SAVE = ((N_("TBX glossaries"), ("*.tbx",)), (N_("CSV tables"), ("*.csv",)))
MODEL_FILES = ((N_("Argos packages"), ("*.argosmodel",)), (N_("Zipped models"), ("*.zip",)))


def qt_filter(filters: Iterable[FileFilter]) -> str:
    """``Label (*.a *.b);;Label (*.c)``, as QFileDialog takes it."""
    return ";;".join(f"{f.label} ({' '.join(f.patterns)})" for f in filters)


def _table(rows: Iterable[tuple[str, tuple[str, ...]]]) -> list[FileFilter]:
    return [FileFilter(_(label), globs) for label, globs in rows]


def documents() -> str:
    """A document to translate: every format the registry reads."""
    return qt_filter(open_filters())


def export(session: EditSession, bilingual: bool = False) -> str:
    """Where to export the open project's document."""
    return qt_filter(session.export_filters(bilingual))


def review() -> str:
    return qt_filter(review_filters())


def glossary_open() -> str:
    return qt_filter(_table(GLOSSARY_OPEN))


def glossary_save() -> str:
    return qt_filter(_table(GLOSSARY_SAVE))


def tmx(*, any_file: bool = False) -> str:
    rows = [(TMX_LABEL, patterns(TMX_EXTENSIONS))]
    return qt_filter(_table(rows + ([(ALL_FILES, ("*",))] if any_file else [])))


def models() -> str:
    return qt_filter(_table(MODEL_FILES))
