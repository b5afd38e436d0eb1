"""The main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow

from desktop_app import APP_NAME, __version__
from desktop_app.core.mt.routing import installed_models


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 700)
        models = installed_models()
        status = (f"{len(models)} model(s) installed" if models else
                  "No translation model installed: tarjuman models install PATH")
        label = QLabel(f"<h1>{APP_NAME}</h1><p>Offline translation workbench for Dari "
                       f"(دری) and Pashto (پښتو) — version {__version__}</p><p>{status}</p>")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        self.statusBar().showMessage(status)
