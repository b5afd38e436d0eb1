"""Pull the hub's changes to one shared glossary file.

The hub's rows after this file's cursor are applied in batches, one SQLite transaction
each with the cursor in it, so an interrupted pull resumes where it stopped. A row changed
here since it was last synced (still in the outbox) is merged field by field against its
base: local changes stay (and go out with the next push), the hub's fill in the rest.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg

from desktop_app.core.glossary.store import Glossary, Term
from desktop_app.core.sqlitetx import writing
from desktop_app.core.team import tracking
from desktop_app.core.team.glossary_sync import (
    CONCEPT_FIELDS,
    FIELDS,
    TABLES,
    Hook,
    applying,
    bases,
    typed,
)
from desktop_app.core.textnorm import fold


def _insert(g: Glossary, table: str, row: dict[str, Any]) -> int:
    cols = list(row)
    cur = g.db.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                       f"({', '.join('?' * len(cols))})", [row[c] for c in cols])
    return int(cur.lastrowid or 0)


def _update(g: Glossary, table: str, row_id: int, row: dict[str, Any]) -> None:
    cols = list(row)
    g.db.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
                 [*(row[c] for c in cols), row_id])


class _Batch:
    """What one batch needs to know about the local file, read in a few queries."""

    def __init__(self, g: Glossary, kind: str, uids: list[str]):
        self.g, self.kind = g, kind
        self.local: dict[str, tuple[int, dict[str, Any]]] = {}
        cols = ", ".join(FIELDS[kind])
        for i in range(0, len(uids), 500):
            chunk = uids[i:i + 500]
            for r in g.db.execute(f"SELECT uid, id, {cols} FROM {TABLES[kind]} WHERE uid IN "
                                  f"({','.join('?' * len(chunk))})", chunk).fetchall():
                self.local[r[0]] = (int(r[1]), {f: typed(f, v) for f, v in zip(
                    FIELDS[kind], r[2:], strict=True)})
        self.dirty = {int(r[0]) for r in g.db.execute(
            "SELECT row_id FROM team_outbox WHERE kind = ?", [kind]).fetchall()}
        self.tombstoned = {str(r[0]) for r in g.db.execute(
            "SELECT uid FROM team_tombstones WHERE kind = ?", [kind]).fetchall()}

    def settle(self, uid: str, hub: dict[str, Any]) -> tuple[int | None, dict[str, Any]]:
        """(local row id or None, the values it gets): the hub's, except fields changed here
        since the base while the row waits in the outbox."""
        local = self.local.get(uid)
        if local is None:
            return None, dict(hub)
        row_id, fields = local
        if row_id not in self.dirty:
            return row_id, dict(hub)
        base = bases(self.g, self.kind, [uid]).get(uid)
        merged = dict(hub)
        for f, v in fields.items():
            if base is None or base[1].get(f) != v:
                merged[f] = v
        return row_id, merged


def _apply_concept(b: _Batch, uid: str, fields: dict[str, Any], author: str, created: float,
                   modified: float, deleted: bool) -> int | None:
    g = b.g
    row_id, values = b.settle(uid, fields)
    if deleted:
        if row_id is not None and row_id not in b.dirty:
            g.db.execute("DELETE FROM terms WHERE concept_id = ?", [row_id])
            g.db.execute("DELETE FROM concepts WHERE id = ?", [row_id])
        return None
    if row_id is None and uid in b.tombstoned:
        return None
    if row_id is not None and b.local[uid][1] == values:
        return row_id  # already so here (often this client's own change coming back)
    row = {**values, "note_norm": fold(values["note"]), "author": author, "modified": modified}
    if row_id is None:
        row_id = _insert(g, "concepts", {**row, "uid": uid, "created": created})
        b.local[uid] = (row_id, values)
    else:
        _update(g, "concepts", row_id, row)
    return row_id


def _apply_term(b: _Batch, concepts: dict[str, int], uid: str, fields: dict[str, Any],
                concept: tuple[Any, ...], author: str, created: float, modified: float,
                deleted: bool) -> None:
    g = b.g
    row_id, values = b.settle(uid, fields)
    if deleted:
        if row_id is not None and row_id not in b.dirty:
            g.db.execute("DELETE FROM terms WHERE id = ?", [row_id])
        return
    if row_id is None and uid in b.tombstoned:
        return
    cid = concepts.get(concept[0])
    if cid is None:  # its concept was not pulled (yet): bring it along
        cb = _Batch(g, "concept", [concept[0]])
        cid = _apply_concept(cb, concept[0], dict(zip(CONCEPT_FIELDS, concept[1:4], strict=True)),
                             concept[4], concept[5], concept[6], False)
        if cid is None:
            return
        concepts[concept[0]] = cid
    if row_id is not None and b.local[uid][1] == values:
        return  # already so here
    row = g._term_row(Term(**values), cid, modified)
    row.update({"author": author, "created": created})
    if row_id is None:
        _insert(g, "terms", {**row, "uid": uid})
    else:
        row.pop("created")
        _update(g, "terms", row_id, row)


def _concept_ids(g: Glossary, uids: set[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    listed = sorted(uids)
    for i in range(0, len(listed), 500):
        chunk = listed[i:i + 500]
        out.update({str(r[0]): int(r[1]) for r in g.db.execute(
            f"SELECT uid, id FROM concepts WHERE uid IN ({','.join('?' * len(chunk))})",
            chunk).fetchall()})
    return out


def _query(kind: str) -> str:
    cols = ", ".join(f"x.{f}" for f in FIELDS[kind])
    join = ("", "")
    if kind == "term":
        join = (", c.uid::text, c.domain, c.note, c.ext_id, c.author, "
                "extract(epoch from c.created), extract(epoch from c.modified)",
                " JOIN tarjuman.concepts c ON c.uid = x.concept_uid")
    return (f"SELECT x.uid::text, {cols}, x.version, x.author, extract(epoch from x.created), "
            f"extract(epoch from x.modified), x.deleted, x.rev{join[0]} FROM "
            f"tarjuman.{TABLES[kind]} x{join[1]} WHERE x.glossary = %s AND x.rev > %s "
            "ORDER BY x.rev LIMIT %s")


def _apply_rows(g: Glossary, kind: str, rows: list[tuple[Any, ...]]) -> None:
    n = len(FIELDS[kind])
    b = _Batch(g, kind, [r[0] for r in rows])
    concepts = _concept_ids(g, {r[n + 7] for r in rows}) if kind == "term" else {}
    snapshots = []
    for r in rows:
        fields = {f: typed(f, v) for f, v in zip(FIELDS[kind], r[1:1 + n], strict=True)}
        version, author, created, modified, deleted = r[n + 1:n + 6]
        if kind == "concept":
            _apply_concept(b, r[0], fields, author, float(created), float(modified), deleted)
        else:
            _apply_term(b, concepts, r[0], fields, tuple(r[n + 7:n + 14]), author,
                        float(created), float(modified), deleted)
        snapshots.append((kind, r[0], version, json.dumps(fields, ensure_ascii=False)))
    g.db.conn.executemany("INSERT OR REPLACE INTO team_base (kind, uid, version, fields) "
                          "VALUES (?, ?, ?, ?)", snapshots)


def pull(conn: psycopg.Connection[Any], g: Glossary, glossary: str, *, batch: int = 2000,
         hook: Hook | None = None) -> tuple[int, int]:
    """Apply the hub's changes after this file's cursors; (rows pulled, new conflicts)."""
    pulled = 0
    for kind in ("concept", "term"):
        n = len(FIELDS[kind])
        while True:
            cursor = int(tracking.get_state(g.db, f"cursor.{kind}", "0"))
            rows = conn.execute(_query(kind), [glossary, cursor, batch]).fetchall()
            if not rows:
                break
            with writing(g.db), applying(g.db):
                _apply_rows(g, kind, rows)
                tracking.set_state(g.db, f"cursor.{kind}", str(rows[-1][n + 6]))
            g.revision += 1
            pulled += len(rows)
            if hook:
                hook("pull", pulled)
    return pulled, _pull_conflicts(conn, g, glossary)


def _pull_conflicts(conn: psycopg.Connection[Any], g: Glossary, glossary: str) -> int:
    cursor = int(tracking.get_state(g.db, "cursor.history", "0"))
    rows = conn.execute("SELECT id, kind, uid::text, field, kept, value, kept_author, author, "
                        "extract(epoch from at), resolved, rev FROM tarjuman.history WHERE "
                        "glossary = %s AND conflict AND rev > %s ORDER BY rev",
                        [glossary, cursor]).fetchall()
    if not rows:
        return 0
    with writing(g.db):
        g.db.conn.executemany(
            "INSERT INTO team_conflicts (id, kind, uid, field, kept, other, kept_author, "
            "other_author, at, resolved, pushed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
            "ON CONFLICT (id) DO UPDATE SET resolved = max(resolved, excluded.resolved)",
            [[*r[:8], float(r[8]), int(r[9])] for r in rows])
        tracking.set_state(g.db, "cursor.history", str(rows[-1][10]))
    return sum(1 for r in rows if not r[9])
