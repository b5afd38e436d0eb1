"""Misspelt words underlined in the real target editor, with the right-click menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.resources import sample
from desktop_app.core.spell import dictionaries
from desktop_app.core.spell.checker import SpellChecker
from desktop_app.gui.app import make_app
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.models.segments import TARGET
from desktop_app.gui.widgets import spelling
from desktop_app.gui.widgets.delegates import TargetEditor
from tests.conftest import ROOT
from tests.fixtures.hunspell_dict import write_dictionary
from tests.gui.conftest import shown_window

ARTIFACTS = ROOT / "tests" / "artifacts"
TEXT = "مردم امروز به دانشگاه رفت و کتابب آورد"
UNIVERSITY = Concept([Term("en", "university"), Term("prs", "پوهنتون"),
                      Term("prs", "دانشگاه", status="forbidden")], id=1, glossary="g")


def underlined(editor: QPlainTextEdit) -> list[str]:
    block = editor.document().firstBlock()
    style = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    return [block.text()[r.start:r.start + r.length] for r in block.layout().formats()
            if r.format.underlineStyle() == style]


def point_at(editor: QPlainTextEdit, offset: int) -> QPoint:
    cursor = editor.textCursor()
    cursor.setPosition(offset)
    return editor.cursorRect(cursor).center()


def test_underline_and_right_click_menu(qtbot, tmp_path: Path) -> None:
    make_app()
    checker = SpellChecker("dari", dictionary=write_dictionary(tmp_path / "d"),
                           concepts=[UNIVERSITY], personal=tmp_path / "mine.txt")
    editor = TargetEditor(None, rtl=True)
    qtbot.addWidget(editor)
    highlighter = spelling.attach(editor, checker)
    editor.setPlainText(TEXT)
    editor.resize(500, 80)
    editor.show()
    qtbot.waitExposed(editor)
    assert underlined(editor) == ["دانشگاه", "کتابب", "آورد"]

    menu = spelling.menu_for(editor, highlighter, point_at(editor, TEXT.index("دانشگاه") + 2))
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "پوهنتون"  # the Dari form first
    assert "Add to my dictionary" in labels and "Ignore" in labels
    menu.actions()[0].trigger()
    assert "پوهنتون" in editor.toPlainText() and "دانشگاه" not in editor.toPlainText()

    offset = editor.toPlainText().index("آورد") + 1
    menu = spelling.menu_for(editor, highlighter, point_at(editor, offset))
    next(a for a in menu.actions() if a.text() == "Add to my dictionary").trigger()
    assert "آورد" in (tmp_path / "mine.txt").read_text("utf-8")
    offset = editor.toPlainText().index("کتابب") + 1
    menu = spelling.menu_for(editor, highlighter, point_at(editor, offset))
    next(a for a in menu.actions() if a.text() == "Ignore").trigger()
    assert underlined(editor) == []


def open_with_misspellings(qtbot, tmp_path: Path) -> MainWindow:
    dictionaries.install(write_dictionary(tmp_path / "download"), "dari")
    window = shown_window(qtbot, (1100, 600))
    assert window.open_path(sample("panjshir.txt"), "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    window.edit_segment(0, TEXT)
    window.go_to_row(0)
    editor = window.view.open_editor()
    editors = [e for e in window.view.findChildren(QPlainTextEdit) if e.isVisible()]
    assert editors, editor
    qtbot.waitUntil(lambda: underlined(editors[0]) != [])
    assert underlined(editors[0]) == ["دانشگاه", "کتابب"]  # آورد: the Dari list knows it
    assert window.proxy.mapToSource(window.view.currentIndex()).column() == TARGET
    return window


def test_the_editor_window_underlines_misspelt_words(qtbot, tmp_path: Path) -> None:
    window = open_with_misspellings(qtbot, tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "spelling-offscreen.png"))
    window.close()


@pytest.mark.xvfb
def test_real_window_underlines_misspelt_words(qtbot, tmp_path: Path) -> None:
    window = open_with_misspellings(qtbot, tmp_path)
    qtbot.wait(300)
    ARTIFACTS.mkdir(exist_ok=True)
    shot = QGuiApplication.primaryScreen().grabWindow(0)
    assert shot.save(str(ARTIFACTS / "spelling-xvfb.png")) and shot.width() > 500
    window.close()


def test_the_status_bar_says_when_spelling_is_off_and_how_to_turn_it_on(
        qtbot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLabel

    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 600)
    window.show()
    # Dari and Pashto always have Tarjuman's own lists; Iranian Persian has none
    assert window.open_path(sample("panjshir.txt"), "fa")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    note = window.statusBar().findChild(QLabel, spelling.NOTE_NAME)
    assert note is not None and note.isVisible()
    assert note.text().startswith("Spelling off: no Persian dictionary"), note.text()
    assert "tarjuman spell install" in note.text() and "confirm more" in note.toolTip()
    ARTIFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "spelling-off-offscreen.png"))
    window.close()
    with_dictionary = open_with_misspellings(qtbot, tmp_path)
    note = with_dictionary.statusBar().findChild(QLabel, spelling.NOTE_NAME)
    assert note is not None and not note.isVisible()
    with_dictionary.close()


ROWS = {1: "مردم امروز به شهرر رفتند", 2: "وزارت صحت عامه اعلام کرد که کتابب⟨1/⟩ها آمده",
        3: "ولایت را⟨1/⟩در دانشگاه"}


def red_pixels(window: MainWindow, row: int) -> int:
    view = window.view
    index = window.proxy.mapFromSource(window.model.index(row, TARGET))
    image = view.viewport().grab(view.visualRect(index)).toImage()
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if (c := image.pixelColor(x, y)).red() - max(c.green(), c.blue()) > 60)


def test_every_row_in_sight_shows_its_misspelt_words(qtbot, tmp_path: Path) -> None:
    """No editor open on these rows: the grid paints their marks, found off the GUI
    thread, with Tarjuman's own Dari list (no dictionary installed)."""
    window = shown_window(qtbot, (1200, 700))
    assert window.open_path(sample("panjshir.txt"), "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    before = {row: red_pixels(window, row) for row in ROWS}
    for row, text in ROWS.items():
        window.edit_segment(row, text)
    window.go_to_row(0)
    delegate = window.view.itemDelegateForColumn(TARGET)
    marks = delegate.marks
    assert marks is not None
    qtbot.waitUntil(lambda: all(marks.marks(t) is not None for t in ROWS.values()),
                    timeout=10_000)
    assert [w for _s, _e, w in marks.marks(ROWS[1])] == ["شهرر"]
    assert [w for _s, _e, w in marks.marks(ROWS[2])] == ["کتابب"]  # the tag ends the word
    # را⟨1/⟩در is two words, never "رادر"; the Iranian form is marked
    assert [w for _s, _e, w in marks.marks(ROWS[3])] == ["دانشگاه"]
    window.view.viewport().repaint()
    qtbot.waitUntil(lambda: all(red_pixels(window, row) > 8 for row in ROWS), timeout=5_000)
    assert all(before[row] == 0 for row in ROWS)  # the red is the marks' own
    assert red_pixels(window, 0) == 0  # a row spelt right has none
    ARTIFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "spelling-rows-offscreen.png"))
    window.close()


