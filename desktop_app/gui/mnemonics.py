"""Menu mnemonics in every UI language: each menu title and item gets one letter of its own
text (Alt+ف opens the Dari File menu, ف in an open menu picks an item), unique within its
menu. The translator's choice (the ``&`` in the catalog) is kept where it is free; other
items take the first free letter, a word's first letter before others.

Each item also keeps the letter of its English text, the Latin fallback: with a Latin
keyboard layout active no Dari or Pashto letter can be typed, so Alt+F still opens the
File menu and F picks the item whose English mnemonic is F (see ``keys.ChordGuard``)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

LATIN = "latin_mnemonic"   # an action's property: its English mnemonic, upper case
ENGLISH = "english_text"   # an action's property: its English text (the mnemonic's source)


def plain(text: str) -> str:
    """The text as shown: single ``&`` removed, ``&&`` kept as one ``&``."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def marked(text: str) -> int | None:
    """Position (in the plain text) of the letter the text marks with ``&``, if any."""
    pos = 0
    i = 0
    while i < len(text):
        if text[i] == "&":
            if text[i + 1:i + 2] == "&":
                pos += 1
                i += 2
                continue
            return pos if i + 1 < len(text) else None
        pos += 1
        i += 1
    return None


def _candidates(text: str, preferred: int | None) -> Iterable[int]:
    if preferred is not None:
        yield preferred
    starts = [i for i, c in enumerate(text)
              if c.isalnum() and (i == 0 or not text[i - 1].isalnum())]
    yield from starts
    yield from (i for i, c in enumerate(text) if c.isalnum() and i not in starts)


def plan(texts: list[str]) -> list[int | None]:
    """For each text (with or without ``&``), the plain-text position of its mnemonic:
    unique (case-insensitive) among the texts, the marked letter first."""
    taken: set[str] = set()
    chosen: list[int | None] = [None] * len(texts)
    # first the translator's own marks, in order; then the rest
    for keep_marks in (True, False):
        for n, text in enumerate(texts):
            if chosen[n] is not None or (keep_marks and marked(text) is None):
                continue
            shown = plain(text)
            for i in _candidates(shown, marked(text)):
                if i < len(shown) and shown[i].isalnum() and shown[i].upper() not in taken:
                    if keep_marks and i != marked(text):
                        break  # the mark is taken: wait for the second round
                    chosen[n] = i
                    taken.add(shown[i].upper())
                    break
    return chosen


def with_mark(text: str, pos: int | None) -> str:
    shown = plain(text).replace("&", "&&")
    if pos is None:
        return shown
    # positions count plain characters: map to the escaped string
    before = plain(text)[:pos].count("&")
    at = pos + before
    return shown[:at] + "&" + shown[at:]


def letter(text: str) -> str:
    pos = marked(text)
    return plain(text)[pos].upper() if pos is not None else ""


def assign(actions: list[QAction]) -> None:
    """Give every visible action of one menu (or menu bar) a unique mnemonic, and keep the
    unique Latin fallback of its English text (property ``ENGLISH``, else its text)."""
    items = [a for a in actions if not a.isSeparator()]
    native = plan([a.text() for a in items])
    english = [str(a.property(ENGLISH) or a.text()) for a in items]
    latin = plan(english)
    for action, pos, text, lpos in zip(items, native, english, latin, strict=True):
        action.setText(with_mark(action.text(), pos))
        action.setProperty(LATIN, plain(text)[lpos].upper() if lpos is not None
                           and plain(text)[lpos].isascii() else "")


def assign_all(bar: QMenuBar) -> None:
    """Every menu of the bar, sub-menus included, and the bar's own titles."""
    assign(bar.actions())
    todo = [a.menu() for a in bar.actions()]
    while todo:
        menu = todo.pop()
        if isinstance(menu, QMenu):
            assign(menu.actions())
            todo.extend(a.menu() for a in menu.actions() if a.menu() is not None)


def latin_action(actions: list[QAction], key_letter: str) -> QAction | None:
    """The enabled, visible item whose Latin fallback is this letter, unless an item's own
    mnemonic is that letter (then Qt's own handling picks it)."""
    key_letter = key_letter.upper()
    items = [a for a in actions if not a.isSeparator() and a.isVisible()]
    if any(letter(a.text()) == key_letter for a in items):
        return None
    return next((a for a in items if a.property(LATIN) == key_letter and a.isEnabled()), None)
