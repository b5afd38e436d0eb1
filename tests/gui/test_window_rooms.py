"""The window and its rooms, through the real window: a project opened after another is
looked up once per row change (not once per project opened so far), closing the window
keeps the row for next time, a find dialog outlives its project, and a team sync asked
for during one runs once more after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.session import EditSession
from desktop_app.gui.main_window import MainWindow
from tests.gui.conftest import docks_follow, shown_window


def _session(tmp_path: Path, name: str, lines: int) -> EditSession:
    doc = tmp_path / f"{name}.txt"
    doc.write_text("\n\n".join(f"{name} line {n} is here." for n in range(lines)) + "\n",
                   encoding="utf-8")
    return EditSession.from_document(doc, "dari", path=tmp_path / f"{name}.tarjuman")


def test_each_row_change_is_looked_up_once_however_many_projects_were_opened(
        qtbot, tmp_path: Path) -> None:
    window: MainWindow = shown_window(qtbot)
    for name in ("first", "second", "third"):
        window.set_session(_session(tmp_path, name, 6))
    session = window.session
    assert session is not None and session.segments[0].source.startswith("third")
    looked: list[int] = []
    offers = session.offers  # asked for the glossary dock's row only (the grid paints hits)

    def counted(row: int) -> list:  # type: ignore[type-arg]
        looked.append(row)
        return offers(row)

    session.offers = counted  # type: ignore[method-assign]
    window.go_to_row(4, edit=False)
    docks_follow(qtbot, window)
    window.go_to_row(2, edit=False)
    docks_follow(qtbot, window)
    assert looked == [4, 2]
    window.close()


def test_closing_the_window_keeps_the_row_for_next_time(qtbot, tmp_path: Path) -> None:
    window = shown_window(qtbot)
    window.set_session(_session(tmp_path, "report", 8))
    window.go_to_row(5)
    assert window.current_row() == 5
    window.close()
    assert window.session is None
    again = shown_window(qtbot)
    again.set_session(EditSession.open(tmp_path / "report.tarjuman"))
    assert again.current_row() == 5
    again.close()


def test_a_find_dialog_left_open_after_its_project_closed_does_nothing(
        qtbot, tmp_path: Path) -> None:
    from desktop_app.gui.dialogs.find_replace import FindReplace

    window = shown_window(qtbot)
    window.set_session(_session(tmp_path, "notes", 4))
    dialog = FindReplace(window)
    qtbot.addWidget(dialog)
    dialog.query.setText("line")
    dialog.replacement.setText("row")
    dialog.find_next()
    assert "4" in dialog.status_label.text()
    window.projects.close()
    dialog.find_next()
    dialog.replace_all()
    dialog.highlight()
    assert window.session is None and "4" in dialog.status_label.text()
    window.close()


def test_a_team_sync_asked_for_during_one_runs_right_after_it(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading
    from types import SimpleNamespace

    from desktop_app.core.settings_door import change_settings
    from desktop_app.gui import team_sync

    window = shown_window(qtbot)  # before the hub is set: no sync of its own at start
    change_settings(team_dsn="host=127.0.0.1 port=9 dbname=hub")  # set, never reached
    started: list[int] = []
    release = threading.Event()

    def work(ctx: object) -> tuple[str, object, str]:
        started.append(len(started))
        release.wait(10)
        return "offline", SimpleNamespace(waiting=0, offline_since=None), "no hub here"

    monkeypatch.setattr(team_sync, "_work", work)
    window.team_sync.sync_now()
    window.team_sync.sync_now()  # a click while the first runs: the hub may have news
    window.team_sync.sync_now()  # (asked twice: still one more, not two)
    qtbot.waitUntil(lambda: started == [0], timeout=10_000)
    release.set()
    qtbot.waitUntil(lambda: not window.team_sync.busy and len(started) == 2, timeout=10_000)
    qtbot.wait(200)
    assert started == [0, 1]
    window.close()


CALLS = """open_path set_session ask_new_project ask_open_project ask_target_language
        ask_import_review import_review_from pretranslate ask_export export_to cancel_job
        current_row go_to_row move_by ask_go_to next_issue apply act commit_editor
        edit_segment undo redo replace_target confirm_and_next unconfirm copy_mt copy_source
        insert_text insert_term insert_suggestion insert_next_tag ignore_finding edit_comment
        copy_source_tags add_term_from_selection ask_find open_concordance open_qa_report
        open_glossary_manager open_model_manager retranslate set_ui_language
        toggle_native_digits show_message"""


def test_the_window_keeps_the_calls_it_had_before_its_rooms() -> None:
    """What dialogs, tests and benchmarks call on the window stays there, each call a
    line that hands it to its room."""
    calls = CALLS.split()
    assert [name for name in calls if not callable(getattr(MainWindow, name, None))] == []
    assert isinstance(MainWindow.job, property)
