"""Segment ▸ Split at the caret and Segment ▸ Join with the next segment: the window's
side of :meth:`EditSession.split` and :meth:`EditSession.join` (one undo step each)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

from desktop_app.core.errors import TarjumanError
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import _
from desktop_app.gui.widgets.target_editor import SourceView

if TYPE_CHECKING:
    from desktop_app.core.session import Changes
    from desktop_app.gui.main_window import MainWindow


def split_at_caret(window: MainWindow) -> bool:
    """Split the current segment where the caret stands in its source (click into the
    source cell first: it opens read-only for the caret)."""
    row, session = window.current_row(), window.session
    if session is None or row is None:
        return False
    focus = QApplication.focusWidget()
    if not isinstance(focus, SourceView):  # the source cell open (read-only) for its caret
        focus = next((v for v in window.view.findChildren(SourceView) if v.isVisible()), None)
    if isinstance(focus, SourceView):
        offset = focus.textCursor().position()
    elif LAST_CARET.get("row") == row and LAST_CARET.get("window") == id(window):
        offset = LAST_CARET["offset"]  # the source closed as the keys were pressed
    else:
        window.statusBar().showMessage(_("Click in the source where the segment is to be "
                                         "split, then split it"), 6000)
        return False
    window.commit_editor()
    return shape(window, lambda: session.split(row, offset), row)


LAST_CARET: dict[str, int] = {}  # where the caret last stood in an open source cell


def watch_source_caret(window: MainWindow) -> None:
    """Remember the caret of a source cell as it loses the focus (a key press may close
    it before the split action runs)."""
    app = QApplication.instance()

    def changed(old: Any, _new: Any) -> None:
        if isinstance(old, SourceView) and window.session is not None:
            row = window.current_row()
            if row is not None:
                LAST_CARET.update(window=id(window), row=row,
                                  offset=old.textCursor().position())
    if isinstance(app, QApplication):
        app.focusChanged.connect(changed)


def join_with_next(window: MainWindow) -> bool:
    row, session = window.current_row(), window.session
    if session is None or row is None:
        return False
    window.commit_editor()
    return shape(window, lambda: session.join(row), row)


def shape(window: MainWindow, call: Callable[[], Changes], row: int) -> bool:
    try:
        changes = call()
    except TarjumanError as exc:
        show_error(window, str(exc))
        return False
    window.changes_hub.publish(changes)
    window.go_to_row(row)  # editing the (first) segment, keyboard first
    return True
