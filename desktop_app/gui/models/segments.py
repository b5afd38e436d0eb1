"""The segment grid's model: a QAbstractTableModel over the session's segments (no widget
per row, so 10,000 segments scroll smoothly) and a proxy that applies the filters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from desktop_app.core import languages
from desktop_app.core.documents.base import TAG
from desktop_app.core.grid_filter import GridFilter
from desktop_app.core.mt.confidence import as_percent
from desktop_app.core.segments import Segment, Status
from desktop_app.core.session import EditSession
from desktop_app.gui.i18n import N_, _, isolate, number, percent

NUM, SOURCE, TARGET, STATUS, QA = range(5)
HEADERS = ("#", N_("Source"), N_("Target"), N_("Status"), N_("QA"))
STATUS_NAMES = {Status.NEW: N_("new"), Status.MT: N_("mt"), Status.EDITED: N_("edited"),
                Status.CONFIRMED: N_("confirmed")}
STATUS_MARK = {Status.NEW: "○", Status.MT: "◐", Status.EDITED: "✎", Status.CONFIRMED: "✔"}
STATUS_COLOR = {Status.NEW: "#ffffff", Status.MT: "#fff7d6", Status.EDITED: "#e6f0ff",
                Status.CONFIRMED: "#e3f6e3"}
RawRole = Qt.ItemDataRole.UserRole + 1  # text with tags, for delegates and editors
# where a target came from: a glyph on a colour of its own each, beside the status mark
ORIGINS = {"tm100": ("≡", "#2e7d32", N_("translation memory, 100% match")),
           "tm": ("≈", "#00838f", N_("translation memory, fuzzy match")),
           "mt": ("⚙", "#8e5a00", N_("machine translation")),
           "propagated": ("⇉", "#6a1b9a", N_("propagated from an identical source")),
           "user": ("✎", "#1565c0", N_("your translation")),
           "file": ("⇩", "#546e7a", N_("from the imported file"))}


def origin_kind(status: Status, origin: str) -> str | None:
    """The kind of a target's origin, for its icon (None: no target yet)."""
    if status == Status.NEW:
        return None
    for prefix, kind in (("tm:exact", "tm100"), ("tm:", "tm"), ("mt:", "mt"),
                         ("propagated", "propagated"), ("user", "user")):
        if origin.startswith(prefix):
            return kind
    return "user" if status in (Status.EDITED, Status.CONFIRMED) and not origin else "file"


@cache
def notes_icon(noted: bool) -> QIcon:
    """The grid's marker for a segment with notes from the file (blank without: the row
    numbers stay in line)."""
    if noted:
        return origin_icon("notes")
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


@cache
def origin_icon(kind: str) -> QIcon:
    glyph, colour, _name = ORIGINS[kind] if kind != "notes" else ("i", "#e0a800", "")
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(1, 1, 30, 30, 7, 7)
    font = QFont(painter.font())
    font.setPixelSize(22)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return QIcon(pixmap)


def warm_up_icons(size: int) -> None:
    """Draw every marker once at ``size`` (a glyph at a new size is rasterised the first
    time it is drawn: done while the window idles, not in the first paint of a project)."""
    for kind in [*ORIGINS, "notes"]:
        origin_icon(kind).pixmap(size, size)
    notes_icon(False).pixmap(size, size)


ConfidenceRole = Qt.ItemDataRole.UserRole + 2  # MT confidence (sorting); 0.0 when none
NotesRole = Qt.ItemDataRole.UserRole + 3  # True: the file has notes or a limit for it
# the number, status and QA cells in one answer, (text, icon or None, brush or None): what
# their delegate paints, asked once per cell instead of once per role
MarkRole = Qt.ItemDataRole.UserRole + 4


@cache
def status_brush(status: Status) -> QBrush:
    return QBrush(QColor(STATUS_COLOR[status]))

Index = QModelIndex | QPersistentModelIndex
NO_FLAGS = Qt.ItemFlag.NoItemFlags
SELECTS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
           | Qt.ItemFlag.ItemNeverHasChildren)  # what a table model's cell has by default
OPENS = SELECTS | Qt.ItemFlag.ItemIsEditable


def chips(text: str) -> str:
    """Tags shown as compact chips in plain-text views."""
    return TAG.sub(lambda m: f"⟦{m.group(1)}{m.group(2)}{m.group(3)}⟧", text)


