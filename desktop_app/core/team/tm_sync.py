"""Push and pull the translation memory; fuzzy lookups in the hub's TM.

A unit's id is a UUID derived from its language pair, source and target, so the same
translation pushed twice (or by two people) is one unit on the hub, and the same source
translated differently stays two units. Units are never edited, so there is nothing to
merge: push is insert-if-absent, pull is insert-if-absent.
"""

from __future__ import annotations

import itertools
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import psycopg
from rapidfuzz import fuzz, process

from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.sqlitetx import writing
from desktop_app.core.team import tracking
from desktop_app.core.team.schema import WRITE_LOCK
from desktop_app.core.tm import DEFAULT_THRESHOLD, Match, TranslationMemory, word_diff

NAMESPACE = uuid.UUID("5d1c6a1e-7a2b-4f0e-9a57-7461726a756d")
Hook = Callable[[str, int], None]


def unit_uid(source_lang: str, target_lang: str, source: str, target: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join((source_lang, target_lang, source, target))))


def push(conn: psycopg.Connection[Any], tm: TranslationMemory, author: str, *,
         batch: int = 2000, hook: Hook | None = None) -> int:
    done = 0
    while True:
        rows = tm.db.execute("SELECT u.id, u.source_lang, u.target_lang, u.source, u.target, "
                             "u.norm, u.created FROM team_outbox o JOIN units u ON u.id = "
                             "o.unit_id ORDER BY o.unit_id LIMIT ?", [batch]).fetchall()
        gone = tm.db.execute("SELECT count(*) FROM team_outbox WHERE unit_id NOT IN "
                             "(SELECT id FROM units)").fetchone()[0]
        if gone:  # replaced by a newer copy of the same unit before it was pushed
            with writing(tm.db):
                tm.db.execute("DELETE FROM team_outbox WHERE unit_id NOT IN "
                              "(SELECT id FROM units)")
        if not rows:
            return done
        uids = [unit_uid(r[1], r[2], r[3], r[4]) for r in rows]
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [WRITE_LOCK])
            cols = list(zip(*[(uid, *r[1:6], datetime.fromtimestamp(r[6], tz=UTC))
                              for uid, r in zip(uids, rows, strict=True)], strict=True))
            conn.execute(  # one statement per batch: arrays, not a round trip per unit
                "INSERT INTO tarjuman.tm_units (uid, source_lang, target_lang, source, target, "
                "norm, author, created, rev) SELECT u, sl, tl, s, t, n, %s, c, "
                "nextval('tarjuman.rev') FROM unnest(%s::uuid[], %s::text[], %s::text[], "
                "%s::text[], %s::text[], %s::text[], %s::timestamptz[]) AS x(u, sl, tl, s, t, n, "
                "c) ON CONFLICT (uid) DO NOTHING", [author, *map(list, cols)])
            words = Counter(w for r in rows for w in set(r[5].split()))
            conn.execute("INSERT INTO tarjuman.tm_words (word, n) SELECT * FROM unnest("
                         "%s::text[], %s::bigint[]) ON CONFLICT (word) DO UPDATE SET "
                         "n = tm_words.n + excluded.n", [list(words), list(words.values())])
        with writing(tm.db):  # the hub has them
            tm.db.conn.executemany("UPDATE units SET uid = ? WHERE id = ?",
                                   [(uid, r[0]) for uid, r in zip(uids, rows, strict=True)])
            tm.db.conn.executemany("DELETE FROM team_outbox WHERE unit_id = ?",
                                   [(r[0],) for r in rows])
        done += len(rows)
        if hook:
            hook("push", done)


def pull(conn: psycopg.Connection[Any], tm: TranslationMemory, *, batch: int = 5000,
         hook: Hook | None = None) -> int:
    pulled = 0
    while True:
        cursor = int(tracking.get_state(tm.db, "cursor.tm", "0"))
        rows = conn.execute("SELECT uid::text, source_lang, target_lang, source, target, author, "
                            "extract(epoch from created), rev, norm FROM tarjuman.tm_units WHERE "
                            "rev > %s ORDER BY rev LIMIT %s", [cursor, batch]).fetchall()
        if not rows:
            return pulled
        with writing(tm.db):
            tm.db.execute("INSERT INTO team_applying (flag) VALUES (1)")
            tm.db.conn.executemany(
                "INSERT INTO units (uid, source_lang, target_lang, source, target, norm, origin, "
                "author, created) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 "
                "FROM units WHERE uid = ?) AND NOT EXISTS (SELECT 1 FROM units WHERE "
                "source_lang = ? AND target_lang = ? AND norm = ? AND target = ?)",
                [(r[0], r[1], r[2], r[3], r[4], r[8], f"team:{r[5]}", r[5], float(r[6]),
                  r[0], r[1], r[2], r[8], r[4]) for r in rows])  # folded by the pusher
            tracking.set_state(tm.db, "cursor.tm", str(rows[-1][7]))
            tm.db.execute("DELETE FROM team_applying")
        pulled += len(rows)
        if hook:
            hook("pull", pulled)


def _candidates(conn: psycopg.Connection[Any], norm: str, src: str, tgt: str,
                limit: int) -> list[tuple[Any, ...]]:
    """Units sharing two of the query's four rarest words (any two: a fuzzy match may have
    changed the others), found through the trigram index; short queries use similarity."""
    words = sorted({w for w in norm.split() if len(w) >= 3})
    known = conn.execute("SELECT word FROM tarjuman.tm_words WHERE word = ANY(%s) "
                         "ORDER BY n, word LIMIT 4", [words]).fetchall()
    rare = [str(r[0]) for r in known]
    if len(rare) < 2:
        conn.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.3', false)")
        return conn.execute("SELECT norm, source, target FROM tarjuman.tm_units WHERE norm %% %s "
                            "AND source_lang = %s AND target_lang = %s LIMIT %s",
                            [norm, src, tgt, limit]).fetchall()
    pairs = list(itertools.combinations(rare, 2))
    cond = " OR ".join(["(norm LIKE %s AND norm LIKE %s)"] * len(pairs))
    like = ["%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            for pair in pairs for w in pair]
    return conn.execute(f"SELECT norm, source, target FROM tarjuman.tm_units WHERE ({cond}) "
                        "AND source_lang = %s AND target_lang = %s LIMIT %s",
                        [*like, src, tgt, limit]).fetchall()


def hub_fuzzy(conn: psycopg.Connection[Any], source: str, source_lang: str, target_lang: str,
              *, threshold: float = DEFAULT_THRESHOLD, limit: int = 5,
              candidates: int = 5000) -> list[Match]:
    """Fuzzy matches from the hub's TM: candidates through the trigram (GIN) index on the
    folded source, scored with rapidfuzz exactly as the local TM scores them."""
    src, tgt = languages.get(source_lang).code, languages.get(target_lang).code
    norm = TranslationMemory._norm(source, src)
    rows = _candidates(conn, norm, src, tgt, candidates)
    found = process.extract(norm, [r[0] for r in rows], scorer=fuzz.ratio,
                            score_cutoff=threshold, limit=limit)
    return [Match(rows[i][1], rows[i][2], round(score, 1),
                  word_diff(strip_tags(source), strip_tags(rows[i][1])))
            for _, score, i in found]
