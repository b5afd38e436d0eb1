"""Team conflicts: the same term field changed by two people between syncs. The later
write was kept on the hub; here the translator keeps it or takes the other value back."""

from __future__ import annotations

import time

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.core.errors import TarjumanError
from desktop_app.core.glossary.editor import GlossaryChanges
from desktop_app.core.settings import Settings
from desktop_app.core.team import conflicts as team_conflicts
from desktop_app.gui.changes_hub import hub_for
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import _


def conflict_count() -> int:
    """Unresolved conflicts of the shared glossaries (0 when not in a team)."""
    try:
        return len(team_conflicts.conflicts()) if Settings.load().team_dsn else 0
    except TarjumanError:
        return 0


class ConflictsDialog(QDialog):
    def __init__(self, parent: object = None):
        super().__init__(parent)  # type: ignore[arg-type]
        self.setWindowTitle(_("Team conflicts"))
        self.resize(820, 360)
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([_("Glossary"), _("Term"), _("Field"),
                                              _("Kept"), _("Other value"), _("When")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        keep, other = QPushButton(_("Keep")), QPushButton(_("Use the other value"))
        keep.clicked.connect(lambda: self.resolve(False))
        other.clicked.connect(lambda: self.resolve(True))
        row = QHBoxLayout()
        self.note = QLabel(_("The later change was kept; the team sees your choice after "
                             "the next sync."))
        self.note.setWordWrap(True)
        row.addWidget(self.note, 1)
        row.addWidget(keep)
        row.addWidget(other)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.conflicts: list[team_conflicts.Conflict] = []
        self.refresh()

    def refresh(self) -> None:
        self.conflicts = team_conflicts.conflicts()
        self.table.setRowCount(len(self.conflicts))
        for r, c in enumerate(self.conflicts):
            values = [c.glossary, c.label, c.field, f"{c.kept} ({c.kept_author})",
                      f"{c.other} ({c.other_author})",
                      time.strftime("%Y-%m-%d %H:%M", time.localtime(c.at))]
            for col, value in enumerate(values):
                self.table.setItem(r, col, QTableWidgetItem(value))

    def resolve(self, use_other: bool) -> None:
        r = self.table.currentRow()
        if not 0 <= r < len(self.conflicts):
            return
        try:
            team_conflicts.resolve(self.conflicts[r].id, use_other=use_other)
        except TarjumanError as exc:
            show_error(self, str(exc))
            return
        self.refresh()
        # a shared glossary changed outside the glossary's door: every view reads it again
        hub_for(self).publish(GlossaryChanges(other=True))


def add_conflicts_button(manager: QDialog, row: QHBoxLayout) -> QPushButton:
    """The glossary manager's way in: shown only while team conflicts wait."""
    button = QPushButton()

    def update() -> None:
        n = conflict_count()
        button.setText(_("Conflicts ({n})").format(n=n))
        button.setVisible(n > 0)

    def open_dialog() -> None:
        ConflictsDialog(manager).exec()  # what it settles reaches the manager through the hub
        update()

    button.clicked.connect(open_dialog)
    row.addWidget(button)
    update()
    return button
