"""Add a glossary term (Ctrl+T): one dialog, source and target prefilled (the target from the
editor's selection); a source term the glossary already has is offered as a variant."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from desktop_app.core.glossary.store import Concept
from desktop_app.gui.i18n import _


class AddTermDialog(QDialog):
    def __init__(self, parent: QWidget | None, source: str, target: str,
                 lookup: Callable[[str], list[Concept]], target_lang: str, target_rtl: bool):
        super().__init__(parent)
        self.setWindowTitle(_("Add term"))
        self.lookup = lookup
        self.existing = lookup(source)
        self.source = QLineEdit(source)
        self.target = QLineEdit(target)
        if target_rtl:
            self.target.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.as_variant = QCheckBox(_("Add as a variant of the existing entry"))
        self.as_variant.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(_("Source term:"), self.source)
        form.addRow(_("Target term:"), self.target)
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

    def show_existing(self, text: str | None = None) -> None:
        if text is not None:
            self.existing = self.lookup(text)
        self.warning.setVisible(bool(self.existing))
        self.as_variant.setVisible(bool(self.existing))
        if not self.existing:
            return
        targets = ", ".join(t.text for c in self.existing for t in c.terms_in(self.target_lang))
        self.warning.setText(_("The glossary already has this term: {targets}").format(
            targets="\u2068" + (targets or "—") + "\u2069"))

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
