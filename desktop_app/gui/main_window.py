"""The editor window: segment grid, MT/TM/glossary/QA docks, menus from the action registry,
background pretranslation. Every user action goes to the core's EditSession."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QToolBar,
)

from desktop_app import APP_NAME
from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.errors import TarjumanError
from desktop_app.core.grid_filter import GridFilter
from desktop_app.core.segments import Status
from desktop_app.core.session import Changes
from desktop_app.core.settings import Settings
from desktop_app.core.settings_door import change_settings, remember_project
from desktop_app.core.spell.vocabulary import checker_for_session
from desktop_app.gui import jobs, mnemonics, shaping
from desktop_app.gui.actions import MENUS, SPECS, SUBMENUS, ActionRegistry
from desktop_app.gui.dialogs import align_editor, analysis, qa_delivery, tm_manager
from desktop_app.gui.dialogs.messages import show_error, show_info
from desktop_app.gui.dialogs.new_terms import open_new_terms, use_majority_spelling
from desktop_app.gui.dialogs.settings_dialog import open_settings
from desktop_app.gui.dialogs.team_dialog import open_team
from desktop_app.gui.i18n import (
    N_,
    _,
    isolate,
    native_digits,
    number,
    set_digits,
    set_language,
)
from desktop_app.gui.mnemonics import ENGLISH
from desktop_app.gui.models.segments import SOURCE, TARGET, SegmentFilter, SegmentModel
from desktop_app.gui.widgets import notes_panel, spelling
from desktop_app.gui.widgets.delegates import SourceDelegate, TargetDelegate
from desktop_app.gui.widgets.filter_bar import FilterBar
from desktop_app.gui.widgets.grid import SegmentGrid
from desktop_app.gui.widgets.panels import GlossaryPanel, MTPanel, QAPanel, TMPanel
from desktop_app.gui.widgets.target_editor import SourceView, TargetEditor
from desktop_app.gui.window_jobs import BackgroundJobs, warm_up, warm_up_widgets

FILTER_LABELS = (("all", N_("All segments")), ("untranslated", N_("Untranslated")),
                 ("mt", N_("MT only")), ("edited", N_("Edited")), ("confirmed", N_("Confirmed")),
                 ("qa", N_("With QA issues")), ("low-confidence", N_("Low MT confidence")))
DOCKS = (("mt", N_("Machine translation")), ("tm", N_("Translation memory")),
         ("glossary", N_("Glossary")), ("qa", N_("Quality checks")), ("notes", N_("Notes")))
MARKS = {"insert_zwnj": "\u200c", "insert_lrm": "\u200e", "insert_rlm": "\u200f"}


def fit_title(dialog: QInputDialog) -> None:
    """A small input dialog as wide as its title (a title bar cuts "Target language" to
    "Target…guage" in a dialog sized to its one field)."""
    label = dialog.findChild(QLabel)
    if label is not None:
        label.setMinimumWidth(dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
                              + 140)


class MainWindow(BackgroundJobs):
    def __init__(self) -> None:
        super().__init__()
        self.settings = Settings.load()
        self.session: Any = None  # EditSession, imported lazily (keeps start-up fast)
        self.model: SegmentModel | None = None
        self.proxy = SegmentFilter(self)
        self.job: jobs.Op[Any] | None = None
        self.mt_timer = QTimer(self)  # the MT dock decodes once the cursor rests
        self.mt_timer.setSingleShot(True)
        self.mt_timer.setInterval(250)
        self.mt_timer.timeout.connect(self._decode_current)
        jobs.start_workers()  # documents are imported in a worker process
        QTimer.singleShot(300, warm_up_widgets)  # once idle, not when a project opens
        self.setAcceptDrops(True)
        self.resize(1200, 760)

        self.view = SegmentGrid()
        self.view.setModel(self.proxy)
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
        self.mt_panel.open_models.connect(self.open_model_manager)
        self.qa_panel.jump.connect(self.go_to_row)
        self.qa_panel.ignore_requested.connect(self.ignore_finding)
        self.qa_panel.report_requested.connect(self.open_qa_report)
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
        self.notes = notes_panel.install(self, self.docks)  # the file's notes, limits
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.docks["mt"]], [330], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks[k] for k in ("mt", "tm", "glossary", "qa")],
                         [170, 170, 330, 110], Qt.Orientation.Vertical)

        handlers: dict[str, Callable[[], object]] = {
            "new_project": self.ask_new_project, "open_project": self.ask_open_project,
            "export": lambda: self.ask_export(False),
            "export_bilingual": lambda: self.ask_export(True), "quit": self.close,
            "import_review": self.ask_import_review,
            "analysis": lambda: analysis.open_analysis(self),
            "tm_manager": lambda: tm_manager.open_tm_manager(self),
            "align": lambda: align_editor.open_align(self),
            "undo": self.undo, "redo": self.redo, "unconfirm": self.unconfirm,
            "go_to": self.ask_go_to, "concordance": self.open_concordance,
            "next_tag": self.insert_next_tag, "copy_tags": self.copy_source_tags,
            "comment": self.edit_comment, "next_issue": self.next_issue,
            "notes": self.notes.focus,
            "ignore_issue": self.qa_panel.ignore_current,
            "find": self.ask_find, "confirm_next": self.confirm_and_next,
            "previous": lambda: self.move_by(-1), "next": lambda: self.move_by(1),
            "copy_mt": self.copy_mt, "copy_source": self.copy_source,
            "add_term": self.add_term_from_selection, "pretranslate": self.pretranslate,
            "cancel": self.cancel_job, "glossary": self.open_glossary_manager,
            "models": self.open_model_manager, "new_terms": lambda: open_new_terms(self),
            "fix_names": lambda: use_majority_spelling(self),
            "split": lambda: shaping.split_at_caret(self),
            "join": lambda: shaping.join_with_next(self),
            "settings": lambda: open_settings(self), "team": lambda: open_team(self),
            "qa_report": self.open_qa_report,
            "ui_en": lambda: self.set_ui_language("en"),
            "ui_prs": lambda: self.set_ui_language("prs"),
            "ui_ps": lambda: self.set_ui_language("ps"),
            "native_digits": self.toggle_native_digits,
        }
        for key, mark in MARKS.items():
            handlers[key] = partial(self.insert_text, mark)
        for n in range(1, 10):
            handlers[f"term_{n}"] = partial(self.insert_term, n - 1)
            handlers[f"alt_{n}"] = partial(self.insert_suggestion, n - 1)
        self.registry = ActionRegistry(self, handlers)
        shaping.watch_source_caret(self)
        set_digits(self.settings.ui_digits)
        digits = self.registry["native_digits"]
        digits.setCheckable(True)
        digits.setChecked(self.settings.ui_digits == "native")
        self.menus: dict[str, QMenu] = {}
        for key, _title in MENUS + SUBMENUS:
            parent = self.menus.get(key.partition("/")[0]) if "/" in key else None
            menu = parent.addMenu("") if parent is not None else self.menuBar().addMenu("")
            menu.setMinimumWidth(260)  # a label never runs into its shortcut (RTL too)
            self.menus[key] = menu
            for spec in SPECS:
                if spec.menu == key:
                    menu.addAction(self.registry[spec.key])
        self.recent_menu = self.menus["file"].addMenu("")
        for dock in self.docks.values():
            self.menus["view"].addAction(dock.toggleViewAction())
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("toolbar")
        self.filter_box = QComboBox()
        self.filter_box.currentIndexChanged.connect(self._filter_changed)
        self.toolbar.addWidget(self.filter_box)
        self.filter_bar = FilterBar()
        self.filter_bar.changed.connect(
            lambda grid: self.proxy.set_filter(replace(grid, status=self.proxy.mode)))
        self.toolbar.addWidget(self.filter_bar)
        self.addToolBar(self.toolbar)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_job)
        self.counts = QLabel()  # the segment counts: kept in sight, not a passing message
        self.counts.setObjectName("counts")
        self.statusBar().addPermanentWidget(self.counts)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        from desktop_app.gui.team_sync import TeamSync

        self.team_sync = TeamSync(self)  # background sync with the team hub, if one is set
        self.retranslate()
        self._update_enabled()

    # -- language ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self._title())
        self.registry.retranslate()
        for key, title in MENUS + SUBMENUS:
            self.menus[key].setTitle(_(title))
            self.menus[key].menuAction().setProperty(ENGLISH, title)
        self.recent_menu.setTitle(_("&Recent projects"))
        self.recent_menu.menuAction().setProperty(ENGLISH, "&Recent projects")
        self._fill_recent()
        for key, title in DOCKS:
            self.docks[key].setWindowTitle(_(title))
            self.docks[key].toggleViewAction().setProperty(ENGLISH, title)
        self.glossary_panel.retranslate()
        self.mt_panel.retranslate()
        self.qa_panel.retranslate()
        self.notes.refresh()
        if self.session is not None and self.view.currentIndex().isValid():
            self._current_changed(self.view.currentIndex(), QModelIndex())  # TM, MT notes
        if self.model is not None:
            self.view.setup_columns()
        current = self.filter_box.currentIndex()
        self.filter_box.blockSignals(True)
        self.filter_box.clear()
        for _key, label in FILTER_LABELS:
            self.filter_box.addItem(_(label))
        self.filter_box.setCurrentIndex(max(0, current))
        self.filter_box.blockSignals(False)
        self.filter_bar.retranslate()
        self.cancel_button.setText(_("Cancel"))
        if self.model is not None:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self.empty.setText(_("Open a document (File > New project) or drop one here."))
        self._show_status()
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
        set_digits(self.settings.ui_digits)
        # Qt's own number fields (the go-to dialog's) count in the same digits
        QLocale.setDefault(QLocale(
            {"prs": QLocale.Language.Persian, "ps": QLocale.Language.Pashto}.get(
                languages.ui_language(), QLocale.Language.English)
            if native_digits() else QLocale.Language.English))
        self.retranslate()
        if self.model is not None:  # row numbers, counts
            self.model.dataChanged.emit(self.model.index(0, 0),
                                        self.model.index(self.model.rowCount() - 1, 0))
        self.view.viewport().update()

    def _title(self) -> str:
        if self.session is None:
            return APP_NAME
        name = self.session.project.document()[0]
        target = languages.get(self.session.project.target_lang).display_name()
        return f"{isolate(name)} → {target} — {APP_NAME}"

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for n, path in enumerate(self.settings.recent[:9], start=1):
            action = self.recent_menu.addAction(f"&{number(n)} {isolate(path.replace('&', '&&'))}")
            action.setProperty(ENGLISH, f"&{n}")
            action.triggered.connect(lambda _c=False, p=path: self.open_path(Path(p)))

    # -- opening -------------------------------------------------------------------------

    def open_path(self, path: Path, target: str | None = None) -> bool:
        """Open a project file, or a document: its existing project into ``target`` if
        there is one, else a new project imported in the background."""
        from desktop_app.core.background import import_job
        from desktop_app.core.session import (
            EditSession,
            Snapshot,
            find_project,
            is_project_file,
            snapshot,
        )

        target = target or self.settings.default_target
        try:
            existing = path if is_project_file(path) else find_project(path, target)
        except TarjumanError as exc:
            show_error(self, str(exc))
            return False
        if self.job is not None:
            return False

        gc.freeze()  # what lives now is not walked by the collections the job triggers

        def work(ctx: jobs.Context) -> tuple[Path, Snapshot]:
            made = existing or jobs.in_process(ctx, import_job, path, target)  # parsing
            warm_up(target)  # what the window needs next, loaded here rather than there
            with jobs.building_long_lived():
                return made, snapshot(made)  # read whole (and checked) here, not there

        continued = existing is not None and existing != path  # the document's project
        label = (_("Importing {name}…") if existing is None else _("Opening {name}…"))
        self._start_job(jobs.Op(work, key="import").success(
            lambda done: self._imported(EditSession.open(*done), path, continued)),
            label.format(name=isolate(path.name)))
        return True

    def _imported(self, session: Any, path: Path, continued: bool) -> None:
        self.set_session(session)
        if continued:
            self.statusBar().showMessage(
                _("Continuing your project for {name}").format(name=isolate(path.name)), 8000)
        said: list[str] = []
        foreign = session.project.foreign_targets()
        if foreign:  # an XLIFF translated into another language: said, not hidden
            said.append(_(
                "The file's {n} targets are in {lang}, not in the project's language: left "
                "out, to be translated").format(n=number(foreign[1]),
                                                lang=foreign[0] or _("another script")))
        # text the import left untranslated, tracked changes accepted: said, not hidden
        said.extend(session.project.import_notes())
        if said:
            self.statusBar().showMessage(" · ".join(said), 30000)
            self.statusBar().setToolTip("\n".join(said))

    def set_session(self, session: Any) -> None:
        """Show an open session (the grid measures only the rows on screen)."""
        if self.session is not None:
            self._save_view()
            self.session.close()
        self.session = session
        self.stack.setCurrentWidget(self.view)
        project = session.project
        self.model = SegmentModel(session, self)
        self.model.on_edit = self.edit_segment
        self.proxy.setSourceModel(self.model)
        self.view.setItemDelegateForColumn(SOURCE, SourceDelegate(
            session, languages.get(project.source_lang).is_rtl, self.view))
        target_delegate = TargetDelegate(session, languages.get(project.target_lang).is_rtl,
                                         self.view)
        target_delegate.confirm_requested.connect(self.confirm_and_next)
        if not session.spell_ready:  # opened here, not read by a background job
            session.set_spell(checker_for_session(session))
        target_delegate.spell = session.spell
        spelling.show_state(self, target_delegate.spell, project.target_lang)
        target_delegate.history_requested.connect(lambda redo: self.redo() if redo else self.undo())
        self.view.setItemDelegateForColumn(TARGET, target_delegate)
        self.view.setup_columns()
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.settings = remember_project(str(project.path)).settings
        row, mode = session.load_view()
        self.filter_box.setCurrentIndex([k for k, _l in FILTER_LABELS].index(mode))
        self.proxy.set_mode(mode)
        self.go_to_row(row)
        self.qa_panel.set_severity(session.qa_profile.severity)
        # the findings list next, in its own turn of the event loop (thousands of lines)
        QTimer.singleShot(0, lambda: self.qa_panel.show_findings(session.findings)
                          if self.session is session else None)
        self.retranslate()
        self._update_enabled()
        gc.freeze()  # the open project lives long: full collections need not walk it

    def ask_new_project(self) -> None:
        name, _f = QFileDialog.getOpenFileName(
            self, _("Translate a document"), "",
            _("Documents") + " (*.docx *.html *.htm *.md *.txt *.srt *.xlf *.xliff *.sdlxliff "
                               "*.mqxliff *.po *.pdf *.pptx *.xlsx *.odt *.odp *.epub)")
        if not name:
            return
        target = self.ask_target_language()
        if target is not None:
            self.open_path(Path(name), target)

    def ask_target_language(self) -> str | None:
        """Dari or Pashto, in a dialog wide enough for its title in every UI language."""
        choices = (languages.DARI, languages.PASHTO)
        dialog = QInputDialog(self)
        dialog.setWindowTitle(_("Target language"))
        dialog.setLabelText(_("Translate into:"))
        dialog.setComboBoxItems([lang.display_name() for lang in choices])
        dialog.setComboBoxEditable(False)
        fit_title(dialog)
        if not dialog.exec():
            return None
        names = [lang.display_name() for lang in choices]
        return choices[names.index(dialog.textValue())].code

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

    def go_to_row(self, row: int, *, edit: bool = True) -> None:
        if self.model is None or not 0 <= row < self.model.rowCount():
            return
        index = self.proxy.mapFromSource(self.model.index(row, TARGET))
        if not index.isValid():
            self.proxy.set_mode("all")
            self.filter_box.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, TARGET))
        if not index.isValid():  # hidden by the filter line: it is cleared
            self.filter_bar.clear()
            self.proxy.set_filter(GridFilter())
            index = self.proxy.mapFromSource(self.model.index(row, TARGET))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        if edit:
            self.view.open_editor()

    def move_by(self, step: int) -> None:
        """Ctrl+Up/Down: save the open edit, move, and keep editing."""
        self._commit_editor()
        index = self.view.currentIndex()
        row = max(0, min(self.proxy.rowCount() - 1, (index.row() if index.isValid() else -1)
                         + step))
        target = self.proxy.index(row, TARGET)
        if target.isValid():
            self.view.setCurrentIndex(target)
            self.view.scrollTo(target)
            self.view.open_editor()

    def ask_go_to(self) -> None:
        if self.session is None:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(_("Go to segment"))
        dialog.setLabelText(_("Segment number:"))
        dialog.setInputMode(QInputDialog.InputMode.IntInput)
        dialog.setIntRange(1, len(self.session.segments))
        dialog.setIntValue((self.current_row() or 0) + 1)
        fit_title(dialog)
        if dialog.exec():
            self.go_to_row(dialog.intValue() - 1)

    def next_issue(self) -> None:
        """F8: the next segment with a QA finding, editing; its finding selected below."""
        row = self.qa_panel.select_next(self.current_row())
        if row is None:
            self.statusBar().showMessage(_("No QA issues"), 4000)
            return
        self.docks["qa"].show()
        self.go_to_row(row)

    def _filter_changed(self, position: int) -> None:
        if 0 <= position < len(FILTER_LABELS):
            self.proxy.set_mode(FILTER_LABELS[position][0])

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.session is None or not current.isValid():
            return
        row = self.proxy.mapToSource(current).row()
        self.glossary_panel.show_hits(self.session.glossary_hits(row) + self.session.offers(row))
        self._look_up_tm(row)
        self._show_mt(row)

    # -- editing -----------------------------------------------------------------------

    def _editor(self) -> TargetEditor | None:
        return self.view.editor()

    def _commit_editor(self) -> None:
        editor = self._editor()
        if editor is not None:
            self.view.commitData(editor)
            self.view.closeEditor(editor, TargetDelegate.EndEditHint.NoHint)

    def apply(self, changes: Any, *, qa: bool = True) -> None:
        """Repaint what a session call changed, and nothing else."""
        if self.model is None:
            return
        if changes.shape:  # segments split or joined: the rows are new rows
            self.model.reset()
        for row in changes.rows:
            self.model.row_changed(row)
        self.view.rows_changed(changes.rows)
        if qa and changes.rows:
            self.qa_panel.show_findings(self.session.findings)
        self._show_status()

    def _act(self, call: Callable[[], Any]) -> bool:
        try:
            self.apply(call())
        except TarjumanError as exc:
            show_error(self, str(exc))
            return False
        return True

    def edit_segment(self, row: int, text: str) -> None:
        """Every typed change of a target: saved at once, one undo step."""
        self._act(lambda: self.session.edit(row, text))

    def undo(self) -> None:
        self._history(redo=False)

    def redo(self) -> None:
        self._history(redo=True)

    def _history(self, *, redo: bool) -> None:
        """Undo/redo the session's last action and go back to that segment, editing."""
        if self.session is None:
            return
        self._commit_editor()
        changes = self.session.redo() if redo else self.session.undo()
        self.apply(changes)
        if changes.rows:
            self.go_to_row(changes.rows[0])

    def unconfirm(self) -> None:
        row = self.current_row()
        if row is not None:
            self._act(lambda: self.session.unconfirm(row))

    def replace_target(self, text: str) -> None:
        row = self.current_row()
        if row is not None and self.session is not None:
            self._commit_editor()
            self.edit_segment(row, text)
            self.view.open_editor()

    def insert_text(self, text: str) -> None:
        editor = self._editor() or self.view.open_editor()
        if editor is not None:
            editor.insertPlainText(text)

    def insert_term(self, n: int) -> None:
        term = self.glossary_panel.term(n)
        if term is not None:
            self.insert_text(term)

    def insert_suggestion(self, n: int) -> None:
        """Ctrl+Alt+1..9: the MT alternatives, then the TM matches, as the docks number them."""
        texts = self.mt_panel.texts() + [m.target for m in self.tm_panel.matches]
        if 0 <= n < len(texts):
            self.replace_target(texts[n])

    def insert_next_tag(self) -> None:
        editor = self._editor() or self.view.open_editor()
        if editor is not None and not editor.insert_next_missing_tag():
            self.statusBar().showMessage(_("Every tag of the source is in the target"), 4000)

    def copy_source_tags(self) -> None:
        editor = self._editor() or self.view.open_editor()
        if editor is not None:
            editor.copy_source_tags()

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
        """Ctrl+Enter: confirm (with propagation), open the next unconfirmed segment."""
        row = self.current_row()
        if row is None or self.session is None:
            return
        editor = self._editor()
        text = editor.text() if editor is not None else None
        if editor is not None:
            self.view.closeEditor(editor, TargetDelegate.EndEditHint.NoHint)
        if not qa_delivery.confirm_allowed(self, row, text):
            self.go_to_row(row)  # back to typing in the segment that was not confirmed
            return
        if not self._act(lambda: self.session.confirm(row, text)):
            return
        nxt = self.session.next_unconfirmed(row)
        self.go_to_row(nxt if nxt is not None else row)

    def edit_comment(self) -> None:
        row = self.current_row()
        if row is None:
            return
        from desktop_app.gui.dialogs.comment import ask_comment

        note = ask_comment(self, self.session.segments[row].note)
        if note is not None:
            self._act(lambda: self.session.set_note(row, note))

    def open_concordance(self) -> None:
        from desktop_app.gui.dialogs.concordance import ConcordanceDialog

        editor = self._editor()
        selected = editor.textCursor().selectedText() if editor is not None else ""
        ConcordanceDialog(self, selected).show()

    def add_term_from_selection(self) -> None:
        """Ctrl+T: one dialog, prefilled: the phrase selected in the source (opened read-only
        by a click on the current segment's source), and the text last selected in this
        segment's target; empty fields where nothing was selected."""
        from desktop_app.gui.dialogs.add_term import AddTermDialog

        row = self.current_row()
        if row is None:
            return
        seg = self.session.segments[row]
        source = ""  # nothing selected: the translator types the term, not the sentence
        focus = QApplication.focusWidget()
        if isinstance(focus, SourceView) and focus.textCursor().selectedText().strip():
            source = strip_tags(focus.textCursor().selectedText()).strip()
        remembered_source, selected = TargetEditor.last_selection
        if remembered_source != seg.source:
            selected = ""
        project = self.session.project
        dialog = AddTermDialog(self, source, selected, self.session.existing_concepts,
                               project.target_lang, languages.get(project.target_lang).is_rtl)
        if dialog.exec() and dialog.source.text().strip() and dialog.target.text().strip():
            self._act(lambda: self._add_term(dialog))

    def _add_term(self, dialog: Any) -> Any:
        self.session.add_term(dialog.source.text(), dialog.target.text(), dialog.variant_of(),
                              status=dialog.term_status(), note=dialog.note.text())
        self._current_changed(self.view.currentIndex(), QModelIndex())
        self.view.viewport().update()

        return Changes(glossary=True)

    def ask_find(self) -> None:
        from desktop_app.gui.dialogs.find_replace import FindReplace

        FindReplace(self).show()

    # -- MT ------------------------------------------------------------------------------

    def _show_mt(self, row: int) -> None:
        """What the dock knows at once (never waiting on the network: a server's answer
        comes from the decode job), then alternatives once the cursor rests."""
        from desktop_app.core.errors import NoModelError
        from desktop_app.core.mt.routing import choose_offline, describe

        project = self.session.project
        try:
            route = choose_offline(project.source_lang, project.target_lang)
        except NoModelError:
            self.mt_panel.show_no_model(project.source_lang, project.target_lang)
            return
        seg = self.session.segments[row]
        # model, device and note in the dock; the server's line from its last answer
        shown = describe(route) if route else (self.mt_panel.route_note or
                                               _("asking the translation server…"))
        self.mt_panel.show_alternatives([seg.mt_text] if seg.mt_text else [], shown)
        self.mt_timer.start()  # decode alternatives once the cursor rests here

    # -- export, tools -------------------------------------------------------------------

    def ask_export(self, bilingual: bool) -> None:
        if self.session is None:
            return
        editor = self._editor()
        if editor is not None:  # saved for the check; left open for the caret's return
            self.view.commitData(editor)
        if not qa_delivery.export_allowed(self):
            return
        suggestion = self.session.suggest_export_path(bilingual)
        path, _f = QFileDialog.getSaveFileName(self, _("Export translation"), str(suggestion))
        if path:
            self.export_to(Path(path), bilingual=bilingual)
        self.view.open_editor()  # the open edit was saved for the export: back to typing

    def ignore_finding(self, row: int, code: str) -> None:
        """The QA list's Delete key / context menu: ignored in the project, for this text."""
        if self.session is not None:
            self._act(lambda: self.session.ignore_finding(row, code))

    def open_qa_report(self) -> None:
        if self.session is None:
            return
        self._commit_editor()
        dialog = qa_delivery.QAReportDialog(self, self.session)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

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
        self.mt_panel.show_message("")
        row = self.current_row()
        if row is not None:
            self._show_mt(row)

    # -- state ---------------------------------------------------------------------------

    def _update_enabled(self) -> None:
        has = self.session is not None
        for key in ("export", "export_bilingual", "import_review", "confirm_next", "previous",
                    "next", "copy_mt", "copy_source", "add_term", "find", "undo", "redo",
                    "unconfirm", "go_to", "next_tag", "copy_tags", "comment", "next_issue",
                    "ignore_issue", "qa_report"):
            self.registry[key].setEnabled(has)
        self.registry["pretranslate"].setEnabled(has and self.job is None)
        for key in ("split", "join"):  # not while a job writes segments by their ids
            self.registry[key].setEnabled(has and self.job is None)
        self.registry["cancel"].setEnabled(self.job is not None)

    def _show_status(self) -> None:
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

    def _save_view(self) -> None:
        if self.session is not None:
            row = self.current_row()
            self.session.save_view(row or 0, self.proxy.mode)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._commit_editor()
        self.mt_timer.stop()
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
