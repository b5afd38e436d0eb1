"""QA at delivery in the real window: findings with their severity, ignored from the list
by key and context menu (kept after reopening), Ctrl+Enter asking or refusing on an error,
the export's pre-flight dialog, and the QA report."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from shiboken6 import isValid

from desktop_app.core.qa import profiles
from desktop_app.core.segments import Status
from desktop_app.gui.dialogs.qa_delivery import PreflightDialog, QAReportDialog
from desktop_app.gui.main_window import MainWindow
from tests.gui.conftest import shown_window

SOURCE = "800 families fled on Monday.\n\nThe valley was calm.\n\nNothing here yet.\n"
WRONG = "۷۰۰ خانواده روز دوشنبه فرار کردند."


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    doc = tmp_path / "report.txt"
    doc.write_text(SOURCE, encoding="utf-8")
    win = shown_window(qtbot)
    assert win.open_path(doc, "dari")
    qtbot.waitUntil(lambda: win.session is not None and win.job is None, timeout=20_000)
    win.edit_segment(0, WRONG)
    win.edit_segment(1, "دره آرام بود.")
    yield win
    win.close()


def when_modal(qtbot, act: Callable[[QWidget], None]) -> list[str]:
    """Run ``act`` on the next modal dialog (a question, the pre-flight) once it shows;
    the list gets its text (a message box's)."""
    seen: list[str] = []
    before = QApplication.activeModalWidget()  # one an earlier test left open is not ours

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal is before:
            QTimer.singleShot(20, poll)
            return
        seen.append(modal.text() if isinstance(modal, QMessageBox) else modal.objectName())
        try:
            act(modal)
        except BaseException:
            modal.close()  # a failed look fails the test; it never leaves exec() waiting
            raise

    QTimer.singleShot(0, poll)
    return seen


def test_the_list_shows_severity_and_delete_ignores_for_good(window, qtbot,
                                                              tmp_path: Path) -> None:
    panel = window.qa_panel
    qtbot.waitUntil(lambda: panel.count() > 0)
    lines = [panel.text(n) for n in range(panel.count())]
    assert any(line.startswith("1: error: ") and "numbers differ" in line for line in lines)
    row_of_error = next(n for n, line in enumerate(lines) if "numbers differ" in line)
    panel.setCurrentIndex(panel.model().index(row_of_error))
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Delete)
    assert not any("numbers differ" in panel.text(n) for n in range(panel.count()))
    assert ((window.session.segments[0].id, "numbers") in window.session.project.ignored())
    assert panel.ignore_action.text() == "&Ignore this finding"

    path = window.session.project.path
    assert window.open_path(path)  # reopened: still ignored
    qtbot.waitUntil(lambda: window.session is not None and window.job is None
                    and window.session.project.path == path, timeout=20_000)
    assert 0 not in window.session.findings or all(
        f.code != "numbers" for f in window.session.findings[0])
    window.edit_segment(0, "۶۰۰ خانواده فرار کردند.")  # the text changed: back
    assert any(f.code == "numbers" for f in window.session.findings[0])


