"""The one place that shows errors and questions to the user."""

from __future__ import annotations

import unicodedata

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.gui.i18n import _

ISOLATES = {"LRI": 1, "RLI": 1, "FSI": 1, "PDI": -1}


def paragraphs_in_own_direction(text: str) -> str:
    """Each line laid out in the direction of its first strong letter outside isolated
    names (Unicode rules P2/P3, which Qt's own guess skips): a Dari sentence that starts
    with an isolated model id or file name stays right-to-left."""
    lines = []
    for line in text.split("\n"):
        depth = 0
        for ch in line:
            kind = unicodedata.bidirectional(ch)
            depth = max(0, depth + ISOLATES.get(kind, 0))
            if depth == 0 and kind in ("L", "R", "AL"):
                if kind != "L" and unicodedata.bidirectional(line[0]) not in ("R", "AL"):
                    line = "\u200f" + line
                break
        lines.append(line)
    return "\n".join(lines)


def _give_back(box: QMessageBox, parent: QWidget) -> None:
    """When the message closes, its window is active again, with its focus: the window's
    shortcuts (Ctrl+1, Ctrl+Enter...) answer at once, whatever the platform does."""
    window = parent.window()
    focus = window.focusWidget()

    def back(_result: int) -> None:
        window.activateWindow()
        if focus is not None:
            focus.setFocus()

    box.finished.connect(back)


def show_error(parent: QWidget | None, message: str) -> None:
    message = paragraphs_in_own_direction(message)
    box = QMessageBox(QMessageBox.Icon.Critical, _("Tarjuman"), message,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error-dialog")
    if parent is None:
        box.exec()
    else:
        _give_back(box, parent)
        box.open()


def show_info(parent: QWidget | None, message: str) -> None:
    message = paragraphs_in_own_direction(message)
    box = QMessageBox(QMessageBox.Icon.Information, _("Tarjuman"), message,
                      QMessageBox.StandardButton.Ok, parent)
    if parent is not None:
        _give_back(box, parent)
    box.open()


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question for something that cannot be undone: No is the default."""
    answer = QMessageBox.question(parent, title, paragraphs_in_own_direction(question),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
