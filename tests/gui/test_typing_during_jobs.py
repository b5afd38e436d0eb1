"""What the translator types into the open segment is never replaced by a background job's
results (pretranslation lands a batch on the row being edited)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from tests.gui.test_daily_loop import article, open_doc, window  # noqa: F401


def type_text(widget: QWidget, text: str) -> None:
    """Key presses carrying Dari letters (QTest.keyClicks takes ASCII only)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                     ch))


def test_a_batch_landing_on_the_open_segment_keeps_what_was_typed(window, qtbot,  # noqa: F811
                                                                   tmp_path) -> None:
    open_doc(window, qtbot, article(tmp_path, "One.\n\nTwo.\n"))
    window.go_to_row(1)
    editor = window.view.editor()
    assert editor is not None
    type_text(editor, "متن من")
    assert editor.text() == "متن من"
    # the job's own connection fills the still-new segment, then the window repaints it
    path = window.session.project.path
    sid = window.session.segments[1].id
    with Project.open(path) as other:
        assert other.apply_machine([(sid, "ماشین", "mt:test")]) == 1
    window.apply(window.session.refresh_ids([sid]), qa=False)
    editor = window.view.editor()
    assert editor is not None and editor.text() == "متن من"
    window.move_by(1)  # Ctrl+Down saves the open edit
    seg = window.session.segments[1]
    assert (seg.target, seg.status) == ("متن من", Status.EDITED)
    assert seg.mt_text == "ماشین"  # the MT stays as a suggestion


def test_an_untouched_open_segment_shows_the_batch_that_lands(window, qtbot,  # noqa: F811
                                                              tmp_path) -> None:
    open_doc(window, qtbot, article(tmp_path, "One.\n\nTwo.\n"))
    window.go_to_row(1)
    path = window.session.project.path
    sid = window.session.segments[1].id
    with Project.open(path) as other:
        other.apply_machine([(sid, "ماشین", "mt:test")])
    window.apply(window.session.refresh_ids([sid]), qa=False)
    editor = window.view.editor()
    assert editor is not None and editor.text() == "ماشین"
