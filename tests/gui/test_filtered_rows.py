"""A filtered grid's row is not the segment's: the editor (also when its segment changes
under it) and the source's glossary highlights belong to the segment shown in that row."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop_app.gui.models.segments import SOURCE, TARGET
from desktop_app.gui.widgets.cell_text import TERM_COLOUR
from tests.gui.conftest import text_runs
from tests.gui.test_grid_filter_split import _open, _set, _shown


def test_the_editor_and_the_highlights_of_a_filtered_row_are_its_segments(
        qtbot, tmp_path: Path) -> None:
    window = _open(qtbot, tmp_path)
    window.session.add_term("Herat", "هرات")
    _set(window, qtbot, text="Herat")
    assert _shown(window) == [1]  # the grid's first row is the second segment
    window.view.setCurrentIndex(window.proxy.index(0, TARGET))
    editor = window.view.open_editor()
    assert editor is not None and editor.text() == "مکاتب در هرات دوباره باز شد."
    window.model.row_changed(1)  # the segment changed under the open editor (a batch landed)
    assert editor.text() == "مکاتب در هرات دوباره باز شد."  # reloaded from its own segment
    index = window.proxy.index(0, SOURCE)
    option = QStyleOptionViewItem()
    window.view.initViewItemOption(option)
    option.rect = window.view.visualRect(index)
    doc = window.view.itemDelegateForColumn(SOURCE).document(option, index)
    assert doc.toPlainText() == "Schools in Herat opened again."
    text = window.session.segments[1].source
    own = [text[slice(*hit.hit.span)] for hit in window.session.glossary_hits(1)]
    assert "Herat" in own and _highlighted(doc) == own  # not the first segment's hits


def _highlighted(doc: QTextDocument) -> list[str]:
    """The runs of a laid-out cell drawn on the glossary's colour."""
    return [f.text() for f in text_runs(doc)
            if f.charFormat().background().color() == QColor(TERM_COLOUR)]
