"""Tags and numbers in a Dari target are drawn where they stand in the stored text: the x
position of each chip and of its neighbours, measured on the real layouts (the grid cell's,
the open editor's, the glossary dock's and the QA list's), is in right-to-left reading order
(greater x = read earlier). The text stored and handed back by the editor never changes."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QStyleOptionViewItem

from desktop_app.core import qa
from desktop_app.core.i18n import use_language
from desktop_app.core.project import Project
from desktop_app.gui.models.segments import TARGET
from desktop_app.gui.widgets.qa_panel import QAPanel
from tests.gui.conftest import docks_follow, shown_window

DATE = "⟨1⟩۱۸ سنبله ۱۴۰۰⟨/1⟩ جنگ پایان یافت."
COUNT = "شمار ⟨1⟩۸۰۰٬۰۰۰⟨/1⟩ تن رسید."
LATIN = "شمار ⟨1⟩800,000⟨/1⟩ تن رسید."
TARGETS = [DATE, COUNT, LATIN]
SOURCES = [("September 9, 2021", " the war ended."), ("The number reached ", "800,000")]


def _tagged_project(tmp_path: Path) -> Path:
    """A docx whose paragraphs carry bold runs (inline tags), with Dari targets."""
    document = docx.Document()
    for plain, bold in SOURCES:
        p = document.add_paragraph()
        if plain.startswith("September"):
            p.add_run(plain).bold = True
            p.add_run(bold)
        else:
            p.add_run(plain)
            p.add_run(bold).bold = True
            p.add_run(" people.")
    document.add_paragraph("The number reached 800,000 people.")
    path = tmp_path / "tagged.docx"
    document.save(path)
    project = Project.create(path, "dari", path=tmp_path / "t.tarjuman")
    segments = project.segments()
    for seg, target in zip(segments, TARGETS, strict=False):
        project.set_target(seg.id, target)
    project.close()
    return tmp_path / "t.tarjuman"


def char_xs(layout: QTextLayout) -> dict[int, float]:
    """Each character's drawn x (its leftmost glyph), by its index in the laid-out text."""
    flags = QTextLayout.GlyphRunRetrievalFlag.RetrieveAll
    out: dict[int, float] = {}
    for n in range(layout.lineCount()):
        for run in layout.lineAt(n).glyphRuns(-1, -1, flags):
            for index, point in zip(run.stringIndexes(), run.positions(), strict=False):
                out[index] = min(out.get(index, 1e9), point.x())
    return out


def xs_of(layout: QTextLayout, text: str, pieces: list[str]) -> list[float]:
    """The mean x of each piece, found in order in ``text`` (the laid-out block's text)."""
    xs = char_xs(layout)
    out, pos = [], 0
    for piece in pieces:
        start = text.index(piece, pos)
        seen = [xs[i] for i in range(start, start + len(piece)) if i in xs]
        assert seen, (piece, text)
        out.append(sum(seen) / len(seen))
        pos = start + len(piece)
    return out


def assert_right_to_left(layout: QTextLayout, text: str, pieces: list[str]) -> None:
    xs = xs_of(layout, text, pieces)
    assert all(a > b for a, b in zip(xs, xs[1:], strict=False)), list(zip(pieces, xs,
                                                                            strict=True))


# the pieces of each target in reading order; a chip is its label between no-break spaces
# in the grid, its bracketed text in the editor
def grid_pieces(target: str) -> list[str]:
    return {DATE: ["\xa01\xa0", "۱۸", "سنبله", "۱۴۰۰", "\xa0/1\xa0", "جنگ"],
            COUNT: ["شمار", "\xa01\xa0", "۸۰۰٬۰۰۰", "\xa0/1\xa0", "تن"],
            LATIN: ["شمار", "\xa01\xa0", "800,000", "\xa0/1\xa0", "تن"]}[target]


def editor_pieces(target: str) -> list[str]:
    return {DATE: ["⟨1⟩", "۱۸", "سنبله", "۱۴۰۰", "⟨/1⟩", "جنگ"],
            COUNT: ["شمار", "⟨1⟩", "۸۰۰٬۰۰۰", "⟨/1⟩", "تن"],
            LATIN: ["شمار", "⟨1⟩", "800,000", "⟨/1⟩", "تن"]}[target]


def _open_window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    window = shown_window(qtbot)
    assert window.open_path(_tagged_project(tmp_path))
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    return window


def test_grid_draws_chips_and_numbers_in_reading_order(qtbot, tmp_path) -> None:
    window = _open_window(qtbot, tmp_path)
    view = window.view
    delegate = view.itemDelegateForColumn(TARGET)
    for row, target in enumerate(TARGETS):
        assert window.session.segments[row].target == target
        index = window.proxy.mapFromSource(window.model.index(row, TARGET))
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(index)
        option.font = view.font()
        doc = delegate.document(option, index)
        doc.size()  # laid out
        block = doc.firstBlock()
        assert_right_to_left(block.layout(), block.text(), grid_pieces(target))


