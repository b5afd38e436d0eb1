"""The translator's daily loop in the real window, offscreen: each numbered problem of the
editor (reopening, keyboard, row heights, direction, tags, export, no model, SIGTERM)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.gui.app import make_app
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.models.segments import NUM, QA, SOURCE, STATUS, TARGET
from tests.gui.conftest import docks_follow, shown_window


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = shown_window(qtbot)
    yield win
    win.close()


def open_doc(window: MainWindow, qtbot, path: Path) -> None:
    assert window.open_path(path, "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=20_000)


def type_text(widget, text: str) -> None:
    """Key presses carrying Dari text (QTest's keyClicks knows only ASCII)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))


def article(tmp_path: Path, text: str) -> Path:
    doc = tmp_path / "article.txt"
    doc.write_text(text, encoding="utf-8")
    return doc


LONG = ("The Northern Alliance, led for years by Ahmad Shah Massoud and later by his son "
        "Ahmad Massoud, held the Panjshir valley against every offensive, while Amrullah "
        "Saleh declared himself the caretaker president from a house near the river and "
        "asked the United Nations and the United States for help that never came.")


def test_reopening_a_document_opens_its_project(window: MainWindow, qtbot, tmp_path) -> None:
    doc = article(tmp_path, "The valley is quiet.\n\nKabul is far.\n")
    open_doc(window, qtbot, doc)
    first = window.session.project.path
    window.confirm_and_next()  # nothing to confirm: one dialog, nothing changed
    window.edit_segment(0, "دره آرام است.")
    window.go_to_row(0)
    window.confirm_and_next()
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.open_path(doc, "dari")
    assert again.session is None and again.job is not None  # read in the background
    qtbot.waitUntil(lambda: again.session is not None and again.job is None, timeout=20_000)
    assert again.session.project.path == first
    assert again.session.segments[0].status == Status.CONFIRMED
    assert "Continuing your project" in again.statusBar().currentMessage()
    again.close()


def test_the_cursor_lives_in_the_target(window: MainWindow, qtbot, tmp_path) -> None:
    doc = article(tmp_path, "One.\n\nTwo.\n\nThree.\n")
    open_doc(window, qtbot, doc)
    s = window.session
    s.project.apply_machine([(seg.id, f"ماشین {n}", "mt:test") for n, seg in
                             enumerate(s.segments)])
    window.apply(s.refresh_ids([seg.id for seg in s.segments]))
    window.go_to_row(0)
    editor = window.view.editor()
    assert editor is not None and editor.hasFocus()
    assert window.view.currentIndex().column() == TARGET
    # typing into an unreviewed MT target replaces it (all of it is selected)
    type_text(editor, "د")
    assert editor.toPlainText() == "د"
    # Ctrl+Down saves and keeps editing the next target
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert s.segments[0].target == "د" and s.segments[0].status == Status.EDITED
    assert window.current_row() == 1
    editor = window.view.editor()
    assert editor is not None and editor.hasFocus()
    # an arrow key keeps the MT for editing: the caret goes into the text, nothing lost
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, "!")
    assert editor.toPlainText() == "ماشین 1!"
    # Escape reverts the open edit
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert s.segments[1].target == "ماشین 1"
    # clicking the source column still puts the cursor in the target
    window.view.setCurrentIndex(window.proxy.index(2, SOURCE))
    qtbot.waitUntil(lambda: window.view.currentIndex().column() == TARGET)
    assert window.current_row() == 2


def test_rows_fit_their_content_and_side_columns_are_narrow(window: MainWindow, qtbot,
                                                            tmp_path) -> None:
    doc = article(tmp_path, f"Short.\n\n{LONG}\n\nAlso short.\n")
    open_doc(window, qtbot, doc)
    view = window.view
    qtbot.waitUntil(lambda: view.rowHeight(1) > 2 * view.rowHeight(0))
    delegate = view.itemDelegateForColumn(SOURCE)
    option = QStyleOptionViewItem()
    option.font = view.font()
    index = window.proxy.index(1, SOURCE)
    assert view.rowHeight(1) >= delegate.sizeHint(option, index).height()
    for col in (NUM, STATUS, QA):
        assert view.columnWidth(col) < 80
    assert view.columnWidth(SOURCE) > 300 and view.columnWidth(TARGET) > 300
    # narrower columns: the long row grows
    tall = view.rowHeight(1)
    window.resize(800, 800)
    qtbot.waitUntil(lambda: view.rowHeight(1) > tall)


