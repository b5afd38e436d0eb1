"""The segment comment (Ctrl+M), answered from the keyboard: Tab leaves the text for the
buttons, Ctrl+Enter saves (as it confirms a segment), Escape cancels."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.gui.i18n import _


def ask_comment(parent: QWidget | None, note: str) -> str | None:
    """The edited comment, or None if the user cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Comment"))
    text = QPlainTextEdit(note)
    text.setTabChangesFocus(True)
    text.moveCursor(text.textCursor().MoveOperation.End)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    save = QAction(dialog)
    save.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
    save.triggered.connect(dialog.accept)
    dialog.addAction(save)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(_("Comment on this segment:")))
    layout.addWidget(text)
    layout.addWidget(buttons)
    text.setFocus()
    return text.toPlainText() if dialog.exec() else None
