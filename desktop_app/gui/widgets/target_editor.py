"""The target editor: the segment's translation in its own direction, zero-width marks
shown, inline tags drawn as chips and kept whole (Backspace or Delete next to a tag
removes the whole tag; the caret never stops inside one).

Opening an unreviewed machine translation selects all of it, so typing replaces the
suggestion and an arrow key keeps it for editing; a translator's own text opens with the
caret at the end. Ctrl+Enter confirms, Ctrl+Up/Down move on (the window handles them)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from desktop_app.core.documents.base import TAG
from desktop_app.core.tags import copy_source_tags, inside_tag, missing_tags, tag_at


class TargetEditor(QPlainTextEdit):
    confirm_requested = Signal()

    def __init__(self, parent: QWidget | None, rtl: bool):
        super().__init__(parent)
        self.source = ""
        option = self.document().defaultTextOption()
        option.setFlags(option.flags() | QTextOption.Flag.ShowDefaultIgnorables)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)
        option.setTextDirection(direction)
        option.setAlignment((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                            | Qt.AlignmentFlag.AlignAbsolute)
        self.document().setDefaultTextOption(option)
        self.setTabChangesFocus(True)
        self.chip = QTextCharFormat()
        self.chip.setBackground(QColor("#d9d9e8"))
        self.chip.setForeground(QColor("#333333"))
        self.textChanged.connect(self._paint_tags)
        self.cursorPositionChanged.connect(self._keep_out_of_tags)

    # -- content -------------------------------------------------------------------------

    def load(self, target: str, source: str, *, select_all: bool) -> None:
        self.source = source
        self.setPlainText(target)
        if select_all and target:
            self.selectAll()
        else:
            self.moveCursor(QTextCursor.MoveOperation.End)

    def text(self) -> str:
        return self.toPlainText()

    def insert_next_missing_tag(self) -> bool:
        missing = missing_tags(self.source, self.text())
        if missing:
            self.textCursor().insertText(missing[0])
        return bool(missing)

    def copy_source_tags(self) -> None:
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(copy_source_tags(self.source, self.text()))

    # -- tags as chips, kept whole ---------------------------------------------------------

    def _paint_tags(self) -> None:
        selections = []
        for m in TAG.finditer(self.toPlainText()):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(m.start())
            cursor.setPosition(m.end(), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = self.chip
            selections.append(sel)
        self.setExtraSelections(selections)

    def _keep_out_of_tags(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return
        span = inside_tag(self.toPlainText(), cursor.position())
        if span is not None:
            cursor.setPosition(span[1])
            self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, ctrl = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            self.confirm_requested.emit()
            return
        cursor = self.textCursor()
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and not cursor.hasSelection():
            span = tag_at(self.toPlainText(), cursor.position(),
                          before=key == Qt.Key.Key_Backspace)
            if span is not None:
                cursor.setPosition(span[0])
                cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                return
        super().keyPressEvent(event)
