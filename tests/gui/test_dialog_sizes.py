"""Dialogs a translator opens, in every UI language at 1366x768: sized to their content (no
title, label or field clipped), and the Add-term dialog with its source, target, status,
forbidden and note fields, saved through the session's add_term."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop_app.core.resources import sample
from desktop_app.gui.dialogs.add_term import AddTermDialog
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.mnemonics import plain
from tests.gui.conftest import shown_window

SCREEN = (1366, 768)
TITLE_CHROME = 120  # a title bar's icon and buttons, beside the title


@pytest.fixture
def window(qtbot) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = shown_window(qtbot, SCREEN)
    assert win.open_path(sample("panjshir.docx"), "dari")
    qtbot.waitUntil(lambda: win.session is not None and win.job is None, timeout=30_000)
    win.go_to_row(1)
    yield win
    win.set_ui_language("en")
    win.close()


def clipped(dialog: QWidget) -> list[str]:
    """What of the dialog does not fit: its title, labels and buttons cut off."""
    problems = []
    if dialog.width() < dialog.minimumSizeHint().width() \
            or dialog.height() < dialog.minimumSizeHint().height():
        problems.append(f"dialog {dialog.size().toTuple()} < {dialog.minimumSizeHint()}")
    title = dialog.windowTitle()
    if dialog.fontMetrics().horizontalAdvance(title) + TITLE_CHROME > dialog.width():
        problems.append(f"title {title!r} in {dialog.width()} px")
    if dialog.width() > SCREEN[0] or dialog.height() > SCREEN[1]:
        problems.append("larger than the screen")
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible():
            continue
        short = widget.width() < widget.sizeHint().width()
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text() and short:
            problems.append(f"label {widget.text()!r}")
        if isinstance(widget, QAbstractButton) and widget.text() and short:
            problems.append(f"button {plain(widget.text())!r}")
    return problems


def while_open(qtbot, dialog_type: type, check: Callable[[QDialog], None],  # type: ignore[no-untyped-def]
               open_it: Callable[[], object]) -> None:
    """Open a modal dialog, run ``check`` on it once shown, then cancel it."""
    seen: list[QDialog] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, dialog_type) or not dialog.isVisible():
            QTimer.singleShot(20, look)
            return
        seen.append(dialog)
        try:
            check(dialog)
        finally:
            dialog.reject()

    QTimer.singleShot(20, look)
    open_it()
    assert seen, dialog_type


@pytest.mark.parametrize("lang", ["en", "prs", "ps"])
def test_every_dialog_fits_its_content(qtbot, window: MainWindow, lang: str) -> None:
    from desktop_app.gui.dialogs.concordance import ConcordanceDialog
    from desktop_app.gui.dialogs.find_replace import FindReplace

    window.set_ui_language(lang)
    problems: dict[str, list[str]] = {}

    def record(name: str) -> Callable[[QDialog], None]:
        def check(dialog: QDialog) -> None:
            qtbot.wait(20)
            problems[name] = clipped(dialog)
        return check

    while_open(qtbot, AddTermDialog, record("add term"), window.add_term_from_selection)
    while_open(qtbot, QInputDialog, record("go to"), window.ask_go_to)
    while_open(qtbot, QInputDialog, record("target language"), window.ask_target_language)
    for dialog_type, name in ((FindReplace, "find"), (ConcordanceDialog, "concordance")):
        window.registry[{"find": "find", "concordance": "concordance"}[name]].trigger()
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, dialog_type) and w.isVisible())
        qtbot.waitExposed(dialog)
        problems[name] = clipped(dialog)
        dialog.close()
    from desktop_app.gui.dialogs.glossary_manager import GlossaryManager
    from desktop_app.gui.dialogs.model_manager import ModelManager

    while_open(qtbot, QDialog, record("comment"), window.edit_comment)
    while_open(qtbot, GlossaryManager, record("glossary"), window.open_glossary_manager)
    while_open(qtbot, ModelManager, record("models"), window.open_model_manager)
    assert {k: v for k, v in problems.items() if v} == {}
    assert len(problems) == 8


def test_add_term_has_every_field_and_saves_through_the_session(qtbot, window) -> None:
    seen: dict[str, object] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, AddTermDialog)
        seen["source"] = dialog.source.text()  # nothing selected: not the whole sentence
        seen["size"] = dialog.size().toTuple()
        dialog.source.setText("Panjshir Valley")
        dialog.target.setText("درهٔ پنجشیر")
        dialog.note.setText("نام جای")
        dialog.forbidden.setChecked(True)
        assert not dialog.status.isEnabled()  # forbidden is a status of its own
        dialog.accept()

    def accept_after(dialog: QDialog) -> None:
        fill(dialog)

    QTimer.singleShot(50, lambda: accept_after(QApplication.activeModalWidget()))
    window.add_term_from_selection()
    assert seen["source"] == ""
    width, height = seen["size"]  # type: ignore[misc]
    assert width >= 400 and height >= 200  # it was 224x134
    concepts = window.session.existing_concepts("Panjshir Valley")
    assert concepts, "saved in the project glossary"
    term = next(t for c in concepts for t in c.terms if t.text == "درهٔ پنجشیر")
    assert (term.status, term.note) == ("forbidden", "نام جای")


def test_add_term_fields_are_typed_into_directly(qtbot) -> None:
    from desktop_app.gui.app import make_app

    make_app()
    dialog = AddTermDialog(None, "", "", lambda text: [], "prs", True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.source  # its own focus, whatever else is open
    assert [type(w) for w in (dialog.source, dialog.target, dialog.note)] == [QLineEdit] * 3
    assert dialog.term_status() == "preferred"
    dialog.status.setCurrentIndex(1)
    assert dialog.term_status() == "admitted"
    assert dialog.target.layoutDirection() == Qt.LayoutDirection.RightToLeft
