"""The filter line above the grid: text to look for in the source and/or the target
(spelling variants folded, plain, or a regular expression), QA issues only, notes only,
and the target's origin. It builds a core GridFilter and says when it changed; a bad
regular expression is shown on the field and filters nothing until it is fixed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from desktop_app.core.errors import InputError
from desktop_app.core.grid_filter import GridFilter
from desktop_app.gui.i18n import N_, _

SIDES = (("both", N_("Source and target")), ("source", N_("Source")),
         ("target", N_("Target")))
MODES = (("folded", N_("Contains (spelling variants alike)")), ("contains", N_("Contains")),
         ("regex", N_("Regular expression")))
ORIGINS = (("", N_("Any origin")), ("mt", N_("Machine translation")),
           ("tm", N_("Translation memory")), ("propagated", N_("Propagated")),
           ("user", N_("Translator")))


class FilterBar(QWidget):
    changed = Signal(object)  # a GridFilter, without the status (the window adds it)

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setObjectName("filter-text")
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(170)
        self.text.setMaximumWidth(260)
        self.side, self.mode, self.origin = QComboBox(), QComboBox(), QComboBox()
        self.qa_only, self.notes_only = QCheckBox(), QCheckBox()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        for widget in (self.text, self.side, self.mode, self.origin, self.qa_only,
                       self.notes_only):
            layout.addWidget(widget)
        self.timer = QTimer(self)  # typing refilters once the translator pauses
        self.timer.setSingleShot(True)
        self.timer.setInterval(200)
        self.timer.timeout.connect(self.refilter)
        self.text.textChanged.connect(lambda _t: self.timer.start())
        for box in (self.side, self.mode, self.origin):
            box.currentIndexChanged.connect(lambda _i: self.refilter())
        for check in (self.qa_only, self.notes_only):
            check.toggled.connect(lambda _c: self.refilter())
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setPlaceholderText(_("Filter: text in source or target…"))
        for box, items in ((self.side, SIDES), (self.mode, MODES), (self.origin, ORIGINS)):
            current = max(0, box.currentIndex())
            box.blockSignals(True)
            box.clear()
            for _key, label in items:
                box.addItem(_(label))
            box.setCurrentIndex(current)
            box.blockSignals(False)
        self.qa_only.setText(_("QA issues only"))
        self.notes_only.setText(_("With notes only"))

    def clear(self) -> None:
        """Everything shown again (without saying so: the caller sets the proxy)."""
        widgets = (self.text, self.side, self.mode, self.origin, self.qa_only,
                   self.notes_only)
        for widget in widgets:
            widget.blockSignals(True)
        self.text.clear()
        for box in (self.side, self.mode, self.origin):
            box.setCurrentIndex(0)
        self.qa_only.setChecked(False)
        self.notes_only.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.timer.stop()

    def current(self, status: str = "all") -> GridFilter:
        """The filter as set (raises InputError for a bad regular expression)."""
        return GridFilter(status=status, text=self.text.text(),
                          side=SIDES[max(0, self.side.currentIndex())][0],
                          mode=MODES[max(0, self.mode.currentIndex())][0],
                          qa_only=self.qa_only.isChecked(),
                          notes_only=self.notes_only.isChecked(),
                          origin=ORIGINS[max(0, self.origin.currentIndex())][0])

    def refilter(self) -> None:
        try:
            grid = self.current()
        except InputError as exc:
            self.text.setStyleSheet("QLineEdit { background: #fde7e7; }")
            self.text.setToolTip(str(exc))
            return
        self.text.setStyleSheet("")
        self.text.setToolTip("")
        self.changed.emit(grid)