def test_pashto_rows_are_checked_with_tarjumans_own_pashto_list(qtbot) -> None:
    window = shown_window(qtbot, (1200, 700))
    assert window.open_path(sample("panjshir.txt"), "pashto")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    rows = {1: "د کابل په ښار کې خلکو وویل چې جګړه روانه ده",
            2: "ښځې او ماشومان په ولسوالۍ کې دي ښځظ",
            3: "طالبانو⟨1/⟩ته ووېل چې کارر پیل شوی"}
    for row, text in rows.items():
        window.edit_segment(row, text)
    window.go_to_row(0)
    marks = window.view.itemDelegateForColumn(TARGET).marks
    assert marks is not None
    qtbot.waitUntil(lambda: all(marks.marks(t) is not None for t in rows.values()),
                    timeout=10_000)
    assert {row: [w for _s, _e, w in marks.marks(t)] for row, t in rows.items()} == \
        {1: [], 2: ["ښځظ"], 3: ["کارر"]}
    window.view.viewport().repaint()
    qtbot.waitUntil(lambda: red_pixels(window, 2) > 8 and red_pixels(window, 3) > 8,
                    timeout=5_000)
    assert red_pixels(window, 1) == 0
    ARTIFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "spelling-rows-pashto-offscreen.png"))
    window.close()
