"""The editor window: the segment grid in the middle, the docks around it, menus from the
action registry. The window holds the open session and repaints what each session call
changed (``apply``); its rooms do the rest, each given the window:

- ``window_grid``: the grid's session, filters and moving through it;
- ``window_editing``: the editing commands, each one session call;
- ``window_docks``: the MT, TM, glossary, QA and notes docks, looked up by jobs;
- ``window_jobs``: the long jobs (pretranslation, export) with their progress bar;
- ``window_project``: projects opened and closed, review files brought back in;
- ``window_menus``: the actions wired to all of these, and the menus.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget

from desktop_app import APP_NAME
from desktop_app.core import languages
from desktop_app.core.segments import Status
from desktop_app.core.session import Changes
from desktop_app.core.settings import Settings
from desktop_app.core.settings_door import change_settings
from desktop_app.gui import jobs, mnemonics, shaping
from desktop_app.gui.changes_hub import ChangesHub, window_views
from desktop_app.gui.dialogs.messages import show_info
from desktop_app.gui.i18n import _, apply_digits, isolate, number, set_language
from desktop_app.gui.models.segments import SegmentFilter, SegmentModel, warm_up_icons
from desktop_app.gui.widgets.grid import SegmentGrid
from desktop_app.gui.window_docks import SidePanels
from desktop_app.gui.window_editing import Editing
from desktop_app.gui.window_grid import GridNavigation
from desktop_app.gui.window_jobs import LongJobs, warm_up_widgets
from desktop_app.gui.window_menus import MenuBar
from desktop_app.gui.window_project import ProjectDoor

if TYPE_CHECKING:
    from desktop_app.core.session import EditSession  # imported by the job that opens one


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.settings = Settings.load()
        self.session: EditSession | None = None
        self.model: SegmentModel | None = None
        self.proxy = SegmentFilter(self)
        jobs.start_workers()  # documents are imported in a worker process
        QTimer.singleShot(300, warm_up_widgets)  # once idle, not when a project opens
        self.setAcceptDrops(True)
        self.resize(1200, 760)

        self.view = SegmentGrid()
        self.view.setModel(self.proxy)
        QTimer.singleShot(300, self, self._warm_up_grid)  # (a window closed by then: not)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.setCentralWidget(self.stack)

        self.panels = SidePanels(self)
        self.mt_panel, self.tm_panel = self.panels.mt_panel, self.panels.tm_panel
        self.glossary_panel, self.qa_panel = self.panels.glossary_panel, self.panels.qa_panel
        self.docks, self.notes = self.panels.docks, self.panels.notes
        self.changes_hub = ChangesHub(self)  # every change, to every view that shows it
        self.changes_hub.changed.connect(window_views(self))
        self.grid = GridNavigation(self)
        self.filter_box, self.filter_bar = self.grid.filter_box, self.grid.filter_bar
        self.editing = Editing(self)
        self.long_jobs = LongJobs(self)
        self.projects = ProjectDoor(self)
        apply_digits(self.settings.ui_digits)
        self.menu = MenuBar(self, self.settings.ui_digits == "native")
        self.registry, self.menus = self.menu.registry, self.menu.menus
        self.recent_menu = self.menu.recent_menu
        shaping.watch_source_caret(self)
        self.counts = QLabel()  # the segment counts: kept in sight, not a passing message
        self.counts.setObjectName("counts")
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.long_jobs.progress)
        self.statusBar().addPermanentWidget(self.long_jobs.cancel_button)
        from desktop_app.gui.team_sync import TeamSync

        self.team_sync = TeamSync(self)  # background sync with the team hub, if one is set
        self.retranslate()
        self.update_enabled()

    def _warm_up_grid(self) -> None:
        """The grid's first showing (style, header, scroll bars, markers) done once the
        window idles after start-up, not in the turn of the event loop that shows the first
        project."""
        warm_up_icons(max(16, self.view.iconSize().height()))
        if self.session is None:
            self.view.grab()

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.title())
        self.menu.retranslate()
        self.panels.retranslate()
        if self.model is not None:
            self.view.setup_columns()
        self.grid.retranslate()
        self.long_jobs.retranslate()
        if self.model is not None:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self.empty.setText(_("Open a document (File > New project) or drop one here."))
        self.show_status()
        mnemonics.assign_all(self.menuBar())  # every item its own letter, in this language
        for widget in QApplication.topLevelWidgets():  # open dialogs (Find, Concordance)
            retranslate = getattr(widget, "retranslate", None)
            if widget is not self and widget.isVisible() and callable(retranslate):
                retranslate()

    def set_ui_language(self, code: str) -> None:
        lang = set_language(code)
        self.settings = change_settings(ui_language=lang.code).settings
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang.is_rtl
                                   else Qt.LayoutDirection.LeftToRight)
        self._apply_digits()

    def toggle_native_digits(self) -> None:
        """Language > Dari and Pashto digits: one setting for every number in the window."""
        digits = "native" if self.registry["native_digits"].isChecked() else "latin"
        self.settings = change_settings(ui_digits=digits).settings
        self._apply_digits()

    def _apply_digits(self) -> None:
        apply_digits(self.settings.ui_digits)
        self.retranslate()
        if self.model is not None:  # row numbers, counts
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1, 0))
        self.view.viewport().update()

    def title(self) -> str:
        if self.session is None:
            return APP_NAME
        name = self.session.project.document()[0]
        target = languages.get(self.session.project.target_lang).display_name()
        return f"{isolate(name)} → {target} — {APP_NAME}"

    # -- what a session call changed ---------------------------------------------------------

    def apply(self, changes: Changes, *, qa: bool = True) -> None:
        """Repaint what a session call changed, and nothing else."""
        if self.model is None or self.session is None:
            return
        if changes.shape:  # segments split or joined: the rows are new rows
            self.model.reset()
        for row in changes.rows:
            self.model.row_changed(row)
        self.view.rows_changed(changes.rows)
        if qa and changes.rows:
            self.qa_panel.show_findings(self.session.findings)
        self.show_status()

    def update_enabled(self) -> None:
        self.menu.update_enabled(has_project=self.session is not None,
                                 busy=self.long_jobs.job is not None)

    def show_status(self) -> None:
        if self.session is None:
            self.counts.setText(_("No project open"))
            return
        counts = {s: 0 for s in Status}
        for seg in self.session.segments:
            counts[seg.status] += 1
        self.counts.setText(
            _("{total} segments: {confirmed} confirmed, {edited} edited, {mt} MT, "
              "{new} untranslated").format(
                total=number(len(self.session.segments)),
                confirmed=number(counts[Status.CONFIRMED]), edited=number(counts[Status.EDITED]),
                mt=number(counts[Status.MT]), new=number(counts[Status.NEW])))

    def show_message(self, text: str) -> None:
        show_info(self, text)

    # -- the window's own events -------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.commit_editor()
        self.panels.mt_timer.stop()
        self.long_jobs.stop()
        self.projects.close()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls:
            self.open_path(Path(urls[0].toLocalFile()))

    # -- the rooms' calls, by their names on the window ---------------------------------------

    @property
    def job(self) -> jobs.Op[Any] | None:
        """The running long job (opening, pretranslation, export), if any."""
        return self.long_jobs.job

    def open_path(self, path: Path, target: str | None = None) -> bool:
        return self.projects.open_path(path, target)

    def ask_new_project(self) -> None:
        self.projects.ask_new_project()

    def ask_open_project(self) -> None:
        self.projects.ask_open_project()

    def set_session(self, session: EditSession) -> None:
        self.projects.show(session)

    def ask_target_language(self) -> str | None:
        return self.projects.ask_target_language()

    def ask_import_review(self) -> None:
        self.projects.ask_import_review()

    def import_review_from(self, path: Path, *, confirm: bool = False) -> bool:
        return self.projects.import_review_from(path, confirm=confirm)

    def pretranslate(self) -> None:
        self.long_jobs.pretranslate()

    def ask_export(self, bilingual: bool) -> None:
        self.long_jobs.ask_export(bilingual)

    def export_to(self, path: Path, *, bilingual: bool = False) -> bool:
        return self.long_jobs.export_to(path, bilingual=bilingual)

    def cancel_job(self) -> None:
        self.long_jobs.cancel()

    def current_row(self) -> int | None:
        return self.grid.current_row()

    def go_to_row(self, row: int, *, edit: bool = True) -> None:
        self.grid.go_to_row(row, edit=edit)

    def move_by(self, step: int) -> None:
        self.grid.move_by(step)

    def ask_go_to(self) -> None:
        self.grid.ask_go_to()

    def next_issue(self) -> None:
        self.grid.next_issue()

    def commit_editor(self) -> None:
        self.editing.commit_editor()

    def act(self, call: Callable[[], Changes]) -> bool:
        return self.editing.act(call)

    def edit_segment(self, row: int, text: str) -> None:
        self.editing.edit_segment(row, text)

    def undo(self) -> None:
        self.editing.history(redo=False)

    def redo(self) -> None:
        self.editing.history(redo=True)

    def replace_target(self, text: str) -> None:
        self.editing.replace_target(text)

    def confirm_and_next(self) -> None:
        self.editing.confirm_and_next()

    def unconfirm(self) -> None:
        self.editing.unconfirm()

    def copy_mt(self) -> None:
        self.editing.copy_mt()

    def copy_source(self) -> None:
        self.editing.copy_source()

    def insert_text(self, text: str) -> None:
        self.editing.insert_text(text)

    def insert_term(self, n: int) -> None:
        self.editing.insert_term(n)

    def insert_suggestion(self, n: int) -> None:
        self.editing.insert_suggestion(n)

    def insert_next_tag(self) -> None:
        self.editing.insert_next_tag()

    def ignore_finding(self, row: int, code: str) -> None:
        self.editing.ignore_finding(row, code)

    def edit_comment(self) -> None:
        self.editing.edit_comment()

    def copy_source_tags(self) -> None:
        self.editing.copy_source_tags()

    def add_term_from_selection(self) -> None:
        self.editing.add_term_from_selection()

    def ask_find(self) -> None:
        self.editing.ask_find()

    def open_concordance(self) -> None:
        self.editing.open_concordance()

    def open_qa_report(self) -> None:
        self.panels.open_qa_report()

    def open_glossary_manager(self) -> None:
        self.panels.open_glossary_manager()

    def open_model_manager(self) -> None:
        self.panels.open_model_manager()
