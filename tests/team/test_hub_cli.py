"""The `tarjuman team` commands as a user meets them: one clear line for every refusal, the
password never stored, a reviewer who cannot write and loses nothing."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
from pathlib import Path

from desktop_app.core.team.schema import SCHEMA_VERSION
from tests.fixtures.pg_cluster import ADMIN, PASSWORD, Cluster, environ
from tests.team.conftest import Client, Hub


def run_cli(*args: str, home: Path, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """The CLI's own entry point, in this process (fast); exit code and output as a run."""
    from desktop_app import cli

    out, err = io.StringIO(), io.StringIO()
    with environ(TARJUMAN_HOME=str(home), **(env or {})), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def team(home: Path, *args: str, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    return run_cli("team", *args, home=home, env=env)


def one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode == 1, done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_init_connect_status_sync_disconnect(pg: Cluster, tmp_path: Path) -> None:
    db = pg.create_database()
    try:
        done = team(tmp_path, "init", pg.dsn(db))
        assert done.returncode == 0 and "created the team hub" in done.stdout, done
        again = team(tmp_path, "init", pg.dsn(db))
        assert "up to date" in again.stdout
        url = f"postgresql://{ADMIN}:{PASSWORD}@127.0.0.1:{pg.port}/{db}"
        done = team(tmp_path, "connect", url, "--name", "Farid",
                    env={"PGPASSFILE": "/nonexistent"})
        assert done.returncode == 0, done
        assert "password was removed" in done.stdout
        settings = (tmp_path / "settings.json").read_text()
        assert PASSWORD not in settings and "Farid" in settings
        for log in (tmp_path / "logs").glob("*"):
            assert PASSWORD not in log.read_text(errors="replace")
        done = team(tmp_path, "sync")  # the password now comes from the passfile
        assert done.returncode == 0 and "sent 0 changes" in done.stdout, done
        status = json.loads(team(tmp_path, "status", "--json").stdout)
        assert status["connected"] and status["waiting"] == 0 and status["last_sync"]
        assert team(tmp_path, "disconnect").returncode == 0
        one_line_error(team(tmp_path, "sync"), "not connected")
    finally:
        pg.drop_database(db)


def test_bad_dsn_wrong_password_newer_and_foreign_databases(pg: Cluster, hub: Hub,
                                                            tmp_path: Path) -> None:
    one_line_error(team(tmp_path, "connect", "host=127.0.0.1 port=5432 nonsense"),
                   "connection string")
    one_line_error(team(tmp_path, "connect", hub.dsn(), env={"PGPASSWORD": "wrong",
                                                             "PGPASSFILE": "/nonexistent"}),
                   "refused the password")
    one_line_error(team(tmp_path, "connect", f"host=127.0.0.1 port={pg.port + 1} dbname=x "
                        "connect_timeout=2"), "cannot reach the hub")
    foreign = pg.create_database("shop")
    try:
        with pg.admin(foreign) as conn:
            conn.execute("CREATE TABLE orders (id int)")
        one_line_error(team(tmp_path, "connect", pg.dsn(foreign)), "not a Tarjuman hub")
        with pg.admin(foreign) as conn:
            conn.execute("CREATE SCHEMA tarjuman")
        one_line_error(team(tmp_path, "init", pg.dsn(foreign)), "not a Tarjuman hub")
    finally:
        pg.drop_database(foreign)
    with pg.admin(hub.dbname) as conn:
        conn.execute("UPDATE tarjuman.meta SET value = %s WHERE key = 'schema_version'",
                     [str(SCHEMA_VERSION + 1)])
    for action in ("connect", "init"):
        one_line_error(team(tmp_path, action, hub.dsn()), "newer than this Tarjuman")
    assert not (tmp_path / "settings.json").exists() or \
        "team_dsn\": \"\"" in (tmp_path / "settings.json").read_text()


def test_reviewer_pulls_but_cannot_push(pg: Cluster, hub: Hub, tmp_path: Path) -> None:
    editor = pg.create_login("ed_" + hub.dbname[-6:], "tarjuman_editor")
    reviewer = pg.create_login("rev_" + hub.dbname[-6:], "tarjuman_reviewer")
    ed, rev = tmp_path / "ed", tmp_path / "rev"
    assert team(ed, "connect", hub.dsn(editor), "--name", "Editor").returncode == 0
    run_cli("glossary", "add", "--term", "en=Northern Alliance", "--term", "prs=ائتلاف شمال",
            home=ed)
    assert team(ed, "sync").returncode == 0
    done = team(rev, "connect", hub.dsn(reviewer))
    assert "reviewer" in done.stdout, done
    added = run_cli("glossary", "add", "--term", "en=Panjshir", "--term", "prs=پنجشیر", home=rev)
    assert added.returncode == 0, added
    line = one_line_error(team(rev, "sync"), "reviewer")
    assert "stay here" in line
    found = run_cli("glossary", "search", "Northern", home=rev)
    assert "ائتلاف شمال" in found.stdout  # pulled all the same
    assert "پنجشیر" in run_cli("glossary", "search", "Panjshir", home=rev).stdout  # kept
    assert json.loads(team(rev, "status", "--json").stdout)["waiting"] == 3
    with pg.admin(hub.dbname) as conn:
        assert conn.execute("SELECT count(*) FROM tarjuman.terms").fetchone() == (2,)


def test_status_lists_conflicts_and_resolve_settles_them(clients: list[Client]) -> None:
    from tests.team.test_sync import add, edit, run_sync, targets

    alice, bob, _carol = clients
    add(alice, "Ahmad Massoud", "احمد مسعود")
    run_sync(alice)
    run_sync(bob)
    edit(alice, "Ahmad Massoud", text="احمدشاه مسعود")
    edit(bob, "Ahmad Massoud", text="احمد مسعود (پسر)")
    run_sync(alice)
    done = team(bob.home, "sync")
    assert "1 new conflicts" in done.stdout, done
    status = team(bob.home, "status").stdout
    line = next(x for x in status.splitlines() if x.startswith("conflict"))
    assert "«احمد مسعود (پسر)» by bob" in line and "«احمدشاه مسعود» by alice" in line
    conflict_id = line.split()[1]
    done = team(bob.home, "resolve", conflict_id)
    assert done.returncode == 0, done
    assert json.loads(team(bob.home, "status", "--json").stdout)["conflicts"] == []
    one_line_error(team(bob.home, "resolve", "999999"), "no conflict")
    assert team(bob.home, "sync").returncode == 0
    run_sync(alice)
    assert targets(alice, "Ahmad Massoud") == ["احمد مسعود (پسر)"]
    with alice.active():
        from desktop_app.core.team import sync

        assert sync.status().conflicts == []  # settled for the whole team
