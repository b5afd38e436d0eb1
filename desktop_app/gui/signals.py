"""A logout or ``kill`` (SIGTERM, SIGHUP) closes the editor the way Ctrl+Q does: the open
edit is saved, the view remembered, the project closed. Python runs signal handlers only
between bytecodes, so a light timer hands control back to it while Qt's loop waits."""

from __future__ import annotations

import signal
from collections.abc import Callable
from types import FrameType

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
                if s is not None)


def close_on_terminate(window: QMainWindow) -> Callable[[], None]:
    """Install the handlers; returns a function that puts the old ones back."""
    previous = {sig: signal.getsignal(sig) for sig in SIGNALS}

    def handler(_signum: int, _frame: FrameType | None) -> None:
        def close() -> None:
            window.close()
            app = QApplication.instance()
            if app is not None:
                app.quit()

        QTimer.singleShot(0, close)

    for sig in SIGNALS:
        signal.signal(sig, handler)
    wake = QTimer(window)
    wake.setObjectName("signal-wake")
    wake.timeout.connect(lambda: None)
    wake.start(200)

    def restore() -> None:
        wake.stop()
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore
