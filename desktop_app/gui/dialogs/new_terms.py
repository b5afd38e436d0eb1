"""New terms (Tools ▸ New terms…): the names, acronyms and phrases of the document that are
not yet in a glossary, with spellings to choose from. Enter adds the selected one to the
project glossary with the chosen target; Delete marks it "not a term" for this project."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import languages
from desktop_app.core.i18n import number
from desktop_app.core.names.extract import (
    TermCandidate,
    mark_not_term,
    project_candidates,
    take_back_term,
)
from desktop_app.gui.changes_hub import hub_for
from desktop_app.gui.i18n import N_, _

KIND_LABELS = {"name": N_("name"), "acronym": N_("acronym"), "phrase": N_("phrase")}
FROM_LABELS = {"glossary": N_("glossary"), "tm": N_("TM"), "mt": N_("MT"),
               "transliteration": N_("transliteration")}
TERM, KIND, COUNT, STATE, SUGGESTION = range(5)


class NewTermsDialog(QDialog):
    def __init__(self, session: Any, parent: QWidget | None = None, *,
                 add: Callable[[str, str], Any] | None = None,
                 jump: Callable[[int], object] | None = None,
                 candidates: list[TermCandidate] | None = None):
        super().__init__(parent)
        self.setObjectName("new-terms")
        self.session = session
        self._add = add or (lambda term, target: session.add_term(term, target))
        self.steps: list[tuple[str, TermCandidate, Any]] = []  # what Ctrl+Z takes back
        self._jump = jump
        self.resize(760, 460)
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TERM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SUGGESTION, QHeaderView.ResizeMode.Stretch)
        self.target = QComboBox()
        self.target.setEditable(True)
        if languages.get(session.project.target_lang).is_rtl:
            self.target.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.show_known = QCheckBox()
        self.show_known.toggled.connect(self._fill)
        self.summary = QLabel()
        self.target_label = QLabel()
        self.target_label.setBuddy(self.target)
        self.add_button = QPushButton()
        self.skip_button = QPushButton()
        self.go_button = QPushButton()
        self.close_button = QPushButton()
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setEnabled(False)
        self.add_button.clicked.connect(self.add_current)
        self.skip_button.clicked.connect(self.not_a_term)
        self.go_button.clicked.connect(self.go_to_first)
        self.close_button.clicked.connect(self.close)
        self.add_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.target_label)
        row.addWidget(self.target, 1)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_known)
        buttons.addStretch(1)
        for b in (self.undo_button, self.go_button, self.skip_button, self.add_button,
                  self.close_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self.table.currentCellChanged.connect(lambda *_a: self._show_suggestions())
        self.table.installEventFilter(self)
        self.candidates = candidates if candidates is not None else project_candidates(session)
        self.retranslate()
        self._fill()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New terms"))
        self.table.setHorizontalHeaderLabels([_("Term"), _("Kind"), _("Count"),
                                              _("Glossary"), _("Suggested target")])
        self.target_label.setText(_("&Target:"))
        self.show_known.setText(_("&Show terms already in a glossary"))
        self.add_button.setText(_("&Add to glossary"))
        self.skip_button.setText(_("&Not a term"))
        self.go_button.setText(_("&Go to segment"))
        self.close_button.setText(_("&Close"))
        self.undo_button.setText(_("&Undo"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
        """Ctrl+Z in the list takes back the last add or "not a term" (the list would
        otherwise read it as a keyboard search)."""
        if (watched is self.table and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Z
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # ours, not the editor's Undo
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.undo()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() == Qt.Key.Key_Delete and not self.target.hasFocus():
            self.not_a_term()
            return
        super().keyPressEvent(event)

    # -- content -------------------------------------------------------------------------

    def shown(self) -> list[TermCandidate]:
        return [c for c in self.candidates if self.show_known.isChecked() or not c.in_glossary]

    def _fill(self) -> None:
        rows = self.shown()
        self.table.setRowCount(len(rows))
        for r, cand in enumerate(rows):
            first = cand.suggestions[0] if cand.suggestions else None
            cells = (cand.term, _(KIND_LABELS[cand.kind]), number(cand.count),
                     _("in glossary") if cand.in_glossary else _("new"),
                     f"{first.target}  ({_(FROM_LABELS[first.source])})" if first else "")
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == COUNT:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        new = sum(1 for c in self.candidates if not c.in_glossary)
        self.summary.setText(_("{new} new of {total} candidates; Enter adds the selected one "
                               "to the project glossary, Delete marks it not a term").format(
            new=number(new), total=number(len(self.candidates))))
        if rows:
            self.table.setCurrentCell(0, TERM)
        self._show_suggestions()

    def current(self) -> TermCandidate | None:
        rows = self.shown()
        r = self.table.currentRow()
        return rows[r] if 0 <= r < len(rows) else None

    def _show_suggestions(self) -> None:
        cand = self.current()
        self.target.clear()
        if cand is not None:
            self.target.addItems([s.target for s in cand.suggestions])
        for b in (self.add_button, self.skip_button, self.go_button):
            b.setEnabled(cand is not None)

    # -- actions -------------------------------------------------------------------------

    def add_current(self) -> None:
        cand = self.current()
        target = self.target.currentText().strip()
        if cand is None or not target:
            return
        concept = self._add(cand.term, target)
        cand.in_glossary = True
        self.steps.append(("add", cand, concept))
        self.undo_button.setEnabled(True)
        self._fill()

    def not_a_term(self) -> None:
        cand = self.current()
        if cand is None:
            return
        mark_not_term(self.session.project, cand.term)
        self.steps.append(("skip", cand, self.candidates.index(cand)))
        self.undo_button.setEnabled(True)
        self.candidates.remove(cand)
        self._fill()

    def undo(self) -> None:
        """Take back the last add (the term leaves the project glossary) or "not a term"."""
        if not self.steps:
            return
        kind, cand, data = self.steps.pop()
        if kind == "add":
            if data is not None:
                hub_for(self).publish(take_back_term(self.session, data))
            cand.in_glossary = False
        else:
            mark_not_term(self.session.project, cand.term, undo=True)
            self.candidates.insert(int(data), cand)
        self.undo_button.setEnabled(bool(self.steps))
        self._fill()
        rows = self.shown()
        if cand in rows:
            self.table.setCurrentCell(rows.index(cand), TERM)

    def go_to_first(self) -> None:
        cand = self.current()
        if cand is not None and self._jump is not None and cand.segments:
            self._jump(self.session.row(cand.segments[0]))


def open_new_terms(window: Any) -> NewTermsDialog | None:
    """Tools ▸ New terms…: the window's project, its add-term door and its grid."""
    if window.session is None:
        return None

    def add(term: str, target: str) -> Any:
        added: list[Any] = []

        def step() -> Any:
            added.append(window.session.add_term(term, target))
            return added[0]
        window.act(step)
        return added[0] if added else None

    dialog = NewTermsDialog(window.session, window, add=add,
                            jump=lambda row: window.go_to_row(row, edit=False))
    dialog.show()
    return dialog


def use_majority_spelling(window: Any) -> int:
    """Segment ▸ Use the majority spelling of a name: where the current segment writes a
    name otherwise than most segments do, every such segment gets the majority spelling
    (one undo step). Elsewhere, every name spelt two ways in the document. Returns how many
    names were made consistent."""
    from desktop_app.core.names.consistency import apply_majority, session_variances
    from desktop_app.gui.dialogs.messages import show_info

    if window.session is None:
        return 0
    window.commit_editor()
    variances = session_variances(window.session)
    row = window.current_row()
    here = [v for v in variances if any(row in r.rows for r in v.renderings)]
    chosen = here or variances
    if not chosen:
        show_info(window, _("Every name is spelt the same way in all segments."))
        return 0
    for variance in chosen:
        window.act(lambda v=variance: apply_majority(window.session, v))
    return len(chosen)
