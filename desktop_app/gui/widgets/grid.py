"""The segment grid: the current cell is always the target of the current segment, whose
editor opens as soon as the segment becomes current (typing edits it, no F2 needed).
Rows fit their content; only the rows on screen are measured (10,000 segments stay
smooth), again when a column is resized or a row changes, and the rows a page away are laid
out while the window idles."""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop_app.gui.models.segments import NUM, QA, SOURCE, STATUS, TARGET
from desktop_app.gui.widgets.delegates import MarkDelegate, segment_row
from desktop_app.gui.widgets.target_editor import TargetEditor

MIN_ROW = 28
AHEAD_SLICE = 0.003  # seconds of laying out rows ahead in one turn of the event loop


class SegmentGrid(QTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.CurrentChanged
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.SelectedClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)
        self.verticalHeader().setMinimumSectionSize(MIN_ROW)
        self.setItemDelegate(MarkDelegate(self))  # the source and target have their own
        self.measured: set[int] = set()
        self._fit_timer = QTimer(self)
        self._fit_timer.setObjectName("fit-rows")
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_visible_rows)
        # rows scrolled into sight are measured before they are painted (measured after, the
        # page was painted twice)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._last_value, self._down = 0, True
        self._ahead: list[int] = []  # rows to lay out while the window idles, last first
        self._painted = False
        self._resized = False  # rows below sight were sized by this plan
        self._ahead_timer = QTimer(self)
        self._ahead_timer.setObjectName("rows-ahead")
        self._ahead_timer.setSingleShot(True)
        self._ahead_timer.setInterval(0)
        self._ahead_timer.timeout.connect(self._prepare_ahead)
        self.horizontalHeader().sectionResized.connect(self._columns_resized)

    def setup_columns(self) -> None:
        header = self.horizontalHeader()
        header.setMinimumSectionSize(24)
        for col in (NUM, STATUS, QA):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        metrics = self.fontMetrics()
        model = self.model()
        for col, sample in ((NUM, "00000"), (STATUS, "✔✔"), (QA, "⚠⚠")):
            label = str(model.headerData(col, Qt.Orientation.Horizontal) or "") if model else ""
            icon = max(16, self.iconSize().width()) + 6 if col != QA else 0  # origin, notes
            self.setColumnWidth(col, max(metrics.horizontalAdvance(sample) + icon,
                                         metrics.horizontalAdvance(label)) + 16)
        for col in (SOURCE, TARGET):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.measured.clear()
        self._fit_timer.start()

    # -- rows fit their content, measured only when seen -----------------------------------

    def _columns_resized(self, column: int, _old: int, _new: int) -> None:
        if column in (SOURCE, TARGET):
            self.measured.clear()
            self._fit_timer.start()

    def rows_changed(self, rows: list[int]) -> None:
        """Source rows whose text changed: measure them again when seen."""
        self.measured.difference_update(rows)
        self._fit_timer.start()

    def visible_rows(self) -> range:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return range(0)
        top = self.rowAt(0)
        bottom = self.rowAt(self.viewport().height() - 1)
        top = max(0, top)
        bottom = model.rowCount() - 1 if bottom < 0 else bottom
        return range(top, bottom + 1)

    def fit_visible_rows(self) -> None:
        """Resize the rows on screen to their content (proxy rows, mapped to source rows);
        then plan the rows ahead."""
        model = self.model()
        if model is None:
            return
        for _round in range(3):  # rows that grow push others out of view: settle
            todo = []
            for row in self.visible_rows():
                key = segment_row(model.index(row, 0))
                if key not in self.measured:
                    todo.append((row, key))
            if not todo:
                break
            for row, key in todo:
                self.measured.add(key)
                self.resizeRowToContents(row)
        self.plan_ahead()

    def _scrolled(self, value: int) -> None:
        self._down = value >= self._last_value
        self._last_value = value
        self.fit_visible_rows()

    # -- the rows a page away, laid out before they are scrolled to ---------------------------

    def plan_ahead(self) -> None:
        """The page of rows after those in sight (before them, when the last scroll went
        up): laid out while the window idles, a slice at a time, so that the next PageDown
        or scroll paints them from the delegates' cache instead of laying out a page of
        text in one frame."""
        rows = self.visible_rows()
        if not rows:
            self._ahead = []
            return
        height = self.viewport().height()
        self._ahead = self._page(rows.stop, 1, height) if self._down \
            else self._page(rows.start - 1, -1, height)
        self._ahead.reverse()  # taken from the end
        self._ahead_timer.start(0)

    def _page(self, row: int, step: int, height: int) -> list[int]:
        """Rows from ``row`` on, going ``step``, that fill ``height`` pixels."""
        out: list[int] = []
        count, total = self.model().rowCount(), 0
        while 0 <= row < count and total < height:
            out.append(row)
            total += self.rowHeight(row)
            row += step
        return out

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        self._painted = True

    def _prepare_ahead(self) -> None:
        model = self.model()
        if model is None or not self.isVisible():
            return
        if self._painted:  # never in the turn of a paint: a frame is the paint's alone
            self._painted = False
            self._ahead_timer.start(1)
            return
        deadline = time.perf_counter() + AHEAD_SLICE
        below = self.visible_rows().stop
        while self._ahead:
            if time.perf_counter() > deadline:
                self._ahead_timer.start(0)  # the rest in the next turn: input comes first
                return
            row = self._ahead.pop()
            if row >= model.rowCount():
                continue
            key = segment_row(model.index(row, 0))
            if row >= below and key not in self.measured:  # below sight: sized now, nothing
                self.measured.add(key)  # in sight moves
                self.resizeRowToContents(row)
                self._resized = True
            else:  # above sight, a new height would move the rows in it: laid out only
                self.sizeHintForRow(row)
        if self._resized:  # rows sized below sight: a page of them may now hold more rows
            self._resized = False
            self.plan_ahead()

    def sizeHintForRow(self, row: int) -> int:  # noqa: N802
        model = self.model()
        if model is None:
            return MIN_ROW
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        height = MIN_ROW
        for col in (SOURCE, TARGET):
            index = model.index(row, col)
            height = max(height, self.itemDelegateForIndex(index).sizeHint(option, index).height())
        return height

    # -- the cursor lives in the target --------------------------------------------------

    def currentChanged(self, current: QModelIndex | QPersistentModelIndex,  # noqa: N802
                       previous: QModelIndex | QPersistentModelIndex) -> None:
        # A new segment puts the cursor in its target; a click on the source of the
        # segment being edited opens the source read-only, to select a phrase in it.
        moved = not previous.isValid() or previous.row() != current.row()
        if current.isValid() and current.column() != TARGET and (
                moved or current.column() != SOURCE):
            QTimer.singleShot(0, lambda: self.move_to_target(current.row()))
        super().currentChanged(current, previous)

    def bring_into_view(self, index: QModelIndex | QPersistentModelIndex) -> None:
        """A row the cursor goes to: centred when not wholly in sight, else left where it
        is (each scroll paints every row in sight again: moving down row by row scrolls
        once every half page, not on every row)."""
        rect = self.visualRect(index)
        if rect.top() < 0 or rect.bottom() > self.viewport().height():
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # -- focus: the view and its editor hand it back and forth on every row change -----------

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        """Qt repaints the whole grid whenever the view gains or loses the focus, for the
        focus frame of one cell; the editor of every row change takes it and gives it back,
        so a row change painted every row in sight twice. Only the current row is."""
        if not self.currentIndex().isValid():
            super().focusInEvent(event)  # Qt picks a current cell: its own way
            return
        QAbstractScrollArea.focusInEvent(self, event)
        self._update_current_row()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        QAbstractScrollArea.focusOutEvent(self, event)
        self._update_current_row()

    def _update_current_row(self) -> None:
        index = self.currentIndex()
        if index.isValid():
            rect = self.visualRect(index)
            self.viewport().update(0, rect.top(), self.viewport().width(), rect.height())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Keys typed outside an editor go to the target, never to the read-only source."""
        index = self.currentIndex()
        if index.isValid() and index.column() != TARGET:
            self.move_to_target(index.row())
        super().keyPressEvent(event)

    def move_to_target(self, row: int) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, TARGET)
        if self.currentIndex() != index:
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def editor(self) -> TargetEditor | None:
        """The target editor open in this view (visible or not), or None."""
        live = getattr(self.itemDelegateForColumn(TARGET), "live", None)
        if not isinstance(live, TargetEditor):
            return None
        # a reset releases editors without the delegate: such a one is hidden, not editing
        editing = self.state() == QAbstractItemView.State.EditingState
        return live if live.isVisible() or editing else None

    def open_editor(self) -> TargetEditor | None:
        """Open (or return) the current target's editor, focused, ready to type."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        if index.column() != TARGET:
            self.move_to_target(index.row())
            index = self.currentIndex()
        editor = self.editor()
        if editor is None and self.state() != QAbstractItemView.State.EditingState:
            self.edit(index)  # (a hidden window's editor is open but not visible)
            editor = self.editor()
        if editor is not None:
            editor.setFocus()
        return editor
