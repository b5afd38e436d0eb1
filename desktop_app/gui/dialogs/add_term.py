"""Add a glossary term (Ctrl+T): source and target (the source from a phrase selected in
the source, the target from the editor's selection; empty when nothing was selected), the
target's status, whether it is forbidden (a rendering never to use) and a note. A source
term the glossary already has is offered as a variant. The dialog is sized to its content
in every UI language."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop_app.core.glossary.labels import status_label
from desktop_app.core.glossary.store import Concept
from desktop_app.gui.i18n import _, isolate


class AddTermDialog(QDialog):
    def __init__(self, parent: QWidget | None, source: str, target: str,
                 lookup: Callable[[str], list[Concept]], target_lang: str, target_rtl: bool):
        super().__init__(parent)
        self.setWindowTitle(_("Add term"))
        self.lookup = lookup
        self.existing = lookup(source) if source else []
        self.source = QLineEdit(source)
        self.source.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.target = QLineEdit(target)
        if target_rtl:
            self.target.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.status = QComboBox()
        for value in ("preferred", "admitted"):
            self.status.addItem(status_label(value), value)
        self.forbidden = QCheckBox(_("Forbidden: a rendering never to use"))
        self.forbidden.toggled.connect(lambda on: self.status.setEnabled(not on))
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Where it applies, a source, a reason"))
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.as_variant = QCheckBox(_("Add as a variant of the existing entry"))
        self.as_variant.setChecked(True)
        self.as_variant.toggled.connect(self._variant_toggled)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Source term:"), self.source)
        form.addRow(_("Target term:"), self.target)
        form.addRow(_("Status:"), self.status)
        form.addRow("", self.forbidden)
        form.addRow(_("Note:"), self.note)
        form.addRow(self.warning)
        form.addRow(self.as_variant)
        form.addRow(buttons)
        self.target_lang = target_lang
        self.source.textEdited.connect(self.show_existing)
        self.spelling = QLabel()  # a name's spellings by transliteration, when it has no target
        self.spelling.setWordWrap(True)
        form.insertRow(2, self.spelling)
        self._suggested = ""
        self.source.textEdited.connect(self.suggest_spelling)
        self.suggest_spelling()
        self.show_existing()
        (self.source if not source else self.target).setFocus()
        if source and not target:
            self.source.selectAll()
        # room for a phrase and its rendering (never the 224x134 of the bare form)
        em = self.fontMetrics().horizontalAdvance("M")
        self.setMinimumWidth(max(40 * em, self.fontMetrics().horizontalAdvance(
            self.windowTitle()) + 160))
        self.resize(self.sizeHint().expandedTo(self.minimumSize()))

    def _variant_toggled(self, on: bool) -> None:
        self.status.setCurrentIndex(1 if on else 0)  # a variant is admitted by default

    def show_existing(self, text: str | None = None) -> None:
        if text is not None:
            self.existing = self.lookup(text) if text.strip() else []
        self.warning.setVisible(bool(self.existing))
        self.as_variant.setVisible(bool(self.existing))
        self._variant_toggled(bool(self.existing) and self.as_variant.isChecked())
        if not self.existing:
            return
        targets = ", ".join(t.text for c in self.existing for t in c.terms_in(self.target_lang))
        self.warning.setText(_("The glossary already has this term: {targets}").format(
            targets=isolate(targets or "—")))

    def suggest_spelling(self, _text: str = "") -> None:
        """A name with no target yet gets its transliteration, selected (typing replaces it),
        and the other likely spellings below."""
        from desktop_app.core.names.transliterate import looks_like_name, transliterate

        source = self.source.text().strip()
        untouched = not self.target.text().strip() or self.target.text() == self._suggested
        found = (transliterate(source, self.target_lang, 3)
                 if untouched and self.target_lang in ("prs", "ps") and looks_like_name(source)
                 and not self.lookup(source) else [])
        self.spelling.setVisible(bool(found))
        if not found:
            return
        self._suggested = found[0].target
        self.target.setText(self._suggested)
        self.target.selectAll()
        self.spelling.setText(_("Spelt by transliteration; other spellings: {others}").format(
            others="⁨" + ("، ".join(c.target for c in found[1:]) or "—") + "⁩"))

    def variant_of(self) -> Concept | None:
        return self.existing[0] if self.existing and self.as_variant.isChecked() else None

    def term_status(self) -> str:
        return "forbidden" if self.forbidden.isChecked() else str(self.status.currentData())
