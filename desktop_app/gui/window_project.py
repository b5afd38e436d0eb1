"""Projects in and out of the window: a document or project opened (imported in a worker
process, read by a job, then shown), the session closed, and a reviewed file brought
back in through the session."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QInputDialog

from desktop_app.core import languages
from desktop_app.core.errors import TarjumanError
from desktop_app.core.session import Changes
from desktop_app.core.settings_door import remember_project
from desktop_app.gui import file_dialogs, jobs
from desktop_app.gui.dialogs.fit import fit_title
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import _, isolate, number
from desktop_app.gui.window_jobs import warm_up

if TYPE_CHECKING:
    from desktop_app.core.session import EditSession, Snapshot
    from desktop_app.gui.main_window import MainWindow


class ProjectDoor:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def open_path(self, path: Path, target: str | None = None) -> bool:
        """Open a project file, or a document: its existing project into ``target`` if
        there is one, else a new project imported in the background."""
        from desktop_app.core.background import import_job
        from desktop_app.core.session import EditSession, find_project, is_project_file, snapshot

        window = self.window
        lang = target or window.settings.default_target
        try:
            existing = path if is_project_file(path) else find_project(path, lang)
        except TarjumanError as exc:
            show_error(window, str(exc))
            return False
        if window.job is not None:
            return False

        gc.freeze()  # what lives now is not walked by the collections the job triggers

        def work(ctx: jobs.Context) -> tuple[Path, Snapshot]:
            made = existing or jobs.in_process(ctx, import_job, path, lang)  # parsing
            warm_up(lang)  # what the window needs next, loaded here rather than there
            with jobs.building_long_lived():
                return made, snapshot(made)  # read whole (and checked) here, not there

        continued = existing is not None and existing != path  # the document's project
        label = (_("Importing {name}…") if existing is None else _("Opening {name}…"))
        window.long_jobs.start(jobs.Op(work, key="import").success(
            lambda done: self._imported(EditSession.open(*done), path, continued)),
            label.format(name=isolate(path.name)))
        return True

    def _imported(self, session: EditSession, path: Path, continued: bool) -> None:
        window = self.window
        window.set_session(session)
        if continued:
            window.statusBar().showMessage(
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
            window.statusBar().showMessage(" · ".join(said), 30000)
            window.statusBar().setToolTip("\n".join(said))

    def show(self, session: EditSession) -> None:
        """Show an open session (the grid measures only the rows on screen)."""
        window = self.window
        self.close()
        window.session = session
        # Built in this turn of the event loop; its rows measured, then painted, then the
        # list of findings (thousands of lines), each in a turn of its own: one turn that
        # did it all held the window for 50 ms and more.
        window.view.setUpdatesEnabled(False)
        QTimer.singleShot(1, window.view, lambda: window.grid.reveal(
            lambda: window.qa_panel.show_findings(session.findings)
            if window.session is session else None))
        window.stack.setCurrentWidget(window.view)
        window.settings = remember_project(str(session.project.path)).settings
        window.grid.show_session(session)
        window.qa_panel.set_severity(session.qa_profile.severity)
        window.setWindowTitle(window.title())  # what the project changes; the rest of the
        window.menu.fill_recent()  # window is already in the UI's language
        window.show_status()
        window.update_enabled()
        gc.freeze()  # the open project lives long: full collections need not walk it

    def close(self) -> None:
        """The open session, if any, closed where the translator left it."""
        window = self.window
        if window.session is not None:
            window.grid.save_view()
            window.session.close()
            window.session = None

    def ask_new_project(self) -> None:
        window = self.window
        name = file_dialogs.open_file(window, _("Translate a document"), file_dialogs.documents())
        if not name:
            return
        target = self.ask_target_language()
        if target is not None:
            window.open_path(Path(name), target)

    def ask_target_language(self) -> str | None:
        """Dari or Pashto, in a dialog wide enough for its title in every UI language."""
        choices = (languages.DARI, languages.PASHTO)
        dialog = QInputDialog(self.window)
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
        name = file_dialogs.open_file(self.window, _("Open project"),
                                      _("Tarjuman projects") + " (*.tarjuman)")
        if name:
            self.window.open_path(Path(name))

    # -- review files back in --------------------------------------------------------------

    def ask_import_review(self) -> None:
        if self.window.session is None:
            return
        path = file_dialogs.open_file(self.window, _("Import review"), file_dialogs.review())
        if not path:
            return
        from desktop_app.gui.dialogs.import_review import ask_confirm_choice

        confirm = ask_confirm_choice(self.window, Path(path))
        if confirm is not None:
            self.import_review_from(Path(path), confirm=confirm)

    def import_review_from(self, path: Path, *, confirm: bool = False) -> bool:
        window, session = self.window, self.window.session
        window.commit_editor()
        if session is None:
            return False
        try:
            report = session.import_review(path, confirm=confirm)
        except TarjumanError as exc:
            show_error(window, str(exc))
            return False
        window.apply(Changes(rows=list(range(len(session.segments)))))
        window.statusBar().showMessage(report.lines()[-1], 8000)
        from desktop_app.gui.dialogs.review_report import show_review_report

        show_review_report(window, report, languages.get(session.project.target_lang).is_rtl)
        return True
