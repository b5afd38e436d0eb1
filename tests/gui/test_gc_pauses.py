"""A project read whole by a background job (some 500,000 objects at 10,000 segments with
their findings) is built with Python's cyclic collector paused and then frozen out of it:
a full collection walking that graph holds the interpreter lock, and the window's thread
waited 270-850 ms for it while a project was reopened or pretranslated."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core import session as core_session
from desktop_app.core.session import EditSession
from desktop_app.gui import jobs
from desktop_app.gui.app import make_app
from desktop_app.gui.main_window import MainWindow


def test_collection_is_paused_while_building_and_what_was_built_is_frozen() -> None:
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with jobs.building_long_lived():
        assert not gc.isenabled()
        built = [[n] for n in range(5000)]  # tracked containers, as a snapshot's
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(built)
    assert not any(o is built for o in gc.get_objects())  # no collection walks it now


def test_overlapping_builds_resume_collection_only_when_the_last_ends() -> None:
    first_in, second_out = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other() -> None:
        with jobs.building_long_lived():
            first_in.set()
            second_out.wait(5)
        seen.append(gc.isenabled())

    thread = threading.Thread(target=other)
    thread.start()
    assert first_in.wait(5)
    with jobs.building_long_lived():
        pass
    assert not gc.isenabled()  # the other job still builds
    second_out.set()
    thread.join(5)
    assert seen == [True] and gc.isenabled()


def test_a_collector_turned_off_before_stays_off() -> None:
    gc.disable()
    try:
        with jobs.building_long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_window_reads_a_project_with_collection_paused(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = tmp_path / "a.txt"
    document.write_text("One sentence here. Another one there.\n\nA second paragraph.\n",
                        "utf-8")
    EditSession.from_document(document, "dari", path=tmp_path / "a.tarjuman").close()
    states: list[bool] = []
    real = core_session.snapshot

    def spy(path: Path) -> Any:
        states.append(gc.isenabled())
        found = real(path)
        states.append(gc.isenabled())
        return found

    monkeypatch.setattr(core_session, "snapshot", spy)
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(tmp_path / "a.tarjuman")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None,
                    timeout=20_000)
    assert states == [False, False]  # read with the collector paused
    assert gc.isenabled()  # and on again once it was read
    window.close()
