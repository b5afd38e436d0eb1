"""Colleagues attacking each other through SQL on one hub: two editors (alice, bob) and a
reviewer (rita), each with their own login. Every case ends in one clean line, loses
nothing (the colleague's later edit is on the hub), and ends in bounded time: each sync runs
under a harness timeout, so a hang fails the test instead of stalling it."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import psycopg
import pytest
from psycopg.types.json import Jsonb

from desktop_app.core.team import sync
from desktop_app.core.team.schema import _ROLES, MIGRATIONS, SCHEMA_VERSION
from desktop_app.core.team.tm_sync import unit_uid
from tests.fixtures.pg_cluster import Cluster
from tests.team.conftest import Client, Hub
from tests.team.test_hub_cli import one_line_error, team
from tests.team.test_sync import add, confirm, edit, run_sync, targets

T = TypeVar("T")
BOUND = 40  # seconds any one sync may take here, lock waits included; beyond: a hang


def bounded(fn: Callable[[], T], seconds: float = BOUND) -> T:
    """``fn()`` in a thread; a failure if it has not returned within ``seconds``."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test below
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"hung: still running after {seconds} s")
    if "error" in out:
        raise out["error"]
    return out["value"]  # type: ignore[no-any-return]


def session(hub: Hub, login: str) -> psycopg.Connection[Any]:
    """A colleague's own SQL session (psql's, in effect): the password from the passfile."""
    return psycopg.connect(hub.dsn(login), autocommit=True, connect_timeout=5)


def hub_text(hub: Hub, uid: str) -> str:
    with hub.cluster.admin(hub.dbname) as conn:
        row = conn.execute("SELECT text FROM tarjuman.terms WHERE uid = %s", [uid]).fetchone()
    return str(row[0]) if row else ""


def term_uid(client: Client, text: str) -> str:
    from desktop_app.core.glossary.library import open_user

    with client.active():
        g = open_user()
        try:
            row = g.db.execute("SELECT uid FROM terms WHERE text = ?", [text]).fetchone()
        finally:
            g.close()
    return str(row[0])


def client_id(client: Client) -> str:
    return str(json.loads((client.home / "settings.json").read_text())["team_client"])


@pytest.fixture
def reviewer(pg: Cluster, hub: Hub) -> str:
    return pg.create_login(f"rita_{secrets.token_hex(3)}", "tarjuman_reviewer")


def denied(conn: psycopg.Connection[Any], statement: str, params: Any = None) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement, params)


def test_no_login_can_write_tables_or_forge_a_colleagues_sync_state(
        clients: list[Client], hub: Hub, reviewer: str) -> None:
    alice, bob, _carol = clients
    add(alice, "Northern Alliance", "ائتلاف شمال")
    bounded(lambda: run_sync(alice))
    bounded(lambda: run_sync(bob))
    uid = term_uid(alice, "ائتلاف شمال")
    forged = {"uid": uid, "seq": 10**15, "fields": None}
    with session(hub, bob.login) as conn:
        # the tables are read-only to editors, the sync state is not even readable
        denied(conn, "INSERT INTO tarjuman.applied (login, client, kind, uid, seq) VALUES "
               "(%s, %s, 'term', %s, %s)", [alice.login, client_id(alice), uid, 10**15])
        denied(conn, "SELECT * FROM tarjuman.applied")
        denied(conn, "UPDATE tarjuman.terms SET text = 'x'")
        denied(conn, "DELETE FROM tarjuman.history")
        denied(conn, "INSERT INTO tarjuman.people VALUES (%s, 'bob')", [alice.login])
        denied(conn, "SELECT setval('tarjuman.rev', 1)")
        # through the function, a forged client id only ever speaks for bob's own login
        conn.execute("SELECT tarjuman.push_changes('term', 'team', %s, 'bob', %s)",
                     [client_id(alice), Jsonb([{**forged, "fields": {
                         "lang": "prs", "text": "ائتلاف شمال", "status": "preferred",
                         "pos": "", "note": "", "case_sensitive": False, "dnt": False}}])])
        # a TM unit id squatted before its owner sends it does not keep the unit out
        squatted = unit_uid("en", "prs", "Saleh spoke.", "صالح سخن گفت.")
        conn.execute("SELECT tarjuman.push_tm('bob', %s)", [Jsonb([{
            "uid": squatted, "source_lang": "en", "target_lang": "prs", "source": "spam",
            "target": "spam", "norm": "spam", "age": 0}])])
    confirm(alice, "Saleh spoke.", "صالح سخن گفت.")
    with session(hub, reviewer) as conn:
        denied(conn, "SELECT tarjuman.push_changes('term', 'team', %s, 'rita', '[]')",
               [client_id(alice)])
        denied(conn, "INSERT INTO tarjuman.terms (uid) VALUES (gen_random_uuid())")
    edit(alice, "Northern Alliance", text="جبهه متحد")  # alice's later edit
    report = bounded(lambda: run_sync(alice))
    assert report.pushed and report.waiting == 0
    assert hub_text(hub, uid) == "جبهه متحد"  # on the hub: nothing swallowed
    with hub.cluster.admin(hub.dbname) as conn:
        assert conn.execute("SELECT count(*) FROM tarjuman.tm_units WHERE target = %s",
                            ["صالح سخن گفت."]).fetchone() == (1,)
    bounded(lambda: run_sync(bob))
    assert targets(bob, "Northern Alliance") == ["جبهه متحد"]


