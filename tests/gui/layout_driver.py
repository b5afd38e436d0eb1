"""Run by test_keyboard_layouts_xvfb in its own process on an X display: the real window
(Qt's xcb platform), a target open, and physical keys pressed through the XTEST extension
(the X server turns them into keysyms with its active layout, as a keyboard's keys). Prints
what each key did as JSON: the target's text, the menu that opened, the windows shown.

    python -m tests.gui.layout_driver UI KEY...   (KEY: "f", "alt+f", "ctrl+shift+i")"""

from __future__ import annotations

import ctypes
import json
import os
import sys
import time

# X keycodes (xkb evdev) of the keys, named by their letter on a US keyboard
CODES = {"ctrl": 37, "shift": 50, "alt": 64, "escape": 9}
for _row, _first in (("qwertyuiop", 24), ("asdfghjkl", 38), ("zxcvbnm", 52),
                     ("1234567890", 10)):
    CODES.update({ch: _first + n for n, ch in enumerate(_row)})


class XTest:
    def __init__(self) -> None:
        self.x11 = ctypes.CDLL("libX11.so.6")
        self.xtst = ctypes.CDLL("libXtst.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XFlush.argtypes = [ctypes.c_void_p]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int,
                                                ctypes.c_ulong]
        self.display = self.x11.XOpenDisplay(None)
        assert self.display, "no X display"

    def press(self, combo: str) -> None:
        """The physical keys, pressed in order and released in reverse."""
        codes = [CODES[k] for k in combo.split("+")]
        for code in codes:
            self.xtst.XTestFakeKeyEvent(self.display, code, 1, 0)
        for code in reversed(codes):
            self.xtst.XTestFakeKeyEvent(self.display, code, 0, 0)
        self.x11.XFlush(self.display)


def main(ui: str, keys: list[str]) -> dict[str, object]:
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.resources import sample
    from desktop_app.gui.app import make_app
    from desktop_app.gui.main_window import MainWindow

    make_app()
    window = MainWindow()
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowExposed(window)
    window.set_ui_language(ui)
    window.open_path(sample("panjshir.docx"), "dari")
    deadline = time.monotonic() + 60
    while (window.session is None or window.job is not None) and time.monotonic() < deadline:
        QTest.qWait(50)
    window.go_to_row(1)
    editor = window.view.open_editor()
    assert editor is not None
    editor.load("", editor.source, select_all=False)
    QTest.qWait(300)
    xtest = XTest()
    seen: dict[str, object] = {"source": editor.source}
    for combo in keys:
        xtest.press(combo)
        QTest.qWait(250)
        popup = QApplication.activePopupWidget()
        shown = [w.windowTitle() for w in QApplication.topLevelWidgets()
                 if w.isVisible() and w is not window and w is not popup
                 and not w.inherits("QMenu")]
        live = window.view.editor()
        seen[combo] = {"text": live.text() if live is not None else None,
                       "menu": popup.title() if popup is not None else None, "shown": shown}
        for _round in range(3):  # Escape closes the menu, then leaves the menu bar
            if QApplication.activePopupWidget() is None and window.view.editor() is not None \
                    and window.view.editor().hasFocus():
                break
            xtest.press("escape")
            QTest.qWait(150)
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget is not window and not widget.inherits("QMenu"):
                widget.close()
        window.activateWindow()
        QTest.qWait(100)
    window.close()
    return seen


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2:]), ensure_ascii=False))
