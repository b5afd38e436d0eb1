"""The glossary manager in the real window goes through the glossary's door, and one signal
carries what changed to the window: a term added there shows in the glossary dock, is
highlighted in the source and checked by QA; Ctrl+Z in the manager takes it away again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from desktop_app.core.glossary.editor import GlossaryChanges
from desktop_app.gui.changes_hub import ChangesHub
from desktop_app.gui.dialogs.glossary_manager import GlossaryManager
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.models.segments import SOURCE
from tests.gui.conftest import shown_window

TERM = "side valleys"
TARGET = "دره‌های فرعی"


def highlighted(window: MainWindow, row: int) -> list[str]:
    """The source text painted as glossary hits in the grid's cell (what the eye sees)."""
    index = window.proxy.mapFromSource(window.model.index(row, SOURCE))
    option = QStyleOptionViewItem()
    window.view.initViewItemOption(option)
    option.rect = window.view.visualRect(index)
    option.font = window.view.font()
    doc = window.view.itemDelegateForColumn(SOURCE).document(option, index)
    found, block = [], doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().style() != Qt.BrushStyle.NoBrush:
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


def dock_targets(window: MainWindow) -> list[str]:
    return [t for hit in window.glossary_panel.hits for t in hit.targets]


def while_open(open_it: Callable[[], object], act: Callable[[GlossaryManager], None]) -> None:
    seen: list[GlossaryManager] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, GlossaryManager) or not dialog.isVisible():
            QTimer.singleShot(20, look)
            return
        seen.append(dialog)
        try:
            act(dialog)
        finally:
            dialog.reject()

    QTimer.singleShot(20, look)
    open_it()
    assert seen


