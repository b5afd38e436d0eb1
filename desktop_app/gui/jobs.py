"""One helper for background work (QThreadPool), in the spirit of Anki's ``QueryOp``:

    Op(work, key="mt").success(show).failure(report).progress(tick).run_in_background()

``work(ctx)`` runs on a pool thread with ``ctx.report(value)`` (progress, any object) and
``ctx.cancelled()``; it must open its own SQLite connections. Success gets the typed
result, failure the exception object; both come back on the GUI thread. Starting an op
with the same ``key`` cancels the older one, whose result is then dropped (a stale MT
decode for a segment the translator has already left never lands).

Heavy work that needs no model (importing a document) runs in a worker process from
inside an op:
``jobs.in_process(ctx, fn, *args)`` calls ``fn(child_ctx, *args)`` there, forwards its
reports, passes on a cancel and returns its result or raises its exception. A thread
holding the interpreter lock in C code (sentence splitting, XML parsing, tokenization)
would freeze the window for tens of milliseconds at a time; a process cannot.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import queue
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop_app.core.errors import TarjumanError, describe_os_error
from desktop_app.core.logs import get_logger
from desktop_app.core.mt.engine import Cancelled
from desktop_app.gui.i18n import _

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


BACKGROUND_NICE = 5  # how much lower than the window's thread background work runs


def yield_to_window() -> None:
    """Lower the calling thread's CPU priority (Linux nice values are per thread, and
    threads it starts inherit it: CTranslate2's decoding threads, when a job loads the
    model). On a busy two-core machine the window's thread then gets the CPU first and
    stays fluid; alone, background work runs at full speed. Once per thread."""
    if getattr(_lowered, "done", False) or not hasattr(os, "setpriority"):
        return
    _lowered.done = True
    try:
        tid = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, tid)
        if current < BACKGROUND_NICE:
            os.setpriority(os.PRIO_PROCESS, tid, BACKGROUND_NICE)
    except OSError:
        pass  # a platform that does not allow it: background work just runs as before


_lowered = threading.local()
_pause_lock = threading.Lock()
_pauses = [0, True]  # how many jobs build now; whether collection was on before the first


@contextlib.contextmanager
def building_long_lived() -> Iterator[None]:
    """Around a job's building of a large object graph the window keeps (a project read
    whole: some 500,000 objects at 10,000 segments with their QA findings). Python's cyclic
    collector would walk that graph again and again while it grows, each full collection
    holding the interpreter lock for 100-300 ms of CPU, during which the window's thread
    cannot run. Automatic collection is paused meanwhile; what was built is then frozen out
    of later collections (as the window freezes what it keeps) and collection resumes.
    Reference counting frees the graph as usual once it is dropped; cyclic garbage made
    meanwhile stays, so this goes around building, never around long work."""
    with _pause_lock:
        if _pauses[0] == 0:
            _pauses[1] = gc.isenabled()
            gc.disable()
        _pauses[0] += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses[0] -= 1
            if _pauses[0] == 0:
                gc.freeze()
                if _pauses[1]:
                    gc.enable()


def message(exc: BaseException) -> str:
    """One line for a dialog: the core's own message, a failed file operation in the UI
    language, or the type and text of a bug."""
    if isinstance(exc, TarjumanError):
        return str(exc)
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    return f"{type(exc).__name__}: {exc}"


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

    def progress(self, fn: Callable[[Any], object], *, after_cancel: bool = False) -> Op[T]:
        """``after_cancel``: keep reporting while a cancelled job winds down (what it
        wrote before it stopped must still reach the window)."""
        self.signals.progress.connect(
            lambda value: fn(value) if after_cancel or not self.cancelled else None)
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
        yield_to_window()
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


# -- work in a worker process -------------------------------------------------------------

# What the worker processes import once, in the fork server, before any job: forking from
# it is fast, and never from the GUI process. No MT library is among them (CTranslate2
# hangs in a forked child of a process that has used it).
PRELOAD = ["desktop_app.core.session", "desktop_app.core.documents.registry",
           "desktop_app.core.background"]
GRACE = 10.0  # seconds a cancelled worker gets to stop by itself before it is ended
_POLL = 0.05


def _processes() -> Any:
    mp = multiprocessing.get_context("forkserver")
    mp.set_forkserver_preload(PRELOAD)
    return mp


def start_workers() -> None:
    """Start the fork server (a fresh interpreter importing ``PRELOAD``) in the
    background, so the first import does not wait for it."""
    from multiprocessing import forkserver

    _processes()
    threading.Thread(target=forkserver.ensure_running, daemon=True).start()


class _ChildContext:
    """``Context`` inside the worker process: reports go over a queue, cancel is an Event."""

    def __init__(self, out: Any, stop: Any):
        self._out = out
        self._stop = stop

    def report(self, value: object) -> None:
        self._out.put(("report", value))

    def cancelled(self) -> bool:
        return bool(self._stop.is_set())


def _portable(exc: BaseException) -> BaseException:
    """The exception itself if it survives the trip between processes, else its message."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return (TarjumanError(str(exc)) if isinstance(exc, TarjumanError)
                else RuntimeError(message(exc)))
    return exc


