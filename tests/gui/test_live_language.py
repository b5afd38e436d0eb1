"""One language at a time: switching the UI language re-translates every visible string of
the window at once (menus, docks, their headers and buttons, the QA list, the status-bar
counts, the filter), English → Dari → Pashto → English with every dock open. Names, numbers
and text of the document are isolated (FSI…PDI) and not judged; the rest must be in the UI
language's script."""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
)

from desktop_app.core.resources import sample
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.mnemonics import plain
from tests.gui.conftest import shown_window

ISOLATED = re.compile("\u2068[^\u2069]*\u2069")
ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
# Latin that belongs in a Dari or Pashto UI: key names, abbreviations a translator knows
LATIN_OK = {"Ctrl", "Shift", "Alt", "Enter", "ZWNJ", "LRM", "RLM", "MT", "TM", "Tarjuman"}
LANGUAGE_NAMES = {"English", "دری", "پښتو"}  # each language's own name, in every UI


def wrong_script(text: str, lang: str) -> list[str]:
    bare = ISOLATED.sub(" ", text)
    if lang == "en":
        return ARABIC.findall(bare)
    return [w for w in re.findall(r"[A-Za-z]{2,}", bare) if w not in LATIN_OK]


def ui_strings(window: MainWindow) -> list[tuple[str, str]]:
    """Every string of the window's chrome in sight: (where, text)."""
    seen: list[tuple[str, str]] = [("status counts", window.counts.text()),
                                   ("empty", window.empty.text() if window.session is None
                                    else "")]
    menus = [window.menuBar(), *window.findChildren(QMenu)]
    for menu in menus:
        for action in menu.actions():
            if plain(action.text()) not in LANGUAGE_NAMES and menu is not window.recent_menu:
                seen.append((f"menu {action.objectName()}", action.text()))
    for dock in window.docks.values():
        seen.append(("dock title", dock.windowTitle()))
        for widget in dock.widget().findChildren(QLabel):
            if widget.isVisible():
                seen.append(("label", widget.text()))
        for widget in [dock.widget(), *dock.widget().findChildren(QAbstractButton)]:
            if isinstance(widget, QAbstractButton) and widget.isVisible():
                seen += [("button", widget.text()), ("tooltip", widget.toolTip())]
        for header in dock.widget().findChildren(QHeaderView):
            model = header.model()
            if header.isVisible() and model is not None:
                seen += [("dock header", str(model.headerData(n, header.orientation()) or ""))
                         for n in range(header.count())]
    qa = window.qa_panel.findings
    seen += [("QA", str(qa.data(qa.index(n)))) for n in range(min(qa.rowCount(), 50))]
    model = window.view.model()
    seen += [("grid header", str(model.headerData(n, Qt.Orientation.Horizontal) or ""))
             for n in range(model.columnCount())]
    box: QComboBox = window.filter_box
    seen += [("filter", box.itemText(n)) for n in range(box.count())]
    tm = window.tm_panel.diff.toPlainText()
    seen.append(("TM message", tm))
    for dialog in QApplication.topLevelWidgets():  # Find and Concordance, open beside
        if isinstance(dialog, QDialog) and dialog.isVisible():
            seen.append(("dialog title", dialog.windowTitle()))
            seen += [("dialog", w.text()) for kind in (QLabel, QAbstractButton)
                     for w in dialog.findChildren(kind) if w.isVisible()]
            seen += [("dialog", box.itemText(n)) for box in dialog.findChildren(QComboBox)
                     for n in range(box.count())]
    return [(where, text) for where, text in seen if text]


def findings(window: MainWindow) -> None:
    """Targets with faults the checks name: a doubled space, a Latin question mark,
    a number that is not in the source."""
    window.edit_segment(0, "مقاومت  در ۱۲ دره?")
    window.edit_segment(1, "کابل  ۷")
    assert window.qa_panel.count() >= 4


