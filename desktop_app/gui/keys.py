"""Shortcut chords never type: Qt gives a key pressed with Alt (or Ctrl, or Meta) its
character as text, and a text field inserts it when no shortcut takes the key. In the Dari
or Pashto UI, whose menus answer Alt+ف rather than Alt+F, a translator's Alt+F habit put
"f" into the target. Every text field of the application gets such a key without its text:
its commands (Ctrl+C, Ctrl+Z, Ctrl+Left) work, nothing is typed.

Characters typed with AltGr are kept: Windows reports AltGr as Ctrl+Alt, and on macOS
Option (Alt) types characters; X11 reports AltGr as no modifier at all."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop_app.gui.mnemonics import latin_action

MOD = Qt.KeyboardModifier
TEXT_FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


def is_chord(modifiers: Qt.KeyboardModifier, platform: str = sys.platform) -> bool:
    """Modifiers that make a key a command rather than a character on this platform."""
    ctrl, alt, meta = (bool(modifiers & m) for m in (MOD.ControlModifier, MOD.AltModifier,
                                                       MOD.MetaModifier))
    if platform == "darwin":  # Cmd is Ctrl, Ctrl is Meta; Option types characters
        return ctrl or meta
    if platform == "win32" and ctrl and alt and not meta:  # AltGr
        return False
    return ctrl or alt or meta


def chord_text(event: QKeyEvent) -> bool:
    """A key that would type a character although a command modifier is held."""
    text = event.text()
    return bool(text) and all(ord(c) >= 0x20 and ord(c) != 0x7F for c in text) \
        and is_chord(event.modifiers())


# X11 and Wayland report the physical key as its xkb (evdev + 8) keycode: the Latin key of
# a US keyboard at that place, for shortcuts typed under a layout with no Latin letters
XKB_KEYS = {code: Qt.Key(ord(ch)) for row, first in (("QWERTYUIOP", 24), ("ASDFGHJKL", 38),
                                                     ("ZXCVBNM", 52), ("1234567890", 10))
            for code, ch in enumerate(row, start=first)}


def _is_latin(key: int) -> bool:
    return Qt.Key.Key_A.value <= key <= Qt.Key.Key_Z.value \
        or Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value


def latin_key(event: QKeyEvent) -> Qt.Key | None:
    """The Latin letter or digit of the key: its own, or with a Dari, Pashto or Persian
    layout active on X11/Wayland (Qt finds no Latin key when no Latin layout is set up) the
    US key at the same place. Windows and macOS give Qt the Latin key themselves."""
    if _is_latin(event.key()):
        return Qt.Key(event.key())
    if QApplication.platformName() in ("xcb", "wayland"):
        return XKB_KEYS.get(event.nativeScanCode())
    return None


def bare(event: QKeyEvent, key: Qt.Key | None = None) -> QKeyEvent:
    """The same key (or ``key``) and modifiers with no text: a command, nothing to insert."""
    return QKeyEvent(event.type(), key or event.key(), event.modifiers(),
                     event.nativeScanCode(), event.nativeVirtualKey(), event.nativeModifiers(),
                     "", event.isAutoRepeat(), event.count())


class ChordGuard(QObject):
    """An application-wide filter on key presses no shortcut took. A chord with text
    reaching a text field reaches it without its text (typed nowhere, its command kept).
    Alt+Latin letter opens the menu whose English mnemonic it is, and a Latin letter in an
    open menu picks the item whose English mnemonic it is (the fallback for a Latin
    keyboard layout in the Dari or Pashto UI, see ``mnemonics``). A chord on a key with no
    Latin letter (a Dari layout with no Latin one beside it) runs the shortcut of the US
    key at its place: Ctrl+ه is Ctrl+I."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or not isinstance(watched, QWidget):
            return False
        if isinstance(watched, QMenu):
            return _menu_fallback(watched, event)
        if not is_chord(event.modifiers()):
            return False
        latin = latin_key(event)
        if _bar_fallback(watched, event, latin) or _physical_shortcut(watched, event, latin):
            return True
        if isinstance(watched, TEXT_FIELDS) and (chord_text(event) or latin not in (None,
                                                                                event.key())):
            stripped = bare(event, latin)  # the field's own keys (Ctrl+C, Ctrl+Z...) still work
            QApplication.sendEvent(watched, stripped)  # (an ignored key goes to the parent)
            event.setAccepted(stripped.isAccepted())
            return True
        return False


def _bar_fallback(widget: QWidget, event: QKeyEvent, latin: Qt.Key | None) -> bool:
    """Alt+F (no menu answers it): the menu bar's menu whose English mnemonic is F."""
    if event.modifiers() & ~MOD.ShiftModifier & ~MOD.KeypadModifier != MOD.AltModifier \
            or latin is None:
        return False
    window = widget.window()
    bar = window.menuBar() if isinstance(window, QMainWindow) else None
    if not isinstance(bar, QMenuBar):
        return False
    action = latin_action(bar.actions(), chr(latin))
    if action is None:
        return False
    bar.setActiveAction(action)
    return True


def _physical_shortcut(widget: QWidget, event: QKeyEvent, latin: Qt.Key | None) -> bool:
    """Ctrl+ه under a Dari layout alone: the window's action whose shortcut is Ctrl+I."""
    if latin is None or latin == event.key():
        return False
    wanted = QKeySequence(QKeyCombination(event.modifiers() & ~MOD.KeypadModifier, latin))
    for action in widget.window().findChildren(QAction):
        if action.isEnabled() and any(s.matches(wanted) == QKeySequence.SequenceMatch.ExactMatch
                                      for s in action.shortcuts()):
            action.trigger()
            return True
    return False


def _menu_fallback(menu: QMenu, event: QKeyEvent) -> bool:
    """F in an open menu (no item's own mnemonic is F): the item whose English mnemonic is
    F, chosen as Return chooses it (a sub-menu opens, an action runs)."""
    if event.modifiers() & ~MOD.ShiftModifier & ~MOD.AltModifier & ~MOD.KeypadModifier \
            or not _is_latin(event.key()):
        return False
    action = latin_action(menu.actions(), chr(event.key()))
    if action is None:
        return False
    menu.setActiveAction(action)
    QApplication.sendEvent(menu, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return,
                                           MOD.NoModifier, "\r"))
    return True


def install(app: QApplication) -> None:
    """Once per application."""
    if app.findChild(ChordGuard, "chord-guard") is None:
        guard = ChordGuard(app)
        guard.setObjectName("chord-guard")
        app.installEventFilter(guard)
