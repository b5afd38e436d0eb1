"""Model manager: installed models (and where they run), install from a file or folder,
remove (after asking), choose; the catalog with sizes, licences and quality, downloaded on
request as a background job with progress and cancel. Installing from a file or folder
(unpack, validate, test-translate) is a background job too, with a busy bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.core.errors import TarjumanError
from desktop_app.core.mt import catalog, registry
from desktop_app.core.mt.hardware import plan
from desktop_app.core.mt.routing import installed_models
from desktop_app.core.settings import Settings
from desktop_app.core.settings_door import change_settings
from desktop_app.gui import file_dialogs, jobs
from desktop_app.gui.dialogs.messages import ask, show_error
from desktop_app.gui.i18n import N_, Joined, _, isolate, number, shown_number

MODELS_NOTE = N_("Models are installed from files; nothing is downloaded unless you ask. "
                 "NLLB-200 weights are CC-BY-NC-4.0 (non-commercial); MADLAD-400 is "
                 "Apache-2.0.")
KB = 1024
LICENCE = 3  # the catalog's licence column
# catalog licences with words in them, shown in the UI language
LICENCE_WORDS = (N_("CC0-1.0 / MIT (see the package README)"),)



class ModelManager(QDialog):
    def __init__(self, parent: object = None):
        super().__init__(parent)  # type: ignore[arg-type]
        self.setWindowTitle(_("Translation models"))
        self.resize(900, 620)
        note = QLabel(_(MODELS_NOTE))
        note.setWordWrap(True)
        self.device = QLabel()
        self.list = QListWidget()
        self.list.setMaximumHeight(130)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([_("Model"), _("Languages"), _("Size"),
                                              _("Licence"), _("Quality (chrF++)"), _("Status")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # the licence takes what is left (elided; the tooltip has the summary): every
        # column, the status last, stays in sight without a horizontal scrollbar
        header.setSectionResizeMode(LICENCE, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.download_button = QPushButton(_("Download (online)…"))
        self.download_button.clicked.connect(self.download)
        self.cancel_button = QPushButton(_("Cancel download"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        installed_row = QHBoxLayout()
        self.installed_buttons: list[QPushButton] = []
        for label, slot in ((_("Install .argosmodel…"), self.install_file),
                            (_("Install model folder…"), self.install_folder),
                            (_("Use for translation"), self.use),
                            (_("Remove"), self.remove)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            installed_row.addWidget(button)
            self.installed_buttons.append(button)
        catalog_row = QHBoxLayout()
        catalog_row.addWidget(self.download_button)
        catalog_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.device)
        layout.addWidget(QLabel(_("Installed")))
        layout.addWidget(self.list)
        layout.addLayout(installed_row)
        layout.addWidget(QLabel(_("Catalog")))
        layout.addWidget(self.table)
        layout.addLayout(catalog_row)
        layout.addWidget(self.progress)
        self.job: jobs.Op[Any] | None = None
        self.entries = catalog.load()
        self.models = installed_models()
        self.refresh()

    def refresh(self) -> None:
        settings = Settings.load()
        runs_on = plan(settings.intra_threads, settings.inter_threads, settings.mt_device)
        self.device.setText(_("Runs on: {device}").format(device=isolate(runs_on.describe())))
        self.models = installed_models()
        self.list.clear()
        for m in self.models:
            pairs = ", ".join(f"{a}→{b}" for a, b in m.pairs)
            chosen = "★ " if m.id == settings.mt_model else ""
            self.list.addItem(f"{chosen}{m.id}  [{m.engine} {m.version}]  {pairs}  "
                              f"{m.size_bytes / 1e6:.0f} MB  {_(m.license_note)}")
        if not self.models:
            self.list.addItem(_("No model installed."))
        have = {m.catalog_id or m.id for m in self.models}
        self.table.setRowCount(len(self.entries))
        self.table.setVerticalHeaderLabels([number(n + 1) for n in range(len(self.entries))])
        for row, e in enumerate(self.entries):
            quality = str(Joined(", ", (isolate(f"{k} {shown_number(f'{v:g}')}")
                                        for k, v in e.chrf.items()))) or "—"
            status = _("installed") if e.id in have else ""
            size = _("{size} GB").format(size=shown_number(f"{e.size_bytes / 1e9:.1f}"))
            for col, text in enumerate((e.title, ", ".join(e.languages), size,
                                        _(e.license), quality, status)):
                item = QTableWidgetItem(text)
                item.setToolTip(e.license_summary)
                self.table.setItem(row, col, item)

    def _install(self, path: str, kind: str) -> None:
        """Unpacking, validating and test-translating take seconds: a job, never inline."""
        if not path or self.job is not None:
            return
        target = Path(path)

        def work(ctx: jobs.Context) -> object:
            backend = registry.get("argos") if kind == "argos" else registry.for_path(target)
            return backend.install(target)

        def finished() -> None:
            self.job = None
            self._set_busy(False)
            self.refresh()

        self._set_busy(True, _("Installing {name}…").format(name=target.name))
        self.job = jobs.Op(work).failure(
            lambda exc: show_error(self, jobs.message(exc))).finished(finished)
        self.job.run_in_background()

    def _set_busy(self, busy: bool, label: str = "") -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.progress.setFormat(label)
        self.progress.setTextVisible(True)
        for button in (*self.installed_buttons, self.download_button):
            button.setEnabled(not busy)

    def reject(self) -> None:
        """An install cannot stop half-way: the dialog stays until it ends."""
        if self.job is not None and not self.cancel_button.isEnabled():
            return
        super().reject()

    def install_file(self) -> None:
        name = file_dialogs.open_file(self, _("Install model"), file_dialogs.models())
        self._install(name, "argos" if name.endswith(".argosmodel") else "")

    def install_folder(self) -> None:
        self._install(QFileDialog.getExistingDirectory(self, _("CTranslate2 model folder")), "")

    def _selected_model(self) -> Any:
        row = self.list.currentRow()
        return self.models[row] if 0 <= row < len(self.models) else None

    def use(self) -> None:
        model = self._selected_model()
        if model is None:
            return
        chosen = Settings.load().mt_model
        change_settings(mt_model="" if chosen == model.id else model.id)
        self.refresh()

    def remove(self) -> None:
        model = self._selected_model()
        if model is None or self.job is not None:
            return
        question = _("Remove {model} ({size} MB)? Installing it again needs its file or a "
                     "download.").format(model=isolate(model.id),
                                             size=isolate(f"{model.size_bytes / 1e6:.0f}"))
        if not ask(self, _("Remove model"), question):
            return
        try:
            registry.get(model.engine).remove(model.id)
        except TarjumanError as exc:
            show_error(self, str(exc))
        self.refresh()

    def download(self) -> None:
        """Only on request: the licence first, then a background job with progress."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries) or self.job is not None:
            return
        entry = self.entries[row]
        question = _("{title} is under {licence}.\n{summary}\n\nDownload {size} and accept "
                     "this licence?").format(title=isolate(entry.title),
                                             licence=isolate(entry.license),
                                             summary=entry.license_summary,
                                             size=isolate(f"{entry.size_bytes / 1e9:.1f} GB"))
        if not ask(self, _("Download (online)…"), question):
            return
        self.start_download(entry)

    def start_download(self, entry: catalog.Entry) -> None:
        def work(ctx: jobs.Context) -> Any:
            from desktop_app.core.mt import downloads

            return downloads.download(entry, accept=True, cancel=ctx.cancelled,
                                      on_progress=lambda d, t: ctx.report((d // KB, t // KB)))

        def shown(done: int, total: int) -> None:
            self.progress.setRange(0, max(1, total))
            self.progress.setValue(done)
            self.progress.setFormat(f"{entry.id}: {done / KB:.1f} / {total / KB:.1f} MB")

        def finished() -> None:
            cancelled = self.job is not None and self.job.cancelled
            self.job = None
            self.progress.setVisible(False)
            self.cancel_button.setEnabled(False)
            self.download_button.setEnabled(True)
            if not cancelled:
                self.refresh()

        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.download_button.setEnabled(False)
        def failed(exc: BaseException) -> None:
            if self.job is not None and self.job.cancelled:
                self.device.setText(_("Download cancelled; it resumes where it stopped."))
            else:
                show_error(self, jobs.message(exc))

        self.job = jobs.Op(work).failure(failed).progress(lambda value: shown(*value)).finished(
            finished)
        self.job.run_in_background()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