def test_meta_cannot_be_tampered_with_and_a_garbled_version_is_one_sentence(
        clients: list[Client], hub: Hub, tmp_path: Path) -> None:
    alice, bob, _carol = clients
    with session(hub, bob.login) as conn:
        for value in ("99", "abc"):
            denied(conn, "UPDATE tarjuman.meta SET value = %s WHERE key = 'schema_version'",
                   [value])
    add(alice, "Panjshir", "پنجشیر")
    assert bounded(lambda: run_sync(alice)).pushed == 3  # the hub still works for everyone
    for value, words in (("abc", ("schema version", "'abc'", "by hand")),
                         ("0", ("schema version", "'0'", "by hand")),
                         ("99", ("newer than this Tarjuman",))):
        with hub.cluster.admin(hub.dbname) as conn:  # only the owner can do this
            conn.execute("UPDATE tarjuman.meta SET value = %s WHERE key = 'schema_version'",
                         [value])
        for home, args in ((alice.home, ("sync",)), (tmp_path, ("connect", hub.dsn())),
                           (tmp_path, ("init", hub.dsn()))):
            line = one_line_error(bounded(lambda h=home, a=args: team(h, *a)), *words)
            assert "internal error" not in line
    with hub.cluster.admin(hub.dbname) as conn:
        conn.execute("UPDATE tarjuman.meta SET value = %s WHERE key = 'schema_version'",
                     [str(SCHEMA_VERSION)])
    add(alice, "Bazarak", "بازارک")
    assert bounded(lambda: run_sync(alice)).pushed == 3  # nothing was lost meanwhile
    bounded(lambda: run_sync(bob))
    assert targets(bob, "Bazarak") == ["بازارک"]


def test_a_reviewer_cannot_stall_a_sync_and_a_held_lock_is_one_line(
        clients: list[Client], hub: Hub, reviewer: str) -> None:
    alice, bob, _carol = clients
    add(alice, "Northern Alliance", "ائتلاف شمال")
    bounded(lambda: run_sync(alice))
    with session(hub, reviewer) as rita:
        rita.execute("SELECT pg_advisory_lock(%s)", [0x7461726A])  # the old hub lock key
        rita.execute("BEGIN")
        rita.execute("SELECT count(*) FROM tarjuman.terms")  # holds a read lock on terms
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            rita.execute("SELECT * FROM tarjuman.writer FOR UPDATE")
        rita.execute("ROLLBACK")
        rita.execute("BEGIN")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            rita.execute("LOCK TABLE tarjuman.terms IN EXCLUSIVE MODE")
        rita.execute("ROLLBACK")
        edit(alice, "Northern Alliance", note="held")
        assert bounded(lambda: run_sync(alice)).waiting == 0  # not stalled at all
        one_line_error(bounded(lambda: team(alice.home, "init", hub.dsn())),
                       "holds a lock `team init` needs")  # the owner hears why, at once
    uid = term_uid(alice, "ائتلاف شمال")
    # an editor who opens a write and walks away: the others wait a few seconds, then hear
    with session(hub, bob.login) as conn:
        conn.execute("BEGIN")
        conn.execute("SELECT tarjuman.push_changes('concept', 'team', gen_random_uuid(), "
                     "'bob', '[]')")
        edit(alice, "Northern Alliance", text="جبهه متحد")
        line = one_line_error(bounded(lambda: team(alice.home, "sync")), "the hub is busy")
        assert "nothing was lost" in line
        with alice.active():
            assert sync.waiting() >= 1  # still waiting, not lost
        conn.execute("ROLLBACK")
    assert bounded(lambda: run_sync(alice)).waiting == 0
    assert hub_text(hub, uid) == "جبهه متحد"


