"""Misspelt words of the target editor underlined in red waves, with suggestions, "add to
my dictionary" and "ignore" on right-click. Attached to an editor with one call."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QPlainTextEdit

from desktop_app.core.spell.checker import Misspelling, SpellChecker
from desktop_app.core.spell.vocabulary import off_note
from desktop_app.gui.i18n import _
from desktop_app.gui.widgets.target_editor import TagHighlighter

MAX_SUGGESTIONS = 6


class SpellHighlighter(TagHighlighter):
    """Misspelt words underlined, on top of the tag chips."""

    def __init__(self, editor: QPlainTextEdit, checker: SpellChecker):
        super().__init__(editor.document(), editor.font())
        self.checker = checker
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.underline.setUnderlineColor(QColor("red"))

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        super().highlightBlock(text)
        for miss in self.checker.check(text):
            self.setFormat(miss.start, miss.end - miss.start, self.underline)


def misspelling_at(editor: QPlainTextEdit, checker: SpellChecker,
                   pos: QPoint) -> tuple[QTextCursor, Misspelling] | None:
    """The misspelt word under ``pos`` (widget coordinates) and a cursor selecting it."""
    cursor = editor.cursorForPosition(pos)
    block = cursor.block()
    at = cursor.position() - block.position()
    for miss in checker.check(block.text()):
        if miss.start <= at <= miss.end:
            cursor.setPosition(block.position() + miss.start)
            cursor.setPosition(block.position() + miss.end, QTextCursor.MoveMode.KeepAnchor)
            return cursor, miss
    return None


def menu_for(editor: QPlainTextEdit, highlighter: SpellHighlighter, pos: QPoint) -> QMenu:
    """The editor's own menu, with the spelling actions first when a word is misspelt."""
    menu = editor.createStandardContextMenu(pos)
    found = misspelling_at(editor, highlighter.checker, pos)
    if found is None:
        return menu
    cursor, miss = found
    first = menu.actions()[0] if menu.actions() else None
    suggestions = highlighter.checker.suggest(miss.word, MAX_SUGGESTIONS)
    for word in suggestions:
        action = menu.addAction(word)
        action.triggered.connect(lambda _c=False, w=word: cursor.insertText(w))
        menu.insertAction(first, action)  # type: ignore[arg-type]
    if not suggestions:
        none = menu.addAction(_("(no suggestions)"))
        none.setEnabled(False)
        menu.insertAction(first, none)  # type: ignore[arg-type]

    def learn(add: bool) -> None:
        if add:
            highlighter.checker.add_to_dictionary(miss.word)
        else:
            highlighter.checker.ignore(miss.word)
        highlighter.rehighlight()

    add = menu.addAction(_("Add to my dictionary"))
    add.triggered.connect(lambda: learn(True))
    ignore = menu.addAction(_("Ignore"))
    ignore.triggered.connect(lambda: learn(False))
    for action in (add, ignore):
        menu.insertAction(first, action)  # type: ignore[arg-type]
    menu.insertSeparator(first)  # type: ignore[arg-type]
    return menu


def attach(editor: QPlainTextEdit, checker: SpellChecker) -> SpellHighlighter:
    """Underline misspelt words in ``editor`` and offer corrections on right-click."""
    chips = getattr(editor, "chips", None)
    if isinstance(chips, TagHighlighter):
        chips.setDocument(None)  # replaced by one that draws the chips and the spelling
    highlighter = SpellHighlighter(editor, checker)
    if chips is not None:
        editor.chips = highlighter  # type: ignore[attr-defined]
    editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    editor.customContextMenuRequested.connect(
        lambda pos: menu_for(editor, highlighter, pos).exec(editor.mapToGlobal(pos)))
    editor.setProperty("spell_highlighter", highlighter)  # lives as long as the editor
    return highlighter


NOTE_NAME = "spelling-off-note"


def show_state(window: QMainWindow, checker: SpellChecker | None, target_lang: str) -> None:
    """A permanent status-bar note while spelling is off, saying how to turn it on."""
    note, why = off_note(target_lang) if checker is None else ("", "")
    label = window.statusBar().findChild(QLabel, NOTE_NAME)
    if label is None:
        label = QLabel()
        label.setObjectName(NOTE_NAME)
        window.statusBar().addPermanentWidget(label)
    label.setText(note)
    label.setToolTip(why)
    label.setVisible(bool(note))