def test_editor_draws_chips_and_numbers_in_reading_order(qtbot, tmp_path) -> None:
    window = _open_window(qtbot, tmp_path)
    for row, target in enumerate(TARGETS):
        window.go_to_row(row)
        editor = window.view.editor()
        assert editor is not None
        qtbot.waitUntil(lambda e=editor: e.document().firstBlock().layout().lineCount() > 0)
        block = editor.document().firstBlock()
        assert_right_to_left(block.layout(), block.text(), editor_pieces(target))
        # a closing chip's label reads "/1" as in the grid (not "1/" glued to a number)
        xs, at = char_xs(block.layout()), block.text().index("⟨/1⟩")
        assert xs[at + 1] < xs[at + 2], (xs[at + 1], xs[at + 2])
        assert editor.text() == target  # the isolates are display only
    window.commit_editor()
    assert [s.target for s in window.session.segments[:3]] == TARGETS


def test_editor_keeps_a_tag_whole_with_its_isolates(qtbot) -> None:
    from desktop_app.gui.widgets.target_editor import TargetEditor

    editor = TargetEditor(None, True)
    qtbot.addWidget(editor)
    editor.resize(500, 120)
    editor.show()
    editor.load(COUNT, "The number reached ⟨1⟩800,000⟨/1⟩ people.", select_all=False)
    cursor = editor.textCursor()
    shown = editor.toPlainText()
    cursor.setPosition(shown.index("۸۰۰") - 1)  # between the chip's isolate and the number
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # the whole opening tag goes, isolates too
    assert editor.text() == COUNT.replace("⟨1⟩", "")
    assert editor.insert_next_missing_tag()
    assert "⟨1⟩" in editor.text() and "\u2068" not in editor.text()
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index("⟨1⟩") + 1)  # inside: the caret leaves it
    editor.setTextCursor(cursor)
    assert editor.textCursor().position() not in range(
        editor.toPlainText().index("⟨1⟩"), editor.toPlainText().index("⟨1⟩") + 3)


def test_glossary_dock_date_suggestion_reads_in_dari_order(qtbot, tmp_path) -> None:
    window = _open_window(qtbot, tmp_path)
    window.go_to_row(0)
    docks_follow(qtbot, window)
    panel = window.glossary_panel
    # 9 September 2021 = 18 Sunbula 1400: offered as ۱۸ سنبله ۱۴۰۰
    rows = [r for r in range(panel.rowCount())
            if "سنبله" in (panel.item(r, 2).text() if panel.item(r, 2) else "")]
    assert rows, [panel.item(r, 2).text() for r in range(panel.rowCount())]
    index = panel.model().index(rows[0], 2)
    option = QStyleOptionViewItem()
    option.initFrom(panel)
    option.rect = panel.visualRect(index)
    doc = panel.itemDelegateForColumn(2)._document(option, index)
    doc.size()
    block = doc.firstBlock()
    day, month, year = block.text().split()[:3]
    assert_right_to_left(block.layout(), block.text(), [day, month, year])


def test_qa_date_message_reads_in_order_in_each_ui_language(qtbot) -> None:
    """The QA line as the list's style lays it out (its text in the view's direction): the
    suggested date reads day, month, year from the right, inside the line of any UI."""
    try:
        for lang, direction in (("en", Qt.LayoutDirection.LeftToRight),
                                ("prs", Qt.LayoutDirection.RightToLeft),
                                ("ps", Qt.LayoutDirection.RightToLeft)):
            use_language(lang)
            found = qa.check_pair(0, "It began on August 20, 2021.", "آغاز شد.", "prs",
                                  {qa.DATE})
            panel = QAPanel()
            qtbot.addWidget(panel)
            panel.show_findings({0: found})
            text = panel.text(0)
            layout = QTextLayout(text, panel.font())
            option = QTextOption()
            option.setTextDirection(direction)
            layout.setTextOption(option)
            layout.beginLayout()
            layout.createLine().setLineWidth(4000)
            layout.endLayout()
            assert_right_to_left(layout, text, ["۲۹", "اسد", "۱۴۰۰"])
            assert_right_to_left(layout, text, ["۲۰", "اگست", "۲۰۲۱"])
    finally:
        use_language("en")


def test_mt_alternatives_draw_tags_and_numbers_in_reading_order(qtbot) -> None:
    from desktop_app.gui.app import make_app
    from desktop_app.gui.widgets.panels import MTPanel

    make_app()
    panel = MTPanel(rtl=True)
    qtbot.addWidget(panel)
    panel.resize(420, 300)
    panel.show()
    panel.show_alternatives([DATE, COUNT])
    assert panel.texts() == [DATE, COUNT]  # what Ctrl+Alt+1 inserts: the text as given
    for row, pieces in ((0, editor_pieces(DATE)), (1, editor_pieces(COUNT))):
        index = panel.list.model().index(row, 0)
        option = QStyleOptionViewItem()
        option.initFrom(panel.list)
        option.rect = panel.list.visualRect(index)
        doc = panel.list.itemDelegate()._document(option, index)
        doc.size()
        block = doc.firstBlock()
        assert_right_to_left(block.layout(), block.text(), pieces)
