"""Shortcut chords never type: Qt gives a key pressed with Alt (or Ctrl, or Meta) its
character as text, and a text field inserts it when no shortcut takes the key. In the Dari
or Pashto UI, whose menus answer Alt+ف rather than Alt+F, a translator's Alt+F habit put
"f" into the target. Every text field of the application gets such a key without its text:
its commands (Ctrl+C, Ctrl+Z, Ctrl+Left) work, nothing is typed.

Characters typed with AltGr are kept: Windows reports AltGr as Ctrl+Alt, and on macOS
Option (Alt) types characters; X11 reports AltGr as no modifier at all."""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
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


def bare(event: QKeyEvent) -> QKeyEvent:
    """The same key and modifiers with no text: a command, nothing to insert."""
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.nativeScanCode(),
                     event.nativeVirtualKey(), event.nativeModifiers(), "",
                     event.isAutoRepeat(), event.count())


class ChordGuard(QObject):
    """An application-wide filter on key presses no shortcut took: a chord with text
    reaching a text field reaches it without its text (typed nowhere, its command kept);
    Alt+Latin letter opens the menu whose English mnemonic it is, and a Latin letter in an
    open menu picks the item whose English mnemonic it is (the fallback for a Latin
    keyboard layout in the Dari or Pashto UI, see ``mnemonics``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or not isinstance(watched, QWidget):
            return False
        if isinstance(watched, QMenu):
            return _menu_fallback(watched, event)
        if _bar_fallback(watched, event):
            return True
        if isinstance(watched, TEXT_FIELDS) and chord_text(event):
            stripped = bare(event)  # the field's own keys (Ctrl+C, Ctrl+Z...) still work
            QApplication.sendEvent(watched, stripped)  # (an ignored key goes to the parent)
            event.setAccepted(stripped.isAccepted())
            return True
        return False


def _latin(event: QKeyEvent) -> str:
    key = event.key()
    if Qt.Key.Key_A.value <= key <= Qt.Key.Key_Z.value \
            or Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value:
        return chr(key)
    return ""


def _bar_fallback(widget: QWidget, event: QKeyEvent) -> bool:
    """Alt+F (no menu answers it): the menu bar's menu whose English mnemonic is F."""
    if event.modifiers() & ~MOD.ShiftModifier & ~MOD.KeypadModifier != MOD.AltModifier:
        return False
    window = widget.window()
    bar = window.menuBar() if isinstance(window, QMainWindow) else None
    if not isinstance(bar, QMenuBar) or not _latin(event):
        return False
    action = latin_action(bar.actions(), _latin(event))
    if action is None:
        return False
    bar.setActiveAction(action)
    return True


def _menu_fallback(menu: QMenu, event: QKeyEvent) -> bool:
    """F in an open menu (no item's own mnemonic is F): the item whose English mnemonic is
    F, chosen as Return chooses it (a sub-menu opens, an action runs)."""
    if event.modifiers() & ~MOD.ShiftModifier & ~MOD.AltModifier & ~MOD.KeypadModifier \
            or not _latin(event):
        return False
    action = latin_action(menu.actions(), _latin(event))
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
