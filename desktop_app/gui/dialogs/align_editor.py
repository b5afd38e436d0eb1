"""Tools > Align documents: an English document and its Dari or Pashto translation become
sentence links to check and fix, then translation memory units (origin ``aligned``).

Keys on the link list: Alt+Down takes the next link's first target sentence into this
link, Alt+Up gives this link's last target sentence to the next (with Shift: the source
side); Ctrl+J joins a link with the next, Ctrl+B splits it, Ctrl+Return confirms it and
goes on, Ctrl+Z undoes. Links the aligner is unsure of are tinted.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.core import languages
from desktop_app.core.align.document import Alignment, align_files
from desktop_app.core.i18n import isolate, ngettext
from desktop_app.gui import file_dialogs, jobs
from desktop_app.gui.i18n import _, in_ui_direction, number, percent

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

UNSURE = 0.5  # links below this confidence are tinted
TINT = QColor("#ffe9c7")


class AlignDialog(QDialog):
    def __init__(self, parent: Any = None, source: Path | None = None,
                 target: Path | None = None, target_lang: str = "prs"):
        super().__init__(parent)
        self.alignment: Alignment | None = None
        self.op: jobs.Op[Alignment] | None = None
        self.setWindowTitle(_("Align a document with its translation"))
        self.resize(1000, 620)
        self.source_path = QLineEdit(str(source) if source else "")
        self.target_path = QLineEdit(str(target) if target else "")
        self.language = QComboBox()
        for code in ("prs", "ps"):
            self.language.addItem(languages.get(code).display_name(), code)
        self.language.setCurrentIndex(max(0, self.language.findData(target_lang)))
        browse_source = QPushButton(_("&English document…"))
        browse_target = QPushButton(_("&Translation…"))
        browse_source.clicked.connect(lambda: self._browse(self.source_path))
        browse_target.clicked.connect(lambda: self._browse(self.target_path))
        self.align_button = QPushButton(_("&Align"))
        self.align_button.clicked.connect(self.start)
        self.summary = QLabel(_("Choose the English document and its translation, then "
                                "Align."))
        self.summary.setWordWrap(True)
        self.help = QLabel(in_ui_direction(_(
            "Alt+Down/Alt+Up: move the target boundary (with Shift: the source boundary) · "
            "Ctrl+J: join with the next · Ctrl+B: split · Ctrl+Return: confirm · "
            "Ctrl+Z: undo")))
        self.help.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("English"), _("Translation"), _("Link"),
                                              _("Confidence")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.store_button = QPushButton(_("Add to translation &memory"))
        self.store_button.clicked.connect(self.store)
        self.close_button = QPushButton(_("Close"))
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (
                ("Alt+Down", lambda: self.move_boundary("target", True)),
                ("Alt+Up", lambda: self.move_boundary("target", False)),
                ("Alt+Shift+Down", lambda: self.move_boundary("source", True)),
                ("Alt+Shift+Up", lambda: self.move_boundary("source", False)),
                ("Ctrl+J", self.join), ("Ctrl+B", self.split),
                ("Ctrl+Return", self.confirm), ("Ctrl+Z", self.undo)):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        files = QHBoxLayout()
        files.addWidget(browse_source)
        files.addWidget(self.source_path, 1)
        files.addWidget(browse_target)
        files.addWidget(self.target_path, 1)
        files.addWidget(self.language)
        files.addWidget(self.align_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.store_button)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(files)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.help)
        layout.addLayout(bottom)
        self.store_button.setEnabled(False)

    def _browse(self, field: QLineEdit) -> None:
        name = file_dialogs.open_file(self, _("Choose a document"), file_dialogs.documents(),
                                      field.text())
        if name:
            field.setText(name)

    # -- aligning ------------------------------------------------------------------------

    def start(self) -> None:
        source, target = Path(self.source_path.text()), Path(self.target_path.text())
        lang = str(self.language.currentData())
        self.summary.setText(_("Aligning…"))
        self.align_button.setEnabled(False)
        self.op = (jobs.Op(lambda _ctx: align_files(source, target, lang), key="align")
                   .success(self.show_alignment).failure(self._failed)
                   .finished(lambda: self.align_button.setEnabled(True))
                   .run_in_background())

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(jobs.message(exc))

    def show_alignment(self, alignment: Alignment) -> None:
        self.alignment = alignment
        self.store_button.setEnabled(True)
        self.refresh()
        self.table.setCurrentCell(0, 0)
        self.table.setFocus()

    def refresh(self) -> None:
        alignment = self.alignment
        if alignment is None:
            return
        rtl = languages.get(alignment.target_lang).is_rtl
        self.table.setRowCount(len(alignment.links))
        for row, link in enumerate(alignment.links):
            cells = (isolate(alignment.source_text(link)), isolate(alignment.target_text(link)),
                     link.kind + (" ✓" if link.confirmed else ""),
                     percent(round(link.confidence * 100)))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1 and rtl:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignAbsolute
                                          | Qt.AlignmentFlag.AlignVCenter)
                if link.confidence < UNSURE and not link.confirmed:
                    item.setBackground(QBrush(TINT))
                    item.setForeground(QBrush(QColor("#1f1f1f")))
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        unsure = sum(1 for k in alignment.links if k.confidence < UNSURE and not k.confirmed)
        self.summary.setText(
            ngettext("{n} link", "{n} links", len(alignment.links)).format(
                n=number(len(alignment.links))) + " · " +
            ngettext("{n} to check (tinted)", "{n} to check (tinted)", unsure).format(
                n=number(unsure)))

    # -- fixing --------------------------------------------------------------------------

    def current(self) -> int:
        return max(0, self.table.currentRow())

    def _redo_view(self, row: int) -> None:
        self.refresh()
        if self.alignment is not None and self.alignment.links:
            self.table.setCurrentCell(min(row, len(self.alignment.links) - 1), 0)

    def move_boundary(self, side: str, down: bool) -> None:
        if self.alignment is not None:
            row = self.current()
            self.alignment.move(row, side, down)
            self._redo_view(row)

    def join(self) -> None:
        if self.alignment is not None:
            row = self.current()
            self.alignment.join(row)
            self._redo_view(row)

    def split(self) -> None:
        if self.alignment is not None:
            row = self.current()
            self.alignment.split(row)
            self._redo_view(row)

    def confirm(self) -> None:
        if self.alignment is not None and self.alignment.links:
            row = self.current()
            self.alignment.confirm(row)
            self._redo_view(row + 1)

    def undo(self) -> None:
        if self.alignment is not None and self.alignment.undo():
            self._redo_view(self.current())

    def store(self) -> None:
        if self.alignment is None:
            return
        try:
            stored = self.alignment.to_tm()
        except Exception as exc:  # one sentence
            self.summary.setText(jobs.message(exc))
            return
        self.summary.setText(ngettext(
            "{n} unit added to the translation memory (origin: aligned)",
            "{n} units added to the translation memory (origin: aligned)", stored).format(
                n=number(stored)))

    def done(self, code: int) -> None:
        if self.op is not None:
            self.op.cancel()
        super().done(code)


def open_align(window: MainWindow) -> None:
    """Tools > Align documents, for the open project's target language (or Dari)."""
    session = window.session
    lang = session.project.target_lang if session is not None else "prs"
    AlignDialog(window, target_lang=lang if lang in ("prs", "ps") else "prs").exec()
