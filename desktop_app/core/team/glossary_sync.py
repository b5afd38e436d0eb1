"""Push one shared glossary file to its glossary on the hub (``glossary_pull`` brings the
hub's changes back).

Push sends the outbox in batches, each one PostgreSQL transaction; the outbox entries of a
batch are dropped only after it committed, and only if the row did not change meanwhile.
A batch sent twice (the commit landed but its answer was lost) is skipped by the hub, which
remembers the last sequence number applied per client and row. On the hub a change is
merged field by field against the base the client last saw: a field only one side changed
takes that side's value; a field both changed is a conflict: the later write wins and the
other value is kept in the history, flagged for someone to resolve.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg

from desktop_app.core.glossary.store import Glossary
from desktop_app.core.sqlitetx import writing
from desktop_app.core.team.schema import WRITE_LOCK

TERM_FIELDS = ("lang", "text", "status", "pos", "note", "case_sensitive", "dnt")
CONCEPT_FIELDS = ("domain", "note", "ext_id")
FIELDS = {"term": TERM_FIELDS, "concept": CONCEPT_FIELDS}
TABLES = {"term": "terms", "concept": "concepts"}
BOOLS = ("case_sensitive", "dnt")

Hook = Callable[[str, int], None]  # (stage, rows done): called after each committed batch


@dataclass(slots=True)
class Change:
    kind: str
    uid: str
    seq: int
    fields: dict[str, Any] | None  # None: a tombstone
    modified: float
    created: float
    concept_uid: str = ""
    row_id: int = 0


def typed(field: str, value: Any) -> Any:
    return bool(value) if field in BOOLS else ("" if value is None else value)


def _ts(value: float) -> datetime:
    return datetime.fromtimestamp(value, tz=UTC)


@contextmanager
def applying(db: Any) -> Iterator[None]:
    """Writes of the sync itself: the tracking triggers skip them. Inside a transaction."""
    db.execute("INSERT INTO team_applying (flag) VALUES (1)")
    yield
    db.execute("DELETE FROM team_applying")


# -- reading the outbox ------------------------------------------------------------------

def _assign_uids(g: Glossary) -> None:
    with writing(g.db), applying(g.db):
        for kind, table in TABLES.items():
            rows = g.db.execute(f"SELECT t.id FROM team_outbox o JOIN {table} t ON "
                                f"t.id = o.row_id WHERE o.kind = ? AND t.uid IS NULL",
                                [kind]).fetchall()
            for (row_id,) in rows:
                g.db.execute(f"UPDATE {table} SET uid = ? WHERE id = ?",
                             [str(uuid.uuid4()), row_id])


def outbox(g: Glossary) -> list[Change]:
    """Local changes to push: concepts, then terms, then tombstones (terms first)."""
    _assign_uids(g)
    changes: list[Change] = []
    for r in g.db.execute("SELECT c.id, c.uid, o.seq, c.domain, c.note, c.ext_id, c.created, "
                          "c.modified FROM team_outbox o JOIN concepts c ON c.id = o.row_id "
                          "WHERE o.kind = 'concept' ORDER BY o.seq").fetchall():
        changes.append(Change("concept", r[1], r[2], dict(zip(CONCEPT_FIELDS, [
            typed(f, v) for f, v in zip(CONCEPT_FIELDS, r[3:6], strict=True)], strict=True)),
            r[7], r[6], row_id=r[0]))
    for r in g.db.execute("SELECT t.id, t.uid, o.seq, c.uid, t.lang, t.text, t.status, t.pos, "
                          "t.note, t.case_sensitive, t.dnt, t.created, t.modified "
                          "FROM team_outbox o JOIN terms t ON t.id = o.row_id JOIN concepts c "
                          "ON c.id = t.concept_id WHERE o.kind = 'term' ORDER BY o.seq"
                          ).fetchall():
        values = [typed(f, v) for f, v in zip(TERM_FIELDS, r[4:11], strict=True)]
        changes.append(Change("term", r[1], r[2], dict(zip(TERM_FIELDS, values, strict=True)),
                              r[12], r[11], concept_uid=r[3], row_id=r[0]))
    now = time.time()
    for kind, uid, seq in g.db.execute("SELECT kind, uid, seq FROM team_tombstones ORDER BY "
                                       "kind DESC, seq").fetchall():
        changes.append(Change(kind, uid, seq, None, now, now))
    return changes


def bases(g: Glossary, kind: str, uids: list[str]) -> dict[str, tuple[int, dict[str, Any]]]:
    out: dict[str, tuple[int, dict[str, Any]]] = {}
    for i in range(0, len(uids), 500):
        chunk = uids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for uid, version, fields in g.db.execute(
                f"SELECT uid, version, fields FROM team_base WHERE kind = ? AND uid IN ({marks})",
                [kind, *chunk]).fetchall():
            out[uid] = (int(version), json.loads(fields))
    return out


# -- pushing -----------------------------------------------------------------------------

def _hub_rows(conn: psycopg.Connection[Any], kind: str,
              uids: list[str]) -> dict[str, dict[str, Any]]:
    cols = ", ".join(FIELDS[kind])
    rows = conn.execute(f"SELECT uid::text, {cols}, version, extract(epoch from modified), "
                        f"author, deleted FROM tarjuman.{TABLES[kind]} WHERE uid = ANY(%s::uuid[]) "
                        "FOR UPDATE", [uids]).fetchall()
    out = {}
    n = len(FIELDS[kind])
    for r in rows:
        out[r[0]] = {"fields": dict(zip(FIELDS[kind], r[1:1 + n], strict=True)),
                     "version": r[n + 1], "modified": float(r[n + 2]), "author": r[n + 3],
                     "deleted": r[n + 4]}
    return out


class _Batch:
    """The writes one pushed batch makes on the hub, sent together (pipelined)."""

    def __init__(self, glossary: str, author: str):
        self.glossary, self.author = glossary, author
        self.inserts: list[Change] = []
        self.updates: list[tuple[Change, dict[str, Any], int, bool]] = []
        self.history: list[tuple[Any, ...]] = []
        self.revive: set[str] = set()
        self.cascade: list[str] = []

    def note(self, change: Change, field: str, value: Any, author: str, kept: Any,
             kept_author: str, conflict: bool) -> None:
        self.history.append((change.kind, change.uid, self.glossary, field,
                             None if value is None else str(value), author,
                             None if kept is None else str(kept), kept_author, conflict))


def _merge(batch: _Batch, change: Change, base: tuple[int, dict[str, Any]] | None,
           hub: dict[str, Any]) -> None:
    """Field by field against the client's base; both sides changed: the later write wins."""
    author = batch.author
    if change.fields is None:  # a tombstone
        if hub["deleted"]:
            return
        if base is None or hub["version"] > base[0]:  # edited since this client saw it
            for f, v in hub["fields"].items():
                if base is None or base[1].get(f) != v:
                    batch.note(change, f, v, hub["author"], None, author, True)
        batch.updates.append((change, hub["fields"], hub["version"] + 1, True))
        if change.kind == "concept":
            batch.cascade.append(change.uid)
        return
    merged = dict(hub["fields"])
    changed = hub["deleted"]
    for f, v in change.fields.items():
        h, b = hub["fields"][f], (base[1].get(f) if base else None)
        if v == h or (base is not None and v == b):
            continue
        if base is not None and h == b:
            merged[f] = v
            batch.note(change, f, h, hub["author"], v, author, False)
        elif change.modified >= hub["modified"]:
            merged[f] = v
            batch.note(change, f, h, hub["author"], v, author, True)
        else:
            batch.note(change, f, v, author, h, hub["author"], True)
            continue
        changed = True
    if changed:
        batch.updates.append((change, merged, hub["version"] + 1, False))
        if change.kind == "term":
            batch.revive.add(change.concept_uid)


