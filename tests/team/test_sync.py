"""Several translators, one hub: glossaries and TM converge, conflicts are kept, nothing is
lost, also when the server dies in the middle of a sync."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.glossary.library import open_user
from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.team import sync
from desktop_app.core.team.hub import HubUnreachable
from desktop_app.core.tm import TranslationMemory
from tests.team.conftest import Client, Hub


def snapshot(client: Client) -> tuple[Any, Any]:
    """A client's glossary (by uid) and TM, in a form that compares across data dirs."""
    with client.active():
        g = open_user()
        terms = sorted(g.db.execute(
            "SELECT t.uid, c.uid, t.lang, t.text, t.status, t.note, c.domain FROM terms t "
            "JOIN concepts c ON c.id = t.concept_id").fetchall())
        g.close()
        with TranslationMemory() as tm:
            units = sorted(tm.db.execute("SELECT source, target FROM units").fetchall())
    return terms, units


def add(client: Client, source: str, target: str, domain: str = "") -> Concept:
    with client.active():
        g = open_user()
        try:
            return g.add_concept(Concept([Term("en", source), Term("prs", target)],
                                         domain=domain))
        finally:
            g.close()


def edit(client: Client, source: str, **changes: Any) -> None:
    with client.active():
        g = open_user()
        try:
            term = next(t for c in g.concepts() for t in c.terms if t.text == source)
            target = next(t for t in g.get(term.concept_id or 0).terms if t.lang == "prs")
            g.update_term(target.id or 0, **changes)
        finally:
            g.close()


def targets(client: Client, source: str) -> list[str]:
    with client.active():
        g = open_user()
        try:
            return [t.text for c in g.concepts() if any(x.text == source for x in c.terms)
                    for t in c.terms if t.lang == "prs"]
        finally:
            g.close()


def confirm(client: Client, source: str, target: str) -> None:
    with client.active(), TranslationMemory() as tm:
        tm.add(source, target, "en", "prs", origin="project:article.tarjuman")


def run_sync(client: Client, **kw: Any) -> sync.SyncReport:
    with client.active():
        return sync.sync(**kw)


def test_terms_and_tm_reach_everyone(clients: list[Client]) -> None:
    alice, bob, carol = clients
    add(alice, "Northern Alliance", "ائتلاف شمال", domain="politics")
    add(bob, "Panjshir", "پنجشیر")
    confirm(alice, "The resistance held Panjshir.", "مقاومت پنجشیر را نگه داشت.")
    confirm(bob, "The resistance held Panjshir.", "مقاومت، پنجشیر را حفظ کرد.")
    with alice.active():
        assert sync.waiting() == 4  # a concept and two terms, one TM unit
    for c in (alice, bob, carol, alice):
        run_sync(c)
    snaps = [snapshot(c) for c in clients]
    assert snaps[0] == snaps[1] == snaps[2]
    terms, units = snaps[0]
    assert {t[3] for t in terms} == {"Northern Alliance", "ائتلاف شمال", "Panjshir", "پنجشیر"}
    assert len(units) == 2  # one source, two translations: both kept
    with carol.active():
        assert sync.waiting() == 0


def remove(client: Client, source: str) -> None:
    with client.active():
        g = open_user()
        try:
            concept = next(c for c in g.concepts() if any(t.text == source for t in c.terms))
            g.remove_concept(concept.id or 0)
        finally:
            g.close()


def test_edits_deletes_and_orders_converge(clients: list[Client]) -> None:
    alice, bob, carol = clients
    add(alice, "Northern Alliance", "ائتلاف شمال")
    add(alice, "Taliban", "طالبان")
    add(carol, "Amrullah Saleh", "امرالله صالح")
    for c in (alice, carol, bob):
        run_sync(c)
    edit(bob, "Northern Alliance", note="use in news")  # bob: a note
    edit(carol, "Northern Alliance", status="admitted")  # carol: another field
    remove(alice, "Taliban")
    confirm(carol, "Saleh spoke.", "صالح سخن گفت.")
    for c in (carol, alice, bob, carol, alice):
        run_sync(c)
    snaps = [snapshot(c) for c in clients]
    assert snaps[0] == snaps[1] == snaps[2]
    terms, units = snaps[0]
    assert not any(t[3] in ("Taliban", "طالبان") for t in terms)  # the tombstone synced
    target = next(t for t in terms if t[3] == "ائتلاف شمال")
    assert (target[4], target[5]) == ("admitted", "use in news")  # both edits kept
    assert units == [("Saleh spoke.", "صالح سخن گفت.")]
    with alice.active():
        assert sync.status().conflicts == []  # different fields: no conflict


def test_same_field_is_a_visible_conflict_later_write_wins(clients: list[Client]) -> None:
    alice, bob, _carol = clients
    add(alice, "Northern Alliance", "ائتلاف شمال")
    run_sync(alice)
    run_sync(bob)
    edit(alice, "Northern Alliance", text="جبهه متحد")
    edit(bob, "Northern Alliance", text="اتحاد شمال")  # the later write
    run_sync(bob)
    run_sync(alice)  # alice's older value loses, and is kept as a conflict
    run_sync(bob)
    assert targets(alice, "Northern Alliance") == targets(bob, "Northern Alliance") == \
        ["اتحاد شمال"]
    for client in (alice, bob):
        with client.active():
            found = sync.status().conflicts
        assert len(found) == 1
        assert (found[0].kept, found[0].other) == ("اتحاد شمال", "جبهه متحد")
        assert (found[0].kept_author, found[0].other_author) == ("bob", "alice")
    with alice.active():  # alice takes her value back: an edit that syncs
        sync.resolve(found[0].id, use_other=True)
    run_sync(alice)
    run_sync(bob)
    assert targets(bob, "Northern Alliance") == ["جبهه متحد"]
    with bob.active():
        assert sync.status().conflicts == []


