"""Tools > Settings through the real window: the dialog shows the settings, saves through
the settings door, names a refused value next to its field, and the MT dock follows a new
model at once. Screenshots in English and Dari, nothing clipped at 1366×768."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from desktop_app.core import languages, settings_door
from desktop_app.core.mt import argos, registry
from desktop_app.core.paths import logs_dir, settings_file
from desktop_app.core.resources import sample
from desktop_app.core.settings import Settings
from desktop_app.core.settings_door import change_settings
from desktop_app.gui.dialogs.settings_dialog import SettingsDialog
from desktop_app.gui.i18n import set_language
from tests.fixtures.dialog_shots import clipped, show_and_shoot
from tests.gui.conftest import shown_window


def _through_the_menu(qtbot, window, fill) -> None:  # type: ignore[no-untyped-def]
    """Tools > Settings… as a translator opens it; ``fill(dialog)`` then OK."""
    seen: list[SettingsDialog] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        seen.append(dialog)
        try:
            fill(dialog)
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        finally:
            if dialog.isVisible():  # refused (or the test failed): closed, never left open
                dialog.reject()

    QTimer.singleShot(200, act)
    settings_action = window.registry["settings"]
    assert settings_action in window.menus["tools"].actions()
    settings_action.trigger()
    assert seen


def test_a_new_model_chosen_in_settings_is_used_by_the_mt_dock_at_once(
        qtbot, tiny_argos: Path, tiny_nllb: Path) -> None:
    argos.install(tiny_argos)
    nllb = registry.for_path(tiny_nllb).install(tiny_nllb)
    window = shown_window(qtbot)
    assert window.open_path(sample("panjshir.docx"), "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    window.go_to_row(1)
    before = window.mt_panel.status.text()
    other = next(m.id for m in registry.installed() if m.id not in before)
    seen: list[settings_door.SettingsChange] = []
    settings_door.subscribe(seen.append)
    try:
        def fill(dialog: SettingsDialog) -> None:
            dialog.model.setCurrentIndex(dialog.model.findData(other))
            dialog.numbers["beam_size"].setValue(6)

        _through_the_menu(qtbot, window, fill)
    finally:
        settings_door.unsubscribe(seen.append)
    assert [dict(c.new) for c in seen] == [{"mt_model": other, "beam_size": 6}]
    assert Settings.load().mt_model == other and window.settings.mt_model == other
    assert other in window.mt_panel.status.text()  # routed again, without a row change
    assert nllb.id in {m.id for m in registry.installed()}
    window.close()


def test_a_refused_server_address_is_named_beside_its_field_and_nothing_is_saved(
        qtbot) -> None:
    change_settings(beam_size=5)
    saved = settings_file().read_bytes()
    window = shown_window(qtbot)
    shown: dict[str, str] = {}

    def fill(dialog: SettingsDialog) -> None:
        dialog.url.setText("ftp://files.lan")
        dialog.numbers["beam_size"].setValue(9)

        def look() -> None:
            error = dialog.errors["libretranslate_url"]
            shown["url"] = error.text() if error.isVisible() else ""
            shown["beam"] = dialog.errors["beam_size"].text()

        dialog.accepted.connect(lambda: shown.setdefault("accepted", "yes"))
        QTimer.singleShot(0, look)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        QApplication.processEvents()
        look()

    _through_the_menu(qtbot, window, fill)
    assert "not a server address" in shown["url"] and "ftp://files.lan" in shown["url"]
    assert shown["beam"] == "" and "accepted" not in shown
    assert settings_file().read_bytes() == saved  # nothing half-written
    window.close()


def test_the_api_key_is_never_shown_nor_logged(qtbot) -> None:
    from desktop_app.core.logs import setup_logging

    setup_logging()  # as the app does at start
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.url.setText("http://127.0.0.1:5000")
    dialog.api_key.setText("k-SECRET-77")
    assert dialog.api_key.echoMode() == QLineEdit.EchoMode.Password
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert Settings.load().libretranslate_api_key == "k-SECRET-77"
    assert "k-SECRET-77" not in dialog.change.describe()  # type: ignore[union-attr]
    assert "k-SECRET-77" not in (logs_dir() / "tarjuman.log").read_text(encoding="utf-8")
    again = SettingsDialog()
    qtbot.addWidget(again)
    assert again.api_key.displayText() != "k-SECRET-77" and again.api_key.text() == "k-SECRET-77"


def test_ranges_come_from_the_schema(qtbot) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    beam = dialog.numbers["beam_size"]
    assert (beam.minimum(), beam.maximum()) == (1, 32)
    assert dialog.numbers["intra_threads"].specialValueText() == "Automatic"
    assert [dialog.device.itemData(i) for i in range(dialog.device.count())] == \
        ["auto", "cpu", "cuda"]


@pytest.mark.parametrize("ui", ["en", "prs", "ps"])
def test_settings_fit_a_small_screen_in_each_ui_language(qtbot, ui: str) -> None:
    from desktop_app.gui.app import make_app

    app = make_app()
    set_language(ui)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if languages.get(ui).is_rtl
                           else Qt.LayoutDirection.LeftToRight)
    try:
        dialog = SettingsDialog()
        qtbot.addWidget(dialog)
        shot = show_and_shoot(dialog, f"settings-dialog-{ui}")
        assert shot.stat().st_size > 5000
        assert clipped(dialog) == []
        if ui != "en":
            assert dialog.windowTitle() != "Settings"
    finally:
        set_language("en")
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_spelling_dictionary_folder_and_off_switch_take_effect_in_the_open_project(
        qtbot, tmp_path: Path) -> None:
    from desktop_app.core.spell import dictionaries
    from desktop_app.gui.models.segments import TARGET
    from tests.fixtures.hunspell_dict import write_dictionary

    folder = tmp_path / "my-dictionaries"
    write_dictionary(folder)  # fa_IR.dic/.aff: what a translator keeps on a USB stick
    window = shown_window(qtbot)
    # Persian: the one target with no word list of Tarjuman's own (Dari and Pashto have)
    assert window.open_path(sample("panjshir.docx"), "fa")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    assert window.session.spell is None  # no dictionary yet, too few words learned
    assert dictionaries.find("fa") is None

    _through_the_menu(qtbot, window, lambda d: d.dictionaries.setText(str(folder)))
    assert Settings.load().spell_dictionaries == str(folder)
    assert dictionaries.find("fa") == folder / "fa_IR.dic"
    assert window.session.spell is not None and window.session.spell.trusted
    assert window.view.itemDelegateForColumn(TARGET).spell is window.session.spell

    _through_the_menu(qtbot, window, lambda d: d.spelling.setChecked(False))
    assert window.session.spell is None and window.view.itemDelegateForColumn(TARGET).spell is None
    notes = [w.text() for w in window.statusBar().findChildren(type(window.empty))
             if w.isVisibleTo(window)]
    assert "Spelling off (Tools > Settings)" in notes

    def missing(d: SettingsDialog) -> None:
        d.spelling.setChecked(True)
        d.dictionaries.setText(str(tmp_path / "gone"))
        d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        assert d.errors["spell_dictionaries"].isVisible()
        assert "gone\u2069 is not a folder" in d.errors["spell_dictionaries"].text()

    _through_the_menu(qtbot, window, missing)
    assert not Settings.load().spelling  # refused: nothing saved
    window.close()


def test_the_model_manager_chooses_a_model_through_the_same_door(
        qtbot, tiny_argos: Path) -> None:
    from desktop_app.gui.app import make_app
    from desktop_app.gui.dialogs.model_manager import ModelManager

    make_app()
    info = argos.install(tiny_argos)
    manager = ModelManager()
    qtbot.addWidget(manager)
    seen: list[settings_door.SettingsChange] = []
    settings_door.subscribe(seen.append)
    try:
        for _click in range(2):  # a second click: back to the best quality for each pair
            manager.list.setCurrentRow([m.id for m in manager.models].index(info.id))
            manager.use()
    finally:
        settings_door.unsubscribe(seen.append)
    assert [dict(c.new) for c in seen] == [{"mt_model": info.id}, {"mt_model": ""}]
    assert Settings.load().mt_model == ""
