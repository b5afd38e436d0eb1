"""QApplication set-up: bundled Arabic font, UI language and layout direction, a crash
hook that logs and shows one dialog, the main window."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop_app import APP_NAME
from desktop_app.core import languages
from desktop_app.core.logs import get_logger
from desktop_app.core.settings import Settings
from desktop_app.gui.fonts import register_arabic_font
from desktop_app.gui.i18n import _


def make_app(argv: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([APP_NAME, *argv])
    app.setApplicationName(APP_NAME)
    from desktop_app.gui import qt_words

    qt_words.install(app)  # dialog buttons in the UI language
    from desktop_app.gui import keys

    keys.install(app)  # Alt+F never types "f" into a target (nor into any field)
    # A background job running Python holds the GIL for up to the switch interval each
    # time the GUI thread comes back from Qt: a short interval keeps the window fluid.
    sys.setswitchinterval(0.0005)
    family = register_arabic_font()
    if family:
        font = QFont(app.font())
        font.setFamilies([app.font().family(), family])
        app.setFont(font)
    return app


def apply_ui_language(app: QApplication, code: str) -> None:
    try:
        lang = languages.set_ui_language(code)
    except Exception:
        lang = languages.set_ui_language("en")
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang.is_rtl
                           else Qt.LayoutDirection.LeftToRight)
    from desktop_app.gui import qt_words

    qt_words.follow_language()  # Qt's own dialogs where native ones would stay English


def crash_hook(kind: type[BaseException], value: BaseException,
               tb: TracebackType | None) -> None:
    """Unexpected errors: the traceback to the log, one line to the user."""
    get_logger("crash").error("unhandled error\n%s",
                              "".join(traceback.format_exception(kind, value, tb)))
    from desktop_app.gui.dialogs.messages import show_error

    show_error(None, _("{error}\n(details in the log file)").format(
        error=f"{kind.__name__}: {value}"))


def run_gui(argv: Sequence[str] = (), open_file: Path | None = None) -> int:
    from desktop_app.gui.main_window import MainWindow
    from desktop_app.gui.signals import close_on_terminate

    app = make_app(argv)
    apply_ui_language(app, Settings.load().ui_language)
    sys.excepthook = crash_hook
    window = MainWindow()
    close_on_terminate(window)
    window.show()
    if open_file is not None:
        window.open_path(open_file)
    code: int = app.exec()
    return code
