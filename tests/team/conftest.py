"""A real PostgreSQL cluster for the team tests: one per test session, a fresh hub database
per test. Skipped, with the reason shown, only where the server binaries are missing and CI
is not set; under CI they are required."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fixtures.pg_cluster import ADMIN, Cluster, environ, pg_bindir, running_cluster


@pytest.fixture(scope="session")
def pg() -> Iterator[Cluster]:
    if pg_bindir() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) are required under CI")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: team hub tests "
                    "need them (apt-get install postgresql)")
    with running_cluster() as cluster, environ(PGPASSFILE=str(cluster.passfile)):
        yield cluster


@dataclass
class Hub:
    cluster: Cluster
    dbname: str
    admin_dsn: str

    def dsn(self, user: str = ADMIN) -> str:
        return self.cluster.dsn(self.dbname, user)


@pytest.fixture
def hub(pg: Cluster) -> Iterator[Hub]:
    """A fresh database with the hub schema (made by `team init` as the admin)."""
    from desktop_app.core.team import sync

    name = pg.create_database()
    h = Hub(pg, name, pg.dsn(name))
    sync.init(h.admin_dsn)
    try:
        yield h
    finally:
        pg.start() if not _alive(pg) else None
        pg.drop_database(name)


def _alive(pg: Cluster) -> bool:
    try:
        with pg.admin():
            return True
    except Exception:
        return False


@dataclass
class Client:
    home: Path
    name: str
    login: str = ""

    @contextmanager
    def active(self) -> Iterator[Client]:
        with environ(TARJUMAN_HOME=str(self.home)):
            yield self


@pytest.fixture
def clients(tmp_path: Path, hub: Hub, pg: Cluster) -> list[Client]:
    """Three translators, each with their own data dir and editor login on the hub."""
    import secrets

    from desktop_app.core.team import sync

    out = []
    for name in ("alice", "bob", "carol"):
        user = pg.create_login(f"{name}_{secrets.token_hex(3)}", "tarjuman_editor") \
            if name not in pg.passwords else name
        home = tmp_path / name
        home.mkdir()
        client = Client(home, name, user)
        with client.active():
            sync.connect_hub(hub.dsn(user), name)
        out.append(client)
    return out
