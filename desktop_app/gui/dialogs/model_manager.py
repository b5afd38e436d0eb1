"""Model manager: installed engines and pairs, install from a file, remove, download."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.core.errors import TarjumanError
from desktop_app.core.mt import argos, registry
from desktop_app.core.mt.routing import installed_models
from desktop_app.gui import jobs
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import N_, _

MODELS_NOTE = N_("Models are installed from files; nothing is downloaded unless you ask. "
                 "NLLB-200 weights are CC-BY-NC-4.0 and supplied by you.")


class ModelManager(QDialog):
    def __init__(self, parent: object = None):
        super().__init__(parent)  # type: ignore[arg-type]
        self.setWindowTitle(_("Translation models"))
        self.resize(640, 360)
        self.list = QListWidget()
        note = QLabel(_(MODELS_NOTE))
        note.setWordWrap(True)
        install_file = QPushButton(_("Install .argosmodel…"))
        install_file.clicked.connect(self.install_argos)
        install_dir = QPushButton(_("Install model folder…"))
        install_dir.clicked.connect(self.install_nllb)
        remove = QPushButton(_("Remove"))
        remove.clicked.connect(self.remove)
        download = QPushButton(_("Download (online)…"))
        download.clicked.connect(self.download)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        row = QHBoxLayout()
        for w in (install_file, install_dir, remove, download):
            row.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        self.job: jobs.Job | None = None
        self.models = installed_models()
        self.refresh()

    def refresh(self) -> None:
        self.models = installed_models()
        self.list.clear()
        for m in self.models:
            pairs = ", ".join(f"{a}→{b}" for a, b in m.pairs)
            self.list.addItem(f"{m.id}  [{m.engine} {m.version}]  {pairs}")
        if not self.models:
            self.list.addItem(_("No model installed."))

    def _install(self, action: object, path: str) -> None:
        if not path:
            return
        try:
            action(Path(path))  # type: ignore[operator]
        except TarjumanError as exc:
            show_error(self, str(exc))
        self.refresh()

    def install_argos(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Install model"), "",
                                                    "Argos (*.argosmodel)")
        self._install(argos.install, name)

    def install_nllb(self) -> None:
        name = QFileDialog.getExistingDirectory(self, _("CTranslate2 model folder"))
        self._install(lambda path: registry.for_path(path).install(path), name)

    def download(self) -> None:
        """Only on request: fetch an Argos package from its index, with progress."""
        pairs = ["en → fa (Persian, for Dari)", "fa → en"]
        choice, ok = QInputDialog.getItem(self, _("Download (online)…"), _("Package:"), pairs,
                                          0, False)
        if not ok or self.job is not None:
            return
        source, target = ("en", "fa") if choice == pairs[0] else ("fa", "en")

        def work(progress: Any, cancelled: Any) -> Any:
            from desktop_app.core.mt import online

            return online.download(source, target, on_bytes=lambda n: progress(n, 0))

        def finished() -> None:
            self.job = None
            self.progress.setVisible(False)
            self.refresh()

        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.job = jobs.start(work, on_failure=lambda m: show_error(self, m),
                              on_progress=lambda n, _t: self.progress.setFormat(
                                  f"{n / 1e6:.1f} MB"),
                              on_finished=finished)

    def remove(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.models):
            return
        model = self.models[row]
        try:
            registry.get(model.engine).remove(model.id)
        except TarjumanError as exc:
            show_error(self, str(exc))
        self.refresh()
