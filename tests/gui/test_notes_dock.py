"""The Notes dock in the real window: a client's XLIFF with notes of each kind opens with
a marker on the rows that have notes, the dock shows the unit-level notes apart from the
file-level ones, the length limit counts as the translator types (dock and status bar),
Ctrl+Alt+N brings the dock forward; screenshots in English and Dari."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop_app.gui.models.segments import NUM, NotesRole
from desktop_app.gui.widgets.target_editor import TargetEditor
from tests.gui.conftest import shown_window
from tests.gui.test_daily_loop import type_text
from tests.unit.test_notes import XLIFF12


def _open(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    doc = tmp_path / "site.xlf"
    doc.write_text(XLIFF12, encoding="utf-8")
    window = shown_window(qtbot)
    assert window.open_path(doc, "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    return window


def test_notes_dock_marker_limit_counter_and_key(qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    model = window.model
    rows = {s.source: n for n, s in enumerate(window.session.segments)}
    hero = rows["Welcome to our shop"]
    assert model.data(model.index(hero, NUM), NotesRole) is True
    assert model.data(model.index(hero, NUM), Qt.ItemDataRole.DecorationRole) is not None
    assert "Notes from the file" in model.data(model.index(hero, NUM),
                                               Qt.ItemDataRole.ToolTipRole)
    # the file's header note reaches every unit, but marks only those with their own
    assert model.data(model.index(rows["Plain text"], NUM), NotesRole) is False
    marker = model.data(model.index(hero, NUM), Qt.ItemDataRole.DecorationRole)
    blank = model.data(model.index(rows["Plain text"], NUM), Qt.ItemDataRole.DecorationRole)
    assert marker.pixmap(16, 16).toImage() != blank.pixmap(16, 16).toImage()
    window.go_to_row(hero)
    panel, dock = window.notes.panel, window.docks["notes"]
    qtbot.waitUntil(lambda: "Headline, max 60 characters" in panel.toPlainText())
    text = panel.toPlainText().replace("\u2068", "").replace("\u2069", "")
    # unit-level first, under their heading; the file's own after, under another
    assert text.index("This segment") < text.index("Headline") < text.index("Length") \
        < text.index("The whole file") < text.index("Formal register throughout")
    assert "Note from client" in text and "Resource name" in text
    assert "max 60 characters: 0 used" in text
    # typed: the limit and the status bar counter follow
    editor = window.view.open_editor()
    assert isinstance(editor, TargetEditor)
    editor.setFocus()
    type_text(editor, "خوش آمدید")
    qtbot.waitUntil(lambda: window.notes.counter.text() == "9/60")
    assert "max 60 characters: 9 used" in panel.toPlainText().replace(
        "\u2068", "").replace("\u2069", "")
    editor.setPlainText("x" * 61)
    qtbot.waitUntil(lambda: window.notes.counter.text() == "61/60")
    assert "b00020" in window.notes.counter.styleSheet()  # red when over
    # a unit without notes of its own still shows the file's
    window.go_to_row(rows["Plain text"])
    qtbot.waitUntil(lambda: "This segment" not in panel.toPlainText())
    assert "Formal register throughout" in panel.toPlainText()
    assert window.notes.counter.text() == ""
    # the key: the dock comes back and takes the focus
    dock.hide()
    window.activateWindow()
    window.view.open_editor()
    QTest.keyClick(window.view.editor() or window, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dock.isVisible)
    assert panel.hasFocus()
    window.close()


def test_notes_dock_screenshots_english_and_dari(qtbot, tmp_path: Path) -> None:
    shots = Path(os.environ.get("TARJUMAN_SHOTS", tmp_path))
    window = _open(qtbot, tmp_path)
    rows = {s.source: n for n, s in enumerate(window.session.segments)}
    dock = window.docks["notes"]
    try:
        for lang in ("en", "prs"):
            window.set_ui_language(lang)
            window.go_to_row(rows["Welcome to our shop"])
            qtbot.waitUntil(lambda: "Headline" in window.notes.panel.toPlainText())
            if lang == "prs":
                assert "یادداشت" in dock.windowTitle()
            assert dock.grab().save(str(shots / f"notes-dock-{lang}.png"))
            assert window.grab().save(str(shots / f"notes-window-{lang}.png"))
    finally:
        window.set_ui_language("en")
    window.close()
