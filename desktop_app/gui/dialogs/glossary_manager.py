"""Glossary manager: search, add, delete, import and export terms."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.core.errors import TarjumanError
from desktop_app.core.glossary import csvio, tbx
from desktop_app.core.glossary.labels import domain_label, glossary_label, status_label
from desktop_app.core.glossary.store import Concept, GlossarySet, Term
from desktop_app.gui import file_dialogs
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import _


class GlossaryManager(QDialog):
    def __init__(self, glossaries: GlossarySet, source_lang: str, target_lang: str,
                 parent: object = None):
        super().__init__(parent)  # type: ignore[arg-type]
        self.glossaries = glossaries
        self.source_lang, self.target_lang = source_lang, target_lang
        self.changed = False
        self.setWindowTitle(_("Glossary"))
        self.resize(760, 480)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search terms (spelling variants match)"))
        self.search.textChanged.connect(self.refresh)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Glossary"), _("Source"), _("Target"),
                                              _("Status"), _("Domain")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.new_source, self.new_target = QLineEdit(), QLineEdit()
        self.new_source.setPlaceholderText(_("Source term"))
        self.new_target.setPlaceholderText(_("Target term"))
        add = QPushButton(_("Add"))
        add.clicked.connect(self.add)
        delete = QPushButton(_("Delete"))
        delete.clicked.connect(self.delete)
        edit = QPushButton(_("Edit…"))
        edit.clicked.connect(self.edit)
        self.table.cellDoubleClicked.connect(lambda _row, _col: self.edit())
        imp, exp = QPushButton(_("Import…")), QPushButton(_("Export…"))
        imp.clicked.connect(self.import_file)
        exp.clicked.connect(self.export_file)
        row = QHBoxLayout()
        for w in (self.new_source, self.new_target, add, edit, delete, imp, exp):
            row.addWidget(w)
        from desktop_app.gui.dialogs.team_conflicts import add_conflicts_button

        self.conflicts_button = add_conflicts_button(self, row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.concepts: list[Concept] = []
        self.refresh()

    def refresh(self) -> None:
        query = self.search.text().strip()
        concepts = (self.glossaries.search(query, limit=500) if query
                    else list(self.glossaries.concepts())[:500])
        self.concepts = concepts
        self.table.setRowCount(len(concepts))
        for row, c in enumerate(concepts):
            src = c.preferred(self.source_lang)
            tgt = c.terms_in(self.target_lang)
            values = [glossary_label(c.glossary), src.text if src else "",
                      " | ".join(t.text for t in tgt),
                      _(", ").join(status_label(s) for s in sorted({t.status for t in tgt})),
                      domain_label(c.domain)]
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))

    def add(self) -> None:
        source, target = self.new_source.text().strip(), self.new_target.text().strip()
        if not source or not target:
            show_error(self, _("Give a source term and a target term."))
            return
        self.glossaries.writable.add_concept(Concept([Term(self.source_lang, source),
                                                      Term(self.target_lang, target)]))
        self.new_source.clear()
        self.new_target.clear()
        self.changed = True
        self.refresh()

    def edit(self) -> None:
        """Every field of an entry of your own glossary: terms, statuses, notes, domain."""
        from desktop_app.gui.dialogs.concept_editor import ConceptEditor

        row = self.table.currentRow()
        if not 0 <= row < len(self.concepts):
            return
        concept = self.concepts[row]
        if concept.glossary != self.glossaries.writable.name:
            show_error(self, _("Only terms of your own glossary can be edited."))
            return
        try:
            if ConceptEditor(self, self.glossaries.writable, concept).exec():
                self.changed = True
        except TarjumanError as exc:
            show_error(self, str(exc))
        self.refresh()

    def delete(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.concepts):
            return
        concept = self.concepts[row]
        if concept.glossary != self.glossaries.writable.name:
            show_error(self, _("Only terms of your own glossary can be deleted."))
            return
        self.glossaries.writable.remove_concept(concept.id or 0)
        self.changed = True
        self.refresh()

    def import_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Import glossary"), "",
                                                    file_dialogs.glossary_open())
        if not name:
            return
        path = Path(name)
        try:
            concepts = tbx.read(path).concepts if path.suffix.lower() == ".tbx" else \
                csvio.read(path)
            self.glossaries.writable.add_concepts(concepts)
        except TarjumanError as exc:
            show_error(self, str(exc))
            return
        self.changed = True
        self.refresh()

    def export_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Export glossary"), "",
                                                    file_dialogs.glossary_save())
        if not name:
            return
        path = Path(name)
        concepts = list(self.glossaries.writable.concepts())
        try:
            if path.suffix.lower() == ".csv":
                csvio.write(path, concepts)
            else:
                tbx.write(path.with_suffix(".tbx"), concepts, self.source_lang)
        except TarjumanError as exc:
            show_error(self, str(exc))
