"""A presentation opened in the window: the status bar names what stays in English."""

from __future__ import annotations

from pathlib import Path

from desktop_app.gui.app import make_app
from desktop_app.gui.main_window import MainWindow
from tests.fixtures.office import build_pptx


def test_what_is_not_translated_is_said_after_import(qtbot, tmp_path: Path) -> None:
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_pptx())
    assert window.open_path(deck, "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=20_000)
    assert any(s.source == "Panjshir Valley" for s in window.session.segments)
    message = window.statusBar().currentMessage()
    assert "slide 2: 1 chart is not translated" in message, message
    window.close()
