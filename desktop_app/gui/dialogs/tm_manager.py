"""Tools > Translation memory: browse and search the units (folded, half-space-aware), see
where each came from, who confirmed it and when; edit a source or target in place, delete
(Del) and undo (Ctrl+Z) through :class:`~desktop_app.core.tm_manager.TmEditor`; import and
export TMX as background jobs with progress and cancel."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.core import languages
from desktop_app.core.i18n import isolate, ngettext
from desktop_app.core.tm import TranslationMemory, origin_label
from desktop_app.core.tm_manager import TmChanges, TmEditor, Unit
from desktop_app.gui import file_dialogs, jobs
from desktop_app.gui.changes_hub import hub_for
from desktop_app.gui.dialogs.messages import show_error
from desktop_app.gui.i18n import N_, _, number

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

SIDE_LABELS = (("both", N_("Source and target")), ("source", N_("Source")),
               ("target", N_("Target")))
SHOWN = 500


class TmManager(QDialog):
    def __init__(self, parent: Any = None, source_lang: str = "en", target_lang: str = "prs",
                 tm_path: Path | None = None):
        super().__init__(parent)
        self.source_lang, self.target_lang = source_lang, target_lang
        self.tm_path = tm_path
        self.editor = TmEditor(TranslationMemory(tm_path))
        self.units: list[Unit] = []
        self.op: jobs.Op[Any] | None = None
        self.setWindowTitle(_("Translation memory"))
        self.resize(980, 560)
        self.query = QLineEdit()
        self.query.setPlaceholderText(_("Search the source and target (spelling variants and "
                                        "half-spaces are found too)"))
        self.query.setClearButtonEnabled(True)
        self.side = QComboBox()
        for key, label in SIDE_LABELS:
            self.side.addItem(_(label), key)
        self.summary = QLabel()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([_("Source"), _("Target"), _("From"),
                                              _("Author"), _("Date")])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.itemChanged.connect(self._edited)
        self.delete_button = QPushButton(_("&Delete"))
        self.undo_button = QPushButton(_("&Undo"))
        self.redo_button = QPushButton(_("&Redo"))
        self.import_button = QPushButton(_("&Import TMX…"))
        self.export_button = QPushButton(_("E&xport TMX…"))
        self.cancel_button = QPushButton(_("Cancel"))
        self.close_button = QPushButton(_("Close"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.import_button.clicked.connect(self.ask_import)
        self.export_button.clicked.connect(self.ask_export)
        self.cancel_button.clicked.connect(self.cancel_job)
        self.close_button.clicked.connect(self.reject)
        for keys, slot in ((QKeySequence.StandardKey.Delete, self.delete_selected),
                           (QKeySequence.StandardKey.Undo, self.undo),
                           (QKeySequence.StandardKey.Redo, self.redo)):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.side)
        bottom = QHBoxLayout()
        for button in (self.delete_button, self.undo_button, self.redo_button,
                       self.import_button, self.export_button):
            bottom.addWidget(button)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(0)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.query.textChanged.connect(self.refresh)
        self.side.currentIndexChanged.connect(self.refresh)
        self.refresh()
        self.query.setFocus()

    # -- listing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        query, side = self.query.text(), str(self.side.currentData())
        self.units = self.editor.search(query, side=side, limit=SHOWN)
        total = self.editor.count(query, side=side)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.units))
        for row, unit in enumerate(self.units):
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(unit.created)) \
                if unit.created else ""
            if languages.ui_language() != "en":
                when = isolate(languages.to_native_digits(when))
            for col, text in enumerate((unit.source, unit.target, origin_label(unit.origin),
                                        unit.author, when)):
                item = QTableWidgetItem(isolate(text) if col < 2 else text)
                if col > 1:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if col == 1 and languages.get(unit.target_lang).is_rtl:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignAbsolute
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self.summary.setText(ngettext("{shown} of {total} unit", "{shown} of {total} units",
                                      total).format(shown=number(len(self.units)),
                                                    total=number(total)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(self.editor.can_undo())
        self.redo_button.setEnabled(self.editor.can_redo())
        busy = self.op is not None
        for button in (self.import_button, self.export_button):
            button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)

    # -- changes through the editor ----------------------------------------------------------

    def _do(self, call: Any) -> TmChanges | None:
        try:
            changes: TmChanges = call()
        except Exception as exc:  # one sentence in one dialog
            show_error(self, jobs.message(exc))
            self.refresh()
            return None
        self.refresh()
        hub_for(self).publish(changes)  # the TM dock shows the unit as it now is
        return changes

    def _edited(self, item: QTableWidgetItem) -> None:
        row, col = item.row(), item.column()
        if row >= len(self.units) or col > 1:
            return
        unit = self.units[row]
        text = item.text().removeprefix("\u2068").removesuffix("\u2069")
        self._do(lambda: self.editor.edit(unit.id, source=text) if col == 0
                 else self.editor.edit(unit.id, target=text))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectedIndexes()})
        return [self.units[r].id for r in rows if r < len(self.units)]

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            changes = self._do(lambda: self.editor.delete(ids))
            if changes:
                self.summary.setText(ngettext(
                    "deleted {n} unit (Ctrl+Z puts it back)",
                    "deleted {n} units (Ctrl+Z puts them back)",
                    len(changes.deleted)).format(n=number(len(changes.deleted))))

    def undo(self) -> None:
        self._do(self.editor.undo)

    def redo(self) -> None:
        self._do(self.editor.redo)

    # -- TMX as background jobs --------------------------------------------------------------

    def ask_import(self) -> None:
        name = file_dialogs.open_file(self, _("Import TMX"), file_dialogs.tmx(any_file=True))
        if name:
            self.import_tmx(Path(name))

    def ask_export(self) -> None:
        name = file_dialogs.save_file(self, _("Export TMX"), file_dialogs.tmx(), "memory.tmx")
        if name:
            self.export_tmx(Path(name))

    def _start(self, work: Any, done: Any) -> None:
        self.op = (jobs.Op(work, key="tm-manager").success(done).failure(self._failed)
                   .progress(lambda n: self.summary.setText(
                       _("{n} units read…").format(n=number(int(n)))))
                   .finished(self._job_over).run_in_background())
        self._update_buttons()

    def import_tmx(self, path: Path) -> None:
        src, tgt, tm_path = self.source_lang, self.target_lang, self.tm_path

        def work(ctx: jobs.Context) -> Any:
            with TranslationMemory(tm_path) as tm:
                return tm.import_tmx_report(path, src, tgt, on_progress=ctx.report,
                                            cancelled=ctx.cancelled)

        def done(report: Any) -> None:
            self.refresh()
            self.summary.setText(ngettext("imported {added} translation unit from {name}",
                                          "imported {added} translation units from {name}",
                                          report.stored).format(added=number(report.stored),
                                                                name=path.name))

        self._start(work, done)

    def export_tmx(self, path: Path) -> None:
        from desktop_app.core.textio import check_output, write_atomic

        src, tgt, tm_path = self.source_lang, self.target_lang, self.tm_path

        def work(ctx: jobs.Context) -> Path:
            check_output(path)
            with TranslationMemory(tm_path) as tm:
                data = tm.export_tmx(src, tgt, on_progress=ctx.report,
                                     cancelled=ctx.cancelled)
            write_atomic(path, data)
            return path

        self._start(work, lambda p: self.summary.setText(_("wrote {file}").format(file=p)))

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(jobs.message(exc))

    def _job_over(self) -> None:
        self.op = None
        self._update_buttons()

    def cancel_job(self) -> None:
        if self.op is not None:
            self.op.cancel()

    def done(self, code: int) -> None:
        self.cancel_job()
        self.editor.close()
        super().done(code)


def open_tm_manager(window: MainWindow) -> None:
    """Tools > Translation memory, for the open project's language pair (or English to
    Dari)."""
    session = window.session
    pair = (session.project.source_lang, session.project.target_lang) if session else ("en",
                                                                                     "prs")
    TmManager(window, *pair).exec()
