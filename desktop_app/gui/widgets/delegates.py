"""Grid cells: source and target painted as their laid-out text (``cell_text``), the
number, status and QA cells from one model answer; the size hint is the laid-out height,
so rows fit their content. The target editor lives in ``target_editor``."""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFocusEvent,
    QFont,
    QIcon,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop_app.core.documents.base import TAG
from desktop_app.core.session import EditSession
from desktop_app.gui.models.segments import TARGET as TARGET_COLUMN
from desktop_app.gui.models.segments import MarkRole, RawRole
from desktop_app.gui.widgets.cell_text import draw_cell, lay_out
from desktop_app.gui.widgets.row_spelling import RowMarks, underline
from desktop_app.gui.widgets.target_editor import SourceView, TargetEditor

CACHE = 400  # laid-out cells kept: a few screens' worth

Index = QModelIndex | QPersistentModelIndex


def segment_row(index: Index) -> int:
    """The segment a grid cell shows: the grid's model filters, so its row is not the
    segment's."""
    model = index.model()
    return model.mapToSource(index).row() if isinstance(model, QSortFilterProxyModel) \
        else index.row()


class MarkDelegate(QStyledItemDelegate):
    """The number, status and QA cells: what Qt's own delegate draws (background, marker,
    text), from one question to the model (:data:`MarkRole`) where Qt's asks one per role,
    and drawn where the style places them (asked of the style once per cell size) with
    a few painter calls (the style's own text layout put the text a pixel higher); the
    focused cell is drawn by the style itself. These three columns were half the cost of
    painting a page of rows."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._places: dict[tuple[Any, ...], tuple[QRect, QRect]] = {}

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        text, icon, brush = index.data(MarkRole) or ("", None, None)
        opt = QStyleOptionViewItem(option)
        if icon is not None:
            opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            opt.icon = icon
            opt.decorationSize = icon.actualSize(opt.decorationSize)
        if text:
            opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
            opt.text = text
        if brush is not None:
            opt.backgroundBrush = brush
        state = opt.state
        if state & QStyle.StateFlag.State_HasFocus:  # the style's focus frame
            widget = opt.widget
            style = widget.style() if widget is not None else QApplication.style()
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
            return
        group = QPalette.ColorGroup.Disabled
        if state & QStyle.StateFlag.State_Enabled:
            group = QPalette.ColorGroup.Active if state & QStyle.StateFlag.State_Active \
                else QPalette.ColorGroup.Inactive
        selected = bool(state & QStyle.StateFlag.State_Selected)
        rect = opt.rect
        if selected:
            painter.fillRect(rect, opt.palette.brush(group, QPalette.ColorRole.Highlight))
        elif brush is not None:
            painter.fillRect(rect, brush)
        icon_at, text_at = self._place(opt)
        if icon is not None:
            icon.paint(painter, icon_at.translated(rect.topLeft()), Qt.AlignmentFlag.AlignCenter,
                       QIcon.Mode.Selected if selected else QIcon.Mode.Normal)
        if text:
            painter.setPen(opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected
                                             else QPalette.ColorRole.Text))
            painter.setFont(opt.font)
            painter.drawText(text_at.translated(rect.topLeft()), opt.displayAlignment, text)

    def _place(self, opt: QStyleOptionViewItem) -> tuple[QRect, QRect]:
        """Where the style puts the marker and the text in a cell of this size, relative
        to the cell (the text's rect without the style's text margin)."""
        key = (opt.rect.width(), opt.rect.height(), opt.direction, opt.features.value,
               opt.decorationSize.width(), opt.decorationSize.height())
        place = self._places.get(key)
        if place is None:
            widget = opt.widget
            style = widget.style() if widget is not None else QApplication.style()
            sample = QStyleOptionViewItem(opt)
            sample.rect = QRect(0, 0, opt.rect.width(), opt.rect.height())
            icon_at = style.subElementRect(QStyle.SubElement.SE_ItemViewItemDecoration, sample,
                                           widget)
            text_at = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, sample, widget)
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
            place = self._places[key] = (icon_at, text_at.adjusted(margin, 0, -margin, 0))
        return place


class CellDelegate(QStyledItemDelegate):
    """Source or target cells: rich text in the language's direction."""

    def __init__(self, session: EditSession, rtl: bool, *, terms: bool,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.rtl = rtl
        self.terms = terms
        self.find: re.Pattern[str] | None = None
        self._docs: OrderedDict[tuple[Any, ...], QTextDocument] = OrderedDict()
        self._marks_state = 0  # bumped when spelling marks land: cells are laid out again
        self._font, self._key = QFont(), QFont().key()

    def _spans(self, plain: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The glossary hits and find hits in a cell's tag-free text (found from the text
        alone: the grid's row is not the segment's when a filter hides rows)."""
        terms = [hit.span for hit in self.session.matcher.find(plain)] if self.terms else []
        found = [m.span() for m in self.find.finditer(plain) if m.end() > m.start()] \
            if self.find is not None else []
        return terms, found

    def document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        """The laid-out cell, cached by text, width, font, glossary and find state (the
        rows on screen are measured and painted again and again while scrolling)."""
        raw = str(index.data(RawRole) or "")
        matcher = self.session.matcher
        key = (raw, self._marks_state, option.rect.width(), self._font_key(option.font),
               self.find.pattern if self.find else None, self.find.flags if self.find else 0,
               matcher.version if self.terms else 0)
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = self._layout(option, raw)
        self._docs[key] = doc
        if len(self._docs) > CACHE:
            self._docs.popitem(last=False)
        return doc

    def _font_key(self, font: QFont) -> str:
        """The font's key, built once per font (QFont.key() makes a new string per call:
        a tenth of the cost of finding a cached cell)."""
        if font != self._font:
            self._font, self._key = QFont(font), font.key()
        return self._key

    def _layout(self, option: QStyleOptionViewItem, raw: str) -> QTextDocument:
        terms, found = self._spans(TAG.sub("", raw))
        doc = lay_out(raw, option.font, option.rect.width(), rtl=self.rtl, terms=terms,
                      found=found)
        self._decorate(doc, raw)
        return doc

    def _decorate(self, doc: QTextDocument, raw: str) -> None:
        """Marks drawn over the laid-out text (the target's spelling waves)."""

    def paint(self, painter: Any, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)  # of the model's roles, only the background
        brush = index.data(Qt.ItemDataRole.BackgroundRole)  # shows: the text is our own
        if brush is not None:
            opt.backgroundBrush = brush
        draw_cell(painter, opt, self.document(opt, index))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        opt = QStyleOptionViewItem(option)
        view = self.parent()
        if isinstance(view, QTableView):  # the cell's width as painted (its grid line off)
            opt.rect.setWidth(view.columnWidth(index.column()) - int(view.showGrid()))
        doc = self.document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


class SourceDelegate(CellDelegate):
    """The source: painted with glossary hits; opened read-only so a phrase can be
    selected (Ctrl+T then adds it as a term)."""

    def __init__(self, session: EditSession, rtl: bool, parent: QObject | None = None):
        super().__init__(session, rtl, terms=True, parent=parent)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        editor = SourceView(parent, self.rtl)
        editor.setPlainText(str(index.data(RawRole) or ""))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        pass  # read-only: loaded once, the selection is kept

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        pass

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: Index) -> None:
        editor.setGeometry(option.rect)