def test_target_paragraphs_run_right_to_left_in_the_english_ui(window: MainWindow, qtbot,
                                                               tmp_path) -> None:
    from desktop_app.gui.widgets.panels import FSI, PDI

    open_doc(window, qtbot, article(tmp_path, "They move.\n"))
    text = "حرکت می‌کنند."
    window.edit_segment(0, text)
    delegate = window.view.itemDelegateForColumn(TARGET)
    option = QStyleOptionViewItem()
    option.font = window.view.font()
    option.rect.setWidth(400)
    doc = delegate.document(option, window.proxy.index(0, TARGET))
    assert doc.size().height() > 0  # laid out
    block = doc.begin()
    layout = block.layout()
    assert layout.lineCount() == 1
    line = layout.lineAt(0)
    start, end = line.cursorToX(0)[0], line.cursorToX(len(text))[0]
    assert end < start  # the period ends the sentence on the left
    assert start > 300  # the paragraph sits on the right
    window.qa_panel.show_findings(window.session.findings or {0: [
        type("F", (), {"message": "“Kabul” is missing"})()]})
    line = window.qa_panel.text(0)
    assert FSI in line and line.endswith(PDI)


def test_tags_are_chips_kept_whole_and_inserted_by_keyboard(window: MainWindow, qtbot,
                                                            tmp_path) -> None:
    open_doc(window, qtbot, sample("panjshir.docx"))
    row = next(r for r, seg in enumerate(window.session.segments) if "⟨" in seg.source)
    window.go_to_row(row)
    editor = window.view.editor()
    editor.setPlainText("")
    qtbot.keyClick(editor, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    first = editor.text()  # as stored (the chip's bidi isolates are display only)
    assert first.startswith("⟨") and first.endswith("⟩")
    assert editor.document().firstBlock().layout().formats()  # drawn as a chip
    type_text(editor, "متن")
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.text() == first + "مت"
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # the whole tag goes, never half of it
    assert editor.text() == "مت"
    editor.setPlainText("ترجمه")
    window.copy_source_tags()
    from desktop_app.core.documents.base import tag_ids

    assert sorted(tag_ids(editor.text())) == sorted(
        tag_ids(window.session.segments[row].source))


def test_export_suggests_a_language_name_and_never_overwrites(window: MainWindow, qtbot,
                                                              tmp_path) -> None:
    doc = tmp_path / "report.docx"
    doc.write_bytes(sample("panjshir.docx").read_bytes())
    open_doc(window, qtbot, doc)
    assert window.session.suggest_export_path() == tmp_path / "report.fa-AF.docx"
    assert not window.export_to(doc)
    assert doc.read_bytes() == sample("panjshir.docx").read_bytes()
    window.edit_segment(0, "گزارش")
    out = window.session.suggest_export_path()
    assert window.export_to(out)
    qtbot.waitUntil(lambda: window.job is None and out.exists(), timeout=20_000)
    empty = len(window.session.segments) - 1
    assert str(empty) in window.statusBar().currentMessage()


def test_without_a_model_a_button_opens_the_model_manager(window: MainWindow, qtbot,
                                                          tmp_path, monkeypatch) -> None:
    opened = []
    monkeypatch.setattr(MainWindow, "open_model_manager", lambda self: opened.append(1))
    win = MainWindow()
    qtbot.addWidget(win)
    open_doc(win, qtbot, article(tmp_path, "One.\n"))
    win.go_to_row(0)
    docks_follow(qtbot, win)
    assert win.mt_panel.models_button.isVisibleTo(win.mt_panel)
    win.pretranslate()  # no model: the dock shows the way, no job starts
    assert win.job is None
    win.mt_panel.models_button.click()
    assert opened
    win.close()


def test_sigterm_saves_the_open_edit(window: MainWindow, qtbot, tmp_path) -> None:
    from desktop_app.gui.signals import close_on_terminate

    open_doc(window, qtbot, article(tmp_path, "One.\n\nTwo.\n"))
    path = window.session.project.path
    restore = close_on_terminate(window)
    try:
        window.go_to_row(1)
        editor = window.view.editor()
        type_text(editor, "دو")
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: window.session is None, timeout=5000)
    finally:
        restore()
    project = Project.open(path)
    try:
        assert project.segments()[1].target == "دو"
    finally:
        project.close()