def opened(qtbot: Any, tmp_path: Path, text: str) -> MainWindow:
    """The real window with a project of ``text`` open, in Dari."""
    window: MainWindow = shown_window(qtbot)
    doc = tmp_path / "document.txt"
    doc.write_text(text, "utf-8")
    assert window.open_path(doc, "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    return window


def test_a_term_added_in_the_manager_reaches_the_window_and_ctrl_z_takes_it_back(
        qtbot: Any, tmp_path: Path) -> None:
    window = opened(qtbot, tmp_path, "The side valleys are green in spring.\nKabul is a city.\n")
    session = window.session
    assert session is not None
    row = next(r for r, s in enumerate(session.segments) if TERM in s.source)
    typed = "دره‌ها در بهار سبز اند."  # a target without the term, typed in the open editor
    window.go_to_row(row)
    editor = window.view.editor()
    assert editor is not None
    editor.setPlainText(typed)
    window.commit_editor()
    assert session.segments[row].target == typed
    assert TARGET not in dock_targets(window) and TERM not in " ".join(highlighted(window, row))
    heard: list[object] = []
    window.changes_hub.changed.connect(heard.append)
    seen: dict[str, Any] = {}

    def act(manager: GlossaryManager) -> None:
        assert manager.hub is window.changes_hub  # one hub: the window's
        manager.new_source.setText(TERM)
        manager.new_target.setText(TARGET)
        manager.add()
        assert session.segments[row].target == typed  # opening the manager kept the edit
        seen["added"] = (dock_targets(window), highlighted(window, row),
                         [f.code for f in session.findings.get(row, [])],
                         manager.table.rowCount(), manager.undo_button.isEnabled())
        manager.activateWindow()
        QTest.qWaitForWindowActive(manager, 2000)
        manager.table.setFocus()
        QTest.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        seen["undone"] = (dock_targets(window), highlighted(window, row),
                          [f.code for f in session.findings.get(row, [])],
                          manager.table.rowCount(), manager.redo_button.isEnabled())
        manager.redo_button.click()
        seen["redone"] = (dock_targets(window), highlighted(window, row))

    while_open(window.registry["glossary"].trigger, act)
    targets, marks, codes, listed, can_undo = seen["added"]
    assert TARGET in targets and marks == [TERM] and "term-missing" in codes
    assert listed >= 1 and can_undo
    targets, marks, codes, listed_after, can_redo = seen["undone"]
    assert TARGET not in targets and marks == [] and "term-missing" not in codes, seen
    assert listed_after == listed - 1 and can_redo
    assert TARGET in seen["redone"][0] and seen["redone"][1] == [TERM]
    steps = [c for c in heard if isinstance(c, GlossaryChanges)]
    assert [bool(c.added) for c in steps] == [True, False, True]
    assert steps[1].removed == steps[0].added
    assert session.glossaries.writable.count() == 1


def test_ctrl_t_is_seen_by_an_open_manager_and_undone_there(qtbot: Any,
                                                             tmp_path: Path) -> None:
    """Ctrl+T adds through the session's glossary editor; the manager (listening on the
    same signal) lists the new entry, and its Ctrl+Z takes the Ctrl+T step back."""
    window = opened(qtbot, tmp_path, "The side valleys are green in spring.\n")
    session = window.session
    assert session is not None
    manager = GlossaryManager(session.glossaries, "en", "prs", window,
                              editor=session.glossary_editor, hub=window.changes_hub)
    qtbot.addWidget(manager)
    before = manager.table.rowCount()
    window.act(lambda: session.add_term(TERM, TARGET))
    assert manager.table.rowCount() == before + 1
    assert TARGET in dock_targets(window) or window.current_row() is None
    assert highlighted(window, 0) == [TERM]
    manager.undo()
    assert manager.table.rowCount() == before and highlighted(window, 0) == []
    manager.done(0)


def test_a_dialog_alone_gets_its_own_hub(qtbot: Any, tmp_path: Path) -> None:
    from desktop_app.core.glossary.library import open_default
    from desktop_app.gui.app import make_app
    from desktop_app.gui.dialogs.concept_editor import ConceptEditor

    make_app()
    with open_default() as glossaries:
        manager = GlossaryManager(glossaries, "en", "prs")
        qtbot.addWidget(manager)
        assert isinstance(manager.hub, ChangesHub) and manager.changes_hub is manager.hub
        manager.new_source.setText("ridge")
        manager.new_target.setText("تیغه")
        manager.add()
        cid = manager.editor.undo().removed[0]
        manager.editor.redo()
        concept = glossaries.writable.get(cid)
        editor = ConceptEditor(manager, manager.editor, concept, hub=manager.hub)
        qtbot.addWidget(editor)
        editor.domain.setText("land")
        editor.terms.item(1, 1).setText("تیغهٔ کوه")
        editor.save()
        assert glossaries.writable.get(cid).domain == "land"
        assert "تیغهٔ کوه" in [manager.table.item(r, 2).text()
                               for r in range(manager.table.rowCount())]
        manager.undo()  # the whole edit, one step
        again = glossaries.writable.get(cid)
        assert again.domain == "" and [t.text for t in again.terms] == ["ridge", "تیغه"]
        manager.done(0)


def test_a_tm_edit_in_the_tm_manager_reaches_the_tm_dock(qtbot: Any, tmp_path: Path) -> None:
    """The same signal carries the TM manager's steps: the dock shows the unit as edited,
    and as it was after Ctrl+Z there."""
    from desktop_app.core.tm_manager import TmChanges
    from desktop_app.gui.dialogs.tm_manager import TmManager

    window = opened(qtbot, tmp_path, "Kabul is a city.\nHerat is a city.\n")
    assert window.session is not None
    window.session.confirm(0, "کابل یک شهر است.")
    window.go_to_row(1, edit=False)
    window.go_to_row(0, edit=False)  # the dock looks the row up again

    def dock() -> list[str]:
        return [m.target for m in window.tm_panel.matches]

    qtbot.waitUntil(lambda: "کابل یک شهر است." in dock(), timeout=10_000)
    heard: list[object] = []
    window.changes_hub.changed.connect(heard.append)
    manager = TmManager(window, "en", "prs")
    qtbot.addWidget(manager)
    unit = next(u for u in manager.units if u.target == "کابل یک شهر است.")
    manager._do(lambda: manager.editor.edit(unit.id, target="کابل شهر است."))
    qtbot.waitUntil(lambda: "کابل شهر است." in dock(), timeout=10_000)
    manager.undo()
    qtbot.waitUntil(lambda: "کابل یک شهر است." in dock(), timeout=10_000)
    assert [type(c) for c in heard] == [TmChanges, TmChanges]
    manager.done(0)