def test_server_killed_mid_push_and_mid_pull(clients: list[Client], hub: Hub) -> None:
    alice, bob, _carol = clients
    for n in range(6):
        add(alice, f"term {n}", f"اصطلاح {n}")
        confirm(alice, f"Sentence {n}.", f"جمله {n}.")

    def killer(stage: str) -> Any:
        def hook(seen: str, done: int) -> None:
            if seen == stage and done >= 2:
                hub.cluster.kill()
        return hook

    with pytest.raises(HubUnreachable):
        run_sync(alice, batch=1, hook=killer("push"))
    with alice.active():
        assert 0 < sync.waiting() < 24  # part went out, the rest waits
        assert sync.status().offline_since is not None
    edit(alice, "term 0", text="اصطلاح صفر")  # an offline edit while the hub is down
    hub.cluster.start()
    run_sync(alice)
    with pytest.raises(HubUnreachable):
        run_sync(bob, batch=1, hook=killer("pull"))
    hub.cluster.start()
    run_sync(bob)
    assert snapshot(alice) == snapshot(bob)
    terms, units = snapshot(bob)
    assert len(terms) == 12 and len(units) == 6
    assert "اصطلاح صفر" in {t[3] for t in terms}


def test_a_lost_answer_is_not_applied_twice(clients: list[Client], hub: Hub) -> None:
    """The push committed but the client never heard: it sends the same changes again."""
    import shutil

    from desktop_app.core.glossary.library import user_glossary_path

    alice = clients[0]
    add(alice, "Northern Alliance", "ائتلاف شمال")
    run_sync(alice)
    edit(alice, "Northern Alliance", note="first")
    with alice.active():
        path = user_glossary_path()
        g = open_user()
        g.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        g.close()
        shutil.copy(path, path.with_suffix(".before"))
    run_sync(alice)
    with hub.cluster.admin(hub.dbname) as conn:
        before = conn.execute("SELECT sum(version), count(*) FROM tarjuman.terms").fetchone()
        history = conn.execute("SELECT count(*) FROM tarjuman.history").fetchone()
    with alice.active():
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        shutil.copy(path.with_suffix(".before"), path)  # the outbox as before the push
        assert sync.waiting() == 2
    run_sync(alice)
    with hub.cluster.admin(hub.dbname) as conn:
        assert conn.execute("SELECT sum(version), count(*) FROM tarjuman.terms").fetchone() \
            == before
        assert conn.execute("SELECT count(*) FROM tarjuman.history").fetchone() == history
    with alice.active():
        assert sync.waiting() == 0


def test_hub_tm_fuzzy_lookup(clients: list[Client], hub: Hub) -> None:
    from desktop_app.core.team import tm_sync
    from desktop_app.core.team.hub import connect

    alice = clients[0]
    confirm(alice, "The Northern Alliance held the Panjshir valley for years.",
            "ائتلاف شمال دره پنجشیر را سال‌ها نگه داشت.")
    confirm(alice, "Farmers in Bazarak sold their wheat.", "دهقانان بازارک گندم خود را فروختند.")
    run_sync(alice)
    with connect(hub.dsn(), autocommit=True) as conn:
        found = tm_sync.hub_fuzzy(conn, "The Northern Alliance held the Panjshir valley for "
                                  "months.", "en", "dari")
        assert [m.target for m in found] == ["ائتلاف شمال دره پنجشیر را سال‌ها نگه داشت."]
        assert 75 <= found[0].score < 100
        assert ("insert", "years.") in found[0].diff
        assert tm_sync.hub_fuzzy(conn, "Farmers sold wheat.", "en", "prs") == []
        with alice.active(), TranslationMemory() as tm:  # the same score as the local TM
            local = tm.fuzzy("The Northern Alliance held the Panjshir valley for months.",
                             "en", "prs")
        assert local[0].score == found[0].score


def test_a_shared_project_glossary_syncs_under_its_name(clients: list[Client],
                                                        tmp_path: Path) -> None:
    from desktop_app.core.glossary.library import project_glossary_path
    from desktop_app.core.glossary.store import Glossary

    alice, bob, _carol = clients
    paths = {}
    for client in (alice, bob):
        project = tmp_path / f"{client.name}-article.docx.tarjuman"
        with client.active():
            assert sync.share_project(project, "panjshir-desk") == "panjshir-desk"
        paths[client.name] = project_glossary_path(project)
    with alice.active():
        g = Glossary(paths["alice"], name="project")
        g.add_concept(Concept([Term("en", "Bazarak"), Term("prs", "بازارک")]))
        g.close()
    add(alice, "Northern Alliance", "ائتلاف شمال")  # her own glossary: the team glossary
    run_sync(alice)
    run_sync(bob)
    with bob.active():
        g = Glossary(paths["bob"], name="project")
        texts = {t.text for c in g.concepts() for t in c.terms}
        g.close()
    assert texts == {"Bazarak", "بازارک"}  # only the shared project's terms
    assert targets(bob, "Northern Alliance") == ["ائتلاف شمال"]
    assert targets(bob, "Bazarak") == []
