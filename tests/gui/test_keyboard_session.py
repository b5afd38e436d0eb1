"""A whole job with the keyboard only (no mouse event anywhere): open a document,
pretranslate, move with Ctrl+Down, type, confirm three times with Ctrl+Enter, undo with
Ctrl+Z, look a word up in the concordance (Ctrl+K), export (Ctrl+E, accepting the name the
dialog suggests)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.core.mt import argos
from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.gui import file_dialogs
from desktop_app.gui.app import make_app
from desktop_app.gui.dialogs.concordance import ConcordanceDialog
from tests.gui.conftest import shown_window
from tests.gui.test_daily_loop import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused():
    return QApplication.focusWidget()


def test_keyboard_only_session(qtbot, tiny_argos: Path, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QMouseEvent

    mouse_events: list[object] = []

    class MouseCounter(QObject):  # sees every event the application delivers
        def eventFilter(self, watched, event):  # noqa: N802
            if isinstance(event, QMouseEvent):
                mouse_events.append(event.type())
            return False

    counter = MouseCounter()
    make_app().installEventFilter(counter)
    argos.install(tiny_argos)
    document = tmp_path / "panjshir.docx"
    document.write_bytes(sample("panjshir.docx").read_bytes())
    window = shown_window(qtbot)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton)
    assert mouse_events  # the counter sees a click; the session below must make none
    mouse_events.clear()

    # open (as `tarjuman panjshir.docx` does), pretranslate with Ctrl+Shift+P
    assert window.open_path(document, "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=20_000)
    qtbot.keyClick(focused(), Qt.Key.Key_P, CTRL | SHIFT)
    assert window.job is not None
    qtbot.waitUntil(lambda: window.job is None, timeout=120_000)
    session = window.session
    assert sum(1 for s in session.segments if s.status == Status.MT) >= 10

    # Ctrl+Down into the second segment, type over the MT, confirm three times
    start = window.current_row()
    qtbot.keyClick(focused(), Qt.Key.Key_Down, CTRL)
    assert window.current_row() == start + 1
    typed_row = window.current_row()
    type_text(focused(), "ترجمهٔ من")
    confirmed = []
    for _n in range(3):
        confirmed.append(window.current_row())
        qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert session.segments[typed_row].target == "ترجمهٔ من"
    assert all(session.segments[r].status == Status.CONFIRMED for r in confirmed)
    assert window.view.editor() is not None and window.view.editor().hasFocus()

    # Ctrl+Z takes back the last confirmation (and its TM unit)
    last = confirmed[-1]
    qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL)
    assert session.segments[last].status == Status.MT
    assert session.segments[confirmed[0]].status == Status.CONFIRMED

    # Ctrl+K: the concordance finds what was just confirmed
    qtbot.keyClick(focused(), Qt.Key.Key_K, CTRL)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ConcordanceDialog) and w.isVisible())
    qtbot.keyClicks(dialog.query, "panjshir")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.hits
    type_text(dialog.query, "")
    dialog.side.setCurrentIndex(dialog.side.findData("target"))
    dialog.query.setText("ترجمهٔ من")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert any(h.kind == "project" for h in dialog.hits)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    # Ctrl+E: the dialog suggests NAME.fa-AF.docx beside the original; Enter accepts it
    suggested: list[str] = []

    def accept_suggestion(parent, title, filters, name="", *args, **kwargs):
        suggested.append(name)
        return name

    monkeypatch.setattr(file_dialogs, "save_file", accept_suggestion)
    preflight: list[str] = []

    def export_anyway() -> None:  # the pre-flight lists open QA errors: Ctrl+E again
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if not suggested:
                QTimer.singleShot(20, export_anyway)
            return
        preflight.append(dialog.objectName())
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_E, CTRL)

    QTimer.singleShot(0, export_anyway)
    window.activateWindow()
    qtbot.keyClick(focused() or window, Qt.Key.Key_E, CTRL)
    assert preflight == ["preflight-dialog"]
    out = tmp_path / "panjshir.fa-AF.docx"
    assert suggested == [str(out)]
    qtbot.waitUntil(lambda: window.job is None and out.exists(), timeout=20_000)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "ترجمهٔ من" in text
    assert document.read_bytes() == sample("panjshir.docx").read_bytes()
    QApplication.instance().removeEventFilter(counter)
    assert mouse_events == []
    window.close()