class SegmentModel(QAbstractTableModel):
    def __init__(self, session: EditSession, parent: Any = None):
        super().__init__(parent)
        self.session = session
        # The window routes edits through its undo stack; without one, save directly.
        self.on_edit: Callable[[int, str], None] | None = None
        self.target_rtl = languages.get(session.project.target_lang).is_rtl

    def has_notes(self, row: int) -> bool:
        return self.session.segments[row].block_id in self.session.noted_blocks

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.session.segments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section]) if 0 <= section < len(HEADERS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.session.segments):
            return None
        seg = self.session.segments[index.row()]
        col = index.column()
        if role == MarkRole:
            return self._mark(index.row(), col, seg)
        if role == Qt.ItemDataRole.DisplayRole:
            if col in (SOURCE, TARGET):
                return chips(seg.source if col == SOURCE else seg.target)
            return self._mark(index.row(), col, seg)[0]
        elif role == Qt.ItemDataRole.EditRole and col == TARGET:
            return seg.target
        elif role == RawRole:
            return seg.source if col == SOURCE else seg.target
        elif role == ConfidenceRole:
            return seg.confidence if seg.confidence is not None else 0.0
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col == NUM and self.has_notes(index.row()):
                return _("Notes from the file (Ctrl+Alt+N)")
            if col == QA and index.row() in self.session.findings:
                return "\n".join(f.message for f in self.session.findings[index.row()])
            if col == STATUS:
                kind = origin_kind(seg.status, seg.origin)
                origin = _(ORIGINS[kind][2]) if kind else ""
                raw = isolate(seg.origin) if seg.origin not in ("", "user") else ""
                tip = " · ".join(x for x in (_(STATUS_NAMES[seg.status]), origin, raw) if x)
                if seg.confidence is not None:
                    tip += "\n" + _("MT confidence: {value}").format(
                        value=percent(as_percent(seg.confidence)))
                return tip
            if col in (SOURCE, TARGET):
                return chips(seg.source if col == SOURCE else seg.target) or None
        elif role == Qt.ItemDataRole.TextAlignmentRole and col == TARGET and self.target_rtl:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
                       | Qt.AlignmentFlag.AlignVCenter)
        elif role == NotesRole:
            return self.has_notes(index.row())
        elif role == Qt.ItemDataRole.DecorationRole and col in (NUM, STATUS):
            return self._mark(index.row(), col, seg)[1]
        elif role == Qt.ItemDataRole.BackgroundRole and col in (STATUS, TARGET):
            return status_brush(seg.status)
        return None

    def _mark(self, row: int, col: int, seg: Segment) -> tuple[str, QIcon | None, QBrush | None]:
        """A number, status or QA cell: its text, marker and background (one answer for
        its delegate, and what the display and decoration roles give one by one)."""
        if col == NUM:
            return number(row + 1), notes_icon(self.has_notes(row)), None
        if col == STATUS:
            kind = origin_kind(seg.status, seg.origin)
            return (STATUS_MARK[seg.status], origin_icon(kind) if kind else None,
                    status_brush(seg.status))
        if col == QA:
            return "⚠" if row in self.session.findings else "", None, None
        return "", None, None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every cell selectable; the source and target editable (the source opens
        read-only, to select a phrase). Asked for every cell painted: no work done here."""
        if not index.isValid():
            return NO_FLAGS
        return OPENS if index.column() in (SOURCE, TARGET) else SELECTS

    def setData(self, index: Index, value: Any,  # noqa: N802
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != TARGET or role != Qt.ItemDataRole.EditRole:
            return False
        if self.on_edit is not None:
            self.on_edit(index.row(), str(value))
        else:
            self.session.set_target(index.row(), str(value))
            self.row_changed(index.row())
        return True

    def row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()


class SegmentFilter(QSortFilterProxyModel):
    """The rows the grid shows: the status filter (``mode``) and the filter line (text,
    QA only, notes only, origin), both kept in one core :class:`GridFilter`."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.grid = GridFilter()

    @property
    def mode(self) -> str:
        return self.grid.status

    def set_mode(self, mode: str) -> None:
        if mode == self.grid.status:
            return
        self.set_filter(replace(self.grid, status=mode))
        if mode == "low-confidence":  # the least sure first
            self.setSortRole(ConfidenceRole)
            self.sort(STATUS, Qt.SortOrder.AscendingOrder)
        else:  # document order
            self.sort(-1)

    def set_filter(self, grid: GridFilter) -> None:
        """Filter by ``grid`` (built, so checked, by the caller: a bad regular expression
        never gets here)."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.grid = grid
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.grid = grid
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self.grid.active:
            return True
        model = self.sourceModel()
        if not isinstance(model, SegmentModel):
            return True
        return self.grid.accepts(model.session, source_row)
