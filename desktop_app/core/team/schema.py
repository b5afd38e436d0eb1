"""The hub's schema in PostgreSQL (schema ``tarjuman``), under versioned migrations.

``init_hub`` creates or migrates it and the two group roles: ``tarjuman_editor`` (reads and
writes) and ``tarjuman_reviewer`` (reads only). A database that is not a hub, and a hub of
a newer schema than this Tarjuman reads, are refused with one line.

Clients never write a table: editors execute the hub's ``SECURITY DEFINER`` functions
(``hub_sql``), which sign every change with ``session_user``, check every field, merge it and
order it by the server's clock; ``meta``, ``applied`` and ``history`` are theirs alone.
Reviewers read. Every row carries ``rev`` from one sequence, taken while the function holds
the row lock of ``tarjuman.writer`` (which no client can lock), so revisions become visible
in order: a client pulls ``rev > cursor`` and misses nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import psycopg

from desktop_app.core.i18n import _
from desktop_app.core.team import hub_sql, rules
from desktop_app.core.team.hub import TeamError

KIND = "tarjuman-hub"
MIGRATION_LOCK = 0x7461726A  # pg_advisory_xact_lock key of `team init` (the owner's)
EDITOR, REVIEWER = "tarjuman_editor", "tarjuman_reviewer"

_V1 = [
    "CREATE SCHEMA tarjuman",
    "CREATE TABLE tarjuman.meta (key text PRIMARY KEY, value text NOT NULL)",
    "CREATE SEQUENCE tarjuman.rev",
    """CREATE TABLE tarjuman.concepts (
        uid uuid PRIMARY KEY, glossary text NOT NULL,
        domain text NOT NULL DEFAULT '', note text NOT NULL DEFAULT '',
        ext_id text NOT NULL DEFAULT '',
        author text NOT NULL, created timestamptz NOT NULL, modified timestamptz NOT NULL,
        version integer NOT NULL, deleted boolean NOT NULL DEFAULT false,
        rev bigint NOT NULL)""",
    "CREATE INDEX concepts_pull ON tarjuman.concepts (glossary, rev)",
    """CREATE TABLE tarjuman.terms (
        uid uuid PRIMARY KEY, concept_uid uuid NOT NULL, glossary text NOT NULL,
        lang text NOT NULL, text text NOT NULL, status text NOT NULL,
        pos text NOT NULL DEFAULT '', note text NOT NULL DEFAULT '',
        case_sensitive boolean NOT NULL DEFAULT false, dnt boolean NOT NULL DEFAULT false,
        author text NOT NULL, created timestamptz NOT NULL, modified timestamptz NOT NULL,
        version integer NOT NULL, deleted boolean NOT NULL DEFAULT false,
        rev bigint NOT NULL)""",
    "CREATE INDEX terms_pull ON tarjuman.terms (glossary, rev)",
    "CREATE INDEX terms_concept ON tarjuman.terms (concept_uid)",
    """CREATE TABLE tarjuman.history (
        id bigserial PRIMARY KEY, kind text NOT NULL, uid uuid NOT NULL,
        glossary text NOT NULL, field text NOT NULL,
        value text, author text NOT NULL,
        kept text, kept_author text NOT NULL DEFAULT '',
        at timestamptz NOT NULL DEFAULT now(),
        conflict boolean NOT NULL DEFAULT false, resolved boolean NOT NULL DEFAULT false,
        rev bigint NOT NULL)""",
    "CREATE INDEX history_uid ON tarjuman.history (uid)",
    "CREATE INDEX history_conflicts ON tarjuman.history (glossary, rev) WHERE conflict",
    """CREATE TABLE tarjuman.tm_units (
        uid uuid PRIMARY KEY, source_lang text NOT NULL, target_lang text NOT NULL,
        source text NOT NULL, target text NOT NULL, norm text NOT NULL,
        author text NOT NULL, created timestamptz NOT NULL, rev bigint NOT NULL)""",
    "CREATE INDEX tm_pull ON tarjuman.tm_units (rev)",
    """CREATE TABLE tarjuman.applied (
        client uuid NOT NULL, kind text NOT NULL, uid uuid NOT NULL, seq bigint NOT NULL,
        PRIMARY KEY (client, kind, uid))""",
]

_V2 = [  # fuzzy TM lookups on the hub: trigrams of the folded source
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX tm_norm_trgm ON tarjuman.tm_units USING gin (norm gin_trgm_ops)",
]

_V3 = [  # how many hub units hold each word: lookups pick their rarest words
    "CREATE TABLE tarjuman.tm_words (word text PRIMARY KEY, n bigint NOT NULL)",
    "INSERT INTO tarjuman.tm_words SELECT w, count(*) FROM tarjuman.tm_units, "
    "regexp_split_to_table(norm, '\\s+') AS w WHERE w <> '' GROUP BY w",
]

_V4 = [  # writes only through the hub's functions (team/hub_sql.py); one writer row lock
    "CREATE TABLE tarjuman.writer (id integer PRIMARY KEY)",
    "INSERT INTO tarjuman.writer VALUES (1)",
    "CREATE TABLE tarjuman.people (login text PRIMARY KEY, name text NOT NULL)",
    "DROP TABLE tarjuman.applied",
    """CREATE TABLE tarjuman.applied (
        login text NOT NULL, client uuid NOT NULL, kind text NOT NULL, uid uuid NOT NULL,
        seq bigint NOT NULL, PRIMARY KEY (login, client, kind, uid))""",
    "ALTER TABLE tarjuman.history ALTER COLUMN at SET DEFAULT clock_timestamp()",
]

MIGRATIONS: list[list[str]] = [_V1, _V2, _V3, _V4]
SCHEMA_VERSION = len(MIGRATIONS)

_ROLES = f"""DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{EDITOR}') THEN
        CREATE ROLE {EDITOR} NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{REVIEWER}') THEN
        CREATE ROLE {REVIEWER} NOLOGIN; END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$"""

READABLE = ("meta", "concepts", "terms", "history", "tm_units", "tm_words", "people")
_GRANTS = [
    f"REVOKE ALL ON ALL TABLES IN SCHEMA tarjuman FROM PUBLIC, {EDITOR}, {REVIEWER}",
    f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA tarjuman FROM PUBLIC, {EDITOR}, {REVIEWER}",
    f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA tarjuman FROM PUBLIC, {EDITOR}, {REVIEWER}",
    f"REVOKE CREATE ON SCHEMA tarjuman FROM PUBLIC, {EDITOR}, {REVIEWER}",
    f"GRANT USAGE ON SCHEMA tarjuman TO {EDITOR}, {REVIEWER}",
    "GRANT SELECT ON " + ", ".join(f"tarjuman.{t}" for t in READABLE)
    + f" TO {EDITOR}, {REVIEWER}",
    "GRANT EXECUTE ON FUNCTION " + ", ".join(hub_sql.WRITE_FUNCTIONS) + f" TO {EDITOR}",
]


@dataclass(slots=True)
class HubInfo:
    hub_id: str
    version: int
    can_write: bool
    user: str


def _meta(conn: psycopg.Connection[Any]) -> dict[str, str] | None:
    """The hub's meta table, or None when the database has no Tarjuman schema at all."""
    exists = conn.execute("SELECT to_regclass('tarjuman.meta') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return None
    rows = conn.execute("SELECT key, value FROM tarjuman.meta").fetchall()
    return {str(k): str(v) for k, v in rows}


def _not_a_hub() -> TeamError:
    return TeamError(_("this database is not a Tarjuman hub (an administrator creates one "
                       "with `tarjuman team init DSN`)"))


def _check_version(meta: dict[str, str]) -> int:
    if meta.get("kind") != KIND:
        raise _not_a_hub()
    raw = meta.get("schema_version", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6 or int(raw) < 1:
        raise TeamError(_("the hub's schema version is {raw!r}, which no Tarjuman writes: "
                          "someone changed tarjuman.meta by hand; the database owner sets it "
                          "back").format(raw=raw[:40]))
    version = int(raw)
    if version > SCHEMA_VERSION:
        raise TeamError(_("the hub has schema version {hub}, newer than this Tarjuman reads "
                          "({ours}): update Tarjuman").format(hub=version, ours=SCHEMA_VERSION))
    return version


def check_hub(conn: psycopg.Connection[Any]) -> HubInfo:
    """What a client needs to know before syncing; refuses non-hubs and newer hubs."""
    meta = _meta(conn)
    if meta is None:
        raise _not_a_hub()
    version = _check_version(meta)
    if version < SCHEMA_VERSION:
        raise TeamError(_("the hub has schema version {hub}, older than this Tarjuman needs "
                          "({ours}): run `tarjuman team init` to migrate it").format(
                              hub=version, ours=SCHEMA_VERSION))
    try:
        row = conn.execute("SELECT has_function_privilege(%s, 'EXECUTE'), session_user",
                           [hub_sql.WRITE_FUNCTIONS[0]]).fetchone()
    except psycopg.errors.UndefinedFunction:  # dropped by hand
        raise TeamError(_("the hub lacks its write functions: run `tarjuman team init` to "
                          "restore them")) from None
    assert row is not None
    return HubInfo(meta["hub_id"], version, bool(row[0]), str(row[1]))


def init_hub(conn: psycopg.Connection[Any]) -> tuple[int, int]:
    """Create or migrate the hub schema in one transaction; (version before, after). The
    write functions and the rights are set anew each time (a newer Tarjuman's fixes land)."""
    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
            meta = _meta(conn)
            if meta is None:
                schema = conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'tarjuman'"
                                      ).fetchone()
                if schema:
                    raise _not_a_hub()
                before = 0
            else:
                before = _check_version(meta)
            for step in range(before, SCHEMA_VERSION):
                for statement in MIGRATIONS[step]:
                    conn.execute(statement)
                if step == 0:
                    conn.execute("INSERT INTO tarjuman.meta (key, value) VALUES "
                                 "('kind', %s), ('hub_id', %s), ('schema_version', '0')",
                                 [KIND, str(uuid.uuid4())])
            conn.execute("UPDATE tarjuman.meta SET value = %s WHERE key = 'schema_version'",
                         [str(SCHEMA_VERSION)])
            conn.execute(_ROLES)
            for statement in [*hub_sql.FUNCTIONS, *_GRANTS]:
                conn.execute(statement)
    except psycopg.errors.LockNotAvailable:
        raise TeamError(_("another session holds a lock `team init` needs (it waited {n} "
                          "seconds): try again, or end that session (pg_stat_activity lists "
                          "it)").format(n=rules.LOCK_TIMEOUT_S)) from None
    except psycopg.errors.InsufficientPrivilege as exc:
        raise TeamError(_("this user may not create the hub here ({error}): run `team init` "
                          "as the database owner").format(error=str(exc).split("\n")[0])
                        ) from None
    except (psycopg.DataError, psycopg.IntegrityError, psycopg.ProgrammingError) as exc:
        raise TeamError(_("`team init` failed and changed nothing: {error}").format(
            error=str(exc).split("\n")[0])) from None
    return before, SCHEMA_VERSION
