"""Local change tracking for team sync, in the glossary and TM SQLite files themselves.

Every concept and term gets a stable id (a UUID: existing rows at migration, new rows when
first pushed) and an author. Once a file is shared (``enable``), triggers note each insert
and update in an outbox keyed by (kind, row) with a rising sequence number, and each delete
of a row the hub knows as a tombstone, so a change made by any code path (the editor, the
CLI, an import) waits there until it is pushed. Rows written by a pull are applied under
a flag (``team_applying``) that the triggers skip. ``team_base`` keeps each row as last
seen on the hub: the base of a three-way merge and of conflict detection.

This module holds SQL only (no glossary or TM import), so the stores can call it from
their migrations.
"""

from __future__ import annotations

from typing import Any

TRACKING = ("EXISTS (SELECT 1 FROM team_state WHERE key = 'tracking') "
            "AND NOT EXISTS (SELECT 1 FROM team_applying)")

# A random version-4 UUID in SQL.
NEW_UUID = ("(SELECT substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) "
            "|| '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' "
            "|| substr(h, 21, 12) FROM (SELECT lower(hex(randomblob(16))) AS h))")

_COMMON = [
    "CREATE TABLE IF NOT EXISTS team_state (key TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS team_applying (flag INTEGER)",
]


def _ensure_column(db: Any, table: str, column: str, decl: str) -> None:
    names = {r[1] for r in db.execute(f"PRAGMA table_info({table})").fetchall()}
    if column not in names:
        db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {decl}")


def install_glossary(db: Any) -> None:
    """The glossary migration: ids, authors, outbox, tombstones, base, conflicts, triggers."""
    for table in ("concepts", "terms"):
        _ensure_column(db, table, "uid", "TEXT")
        _ensure_column(db, table, "author", "TEXT NOT NULL DEFAULT ''")
        db.execute(f"UPDATE {table} SET uid = {NEW_UUID} WHERE uid IS NULL")
        db.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS {table}_uid ON {table}(uid)")
    for statement in _COMMON + [
        "CREATE TABLE IF NOT EXISTS team_clock (n INTEGER NOT NULL)",
        "INSERT INTO team_clock SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM team_clock)",
        "CREATE TABLE IF NOT EXISTS team_outbox (kind TEXT NOT NULL, row_id INTEGER NOT NULL, "
        "seq INTEGER NOT NULL, PRIMARY KEY (kind, row_id))",
        "CREATE TABLE IF NOT EXISTS team_tombstones (kind TEXT NOT NULL, uid TEXT NOT NULL, "
        "seq INTEGER NOT NULL, PRIMARY KEY (kind, uid))",
        "CREATE TABLE IF NOT EXISTS team_base (kind TEXT NOT NULL, uid TEXT NOT NULL, "
        "version INTEGER NOT NULL, fields TEXT NOT NULL, PRIMARY KEY (kind, uid))",
        "CREATE TABLE IF NOT EXISTS team_conflicts (id INTEGER PRIMARY KEY, kind TEXT, "
        "uid TEXT, field TEXT, kept TEXT, other TEXT, kept_author TEXT, other_author TEXT, "
        "at REAL, resolved INTEGER NOT NULL DEFAULT 0, pushed INTEGER NOT NULL DEFAULT 1)",
    ]:
        db.execute(statement)
    tick = "UPDATE team_clock SET n = n + 1 WHERE " + TRACKING + "; "
    for table, kind in (("concepts", "concept"), ("terms", "term")):
        note = (tick + "INSERT INTO team_outbox (kind, row_id, seq) SELECT "
                f"'{kind}', NEW.id, (SELECT n FROM team_clock) WHERE " + TRACKING +
                " ON CONFLICT (kind, row_id) DO UPDATE SET seq = excluded.seq;")
        for event in ("INSERT", "UPDATE"):
            db.execute(f"DROP TRIGGER IF EXISTS team_{table}_{event.lower()}")
            db.execute(f"CREATE TRIGGER team_{table}_{event.lower()} AFTER {event} ON {table} "
                       f"BEGIN {note} END")
        db.execute(f"DROP TRIGGER IF EXISTS team_{table}_delete")
        db.execute(f"CREATE TRIGGER team_{table}_delete AFTER DELETE ON {table} BEGIN "
                   f"DELETE FROM team_outbox WHERE kind = '{kind}' AND row_id = OLD.id; "
                   + tick + "INSERT INTO team_tombstones (kind, uid, seq) SELECT "
                   f"'{kind}', OLD.uid, (SELECT n FROM team_clock) WHERE OLD.uid IS NOT NULL "
                   "AND " + TRACKING + " ON CONFLICT (kind, uid) DO UPDATE SET seq = "
                   "excluded.seq; END")


