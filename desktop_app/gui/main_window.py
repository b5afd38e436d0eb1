"""The editor window: segment grid, MT/TM/glossary/QA docks, menus from the action registry,
background pretranslation. Every user action goes to the core's EditSession."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolBar,
)

from desktop_app import APP_NAME
from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.errors import TarjumanError
from desktop_app.core.segments import Status
from desktop_app.core.settings import Settings
from desktop_app.gui import jobs
from desktop_app.gui.actions import MENUS, ActionRegistry
from desktop_app.gui.dialogs.messages import show_error, show_info
from desktop_app.gui.i18n import N_, _, number, set_language
from desktop_app.gui.models.segments import SOURCE, STATUS, TARGET, SegmentFilter, SegmentModel
from desktop_app.gui.widgets.delegates import SourceDelegate, TargetDelegate
from desktop_app.gui.widgets.panels import GlossaryPanel, MTPanel, QAPanel, TMPanel

FILTER_LABELS = (("all", N_("All segments")), ("untranslated", N_("Untranslated")),
                 ("mt", N_("MT only")), ("edited", N_("Edited")), ("confirmed", N_("Confirmed")),
                 ("qa", N_("With QA issues")))
DOCKS = (("mt", N_("Machine translation")), ("tm", N_("Translation memory")),
         ("glossary", N_("Glossary")), ("qa", N_("Quality checks")))
MARKS = {"insert_zwnj": "\u200c", "insert_lrm": "\u200e", "insert_rlm": "\u200f"}


class EditCommand(QUndoCommand):
    """One change of one segment's target, undoable."""

    def __init__(self, window: MainWindow, row: int, text: str, status: Status):
        super().__init__()
        self.window = window
        self.row = row
        seg = window.session.segments[row]
        self.old = (seg.target, seg.status)
        self.new = (text, status)

    def redo(self) -> None:
        self.window.write_segment(self.row, *self.new)

    def undo(self) -> None:
        self.window.write_segment(self.row, *self.old)


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.settings = Settings.load()
        self.session: Any = None  # EditSession, imported lazily (keeps start-up fast)
        self.model: SegmentModel | None = None
        self.proxy = SegmentFilter(self)
        self.undo_stack = QUndoStack(self)
        self.job: jobs.Job | None = None
        self.mt_job: jobs.Job | None = None
        self.setAcceptDrops(True)
        self.resize(1200, 760)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setWordWrap(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(64)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.setCentralWidget(self.stack)

        self.mt_panel, self.tm_panel = MTPanel(True), TMPanel(True)
        self.glossary_panel, self.qa_panel = GlossaryPanel(), QAPanel()
        self.mt_panel.use_text.connect(self.replace_target)
        self.tm_panel.use_text.connect(self.replace_target)
        self.qa_panel.jump.connect(self.go_to_row)
        self.docks: dict[str, QDockWidget] = {}
        for key, widget, area in (("mt", self.mt_panel, Qt.DockWidgetArea.RightDockWidgetArea),
                                  ("tm", self.tm_panel, Qt.DockWidgetArea.RightDockWidgetArea),
                                  ("glossary", self.glossary_panel,
                                   Qt.DockWidgetArea.RightDockWidgetArea),
                                  ("qa", self.qa_panel, Qt.DockWidgetArea.BottomDockWidgetArea)):
            dock = QDockWidget(self)
            dock.setObjectName(f"dock-{key}")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            self.docks[key] = dock

        handlers: dict[str, Callable[[], object]] = {
            "new_project": self.ask_new_project, "open_project": self.ask_open_project,
            "export": lambda: self.ask_export(False),
            "export_bilingual": lambda: self.ask_export(True), "quit": self.close,
            "undo": self.undo_stack.undo, "redo": self.undo_stack.redo,
            "find": self.ask_find, "confirm_next": self.confirm_and_next,
            "previous": lambda: self.move_by(-1), "next": lambda: self.move_by(1),
            "copy_mt": self.copy_mt, "copy_source": self.copy_source,
            "add_term": self.add_term_from_selection, "pretranslate": self.pretranslate,
            "cancel": self.cancel_job, "glossary": self.open_glossary_manager,
            "models": self.open_model_manager,
            "ui_en": lambda: self.set_ui_language("en"),
            "ui_prs": lambda: self.set_ui_language("prs"),
            "ui_ps": lambda: self.set_ui_language("ps"),
        }
        for key, mark in MARKS.items():
            handlers[key] = partial(self.insert_text, mark)
        for n in range(1, 10):
            handlers[f"term_{n}"] = partial(self.insert_term, n - 1)
        self.registry = ActionRegistry(self, handlers)
        self.menus: dict[str, QMenu] = {}
        for key, _title in MENUS:
            menu = self.menuBar().addMenu("")
            self.menus[key] = menu
            for spec_key, action in self.registry.actions.items():
                from desktop_app.gui.actions import SPECS

                if next(s for s in SPECS if s.key == spec_key).menu == key:
                    menu.addAction(action)
        self.recent_menu = self.menus["file"].addMenu("")
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("toolbar")
        self.filter_box = QComboBox()
        self.filter_box.currentIndexChanged.connect(self._filter_changed)
        self.toolbar.addWidget(self.filter_box)
        self.addToolBar(self.toolbar)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_job)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.retranslate()
        self._update_enabled()

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self._title())
        self.registry.retranslate()
        for key, title in MENUS:
            self.menus[key].setTitle(_(title))
        self.recent_menu.setTitle(_("Recent projects"))
        self._fill_recent()
        for key, title in DOCKS:
            self.docks[key].setWindowTitle(_(title))
        self.glossary_panel.retranslate()
        current = self.filter_box.currentIndex()
        self.filter_box.blockSignals(True)
        self.filter_box.clear()
        for _key, label in FILTER_LABELS:
            self.filter_box.addItem(_(label))
        self.filter_box.setCurrentIndex(max(0, current))
        self.filter_box.blockSignals(False)
        self.cancel_button.setText(_("Cancel"))
        if self.model is not None:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self.empty.setText(_("Open a document (File > New project) or drop one here."))
        self._show_status()

    def set_ui_language(self, code: str) -> None:
        lang = set_language(code)
        self.settings.ui_language = lang.code
        self.settings.save()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang.is_rtl
                                   else Qt.LayoutDirection.LeftToRight)
        self.retranslate()

    def _title(self) -> str:
        if self.session is None:
            return APP_NAME
        name = self.session.project.document()[0]
        target = languages.get(self.session.project.target_lang).display_name()
        return f"{name} → {target} — {APP_NAME}"

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_path(Path(p)))

    # -- opening -------------------------------------------------------------------------

    def open_path(self, path: Path, target: str | None = None) -> bool:
        """Open a project file, or a document as a new project."""
        from desktop_app.core.project import SUFFIX
        from desktop_app.core.session import EditSession

        try:
            if path.suffix == SUFFIX:
                session = EditSession.open(path)
            else:
                session = EditSession.from_document(path, target or self.settings.default_target)
        except TarjumanError as exc:
            show_error(self, str(exc))
            return False
        self.set_session(session)
        return True

    def set_session(self, session: Any) -> None:
        if self.session is not None:
            self._save_view()
            self.session.close()
        self.session = session
        self.stack.setCurrentWidget(self.view)
        self.undo_stack.clear()
        rtl = languages.get(session.project.target_lang).is_rtl
        self.model = SegmentModel(session, self)
        self.model.on_edit = self.edit_segment
        self.proxy.setSourceModel(self.model)
        self.view.setItemDelegateForColumn(SOURCE, SourceDelegate(session, self.view))
        target_delegate = TargetDelegate(rtl, self.view)
        target_delegate.confirm_requested.connect(self.confirm_and_next)
        self.view.setItemDelegateForColumn(TARGET, target_delegate)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.Stretch)
        for col in (0, STATUS, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.settings.remember(str(session.project.path))
        self.settings.save()
        row, mode = session.load_view()
        self.filter_box.setCurrentIndex([k for k, _l in FILTER_LABELS].index(mode))
        self.proxy.set_mode(mode)
        self.go_to_row(row)
        self.qa_panel.show_findings(session.findings)
        self.retranslate()
        self._update_enabled()

    def ask_new_project(self) -> None:
        name, _f = QFileDialog.getOpenFileName(
            self, _("Translate a document"), "",
            _("Documents") + " (*.docx *.html *.htm *.md *.txt *.srt *.xlf *.xliff)")
        if not name:
            return
        names = [lang.display_name() for lang in (languages.DARI, languages.PASHTO)]
        choice, ok = QInputDialog.getItem(self, _("Target language"), _("Translate into:"),
                                          names, 0, False)
        if ok:
            target = (languages.DARI, languages.PASHTO)[names.index(choice)]
            self.open_path(Path(name), target.code)

    def ask_open_project(self) -> None:
        name, _f = QFileDialog.getOpenFileName(self, _("Open project"), "",
                                               _("Tarjuman projects") + " (*.tarjuman)")
        if name:
            self.open_path(Path(name))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls()
        if urls:
            self.open_path(Path(urls[0].toLocalFile()))

    # -- navigation ------------------------------------------------------------------------

    def current_row(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.mapToSource(index).row()

    def go_to_row(self, row: int) -> None:
        if self.model is None or not 0 <= row < self.model.rowCount():
            return
        index = self.proxy.mapFromSource(self.model.index(row, TARGET))
        if not index.isValid():
            self.proxy.set_mode("all")
            self.filter_box.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, TARGET))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def move_by(self, step: int) -> None:
        self._commit_editor()
        index = self.view.currentIndex()
        target = self.proxy.index(max(0, min(self.proxy.rowCount() - 1,
                                             (index.row() if index.isValid() else -1) + step)),
                                  TARGET)
        if target.isValid():
            self.view.setCurrentIndex(target)
            self.view.scrollTo(target)

    def _filter_changed(self, position: int) -> None:
        if 0 <= position < len(FILTER_LABELS):
            self.proxy.set_mode(FILTER_LABELS[position][0])

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.session is None or not current.isValid():
            return
        row = self.proxy.mapToSource(current).row()
        self.glossary_panel.show_hits(self.session.glossary_hits(row))
        self.tm_panel.show_matches(self.session.tm_matches(row))
        self._show_mt(row)
        self._show_status()

    # -- editing -----------------------------------------------------------------------

    def _editor(self) -> QPlainTextEdit | None:
        widget = QApplication.focusWidget()
        return widget if isinstance(widget, QPlainTextEdit) and self.view.isAncestorOf(
            widget) else None

    def _commit_editor(self) -> None:
        editor = self._editor()
        if editor is not None:
            self.view.commitData(editor)
            self.view.closeEditor(editor, TargetDelegate.EndEditHint.NoHint)

    def edit_segment(self, row: int, text: str, status: Status = Status.EDITED) -> None:
        """Every change of a target goes through here: saved at once, undoable."""
        self.undo_stack.push(EditCommand(self, row, text, status))

    def write_segment(self, row: int, text: str, status: Status) -> None:
        self.session.set_target(row, text, status)
        if self.model is not None:
            self.model.row_changed(row)
        self.qa_panel.show_findings(self.session.findings)
        self._show_status()

    def replace_target(self, text: str) -> None:
        row = self.current_row()
        if row is not None and self.session is not None:
            self._commit_editor()
            self.edit_segment(row, text)

    def insert_text(self, text: str) -> None:
        editor = self._editor()
        if editor is None:
            self._open_editor()
            editor = self._editor()
        if editor is not None:
            editor.insertPlainText(text)

    def _open_editor(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            target = index.siblingAtColumn(TARGET)
            self.view.setCurrentIndex(target)
            self.view.edit(target)
            widget = self.view.indexWidget(target)
            editor = widget if isinstance(widget, QPlainTextEdit) else None
            if editor is None:
                editors = self.view.findChildren(QPlainTextEdit)
                editor = editors[-1] if editors else None
            if editor is not None:
                editor.setFocus()

    def insert_term(self, n: int) -> None:
        term = self.glossary_panel.term(n)
        if term is not None:
            self.insert_text(term)

    def copy_mt(self) -> None:
        row = self.current_row()
        if row is not None:
            seg = self.session.segments[row]
            if seg.mt_text:
                self.replace_target(seg.mt_text)

    def copy_source(self) -> None:
        row = self.current_row()
        if row is not None:
            self.replace_target(self.session.segments[row].source)

    def confirm_and_next(self) -> None:
        row = self.current_row()
        if row is None or self.session is None:
            return
        editor = self._editor()
        text = editor.toPlainText() if editor is not None else self.session.segments[row].target
        if editor is not None:
            self.view.closeEditor(editor, TargetDelegate.EndEditHint.NoHint)
        if not text.strip():
            show_error(self, _("There is no translation to confirm."))
            return
        self.edit_segment(row, text, Status.CONFIRMED)
        seg = self.session.segments[row]
        self.session.tm.add(seg.source, seg.target, self.session.project.source_lang,
                            self.session.project.target_lang)
        nxt = self.session.next_unconfirmed(row)
        if nxt is not None:
            self.go_to_row(nxt)

    def add_term_from_selection(self) -> None:
        row = self.current_row()
        if row is None:
            return
        editor = self._editor()
        selected = editor.textCursor().selectedText() if editor is not None else ""
        source, ok = QInputDialog.getText(self, _("Add term"), _("Source term:"),
                                          text=strip_tags(self.session.segments[row].source)
                                          if not selected else "")
        if not ok or not source.strip():
            return
        target, ok = QInputDialog.getText(self, _("Add term"), _("Target term:"),
                                          text=selected)
        if ok and target.strip():
            self.session.add_term(source, target)
            self._current_changed(self.view.currentIndex(), QModelIndex())

    def ask_find(self) -> None:
        from desktop_app.gui.dialogs.find_replace import FindReplace

        FindReplace(self).show()

    # -- MT ------------------------------------------------------------------------------

    def _show_mt(self, row: int) -> None:
        from desktop_app.core.errors import NoModelError
        from desktop_app.core.mt.routing import choose

        project = self.session.project
        try:
            route = choose(project.source_lang, project.target_lang)
        except NoModelError as exc:
            self.mt_panel.show_message(str(exc))
            return
        seg = self.session.segments[row]
        self.mt_panel.show_alternatives([seg.mt_text] if seg.mt_text else [], route.note)
        source = strip_tags(seg.source)
        source_lang, target_lang = project.source_lang, project.target_lang

        def work(progress: Any, cancelled: Any) -> list[str]:
            from desktop_app.core.mt.routing import translate_texts

            settings = Settings.load()
            settings.n_best = 3
            result = translate_texts([source], source_lang, target_lang, settings=settings)[0]
            return [result.text, *result.alternatives]

        def done(texts: list[str], row: int = row) -> None:
            if self.current_row() == row:
                self.mt_panel.show_alternatives(texts, route.note)

        self.mt_job = jobs.start(work, on_success=done,
                                 on_failure=lambda message: self.mt_panel.show_message(message))

    def pretranslate(self) -> None:
        if self.session is None or self.job is not None:
            return
        from desktop_app.core.errors import NoModelError
        from desktop_app.core.mt.routing import choose

        project = self.session.project
        try:
            choose(project.source_lang, project.target_lang)
        except NoModelError as exc:
            show_error(self, str(exc))
            return
        path = project.path

        def work(progress: Any, cancelled: Any) -> Any:
            from desktop_app.core.pretranslate import pretranslate
            from desktop_app.core.project import Project
            from desktop_app.core.tm import TranslationMemory
            from desktop_app.core.workflow import default_enforcer

            own = Project.open(path)  # this thread's own connection
            try:
                with TranslationMemory() as tm:
                    return pretranslate(own, settings=Settings.load(), tm=tm,
                                        cancel=cancelled, on_progress=progress, chunk=16,
                                        enforcer=default_enforcer(own.source_lang,
                                                                  own.target_lang, path))
            finally:
                own.close()

        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.progress.setValue(0)
        self.job = jobs.start(work, on_success=self._pretranslated,
                              on_failure=lambda m: show_error(self, m),
                              on_progress=self._job_progress, on_finished=self._job_finished)
        self._update_enabled()

    def _job_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(f"{number(done)} / {number(total)}")
        self._refresh_rows()

    def _refresh_rows(self) -> None:
        """Results stream in: reload the segments, keep the grid and any open editor."""
        if self.session is None or self.model is None:
            return
        self.session.reload(with_qa=False)
        self.model.dataChanged.emit(self.model.index(0, 0),
                                    self.model.index(self.model.rowCount() - 1, 4))

    def _pretranslated(self, report: Any) -> None:
        self._refresh_rows()
        self.session.run_qa()
        self.qa_panel.show_findings(self.session.findings)
        message = _("{mt} segments by MT, {tm} from the translation memory").format(
            mt=number(report.from_mt), tm=number(report.from_tm))
        self.statusBar().showMessage(message, 8000)

    def _job_finished(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_enabled()

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()

    # -- export, tools -------------------------------------------------------------------

    def ask_export(self, bilingual: bool) -> None:
        if self.session is None:
            return
        name, fmt, _d = self.session.project.document()
        suggestion = str(Path(name).with_suffix(".docx" if bilingual else Path(name).suffix))
        path, _f = QFileDialog.getSaveFileName(self, _("Export translation"), suggestion)
        if path:
            self.export_to(Path(path), bilingual=bilingual)

    def export_to(self, path: Path, *, bilingual: bool = False) -> bool:
        self._commit_editor()
        try:
            self.session.export(path, bilingual=bilingual)
        except TarjumanError as exc:
            show_error(self, str(exc))
            return False
        self.statusBar().showMessage(_("Exported to {path}").format(path=path), 8000)
        return True

    def open_glossary_manager(self) -> None:
        from desktop_app.core.glossary.library import open_default
        from desktop_app.gui.dialogs.glossary_manager import GlossaryManager

        glossaries = self.session.glossaries if self.session else open_default()
        project = self.session.project if self.session else None
        dialog = GlossaryManager(glossaries, project.source_lang if project else "en",
                                 project.target_lang if project else "prs", self)
        dialog.exec()
        if dialog.changed and self.session is not None:
            self.session.rebuild_matcher()

    def open_model_manager(self) -> None:
        from desktop_app.gui.dialogs.model_manager import ModelManager

        ModelManager(self).exec()
        row = self.current_row()
        if row is not None:
            self._show_mt(row)

    # -- state ---------------------------------------------------------------------------

    def _update_enabled(self) -> None:
        has = self.session is not None
        for key in ("export", "export_bilingual", "confirm_next", "previous", "next",
                    "copy_mt", "copy_source", "add_term", "find"):
            self.registry[key].setEnabled(has)
        self.registry["pretranslate"].setEnabled(has and self.job is None)
        self.registry["cancel"].setEnabled(self.job is not None)

    def _show_status(self) -> None:
        if self.session is None:
            self.statusBar().showMessage(_("No project open"))
            return
        counts = {s: 0 for s in Status}
        for seg in self.session.segments:
            counts[seg.status] += 1
        self.statusBar().showMessage(
            _("{total} segments: {confirmed} confirmed, {mt} MT, {new} untranslated").format(
                total=number(len(self.session.segments)),
                confirmed=number(counts[Status.CONFIRMED]), mt=number(counts[Status.MT]),
                new=number(counts[Status.NEW])))

    def _save_view(self) -> None:
        if self.session is not None:
            row = self.current_row()
            self.session.save_view(row or 0, self.proxy.mode)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._commit_editor()
        if self.job is not None:
            self.job.cancel()
            from PySide6.QtCore import QThreadPool

            QThreadPool.globalInstance().waitForDone(10000)
        self._save_view()
        if self.session is not None:
            self.session.close()
            self.session = None
        super().closeEvent(event)

    def show_message(self, text: str) -> None:
        show_info(self, text)
