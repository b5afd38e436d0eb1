"""Tools > Team against a real hub: connect (the password typed, never echoed, never saved),
status with counts, rows kept out and why, conflicts and a clock warning, sync now as a
background job, disconnect; the same core functions as `tarjuman team`. Screenshots in
English and Dari, nothing clipped at 1366×768."""

from __future__ import annotations

import os
import secrets
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from desktop_app.core import languages  # noqa: E402
from desktop_app.core.paths import logs_dir, settings_file  # noqa: E402
from desktop_app.core.settings import Settings  # noqa: E402
from desktop_app.core.team import sync  # noqa: E402
from desktop_app.core.team.state import write_state  # noqa: E402
from desktop_app.gui.i18n import set_language  # noqa: E402
from tests.fixtures.dialog_shots import clipped, show_and_shoot  # noqa: E402
from tests.fixtures.pg_cluster import Cluster  # noqa: E402
from tests.team.conftest import Client, Hub  # noqa: E402
from tests.team.test_sync import add, edit, run_sync, targets  # noqa: E402


def _dialog(qtbot):  # type: ignore[no-untyped-def]
    from desktop_app.gui.app import make_app
    from desktop_app.gui.dialogs.team_dialog import TeamDialog

    make_app()
    synced: list[sync.SyncReport] = []
    dialog = TeamDialog(None, synced.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    return dialog, synced


def _dina(pg: Cluster, home: Path) -> Client:
    login = pg.create_login(f"dina_{secrets.token_hex(3)}", "tarjuman_editor")
    return Client(home, "dina", login)


def test_connect_status_sync_conflicts_and_disconnect_in_the_window(
        qtbot, clients: list[Client], hub: Hub, pg: Cluster, tarjuman_home: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    alice = clients[0]
    add(alice, "Northern Alliance", "ائتلاف شمال")
    run_sync(alice)
    with hub.cluster.admin(hub.dbname) as conn:  # a hub row this version cannot take
        conn.execute("INSERT INTO tarjuman.tm_units (uid, source_lang, target_lang, source, "
                     "target, norm, author, created, rev) VALUES (gen_random_uuid(), 'en', "
                     "'klingon', 'Hello.', 'nuqneH.', 'hello.', 'admin', now(), "
                     "nextval('tarjuman.rev'))")
    dina = _dina(pg, tarjuman_home)
    threads: list[int] = []
    real_sync = sync.sync

    def recorded() -> sync.SyncReport:  # the real sync, and the thread it ran on
        threads.append(threading.get_ident())
        return real_sync()

    monkeypatch.setattr(sync, "sync", recorded)
    dialog, synced = _dialog(qtbot)
    assert "Not connected" in dialog.state.text()
    assert not dialog.sync_button.isEnabled() and not dialog.disconnect_button.isEnabled()

    dialog.dsn.setText(hub.dsn(dina.login))
    dialog.name.setText("Dina")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.busy  # connecting runs in the background; the window goes on
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert Settings.load().team_dsn and Settings.load().team_name == "Dina"
    assert threads and threading.get_ident() not in threads  # synced, off the GUI thread
    assert synced and synced[0].pulled_terms > 0 and synced[0].quarantined == 1
    assert targets(dina, "Northern Alliance") == ["ائتلاف شمال"]  # alice's term is here
    text = dialog.outcome.text()
    assert "Connected to the team hub as " + dina.login in text
    assert f"got {synced[0].pulled_terms} glossary changes" in text
    assert "Connected to" in dialog.state.text() and "signing as Dina" in dialog.state.text()
    assert "0 changes waiting" in dialog.state.text()
    assert dialog.quarantine.count() == 1 and "klingon" in dialog.quarantine.item(0).text()
    assert dialog.sync_button.isEnabled() and dialog.disconnect_button.isEnabled()

    # a conflict: alice and dina change the same term between syncs
    edit(alice, "Northern Alliance", text="جبهه متحد")
    edit(dina, "Northern Alliance", text="اتحاد شمال")
    run_sync(alice)
    add(dina, "Panjshir", "پنجشیر")
    dialog.refresh()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    waiting = sync.waiting()  # dina's edit and new term, as `tarjuman team status` counts
    assert waiting > 1 and f"{waiting} changes waiting" in dialog.state.text()
    qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert f"sent {waiting} changes" in dialog.outcome.text()
    assert "1 new conflicts" in dialog.outcome.text()
    assert "0 changes waiting" in dialog.state.text()
    assert dialog.conflicts_button.isEnabled() and "(1)" in dialog.conflicts_button.text()
    assert not dialog.clock.isVisible()

    write_state(clock_skew=-3 * 86400)  # what a sync records on a laptop three days behind
    dialog.refresh()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.clock.isVisible() and "3 days behind the hub's" in dialog.clock.text()
    for ui in ("en", "prs"):
        _shoot(dialog, ui, qtbot)

    qtbot.mouseClick(dialog.disconnect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert Settings.load().team_dsn == "" and Settings.load().team_name == "Dina"
    assert "Not connected" in dialog.state.text() and "keep waiting" in dialog.outcome.text()
    assert not dialog.sync_button.isEnabled()


def _shoot(dialog, ui: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.gui.dialogs.team_dialog import TeamDialog

    app = QApplication.instance()
    set_language(ui)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if languages.get(ui).is_rtl
                           else Qt.LayoutDirection.LeftToRight)
    try:
        fresh = TeamDialog()  # built in that language, as the menu builds it
        qtbot.addWidget(fresh)
        fresh.show()
        qtbot.waitUntil(lambda: not fresh.busy, timeout=20_000)
        shot = show_and_shoot(fresh, f"team-dialog-{ui}")
        assert shot.stat().st_size > 5000
        assert clipped(fresh) == []
        if ui == "prs":
            assert "همگام" in fresh.sync_button.text()
        fresh.close()
    finally:
        set_language("en")
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_a_typed_password_connects_is_never_echoed_and_never_saved(
        qtbot, hub: Hub, pg: Cluster, tarjuman_home: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.core.logs import setup_logging

    setup_logging()
    dina = _dina(pg, tarjuman_home)
    empty = tmp_path / "no-pgpass"
    empty.write_text("", encoding="utf-8")
    empty.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(empty))  # libpq knows no password but the typed one
    dialog, _synced = _dialog(qtbot)
    dialog.dsn.setText(hub.dsn(dina.login))
    password = pg.passwords[dina.login]
    qtbot.keyClicks(dialog.password, password)
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    assert password not in dialog.password.displayText()
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=30_000)
    assert Settings.load().team_dsn.startswith("user=") or "user=" in Settings.load().team_dsn
    assert "password" not in Settings.load().team_dsn
    assert password not in settings_file().read_text(encoding="utf-8")
    assert password not in (logs_dir() / "tarjuman.log").read_text(encoding="utf-8")
    said = dialog.outcome.text()
    assert "not saved" in said and "~/.pgpass" in said  # and the sync after it says why not
    assert dialog.password.text() == ""


def test_tools_team_opens_from_the_menu(qtbot) -> None:
    from desktop_app.gui.dialogs.team_dialog import TeamDialog
    from tests.gui.conftest import shown_window

    window = shown_window(qtbot)
    seen: list[str] = []

    def close() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        assert isinstance(dialog, TeamDialog)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
        seen.append(dialog.state.text())
        dialog.reject()

    QTimer.singleShot(200, close)
    action = window.registry["team"]
    assert action in window.menus["tools"].actions()
    action.trigger()
    assert seen[0] == "TeamDialog" and "Not connected" in seen[1]
    window.close()