def install_tm(db: Any) -> None:
    """The TM migration: ids and authors; units confirmed in a project enter the outbox."""
    _ensure_column(db, "units", "uid", "TEXT")
    _ensure_column(db, "units", "author", "TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX IF NOT EXISTS units_uid ON units(uid)")
    for statement in _COMMON + [
        "CREATE TABLE IF NOT EXISTS team_outbox (unit_id INTEGER PRIMARY KEY)",
    ]:
        db.execute(statement)
    db.execute("DROP TRIGGER IF EXISTS team_units_insert")
    db.execute("CREATE TRIGGER team_units_insert AFTER INSERT ON units "
               "WHEN NEW.origin LIKE 'project:%' AND NEW.uid IS NULL AND " + TRACKING +
               " BEGIN INSERT OR IGNORE INTO team_outbox (unit_id) VALUES (NEW.id); END")


def is_tracking(db: Any) -> bool:
    return db.execute("SELECT 1 FROM team_state WHERE key = 'tracking'").fetchone() is not None


def get_state(db: Any, key: str, default: str = "") -> str:
    row = db.execute("SELECT value FROM team_state WHERE key = ?", [key]).fetchone()
    return str(row[0]) if row else default


def set_state(db: Any, key: str, value: str) -> None:
    db.execute("INSERT INTO team_state (key, value) VALUES (?, ?) ON CONFLICT (key) "
               "DO UPDATE SET value = excluded.value", [key, value])


def enable_glossary(db: Any, hub_id: str) -> None:
    """Start tracking for ``hub_id``: every row waits in the outbox (nothing is lost when
    a glossary is shared late or moves to another hub). Call inside a transaction."""
    if get_state(db, "hub") == hub_id:
        set_state(db, "tracking", "1")
        return
    db.execute("DELETE FROM team_base")
    db.execute("DELETE FROM team_conflicts")
    db.execute("DELETE FROM team_state WHERE key LIKE 'cursor.%'")
    db.execute("UPDATE team_clock SET n = n + 1")
    for table, kind in (("concepts", "concept"), ("terms", "term")):
        db.execute(f"INSERT OR REPLACE INTO team_outbox (kind, row_id, seq) SELECT '{kind}', "
                   f"id, (SELECT n FROM team_clock) FROM {table}")
    set_state(db, "hub", hub_id)
    set_state(db, "tracking", "1")


def enable_tm(db: Any, hub_id: str) -> None:
    if get_state(db, "hub") == hub_id:
        set_state(db, "tracking", "1")
        return
    db.execute("DELETE FROM team_state WHERE key LIKE 'cursor.%'")
    db.execute("INSERT OR IGNORE INTO team_outbox (unit_id) SELECT id FROM units "
               "WHERE origin LIKE 'project:%'")
    set_state(db, "hub", hub_id)
    set_state(db, "tracking", "1")


def waiting(db: Any) -> int:
    """Changes in the outbox, not yet on the hub."""
    if not is_tracking(db):
        return 0
    tables = ["team_outbox"] + (["team_tombstones"] if _has(db, "team_tombstones") else [])
    return sum(int(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables)


def _has(db: Any, table: str) -> bool:
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [table]).fetchone() is not None


def quarantine(db: Any, bad: list[tuple[str, str, str, int]],
               good: list[tuple[str, str]]) -> None:
    """Note hub rows this file could not take ((kind, uid, why, rev)), and forget those that
    came back acceptable. Call inside a transaction."""
    db.execute("CREATE TABLE IF NOT EXISTS team_quarantine (kind TEXT NOT NULL, uid TEXT NOT "
               "NULL, why TEXT NOT NULL, rev INTEGER NOT NULL, PRIMARY KEY (kind, uid))")
    if good:
        db.conn.executemany("DELETE FROM team_quarantine WHERE kind = ? AND uid = ?", good)
    if bad:
        db.conn.executemany("INSERT OR REPLACE INTO team_quarantine (kind, uid, why, rev) "
                            "VALUES (?, ?, ?, ?)", bad)


def quarantined(db: Any) -> list[tuple[str, str, str]]:
    """(kind, hub id, why) of the hub rows kept out of this file, in hub order."""
    if not _has(db, "team_quarantine"):
        return []
    return [(str(k), str(u), str(w)) for k, u, w in db.execute(
        "SELECT kind, uid, why FROM team_quarantine ORDER BY rev").fetchall()]