class TargetDelegate(CellDelegate):
    """The target: painted like the source; edited in a TargetEditor."""

    confirm_requested = Signal()
    history_requested = Signal(bool)

    def __init__(self, session: EditSession, rtl: bool, parent: QObject | None = None):
        super().__init__(session, rtl, terms=False, parent=parent)
        self._spell: Any = None  # a SpellChecker: misspelt words underlined in every row
        self.marks: RowMarks | None = None
        self.live: TargetEditor | None = None
        self.live_index = QPersistentModelIndex()

    @property
    def spell(self) -> Any:
        return self._spell

    @spell.setter
    def spell(self, checker: Any) -> None:
        self._spell = checker
        self.marks = RowMarks(checker, self) if checker is not None else None
        if self.marks is not None:
            self.marks.landed.connect(self._marks_landed)

    def _marks_landed(self) -> None:
        self._marks_state += 1
        view = self.parent()
        if isinstance(view, QTableView):  # the target column alone is painted again
            x = view.columnViewportPosition(TARGET_COLUMN)
            view.viewport().update(x, 0, view.columnWidth(TARGET_COLUMN),
                                   view.viewport().height())

    def _decorate(self, doc: QTextDocument, raw: str) -> None:
        marks = self.marks.marks(raw) if self.marks is not None else None
        if marks:
            underline(doc, TAG.sub("", raw), marks)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        editor = TargetEditor(parent, self.rtl)
        self.live = editor  # the one open editor, until the view destroys it
        self.live_index = QPersistentModelIndex(index)
        # the row grows with what is typed: every line in sight, never a scrollbar
        editor.document().documentLayout().documentSizeChanged.connect(
            lambda _size: self._fit_row(editor))
        editor.confirm_requested.connect(self.confirm_requested)
        editor.history_requested.connect(self.history_requested)
        if self.spell is not None:
            from desktop_app.gui.widgets import spelling

            spelling.attach(editor, self.spell)
        return editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """A dialog or a menu taking the focus (Ctrl+K, Ctrl+T, Alt+F...) saves the open
        edit but leaves the editor open: back in the window, the caret is where it was."""
        if isinstance(watched, TargetEditor) and isinstance(event, QFocusEvent) \
                and event.type() == QEvent.Type.FocusOut \
                and event.reason() in (Qt.FocusReason.ActiveWindowFocusReason,
                                       Qt.FocusReason.PopupFocusReason,
                                       Qt.FocusReason.MenuBarFocusReason):
            self.commitData.emit(watched)
            return False
        return super().eventFilter(watched, event)

    def _fit_row(self, editor: TargetEditor) -> None:
        view = self.parent()
        if editor is self.live and self.live_index.isValid() and isinstance(view, QTableView) \
                and abs(editor.needed_height() - editor.height()) > 1:
            view.resizeRowToContents(self.live_index.row())

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        if self.live is not None and QPersistentModelIndex(index) == self.live_index:
            hint.setHeight(max(hint.height(), self.live.needed_height()))
        return hint

    def destroyEditor(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if editor is self.live:
            self.live = None
        super().destroyEditor(editor, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, TargetEditor):
            if editor.document().isModified():
                return  # a repaint (a background batch landing here) never replaces typing
            seg = self.session.segments[segment_row(index)]
            editor.load(seg.target, seg.source, select_all=seg.status.value == "mt")
            editor.document().setModified(False)

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        if isinstance(editor, TargetEditor):
            text = editor.text()
            if text != (index.data(Qt.ItemDataRole.EditRole) or ""):
                model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                             index: Index) -> None:
        editor.setGeometry(option.rect)  # rows fit their text, so the editor fits its row
        if isinstance(editor, TargetEditor):  # its text is laid out at this width next
            QTimer.singleShot(0, editor, lambda: self._fit_row(editor))
