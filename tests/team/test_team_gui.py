"""Two data dirs, one hub: a term added in one appears, highlighted, in the other's open
editor after a background sync; the status bar says how things stand."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

from desktop_app.core.resources import sample  # noqa: E402
from desktop_app.core.team import sync  # noqa: E402
from desktop_app.core.tm import TranslationMemory  # noqa: E402
from tests.team.conftest import Client, Hub  # noqa: E402
from tests.team.test_sync import add, run_sync  # noqa: E402


def test_a_colleagues_term_is_highlighted_after_background_sync(
        qtbot, clients: list[Client], hub: Hub, tmp_path: Path) -> None:
    from desktop_app.gui.app import make_app
    from desktop_app.gui.main_window import MainWindow

    alice, bob, _carol = clients
    with bob.active():  # bob's editor, on his own data dir
        make_app()
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        assert window.open_path(sample("panjshir.docx"), "dari")  # imported in the background
        qtbot.waitUntil(lambda: window.session is not None and window.job is None,
                        timeout=30_000)
        session = window.session
        row = next(r for r, s in enumerate(session.segments) if "shopkeeper" in s.source)
        assert not any(h.hit.text.lower() == "shopkeeper" for h in session.glossary_hits(row))

        add(alice, "shopkeeper", "دکاندار")  # alice, elsewhere, adds a term and syncs
        run_sync(alice)

        window.team_sync.sync_now()
        assert window.team_sync.label.isVisible()
        qtbot.waitUntil(lambda: not window.team_sync.busy, timeout=20_000)
        assert "synced" in window.team_sync.label.text(), window.team_sync.state
        hits = [h for h in session.glossary_hits(row) if h.hit.text.lower() == "shopkeeper"]
        assert hits and hits[0].targets == ["دکاندار"]
        from desktop_app.gui.widgets.cell_text import source_html

        html = source_html(session.segments[row].source, [h.hit.span for h in hits])
        assert "shopkeeper</span>" in html  # painted as a glossary hit

        shared = sync.share_project(session.project.path, "panjshir-desk")
        hub.cluster.kill()  # the hub goes away: the window says so and keeps working
        session.confirm(row, "دکاندار")  # a TM unit
        session.add_term("Panjshir valley", "دره پنجشیر")  # into the shared project glossary
        window.team_sync.sync_now()
        qtbot.waitUntil(lambda: not window.team_sync.busy, timeout=20_000)
        assert "offline since" in window.team_sync.label.text()
        assert "4 changes waiting" in window.team_sync.label.text()
        hub.cluster.start()
        window.team_sync.sync_now()
        qtbot.waitUntil(lambda: not window.team_sync.busy, timeout=20_000)
        assert "synced" in window.team_sync.label.text(), window.team_sync.state
        window.close()
    run_sync(alice)
    with alice.active(), TranslationMemory() as tm:
        assert tm.exact(session.segments[row].source, "en", "prs").target == "دکاندار"
    with hub.cluster.admin(hub.dbname) as conn:
        found = conn.execute("SELECT t.glossary, t.author, p.name FROM tarjuman.terms t JOIN "
                             "tarjuman.people p ON p.login = t.author WHERE t.text = %s",
                             ["دره پنجشیر"]).fetchall()
    assert len(found) == 1  # signed by bob's login, shown under the name he chose
    assert found[0][0] == shared and found[0][1].startswith("bob_") and found[0][2] == "bob"


def test_glossary_manager_shows_and_settles_conflicts(qtbot, clients: list[Client]) -> None:
    from desktop_app.core.glossary.library import open_default
    from desktop_app.gui.app import make_app
    from desktop_app.gui.dialogs.glossary_manager import GlossaryManager
    from desktop_app.gui.dialogs.team_conflicts import ConflictsDialog
    from tests.team.test_sync import edit, targets

    alice, bob, _carol = clients
    add(alice, "Northern Alliance", "ائتلاف شمال")
    run_sync(alice)
    run_sync(bob)
    edit(alice, "Northern Alliance", text="جبهه متحد")
    edit(bob, "Northern Alliance", text="اتحاد شمال")
    run_sync(bob)
    run_sync(alice)
    make_app()
    with alice.active():
        glossaries = open_default()
        manager = GlossaryManager(glossaries, "en", "prs")
        qtbot.addWidget(manager)
        assert not manager.conflicts_button.isHidden()
        assert "(1)" in manager.conflicts_button.text()
        dialog = ConflictsDialog(manager)
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 1
        assert "جبهه متحد" in dialog.table.item(0, 4).text()
        dialog.table.setCurrentCell(0, 0)  # (selectRow needs a laid-out header)
        dialog.resolve(use_other=True)
        assert dialog.table.rowCount() == 0
        # the manager heard of it on the changes signal and lists the value taken
        assert "جبهه متحد" in [manager.table.item(r, 2).text()
                              for r in range(manager.table.rowCount())]
        for g in glossaries.glossaries:
            g.close()
    run_sync(alice)
    run_sync(bob)
    assert targets(bob, "Northern Alliance") == ["جبهه متحد"]
