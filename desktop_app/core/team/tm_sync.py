"""Push and pull the translation memory; fuzzy lookups in the hub's TM.

A unit's id is a UUID derived from its language pair, source and target, so the same
translation pushed twice (or by two people) is one unit on the hub, and the same source
translated differently stays two units. Units are never edited, so there is nothing to
merge: push is insert-if-absent (the hub's ``push_tm`` checks, signs and orders each unit),
pull is insert-if-absent; a hub unit this client cannot accept is quarantined.
"""

from __future__ import annotations

import itertools
import math
import time
import uuid
from collections.abc import Callable
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from rapidfuzz import fuzz, process

from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.i18n import _
from desktop_app.core.sqlitetx import writing
from desktop_app.core.team import rules, tracking
from desktop_app.core.team.glossary_pull import hub_time
from desktop_app.core.tm import DEFAULT_THRESHOLD, Match, TranslationMemory, word_diff

NAMESPACE = uuid.UUID("5d1c6a1e-7a2b-4f0e-9a57-7461726a756d")
Hook = Callable[[str, int], None]


def unit_uid(source_lang: str, target_lang: str, source: str, target: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join((source_lang, target_lang, source, target))))


def push(conn: psycopg.Connection[Any], tm: TranslationMemory, author: str, *,
         batch: int = 2000, hook: Hook | None = None, held: list[str] | None = None) -> int:
    """Send confirmed units through the hub's ``push_tm``; a unit the hub would refuse
    leaves the outbox and is named in ``held``."""
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
        refused = [(r, why) for r in rows if (why := rules.bad_unit(*r[1:5]))]
        if refused:
            with writing(tm.db):
                tm.db.conn.executemany("DELETE FROM team_outbox WHERE unit_id = ?",
                                       [(r[0],) for r, _why in refused])
            if held is not None:
                held += [_("TM: {source}: {why}").format(source=str(r[3])[:60], why=why)
                         for r, why in refused]
            rows = [r for r in rows if not rules.bad_unit(*r[1:5])]
        uids = [unit_uid(r[1], r[2], r[3], r[4]) for r in rows]
        now = time.time()
        units = [{"uid": uid, "source_lang": r[1], "target_lang": r[2], "source": r[3],
                  "target": r[4], "norm": r[5], "age": _age(r[6], now)}
                 for uid, r in zip(uids, rows, strict=True)]
        if units:
            with conn.transaction():
                conn.execute("SELECT tarjuman.push_tm(%s, %s)", [author, Jsonb(units)])
        with writing(tm.db):  # the hub has them
            tm.db.conn.executemany("UPDATE units SET uid = ? WHERE id = ?",
                                   [(uid, r[0]) for uid, r in zip(uids, rows, strict=True)])
            tm.db.conn.executemany("DELETE FROM team_outbox WHERE unit_id = ?",
                                   [(r[0],) for r in rows])
        done += len(rows)
        if hook:
            hook("push", done)


def _age(created: Any, now: float) -> float:
    try:
        age = now - float(created)
    except (TypeError, ValueError):
        return 0.0
    return age if math.isfinite(age) and age > 0 else 0.0


def pull(conn: psycopg.Connection[Any], tm: TranslationMemory, *, batch: int = 5000,
         hook: Hook | None = None) -> tuple[int, int]:
    """Units after this TM's cursor; (units pulled, units quarantined)."""
    pulled = quarantined = 0
    cut = rules.MAX_SEGMENT_CHARS + 1
    while True:
        cursor = int(tracking.get_state(tm.db, "cursor.tm", "0"))
        rows = conn.execute(f"SELECT u.uid::text, left(u.source_lang, 40), "
                            f"left(u.target_lang, 40), left(u.source, {cut}), "
                            f"left(u.target, {cut}), coalesce(p.name, u.author), "
                            "extract(epoch from u.created), u.rev, "
                            f"left(u.norm, {cut * 4}) FROM tarjuman.tm_units u LEFT JOIN "
                            "tarjuman.people p ON p.login = u.author WHERE u.rev > %s "
                            "ORDER BY u.rev LIMIT %s", [cursor, batch]).fetchall()
        if not rows:
            return pulled, quarantined
        now = time.time()
        bad = [("unit", r[0], why, int(r[7])) for r in rows
               if (why := rules.bad_unit(*r[1:5]))]
        taken = {b[1] for b in bad}
        good = [r for r in rows if r[0] not in taken]
        with writing(tm.db):
            tm.db.execute("INSERT INTO team_applying (flag) VALUES (1)")
            tm.db.conn.executemany(
                "INSERT INTO units (uid, source_lang, target_lang, source, target, norm, origin, "
                "author, created) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 "
                "FROM units WHERE uid = ?) AND NOT EXISTS (SELECT 1 FROM units WHERE "
                "source_lang = ? AND target_lang = ? AND norm = ? AND target = ?)",
                [(r[0], r[1], r[2], r[3], r[4], r[8], f"team:{r[5]}", r[5],
                  hub_time(r[6], now), r[0], r[1], r[2], r[8], r[4])
                 for r in good])  # folded by the pusher
            tracking.quarantine(tm.db, bad, [("unit", r[0]) for r in good])
            tracking.set_state(tm.db, "cursor.tm", str(rows[-1][7]))
            tm.db.execute("DELETE FROM team_applying")
        pulled += len(rows)
        quarantined += len(bad)
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
