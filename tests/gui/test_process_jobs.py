"""Importing a document runs in a worker process: the window's thread and the worker's
interpreter lock never meet. A failure in the worker reaches the window as its
exception, shown in a dialog. Pretranslation stays on a thread of the window's process
(one loaded model, shared with the MT dock); a cancel there shows exactly what the
project holds."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.background import import_job
from desktop_app.core.errors import InputError
from desktop_app.core.mt import argos
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from desktop_app.gui import jobs, window_jobs
from desktop_app.gui.main_window import MainWindow
from tests.gui.test_daily_loop import article, open_doc, window  # noqa: F401


def _ids(report: object) -> list[int]:
    return report if isinstance(report, list) else []


def test_import_runs_in_another_process_and_pretranslation_shares_the_window_model(
        window: MainWindow, qtbot, tiny_argos: Path, tmp_path: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    argos.install(tiny_argos)
    calls: list[str] = []
    real = jobs.in_process

    def spy(ctx: jobs.Context, fn: Any, *args: Any) -> Any:
        calls.append(fn.__name__)
        return real(ctx, fn, *args)

    monkeypatch.setattr(jobs, "in_process", spy)
    open_doc(window, qtbot, article(tmp_path, "One.\n\nTwo.\n\nThree.\n"))
    assert [s.source for s in window.session.segments] == ["One.", "Two.", "Three."]
    pids: list[int] = []
    op = jobs.Op(lambda ctx: jobs.in_process(ctx, _pid))
    op.success(pids.append).run_in_background()
    qtbot.waitUntil(lambda: bool(pids), timeout=20_000)
    assert pids[0] != os.getpid()
    window.pretranslate()
    rows: list[int] = []
    window.job.progress(lambda value: rows.extend(_ids(value)))
    qtbot.waitUntil(lambda: window.job is None, timeout=60_000)
    assert {s.status for s in window.session.segments} == {Status.MT}
    assert sorted(rows) == sorted(s.id for s in window.session.segments)
    assert not multiprocessing.active_children()
    assert calls == ["import_job", "_pid"]  # pretranslation: on a thread, here


def _pid(ctx: object) -> int:
    return os.getpid()


def test_a_cancelled_pretranslation_stops_and_the_window_matches_the_project(
        window: MainWindow, qtbot, tiny_argos: Path, tmp_path: Path) -> None:  # noqa: F811
    argos.install(tiny_argos)
    text = "\n\n".join(f"The valley held in year {n}. Massoud spoke." for n in range(300))
    open_doc(window, qtbot, article(tmp_path, text))
    total = len(window.session.segments)
    window.pretranslate()
    qtbot.waitUntil(lambda: any(s.target for s in window.session.segments), timeout=60_000)
    window.cancel_job()
    qtbot.waitUntil(lambda: window.job is None, timeout=30_000)
    assert not multiprocessing.active_children()  # the worker is gone
    with Project.open(window.session.project.path) as project:
        stored = {s.id: (s.target, s.status) for s in project.segments()}
    shown = {s.id: (s.target, s.status) for s in window.session.segments}
    assert shown == stored  # every batch written before the stop is on screen
    filled = [sid for sid, (target, _status) in stored.items() if target]
    assert 0 < len(filled) < total
    assert all(stored[sid][1] == Status.MT for sid in filled)
    assert all(status == Status.NEW for target, status in stored.values() if not target)
    window.pretranslate()  # and the next run finishes the job
    qtbot.waitUntil(lambda: window.job is None, timeout=120_000)
    assert all(s.target for s in window.session.segments)


def test_a_failure_in_the_worker_reaches_the_window_as_a_dialog(
        window: MainWindow, qtbot, tmp_path: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window_jobs, "show_error", lambda parent, text: shown.append(text))
    broken = tmp_path / "report.docx"
    broken.write_bytes(b"PK\x03\x04 not really a Word document")
    assert window.open_path(broken, "dari")
    qtbot.waitUntil(lambda: window.job is None, timeout=20_000)
    assert window.session is None
    assert len(shown) == 1 and "report.docx" in shown[0]
    assert not list(tmp_path.glob("*.tarjuman"))  # nothing half-written


def test_the_worker_exception_object_comes_back(qtbot, tmp_path: Path) -> None:
    failures: list[BaseException] = []
    op = jobs.Op(lambda ctx: jobs.in_process(ctx, import_job, tmp_path / "none.docx", "dari"))
    op.failure(failures.append).run_in_background()
    qtbot.waitUntil(lambda: bool(failures), timeout=20_000)
    assert isinstance(failures[0], InputError)
    assert "none.docx" in str(failures[0])


def test_a_failed_file_operation_in_a_job_is_said_in_the_ui_language() -> None:
    import errno

    from desktop_app.core import languages

    denied = PermissionError(errno.EACCES, "Permission denied", "/srv/report.docx")
    assert jobs.message(denied) == "permission denied: /srv/report.docx"
    languages.set_ui_language("prs")
    try:
        said = jobs.message(denied)
    finally:
        languages.set_ui_language("en")
    assert "/srv/report.docx" in said and "permission" not in said.lower()
    assert "PermissionError" not in said


def test_background_work_yields_the_cpu_to_the_window(qtbot) -> None:
    import threading

    def niceness(ctx: jobs.Context) -> tuple[int, int]:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id()), os.getpid()

    found: list[tuple[int, int]] = []
    jobs.Op(niceness).success(found.append).run_in_background()
    qtbot.waitUntil(lambda: bool(found), timeout=10_000)
    window_nice = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert found[0][0] >= jobs.BACKGROUND_NICE
    assert window_nice < jobs.BACKGROUND_NICE  # the window's own thread is untouched
    assert found[0][1] == os.getpid()  # a thread of this process, not the process lowered
    in_worker: list[int] = []
    op = jobs.Op(lambda ctx: jobs.in_process(ctx, _niceness))
    op.success(in_worker.append).run_in_background()
    qtbot.waitUntil(lambda: bool(in_worker), timeout=20_000)
    assert in_worker[0] >= jobs.BACKGROUND_NICE


def _niceness(ctx: object) -> int:
    return os.getpriority(os.PRIO_PROCESS, 0)


def test_the_workers_semaphores_are_freed_when_it_ends(
        window: MainWindow, qtbot, tmp_path: Path) -> None:  # noqa: F811
    """The window freezes its long-lived objects out of garbage collection; the import
    worker's queue and event (semaphores) must not be caught in that: they would live,
    and their semaphores leak, until exit (with a warning on the terminal)."""
    import gc
    import multiprocessing.synchronize as sync
    from multiprocessing.queues import Queue

    open_doc(window, qtbot, article(tmp_path, "One.\n\nTwo.\n"))
    gc.unfreeze()  # what the window froze is walked again here
    left = [o for o in gc.get_objects() if isinstance(o, (Queue, sync.SemLock, sync.Event))]
    assert not left
