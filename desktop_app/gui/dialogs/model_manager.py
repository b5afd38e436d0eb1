"""Model manager: installed engines and pairs, install from a file, remove, download."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.core.errors import TarjumanError
from desktop_app.core.mt import argos, nllb
from desktop_app.core.mt.routing import installed_models
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
        install_dir = QPushButton(_("Install NLLB folder…"))
        install_dir.clicked.connect(self.install_nllb)
        remove = QPushButton(_("Remove"))
        remove.clicked.connect(self.remove)
        row = QHBoxLayout()
        for w in (install_file, install_dir, remove):
            row.addWidget(w)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list)
        layout.addLayout(row)
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
        name = QFileDialog.getExistingDirectory(self, _("NLLB-200 CTranslate2 model folder"))
        self._install(nllb.install, name)

    def remove(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.models):
            return
        model = self.models[row]
        try:
            (nllb if model.engine == "nllb" else argos).remove(model.id)
        except TarjumanError as exc:
            show_error(self, str(exc))
        self.refresh()