def test_every_string_follows_a_live_language_switch(qtbot) -> None:
    window = shown_window(qtbot, (1366, 768))
    assert window.open_path(sample("panjshir.docx"), "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    findings(window)
    for dock in window.docks.values():
        dock.show()
    window.go_to_row(3)
    window.registry["find"].trigger()
    window.registry["concordance"].trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)
               and w.isVisible()]
    assert len(dialogs) == 2
    dialogs[0].findChild(QLineEdit).setText("Kabul")  # a search with hits: their labels
    try:
        for lang in ("prs", "ps", "en"):
            window.set_ui_language(lang)
            qtbot.wait(20)
            strings = ui_strings(window)
            assert len(strings) > 60
            wrong = [(where, text) for where, text in strings if wrong_script(text, lang)]
            assert wrong == [], lang
            assert window.counts.isVisible() and window.counts.text()
    finally:
        window.set_ui_language("en")
    for dialog in dialogs:
        dialog.close()
    window.close()


def test_qa_list_follows_the_language_without_a_new_check(qtbot) -> None:
    window = shown_window(qtbot)
    assert window.open_path(sample("panjshir.docx"), "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    findings(window)
    assert "doubled space" in window.qa_panel.text(0)
    try:
        window.set_ui_language("ps")
        assert "doubled space" not in window.qa_panel.text(0)
        assert ARABIC.search(ISOLATED.sub("", window.qa_panel.text(0)))
        assert window.qa_panel.text(0).startswith("۱:")  # the row number in Pashto digits
    finally:
        window.set_ui_language("en")
    assert window.qa_panel.text(0) == "1: note: \u2068doubled space\u2069"
    window.close()


LATIN_DIGIT = re.compile("[0-9]")
NATIVE_DIGIT = re.compile("[\u06f0-\u06f9\u0660-\u0669]")


def test_one_digits_setting_for_the_whole_window(qtbot) -> None:
    window = shown_window(qtbot)
    assert window.open_path(sample("panjshir.docx"), "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    findings(window)
    digits = window.registry["native_digits"]
    try:
        window.set_ui_language("prs")
        assert digits.isChecked()  # Dari digits by default in the Dari UI
        for wanted, other, row_12 in ((NATIVE_DIGIT, LATIN_DIGIT, "۱۲"),
                                      (LATIN_DIGIT, NATIVE_DIGIT, "12")):
            model = window.model
            assert model.data(model.index(11, 0)) == row_12  # the grid's row number
            qa = [window.qa_panel.text(n) for n in range(window.qa_panel.count())]
            assert any(f"\u2068{row_12}\u2069" in line for line in qa)  # "12 is extra"
            strings = [(w, ISOLATED.sub(" ", t)) for w, t in ui_strings(window)]
            assert wanted.search(window.counts.text())
            assert [(w, t) for w, t in strings if other.search(t)] == []
            digits.trigger()  # Language > Dari and Pashto digits: off, then on again
        assert window.settings.ui_digits == "native" and digits.isChecked()
    finally:
        window.set_ui_language("en")
    assert window.model.data(window.model.index(11, 0)) == "12"
    window.close()


def test_a_window_started_in_dari_counts_in_dari_everywhere(qtbot, tarjuman_home) -> None:
    """Started in the Dari UI (no live switch): Qt's own number fields count in Dari digits
    too, and the Language menu names English in English (the way back for anyone)."""
    import json

    from PySide6.QtWidgets import QSpinBox

    from desktop_app.core.settings import Settings
    from desktop_app.gui.app import apply_ui_language, make_app
    from desktop_app.gui.i18n import apply_digits

    (tarjuman_home / "settings.json").write_text(json.dumps({"ui_language": "prs"}), "utf-8")
    app = make_app()
    apply_ui_language(app, Settings.load().ui_language)
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        box = QSpinBox()
        box.setValue(45)
        assert box.text() == "۴۵"
        names = {window.registry[key].text().replace("&", "") for key in
                 ("ui_en", "ui_prs", "ui_ps")}
        assert names == {"English", "دری", "پښتو"}
        window.close()
    finally:
        apply_ui_language(app, "en")
        apply_digits("native")
    assert QSpinBox().locale().language() is not QLocale.Language.Persian
