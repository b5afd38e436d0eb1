"""Edit one glossary entry: domain (subject), note, definitions, and every term's text,
status, note, part of speech and context; saved as one glossary step (one transaction, one
Ctrl+Z in the glossary manager)."""

from __future__ import annotations

from dataclasses import replace

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

from desktop_app.core.errors import TarjumanError
from desktop_app.core.glossary.editor import GlossaryEditor
from desktop_app.core.glossary.labels import status_label
from desktop_app.core.glossary.store import STATUSES, Concept
from desktop_app.gui.changes_hub import ChangesHub
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import _

# term table columns: language, term, status, note, part of speech, context
TEXT, STATUS, NOTE, POS, CONTEXT = 1, 2, 3, 4, 5


class ConceptEditor(QDialog):
    def __init__(self, parent: QWidget | None, editor: GlossaryEditor, concept: Concept, *,
                 hub: ChangesHub | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Edit term"))
        self.resize(760, 360)
        self.editor, self.concept, self.hub = editor, concept, hub
        self.domain = QLineEdit(concept.domain)
        self.note = QLineEdit(concept.note)
        # one line per definition: the concept's own ("") first, then each language's
        self.definitions = {lang: QLineEdit(concept.definitions.get(lang, ""))
                            for lang in ["", *sorted(k for k in concept.definitions if k)]}
        self.terms = QTableWidget(len(concept.terms), 6)
        self.terms.setHorizontalHeaderLabels(["", _("Term"), _("Status"), _("Note"),
                                              _("Part of speech"), _("Context")])
        self.terms.horizontalHeader().setStretchLastSection(True)
        self.statuses: list[QComboBox] = []
        for row, term in enumerate(concept.terms):
            lang = QTableWidgetItem(term.lang)
            lang.setFlags(lang.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.terms.setItem(row, 0, lang)
            self.terms.setItem(row, TEXT, QTableWidgetItem(term.text))
            status = QComboBox()
            for value in STATUSES:  # the term's own status shows its finer TBX status
                status.addItem(status_label(value, term.status_detail if value == term.status
                                            else ""), value)
            status.setCurrentIndex(STATUSES.index(term.status) if term.status in STATUSES
                                   else 0)
            self.terms.setCellWidget(row, STATUS, status)
            self.statuses.append(status)
            self.terms.setItem(row, NOTE, QTableWidgetItem(term.note))
            self.terms.setItem(row, POS, QTableWidgetItem(term.pos))
            context = QTableWidgetItem(term.context)
            context.setToolTip(term.context)
            self.terms.setItem(row, CONTEXT, context)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(_("Domain:"), self.domain)
        form.addRow(_("Note:"), self.note)
        for code, line in self.definitions.items():
            form.addRow(_("Definition ({language}):").format(language=code) if code
                        else _("Definition:"), line)
        form.addRow(self.terms)
        form.addRow(buttons)

    def _cell(self, row: int, col: int) -> str:
        item = self.terms.item(row, col)
        return item.text() if item is not None else ""

    def save(self) -> None:
        """Write the entry whole, in one step (only what differs is touched), and close; a
        refused value leaves everything as it was and the dialog open."""
        definitions = {lang: field.text().strip() for lang, field in self.definitions.items()}
        terms = []
        for row, term in enumerate(self.concept.terms):
            text = self._cell(row, TEXT).strip()
            if not text:  # an emptied cell keeps the term as it was
                terms.append(term)
                continue
            terms.append(replace(term, text=text, status=str(self.statuses[row].currentData()),
                                 note=self._cell(row, NOTE), pos=self._cell(row, POS).strip(),
                                 context=self._cell(row, CONTEXT).strip()))
        try:
            changes = self.editor.edit_concept(int(self.concept.id or 0),
                                               domain=self.domain.text(), note=self.note.text(),
                                               definitions=definitions, terms=terms)
        except TarjumanError as exc:
            show_error(self, str(exc))
            return
        if self.hub is not None:
            self.hub.publish(changes)
        self.accept()
