"""The one place that shows errors and questions to the user."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.gui.i18n import _


def show_error(parent: QWidget | None, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, _("Tarjuman"), message,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("error-dialog")
    if parent is None:
        box.exec()
    else:
        box.open()


def show_info(parent: QWidget | None, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, _("Tarjuman"), message,
                      QMessageBox.StandardButton.Ok, parent)
    box.open()


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes/no question for something that cannot be undone: No is the default."""
    answer = QMessageBox.question(parent, title, question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
