"""The segment grid of the window: a session shown in it (model, delegates, the row and
filter it was left at), the filter toolbar, and moving through it (go to a segment, the
next or previous one, the next QA issue). Only the rows on screen are measured."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QInputDialog, QToolBar

from desktop_app.core import languages
from desktop_app.core.grid_filter import GridFilter
from desktop_app.core.spell.vocabulary import checker_for_session
from desktop_app.gui.dialogs.fit import fit_title
from desktop_app.gui.i18n import N_, _
from desktop_app.gui.models.segments import SOURCE, TARGET, SegmentModel
from desktop_app.gui.widgets import spelling
from desktop_app.gui.widgets.delegates import SourceDelegate, TargetDelegate
from desktop_app.gui.widgets.filter_bar import FilterBar

if TYPE_CHECKING:
    from desktop_app.core.session import EditSession
    from desktop_app.gui.main_window import MainWindow

FILTER_LABELS = (("all", N_("All segments")), ("untranslated", N_("Untranslated")),
                 ("mt", N_("MT only")), ("edited", N_("Edited")), ("confirmed", N_("Confirmed")),
                 ("qa", N_("With QA issues")), ("low-confidence", N_("Low MT confidence")))


class GridNavigation:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("toolbar")
        self.filter_box = QComboBox()
        self.filter_box.currentIndexChanged.connect(self._filter_changed)
        self.toolbar.addWidget(self.filter_box)
        self.filter_bar = FilterBar()
        proxy = window.proxy
        self.filter_bar.changed.connect(
            lambda grid: proxy.set_filter(replace(grid, status=proxy.mode)))
        self.toolbar.addWidget(self.filter_bar)
        window.addToolBar(self.toolbar)

    def retranslate(self) -> None:
        current = self.filter_box.currentIndex()
        self.filter_box.blockSignals(True)
        self.filter_box.clear()
        for _key, label in FILTER_LABELS:
            self.filter_box.addItem(_(label))
        self.filter_box.setCurrentIndex(max(0, current))
        self.filter_box.blockSignals(False)
        self.filter_bar.retranslate()

    def show_session(self, session: EditSession) -> SegmentModel:
        """The grid over ``session``, at the row and filter it was left at."""
        window, view = self.window, self.window.view
        project = session.project
        model = window.model = SegmentModel(session, window)
        model.on_edit = window.edit_segment
        window.proxy.setSourceModel(model)
        view.setItemDelegateForColumn(SOURCE, SourceDelegate(
            session, languages.get(project.source_lang).is_rtl, view))
        target_delegate = TargetDelegate(session, languages.get(project.target_lang).is_rtl,
                                         view)
        target_delegate.confirm_requested.connect(window.confirm_and_next)
        if not session.spell_ready:  # opened here, not read by a background job
            session.set_spell(checker_for_session(session))
        target_delegate.spell = session.spell
        spelling.show_state(window, target_delegate.spell, project.target_lang)
        target_delegate.history_requested.connect(
            lambda redo: window.redo() if redo else window.undo())
        view.setItemDelegateForColumn(TARGET, target_delegate)
        view.setup_columns()
        row, mode = session.load_view()
        self.filter_box.setCurrentIndex([k for k, _l in FILTER_LABELS].index(mode))
        window.proxy.set_mode(mode)
        view.doItemsLayout()  # now, not on Qt's timer after the first paint: painted once
        self.go_to_row(row)
        return model

    def reveal(self, then: Callable[[], object]) -> None:
        """The grid of a project just shown: its rows in sight measured, then painted once
        (measured after their first paint, they were painted twice), each in its own turn
        of the event loop; ``then`` in the turn after."""
        view = self.window.view
        view.fit_visible_rows()

        def paint() -> None:
            view.setUpdatesEnabled(True)
            QTimer.singleShot(1, view, then)

        QTimer.singleShot(1, view, paint)

    def save_view(self) -> None:
        """The row and filter the translator leaves, found there the next time."""
        session = self.window.session
        if session is not None:
            row = self.current_row()
            session.save_view(row or 0, self.window.proxy.mode)

    def current_row(self) -> int | None:
        index = self.window.view.currentIndex()
        if not index.isValid():
            return None
        return self.window.proxy.mapToSource(index).row()

    def go_to_row(self, row: int, *, edit: bool = True) -> None:
        model, proxy, view = self.window.model, self.window.proxy, self.window.view
        if model is None or not 0 <= row < model.rowCount():
            return
        index = proxy.mapFromSource(model.index(row, TARGET))
        if not index.isValid():
            proxy.set_mode("all")
            self.filter_box.setCurrentIndex(0)
            index = proxy.mapFromSource(model.index(row, TARGET))
        if not index.isValid():  # hidden by the filter line: it is cleared
            self.filter_bar.clear()
            proxy.set_filter(GridFilter())
            index = proxy.mapFromSource(model.index(row, TARGET))
        view.bring_into_view(index)
        view.setCurrentIndex(index)
        if edit:
            view.open_editor()

    def move_by(self, step: int) -> None:
        """Ctrl+Up/Down: save the open edit, move, and keep editing."""
        window, proxy, view = self.window, self.window.proxy, self.window.view
        window.commit_editor()
        index = view.currentIndex()
        row = max(0, min(proxy.rowCount() - 1, (index.row() if index.isValid() else -1)
                         + step))
        target = proxy.index(row, TARGET)
        if target.isValid():
            view.bring_into_view(target)
            view.setCurrentIndex(target)
            view.open_editor()

    def ask_go_to(self) -> None:
        window, session = self.window, self.window.session
        if session is None:
            return
        dialog = QInputDialog(window)
        dialog.setWindowTitle(_("Go to segment"))
        dialog.setLabelText(_("Segment number:"))
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(1, len(session.segments))
        dialog.setIntValue((self.current_row() or 0) + 1)
        fit_title(dialog)
        if dialog.exec():
            window.go_to_row(dialog.intValue() - 1)

    def next_issue(self) -> None:
        """F8: the next segment with a QA finding, editing; its finding selected below."""
        window = self.window
        row = window.qa_panel.select_next(self.current_row())
        if row is None:
            window.statusBar().showMessage(_("No QA issues"), 4000)
            return
        window.docks["qa"].show()
        window.go_to_row(row)

    def _filter_changed(self, position: int) -> None:
        if 0 <= position < len(FILTER_LABELS):
            self.window.proxy.set_mode(FILTER_LABELS[position][0])
