"""Pull the hub's changes to one shared glossary file.

The hub's rows after this file's cursor are applied in batches, one SQLite transaction
each with the cursor in it, so an interrupted pull resumes where it stopped. A row changed
here since it was last synced (still in the outbox) is merged field by field against its
base: local changes stay (and go out with the next push), the hub's fill in the rest.
A hub row this client cannot accept (``rules``) is quarantined, not applied: counted, listed
by ``team status`` with its id and why, and the pull goes on past it.
"""

from __future__ import annotations

import json
import math
import time
from typing import Any

import psycopg

from desktop_app.core.glossary.store import Glossary, Term
from desktop_app.core.i18n import _
from desktop_app.core.sqlitetx import writing
from desktop_app.core.team import rules, tracking
from desktop_app.core.team.glossary_sync import (
    BOOLS,
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


_CUT = {"text": rules.MAX_TERM_CHARS, "note": rules.MAX_NOTE_CHARS}  # else MAX_LABEL_CHARS


def _col(alias: str, field: str) -> str:
    """A column as pulled: text cut just past its limit (a 20M-character row costs nothing
    and is still refused), booleans as they are."""
    if field in BOOLS:
        return f"{alias}.{field}"
    return f"left({alias}.{field}, {_CUT.get(field, rules.MAX_LABEL_CHARS) + 1})"


def _query(kind: str) -> str:
    cols = ", ".join(_col("x", f) for f in FIELDS[kind])
    join = ("", "")
    if kind == "term":
        join = (", c.uid::text, " + ", ".join(_col("c", f) for f in CONCEPT_FIELDS)
                + ", coalesce(cp.name, c.author), extract(epoch from c.created), "
                "extract(epoch from c.modified)",
                " JOIN tarjuman.concepts c ON c.uid = x.concept_uid "
                "LEFT JOIN tarjuman.people cp ON cp.login = c.author")
    return (f"SELECT x.uid::text, {cols}, x.version, coalesce(p.name, x.author), "
            "extract(epoch from x.created), extract(epoch from x.modified), x.deleted, "
            f"x.rev{join[0]} FROM tarjuman.{TABLES[kind]} x "
            f"LEFT JOIN tarjuman.people p ON p.login = x.author{join[1]} "
            "WHERE x.glossary = %s AND x.rev > %s ORDER BY x.rev LIMIT %s")


def hub_time(value: Any, now: float) -> float:
    """A hub time as this laptop stores it: a time beyond tomorrow (a clock in year 33715,
    a row written by hand) is shown as now."""
    try:
        when = float(value)
    except (TypeError, ValueError):
        return now
    return when if math.isfinite(when) and 0 <= when <= now + 86400 else now


def _why(kind: str, fields: dict[str, Any], concept: tuple[Any, ...]) -> str | None:
    why = rules.bad_fields(kind, fields)
    if why is None and kind == "term":
        why = rules.bad_fields("concept", dict(zip(CONCEPT_FIELDS, concept[1:4], strict=True)))
        if why:
            why = _("its concept: {why}").format(why=why)
    return why


def _apply_rows(g: Glossary, kind: str, rows: list[tuple[Any, ...]]) -> int:
    """Apply one batch; a row this client cannot accept is quarantined (kept out, listed by
    ``team status``) and the rest goes on. Returns how many were quarantined."""
    n = len(FIELDS[kind])
    b = _Batch(g, kind, [r[0] for r in rows])
    concepts = _concept_ids(g, {r[n + 7] for r in rows}) if kind == "term" else {}
    snapshots, bad, good = [], [], []
    now = time.time()
    for r in rows:
        fields = {f: typed(f, v) for f, v in zip(FIELDS[kind], r[1:1 + n], strict=True)}
        version, author, created, modified, deleted = r[n + 1:n + 6]
        concept = tuple(r[n + 7:n + 14])
        why = None if deleted else _why(kind, fields, concept)
        if why is not None:
            bad.append((kind, r[0], why, int(r[n + 6])))
            continue
        good.append((kind, r[0]))
        if kind == "concept":
            _apply_concept(b, r[0], fields, author, hub_time(created, now), hub_time(modified, now),
                           deleted)
        else:
            concept = (*concept[:5], hub_time(concept[5], now), hub_time(concept[6], now))
            _apply_term(b, concepts, r[0], fields, concept, author, hub_time(created, now),
                        hub_time(modified, now), deleted)
        snapshots.append((kind, r[0], version, json.dumps(fields, ensure_ascii=False)))
    g.db.conn.executemany("INSERT OR REPLACE INTO team_base (kind, uid, version, fields) "
                          "VALUES (?, ?, ?, ?)", snapshots)
    tracking.quarantine(g.db, bad, good)
    return len(bad)


def pull(conn: psycopg.Connection[Any], g: Glossary, glossary: str, *, batch: int = 2000,
         hook: Hook | None = None) -> tuple[int, int, int]:
    """Apply the hub's changes after this file's cursors; (rows pulled, new conflicts, rows
    quarantined)."""
    pulled = quarantined = 0
    for kind in ("concept", "term"):
        n = len(FIELDS[kind])
        while True:
            cursor = int(tracking.get_state(g.db, f"cursor.{kind}", "0"))
            rows = conn.execute(_query(kind), [glossary, cursor, batch]).fetchall()
            if not rows:
                break
            with writing(g.db), applying(g.db):
                quarantined += _apply_rows(g, kind, rows)
                tracking.set_state(g.db, f"cursor.{kind}", str(rows[-1][n + 6]))
            g.revision += 1
            pulled += len(rows)
            if hook:
                hook("pull", pulled)
    return pulled, _pull_conflicts(conn, g, glossary), quarantined


def _pull_conflicts(conn: psycopg.Connection[Any], g: Glossary, glossary: str) -> int:
    cursor = int(tracking.get_state(g.db, "cursor.history", "0"))
    cut = rules.MAX_NOTE_CHARS + 1
    rows = conn.execute(f"SELECT h.id, h.kind, h.uid::text, left(h.field, 40), "
                        f"left(h.kept, {cut}), left(h.value, {cut}), coalesce(k.name, "
                        "h.kept_author), coalesce(p.name, h.author), extract(epoch from h.at), "
                        "h.resolved, h.rev FROM tarjuman.history h LEFT JOIN tarjuman.people k "
                        "ON k.login = h.kept_author LEFT JOIN tarjuman.people p ON p.login = "
                        "h.author WHERE h.glossary = %s AND h.conflict AND h.rev > %s "
                        "ORDER BY h.rev", [glossary, cursor]).fetchall()
    if not rows:
        return 0
    with writing(g.db):
        g.db.conn.executemany(
            "INSERT INTO team_conflicts (id, kind, uid, field, kept, other, kept_author, "
            "other_author, at, resolved, pushed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) "
            "ON CONFLICT (id) DO UPDATE SET resolved = max(resolved, excluded.resolved)",
            [[*r[:8], hub_time(r[8], time.time()), int(r[9])] for r in rows])
        tracking.set_state(g.db, "cursor.history", str(rows[-1][10]))
    return sum(1 for r in rows if not r[9])
