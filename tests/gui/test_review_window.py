"""The review round trip from the editor: export the review docx, bring it back."""

from __future__ import annotations

from pathlib import Path

import docx

from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.models.segments import TARGET
from tests.gui import test_editor
from tests.unit.test_review import edit_as_reviewer

window = test_editor.window  # the editor window fixture


def test_review_docx_round_trip_in_the_window(window: MainWindow, qtbot,
                                              tmp_path: Path) -> None:
    assert window.open_path(sample("panjshir.docx"), "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    assert window.registry["import_review"].isEnabled()
    out = tmp_path / "review.docx"
    assert window.export_to(out, bilingual=True)  # written by a background job
    qtbot.waitUntil(lambda: window.job is None and out.exists(), timeout=30_000)
    edit_as_reviewer(out, {1: "مقاومت در دره پنجشیر"}, {1: "عنوان خوب است"})
    assert window.import_review_from(out)
    seg = window.session.segments[0]
    assert (seg.target, seg.status, seg.note) == ("مقاومت در دره پنجشیر", Status.EDITED,
                                                  "عنوان خوب است")
    assert window.model.index(0, TARGET).data() == "مقاومت در دره پنجشیر"
    # a damaged file: a dialog, nothing changed
    document = docx.Document(str(out))
    document.tables[0]._tbl.remove(document.tables[0].rows[-1]._tr)
    document.save(str(out))
    assert not window.import_review_from(out)
    assert window.session.project.segment(seg.id).target == "مقاومت در دره پنجشیر"


def _review_file(window: MainWindow, qtbot, tmp_path: Path) -> Path:
    assert window.open_path(sample("panjshir.docx"), "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    out = tmp_path / "review.docx"
    assert window.export_to(out, bilingual=True)
    qtbot.waitUntil(lambda: window.job is None and out.exists(), timeout=30_000)
    edit_as_reviewer(out, {1: "مقاومت در دره پنجشیر"}, {})
    return out


def _import_from_menu(window: MainWindow, monkeypatch, path: Path, *, tick: bool,
                      accept: bool = True) -> list[str]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui import file_dialogs
    from desktop_app.gui.dialogs.import_review import ImportReviewDialog

    monkeypatch.setattr(file_dialogs, "open_file", lambda *a, **k: str(path))
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ImportReviewDialog)
        seen.append(dialog.windowTitle())
        dialog.confirm.setChecked(tick)
        dialog.accept() if accept else dialog.reject()

    QTimer.singleShot(0, answer)
    window.registry["import_review"].trigger()
    return seen


def test_import_review_can_confirm_the_reviewed_targets(window: MainWindow, qtbot, monkeypatch,
                                                        tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    out = _review_file(window, qtbot, tmp_path)
    assert _import_from_menu(window, monkeypatch, out, tick=True) == ["Import review"]
    seg = window.session.segments[0]
    assert (seg.target, seg.status) == ("مقاومت در دره پنجشیر", Status.CONFIRMED)
    assert window.session.project.segment(seg.id).status == Status.CONFIRMED
    report = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert report and "confirmed" in report[-1].text()  # the report, shown after


def test_import_review_unticked_leaves_targets_edited_and_cancel_changes_nothing(
        window: MainWindow, qtbot, monkeypatch, tmp_path: Path) -> None:
    out = _review_file(window, qtbot, tmp_path)
    before = window.session.segments[0].target
    assert _import_from_menu(window, monkeypatch, out, tick=True, accept=False)
    assert window.session.segments[0].target == before  # cancelled: nothing read
    assert _import_from_menu(window, monkeypatch, out, tick=False)
    assert window.session.segments[0].status == Status.EDITED
