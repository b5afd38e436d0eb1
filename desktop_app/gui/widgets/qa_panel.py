"""The QA dock: the project's findings, a line each with its severity, paged as it is
scrolled; Delete ignores a finding, Enter goes to its segment."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any, overload

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QListView, QMenu

from desktop_app.core.glossary.qa import Finding
from desktop_app.core.qa.report import severity_name
from desktop_app.gui.i18n import _, number
from desktop_app.gui.widgets.panels import FSI, PDI

SEVERITY_COLORS = {"error": "#a00000", "warning": "#8a5a00", "note": "#555555"}


class FoundLines(Sequence[tuple[int, Finding]]):
    """The findings as numbered lines (row order, then the row's own order) without
    copying them: the rows with findings and where each row's lines start. Made from a
    project's findings in a few milliseconds (100,000 findings flattened into a list held
    the window for 30 ms on every edit); :meth:`same_as` tells in as little whether a new
    set of findings is the one shown."""

    def __init__(self, findings: dict[int, list[Finding]] | None = None) -> None:
        findings = findings or {}
        self.rows = sorted(r for r, found in findings.items() if found)
        self.lists = [findings[r] for r in self.rows]
        self.starts = list(accumulate((len(found) for found in self.lists), initial=0))
        self.kept = {r: (findings[r], len(findings[r])) for r in self.rows}

    def __len__(self) -> int:
        return self.starts[-1]

    @overload
    def __getitem__(self, n: int) -> tuple[int, Finding]: ...

    @overload
    def __getitem__(self, n: slice) -> list[tuple[int, Finding]]: ...

    def __getitem__(self, n: int | slice) -> Any:
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        if n < 0:
            n += len(self)
        if not 0 <= n < len(self):
            raise IndexError(n)
        at = bisect.bisect_right(self.starts, n) - 1
        return self.rows[at], self.lists[at][n - self.starts[at]]

    def first_after(self, row: int | None) -> int:
        """The number of the first line of the first row after ``row`` (none: 0)."""
        at = 0 if row is None else bisect.bisect_right(self.rows, row)
        return self.starts[at] if at < len(self.rows) else 0

    def same_as(self, findings: dict[int, list[Finding]]) -> bool:
        shown = [r for r, found in findings.items() if found]
        if len(shown) != len(self.rows):
            return False
        for r in shown:
            had = self.kept.get(r)
            found = findings[r]
            if had is None:
                return False
            same = had[1] == len(found) if had[0] is found else had[0] == found
            if not same:  # a list grown in place is the same list, not the same findings
                return False
        return True


class _Findings(QAbstractListModel):
    """The project's findings, one line each with its severity, written only when a line
    is shown (a project with thousands of findings costs nothing per edit). The list holds
    a page of lines at first and takes the next as it is scrolled to its end (Qt's
    ``fetchMore``): the view lays out every line it holds, asking this model for each, and
    100,000 findings at once held the window for a tenth of a second or more."""

    PAGE = 2000

    def __init__(self) -> None:
        super().__init__()
        self.found = FoundLines()
        self.shown = 0  # the lines the view holds: found[:shown]
        self.severity: Callable[[str], str] = lambda _code: ""

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()  # noqa: B008
                 ) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.shown

    def set_found(self, found: FoundLines) -> None:
        self.beginResetModel()
        self.found = found
        self.shown = min(len(found), self.PAGE)
        self.endResetModel()

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        return not parent.isValid() and self.shown < len(self.found)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if not parent.isValid():
            self.show_up_to(self.shown + self.PAGE - 1)

    def show_up_to(self, n: int) -> None:
        """Hold the lines up to ``n`` (a line selected beyond those scrolled to)."""
        last = min(n, len(self.found) - 1)
        if last >= self.shown:
            self.beginInsertRows(QModelIndex(), self.shown, last)
            self.shown = last + 1
            self.endInsertRows()

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row, finding = self.found[index.row()]
            level = self.severity(getattr(finding, "code", ""))
            label = f"{severity_name(level)}: " if level else ""
            return f"{number(row + 1)}: {label}{FSI}{finding.message}{PDI}"
        if role == Qt.ItemDataRole.ForegroundRole:
            finding = self.found[index.row()][1]
            color = SEVERITY_COLORS.get(self.severity(getattr(finding, "code", "")))
            return QColor(color) if color else None
        return None


class QAPanel(QListView):
    jump = Signal(int)  # source row
    ignore_requested = Signal(int, str)  # row, check code
    report_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.findings = _Findings()
        self.setModel(self.findings)
        self.setUniformItemSizes(True)  # no line is measured before it is shown
        self.activated.connect(self._jump)
        self.clicked.connect(self._jump)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.ignore_action = QAction(self)
        self.ignore_action.setObjectName("qa-ignore")
        self.ignore_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.ignore_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.ignore_action.triggered.connect(self.ignore_current)
        self.addAction(self.ignore_action)
        self.report_action = QAction(self)
        self.report_action.triggered.connect(self.report_requested.emit)
        self.retranslate()

    def _retranslate_actions(self) -> None:
        self.ignore_action.setText(_("&Ignore this finding"))
        self.report_action.setText(_("QA &report…"))

    def set_severity(self, severity: Callable[[str], str]) -> None:
        self.findings.beginResetModel()
        self.findings.severity = severity
        self.findings.endResetModel()

    def _menu(self, pos: Any) -> None:
        index = self.indexAt(pos)
        if index.isValid():
            self.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.ignore_action)
        self.ignore_action.setEnabled(index.isValid())
        menu.addAction(self.report_action)
        menu.exec(self.viewport().mapToGlobal(pos))

    def ignore_current(self) -> None:
        """Ignore the selected finding (Delete, or the context menu)."""
        n = self.current()
        if 0 <= n < len(self.findings.found):
            row, finding = self.findings.found[n]
            self.ignore_requested.emit(row, finding.code)

    def _jump(self, index: QModelIndex) -> None:
        self.jump.emit(self.findings.found[index.row()][0])

    def retranslate(self) -> None:
        """Findings are put into words when shown: show them again, in the new language."""
        self._retranslate_actions()
        if self.findings.shown:
            self.findings.dataChanged.emit(self.findings.index(0),
                                           self.findings.index(self.findings.shown - 1))

    def show_findings(self, findings: dict[int, list[Finding]]) -> None:
        if self.findings.found.same_as(findings):
            return  # an edit that changed no finding costs nothing here
        found = FoundLines(findings)
        current = self.current()
        self.findings.set_found(found)
        if found and current >= 0:  # after an ignore, the next finding is at hand
            self.select(min(current, len(found) - 1))

    def count(self) -> int:
        return len(self.findings.found)

    def text(self, n: int) -> str:
        self.findings.show_up_to(n)
        return str(self.findings.data(self.findings.index(n)))

    def select(self, n: int) -> None:
        self.findings.show_up_to(n)
        self.setCurrentIndex(self.findings.index(n))

    def current(self) -> int:
        """The number of the selected line (-1: none)."""
        return self.currentIndex().row()

    def select_next(self, after: int | None) -> int | None:
        """Select the first finding of the next segment with findings after ``after``
        (from the top past the last); return that segment's row."""
        found = self.findings.found
        if not found:
            return None
        n = found.first_after(after)
        self.select(n)
        return found[n][0]
