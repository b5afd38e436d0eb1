"""The Notes dock: what the file tells the translator about the current segment.

Unit-level notes (this unit's XLIFF notes and resname, PO comments and context, the Word
comment on the paragraph, the subtitle's cue) come first on a yellow ground; file-level
notes (about the whole file) follow, grey and in italics, under their own heading. The
block's length limits are measured on the target as it is typed, shown here and as a
counter in the status bar (red when over). The window calls :func:`install` once.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QTextBrowser,
    QWidget,
)

from desktop_app.core.notes import LimitUse, Note, SegmentNotes, notes_in_block
from desktop_app.gui.i18n import _, number
from desktop_app.gui.widgets.target_editor import TargetEditor

UNIT_STYLE = "background:#fff6cc;border-left:4px solid #e0a800;padding:4px;margin:2px 0"
FILE_STYLE = "background:#eef0f2;color:#404850;padding:4px;margin:2px 0;font-style:italic"
OVER = "#b00020"


def _note_html(note: Note, style: str) -> str:
    text = html.escape(note.text).replace("\n", "<br>")
    return (f'<table width="100%" cellspacing="0" style="{style}"><tr><td style="{style}">'
            f'<b>{html.escape(note.label())}:</b> <span dir="auto">{text}</span>'
            f"</td></tr></table>")


def _limit_html(use: LimitUse) -> str:
    colour = f"color:{OVER};font-weight:bold" if use.over else "color:#1b5e20"
    return f'<p style="margin:0;{colour}">{html.escape(use.message())}</p>'


def _heading(text: str) -> str:
    return f'<p style="margin:6px 0 2px 0;font-weight:bold">{html.escape(text)}</p>'


def notes_html(found: SegmentNotes) -> str:
    """The panel's page for one segment's notes and limits."""
    if not found:
        none = _("No notes from the file for this segment.")
        return f"<p><i>{html.escape(none)}</i></p>"
    parts: list[str] = []
    if found.unit:
        parts.append(_heading(_("This segment")))
        parts += [_note_html(n, UNIT_STYLE) for n in found.unit]
    if found.limits:
        parts.append(_heading(_("Length")))
        parts += [_limit_html(u) for u in found.limits]
    if found.file:
        parts.append(_heading(_("The whole file")))
        parts += [_note_html(n, FILE_STYLE) for n in found.file]
    return "".join(parts)


def counter_text(found: SegmentNotes) -> str:
    """The status bar's counter: the tightest limit as ``47/60`` (empty without one)."""
    if not found.limits:
        return ""
    use = max(found.limits, key=lambda u: u.used / u.limit if u.limit else 0)
    return f"{number(round(use.used))}/{number(round(use.limit))}"


class NotesPanel(QTextBrowser):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notes-panel")
        self.setOpenLinks(False)
        self.found = SegmentNotes()

    def show_notes(self, found: SegmentNotes) -> None:
        self.found = found
        self.setHtml(notes_html(found))


class NotesController(QObject):
    """Follows the window's current segment and its open editor."""

    def __init__(self, window: Any, panel: NotesPanel, dock: QDockWidget):
        super().__init__(window)
        self.window, self.panel, self.dock = window, panel, dock
        self.counter = QLabel()
        self.counter.setObjectName("length-counter")
        window.statusBar().addPermanentWidget(self.counter)
        self._timer = QTimer(self)  # typing: measured once the keys rest a moment
        self._timer.setSingleShot(True)
        self._timer.setInterval(80)
        self._timer.timeout.connect(self.refresh)
        window.view.selectionModel().currentChanged.connect(lambda *_a: self.refresh())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(new, TargetEditor) and not new.property("notes-watched"):
            new.setProperty("notes-watched", True)  # each editor connected once
            new.textChanged.connect(self._timer.start)

    def refresh(self) -> None:
        session = self.window.session
        index = self.window.view.currentIndex()
        if session is None or not index.isValid():
            self.panel.show_notes(SegmentNotes())
            self.counter.clear()
            return
        row = self.window.proxy.mapToSource(index).row()
        if not 0 <= row < len(session.segments):
            return
        seg = session.segments[row]
        editor = self.window.view.editor()
        typed = editor.text() if editor is not None else None
        found = notes_in_block(seg, session.segments, session.block_meta.get(
            seg.block_id, {}), typed, self.window.settings)
        self.panel.show_notes(found)
        text = counter_text(found)
        self.counter.setText(text)
        over = any(u.over for u in found.limits)
        self.counter.setStyleSheet(f"color:{OVER};font-weight:bold" if over else "")
        self.counter.setToolTip("\n".join(u.message() for u in found.limits))

    def focus(self) -> None:
        self.dock.show()
        self.dock.raise_()
        self.refresh()
        self.panel.setFocus(Qt.FocusReason.ShortcutFocusReason)


def install(window: QMainWindow, docks: dict[str, QDockWidget]) -> NotesController:
    """The Notes dock beside the QA dock, its counter in the status bar."""
    panel = NotesPanel()
    dock = QDockWidget(window)
    dock.setObjectName("dock-notes")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    if "qa" in docks:
        window.splitDockWidget(docks["qa"], dock, Qt.Orientation.Horizontal)
    docks["notes"] = dock
    # the bottom row (QA and notes) tall enough for a few notes, once the window is built
    QTimer.singleShot(0, window, lambda: window.resizeDocks([dock], [170],
                                                            Qt.Orientation.Vertical))
    return NotesController(window, panel, dock)
