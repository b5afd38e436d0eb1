"""The window's file dialogs, and the lists of file types they offer ("Word documents
(*.docx)"), as Qt's filter strings: documents from the format registry, exports and review
files from core; glossary, TMX and model files from the small tables here, which are no
document formats.

``open_file``/``save_file`` ask for one path. Where Qt draws the dialog itself (the Dari
and Pashto UI: qt_words turns native dialogs off there) it is fitted for a right-to-left
UI: no Type column (it shows the system's English type names; the filter names the type),
paths read left to right, and room for the sidebar and the date column. Native dialogs
(the English UI on Windows/macOS/desktops with a platform theme) are left as they are."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLineEdit,
    QListView,
    QSplitter,
    QTreeView,
    QWidget,
)

from desktop_app.core.documents.registry import ALL_FILES, FileFilter, open_filters, patterns
from desktop_app.core.exports import TMX_EXTENSIONS, TMX_LABEL
from desktop_app.core.review import review_filters
from desktop_app.gui.i18n import N_, _

if TYPE_CHECKING:
    from desktop_app.core.session import EditSession

TYPE_COLUMN, DATE_COLUMN = 2, 3  # QFileSystemModel: name, size, type, date modified
PATH_FIELDS = (("lookInCombo", QComboBox), ("fileNameEdit", QLineEdit))
SIZE = (860, 520)
SIDEBAR = (140, 260)  # the places list: wide enough for its names, within bounds
PADDING = 24

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


def _dialog(parent: QWidget | None, title: str, filter: str, directory: str = "", *,
            save: bool = False, many: bool = False) -> QFileDialog:
    """The dialog ``open_file``/``save_file`` run, built and fitted but not shown."""
    dialog = QFileDialog(parent, title, directory, filter)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if many
                           else QFileDialog.FileMode.ExistingFile)
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is None:  # a native dialog: the desktop draws it
        return dialog
    tree.setColumnHidden(TYPE_COLUMN, True)
    for name, kind in PATH_FIELDS:
        field = dialog.findChild(kind, name)
        if field is not None:
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    dialog.resize(max(dialog.width(), SIZE[0]), max(dialog.height(), SIZE[1]))
    _fit_columns(dialog, tree)
    return dialog


def _fit_columns(dialog: QFileDialog, tree: QTreeView) -> None:
    """The places list and the date column as wide as what they show, in this language."""
    sidebar = dialog.findChild(QListView, "sidebar")
    splitter = dialog.findChild(QSplitter, "splitter")
    if sidebar is not None and splitter is not None and splitter.count() == 2:
        want = min(max(sidebar.sizeHintForColumn(0) + PADDING, SIDEBAR[0]), SIDEBAR[1])
        total = sum(splitter.sizes()) or dialog.width()
        splitter.setSizes([want, max(total - want, 0)])
    header = tree.header()
    sample = QLocale.system().toString(QDateTime.currentDateTime(),
                                       QLocale.FormatType.ShortFormat)
    date = max(tree.fontMetrics().horizontalAdvance(sample),
               header.fontMetrics().horizontalAdvance(
                   str(tree.model().headerData(DATE_COLUMN, Qt.Orientation.Horizontal))))
    header.resizeSection(DATE_COLUMN, max(header.sectionSize(DATE_COLUMN), date + PADDING))


def _ask(dialog: QFileDialog) -> list[str]:
    try:
        return dialog.selectedFiles() if dialog.exec() else []
    finally:
        dialog.deleteLater()


def open_file(parent: QWidget | None, title: str, filter: str, directory: str = "") -> str:
    """The existing file the translator picks, or "" when cancelled."""
    chosen = _ask(_dialog(parent, title, filter, directory))
    return chosen[0] if chosen else ""


def open_files(parent: QWidget | None, title: str, filter: str,
               directory: str = "") -> list[str]:
    """The existing files the translator picks (none when cancelled)."""
    return _ask(_dialog(parent, title, filter, directory, many=True))


def save_file(parent: QWidget | None, title: str, filter: str, directory: str = "") -> str:
    """Where to write (a file name suggested in ``directory`` is preselected), or ""."""
    chosen = _ask(_dialog(parent, title, filter, directory, save=True))
    return chosen[0] if chosen else ""