def _write(conn: psycopg.Connection[Any], batch: _Batch, kind: str) -> None:
    table, fields = TABLES[kind], FIELDS[kind]
    extra = ("concept_uid", "glossary") if kind == "term" else ("glossary",)
    cols = ", ".join((*fields, *extra))
    marks = ", ".join(["%s"] * (len(fields) + len(extra)))
    with conn.cursor() as cur:
        if batch.inserts:
            cur.executemany(
                f"INSERT INTO tarjuman.{table} (uid, {cols}, author, created, modified, version, "
                f"rev) VALUES (%s, {marks}, %s, %s, %s, 1, nextval('tarjuman.rev'))",
                [(c.uid, *(c.fields or {}).values(), *((c.concept_uid,) if kind == "term"
                                                       else ()), batch.glossary, batch.author,
                  _ts(c.created), _ts(c.modified)) for c in batch.inserts])
        if batch.updates:
            sets = ", ".join(f"{f} = %s" for f in fields)
            cur.executemany(
                f"UPDATE tarjuman.{table} SET {sets}, version = %s, modified = %s, author = %s, "
                "deleted = %s, rev = nextval('tarjuman.rev') WHERE uid = %s",
                [(*[merged[f] for f in fields], version, _ts(max(c.modified, time.time())
                                                             if deleted else c.modified),
                  batch.author, deleted, c.uid) for c, merged, version, deleted in batch.updates])
        if batch.cascade:
            cur.execute("UPDATE tarjuman.terms SET deleted = true, version = version + 1, "
                        "rev = nextval('tarjuman.rev') WHERE concept_uid = ANY(%s::uuid[]) "
                        "AND NOT deleted", [batch.cascade])
        if batch.revive:
            cur.execute("UPDATE tarjuman.concepts SET deleted = false, version = version + 1, "
                        "rev = nextval('tarjuman.rev') WHERE uid = ANY(%s::uuid[]) AND deleted",
                        [sorted(batch.revive)])


