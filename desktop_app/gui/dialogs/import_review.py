"""File > Import review: the reviewed file's name and one choice, whether the reviewed
targets come back confirmed (the CLI's ``--confirm``) or edited, for a last look."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app.gui.i18n import _, isolate


class ImportReviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, path: Path):
        super().__init__(parent)
        self.setObjectName("import-review-dialog")
        self.setWindowTitle(_("Import review"))
        intro = QLabel(_("Bring the reviewer's targets and comments from {file} into this "
                         "project.").format(file=isolate(path.name)))
        intro.setWordWrap(True)
        self.confirm = QCheckBox(_("Confirm the reviewed targets"))
        hint = QLabel(_("Unticked, changed targets come back as edited, for you to check "
                        "and confirm."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.confirm, hint, buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(420)


def ask_confirm_choice(parent: QWidget | None, path: Path) -> bool | None:
    """True to confirm the reviewed targets, False to leave them edited, None to cancel."""
    dialog = ImportReviewDialog(parent, path)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.confirm.isChecked()
    finally:
        dialog.deleteLater()
