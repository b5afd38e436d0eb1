"""Find and replace across source and target: spelling-variant aware, match case, whole
word or regex; hits are highlighted in the grid; Replace changes the current segment's
first hit, Replace all every target in one undo step (both through the session)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
)

from desktop_app.core.errors import TarjumanError
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import N_, Texts, ngettext, number
from desktop_app.gui.models.segments import SOURCE, TARGET

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow


class FindReplace(QDialog):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.editor_window = window
        self.texts = Texts()  # set again when the UI language changes
        self.texts.keep(self.setWindowTitle, N_("Find and replace"))
        self.query, self.replacement = QLineEdit(), QLineEdit()
        self.in_source, self.in_target = QCheckBox(), QCheckBox()
        self.in_source.setChecked(True)
        self.in_target.setChecked(True)
        self.regex, self.match_case, self.whole_word = QCheckBox(), QCheckBox(), QCheckBox()
        self.status_label = QLabel()
        buttons = [QPushButton(), QPushButton(), QPushButton()]
        labels = [QLabel(), QLabel()]
        for widget, msgid in ((self.in_source, N_("Source")), (self.in_target, N_("Target")),
                              (self.regex, N_("Regular expression")),
                              (self.match_case, N_("Match case")),
                              (self.whole_word, N_("Whole word")),
                              (buttons[0], N_("Find next")), (buttons[1], N_("Replace")),
                              (buttons[2], N_("Replace all")), (labels[0], N_("Find:")),
                              (labels[1], N_("Replace with:"))):
            self.texts.keep(widget.setText, msgid)
        for button, slot in zip(buttons, (self.find_next, self.replace_one, self.replace_all),
                                strict=True):
            button.clicked.connect(slot)
        self.query.returnPressed.connect(self.find_next)
        grid = QGridLayout(self)
        grid.addWidget(labels[0], 0, 0)
        grid.addWidget(self.query, 0, 1, 1, 3)
        grid.addWidget(labels[1], 1, 0)
        grid.addWidget(self.replacement, 1, 1, 1, 3)
        for n, box in enumerate((self.in_source, self.in_target, self.regex)):
            grid.addWidget(box, 2, n + 1)
        grid.addWidget(self.match_case, 3, 1)
        grid.addWidget(self.whole_word, 3, 2)
        for n, button in enumerate(buttons):
            grid.addWidget(button, 4, n + 1)
        grid.addWidget(self.status_label, 5, 0, 1, 4)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.status_label.clear()

    def _options(self) -> dict[str, bool]:
        return {"regex": self.regex.isChecked(), "match_case": self.match_case.isChecked(),
                "whole_word": self.whole_word.isChecked()}

    def highlight(self) -> None:
        """Mark the hits in the grid's source and target cells."""
        view = self.editor_window.view
        session = self.editor_window.session
        try:
            pattern = session.pattern(self.query.text(), folded=False, **self._options()) \
                if self.query.text() and session is not None else None
        except TarjumanError:
            pattern = None
        for col in (SOURCE, TARGET):
            delegate = view.itemDelegateForColumn(col)
            if hasattr(delegate, "find"):
                delegate.find = pattern
        view.viewport().update()

    def find_next(self) -> None:
        session = self.editor_window.session
        if session is None:  # the project closed under the open dialog
            return
        try:
            rows = session.find(
                self.query.text(), in_source=self.in_source.isChecked(),
                in_target=self.in_target.isChecked(), **self._options())
        except TarjumanError as exc:
            show_error(self, str(exc))
            return
        self.highlight()
        self.status_label.setText(ngettext("{n} segment matches", "{n} segments match",
                                            len(rows)).format(n=number(len(rows))))
        if rows:
            current = self.editor_window.current_row()
            after = [r for r in rows if current is None or r > current]
            self.editor_window.go_to_row((after or rows)[0], edit=False)

    def _replace(self, call: Any) -> None:
        self.editor_window.commit_editor()
        try:
            changes = call(self.query.text(), self.replacement.text(), **self._options())
        except (TarjumanError, re.error) as exc:
            show_error(self, str(exc))
            return
        self.editor_window.changes_hub.publish(changes)
        self.highlight()
        self.status_label.setText(ngettext(
            "{n} segment changed", "{n} segments changed",
            len(changes.rows)).format(n=number(len(changes.rows))))

    def replace_one(self) -> None:
        row, session = self.editor_window.current_row(), self.editor_window.session
        if row is not None and session is not None:
            self._replace(lambda q, r, **kw: session.replace_one(row, q, r, **kw))
            self.find_next()

    def replace_all(self) -> None:
        session = self.editor_window.session
        if session is not None:
            self._replace(session.replace_all)

    def _unhighlight(self) -> None:
        self.query.clear()
        self.highlight()

    def done(self, result: int) -> None:
        """Dismissed with Escape (or closed): the highlights go with the dialog."""
        self._unhighlight()
        super().done(result)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self._unhighlight()
        super().closeEvent(event)
