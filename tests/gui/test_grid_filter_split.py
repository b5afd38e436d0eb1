"""The grid's filter line (text in source or target, folded Arabic-script matching,
regular expressions, QA only, notes only, origin) combined with the status filter, and
Segment ▸ Split at the caret / Join with the next segment in the real window."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from pytestqt.modeltest import ModelTester

from desktop_app.core.errors import InputError
from desktop_app.core.grid_filter import GridFilter
from desktop_app.core.project import Project
from desktop_app.core.session import EditSession
from desktop_app.gui.models.segments import SOURCE
from desktop_app.gui.widgets.target_editor import SourceView
from tests.gui.conftest import shown_window
from tests.gui.test_shortcut_keys import chord, press

SHOTS = Path(os.environ.get("TARJUMAN_SHOTS", "/tmp/sj-shots"))
PARAGRAPHS = ["The governor of Kabul spoke today.", "Schools in Herat opened again.",
              "The river runs through the valley and the town sleeps beside it.",
              "Kabul is the capital.", "Roads were built in Balkh.", "A last line."]


def _project(tmp_path: Path) -> Path:
    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    doc = tmp_path / "filter.docx"
    document.save(str(doc))
    path = tmp_path / "filter.tarjuman"
    project = Project.create(doc, "dari", path=path)
    segs = project.segments()
    project.apply_machine([(segs[0].id, "والی کابل امروز سخن گفت.", "mt:argos:en-fa"),
                           (segs[1].id, "مکاتب در هرات دوباره باز شد.", "tm:exact"),
                           (segs[3].id, "كابل پايتخت است.", "propagated:1")])
    project.close()
    session = EditSession.open(path)
    try:
        session.edit(4, "سرک‌ها در بلخ ساخته شد.")
        session.set_note(1, "Client: keep the city name.")
    finally:
        session.close()
    return path


def _open(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    window = shown_window(qtbot)
    assert window.open_path(_project(tmp_path))
    qtbot.waitUntil(lambda: window.session is not None and window.job is None,
                    timeout=30_000)
    window.commit_editor()
    return window


def _shown(window) -> list[int]:  # type: ignore[no-untyped-def]
    proxy = window.proxy
    return [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]


def _set(window, qtbot, **kw) -> None:  # type: ignore[no-untyped-def]
    bar = window.filter_bar
    bar.clear()
    if "text" in kw:
        bar.text.setText(kw["text"])
    for name, box, keys in (("side", bar.side, ["both", "source", "target"]),
                            ("mode", bar.mode, ["folded", "contains", "regex"]),
                            ("origin", bar.origin, ["", "mt", "tm", "propagated", "user"])):
        if name in kw:
            box.setCurrentIndex(keys.index(kw[name]))
    bar.qa_only.setChecked(kw.get("qa_only", False))
    bar.notes_only.setChecked(kw.get("notes_only", False))
    bar.refilter()


def test_filter_line_combinations_and_the_model_stays_sound(qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    try:
        assert len(_shown(window)) == 6
        # folded: Arabic kaf and yeh (كابل, پايتخت) match the Persian ones typed
        _set(window, qtbot, text="کابل", side="target")
        assert _shown(window) == [0, 3]
        _set(window, qtbot, text="کابل", side="target", mode="contains")
        assert _shown(window) == [0]  # plain contains: the Arabic-letter spelling differs
        _set(window, qtbot, text="kabul")
        assert _shown(window) == [0, 3]
        _set(window, qtbot, text="kabul", side="target")
        assert _shown(window) == []
        _set(window, qtbot, text=r"^(Schools|Roads)\b", mode="regex", side="source")
        assert _shown(window) == [1, 4]
        ModelTester(None).check(window.proxy, force_py=True)
        _set(window, qtbot, origin="mt")
        assert _shown(window) == [0]
        _set(window, qtbot, origin="tm")
        assert _shown(window) == [1]
        _set(window, qtbot, origin="propagated")
        assert _shown(window) == [3]
        _set(window, qtbot, origin="user")
        assert _shown(window) == [4]
        _set(window, qtbot, notes_only=True)
        assert _shown(window) == [1]
        findings = sorted(window.session.findings)
        _set(window, qtbot, qa_only=True)
        assert _shown(window) == findings
        # combined with the status filter
        _set(window, qtbot, text="in")
        assert _shown(window) == [1, 4, 5]  # "A last line." too
        window.filter_box.setCurrentIndex(3)  # Edited
        assert _shown(window) == [4]
        window.filter_box.setCurrentIndex(2)  # MT only
        assert _shown(window) == [1]
        ModelTester(None).check(window.proxy, force_py=True)
        window.filter_box.setCurrentIndex(0)
        # a bad regular expression filters nothing and says why on the field
        _set(window, qtbot, text="in")
        window.filter_bar.mode.setCurrentIndex(2)
        window.filter_bar.text.setText("(unclosed")
        window.filter_bar.refilter()
        assert "regular expression" in window.filter_bar.text.toolTip()
        assert _shown(window) == [1, 4, 5]  # the last good filter stays
        # going to a hidden row clears the filter line
        window.go_to_row(0, edit=False)
        assert len(_shown(window)) == 6 and window.filter_bar.text.text() == ""
    finally:
        window.close()


def test_core_filter_refuses_a_bad_regex() -> None:
    with pytest.raises(InputError, match="regular expression"):
        GridFilter(text="[", mode="regex")


def test_split_at_the_caret_and_join_in_the_window(qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    try:
        assert window.registry["split"].shortcut().toString() == "Ctrl+Shift+S"
        assert window.registry["join"].shortcut().toString() == "Ctrl+Shift+J"
        window.go_to_row(2)
        qtbot.wait(100)  # the target editor of the segment is open
        view = window.view
        view.setCurrentIndex(window.proxy.mapFromSource(window.model.index(2, SOURCE)))
        if view.state() != view.State.EditingState:  # a click on its source opens it
            view.edit(view.currentIndex())
        qtbot.wait(100)
        source = next(w for w in view.findChildren(SourceView) if w.isVisible())
        source.setFocus()
        qtbot.waitUntil(lambda: isinstance(window.focusWidget(), SourceView))
        assert source.isVisible()
        cursor = source.textCursor()
        cursor.setPosition(PARAGRAPHS[2].index("and the town"))
        source.setTextCursor(cursor)
        press(source, *chord("Ctrl+Shift+S"))
        assert window.model.rowCount() == 7
        assert [s.source for s in window.session.segments[2:4]] == [
            "The river runs through the valley", "and the town sleeps beside it."]
        ModelTester(None).check(window.proxy, force_py=True)
        window.undo()
        assert window.model.rowCount() == 6
        window.redo()
        assert window.model.rowCount() == 7
        window.go_to_row(2, edit=False)
        window.registry["join"].trigger()
        assert window.model.rowCount() == 6
        assert window.session.segments[2].source == PARAGRAPHS[2]
        window.go_to_row(5, edit=False)
        window.registry["join"].trigger()  # the last paragraph: nothing to join with
        assert window.model.rowCount() == 6
    finally:
        window.close()


@pytest.mark.parametrize("lang", ["en", "prs"])
def test_screenshot_of_the_filter_in_use(qtbot, tmp_path: Path, lang: str) -> None:
    window = _open(qtbot, tmp_path)
    try:
        window.set_ui_language(lang)
        _set(window, qtbot, text="کابل", side="target")
        window.filter_box.setCurrentIndex(2)
        assert _shown(window) == [0, 3]
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = SHOTS / f"filter-{lang}.png"
        assert window.grab().save(str(shot))
        assert shot.stat().st_size > 10_000
    finally:
        window.set_ui_language("en")
        window.close()