BAD_TERMS = [  # (lang, text, status, why)
    ("prs", "x", "bogus", "status bogus"),
    ("prs", None, "preferred", "longer than 1000"),  # 20M characters, made on the server
    ("prs", "two\nlines", "preferred", "line break"),
    ("prs", "", "preferred", "empty"),
    ("klingon", "tlhIngan", "preferred", "language klingon"),
]


def test_bad_hub_rows_are_quarantined_and_everything_else_syncs(
        clients: list[Client], hub: Hub) -> None:
    alice, bob, _carol = clients
    add(alice, "Northern Alliance", "ائتلاف شمال")
    bounded(lambda: run_sync(alice))
    concept = term_uid(alice, "Northern Alliance")
    bad = []
    with hub.cluster.admin(hub.dbname) as conn:  # rows only the owner can still write
        cuid = conn.execute("SELECT concept_uid FROM tarjuman.terms WHERE uid = %s",
                            [concept]).fetchone()[0]
        for lang, text, status, _why in BAD_TERMS:
            row = conn.execute(
                "INSERT INTO tarjuman.terms (uid, concept_uid, glossary, lang, text, status, "
                "author, created, modified, version, rev) VALUES (gen_random_uuid(), %s, "
                "'team', %s, coalesce(%s, repeat('x', 20000000)), %s, 'admin', "
                "'33715-01-01', '33715-01-01', 1, nextval('tarjuman.rev')) RETURNING uid::text",
                [cuid, lang, text, status]).fetchone()
            bad.append(row[0])
        conn.execute("INSERT INTO tarjuman.tm_units (uid, source_lang, target_lang, source, "
                     "target, norm, author, created, rev) VALUES (gen_random_uuid(), 'en', "
                     "'klingon', 'Hello.', 'nuqneH.', 'hello.', 'admin', now(), "
                     "nextval('tarjuman.rev'))")
    add(alice, "Panjshir", "پنجشیر")  # written after the bad rows
    bounded(lambda: run_sync(alice))
    done = bounded(lambda: team(bob.home, "sync"))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done
    assert "6 hub rows could not be taken" in done.stdout
    assert targets(bob, "Panjshir") == ["پنجشیر"]  # everything else synced
    assert targets(bob, "Northern Alliance") == ["ائتلاف شمال"]
    status = team(bob.home, "status").stdout.splitlines()
    kept_out = [line for line in status if line.startswith("kept out of")]
    assert len(kept_out) == 6
    for uid, (_lang, _text, _status, why) in zip(bad, BAD_TERMS, strict=True):
        assert any(uid in line and why in line for line in kept_out), (uid, why, kept_out)
    assert any("TM: hub unit" in line and "klingon" in line for line in kept_out)
    assert max(len(line) for line in kept_out) < 300  # the 20M characters are not shown
    again = bounded(lambda: run_sync(bob))
    assert again.quarantined == 0 and again.pulled_terms == 0  # not pulled again
    with hub.cluster.admin(hub.dbname) as conn:  # the owner repairs one row
        conn.execute("UPDATE tarjuman.terms SET status = 'admitted', modified = now(), "
                     "rev = nextval('tarjuman.rev') WHERE uid = %s", [bad[0]])
    bounded(lambda: run_sync(bob))
    with bob.active():
        left = {q.id for q in sync.status().quarantine}
    assert bad[0] not in left and len(left) == 5


