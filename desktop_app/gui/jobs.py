"""One helper for background work (QThreadPool): success, failure and progress come back
to the GUI thread as signals. The work function gets ``progress(done, total)`` and
``cancelled()`` callbacks; it must open its own SQLite connections."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop_app.core.errors import TarjumanError
from desktop_app.core.logs import get_logger


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)
    finished = Signal()


class Job(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]):
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit, self._cancel.is_set)
        except TarjumanError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # shown as one dialog line; details in the log
            get_logger("jobs").error("background job failed\n%s", traceback.format_exc())
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


def start(work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any], *,
          on_success: Callable[[Any], None] | None = None,
          on_failure: Callable[[str], None] | None = None,
          on_progress: Callable[[int, int], None] | None = None,
          on_finished: Callable[[], None] | None = None) -> Job:
    job = Job(work)
    if on_success:
        job.signals.succeeded.connect(on_success)
    if on_failure:
        job.signals.failed.connect(on_failure)
    if on_progress:
        job.signals.progress.connect(on_progress)
    if on_finished:
        job.signals.finished.connect(on_finished)
    QThreadPool.globalInstance().start(job)
    return job
