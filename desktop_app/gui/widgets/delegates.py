"""Painting and editing grid cells: the source with glossary hits highlighted and tags
as protected chips; the target in a right-to-left multi-line editor."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeyEvent,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.core.documents.base import TAG
from desktop_app.core.session import EditSession
from desktop_app.gui.models.segments import RawRole

CHIP = ('<span style="background:#d9d9e8;color:#333;border-radius:3px;font-size:small">'
        "&nbsp;{}&nbsp;</span>")

Index = QModelIndex | QPersistentModelIndex


def source_html(text: str, spans: list[tuple[int, int]]) -> str:
    """Source text as HTML: glossary spans (in tag-free offsets) highlighted, tags as chips."""
    out: list[str] = []
    plain_pos = 0
    pos = 0
    starts = {a for a, _ in spans}
    ends = {b for _, b in spans}

    def emit_text(chunk: str) -> None:
        nonlocal plain_pos
        for ch in chunk:
            if plain_pos in ends:
                out.append("</span>")
            if plain_pos in starts:
                out.append('<span style="background:#ffe58a">')
            out.append(html.escape(ch))
            plain_pos += 1

    for m in TAG.finditer(text):
        emit_text(text[pos:m.start()])
        label = f"{m.group(1)}{m.group(2)}{m.group(3)}"
        out.append(CHIP.format(html.escape(label)))
        pos = m.end()
    emit_text(text[pos:])
    if plain_pos in ends:
        out.append("</span>")
    return "".join(out)


class SourceDelegate(QStyledItemDelegate):
    def __init__(self, session: EditSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        spans = [h.hit.span for h in self.session.glossary_hits(index.row())]
        doc.setHtml(source_html(str(index.data(RawRole) or ""), spans))
        doc.setTextWidth(option.rect.width())
        return doc

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setClipRect(opt.rect)  # long sentences stay in their row (tooltip has all)
        painter.translate(opt.rect.topLeft())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text,
                                 opt.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


class TargetEditor(QPlainTextEdit):
    """Right-to-left editor with ZWNJ and bidi marks shown; Ctrl+Enter confirms."""

    confirm_requested = Signal()

    def __init__(self, parent: QWidget | None, rtl: bool):
        super().__init__(parent)
        option = self.document().defaultTextOption()
        option.setFlags(option.flags() | QTextOption.Flag.ShowDefaultIgnorables)
        if rtl:
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        self.document().setDefaultTextOption(option)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.confirm_requested.emit()
            return
        super().keyPressEvent(event)


class TargetDelegate(QStyledItemDelegate):
    confirm_requested = Signal()

    def __init__(self, rtl: bool, parent: QObject | None = None):
        super().__init__(parent)
        self.rtl = rtl
        self.spell: Any = None  # a SpellChecker: misspelt words underlined in the editor

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        editor = TargetEditor(parent, self.rtl)
        editor.confirm_requested.connect(self.confirm_requested)
        if self.spell is not None:
            from desktop_app.gui.widgets import spelling

            spelling.attach(editor, self.spell)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
            if text != (index.data(Qt.ItemDataRole.EditRole) or ""):
                model.setData(index, text, Qt.ItemDataRole.EditRole)
