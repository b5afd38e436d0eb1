"""Qt's own words in the UI language: dialog buttons, the file dialog, the edit menus of
text fields, key names.

One QTranslator answers for the language of the moment (a switch needs no reinstall):
- the words a translator meets every day (dialog buttons, the file dialog's labels and
  buttons, the Cut/Copy/Paste menu of every text field) come from the Tarjuman catalogs,
  in Dari and in Pashto, with the same terms as the rest of the UI;
- every other Qt text comes from Qt's own Persian catalog (qtbase_fa, shipped with
  PySide6). Qt has no Pashto catalog: the Pashto UI takes these rarer texts from Persian
  too, not English: Afghan Pashto readers read Dari, the script and the right-to-left
  layout stay those of the window, and the daily words are Pashto from our catalogs.

Native file dialogs follow the desktop's language, not ours: outside the English UI the
dialogs are Qt's own (AA_DontUseNativeDialogs), which this translator reaches.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QObject,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QGuiApplication

from desktop_app.core import languages
from desktop_app.gui.i18n import N_, _

CONTEXTS = frozenset({"QPlatformTheme", "QDialogButtonBox", "QMessageBox", "QFileDialog",
                      "QFileSystemModel", "QAbstractFileIconProvider", "QLineEdit",
                      "QWidgetTextControl", "QInputDialog"})
WORDS = frozenset({
    N_("OK"), N_("Cancel"), N_("&Yes"), N_("&No"), N_("Yes to &All"), N_("N&o to All"),
    N_("Close"), N_("Save"), N_("Save All"), N_("Open"), N_("Discard"), N_("Apply"),
    N_("Reset"), N_("Restore Defaults"), N_("Help"), N_("Abort"), N_("Retry"), N_("Ignore"),
    # the file dialog
    N_("&Look in:"), N_("File &name:"), N_("Files of &type:"), N_("Directory:"), N_("&Open"),
    N_("&Save"), N_("&Choose"), N_("Back"), N_("Go back"), N_("Forward"), N_("Go forward"),
    N_("Parent Directory"), N_("Go to the parent directory"), N_("Create New Folder"),
    N_("Create a New Folder"), N_("List View"), N_("Change to list view mode"),
    N_("Detail View"), N_("Change to detail view mode"), N_("Sidebar"),
    N_("List of places and bookmarks"), N_("Files"), N_("Directories"), N_("All Files (*)"),
    N_("Computer"), N_("Drive"), N_("Folder"), N_("Name"), N_("Size"), N_("Type"),
    N_("Date Modified"), N_("&Rename"), N_("&Delete"), N_("Show &hidden files"),
    N_("&New Folder"), N_("New Folder"), N_("%1 already exists.\nDo you want to replace it?"),
    N_("Save As"),
    # the edit menu of every text field
    N_("&Undo"), N_("&Redo"), N_("Cu&t"), N_("&Copy"), N_("&Paste"), N_("Delete"),
    N_("Select All"),
})


def _persian() -> QTranslator:
    """Qt's own Persian catalog (empty if this Qt ships none)."""
    translator = QTranslator()
    translator.load("qtbase_fa", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return translator


class CatalogTranslator(QTranslator):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.persian = _persian()
        self.persian.setParent(self)

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        if languages.ui_language() == "en":
            return None  # Qt's own English
        if context in CONTEXTS and source in WORDS:
            return _(source)
        return self.persian.translate(context, source, disambiguation, n) or None


def follow_language(*_direction: object) -> None:
    """Native dialogs in the English UI only (they speak the desktop's language). The UI
    language changes with the layout direction (English is the one left-to-right UI)."""
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs,
                                  languages.ui_language() != "en")


def install(owner: QObject) -> None:
    """Once per application (the translator lives as long as its owner)."""
    if owner.findChild(CatalogTranslator) is None:
        QCoreApplication.installTranslator(CatalogTranslator(owner))
        if isinstance(owner, QGuiApplication):
            owner.layoutDirectionChanged.connect(follow_language)
    follow_language()