def _child(fn: Callable[..., Any], args: tuple[Any, ...], env: dict[str, str], cwd: str,
           ui_language: str, out: Any, stop: Any) -> None:  # in the worker process
    from desktop_app.core import languages

    os.environ.clear()
    os.environ.update(env)  # the data folders and settings of the window that started it
    os.chdir(cwd)
    yield_to_window()
    languages.set_ui_language(ui_language)
    try:
        result = fn(_ChildContext(out, stop), *args)
    except Exception as exc:
        if not isinstance(exc, TarjumanError):
            get_logger("jobs").error("background process failed\n%s", traceback.format_exc())
        out.put(("failed", _portable(exc)))
    else:
        out.put(("done", result))


def in_process(ctx: Context, fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(child_ctx, *args)`` in a worker process (``fn`` and the arguments must
    pickle: a module-level function of the core). Called from an op's work, on its pool
    thread: reports reach ``ctx``, a cancel of the op reaches the worker, and the worker's
    result is returned or its exception raised here."""
    from desktop_app.core import languages

    mp = _processes()
    out = mp.Queue()
    stop = mp.Event()
    process = mp.Process(target=_child, daemon=True, args=(
        fn, args, dict(os.environ), os.getcwd(), languages.ui_language(), out, stop))
    process.start()
    cancelled_at: float | None = None
    try:
        while True:
            if ctx.cancelled() and cancelled_at is None:
                stop.set()
                cancelled_at = time.monotonic()
            try:
                kind, value = out.get(timeout=_POLL)
            except queue.Empty:
                if cancelled_at is not None and time.monotonic() - cancelled_at > GRACE:
                    raise Cancelled(_("Cancelled.")) from None
                if not process.is_alive():
                    try:
                        kind, value = out.get(timeout=1.0)  # the last words, if any
                    except queue.Empty:
                        raise RuntimeError(_("The background process stopped unexpectedly "
                                             "(exit code {code}).").format(
                            code=process.exitcode)) from None
                else:
                    continue
            if kind == "report":
                ctx.report(value)
            elif kind == "failed":
                raise value
            else:
                result: T = value
                return result
    finally:
        _reap(process, stop)
        out.close()
        out.cancel_join_thread()
        del process, out, stop
        # The queue and the event are semaphores held in reference cycles: collect them
        # now (the window freezes long-lived objects out of collections, which would keep
        # them, and their semaphores, until exit). Only what lives since the last freeze
        # is walked, so this is short.
        gc.collect()


def _reap(process: Any, stop: Any) -> None:
    """The worker is done, or is told to stop and, if it does not, ended (SQLite keeps
    the project whole either way: each batch is one transaction)."""
    stop.set()
    process.join(timeout=GRACE if process.is_alive() else None)
    if process.is_alive():
        process.terminate()
        process.join(timeout=GRACE)
        if process.is_alive():
            process.kill()
            process.join()
    process.close()
