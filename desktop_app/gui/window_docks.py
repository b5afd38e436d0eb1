"""The window's docks (machine translation, translation memory, glossary, quality checks,
notes) and what they show for the current segment: its glossary terms at once, its TM
matches and MT alternatives from jobs (``gui.jobs.Op``), the newest lookup winning, so
the window never waits on a big TM or a translation server."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from desktop_app.core.documents.base import strip_tags
from desktop_app.core.settings import Settings
from desktop_app.core.tm import Match, TranslationMemory
from desktop_app.gui import jobs
from desktop_app.gui.dialogs import qa_delivery
from desktop_app.gui.i18n import N_, _
from desktop_app.gui.mnemonics import ENGLISH
from desktop_app.gui.widgets import notes_panel
from desktop_app.gui.widgets.panels import GlossaryPanel, MTPanel, TMPanel
from desktop_app.gui.widgets.qa_panel import QAPanel

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

    Decoded = tuple[list[str], str, list[list[str]]]

FOLLOW_MS = 16  # the docks follow the cursor in the frame after the grid's (60 Hz)
DOCKS = (("mt", N_("Machine translation")), ("tm", N_("Translation memory")),
         ("glossary", N_("Glossary")), ("qa", N_("Quality checks")), ("notes", N_("Notes")))


class SidePanels(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.mt_panel, self.tm_panel = MTPanel(True), TMPanel(True)
        self.glossary_panel, self.qa_panel = GlossaryPanel(), QAPanel()
        self.mt_panel.use_text.connect(window.replace_target)
        self.tm_panel.use_text.connect(window.replace_target)
        self.mt_panel.open_models.connect(window.open_model_manager)
        self.qa_panel.jump.connect(window.go_to_row)
        self.qa_panel.ignore_requested.connect(window.ignore_finding)
        self.qa_panel.report_requested.connect(self.open_qa_report)
        self.mt_timer = QTimer(self)  # the MT dock decodes once the cursor rests
        self.mt_timer.setSingleShot(True)
        self.mt_timer.setInterval(250)
        self.mt_timer.timeout.connect(self.decode_current)
        # the docks follow the cursor a frame after it moved: a row change paints the grid
        # in one frame and the docks in the next, never both in one
        self.follow_timer = QTimer(self)
        self.follow_timer.setObjectName("docks-follow")
        self.follow_timer.setSingleShot(True)
        self.follow_timer.setInterval(FOLLOW_MS)
        self.follow_timer.timeout.connect(self.follow)
        # once for the window's life: the grid keeps its selection model across projects
        window.view.selectionModel().currentRowChanged.connect(self.current_changed)
        self.docks: dict[str, QDockWidget] = {}
        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        for key, widget, area in (("mt", self.mt_panel, right), ("tm", self.tm_panel, right),
                                  ("glossary", self.glossary_panel, right),
                                  ("qa", self.qa_panel, bottom)):
            dock = QDockWidget(window)
            dock.setObjectName(f"dock-{key}")
            dock.setWidget(widget)
            window.addDockWidget(area, dock)
            self.docks[key] = dock
        self.notes = notes_panel.install(window, self.docks)  # the file's notes, limits
        window.setCorner(Qt.Corner.BottomRightCorner, right)
        window.resizeDocks([self.docks["mt"]], [330], Qt.Orientation.Horizontal)
        window.resizeDocks([self.docks[k] for k in ("mt", "tm", "glossary", "qa")],
                           [170, 170, 330, 110], Qt.Orientation.Vertical)

    def retranslate(self) -> None:
        for key, title in DOCKS:
            self.docks[key].setWindowTitle(_(title))
            self.docks[key].toggleViewAction().setProperty(ENGLISH, title)
        self.glossary_panel.retranslate()
        self.mt_panel.retranslate()
        self.qa_panel.retranslate()
        self.notes.refresh()
        self.follow()  # TM, MT notes

    def current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.window.session is not None and current.isValid():
            self.follow_timer.start()  # a row passed over quickly is never looked up

    def follow(self) -> None:
        """The docks of the current row: its terms, its TM matches and its MT at once
        (what the docks number, Ctrl+1..9 and Ctrl+Alt+1..9 insert: they call this first
        when the cursor has just moved)."""
        self.follow_timer.stop()
        session, row = self.window.session, self.window.current_row()
        if session is None or row is None:
            return
        self.glossary_panel.show_hits(session.glossary_hits(row) + session.offers(row))
        self.look_up_tm(row)
        self.show_mt(row)

    def flush(self) -> None:
        """The docks of the row the cursor just moved to, now if they are still to come."""
        if self.follow_timer.isActive():
            self.follow()

    def look_up_tm(self, row: int) -> None:
        """The TM dock's matches for ``row``, looked up by a job with its own connection:
        the dock says it is searching, then shows them if the row is still current. A
        newer lookup cancels an older one, which then reads nothing (newest wins)."""
        window, session = self.window, self.window.session
        if session is None:
            return
        path, source = session.tm.path, session.segments[row].source
        source_lang, target_lang = session.project.source_lang, session.project.target_lang
        self.tm_panel.show_waiting()

        def work(ctx: jobs.Context) -> list[Match] | None:
            if ctx.cancelled():  # the translator has already moved on
                return None
            with TranslationMemory(path) as tm:
                return tm.matches(source, source_lang, target_lang)

        def done(found: list[Match] | None) -> None:
            if found is not None and window.session is session and window.current_row() == row:
                self.tm_panel.show_matches(found)

        def failed(exc: BaseException) -> None:
            if window.session is session and window.current_row() == row:
                self.tm_panel.show_message(jobs.message(exc))

        jobs.Op(work, key="tm-lookup").success(done).failure(failed).run_in_background()

    def show_mt(self, row: int) -> None:
        """What the dock knows at once (never waiting on the network: a server's answer
        comes from the decode job), then alternatives once the cursor rests."""
        from desktop_app.core.errors import NoModelError
        from desktop_app.core.mt.routing import choose_offline, describe

        session = self.window.session
        if session is None:
            return
        project = session.project
        try:
            route = choose_offline(project.source_lang, project.target_lang)
        except NoModelError:
            self.mt_panel.show_no_model(project.source_lang, project.target_lang)
            return
        seg = session.segments[row]
        # model, device and note in the dock; the server's line from its last answer
        shown = describe(route) if route else (self.mt_panel.route_note or
                                               _("asking the translation server…"))
        self.mt_panel.show_alternatives([seg.mt_text] if seg.mt_text else [], shown)
        self.mt_timer.start()  # decode alternatives once the cursor rests here

    def decode_current(self) -> None:
        window, session = self.window, self.window.session
        row = window.current_row()
        if row is None or session is None or window.job is not None:
            return  # a running job has the engine (and the MT cache) to itself
        project = session.project
        source = strip_tags(session.segments[row].source)
        source_lang, target_lang = project.source_lang, project.target_lang

        def work(ctx: jobs.Context) -> Decoded:
            from desktop_app.core.mt.confidence import weak_words_for
            from desktop_app.core.mt.routing import choose, describe, translate_texts

            settings = Settings.load()
            settings.n_best = 3
            result = translate_texts([source], source_lang, target_lang, settings=settings,
                                     cancel=ctx.cancelled)[0]
            shown = describe(choose(source_lang, target_lang, settings=settings), settings)
            texts = [result.text, *result.alternatives]
            return texts, shown, weak_words_for(source, texts, source_lang, target_lang,
                                                settings)

        def done(found: Decoded) -> None:
            if window.session is session and window.current_row() == row:
                self.mt_panel.show_alternatives(*found)

        def failed(exc: BaseException) -> None:
            from desktop_app.core.errors import NetworkError, NoModelError

            if window.session is not session:
                return  # the project (or the window) closed meanwhile
            if window.current_row() != row and not isinstance(exc, NetworkError):
                return  # moved on (a server down is said whichever row the cursor is on)
            if isinstance(exc, NoModelError):  # no local model, and the server has no pair
                self.mt_panel.show_no_model(source_lang, target_lang)
            else:  # a server not answering: said in the dock, editing goes on
                self.mt_panel.show_message(jobs.message(exc))

        jobs.Op(work, key="mt-decode").success(done).failure(failed).run_in_background()

    # -- the dialogs behind the docks --------------------------------------------------------

    def open_qa_report(self) -> None:
        session = self.window.session
        if session is None:
            return
        self.window.commit_editor()
        dialog = qa_delivery.QAReportDialog(self.window, session)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_glossary_manager(self) -> None:
        from desktop_app.core.glossary.library import open_default
        from desktop_app.gui.dialogs.glossary_manager import GlossaryManager

        session = self.window.session
        glossaries = session.glossaries if session else open_default()
        project = session.project if session else None
        GlossaryManager(glossaries, project.source_lang if project else "en",
                        project.target_lang if project else "prs", self.window,
                        hub=self.window.changes_hub,
                        editor=session.glossary_editor if session else None).exec()

    def open_model_manager(self) -> None:
        from desktop_app.gui.dialogs.model_manager import ModelManager

        ModelManager(self.window).exec()
        self.mt_panel.show_message("")
        row = self.window.current_row()
        if row is not None:
            self.show_mt(row)
