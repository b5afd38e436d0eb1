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
