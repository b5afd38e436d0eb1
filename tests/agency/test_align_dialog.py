"""Tools > Align documents: align in the background, fix links with the keyboard, add
them to the TM; in English and in Dari."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.tm import TranslationMemory  # noqa: E402
from tests.agency.test_align import GOLD  # noqa: E402
from tests.gui.conftest import shown_window  # noqa: E402


@pytest.mark.parametrize("ui", ["en", "prs"])
def test_align_editor_keys_and_store(qtbot, tmp_path: Path, ui: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.dialogs.align_editor import AlignDialog
    from desktop_app.gui.i18n import set_language

    window = shown_window(qtbot)
    action = window.registry["align"]
    assert action in window.menus["tools"].actions() and "&" in action.text()
    set_language(ui)
    if ui == "prs":
        QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        dialog = AlignDialog(window, GOLD / "article-en-prs.txt", GOLD / "article-prs.txt")
        qtbot.addWidget(dialog)
        dialog.resize(1000, 620)
        dialog.show()
        dialog.start()
        qtbot.waitUntil(lambda: dialog.alignment is not None, timeout=30000)
        alignment = dialog.alignment
        assert alignment is not None and dialog.table.rowCount() == len(alignment.links)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog.table.setCurrentCell(0, 0)
        first = alignment.links[0].kind
        assert first == "1:1"
        table = dialog.table
        qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        assert alignment.links[0].kind == "1:2"
        qtbot.keyClick(table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        assert alignment.links[0].kind == "1:1"
        qtbot.keyClick(table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        assert alignment.links[0].kind == "2:2"
        qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert alignment.links[0].kind == "1:1"
        qtbot.keyClick(table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert alignment.links[0].confirmed and table.currentRow() == 1
        assert "✓" in table.item(0, 2).text()
        shot = dialog.grab()
        assert not shot.isNull()
        if os.environ.get("TARJUMAN_SHOTS"):
            shot.save(os.path.join(os.environ["TARJUMAN_SHOTS"], f"align-{ui}.png"))
        dialog.store()
        with TranslationMemory() as tm:
            assert tm.count() >= 150
        dialog.close()
    finally:
        set_language("en")
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    window.close()