def test_progress_repaints_only_the_rows_a_batch_filled(window: MainWindow, qtbot,
                                                        tmp_path) -> None:
    open_doc(window, qtbot, article(tmp_path, "\n\n".join(f"Line {n}." for n in range(50))))
    s = window.session
    ids = [s.segments[3].id, s.segments[7].id]
    s.project.apply_machine([(i, "ماشین", "mt:test") for i in ids])
    painted: list[int] = []
    window.model.dataChanged.connect(lambda a, b: painted.extend(range(a.row(), b.row() + 1)))
    window.long_jobs.tick(ids)
    assert sorted(set(painted)) == [3, 7]
    assert s.segments[3].target == "ماشین" and s.segments[4].target == ""


def open_with_target_selection(window: MainWindow, qtbot, tmp_path, source: str,
                               target: str, selected: str = "دره‌های فرعی"):
    """A one-segment article open, ``target`` typed, its first words ``selected``."""
    open_doc(window, qtbot, article(tmp_path, source + "\n"))
    window.go_to_row(0)
    editor = window.view.editor()
    editor.setPlainText(target)
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len(selected), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    return editor


def test_ctrl_t_adds_a_term_in_one_prefilled_dialog(window: MainWindow, qtbot,
                                                    tmp_path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.dialogs.add_term import AddTermDialog

    editor = open_with_target_selection(window, qtbot, tmp_path, "The side valleys are cold.",
                                        "دره‌های فرعی سرد اند")
    seen: list[tuple[str, str]] = []

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, AddTermDialog) and w.isVisible())
        seen.append((dialog.source.text(), dialog.target.text()))
        dialog.source.setText("side valleys")
        dialog.accept()

    QTimer.singleShot(100, answer)
    qtbot.keyClick(editor, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert seen == [("", "دره‌های فرعی")]  # nothing selected in the source: not the sentence
    hits = window.session.glossary_hits(0)
    assert any(h.targets == ["دره‌های فرعی"] for h in hits)


def test_glossary_entries_are_editable_field_by_field(qtbot, tmp_path) -> None:
    from desktop_app.core.session import EditSession
    from desktop_app.gui.dialogs.concept_editor import ConceptEditor
    from desktop_app.gui.dialogs.glossary_manager import GlossaryManager

    make_app()
    s = EditSession.from_document(article(tmp_path, "The side valleys.\n"), "dari",
                                  path=tmp_path / "g.tarjuman")
    concept = s.added_concept(s.add_term("side valleys", "دره‌های فرعی"))
    manager = GlossaryManager(s.glossaries, "en", "prs")
    qtbot.addWidget(manager)
    editor = ConceptEditor(manager, s.glossary_editor, concept)
    qtbot.addWidget(editor)
    editor.note.setText("valleys off the main Panjshir valley")
    row = next(r for r, t in enumerate(concept.terms) if t.lang == "prs")
    editor.terms.item(row, 1).setText("دره‌های جانبی")
    editor.statuses[row].setCurrentIndex(1)  # admitted
    editor.terms.item(row, 3).setText("also heard")
    editor.save()
    saved = s.glossaries.writable.get(int(concept.id))
    term = saved.terms_in("prs")[0]
    assert (term.text, term.status, term.note) == ("دره‌های جانبی", "admitted", "also heard")
    assert saved.note == "valleys off the main Panjshir valley"
    s.close()


def test_menu_labels_keep_clear_of_their_shortcuts_in_dari(window: MainWindow) -> None:
    window.set_ui_language("prs")
    try:
        for key, menu in window.menus.items():
            metrics = menu.fontMetrics()
            for action in menu.actions():
                label = action.text().replace("&", "")
                needed = (metrics.horizontalAdvance(label)
                          + metrics.horizontalAdvance(action.shortcut().toString()) + 40)
                assert max(menu.sizeHint().width(), menu.minimumWidth()) >= needed, (key, label)
        assert len(window.menus["segment"].actions()) < 20  # terms and suggestions in submenus
        assert window.menus["segment/terms"].actions()[0].shortcut().toString() == "Ctrl+1"
    finally:
        window.set_ui_language("en")


def test_tm_match_shows_where_it_came_from_and_a_readable_diff(window: MainWindow, qtbot,
                                                               tmp_path) -> None:
    open_doc(window, qtbot, article(tmp_path, "The valley is quiet tonight.\n"))
    window.session.tm.add("The valley is quiet today.", "دره امروز آرام است.", "en", "prs",
                          origin="tmx:old-reports.tmx")
    window.go_to_row(0)
    window.panels.current_changed(window.view.currentIndex(), window.view.currentIndex())
    qtbot.waitUntil(lambda: bool(window.tm_panel.matches), timeout=10_000)  # looked up by a job
    assert window.tm_panel.matches[0].origin == "tmx:old-reports.tmx"
    shown = window.tm_panel.diff.toHtml()
    assert "old-reports.tmx" in shown and "line-through" in shown


def test_find_highlights_replace_one_and_all(window: MainWindow, qtbot, tmp_path) -> None:
    from desktop_app.gui.dialogs.find_replace import FindReplace

    open_doc(window, qtbot, article(tmp_path, "Kabul is far.\n\nKabul is near.\n\nHerat.\n"))
    window.edit_segment(0, "Kabul دور است")
    window.edit_segment(1, "Kabul نزدیک است")
    dialog = FindReplace(window)
    qtbot.addWidget(dialog)
    dialog.query.setText("kabul")
    dialog.in_source.setChecked(False)
    dialog.find_next()
    assert window.view.itemDelegateForColumn(TARGET).find is not None  # hits highlighted
    assert "2" in dialog.status_label.text()
    dialog.match_case.setChecked(True)
    dialog.find_next()
    assert "0" in dialog.status_label.text()
    dialog.match_case.setChecked(False)
    dialog.replacement.setText("کابل")
    window.go_to_row(0, edit=False)
    dialog.replace_one()
    assert window.session.segments[0].target == "کابل دور است"
    assert window.session.segments[1].target == "Kabul نزدیک است"
    window.undo()
    dialog.replace_all()
    assert [s.target for s in window.session.segments[:2]] == ["کابل دور است", "کابل نزدیک است"]
    window.undo()  # one step for all of them
    assert [s.target for s in window.session.segments[:2]] == ["Kabul دور است",
                                                              "Kabul نزدیک است"]
    dialog.close()
    assert window.view.itemDelegateForColumn(TARGET).find is None


def test_view_menu_go_to_comment_and_unconfirm(window: MainWindow, qtbot, tmp_path,
                                               monkeypatch) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    open_doc(window, qtbot, article(tmp_path, "One.\n\nTwo.\n\nThree.\n"))
    window.docks["glossary"].close()
    view_actions = {a.text().replace("&", ""): a for a in window.menus["view"].actions()}
    view_actions[window.docks["glossary"].windowTitle()].trigger()
    assert window.docks["glossary"].isVisible()
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setIntValue(3)
        dialog.accept()

    QTimer.singleShot(50, answer)
    window.ask_go_to()
    assert window.current_row() == 2 and window.view.editor() is not None
    from desktop_app.gui.dialogs import comment

    monkeypatch.setattr(comment, "ask_comment", lambda *a, **k: "ask the desk")
    window.registry["comment"].trigger()
    assert window.session.segments[2].note == "ask the desk"
    window.edit_segment(2, "سه")
    window.go_to_row(2)
    window.confirm_and_next()
    window.go_to_row(2)
    window.registry["unconfirm"].trigger()
    assert window.session.segments[2].status == Status.EDITED


def test_mt_and_tm_docks_lay_out_dari_right_to_left_in_the_english_ui(window) -> None:
    from PySide6.QtWidgets import QApplication

    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    for panel in (window.mt_panel, window.tm_panel):
        assert panel.list.layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_a_source_phrase_and_a_target_phrase_make_a_term(window: MainWindow, qtbot,
                                                         tmp_path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.dialogs.add_term import AddTermDialog
    from desktop_app.gui.widgets.target_editor import SourceView

    open_with_target_selection(window, qtbot, tmp_path, "The side valleys are cold tonight.",
                               "دره‌های فرعی امشب سرد اند")
    # a click on the source of the segment being edited opens it read-only
    source_index = window.proxy.index(0, SOURCE)
    window.view.setCurrentIndex(source_index)
    if window.view.state() != window.view.State.EditingState:
        window.view.edit(source_index)
    qtbot.wait(20)
    view = next(w for w in window.view.findChildren(SourceView) if w.isVisible())
    assert view.isReadOnly()
    view.setFocus()
    cursor = view.textCursor()
    start = view.toPlainText().index("side valleys")
    cursor.setPosition(start)
    cursor.setPosition(start + len("side valleys"), cursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert window.session.segments[0].target == "دره‌های فرعی امشب سرد اند"  # saved on leaving
    seen: list[tuple[str, str]] = []

    def answer() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, AddTermDialog) and w.isVisible())
        seen.append((dialog.source.text(), dialog.target.text()))
        dialog.reject()

    QTimer.singleShot(100, answer)
    window.add_term_from_selection()
    assert seen == [("side valleys", "دره‌های فرعی")]
