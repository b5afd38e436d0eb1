"""QApplication set-up: fonts, layout direction, crash hook, main window."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop_app import APP_NAME
from desktop_app.gui.fonts import register_arabic_font


def make_app(argv: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([APP_NAME, *argv])
    app.setApplicationName(APP_NAME)
    family = register_arabic_font()
    if family:
        font = QFont(app.font())
        font.setFamilies([app.font().family(), family])
        app.setFont(font)
    return app


def run_gui(argv: Sequence[str] = ()) -> int:
    from desktop_app.gui.main_window import MainWindow

    app = make_app(argv)
    window = MainWindow()
    window.show()
    code: int = app.exec()
    sys.stdout.flush()
    return code
