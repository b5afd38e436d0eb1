"""The real main window, offscreen: title, bundled Arabic font, Dari rendered visibly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QImage
from PySide6.QtWidgets import QLabel

from desktop_app.gui.app import make_app
from desktop_app.gui.main_window import MainWindow


def ink(image: QImage) -> int:
    """Pixels that differ from the top-left (background) pixel."""
    bg = image.pixel(0, 0)
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) != bg)


def test_main_window_has_app_name(qtbot) -> None:
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "Tarjuman"
    assert "No translation model installed" in window.statusBar().currentMessage()


def test_bundled_font_renders_dari(qtbot) -> None:
    make_app()
    assert "Noto Sans Arabic" in QFontDatabase.families()
    label = QLabel("ائتلاف شمال در پنجشیر")
    label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    label.setStyleSheet("font-family: 'Noto Sans Arabic'; font-size: 24px; background: white")
    qtbot.addWidget(label)
    label.resize(400, 60)
    label.show()
    qtbot.waitExposed(label)
    assert ink(label.grab().toImage()) > 100
