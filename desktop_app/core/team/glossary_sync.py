"""Push one shared glossary file to its glossary on the hub (``glossary_pull`` brings the
hub's changes back).

Push sends the outbox in batches, each one PostgreSQL transaction; the outbox entries of a
batch are dropped only after it committed, and only if the row did not change meanwhile.
A batch sent twice (the commit landed but its answer was lost) is skipped by the hub, which
remembers the last sequence number applied per login, client and row. The hub's function
(``hub_sql``) merges a change field by field against the base the client last saw: a field
only one side changed takes that side's value; a field both changed is a conflict: the later
edit in the hub's time wins and the other value is kept in the history, flagged for someone
to resolve. The client sends only how long ago each edit was made, never its clock.
"""

from __future__ import annotations

import json
import math
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from desktop_app.core.glossary.store import Glossary
from desktop_app.core.i18n import _
from desktop_app.core.sqlitetx import writing
from desktop_app.core.team import rules

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

def _age(modified: float, now: float) -> float:
    """Seconds since the edit by this laptop's clock: the hub turns it into its own time."""
    age = now - modified
    return age if math.isfinite(age) and age > 0 else 0.0


def push_batch(conn: psycopg.Connection[Any], g: Glossary, glossary: str, client: str,
               author: str, changes: list[Change]) -> int:
    """One hub call for ``changes`` (one kind), which merges them on the hub; then the local
    outbox is trimmed of what did not change again meanwhile."""
    kind = changes[0].kind
    known = bases(g, kind, [c.uid for c in changes])
    now = time.time()
    payload = []
    for c in changes:
        base = known.get(c.uid)
        payload.append({"uid": c.uid, "seq": c.seq, "concept_uid": c.concept_uid or None,
                        "fields": c.fields, "base_version": base[0] if base else None,
                        "base": base[1] if base else None,
                        "age": 0.0 if c.fields is None else _age(c.modified, now)})
    with conn.transaction():
        conn.execute("SELECT tarjuman.push_changes(%s, %s, %s, %s, %s)",
                     [kind, glossary, client, author, Jsonb(payload)])
    with writing(g.db):  # the hub has them: trim what did not change again meanwhile
        for c in changes:
            if c.fields is None:
                g.db.execute("DELETE FROM team_tombstones WHERE kind = ? AND uid = ? AND seq = ?",
                             [c.kind, c.uid, c.seq])
            else:
                g.db.execute("DELETE FROM team_outbox WHERE kind = ? AND row_id = ? AND seq = ?",
                             [c.kind, c.row_id, c.seq])
    return len(changes)


def push_resolutions(conn: psycopg.Connection[Any], g: Glossary, author: str) -> int:
    ids = [r[0] for r in g.db.execute("SELECT id FROM team_conflicts WHERE pushed = 0")]
    if not ids:
        return 0
    with conn.transaction():
        conn.execute("SELECT tarjuman.resolve_conflicts(%s, %s)", [author, ids])
    with writing(g.db):
        g.db.execute(f"UPDATE team_conflicts SET pushed = 1 WHERE id IN "
                     f"({','.join('?' * len(ids))})", ids)
    return len(ids)


def push(conn: psycopg.Connection[Any], g: Glossary, glossary: str, client: str, author: str,
         *, batch: int = 500, hook: Hook | None = None, held: list[str] | None = None) -> int:
    """Send the outbox; a change the hub would refuse stays here and is named in ``held``."""
    changes = []
    for c in outbox(g):
        why = None if c.fields is None else rules.bad_fields(c.kind, c.fields)
        if why is None:
            changes.append(c)
        elif held is not None:
            label = str((c.fields or {}).get("text") or c.uid)[:60]
            held.append(_("{glossary}: {label}: {why}").format(glossary=glossary, label=label,
                                                               why=why))
    done = 0
    for kind in ("concept", "term"):
        for tomb in (False, True):
            part = [c for c in changes if c.kind == kind and (c.fields is None) == tomb]
            for i in range(0, len(part), batch):
                done += push_batch(conn, g, glossary, client, author, part[i:i + batch])
                if hook:
                    hook("push", done)
    return done + push_resolutions(conn, g, author)