def test_ctrl_enter_on_an_error_asks_first(window, qtbot) -> None:
    window.go_to_row(0)
    seen = when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.No).click())
    qtbot.keyClick(window.view.editor(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert "numbers differ" in seen[0] and "Confirm it anyway?" in seen[0]
    assert window.session.segments[0].status != Status.CONFIRMED
    assert window.current_row() == 0 and window.view.editor() is not None

    seen = when_modal(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.keyClick(window.view.editor(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.session.segments[0].status == Status.CONFIRMED)

    window.go_to_row(1)  # no error: no question
    qtbot.keyClick(window.view.editor(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.session.segments[1].status == Status.CONFIRMED


def test_a_refusing_profile_does_not_confirm(window, qtbot) -> None:
    data = json.loads(profiles.default().dumps())
    data["confirm_gate"] = "refuse"
    window.session.set_qa_profile(profiles.parse(json.dumps(data), "strict.json"))
    window.go_to_row(0)
    qtbot.keyClick(window.view.editor(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error-dialog") is not None)
    box = window.findChild(QMessageBox, "error-dialog")
    assert "is not confirmed" in box.text() and "numbers differ" in box.text()
    box.close()
    assert window.session.segments[0].status != Status.CONFIRMED


def test_export_opens_the_preflight_first(window, qtbot, tmp_path: Path,
                                         monkeypatch) -> None:
    rows: list[list[str]] = []
    seen: list[str] = []

    def look_and_go(dialog: PreflightDialog) -> int:
        """The dialog as exec() shows it, looked at and answered without a nested event
        loop (a loop that waits on the application's modal stack can wait forever when
        an earlier test in the same process left a modal window behind)."""
        dialog.show()
        seen.append(dialog.objectName())
        table = dialog.table
        rows.extend([[table.item(r, c).text() for c in range(4)]
                     for r in range(table.rowCount())])
        table.setCurrentCell(1, 0)
        dialog.go_button.click()
        return dialog.result()

    monkeypatch.setattr(PreflightDialog, "exec", look_and_go)
    window.registry["export"].trigger()
    assert seen == ["preflight-dialog"]
    assert rows[0][0] == "1" and rows[0][1].startswith("error: Numbers")
    assert rows[1][:3] == ["3", "untranslated", "\u2068Nothing here yet.\u2069"]
    assert window.current_row() == 2  # taken to the untranslated segment, no file dialog


def test_ctrl_e_twice_exports_anyway(window, qtbot, tmp_path: Path,
                                                   monkeypatch) -> None:
    from desktop_app.gui import file_dialogs

    out = tmp_path / "out.txt"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: str(out))
    summary: list[str] = []

    def alt_e(dialog: QWidget) -> None:
        summary.append(dialog.findChild(QLabel).text())
        qtbot.keyClick(dialog.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        QTimer.singleShot(3000, lambda: isValid(dialog) and dialog.isVisible()
                          and dialog.done(99))  # a key that failed must not hang the run

    when_modal(qtbot, alt_e)
    qtbot.keyClick(window.view.editor(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.job is None and out.exists(), timeout=20_000)
    assert summary == ["1 open QA error and 1 untranslated segment would be delivered "
                       "unchecked."]


def test_preflight_dialog_export_anyway_and_the_report(window, qtbot) -> None:
    found = window.session.preflight()
    dialog = PreflightDialog(window, found, "prs")
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 3).textAlignment() & Qt.AlignmentFlag.AlignAbsolute
    dialog.export_button.click()
    assert dialog.result() == PreflightDialog.DialogCode.Accepted

    window.ignore_finding(0, "numbers")
    report = QAReportDialog(window, window.session)
    qtbot.addWidget(report)
    assert 'dir="rtl"' in report.html and "ignored by" in report.html
    text = report.browser.toPlainText()
    assert "Numbers" in text and "Untranslated" in text and WRONG in text


def test_f8_then_shift_f8_ignores_from_the_editor(window, qtbot) -> None:
    window.go_to_row(1)
    editor = window.view.editor()
    qtbot.keyClick(editor, Qt.Key.Key_F8)  # the next segment with a finding: segment 1
    qtbot.waitUntil(lambda: window.current_row() == 0)
    selected = window.qa_panel.text(window.qa_panel.current())
    code = window.qa_panel.findings.found[window.qa_panel.current()][1].code
    qtbot.keyClick(window.view.editor(), Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert all(f.code != code for f in window.session.findings.get(0, []))
    assert selected not in [window.qa_panel.text(n) for n in range(window.qa_panel.count())]
    assert window.view.editor() is not None and window.current_row() == 0
    assert window.registry["ignore_issue"].text().replace("&", "") == "Ignore QA finding"
