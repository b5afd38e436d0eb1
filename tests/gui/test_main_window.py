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
    assert window.counts.text() == "No project open"  # kept in the status bar
    assert window.stack.currentWidget() is window.empty
    assert "New project" in window.empty.text()


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


def test_empty_qvariants_do_not_leak_none(qtbot) -> None:
    """PySide6 6.12.0 on Python 3.11 leaked a reference to None per empty QVariant and
    aborted the interpreter after a few thousand grid repaints."""
    import sys

    from PySide6.QtGui import QStandardItemModel

    make_app()
    model = QStandardItemModel(1, 1)
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        index.data(Qt.ItemDataRole.DisplayRole)
    assert sys.getrefcount(None) >= before - 50
