"""Shortcuts never type into a target: every menu mnemonic (the UI language's own letter and
the Latin fallback) and every shortcut of the action registry, pressed in an open target in
the English, Dari and Pashto UI, leaves the target as the action alone leaves it.

Keys go through QTest, which offers each key to Qt's shortcut map first, as a keyboard
does; the Xvfb test (test_keyboard_layouts_xvfb) sends real X key events under the Afghan
Dari and Pashto and the Iranian layouts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from desktop_app.core.resources import sample
from desktop_app.gui.actions import SPECS
from desktop_app.gui.mnemonics import LATIN, letter
from desktop_app.gui.widgets.target_editor import TargetEditor
from tests.gui.conftest import shown_window

ALT = Qt.KeyboardModifier.AltModifier
# a menu popping up on the offscreen platform (headless runs) says so
OFFSCREEN_POPUP = pytest.mark.qt_log_ignore("This plugin does not support raise",
                                            "This plugin does not support grabbing")
START = "جنگجویان در دره"


def opened(qtbot, lang: str):  # type: ignore[no-untyped-def]
    window = shown_window(qtbot)
    window.set_ui_language(lang)
    assert window.open_path(sample("panjshir.docx"), "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    return window


def editing(window, row: int = 1) -> TargetEditor:  # type: ignore[no-untyped-def]
    close_popups()
    window.activateWindow()  # back from a dialog: the window's shortcuts answer again
    assert QTest.qWaitForWindowActive(window)
    window.go_to_row(row)
    editor = window.view.open_editor()
    assert isinstance(editor, TargetEditor)
    editor.load(START, editor.source, select_all=False)
    return editor


def close_popups() -> None:
    for _round in range(5):
        popup = QApplication.activePopupWidget()
        if popup is None:
            return
        popup.close()
        QTest.qWait(10)


def key_of(char: str) -> Qt.Key:
    return Qt.Key(ord(char.upper()))


def chord(sequence: str) -> tuple[Qt.Key, Qt.KeyboardModifier, str]:
    """A shortcut as a keyboard sends it: key, modifiers and the text Qt gives it."""
    combo = QKeySequence(sequence)[0]
    key, mods = combo.key(), combo.keyboardModifiers()
    name = QKeySequence(key).toString()
    text = "\r" if key == Qt.Key.Key_Return else name.lower() if len(name) == 1 else ""
    return key, mods, text


def press(widget: QWidget, key: Qt.Key, mods: Qt.KeyboardModifier, text: str) -> None:
    QTest.sendKeyEvent(QTest.KeyAction.Press, widget, key, text, mods)
    QTest.sendKeyEvent(QTest.KeyAction.Release, widget, key, text, mods)
    QTest.qWait(5)


def mnemonic_keys(window) -> list[tuple[Qt.Key, str]]:  # type: ignore[no-untyped-def]
    """Every top-level menu's own letter and its Latin fallback (key, text)."""
    keys = []
    for action in window.menuBar().actions():
        own = letter(action.text())
        keys.append((key_of(own), own.lower()))
        latin = action.property(LATIN)
        assert latin, action.text()
        keys.append((key_of(latin), latin.lower()))
    return keys


@pytest.mark.parametrize("lang", ["en", "prs", "ps"])
def test_no_menu_or_shortcut_key_types_into_the_target(qtbot, lang: str) -> None:
    window = opened(qtbot, lang)
    bar = window.menuBar()
    if lang != "en":  # the menus answer letters of the UI language's own script
        assert all("\u0600" <= letter(a.text()) <= "\u06ff" for a in bar.actions())

    # 1. nothing answers the keys (every action and menu disabled): each chord reaches
    #    the open target itself, which must not type it
    for action in [*window.registry.actions.values(), *bar.actions()]:
        action.setEnabled(False)
    # (Ctrl+Enter is the editor's own key: it confirms even with the action disabled)
    chords = [chord(s.shortcut) for s in SPECS if s.shortcut and "Return" not in s.shortcut]
    chords += [(key, ALT, text) for key, text in mnemonic_keys(window)]
    chords += [(key_of(c), ALT | Qt.KeyboardModifier.ShiftModifier, c) for c in "fet"]
    for key, mods, text in chords:
        editor = editing(window)
        press(editor, key, mods, text)
        # (Ctrl+Up/Down move through the grid: the edit is saved as it was)
        typed = editor.text() if window.view.editor() is editor \
            else window.session.segments[1].target
        name = QKeySequence(key | mods).toString()
        if name in ("Ctrl+Z", "Ctrl+Shift+Z"):  # the editor's own undo: nothing new in it
            assert set(typed) <= set(START), name
        else:
            assert typed == START, (name, text)
    window.close()


@OFFSCREEN_POPUP
@pytest.mark.parametrize("lang", ["en", "prs", "ps"])
def test_menu_mnemonics_open_their_menu_and_type_nothing(qtbot, lang: str) -> None:
    window = opened(qtbot, lang)
    editor = editing(window)
    for action in window.menuBar().actions():
        for char in dict.fromkeys([letter(action.text()), action.property(LATIN)]):
            press(editor, key_of(char), ALT, char.lower())
            popup = QApplication.activePopupWidget()
            assert isinstance(popup, QMenu) and popup.menuAction() is action, char
            close_popups()
            assert window.view.editor() is editor and editor.text() == START, char
    # an item by its Latin letter in an open menu: Language > E is English
    if lang != "en":
        language = next(a for a in window.menuBar().actions() if a.property(LATIN) == "L")
        press(editor, Qt.Key.Key_L, ALT, "l")
        press(QApplication.activePopupWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.NoModifier,
              "e")
        assert language.text() == "&Language" and QApplication.activePopupWidget() is None
        assert window.view.editor() is editor and editor.text() == START
    window.close()


def _outcome(window) -> tuple[int | None, str]:  # type: ignore[no-untyped-def]
    close_popups()
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible() and not isinstance(widget, QMenu):
            widget.close()
    editor = window.view.editor()
    row = window.current_row()
    text = editor.text() if editor is not None else window.session.segments[row].target
    return row, text


@OFFSCREEN_POPUP
@pytest.mark.parametrize("lang", ["en", "prs", "ps"])
def test_each_shortcut_does_what_its_action_does_and_types_nothing(qtbot, lang: str) -> None:
    window = opened(qtbot, lang)

    def close_dialogs() -> None:  # a modal dialog (file, go to, add term): cancelled
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()

    closer = QTimer()
    closer.setInterval(30)
    closer.timeout.connect(close_dialogs)
    closer.start()
    # quit closes the window; undo and redo walk the session's history (a second run is
    # not the first one's twin): their keys are typed into the target in the test above
    differ = []
    for spec in SPECS:
        if not spec.shortcut or spec.key in ("quit", "undo", "redo"):
            continue
        key, mods, text = chord(spec.shortcut)
        press(editing(window), key, mods, text)
        pressed = _outcome(window)
        assert spec.key == "copy_source" or not any(c.isascii() and c.isalpha()
                                                    for c in pressed[1]), spec.key
        editing(window)
        window.registry[spec.key].trigger()
        QTest.qWait(5)
        if pressed != _outcome(window):
            differ.append((spec.key, pressed, _outcome(window)))
    closer.stop()
    assert differ == [], "\n".join(map(repr, differ))
    window.close()
