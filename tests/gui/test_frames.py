"""A row change or a page of scrolling is one short frame of the window's thread: the
page of rows ahead is measured and laid out while the window idles (the next PageDown
paints from the cache), and the docks follow the cursor a frame after the grid (a row
passed over quickly is never looked up; Ctrl+1 still inserts the term of the row the
cursor is on, however fast it is pressed)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.core.session import EditSession
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.models.segments import SOURCE
from tests.gui.conftest import docks_follow, shown_window

CITIES = ["Kabul", "Herat", "Balkh", "Kandahar", "Bamyan", "Panjshir"]


def _window(qtbot, tmp_path: Path, lines: int) -> MainWindow:  # type: ignore[no-untyped-def]
    doc = tmp_path / "report.txt"
    doc.write_text("\n\n".join(f"The governor of {CITIES[n % len(CITIES)]} spoke on day {n}."
                               for n in range(lines)) + "\n", encoding="utf-8")
    window: MainWindow = shown_window(qtbot)
    window.set_session(EditSession.from_document(doc, "dari", path=tmp_path / "r.tarjuman"))
    return window


def _idle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.view
    qtbot.waitUntil(lambda: not view._ahead and not view._ahead_timer.isActive(),
                    timeout=10_000)


def test_the_page_below_is_measured_and_laid_out_before_it_is_scrolled_to(
        qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, 300)
    view = window.view
    view.fit_visible_rows()
    _idle(qtbot, window)
    shown = view.visible_rows()
    below = range(shown.stop, shown.stop + len(shown))
    assert set(below) <= view.measured  # sized before they are seen
    delegate = view.itemDelegateForColumn(SOURCE)
    laid_out: list[str] = []
    layout = delegate._layout

    def counted(option, raw):  # type: ignore[no-untyped-def]
        laid_out.append(raw)
        return layout(option, raw)

    delegate._layout = counted
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + bar.pageStep())  # PageDown's scroll
    view.viewport().repaint()
    assert view.visible_rows().start >= shown.stop - 1
    assert laid_out == []  # the new page painted from the cache
    _idle(qtbot, window)  # and the page after it is ready in turn
    assert laid_out  # (laid out while idle)
    bar.setValue(bar.value() - bar.pageStep())  # back up: still in the cache
    laid_out.clear()
    view.viewport().repaint()
    assert laid_out == []
    window.close()


def test_a_row_passed_over_quickly_is_never_looked_up(qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, 12)
    docks_follow(qtbot, window)
    session = window.session
    assert session is not None
    looked: list[int] = []
    offers = session.offers

    def counted(row: int) -> list:  # type: ignore[type-arg]
        looked.append(row)
        return offers(row)

    session.offers = counted  # type: ignore[method-assign]
    for row in (3, 4, 5, 6):  # Ctrl+Down held: the docks wait for the cursor to rest
        window.go_to_row(row)
    docks_follow(qtbot, window)
    assert looked == [6]
    window.close()


def test_ctrl_1_right_after_a_move_inserts_the_term_of_the_new_row(
        qtbot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path, 12)
    session = window.session
    assert session is not None
    session.add_term("The governor of Kabul", "والی کابل")
    session.add_term("The governor of Herat", "والی هرات")
    window.go_to_row(0)  # Kabul
    docks_follow(qtbot, window)
    assert window.glossary_panel.term(0) == "والی کابل"
    window.go_to_row(1)  # Herat: Ctrl+1 pressed before the docks followed
    editor = window.view.open_editor()
    assert editor is not None and window.panels.follow_timer.isActive()
    qtbot.keyClick(editor, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == "والی هرات"
    window.close()
