"""Edit one glossary entry: domain, note, and every term's text, status and note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.core.glossary.labels import status_label
from desktop_app.core.glossary.store import STATUSES, Concept, Glossary
from desktop_app.gui.i18n import _


class ConceptEditor(QDialog):
    def __init__(self, parent: QWidget | None, glossary: Glossary, concept: Concept):
        super().__init__(parent)
        self.setWindowTitle(_("Edit term"))
        self.resize(640, 320)
        self.glossary, self.concept = glossary, concept
        self.domain = QLineEdit(concept.domain)
        self.note = QLineEdit(concept.note)
        self.terms = QTableWidget(len(concept.terms), 4)
        self.terms.setHorizontalHeaderLabels(["", _("Term"), _("Status"), _("Note")])
        self.terms.horizontalHeader().setStretchLastSection(True)
        self.statuses: list[QComboBox] = []
        for row, term in enumerate(concept.terms):
            lang = QTableWidgetItem(term.lang)
            lang.setFlags(lang.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.terms.setItem(row, 0, lang)
            self.terms.setItem(row, 1, QTableWidgetItem(term.text))
            status = QComboBox()
            for value in STATUSES:
                status.addItem(status_label(value), value)
            status.setCurrentIndex(STATUSES.index(term.status) if term.status in STATUSES
                                   else 0)
            self.terms.setCellWidget(row, 2, status)
            self.statuses.append(status)
            self.terms.setItem(row, 3, QTableWidgetItem(term.note))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(_("Domain:"), self.domain)
        form.addRow(_("Note:"), self.note)
        form.addRow(self.terms)
        form.addRow(buttons)

    def _cell(self, row: int, col: int) -> str:
        item = self.terms.item(row, col)
        return item.text() if item is not None else ""

    def save(self) -> None:
        """Write what changed (one glossary revision per changed field set) and close."""
        concept_id = int(self.concept.id or 0)
        if (self.domain.text(), self.note.text()) != (self.concept.domain, self.concept.note):
            self.glossary.update_concept(concept_id, domain=self.domain.text(),
                                         note=self.note.text())
        for row, term in enumerate(self.concept.terms):
            text = self._cell(row, 1).strip()
            note = self._cell(row, 3)
            status = str(self.statuses[row].currentData())
            if text and (text, status, note) != (term.text, term.status, term.note):
                self.glossary.update_term(int(term.id or 0), text=text, status=status,
                                          note=note)
        self.accept()