def push_batch(conn: psycopg.Connection[Any], g: Glossary, glossary: str, client: str,
               author: str, changes: list[Change]) -> int:
    """One hub transaction for ``changes`` (one kind); then the local outbox is trimmed."""
    kind = changes[0].kind
    uids = [c.uid for c in changes]
    known = bases(g, kind, uids)
    batch = _Batch(glossary, author)
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        seen = dict(conn.execute("SELECT uid::text, seq FROM tarjuman.applied WHERE client = %s "
                                 "AND kind = %s AND uid = ANY(%s::uuid[])",
                                 [client, kind, uids]).fetchall())
        hub = _hub_rows(conn, kind, uids)
        fresh = [c for c in changes if seen.get(c.uid, -1) < c.seq]
        for change in fresh:
            if change.uid not in hub:
                if change.fields is not None:
                    batch.inserts.append(change)
                    if kind == "term":
                        batch.revive.add(change.concept_uid)
            else:
                _merge(batch, change, known.get(change.uid), hub[change.uid])
        _write(conn, batch, kind)
        with conn.cursor() as cur:
            if batch.history:
                cur.executemany(
                    "INSERT INTO tarjuman.history (kind, uid, glossary, field, value, author, "
                    "kept, kept_author, conflict, rev) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "
                    "%s, nextval('tarjuman.rev'))", batch.history)
            cur.executemany("INSERT INTO tarjuman.applied (client, kind, uid, seq) VALUES "
                            "(%s, %s, %s, %s) ON CONFLICT (client, kind, uid) DO UPDATE SET "
                            "seq = excluded.seq", [(client, kind, c.uid, c.seq) for c in fresh])
    with writing(g.db):  # the hub has them: trim what did not change again meanwhile
        for c in changes:
            if c.fields is None:
                g.db.execute("DELETE FROM team_tombstones WHERE kind = ? AND uid = ? AND seq = ?",
                             [c.kind, c.uid, c.seq])
            else:
                g.db.execute("DELETE FROM team_outbox WHERE kind = ? AND row_id = ? AND seq = ?",
                             [c.kind, c.row_id, c.seq])
    return len(changes)


def push_resolutions(conn: psycopg.Connection[Any], g: Glossary) -> int:
    ids = [r[0] for r in g.db.execute("SELECT id FROM team_conflicts WHERE pushed = 0")]
    if not ids:
        return 0
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
        conn.execute("UPDATE tarjuman.history SET resolved = true, rev = nextval('tarjuman.rev') "
                     "WHERE id = ANY(%s) AND NOT resolved", [ids])
    with writing(g.db):
        g.db.execute(f"UPDATE team_conflicts SET pushed = 1 WHERE id IN "
                     f"({','.join('?' * len(ids))})", ids)
    return len(ids)


def push(conn: psycopg.Connection[Any], g: Glossary, glossary: str, client: str, author: str,
         *, batch: int = 500, hook: Hook | None = None) -> int:
    changes = outbox(g)
    done = 0
    for kind in ("concept", "term"):
        for tomb in (False, True):
            part = [c for c in changes if c.kind == kind and (c.fields is None) == tomb]
            for i in range(0, len(part), batch):
                done += push_batch(conn, g, glossary, client, author, part[i:i + batch])
                if hook:
                    hook("push", done)
    return done + push_resolutions(conn, g)