def test_server_time_orders_conflicts_whatever_the_laptop_clocks(
        clients: list[Client], hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    alice, bob, _carol = clients
    add(alice, "Northern Alliance", "ائتلاف شمال")
    bounded(lambda: run_sync(alice))
    bounded(lambda: run_sync(bob))
    uid = term_uid(alice, "ائتلاف شمال")
    real = time.time
    with monkeypatch.context() as m:  # alice's laptop runs a day fast
        m.setattr(time, "time", lambda: real() + 86400)
        edit(alice, "Northern Alliance", text="جبهه متحد")
    time.sleep(1)
    edit(bob, "Northern Alliance", text="اتحاد شمال")  # the later edit, in real time
    bounded(lambda: run_sync(bob))
    with monkeypatch.context() as m:
        m.setattr(time, "time", lambda: real() + 86400)
        report = bounded(lambda: run_sync(alice))
        assert 86000 < report.clock_skew < 86800
        done = bounded(lambda: team(alice.home, "status"))
    assert "1.0 days ahead" not in done.stdout  # one day reads in hours
    assert "24.0 hours ahead of the hub's" in done.stdout, done.stdout
    assert hub_text(hub, uid) == "اتحاد شمال"  # bob's later edit wins
    with alice.active():
        found = sync.status().conflicts
    assert [(c.kept, c.other, c.kept_author, c.other_author) for c in found] == \
        [("اتحاد شمال", "جبهه متحد", "bob", "alice")]

    year_33715 = 1_002_000_000_000.0  # seconds since 1970
    start = real()
    with monkeypatch.context() as m:
        m.setattr(time, "time", lambda: year_33715 + real() - start)
        edit(alice, "Northern Alliance", note="far future")
        done = bounded(lambda: team(alice.home, "sync"))
    assert done.returncode == 0 and "internal error" not in done.stderr, done
    assert "days ahead of the hub's" in done.stdout, done.stdout
    with hub.cluster.admin(hub.dbname) as conn:
        note, modified = conn.execute("SELECT note, modified <= now() FROM tarjuman.terms "
                                      "WHERE uid = %s", [uid]).fetchone()
    assert note == "far future" and modified  # the hub keeps its own time
    edit(bob, "Northern Alliance", note="now")  # the later edit wins again
    bounded(lambda: run_sync(bob))
    bounded(lambda: run_sync(alice))
    with hub.cluster.admin(hub.dbname) as conn:
        assert conn.execute("SELECT note FROM tarjuman.terms WHERE uid = %s",
                            [uid]).fetchone() == ("now",)


SECRET = "Sup3r-S3cret-pw"


@pytest.mark.parametrize("dsn", [
    f"postgresql://alice:{SECRET}@[::1/db",
    f"postgresql://alice:{SECRET}@db.lan:notaport/team",
    f"postgresql://alice@db.lan/team?password={SECRET}&broken",
    f"host=db.lan password={SECRET} nonsense",
    f"host=db.lan password='{SECRET}' dbname=team sslmode=bogus",
    f"postgresql://alice:{SECRET}@127.0.0.1:1/team?connect_timeout=2",
])
def test_no_password_in_any_message_log_or_setting(dsn: str, tmp_path: Path) -> None:
    for action in ("connect", "init"):
        done = bounded(lambda a=action: team(tmp_path, a, dsn))
        one_line_error(done)
        assert SECRET not in done.stdout + done.stderr, done
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(errors="replace"), path


def test_names_and_languages_the_hub_refuses(clients: list[Client], hub: Hub,
                                             tmp_path: Path) -> None:
    from desktop_app.core.glossary.library import open_user
    from desktop_app.core.glossary.store import Concept, Term

    alice, bob, _carol = clients
    with session(hub, bob.login) as conn:
        with pytest.raises(psycopg.errors.CheckViolation, match="klingon"):
            conn.execute("SELECT tarjuman.push_changes('concept', 'team', gen_random_uuid(), "
                         "'bob', %s)", [Jsonb([{"uid": "5d1c6a1e-7a2b-4f0e-9a57-000000000001",
                                               "seq": 1, "fields": {"domain": "", "note": "",
                                                                    "ext_id": ""}}])])
            conn.execute("SELECT tarjuman.push_changes('term', 'team', gen_random_uuid(), "
                         "'bob', %s)", [Jsonb([{
                             "uid": "5d1c6a1e-7a2b-4f0e-9a57-000000000002", "seq": 1,
                             "concept_uid": "5d1c6a1e-7a2b-4f0e-9a57-000000000001",
                             "fields": {"lang": "klingon", "text": "Qapla'",
                                        "status": "preferred", "pos": "", "note": "",
                                        "case_sensitive": False, "dnt": False}}])])
        term = {"lang": "prs", "text": "Qapla'", "status": "preferred", "pos": "", "note": "",
                "case_sensitive": False, "dnt": False}
        for bad, why in (({"status": "bogus"}, "status bogus"),
                         ({"text": "x" * 2_000_000}, "2000000 characters"),
                         ({"text": "two\nlines"}, "line break"), ({"text": " "}, "empty")):
            with pytest.raises(psycopg.errors.CheckViolation, match=why):
                conn.execute("SELECT tarjuman.push_changes('term', 'team', gen_random_uuid(), "
                             "'bob', %s)", [Jsonb([{
                                 "uid": "5d1c6a1e-7a2b-4f0e-9a57-000000000003", "seq": 1,
                                 "concept_uid": "5d1c6a1e-7a2b-4f0e-9a57-000000000001",
                                 "fields": {**term, **bad}}])])
        for name in ("bob\nadmin", "bob\u202enimda", "b" * 100_000):
            with pytest.raises(psycopg.errors.CheckViolation):
                conn.execute("SELECT tarjuman.push_tm(%s, '[]')", [name])
    with alice.active():
        g = open_user()
        g.add_concept(Concept([Term("en", "success"), Term("klingon", "Qapla'")]))
        g.close()
    done = bounded(lambda: team(alice.home, "sync"))
    assert done.returncode == 0, done
    assert "not sent (the hub does not take it)" in done.stdout and "klingon" in done.stdout
    with hub.cluster.admin(hub.dbname) as conn:  # the rest of the concept went out
        assert conn.execute("SELECT lang, count(*) FROM tarjuman.terms WHERE text = ANY(%s) "
                            "GROUP BY lang", [["success", "Qapla'"]]).fetchall() == [("en", 1)]
    project = tmp_path / "article.docx.tarjuman"
    for name in ("desk\nother", "desk\u202ekrow", "d" * 100_000):
        one_line_error(team(alice.home, "share", str(project), "--as", name), "name")
        one_line_error(team(tmp_path / "new", "connect", hub.dsn(), "--name", name), "name")


def test_team_init_migrates_an_older_hub_and_takes_the_editors_rights(
        pg: Cluster, tmp_path: Path) -> None:
    db = pg.create_database()
    editor = pg.create_login(f"ed_{secrets.token_hex(3)}")
    try:
        with pg.admin(db) as conn:  # a hub as Tarjuman made it before the functions
            for step in MIGRATIONS[:3]:
                for statement in step:
                    conn.execute(statement)
            conn.execute("INSERT INTO tarjuman.meta VALUES ('kind', 'tarjuman-hub'), "
                         "('hub_id', gen_random_uuid()::text), ('schema_version', '3')")
            conn.execute(_ROLES)
            conn.execute("GRANT USAGE ON SCHEMA tarjuman TO tarjuman_editor")
            conn.execute("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA tarjuman TO "
                         "tarjuman_editor")
            conn.execute(f"GRANT tarjuman_editor TO {editor}")
        one_line_error(team(tmp_path, "connect", pg.dsn(db, editor)), "team init")
        done = bounded(lambda: team(tmp_path, "init", pg.dsn(db)))
        assert "migrated the hub from schema 3 to 4" in done.stdout, done
        with psycopg.connect(pg.dsn(db, editor), autocommit=True) as conn:
            denied(conn, "INSERT INTO tarjuman.meta VALUES ('x', 'y')")
            denied(conn, "UPDATE tarjuman.terms SET text = 'x'")
        done = bounded(lambda: team(tmp_path, "connect", pg.dsn(db, editor)))
        assert done.returncode == 0 and "(editor)" in done.stdout, done
        with pg.admin(db) as conn:  # functions dropped by hand: init puts them back
            conn.execute("DROP FUNCTION tarjuman.push_changes")
        one_line_error(team(tmp_path, "sync"), "write functions", "team init")
        assert "up to date" in team(tmp_path, "init", pg.dsn(db)).stdout
        assert bounded(lambda: team(tmp_path, "sync")).returncode == 0
    finally:
        pg.drop_database(db)


def test_team_init_by_the_database_owner_without_superuser(pg: Cluster, tmp_path: Path,
                                                           reviewer: str) -> None:
    """The rights the README names: own the database (pg_trgm is a trusted extension); the
    two group roles exist (a superuser, or a login with CREATEROLE, made them once)."""
    owner = pg.create_login(f"owner_{secrets.token_hex(3)}")
    db = pg.create_database()
    try:
        with pg.admin() as conn:
            conn.execute(f"ALTER DATABASE {db} OWNER TO {owner}")
            conn.execute(_ROLES)
        done = bounded(lambda: team(tmp_path / "owner", "init", pg.dsn(db, owner)))
        assert done.returncode == 0 and "created the team hub" in done.stdout, done
        editor = pg.create_login(f"ed_{secrets.token_hex(3)}", "tarjuman_editor")
        home = tmp_path / "ed"
        assert team(home, "connect", pg.dsn(db, editor), "--name", "Farid").returncode == 0
        add(Client(home, "Farid", editor), "Panjshir", "پنجشیر")
        assert bounded(lambda: team(home, "sync")).returncode == 0
        with psycopg.connect(pg.dsn(db, reviewer), autocommit=True) as conn:
            assert conn.execute("SELECT p.name FROM tarjuman.terms t JOIN tarjuman.people p "
                                "ON p.login = t.author").fetchall() == [("Farid",)] * 2
    finally:
        pg.drop_database(db)
