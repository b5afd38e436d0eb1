"""Dialogs sized to what they show: a dialog grows to show all the lines of its wrapped
labels when their text changes, and a small input dialog is as wide as its title.

Qt sizes a window from its size hint when it is shown; a word-wrapped label filled later
(a status that arrives from a background job, an error under a field) needs the height of
its lines at the window's width, which the window does not take by itself."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLabel, QWidget


def fit_height(window: QWidget) -> None:
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    need = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else \
        layout.totalSizeHint().height()
    if window.height() < need:
        window.resize(window.width(), need)


def fit_title(dialog: QInputDialog) -> None:
    """A small input dialog as wide as its title (a title bar cuts "Target language" to
    "Target…guage" in a dialog sized to its one field)."""
    label = dialog.findChild(QLabel)
    if label is not None:
        label.setMinimumWidth(dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
                              + 140)
