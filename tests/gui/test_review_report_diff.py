"""The window's import-review report shows what the reviewer changed: removed words struck
out, added words underlined on green, in the target's own direction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox

from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from tests.gui.conftest import shown_window, text_runs
from tests.unit.test_review import edit_as_reviewer
from tests.unit.test_review_diff import AFTER, BEFORE

ISOLATES = " \u2066\u2067\u2068\u2069"


def _fragments(rich: str) -> list[tuple[str, bool, bool]]:
    """(text, struck out, underlined) of each run of the report as Qt lays it out."""
    doc = QTextDocument()
    doc.setHtml(rich)
    out = [(f.text().strip(ISOLATES), f.charFormat().fontStrikeOut(),
            f.charFormat().fontUnderline()) for f in text_runs(doc)]
    return [x for x in out if x[0]]


def test_review_report_strikes_out_removed_and_marks_added_words(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "p.tarjuman"
    project = Project.create(sample("panjshir.docx"), "dari", path=path)
    first = project.segments()[0]
    project.set_target(first.id, BEFORE)
    out = tmp_path / "review.docx"
    export(project, out, bilingual=True)
    project.close()
    edit_as_reviewer(out, {first.id: AFTER}, {first.id: "بهتر شد"})
    window = shown_window(qtbot)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    assert window.import_review_from(out)
    boxes = [b for b in window.findChildren(QMessageBox)
             if b.isVisible() and b.objectName() == "review-report"]
    assert boxes
    fragments = _fragments(boxes[-1].text())
    assert ("دره", True, False) in fragments  # removed: struck out
    assert ("مردم", False, True) in fragments and ("درهٔ", False, True) in fragments  # added
    assert ("پنجشیر ادامه دارد", False, False) in fragments  # kept: plain
    assert any("بهتر شد" in text for text, _s, _u in fragments)  # the comment
    assert any("1 target(s) and 1 comment(s)" in text for text, _s, _u in fragments)
    boxes[-1].grab().save(str(tmp_path / "report.png"))
