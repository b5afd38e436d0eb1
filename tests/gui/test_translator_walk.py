"""What a translator tripped on in a day's work with the real window: an editor that
scrolled instead of growing, a caret lost behind every dialog, a comment that could not be
saved from the keyboard, counts that did not add up, a QA list out of the keyboard's reach,
glossary notes that read like target terms."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.gui.main_window import MainWindow
from tests.gui.conftest import shown_window
from tests.gui.test_daily_loop import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    win = shown_window(qtbot)
    doc = tmp_path / "panjshir.docx"
    doc.write_bytes(sample("panjshir.docx").read_bytes())
    assert win.open_path(doc, "dari")
    qtbot.waitUntil(lambda: win.session is not None and win.job is None, timeout=20_000)
    yield win
    win.close()


def machine_text(window: MainWindow, words: int = 14) -> None:
    s = window.session
    s.project.apply_machine([(seg.id, " ".join(["متن ماشینی آزمایشی"] * (words // 3 + n % 5)),
                              "mt:test") for n, seg in enumerate(s.segments)])
    window.apply(s.refresh_ids([seg.id for seg in s.segments]))


def test_the_target_editor_grows_with_its_text_and_never_scrolls(window, qtbot) -> None:
    machine_text(window)
    for row in range(12):
        window.go_to_row(row)
        editor = window.view.editor()
        bar = editor.verticalScrollBar()
        qtbot.waitUntil(lambda e=editor, b=bar: b.maximum() == 0 and not b.isVisible()
                        and e.height() >= e.needed_height() - 1, timeout=2000)


def test_a_dialog_leaves_the_open_edit_and_its_caret_alone(window, qtbot) -> None:
    from desktop_app.gui.dialogs.concordance import ConcordanceDialog

    window.go_to_row(2)
    editor = window.view.editor()
    type_text(editor, "جنگجویان وفادار")
    cursor = editor.textCursor()
    cursor.setPosition(4)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_K, CTRL)  # the concordance takes the focus
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, ConcordanceDialog) and w.isVisible())
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert window.session.segments[2].target == "جنگجویان وفادار"  # saved meanwhile
    qtbot.keyClick(dialog.query, Qt.Key.Key_Escape)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.view.editor() is editor and editor.hasFocus()
    assert editor.textCursor().position() == 4
    type_text(editor, "ن")
    assert editor.toPlainText() == "جنگجنویان وفادار"


def test_a_comment_is_saved_from_the_keyboard(window, qtbot) -> None:
    window.go_to_row(1)
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # a loaded machine: the dialog is not up yet, look again
            QTimer.singleShot(50, answer)
            return
        box = QApplication.focusWidget()
        try:
            type_text(box, "نام را بپرسید")
            qtbot.keyClick(box, Qt.Key.Key_Tab)  # Tab leaves the text, is not typed into it
            seen.append(QApplication.focusWidget() is not box)
            box.setFocus()
            qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter saves, as in the grid
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(100, answer)
    qtbot.keyClick(window.view.editor(), Qt.Key.Key_M, CTRL)
    assert seen == [True]
    assert window.session.segments[1].note == "نام را بپرسید"


def test_the_status_counts_add_up(window) -> None:
    window.edit_segment(0, "مقاومت")
    window.edit_segment(1, "کابل")
    window.go_to_row(1)
    window.confirm_and_next()
    message = window.counts.text()  # the counts stay in the status bar
    total = len(window.session.segments)
    assert f"{total} segments" in message
    assert "1 confirmed" in message and "1 edited" in message
    assert f"{total - 2} untranslated" in message


def test_quality_findings_are_reached_from_the_keyboard(window, qtbot) -> None:
    s = window.session
    named = [r for r in range(1, len(s.segments)) if s.glossary_hits(r)][:3]
    for r in named:  # a translation without the glossary's names
        window.edit_segment(r, "متن")
    window.go_to_row(0)
    editor = window.view.editor()
    assert sorted(s.findings) == named
    first = named[0]
    qtbot.keyClick(editor, Qt.Key.Key_F8)  # next segment with a QA finding
    assert window.current_row() == first
    assert window.view.editor() is not None and window.view.editor().hasFocus()
    line = window.qa_panel.current()
    assert line >= 0 and window.qa_panel.findings.found[line][0] == first
    assert window.session.segments[first].status == Status.EDITED
    qtbot.keyClick(window.view.editor(), Qt.Key.Key_F8)
    assert window.current_row() == named[1]


def test_glossary_notes_are_not_read_as_target_terms(window, qtbot) -> None:
    row = next(r for r, s in enumerate(window.session.segments) if "telephone" in s.source)
    window.go_to_row(row)
    panel = window.glossary_panel
    qtbot.waitUntil(lambda: panel.rowCount() > 0)
    n = next(i for i in range(panel.rowCount()) if panel.item(i, 1).text().startswith(
        "telephone"))
    target_lines = panel.item(n, 2).text().split("\n")
    assert all(" · " in line for line in target_lines)  # every line a term with its status
    assert "Dari" not in panel.item(n, 2).text()
    assert "Dari تیلفون" in panel.item(n, 1).text()  # the note, under the source term


def test_rows_scrolled_into_view_fit_at_once(window, qtbot) -> None:
    """Scrolling far down once made every later fit wait as many milliseconds as the
    scroll position in pixels: a confirmed short translation kept its long MT's height."""
    machine_text(window, words=40)
    view = window.view
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 2000)
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: all(window.proxy.mapToSource(window.proxy.index(r, 0)).row()
                                in view.measured for r in view.visible_rows()), timeout=500)
    row = view.visible_rows()[0]
    window.go_to_row(row)
    tall = view.rowHeight(row)
    type_text(view.editor(), "کوتاه")
    qtbot.keyClick(view.editor(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: view.rowHeight(row) < tall, timeout=500)


def test_after_export_the_cursor_is_back_in_the_target(window, qtbot, tmp_path,
                                                       monkeypatch) -> None:
    from desktop_app.gui import file_dialogs

    window.go_to_row(1)
    out = tmp_path / "panjshir.fa-AF.docx"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *a, **k: str(out))
    preflight: list[str] = []

    def export_anyway() -> None:  # untranslated segments: the pre-flight asks, Ctrl+E again
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, export_anyway)
            return
        preflight.append(dialog.objectName())
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_E, CTRL)

    QTimer.singleShot(0, export_anyway)
    qtbot.keyClick(window.view.editor(), Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: window.job is None and out.exists(), timeout=20_000)
    assert preflight == ["preflight-dialog"]
    editor = window.view.editor()
    assert editor is not None and editor.hasFocus() and window.current_row() == 1


def test_escape_from_find_takes_the_highlights_away(window, qtbot) -> None:
    from desktop_app.gui.dialogs.find_replace import FindReplace
    from desktop_app.gui.models.segments import SOURCE

    window.ask_find()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, FindReplace) and w.isVisible())
    dialog.query.setText("Panjshir")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    delegate = window.view.itemDelegateForColumn(SOURCE)
    assert delegate.find is not None
    qtbot.keyClick(dialog.query, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert delegate.find is None


def test_several_glossary_hits_are_in_sight(window, qtbot) -> None:
    """A term with a long note takes one line per term or note (elided; whole in the
    tooltip), so at 1200x800 the dock shows more than the first hit."""
    row = next(r for r in range(len(window.session.segments))
               if len(window.session.glossary_hits(r)) >= 3)
    window.go_to_row(row)
    panel = window.glossary_panel
    qtbot.waitUntil(lambda: panel.rowCount() >= 3)
    one_line = panel.fontMetrics().lineSpacing()
    assert all(panel.rowHeight(r) <= 3 * one_line for r in range(panel.rowCount()))
    assert panel.rowViewportPosition(1) + panel.rowHeight(1) <= panel.viewport().height()
