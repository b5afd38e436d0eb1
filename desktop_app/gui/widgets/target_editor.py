"""The target editor: the segment's translation in its own direction, zero-width marks
shown, inline tags drawn as compact chips like the grid's (the label small on grey, the
brackets reduced to the chip's padding; the text itself, brackets included, is what is
stored) and kept whole (Backspace or Delete next to a tag removes the whole tag; the caret
never stops inside one).

Opening an unreviewed machine translation selects all of it, so typing replaces the
suggestion and an arrow key keeps it for editing; a translator's own text opens with the
caret at the end. Ctrl+Enter confirms, Ctrl+Up/Down move on (the window handles them);
Ctrl+Z undoes the typing first, then the session's last action. Plain Enter inserts a line
break only where the source has one (a stray break would reach the exported document);
Shift+Enter always does, of the source's own kind."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QMainWindow, QPlainTextEdit, QWidget

from desktop_app.core import bidi
from desktop_app.core.documents.base import TAG
from desktop_app.core.tags import copy_source_tags, inside_tag, missing_tags, tag_at
from desktop_app.gui.i18n import _
from desktop_app.gui.keys import bare, chord_text

CHIP_BACKGROUND, CHIP_TEXT = QColor("#d9d9e8"), QColor("#333333")
BREAKS = ("\u2028", "\n")  # a line separator (kept inside the paragraph) or a new line
ISOLATES = "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
NO_ISOLATES = dict.fromkeys(map(ord, ISOLATES))


def source_break(source: str) -> str | None:
    """The kind of line break the source uses (its first one), or None without one."""
    found = [(source.find(b), b) for b in BREAKS if b in source]
    return min(found)[1] if found else None


def _scaled(font: QFont, factor: float) -> QFont:
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(max(1.0, font.pointSizeF() * factor))
    else:
        scaled.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return scaled


class TagHighlighter(QSyntaxHighlighter):
    """Tags as chips, formatted at layout time (no undo step, the text unchanged): the
    label small on grey, each bracket a sliver of grey padding. The spelling highlighter
    builds on this one (a document has one highlighter)."""

    def __init__(self, document: QTextDocument, font: QFont):
        super().__init__(document)
        self.chip = QTextCharFormat()
        self.chip.setFont(_scaled(font, 0.8))
        self.chip.setBackground(CHIP_BACKGROUND)
        self.chip.setForeground(CHIP_TEXT)
        self.bracket = QTextCharFormat(self.chip)
        self.bracket.setFont(_scaled(font, 0.35))
        self.bracket.setForeground(CHIP_BACKGROUND)  # the bracket is the chip's padding
        # the display isolates around a tag: laid out, never seen (zero-width marks are
        # shown in this editor, and an isolate would be drawn as a box)
        self.hidden = QTextCharFormat()
        self.hidden.setFont(_scaled(font, 0.05))
        self.hidden.setForeground(QColor(0, 0, 0, 0))

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        for m in TAG.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), self.chip)
            self.setFormat(m.start(), 1, self.bracket)
            self.setFormat(m.end() - 1, 1, self.bracket)
        for n, ch in enumerate(text):
            if ch in ISOLATES:
                self.setFormat(n, 1, self.hidden)


class TargetEditor(QPlainTextEdit):
    confirm_requested = Signal()
    last_selection: tuple[str, str] = ("", "")  # (source, selected text): for Ctrl+T
    history_requested = Signal(bool)  # Ctrl+Z (False) / Ctrl+Shift+Z (True) past the typing
    enter_hint_shown = False  # the status-bar hint on a swallowed Enter, once per run

    def __init__(self, parent: QWidget | None, rtl: bool):
        super().__init__(parent)
        self.source = ""
        self.stored = self.shown = ""  # the text as loaded, and as laid out (isolated tags)
        option = self.document().defaultTextOption()
        option.setFlags(option.flags() | QTextOption.Flag.ShowDefaultIgnorables)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.setLayoutDirection(direction)
        option.setTextDirection(direction)
        option.setAlignment((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                            | Qt.AlignmentFlag.AlignAbsolute)
        self.document().setDefaultTextOption(option)
        self.setTabChangesFocus(True)
        # the row grows with the text (the delegate fits it): a scrollbar would only narrow
        # the text and hide its last line
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chips: TagHighlighter = TagHighlighter(self.document(), self.font())
        self.selectionChanged.connect(self._remember_selection)
        self.cursorPositionChanged.connect(self._keep_out_of_tags)

    # -- content -------------------------------------------------------------------------

    def load(self, target: str, source: str, *, select_all: bool) -> None:
        self.source = source
        # each tag between bidi isolates (display only: text() takes them out), so a chip
        # next to a number is drawn where it stands, not inside the number
        self.stored, self.shown = target, bidi.for_display(target, rtl=False)
        self.setPlainText(self.shown)
        if select_all and target:
            self.selectAll()
        else:
            self.moveCursor(QTextCursor.MoveOperation.End)

    def needed_height(self) -> int:
        """The height that shows every wrapped line at the present width."""
        height = 0.0
        block = self.document().begin()
        while block.isValid():
            height += self.blockBoundingRect(block).height()
            block = block.next()
        margins = self.contentsMargins()
        return math.ceil(height + 2 * self.document().documentMargin() + margins.top()
                         + margins.bottom()) + 1

    def _remember_selection(self) -> None:
        selected = self.textCursor().selectedText()
        if selected and selected != self.toPlainText():  # an MT opened selected whole is not
            selected = bidi.from_display(selected).translate(NO_ISOLATES)
            TargetEditor.last_selection = (self.source, selected)

    def text(self) -> str:
        """The text as typed: unlike toPlainText(), no-break spaces and line separators
        are kept (paragraph ends are new lines), the display isolates around tags are not."""
        raw = self.document().toRawText().replace("\u2029", "\n")
        return self.stored if raw == self.shown else bidi.from_display(raw)

    def insert_next_missing_tag(self) -> bool:
        missing = missing_tags(self.source, self.text())
        if missing:
            self.textCursor().insertText(bidi.for_display(missing[0], rtl=False))
        return bool(missing)

    def copy_source_tags(self) -> None:
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(bidi.for_display(copy_source_tags(self.source, self.text()),
                                           rtl=False))

    # -- tags kept whole ---------------------------------------------------------

    def _keep_out_of_tags(self) -> None:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return
        span = inside_tag(self.toPlainText(), cursor.position(), bidi.DISPLAY_TAG)
        if span is not None:
            cursor.setPosition(span[1])
            self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if chord_text(event):  # Alt+F with no menu to open: its command, never its text
            stripped = bare(event)  # (the app's guard does the same: never relied on here)
            self._key(stripped)
            event.setAccepted(stripped.isAccepted())
            return
        self._key(event)

    def _key(self, event: QKeyEvent) -> None:
        key, ctrl = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if ctrl:
                self.confirm_requested.emit()
            else:
                self._enter(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            return
        if event.matches(QKeySequence.StandardKey.Undo) and not self.document().isUndoAvailable():
            self.history_requested.emit(False)  # nothing typed to undo: undo the last action
            return
        if event.matches(QKeySequence.StandardKey.Redo) and not self.document().isRedoAvailable():
            self.history_requested.emit(True)
            return
        cursor = self.textCursor()
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and not cursor.hasSelection():
            span = tag_at(self.toPlainText(), cursor.position(),
                          before=key == Qt.Key.Key_Backspace, pattern=bidi.DISPLAY_TAG)
            if span is not None:
                cursor.setPosition(span[0])
                cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                return
        super().keyPressEvent(event)


    def _enter(self, shift: bool) -> None:
        """Enter breaks the line only where the source breaks lines; Shift+Enter always."""
        kind = source_break(self.source)
        if kind is not None or shift:
            self.textCursor().insertText(kind or "\n")
        elif not TargetEditor.enter_hint_shown:
            window = self.window()
            if isinstance(window, QMainWindow):
                TargetEditor.enter_hint_shown = True
                window.statusBar().showMessage(
                    _("Ctrl+Enter confirms; Shift+Enter inserts a line break"), 8000)


class SourceView(QPlainTextEdit):
    """The source of the segment, read-only, for selecting a phrase (Ctrl+T)."""

    def __init__(self, parent: QWidget | None, rtl: bool):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                     | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl
                                else Qt.LayoutDirection.LeftToRight)
