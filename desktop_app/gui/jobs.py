"""One helper for background work (QThreadPool), in the spirit of Anki's ``QueryOp``:

    Op(work, key="mt").success(show).failure(report).progress(tick).run()

``work(ctx)`` runs on a pool thread with ``ctx.report(value)`` (progress, any object) and
``ctx.cancelled()``; it must open its own SQLite connections. Success gets the typed
result, failure the exception object; both come back on the GUI thread. Starting an op
with the same ``key`` cancels the older one, whose result is then dropped (a stale MT
decode for a segment the translator has already left never lands).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeAlias, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop_app.core.errors import TarjumanError
from desktop_app.core.logs import get_logger

T = TypeVar("T")
_running: dict[str, Op[Any]] = {}


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(object)
    finished = Signal()


class Context:
    """What the work function sees: report progress, ask whether to stop."""

    def __init__(self, signals: _Signals, event: threading.Event):
        self._signals = signals
        self._event = event

    def report(self, value: object) -> None:
        try:
            self._signals.progress.emit(value)
        except RuntimeError:  # the window closed under a running job: stop it
            self._event.set()

    def cancelled(self) -> bool:
        return self._event.is_set()


def message(exc: BaseException) -> str:
    """One line for a dialog: the core's own message, or the type and text of a bug."""
    return str(exc) if isinstance(exc, TarjumanError) else f"{type(exc).__name__}: {exc}"


class Op(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[Context], T], *, key: str | None = None):
        super().__init__()
        self.work = work
        self.key = key
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.context = Context(self.signals, self._cancel)
        self.setAutoDelete(False)
        self.signals.finished.connect(self._forget)

    def success(self, fn: Callable[[T], object]) -> Op[T]:
        self.signals.succeeded.connect(lambda result: None if self.cancelled else fn(result))
        return self

    def failure(self, fn: Callable[[BaseException], object]) -> Op[T]:
        self.signals.failed.connect(fn)
        return self

    def progress(self, fn: Callable[[Any], object]) -> Op[T]:
        self.signals.progress.connect(lambda value: None if self.cancelled else fn(value))
        return self

    def finished(self, fn: Callable[[], object]) -> Op[T]:
        self.signals.finished.connect(fn)
        return self

    def run_in_background(self) -> Op[T]:
        if self.key is not None:
            older = _running.get(self.key)
            if older is not None:
                older.cancel()
            _running[self.key] = self
        QThreadPool.globalInstance().start(self)
        return self

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _forget(self) -> None:
        if self.key is not None and _running.get(self.key) is self:
            del _running[self.key]

    def run(self) -> None:  # on the pool thread
        try:
            result = self.work(self.context)
        except Exception as exc:
            if not isinstance(exc, TarjumanError):
                get_logger("jobs").error("background job failed\n%s", traceback.format_exc())
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.succeeded, result)
        finally:
            self._emit(self.signals.finished)

    def _emit(self, signal: Any, *args: Any) -> None:
        """Tell the window; a window already closed (the app quitting while a job ends)
        has nobody left to tell."""
        try:
            signal.emit(*args)
        except RuntimeError:
            self.cancel()


Job: TypeAlias = "Op[Any]"  # the type older callers name


def start(work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any], *,
          on_success: Callable[[Any], None] | None = None,
          on_failure: Callable[[str], None] | None = None,
          on_progress: Callable[[int, int], None] | None = None,
          on_finished: Callable[[], None] | None = None, key: str | None = None) -> Op[Any]:
    """The older call style: work(progress(done, total), cancelled); failure as a line."""
    op: Op[Any] = Op(lambda ctx: work(lambda done, total: ctx.report((done, total)),
                                      ctx.cancelled), key=key)
    if on_success:
        op.success(on_success)
    if on_failure:
        op.failure(lambda exc: on_failure(message(exc)))
    if on_progress:
        op.progress(lambda value: on_progress(*value))
    if on_finished:
        op.finished(on_finished)
    return op.run_in_background()
