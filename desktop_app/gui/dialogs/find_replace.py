"""Find and replace across source and target, spelling-variant aware or by regex."""

from __future__ import annotations

from typing import Any

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
from desktop_app.gui.i18n import _, number


class FindReplace(QDialog):
    def __init__(self, window: Any):
        super().__init__(window)
        self.editor_window = window
        self.setWindowTitle(_("Find and replace"))
        self.query, self.replacement = QLineEdit(), QLineEdit()
        self.in_source, self.in_target = QCheckBox(_("Source")), QCheckBox(_("Target"))
        self.in_source.setChecked(True)
        self.in_target.setChecked(True)
        self.regex = QCheckBox(_("Regular expression"))
        self.status_label = QLabel()
        find_next, replace_all = QPushButton(_("Find next")), QPushButton(_("Replace all"))
        find_next.clicked.connect(self.find_next)
        replace_all.clicked.connect(self.replace_all)
        grid = QGridLayout(self)
        grid.addWidget(QLabel(_("Find:")), 0, 0)
        grid.addWidget(self.query, 0, 1, 1, 3)
        grid.addWidget(QLabel(_("Replace with:")), 1, 0)
        grid.addWidget(self.replacement, 1, 1, 1, 3)
        grid.addWidget(self.in_source, 2, 1)
        grid.addWidget(self.in_target, 2, 2)
        grid.addWidget(self.regex, 2, 3)
        grid.addWidget(find_next, 3, 1)
        grid.addWidget(replace_all, 3, 2)
        grid.addWidget(self.status_label, 4, 0, 1, 4)

    def find_next(self) -> None:
        try:
            rows = self.editor_window.session.find(self.query.text(),
                                            in_source=self.in_source.isChecked(),
                                            in_target=self.in_target.isChecked(),
                                            regex=self.regex.isChecked())
        except TarjumanError as exc:
            show_error(self, str(exc))
            return
        self.status_label.setText(_("{n} segments match").format(n=number(len(rows))))
        if rows:
            current = self.editor_window.current_row()
            after = [r for r in rows if current is None or r > current]
            self.editor_window.go_to_row((after or rows)[0])

    def replace_all(self) -> None:
        session = self.editor_window.session
        changed = 0
        try:
            import re

            pattern = re.compile(self.query.text() if self.regex.isChecked()
                                 else re.escape(self.query.text()))
        except re.error as exc:
            show_error(self, _("Bad regular expression: {error}").format(error=exc))
            return
        self.editor_window.undo_stack.beginMacro(_("Replace all"))
        for row, seg in enumerate(session.segments):
            if self.query.text() and seg.target and pattern.search(seg.target):
                new = pattern.sub(self.replacement.text(), seg.target)
                self.editor_window.edit_segment(row, new)
                changed += 1
        self.editor_window.undo_stack.endMacro()
        self.status_label.setText(_("{n} segments changed").format(n=number(changed)))
