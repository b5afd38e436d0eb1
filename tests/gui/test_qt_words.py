"""Qt's own words in the Dari and Pashto UIs: the file dialog, dialog buttons, the edit
menu of text fields; Qt's Persian catalog for the rest (Qt ships no Pashto); Qt's own
dialogs outside English (native ones speak the desktop's language); core errors shown in a
Dari dialog."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from desktop_app.gui.app import apply_ui_language, make_app
from desktop_app.gui.qt_words import CatalogTranslator

ARABIC = re.compile(r"[\u0600-\u06ff]")
NATIVE_OFF = Qt.ApplicationAttribute.AA_DontUseNativeDialogs


@pytest.fixture
def app() -> Iterator[QApplication]:
    application = make_app()
    try:
        yield application
    finally:
        apply_ui_language(application, "en")


def test_translator_answers_in_dari_pashto_and_persian_for_the_rest(app: QApplication) -> None:
    words = CatalogTranslator()
    assert not words.persian.isEmpty()  # PySide6 ships qtbase_fa.qm
    apply_ui_language(app, "prs")
    assert words.translate("QFileDialog", "File &name:") == "&نام فایل:"
    assert words.translate("QLineEdit", "&Paste") == "&چسباندن"
    assert words.translate("QPlatformTheme", "Cancel") == "لغو"  # our Dari, not Qt's Persian
    persian = words.translate("QMessageBox", "Show Details...")
    assert persian and ARABIC.search(persian)
    apply_ui_language(app, "ps")
    assert words.translate("QFileDialog", "File &name:") == "د فایل &نوم:"
    assert words.translate("QPlatformTheme", "Cancel") == "لغوه"
    assert words.translate("QMessageBox", "Show Details...") == persian  # Qt has no Pashto
    apply_ui_language(app, "en")
    assert words.translate("QFileDialog", "File &name:") is None  # Qt's own English


def test_qt_dialogs_replace_native_ones_outside_english(app: QApplication) -> None:
    apply_ui_language(app, "prs")
    assert QCoreApplication.testAttribute(NATIVE_OFF)
    apply_ui_language(app, "en")
    assert not QCoreApplication.testAttribute(NATIVE_OFF)
    from desktop_app.core import languages

    languages.set_ui_language("ps")  # the menu's path: language, then layout direction
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    assert QCoreApplication.testAttribute(NATIVE_OFF)


@pytest.mark.parametrize(("code", "name_label", "cancel"),
                         [("prs", "&نام فایل:", "لغو"), ("ps", "د فایل &نوم:", "لغوه")])
def test_file_dialog_speaks_the_ui_language(app: QApplication, qtbot, tmp_path: Path,
                                            code: str, name_label: str, cancel: str) -> None:
    apply_ui_language(app, code)
    (tmp_path / "panjshir.docx").write_bytes(b"")
    dialog = QFileDialog(None, "export", str(tmp_path))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    buttons = [button.text() for button in dialog.findChildren(QPushButton) if button.text()]
    assert name_label in labels and cancel in buttons
    assert all(ARABIC.search(text) for text in labels + buttons), (labels, buttons)
    dialog.close()


def test_text_field_menu_in_pashto(app: QApplication, qtbot) -> None:
    apply_ui_language(app, "ps")
    field = QLineEdit("کابل")
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert "&کاپي" in texts and all(ARABIC.search(text) for text in texts), texts


def test_a_core_error_in_a_dari_dialog(app: QApplication, qtbot, tmp_path: Path) -> None:
    from desktop_app.gui.main_window import MainWindow

    apply_ui_language(app, "prs")
    window = MainWindow()
    qtbot.addWidget(window)
    bogus = tmp_path / "bogus.tarjuman"
    bogus.write_text("not a database", encoding="utf-8")
    window.open_path(bogus)  # read and checked in the background
    qtbot.waitUntil(lambda: window.job is None, timeout=20_000)
    assert window.session is None
    box = window.findChild(QMessageBox, "error-dialog")
    assert box is not None
    assert ARABIC.search(box.text()) and "not a Tarjuman project" not in box.text()
    assert "bogus.tarjuman" in box.text()
    assert [b.text() for b in box.buttons()] == ["تأیید"]
    box.close()
    window.set_ui_language("en")
