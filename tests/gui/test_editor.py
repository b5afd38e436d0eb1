"""The real editor window, offscreen, driven as a translator would."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from desktop_app.core.mt import argos
from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.gui.app import make_app
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.models.segments import TARGET
from tests.gui.conftest import docks_follow


@pytest.fixture
def window(qtbot) -> MainWindow:
    make_app()
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def open_sample(window: MainWindow, name: str = "panjshir.docx") -> None:
    """Import runs in the background: wait for the project to open."""
    from pytestqt.qtbot import QtBot

    assert window.open_path(sample(name), "dari")
    QtBot(window).waitUntil(lambda: window.session is not None and window.job is None,
                            timeout=20_000)


def test_models_pass_qtmodeltester(window: MainWindow, qtbot) -> None:
    open_sample(window)
    window.commit_editor()  # the tester resets the models under an open editor otherwise
    ModelTester(None).check(window.model, force_py=True)
    ModelTester(None).check(window.proxy, force_py=True)
    for mode in ("untranslated", "confirmed", "all"):
        window.proxy.set_mode(mode)
        ModelTester(None).check(window.proxy, force_py=True)


def test_target_column_is_rtl_and_physically_right(window: MainWindow) -> None:
    open_sample(window)
    align = window.model.data(window.model.index(0, TARGET), Qt.ItemDataRole.TextAlignmentRole)
    assert align & int(Qt.AlignmentFlag.AlignRight) and align & int(Qt.AlignmentFlag.AlignAbsolute)


def test_without_model_the_editor_works_and_says_what_is_missing(window: MainWindow,
                                                                  qtbot) -> None:
    open_sample(window)
    window.go_to_row(1)
    docks_follow(qtbot, window)
    said = window.mt_panel.status.text()  # the window's words, not the command line's
    assert "Dari" in said and "Tools > Translation models" in said and "tarjuman" not in said
    assert window.mt_panel.models_button.isVisible()
    window.set_ui_language("prs")
    window.go_to_row(2)
    docks_follow(qtbot, window)
    assert "دری" in window.mt_panel.status.text()
    window.set_ui_language("en")
    window.edit_segment(1, "متن")
    assert window.session.segments[1].status == Status.EDITED


def test_full_flow_through_the_window(window: MainWindow, qtbot, tiny_argos: Path,
                                      tmp_path: Path) -> None:
    argos.install(tiny_argos)
    open_sample(window)
    # pretranslate in the background; the grid stays usable
    window.pretranslate()
    assert window.job is not None
    qtbot.waitUntil(lambda: window.job is None, timeout=60_000)
    statuses = {s.status for s in window.session.segments}
    assert Status.MT in statuses

    # find a segment with a glossary hit (the heading mentions Panjshir)
    row = next(r for r in range(len(window.session.segments))
               if window.session.glossary_hits(r))
    window.go_to_row(row)
    qtbot.waitUntil(lambda: window.glossary_panel.rowCount() > 0)
    term = window.glossary_panel.term(0)
    assert term

    # the editor is open on the target; type, insert the term with Ctrl+1, Ctrl+Enter
    editor = window.view.editor()
    assert editor is not None and editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    editor.setPlainText("دره ")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == f"دره {term}"
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    seg = window.session.segments[row]
    assert seg.status == Status.CONFIRMED and seg.target == f"دره {term}"
    assert window.current_row() != row  # moved on to the next unconfirmed segment

    # undo brings back the machine translation, redo the confirmed text
    window.undo()
    assert window.session.segments[row].status == Status.MT
    window.redo()
    assert window.session.segments[row].target == f"دره {term}"

    out = tmp_path / "out.docx"
    assert window.export_to(out)
    qtbot.waitUntil(lambda: window.job is None and out.exists(), timeout=20_000)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs]
    assert any(f"دره {term}" in p for p in paragraphs)


def test_filters_find_and_reopen_restores_view(window: MainWindow, qtbot) -> None:
    open_sample(window, "panjshir.txt")
    path = window.session.project.path
    window.edit_segment(3, "کابل آرام است")
    window.filter_box.setCurrentIndex(3)  # edited
    assert window.proxy.rowCount() == 1
    rows = window.session.find("كابل", in_source=False)  # Arabic kaf finds Persian keheh
    assert rows == [3]
    window.go_to_row(3)
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.open_path(path)
    qtbot.waitUntil(lambda: again.session is not None and again.job is None, timeout=20_000)
    assert again.proxy.mode == "edited" and again.current_row() == 3
    again.close()


def test_ui_language_switches_live_and_mirrors(window: MainWindow, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    open_sample(window)
    window.set_ui_language("prs")
    try:
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.menus["file"].title() != "&File"
        assert window.registry["confirm_next"].text() != "&Confirm and go to next"
    finally:
        window.set_ui_language("en")
    assert window.menus["file"].title() == "&File"


def test_recent_projects_and_dropping_a_file(window: MainWindow, qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    open_sample(window, "panjshir.md")
    path = window.session.project.path
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    recent = again.recent_menu.actions()
    assert recent and recent[0].text() == f"&1 \u2068{path}\u2069"  # Alt+F, R, 1 opens it
    recent[0].trigger()
    qtbot.waitUntil(lambda: again.session is not None and again.job is None, timeout=20_000)
    assert again.session.project.path == path

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sample("panjshir.html")))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    again.dropEvent(drop)
    qtbot.waitUntil(lambda: again.session.project.document()[0] == "panjshir.html",
                    timeout=20_000)
    again.close()


def test_tm_dock_shows_who_when_and_where(qtbot) -> None:
    from desktop_app.core.tm import Match
    from desktop_app.gui.widgets.panels import TMPanel

    make_app()
    panel = TMPanel(True)
    qtbot.addWidget(panel)
    panel.show_matches([Match("Ahmad Massoud spoke.", "احمد مسعود سخن گفت.", 100.0, [],
                              "project:news.tarjuman", 1_764_000_000.0, "Farida")])
    shown = panel.diff.toPlainText()
    assert "by \u2068Farida\u2069" in shown and "project news.tarjuman" in shown
    assert "2025-11-24" in shown
