"""The concordance dialog looks a Dari word up on the target side without being told."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop_app.core.session import EditSession
from desktop_app.gui.app import make_app
from desktop_app.gui.dialogs.concordance import ConcordanceDialog
from tests.unit.test_session import session


class Window(QWidget):
    def __init__(self, s: EditSession):
        super().__init__()
        self.session = s


def test_dari_query_finds_target_hits_and_says_so(qtbot, tmp_path: Path) -> None:
    make_app()
    s = session(tmp_path)
    s.tm.add("The Panjshir valley", "درهٔ پنجشير", "en", "dari", origin="tmx:old.tmx")
    window = Window(s)
    qtbot.addWidget(window)
    dialog = ConcordanceDialog(window)
    assert dialog.side.currentData() == "auto"
    dialog.query.setText("پنجشیر")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.hits and {h.side for h in dialog.hits} == {"target"}
    shown = dialog.results.toPlainText()
    assert "target side" in shown and "درهٔ پنجشير" in shown
    dialog.side.setCurrentIndex(dialog.side.findData("source"))
    assert dialog.hits == []  # the user's choice is kept
    s.close()
