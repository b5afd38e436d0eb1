"""QA at delivery: the gate on Ctrl+Enter for a segment with an error, the pre-flight
list an export shows first (open errors, untranslated segments), and the QA report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.errors import TarjumanError
from desktop_app.core.qa import report
from desktop_app.core.qa.review import Preflight
from desktop_app.core.textio import write_atomic
from desktop_app.gui import file_dialogs
from desktop_app.gui.dialogs.messages import ask, show_error
from desktop_app.gui.i18n import _, isolate, ngettext, number

if TYPE_CHECKING:
    from desktop_app.gui.main_window import MainWindow

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop


def _summary(found: Preflight) -> str:
    return _("{errors} and {untranslated} would be delivered unchecked.").format(
        errors=ngettext("{n} open QA error", "{n} open QA errors", len(found.errors)).format(
            n=number(len(found.errors))),
        untranslated=ngettext("{n} untranslated segment", "{n} untranslated segments",
                              len(found.untranslated)).format(n=number(len(found.untranslated))))


class PreflightDialog(QDialog):
    """Open errors and untranslated segments before an export, one line each; a line is
    a way back to its segment."""

    def __init__(self, parent: QWidget | None, found: Preflight, target_lang: str):
        super().__init__(parent)
        self.setObjectName("preflight-dialog")
        self.setWindowTitle(_("Before you export"))
        self.segment_id: int | None = None
        intro = QLabel(_summary(found))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Segment"), _("Problem"), _("Source"),
                                              _("Target")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        rtl = languages.get(target_lang).is_rtl
        lines = [(i.segment.id, f"{report.severity_name(i.severity)}: "
                  f"{report.check_name(i.finding.code)} — {i.finding.message}",
                  i.segment.source, i.segment.target) for i in found.errors]
        lines += [(s.id, _("untranslated"), s.source, "") for s in found.untranslated]
        self.ids: list[int] = []
        for n, (sid, problem, source, target) in enumerate(lines):
            self.table.insertRow(n)
            self.ids.append(sid)
            # each text isolated in its own direction: a Dari sentence's period on its left
            cells = (number(sid), problem, isolate(strip_tags(source)),
                     isolate(strip_tags(target)))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3 and rtl:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(n, col, item)
        self.table.resizeRowsToContents()
        self.table.itemDoubleClicked.connect(lambda _item: self._go())
        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton(_("&Export anyway (Ctrl+E)"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.go_button = buttons.addButton(_("&Go to segment"),
                                           QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton(_("&Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setDefault(True)
        self.go_button.clicked.connect(self._go)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 360)
        if lines:
            self.table.selectRow(0)
        self.table.setFocus()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        """Ctrl+E again (the export's own key) exports anyway; Enter on a line goes to its
        segment; Escape cancels."""
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_E and mods & (Qt.KeyboardModifier.ControlModifier
                                           | Qt.KeyboardModifier.AltModifier):
            self.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self._go()
        else:
            super().keyPressEvent(event)

    def _go(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.ids):
            self.segment_id = self.ids[row]
            self.reject()


def export_allowed(window: MainWindow) -> bool:
    """Before an export: nothing to report, or the translator chose to export anyway (or
    went back to a segment: False)."""
    session = window.session
    if session is None:
        return False
    found = session.preflight()
    if not found:
        return True
    dialog = PreflightDialog(window, found, session.project.target_lang)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if not accepted and dialog.segment_id is not None:
            window.go_to_row(session.row(dialog.segment_id))
        return accepted
    finally:
        dialog.deleteLater()
        window.activateWindow()  # the caret goes back where it was


def confirm_allowed(window: MainWindow, row: int, text: str | None) -> bool:
    """Ctrl+Enter on a segment with an error-severity finding: asked first, or refused,
    as the project's QA profile says."""
    session = window.session
    if session is None:
        return False
    blockers = session.confirm_blockers(row, text)
    gate = session.qa_profile.confirm_gate
    if not blockers or gate == "off":
        return True
    seg = session.segments[row]
    listed = "\n".join(f"• {report.check_name(f.code)}: {f.message}" for f in blockers)
    if gate == "refuse":
        show_error(window, _("Segment {n} is not confirmed: it has errors the project's QA "
                             "profile does not let through.\n{list}").format(
                                 n=number(seg.id), list=listed))
        return False
    return ask(window, _("Confirm with errors?"),
               _("Segment {n} has errors:\n{list}\nConfirm it anyway?").format(
                   n=number(seg.id), list=listed))


class QAReportDialog(QDialog):
    """The QA report in the window, as a reviewer gets it; saved as HTML or CSV."""

    def __init__(self, parent: QWidget | None, session: Any):
        super().__init__(parent)
        self.setObjectName("qa-report-dialog")
        self.setWindowTitle(_("QA report"))
        self.items = session.review_items()
        project = session.project
        self.title = project.document()[0]
        self.html = report.to_html(self.items, title=self.title,
                                   source_lang=project.source_lang,
                                   target_lang=project.target_lang)
        self.stem = Path(self.title).stem
        self.browser = QTextBrowser()
        self.browser.setHtml(self.html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("&Close"))
        save_html = QPushButton(_("Save as &HTML…"))
        save_csv = QPushButton(_("Save as &CSV…"))
        buttons.addButton(save_html, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(save_csv, QDialogButtonBox.ButtonRole.ActionRole)
        save_html.clicked.connect(lambda: self._save("html"))
        save_csv.clicked.connect(lambda: self._save("csv"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(900, 600)

    def save(self, path: Path, kind: str) -> None:
        data = self.html if kind == "html" else report.to_csv(self.items)
        write_atomic(path, data.encode("utf-8"))

    def _save(self, kind: str) -> None:
        path = file_dialogs.save_file(self, _("Save QA report"), "", f"{self.stem}.qa.{kind}")
        if not path:
            return
        try:
            self.save(Path(path), kind)
        except (TarjumanError, OSError) as exc:
            show_error(self, str(exc))
