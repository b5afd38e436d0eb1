"""What the translator reads stays readable: a selected row's glossary hits, the Qt
buttons of dialogs in the Dari and Pashto UIs."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.models.segments import SOURCE
from tests.gui import test_editor
from tests.gui.test_editor import open_sample

window = test_editor.window  # the editor window fixture
TERM_YELLOW = QColor("#ffe58a")


def _paint_selected(window: MainWindow, row: int) -> QImage:
    """The source cell of a selected row in an active window, as the delegate paints it."""
    view = window.view
    index = window.proxy.index(row, SOURCE)
    delegate = view.itemDelegateForColumn(SOURCE)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.palette.setCurrentColorGroup(QPalette.ColorGroup.Active)
    option.state |= (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_Active
                     | QStyle.StateFlag.State_Enabled)
    option.rect = QRect(0, 0, view.columnWidth(SOURCE), 10)
    option.rect.setHeight(delegate.sizeHint(option, index).height())
    image = QImage(option.rect.size(), QImage.Format.Format_RGB32)
    image.fill(option.palette.color(QPalette.ColorRole.Highlight))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    return image


def _pixels(image: QImage) -> list[QColor]:
    return [image.pixelColor(x, y) for y in range(image.height()) for x in range(image.width())]


def test_glossary_hits_in_a_selected_row_keep_dark_text(window: MainWindow) -> None:
    open_sample(window)
    assert window.session.glossary_hits(1)  # "KABUL", "Taliban", "Panjshir"...
    pixels = _pixels(_paint_selected(window, 1))
    yellow = [c for c in pixels if abs(c.red() - TERM_YELLOW.red()) < 8
              and abs(c.green() - TERM_YELLOW.green()) < 8
              and abs(c.blue() - TERM_YELLOW.blue()) < 8]
    dark = [c for c in pixels if max(c.red(), c.green(), c.blue()) < 90]
    assert len(yellow) > 500  # the hits are still marked
    assert len(dark) > 100  # and their letters are dark on the yellow, not white


def test_dialog_buttons_speak_the_ui_language(qtbot) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from desktop_app.gui.app import make_app
    from desktop_app.gui.i18n import _, set_language

    make_app()
    set_language("prs")
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "", "?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(buttons)
        texts = [box.button(QMessageBox.StandardButton.Yes).text(),
                 box.button(QMessageBox.StandardButton.No).text(),
                 buttons.button(QDialogButtonBox.StandardButton.Ok).text(),
                 buttons.button(QDialogButtonBox.StandardButton.Cancel).text()]
        assert texts == [_("&Yes"), _("&No"), _("OK"), _("Cancel")]
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in t) for t in texts), texts
        # Qt's other texts come from Qt's own Persian catalog, not English
        assert QCoreApplication.translate("QFileDialog", "Look in:") == "جستجو در:"
    finally:
        set_language("en")
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(english)
    assert english.buttons()[0].text() == "Cancel"


def test_a_dari_question_starting_with_a_model_id_stays_right_to_left(
        qtbot, tiny_nllb, monkeypatch) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.core.mt import registry
    from desktop_app.gui.dialogs.model_manager import ModelManager
    from desktop_app.gui.i18n import set_language

    registry.for_path(tiny_nllb).install(tiny_nllb)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: asked.append(text)
                        or QMessageBox.StandardButton.No)
    set_language("prs")
    try:
        manager = ModelManager()
        qtbot.addWidget(manager)
        manager.list.setCurrentRow(0)
        manager.remove()
    finally:
        set_language("en")
    assert len(asked) == 1 and tiny_nllb.name in asked[0]
    doc = QTextDocument()
    doc.setPlainText(asked[0])  # laid out as Qt lays out a message box's text
    assert doc.firstBlock().textDirection() == Qt.LayoutDirection.RightToLeft
    assert registry.installed()  # "No" kept it


def _x(line, pos: int) -> float:  # type: ignore[no-untyped-def]
    found = line.cursorToX(pos)
    return float(found[0] if isinstance(found, tuple) else found)


def test_target_editor_draws_tags_as_compact_chips_and_stores_them_unchanged(qtbot) -> None:
    from PySide6.QtGui import QFontMetricsF

    from desktop_app.gui.widgets.target_editor import TargetEditor

    chip_grey = QColor("#d9d9e8")  # the grid's chip colour

    editor = TargetEditor(None, True)
    qtbot.addWidget(editor)
    editor.resize(500, 120)
    editor.show()
    raw = "⟨1⟩پنجشیر⟨/1⟩ ادامه دارد"
    editor.load(raw, "⟨1⟩Panjshir⟨/1⟩ goes on", select_all=False)
    assert editor.text() == raw  # the stored text, brackets included
    assert not editor.document().isUndoAvailable()  # chips are drawn, not edits
    layout = editor.document().firstBlock().layout()
    ranges = layout.formats()
    colours = {(f.start, f.length): (f.format.foreground().color(),
                                     f.format.background().color()) for f in ranges}
    at = editor.toPlainText().index("⟨")  # after the chip's display isolate
    assert colours[(at, 1)][0] == chip_grey  # no raw bracket shown
    assert colours[(at + 1, 1)][1] == chip_grey  # the label on grey
    line = layout.lineAt(0)
    chip = abs(_x(line, at + 3) - _x(line, at))
    raw_width = QFontMetricsF(editor.font()).horizontalAdvance("⟨1⟩")
    assert 0 < chip < raw_width * 0.8  # compact, like the grid's chip
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # still one atom
    assert editor.text() == raw[3:]


def test_the_open_editor_grows_with_its_text_no_line_hidden(window: MainWindow, qtbot) -> None:
    open_sample(window)
    window.go_to_row(3)
    editor = window.view.editor()
    assert editor is not None
    sentence = "«ما برای یک دره نمی‌جنگیم، برای یک کشور می‌جنگیم»، آقای مسعود گفت. "
    editor.setPlainText(sentence * 4)  # as typed: many more lines than the row had
    qtbot.waitUntil(lambda: editor.verticalScrollBar().maximum() == 0, timeout=5_000)
    row = window.proxy.mapFromSource(window.model.index(3, 0)).row()
    assert window.view.rowHeight(row) >= editor.needed_height()
    assert editor.height() >= editor.needed_height() - 1
