"""Glossary manager: search, add, edit, delete, import and export terms, and undo (Ctrl+Z)
and redo the last glossary steps. Every change goes through the glossary's door
(:class:`~desktop_app.core.glossary.editor.GlossaryEditor`) and what it returns is published
on the window's :class:`~desktop_app.gui.changes_hub.ChangesHub`, which is also how this
list learns of a term added elsewhere (Ctrl+T)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.core.errors import TarjumanError
from desktop_app.core.glossary import csvio, tbx
from desktop_app.core.glossary.editor import GlossaryChanges, GlossaryEditor
from desktop_app.core.glossary.labels import domain_label, glossary_label, status_label
from desktop_app.core.glossary.store import Concept, GlossarySet, Term
from desktop_app.gui import file_dialogs
from desktop_app.gui.changes_hub import ChangesHub, hub_for, touches_glossary
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import _


class GlossaryManager(QDialog):
    def __init__(self, glossaries: GlossarySet, source_lang: str, target_lang: str,
                 parent: object = None, *, editor: GlossaryEditor | None = None,
                 hub: ChangesHub | None = None):
        super().__init__(parent)  # type: ignore[arg-type]
        self.glossaries = glossaries
        self.editor = editor or GlossaryEditor(glossaries.writable)
        self.hub = hub or hub_for(self)
        self.changes_hub = self.hub  # what its own dialogs (conflicts, editor) publish on
        self.hub.changed.connect(self._changed)
        self._listening = True
        self.source_lang, self.target_lang = source_lang, target_lang
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
        self.undo_button, self.redo_button = QPushButton(_("&Undo")), QPushButton(_("&Redo"))
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        for keys, slot in ((QKeySequence.StandardKey.Undo, self.undo),
                           (QKeySequence.StandardKey.Redo, self.redo)):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.installEventFilter(self)  # in the list, Ctrl+Z is ours (not a search)
        row = QHBoxLayout()
        for w in (self.new_source, self.new_target, add, edit, delete, self.undo_button,
                  self.redo_button, imp, exp):
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
        self.undo_button.setEnabled(self.editor.can_undo())
        self.redo_button.setEnabled(self.editor.can_redo())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        if watched is self.table and isinstance(event, QKeyEvent):
            for keys, slot in ((QKeySequence.StandardKey.Undo, self.undo),
                               (QKeySequence.StandardKey.Redo, self.redo)):
                if not event.matches(keys):
                    continue
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                if event.type() == QEvent.Type.KeyPress:
                    slot()
                    return True
        return super().eventFilter(watched, event)

    def _changed(self, changes: object) -> None:
        if touches_glossary(changes):
            self.refresh()

    def _do(self, call: Callable[[], GlossaryChanges]) -> GlossaryChanges | None:
        """One glossary step; what it changed goes to every view (this list included)."""
        try:
            changes = call()
        except TarjumanError as exc:
            show_error(self, str(exc))
            return None
        self.hub.publish(changes)
        return changes

    def add(self) -> None:
        source, target = self.new_source.text().strip(), self.new_target.text().strip()
        if not source or not target:
            show_error(self, _("Give a source term and a target term."))
            return
        if self._do(lambda: self.editor.add_concept(Concept([Term(self.source_lang, source),
                                                             Term(self.target_lang, target)]))):
            self.new_source.clear()
            self.new_target.clear()

    def _own(self, message: str) -> Concept | None:
        """The selected concept, if it is of the writable glossary (else ``message``)."""
        row = self.table.currentRow()
        if not 0 <= row < len(self.concepts):
            return None
        concept = self.concepts[row]
        if concept.glossary != self.editor.glossary.name:
            show_error(self, message)
            return None
        return concept

    def edit(self) -> None:
        """Every field of an entry of your own glossary: terms, statuses, notes, domain."""
        from desktop_app.gui.dialogs.concept_editor import ConceptEditor

        concept = self._own(_("Only terms of your own glossary can be edited."))
        if concept is not None:
            ConceptEditor(self, self.editor, concept, hub=self.hub).exec()

    def delete(self) -> None:
        concept = self._own(_("Only terms of your own glossary can be deleted."))
        if concept is not None:
            self._do(lambda: self.editor.delete_concept(int(concept.id or 0)))

    def undo(self) -> None:
        self._do(self.editor.undo)

    def redo(self) -> None:
        self._do(self.editor.redo)

    def import_file(self) -> None:
        name = file_dialogs.open_file(self, _("Import glossary"), file_dialogs.glossary_open())
        if name:
            self._do(lambda: self.editor.import_file(Path(name)))

    def done(self, code: int) -> None:
        if self._listening:  # closed: the window's later changes are not ours to show
            self._listening = False
            self.hub.changed.disconnect(self._changed)
        super().done(code)

    def export_file(self) -> None:
        name = file_dialogs.save_file(self, _("Export glossary"), file_dialogs.glossary_save())
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
