"""Keys and docks a translator trips on: Enter in the target, forbidden terms in the
glossary dock, long MT alternatives."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop_app.core.glossary.matcher import Hit
from desktop_app.core.glossary.store import Term
from desktop_app.core.resources import sample
from desktop_app.core.session import TermHit
from desktop_app.gui.app import make_app
from desktop_app.gui.widgets.panels import HTML, GlossaryPanel, MTPanel
from desktop_app.gui.widgets.target_editor import TargetEditor, source_break
from tests.gui.conftest import shown_window

NO_MOD, SHIFT = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier


def press(widget, key: Qt.Key, modifiers=NO_MOD, text: str = "") -> None:
    """A key as the keyboard sends it, text included (keyClicks aborts on Dari text)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, text))


def test_enter_in_the_target_breaks_lines_only_as_the_source_does(qtbot) -> None:
    window = shown_window(qtbot)
    assert window.open_path(sample("panjshir.docx"), "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    assert window.session is not None
    row = next(n for n, s in enumerate(window.session.segments) if source_break(s.source) is None)
    window.go_to_row(row)
    editor = window.view.open_editor()
    assert isinstance(editor, TargetEditor)
    editor.load("", editor.source, select_all=False)
    press(editor, Qt.Key.Key_A, text="د")
    press(editor, Qt.Key.Key_A, text="ر")
    TargetEditor.enter_hint_shown = False
    press(editor, Qt.Key.Key_Return, text="\r")
    assert editor.text() == "در"  # nothing inserted
    assert "Shift+Enter" in window.statusBar().currentMessage()
    window.statusBar().clearMessage()
    press(editor, Qt.Key.Key_Enter, text="\r")  # the keypad's Enter too; the hint only once
    assert editor.text() == "در" and window.statusBar().currentMessage() == ""
    press(editor, Qt.Key.Key_Return, SHIFT, text="\r")
    press(editor, Qt.Key.Key_A, text="ه")
    assert editor.text() == "در\nه"
    window.close()


def test_enter_follows_the_sources_own_line_break(qtbot) -> None:
    make_app()
    editor = TargetEditor(None, True)
    qtbot.addWidget(editor)
    editor.load("الف\u00a0ب", "one\u2028two", select_all=False)
    press(editor, Qt.Key.Key_Return, text="\r")
    press(editor, Qt.Key.Key_Return, SHIFT, text="\r")
    assert editor.text() == "الف\u00a0ب\u2028\u2028"  # the source's kind; the no-break space kept
    editor.load("", "one\ntwo", select_all=False)
    press(editor, Qt.Key.Key_Return, text="\r")
    assert editor.text() == "\n"
    assert source_break("a\nb\u2028c") == "\n" and source_break("plain") is None


def _hit(terms: list[Term]) -> TermHit:
    source = Term("en", "university")
    return TermHit(Hit(0, 10, "university", ("g", 1), source),
                   [t.text for t in terms if t.status != "forbidden"], terms)


def test_only_the_forbidden_terms_line_is_painted_as_forbidden(qtbot) -> None:
    make_app()
    panel = GlossaryPanel()
    qtbot.addWidget(panel)
    panel.show_hits([_hit([Term("prs", "پوهنتون"), Term("prs", "دانشگاه", status="forbidden")])])
    item = panel.item(0, 2)
    preferred, forbidden = item.data(HTML).split("</p>")[:2]
    assert "پوهنتون" in preferred and "#8a1c1c" not in preferred and "<s>" not in preferred
    assert "دانشگاه" in forbidden and "#8a1c1c" in forbidden and "<s>" in forbidden
    assert item.foreground().color().name() != "#8a1c1c"  # the cell itself is not red
    assert item.text().count(" · ") == 2  # each line keeps its status
    assert panel.term(0) == "پوهنتون"  # Ctrl+1 still inserts the preferred term
    panel.resize(400, 300)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.rowHeight(0) >= 2 * panel.fontMetrics().height()  # both lines shown


def test_mt_alternatives_wrap_and_never_scroll_sideways(qtbot) -> None:
    make_app()
    panel = MTPanel(True)
    qtbot.addWidget(panel)
    mt = panel.list
    assert mt.wordWrap()
    assert mt.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert mt.minimumHeight() >= 4 * mt.fontMetrics().lineSpacing()
    panel.resize(300, 400)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_alternatives(["کلمه " * 40, "x" * 300])
    unbroken = mt.fontMetrics().horizontalAdvance("x" * 300) / mt.viewport().width()
    assert unbroken > 3
    # the unbroken run wraps anywhere, every line of it in sight (not elided)
    qtbot.waitUntil(lambda: mt.visualItemRect(mt.item(1)).height()
                    >= int(unbroken) * mt.fontMetrics().lineSpacing())
    assert mt.visualItemRect(mt.item(0)).width() <= mt.viewport().width()
    assert not mt.horizontalScrollBar().isVisible()
