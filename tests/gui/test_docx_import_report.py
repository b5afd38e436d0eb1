"""A Word file with tracked changes and comments opens with the import report in the
status bar: what was accepted and what is not translated is said, not hidden."""

from __future__ import annotations

from pathlib import Path

import docx

from desktop_app.gui.app import make_app
from desktop_app.gui.main_window import MainWindow
from tests.unit.test_docx_stories import TRACKED, with_body


def test_the_import_report_is_shown_when_the_document_opens(qtbot, tmp_path: Path) -> None:
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    doc = tmp_path / "changes.docx"
    doc.write_bytes(with_body(TRACKED))
    document = docx.Document(str(doc))
    document.add_comment(document.paragraphs[-1].runs, text="Check.", author="Editor")
    document.save(str(doc))
    assert window.open_path(doc, "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=20_000)
    # the comment's anchor is a tag, kept in place on export
    assert [s.source for s in window.session.segments] == ["Kept ⟨1/⟩inserted words moved here"]
    message = window.statusBar().currentMessage()
    assert "4 tracked changes" in message and "1 comment in the margin" in message, message
    assert "tracked changes" in window.statusBar().toolTip()
    window.close()
