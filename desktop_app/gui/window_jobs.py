"""The editor window's background work and file hand-offs: pretranslation, import, export,
the TM dock's lookup and the MT dock's decode run as jobs (``gui.jobs.Op``); progress
repaints only the rows a batch filled; review files come back in through the session."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMainWindow, QProgressBar, QPushButton

from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.errors import TarjumanError
from desktop_app.core.session import Changes
from desktop_app.core.settings import Settings
from desktop_app.core.tm import Match, TranslationMemory
from desktop_app.gui import jobs
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import _, number
from desktop_app.gui.widgets.panels import no_model_text


def warm_up(target_lang: str) -> None:
    """Imports, locale data and the TM the editor needs once a project is open, readied by
    a job."""
    from desktop_app.core import languages
    from desktop_app.core.mt import routing

    TranslationMemory().close()  # a TM of an older version gets its word index here
    languages.get(target_lang).display_name()
    languages.format_number(800000, target_lang)  # the locale's number data (insertions)
    with contextlib.suppress(TarjumanError):
        routing.choose("en", target_lang)


def warm_up_widgets(names: list[str] | None = None) -> None:
    """PySide loads Qt's widget types (and creates their Python enums) the first time it
    meets them; opening the first project met some 40 at once, 15-30 ms inside the one
    turn of the event loop that shows the project. Loaded here instead, while the window
    idles after start-up, a few at a time, each few in its own turn of the event loop."""
    from PySide6 import QtWidgets

    todo = sorted(dir(QtWidgets)) if names is None else names
    for name in todo[:8]:
        getattr(QtWidgets, name)
    if todo[8:]:
        QTimer.singleShot(0, lambda: warm_up_widgets(todo[8:]))


class BackgroundJobs(QMainWindow):
    """The base of MainWindow, which provides the widgets and editing calls named here."""

    session: Any
    model: Any
    job: jobs.Op[Any] | None
    mt_panel: Any
    tm_panel: Any
    qa_panel: Any
    docks: dict[str, Any]
    progress: QProgressBar
    cancel_button: QPushButton
    current_row: Callable[[], int | None]
    apply: Callable[..., None]
    _commit_editor: Callable[[], None]
    _update_enabled: Callable[[], None]
    _show_mt: Callable[[int], None]
    mt_timer: QTimer

    def _look_up_tm(self, row: int) -> None:
        """The TM dock's matches for ``row``, looked up by a job with its own connection:
        the dock says it is searching, then shows them if the row is still current. A
        newer lookup cancels an older one, which then reads nothing (newest wins)."""
        session = self.session
        path, source = session.tm.path, session.segments[row].source
        source_lang, target_lang = session.project.source_lang, session.project.target_lang
        self.tm_panel.show_waiting()

        def work(ctx: jobs.Context) -> list[Match] | None:
            if ctx.cancelled():  # the translator has already moved on
                return None
            with TranslationMemory(path) as tm:
                return tm.matches(source, source_lang, target_lang)

        def done(found: list[Match] | None, row: int = row) -> None:
            if found is not None and self.session is session and self.current_row() == row:
                self.tm_panel.show_matches(found)

        def failed(exc: BaseException, row: int = row) -> None:
            if self.session is session and self.current_row() == row:
                self.tm_panel.show_message(jobs.message(exc))

        jobs.Op(work, key="tm-lookup").success(done).failure(failed).run_in_background()

    def _decode_current(self) -> None:
        row = self.current_row()
        if row is None or self.session is None or self.job is not None:
            return  # a running job has the engine (and the MT cache) to itself
        project = self.session.project
        source = strip_tags(self.session.segments[row].source)
        source_lang, target_lang = project.source_lang, project.target_lang

        def work(ctx: jobs.Context) -> tuple[list[str], str, list[list[str]]]:
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

        def done(found: tuple[list[str], str, list[list[str]]], row: int = row) -> None:
            if self.current_row() == row:
                self.mt_panel.show_alternatives(*found)

        def failed(exc: BaseException, row: int = row) -> None:
            from desktop_app.core.errors import NetworkError, NoModelError

            if self.current_row() != row and not isinstance(exc, NetworkError):
                return  # (a server down is said whichever row the cursor is on by now)
            if isinstance(exc, NoModelError):  # no local model, and the server has no pair
                self.mt_panel.show_no_model(source_lang, target_lang)
            else:  # a server not answering: said in the dock, editing goes on
                self.mt_panel.show_message(jobs.message(exc))

        jobs.Op(work, key="mt-decode").success(done).failure(failed).run_in_background()

    def pretranslate(self) -> None:
        if self.session is None or self.job is not None:
            return
        self.mt_timer.stop()  # no dock decode racing the job for the model and the MT cache
        from desktop_app.core.errors import NoModelError
        from desktop_app.core.mt.routing import choose_offline
        from desktop_app.core.pretranslate import pretranslate_file

        project = self.session.project
        try:  # a server is asked by the job, never on this thread
            choose_offline(project.source_lang, project.target_lang)
        except NoModelError:
            self.mt_panel.show_no_model(project.source_lang, project.target_lang)
            self.docks["mt"].show()
            show_error(self, no_model_text(project.source_lang, project.target_lang))
            return
        path = project.path

        def work(ctx: jobs.Context) -> Any:
            from desktop_app.core.session import snapshot

            report = pretranslate_file(path, cancel=ctx.cancelled, chunk=16,
                                       on_progress=lambda d, t: ctx.report((d, t)),
                                       on_rows=ctx.report)
            with jobs.building_long_lived():
                return report, snapshot(path).findings  # QA of the result, off this thread

        self._start_job(jobs.Op(work, key="pretranslate").success(self._pretranslated),
                        _("Translating…"))

    def _start_job(self, op: jobs.Op[Any], label: str) -> None:
        if not hasattr(self, "_bar_timer"):
            self._bar_timer = QTimer(self)
            self._bar_timer.setSingleShot(True)
            self._bar_timer.setInterval(100)
            self._bar_timer.timeout.connect(self._show_bar)
        self._bar_value = (0, 0)
        self.progress.setVisible(True)
        self.progress.setMaximum(0)
        self.progress.setFormat(label)
        self.cancel_button.setVisible(True)
        self.job = op.progress(self._job_progress, after_cancel=True).failure(
            lambda exc: show_error(self, jobs.message(exc))).finished(self._job_finished)
        self.job.run_in_background()
        self._update_enabled()

    def _job_progress(self, value: Any) -> None:
        """A tick: the rows a batch filled (only those are read and repainted); the bar
        follows ten times a second (QProgressBar repaints at once on every new value)."""
        if isinstance(value, tuple):
            self._bar_value = value
            if not self._bar_timer.isActive():
                self._bar_timer.start()
        elif isinstance(value, list) and self.session is not None:
            self.apply(self.session.refresh_ids(value), qa=False)

    def _show_bar(self) -> None:
        done, total = self._bar_value
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(f"{number(done)} / {number(total)}")

    def _pretranslated(self, result: Any) -> None:
        report, findings = result
        if self.model is None:
            return
        self.session.adopt_findings(findings)
        self.qa_panel.show_findings(self.session.findings)
        self.model.dataChanged.emit(self.model.index(0, 4),
                                    self.model.index(self.model.rowCount() - 1, 4))
        self.statusBar().showMessage(report.summary(), 8000)
        row = self.current_row()
        if row is not None:
            self._show_mt(row)

    def _job_finished(self) -> None:
        self._bar_timer.stop()
        self.job = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_enabled()

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def export_to(self, path: Path, *, bilingual: bool = False) -> bool:
        """Check (never over the original; count unreviewed MT and empty targets), then
        write in the background with the job's own connection."""
        from desktop_app.core.exports import export_file

        self._commit_editor()
        if self.session is None or self.job is not None:
            return False
        try:
            warning = self.session.check_export(path).warning()
        except TarjumanError as exc:
            show_error(self, str(exc))
            return False
        project_path = self.session.project.path

        def work(ctx: jobs.Context) -> str:
            return export_file(project_path, path, bilingual=bilingual)

        def done(_kind: str) -> None:
            message = _("Exported to {path}").format(path=path)
            self.statusBar().showMessage(f"{message} — {warning}" if warning else message, 15000)
            self.last_export_warning = warning

        self._start_job(jobs.Op(work, key="export").success(done), _("Exporting…"))
        return True

    # -- review files back in --------------------------------------------------------------

    def ask_import_review(self) -> None:
        if self.session is None:
            return
        path, _f = QFileDialog.getOpenFileName(
            self, _("Import review"), "", _("Review files") + " (*.docx *.xlf *.xliff *.sdlxliff)")
        if not path:
            return
        from desktop_app.gui.dialogs.import_review import ask_confirm_choice

        confirm = ask_confirm_choice(self, Path(path))
        if confirm is not None:
            self.import_review_from(Path(path), confirm=confirm)

    def import_review_from(self, path: Path, *, confirm: bool = False) -> bool:
        self._commit_editor()
        try:
            report = self.session.import_review(path, confirm=confirm)
        except TarjumanError as exc:
            show_error(self, str(exc))
            return False
        self.apply(Changes(rows=list(range(len(self.session.segments)))))
        self.statusBar().showMessage(report.lines()[-1], 8000)
        from desktop_app.gui.dialogs.review_report import show_review_report

        show_review_report(self, report, languages.get(self.session.project.target_lang).is_rtl)
        return True
