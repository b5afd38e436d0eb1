"""The window's file dialogs offer the types the format registry holds: a format
registered later (here a fake one) is offered with no edit to the window, and every
type list is one Qt reads back entry by entry."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog

from desktop_app.core.documents.registry import FORMATS, open_filters
from desktop_app.core.review import review_filters
from desktop_app.gui import file_dialogs
from desktop_app.gui.dialogs import qa_delivery
from desktop_app.gui.main_window import MainWindow
from tests.gui import test_editor
from tests.unit.test_format_registry import Fake

window = test_editor.window  # the editor window fixture


def _asked(monkeypatch: pytest.MonkeyPatch, function: str) -> list[str]:
    """The filter string each call of ``file_dialogs.<function>`` was given; the user
    cancels."""
    seen: list[str] = []

    def ask(parent: Any, title: str, filters: str, folder: str = "") -> str:
        seen.append(filters)
        return ""

    monkeypatch.setattr(file_dialogs, function, ask)
    return seen


def test_a_registered_format_is_offered_by_the_window(window: MainWindow, monkeypatch,
                                                       qtbot) -> None:
    monkeypatch.setitem(FORMATS, "fake", Fake())
    seen = _asked(monkeypatch, "open_file")
    window.ask_new_project()
    assert len(seen) == 1
    entries = seen[0].split(";;")
    assert entries[0].startswith("All documents (*.docx ") and "*.fk" in entries[0]
    assert "Fake notes (*.fake *.fk)" in entries
    assert entries[-1] == "All files (*)"


def test_export_and_review_dialogs_offer_what_the_project_takes(window: MainWindow,
                                                                monkeypatch, qtbot) -> None:
    test_editor.open_sample(window)
    monkeypatch.setattr(qa_delivery, "export_allowed", lambda parent: True)
    saved = _asked(monkeypatch, "save_file")
    window.ask_export(bilingual=False)
    window.ask_export(bilingual=True)
    assert saved == ["Word documents (*.docx);;XLIFF files (*.xlf *.xliff *.sdlxliff "
                     "*.mqxliff);;TMX translation memories (*.tmx)",
                     "Bilingual tables (*.docx *.html *.htm)"]
    opened = _asked(monkeypatch, "open_file")
    window.ask_import_review()
    assert opened == [file_dialogs.qt_filter(review_filters())]


@pytest.mark.parametrize("make", [file_dialogs.documents, file_dialogs.review,
                                  file_dialogs.glossary_open, file_dialogs.glossary_save,
                                  file_dialogs.tmx, lambda: file_dialogs.tmx(any_file=True),
                                  file_dialogs.models])
def test_qt_reads_every_type_list_back(qtbot, make: Any) -> None:
    dialog = QFileDialog()
    qtbot.addWidget(dialog)
    text = make()
    dialog.setNameFilter(text)
    assert dialog.nameFilters() == text.split(";;")
    for entry in dialog.nameFilters():  # "Label (*.a *.b)": a label, then patterns
        label, _sep, globs = entry.rpartition(" (")
        assert label and globs.endswith(")") and all(
            g.startswith("*") for g in globs[:-1].split())


def test_the_type_lists_follow_the_ui_language(qtbot) -> None:
    from desktop_app.core import languages

    languages.set_ui_language("prs")
    try:
        text = file_dialogs.documents()
        tmx = file_dialogs.tmx(any_file=True)
    finally:
        languages.set_ui_language("en")
    assert text.startswith("همه سندها (*.docx") and "سندهای Word (*.docx)" in text
    assert tmx == "حافظه‌های ترجمهٔ TMX (*.tmx);;همه فایل‌ها (*)"
    assert len(text.split(";;")) == len(open_filters())



@pytest.fixture
def fresh_qt_settings(tmp_path):  # type: ignore[no-untyped-def]
    """Qt keeps each file dialog's columns and places in the user's QtProject settings: a
    dialog here starts from none and leaves none behind."""
    import os

    from PySide6.QtCore import QSettings

    scope, kind = QSettings.Scope.UserScope, QSettings.Format.NativeFormat
    QSettings.setPath(kind, scope, str(tmp_path / "qt-settings"))
    yield
    QSettings.setPath(kind, scope, os.environ.get("XDG_CONFIG_HOME")
                      or os.path.expanduser("~/.config"))


@pytest.mark.parametrize("save", [False, True])
def test_the_dialog_reads_right_in_the_dari_ui(qtbot, tmp_path, fresh_qt_settings,
                                               save: bool) -> None:
    """Qt's own dialog in a right-to-left UI: no Type column (the system's English type
    names), paths left to right, our translated type list, room for places and dates."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QSplitter, QTreeView

    from desktop_app.core import languages
    from desktop_app.gui.app import make_app

    app = make_app()
    (tmp_path / "panjshir.docx").write_bytes(b"")
    languages.set_ui_language("prs")
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        filters = file_dialogs.documents()
        dialog = file_dialogs._dialog(None, "export", filters,
                                      str(tmp_path / "panjshir.fa-AF.docx"), save=save)
        dialog.show()
        qtbot.waitExposed(dialog)
        tree = dialog.findChild(QTreeView, "treeView")
        look_in = dialog.findChild(QComboBox, "lookInCombo")
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        assert tree is not None and look_in is not None and name is not None
        assert dialog.isRightToLeft()
        assert tree.isColumnHidden(file_dialogs.TYPE_COLUMN)
        assert not tree.isColumnHidden(file_dialogs.DATE_COLUMN)
        assert look_in.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert name.layoutDirection() == Qt.LayoutDirection.LeftToRight
        assert look_in.currentText() == str(tmp_path)
        assert name.text() == "panjshir.fa-AF.docx"  # the suggested name, preselected
        assert dialog.nameFilters() == filters.split(";;")
        assert dialog.nameFilters()[1] == "سندهای Word (*.docx)"
        assert dialog.width() >= file_dialogs.SIZE[0]
        sidebar = dialog.findChild(QSplitter, "splitter").sizes()[0]
        assert sidebar >= file_dialogs.SIDEBAR[0]
    finally:
        dialog.close()
        dialog.deleteLater()  # it writes its settings now, while they are the test's own
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        languages.set_ui_language("en")
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
