"""The window's long jobs, one at a time, with a progress bar and a Cancel button in the
status bar: opening a document (started by ``window_project``), pretranslation and
export. Each is a ``gui.jobs.Op``; a tick's rows are read again and repainted, nothing
else, and the bar follows ten times a second."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, QTimer
from PySide6.QtWidgets import QProgressBar, QPushButton

from desktop_app.core.errors import TarjumanError
from desktop_app.core.tm import TranslationMemory
from desktop_app.gui import file_dialogs, jobs
from desktop_app.gui.dialogs import qa_delivery
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import _, number
from desktop_app.gui.widgets.panels import no_model_text

if TYPE_CHECKING:
    from desktop_app.core.glossary.qa import Finding
    from desktop_app.core.pretranslate import Report
    from desktop_app.gui.main_window import MainWindow

    Pretranslated = tuple[Report, dict[int, list[Finding]]]


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


class LongJobs(QObject):
    """The one long job of the window (``job``), its bar and its Cancel button."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.job: jobs.Op[Any] | None = None
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self._bar_value = (0, 0)
        self._bar_timer = QTimer(self)
        self._bar_timer.setSingleShot(True)
        self._bar_timer.setInterval(100)
        self._bar_timer.timeout.connect(self._show_bar)

    def retranslate(self) -> None:
        self.cancel_button.setText(_("Cancel"))

    def start(self, op: jobs.Op[Any], label: str) -> None:
        self._bar_value = (0, 0)
        self.progress.setVisible(True)
        self.progress.setMaximum(0)
        self.progress.setFormat(label)
        self.cancel_button.setVisible(True)
        self.job = op.progress(self.tick, after_cancel=True).failure(
            lambda exc: show_error(self.window, jobs.message(exc))).finished(self._finished)
        self.job.run_in_background()
        self.window.update_enabled()

    def tick(self, value: object) -> None:
        """A tick: the rows a batch filled (only those are read and repainted); the bar
        follows ten times a second (QProgressBar repaints at once on every new value)."""
        session = self.window.session
        if isinstance(value, tuple):
            self._bar_value = value
            if not self._bar_timer.isActive():
                self._bar_timer.start()
        elif isinstance(value, list) and session is not None:
            self.window.apply(session.refresh_ids(value), qa=False)

    def _show_bar(self) -> None:
        done, total = self._bar_value
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat(f"{number(done)} / {number(total)}")

    def _finished(self) -> None:
        self._bar_timer.stop()
        self.job = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.window.update_enabled()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def stop(self) -> None:
        """The window closes: the job is told to stop, and given time to."""
        if self.job is not None:
            self.job.cancel()
            QThreadPool.globalInstance().waitForDone(10000)

    # -- pretranslation --------------------------------------------------------------------

    def pretranslate(self) -> None:
        window, session = self.window, self.window.session
        if session is None or self.job is not None:
            return
        window.panels.mt_timer.stop()  # no dock decode racing the job for the model
        from desktop_app.core.errors import NoModelError
        from desktop_app.core.mt.routing import choose_offline
        from desktop_app.core.pretranslate import pretranslate_file

        project = session.project
        try:  # a server is asked by the job, never on this thread
            choose_offline(project.source_lang, project.target_lang)
        except NoModelError:
            window.mt_panel.show_no_model(project.source_lang, project.target_lang)
            window.docks["mt"].show()
            show_error(window, no_model_text(project.source_lang, project.target_lang))
            return
        path = project.path

        def work(ctx: jobs.Context) -> Pretranslated:
            from desktop_app.core.session import snapshot

            report = pretranslate_file(path, cancel=ctx.cancelled, chunk=16,
                                       on_progress=lambda d, t: ctx.report((d, t)),
                                       on_rows=ctx.report)
            with jobs.building_long_lived():
                return report, snapshot(path).findings  # QA of the result, off this thread

        self.start(jobs.Op(work, key="pretranslate").success(self._pretranslated),
                   _("Translating…"))

    def _pretranslated(self, result: Pretranslated) -> None:
        report, findings = result
        window, session, model = self.window, self.window.session, self.window.model
        if model is None or session is None:
            return
        session.adopt_findings(findings)
        window.qa_panel.show_findings(session.findings)
        model.dataChanged.emit(model.index(0, 4), model.index(model.rowCount() - 1, 4))
        window.statusBar().showMessage(report.summary(), 8000)
        row = window.current_row()
        if row is not None:
            window.panels.show_mt(row)

    # -- export ----------------------------------------------------------------------------

    def ask_export(self, bilingual: bool) -> None:
        window, session = self.window, self.window.session
        if session is None:
            return
        editor = window.view.editor()
        if editor is not None:  # saved for the check; left open for the caret's return
            window.view.commitData(editor)
        if not qa_delivery.export_allowed(window):
            return
        suggestion = session.suggest_export_path(bilingual)
        path = file_dialogs.save_file(window, _("Export translation"),
                                      file_dialogs.export(session, bilingual), str(suggestion))
        if path:
            self.export_to(Path(path), bilingual=bilingual)
        window.view.open_editor()  # the open edit was saved for the export: back to typing

    def export_to(self, path: Path, *, bilingual: bool = False) -> bool:
        """Check (never over the original; count unreviewed MT and empty targets), then
        write in the background with the job's own connection."""
        from desktop_app.core.exports import export_file

        window, session = self.window, self.window.session
        window.commit_editor()
        if session is None or self.job is not None:
            return False
        try:
            warning = session.check_export(path).warning()
        except TarjumanError as exc:
            show_error(window, str(exc))
            return False
        project_path = session.project.path

        def work(ctx: jobs.Context) -> str:
            return export_file(project_path, path, bilingual=bilingual)

        def done(_kind: str) -> None:
            message = _("Exported to {path}").format(path=path)
            window.statusBar().showMessage(f"{message} — {warning}" if warning else message,
                                           15000)

        self.start(jobs.Op(work, key="export").success(done), _("Exporting…"))
        return True
