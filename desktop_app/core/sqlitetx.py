"""Write transactions that work while several connections share a file (the GUI thread,
a background job, a CLI run): BEGIN IMMEDIATE takes the write lock up front and waits
for it (busy_timeout), instead of failing with "database is locked" when a deferred
transaction's snapshot goes stale. Nested use becomes a savepoint."""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils

BUSY_TIMEOUT_MS = 10_000


def configure(db: sqlite_utils.Database) -> sqlite_utils.Database:
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _wal(db)
    return db


def _wal(db: sqlite_utils.Database) -> None:
    """Switch to WAL. On a fresh file opened by two threads at once the switch can answer
    "database is locked" at once, without waiting: retry until the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


@contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[None]:
    conn = db.conn
    if conn.in_transaction:
        name = f"sp_{secrets.token_hex(8)}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()
