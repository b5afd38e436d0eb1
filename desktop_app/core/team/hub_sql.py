"""The hub's write functions, in PL/pgSQL: the only way a client changes the hub.

Each is ``SECURITY DEFINER`` (it runs as the hub's owner, with its own ``search_path``), signs
what it writes with ``session_user``, checks every field with the limits the app applies to
its own files (``rules``), takes the writer row lock (``tarjuman.writer``: no client may lock
it, so no client can stall another's sync), merges field by field against the base the
client last saw, and orders everything by the server: ``rev`` from the hub's sequence, times
from ``clock_timestamp()``. A client's laptop clock enters only as an *age* (seconds since
the edit, measured on that laptop), so a clock a day fast or in year 33715 orders nothing.

``init_hub`` (re)creates them at every ``team init``; editors get EXECUTE on the three
public ones, nobody else on any.
"""

from __future__ import annotations

from desktop_app.core.team import rules

WRITE_FUNCTIONS = (
    "tarjuman.push_changes(text, text, uuid, text, jsonb)",
    "tarjuman.push_tm(text, jsonb)",
    "tarjuman.resolve_conflicts(text, bigint[])",
)

_CONTROLS = r"[\x01-\x1f\x7f-\x9f]"
_LANGS = "ARRAY[" + ", ".join(f"'{code}'" for code in rules.KNOWN_LANGUAGES) + "]"
_BIDI = r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
_DEFINER = ("LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp "
            f"SET lock_timeout = '{rules.LOCK_TIMEOUT_S}s'")
# The helpers below run only inside the functions above them (clients may not execute
# them), under those functions' pinned search_path, and name every object with its schema;
# without a SET clause of their own, PostgreSQL inlines the SQL ones (several times faster).
_HELPER = ""

_REFUSE = f"""CREATE OR REPLACE FUNCTION tarjuman.refuse(msg text) RETURNS void
LANGUAGE plpgsql {_HELPER} AS $$
BEGIN RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = msg; END $$"""

_TXT = f"""CREATE OR REPLACE FUNCTION tarjuman.txt(v jsonb) RETURNS text
LANGUAGE sql STABLE {_HELPER} AS $$
SELECT CASE WHEN v IS NULL OR jsonb_typeof(v) = 'null' THEN NULL
            WHEN jsonb_typeof(v) = 'boolean' THEN CASE WHEN v = 'true' THEN 'True' ELSE 'False' END
            ELSE v #>> '{{}}' END $$"""

# why a text value is refused (NULL: it is fine)
_BAD_TEXT = f"""CREATE OR REPLACE FUNCTION tarjuman.bad_text(v jsonb, what text, lo integer,
    hi integer, one_line boolean) RETURNS text LANGUAGE sql STABLE {_HELPER} AS $$
SELECT CASE
    WHEN v IS NULL OR jsonb_typeof(v) <> 'string' THEN what || ' is missing or not text'
    WHEN length(v #>> '{{}}') > hi THEN
        format('%s has %s characters (the limit is %s)', what, length(v #>> '{{}}'), hi)
    WHEN lo > 0 AND btrim(v #>> '{{}}') = '' THEN what || ' is empty'
    WHEN one_line AND (v #>> '{{}}') ~ '{_CONTROLS}' THEN
        what || ' holds a line break or a control character'
END $$"""

_BAD_NAME = f"""CREATE OR REPLACE FUNCTION tarjuman.bad_name(v text, what text) RETURNS text
LANGUAGE sql STABLE {_HELPER} AS $$
SELECT coalesce(tarjuman.bad_text(to_jsonb(v), what, 1, {rules.MAX_NAME_CHARS}, true),
                CASE WHEN v ~ '{_BIDI}' THEN what || ' holds a direction control character'
                END) $$"""

_CHECK_FIELDS = f"""CREATE OR REPLACE FUNCTION tarjuman.check_fields(p_kind text, f jsonb)
RETURNS text LANGUAGE sql STABLE {_HELPER} AS $$
SELECT CASE
  WHEN f IS NULL OR jsonb_typeof(f) <> 'object' THEN 'its fields are not an object'
  WHEN p_kind = 'term' THEN coalesce(
    tarjuman.bad_text(f->'text', 'the term', 1, {rules.MAX_TERM_CHARS}, true),
    CASE WHEN NOT coalesce(f->>'lang' = ANY({_LANGS}), false)
              OR jsonb_typeof(f->'lang') <> 'string'
         THEN format('language %s is not one Tarjuman knows', left(f->>'lang', 40)) END,
    CASE WHEN coalesce(f->>'status', '') NOT IN ({", ".join(f"'{s}'" for s in rules.STATUSES)})
              OR jsonb_typeof(f->'status') <> 'string'
         THEN format('status %s is not one of {", ".join(rules.STATUSES)}',
                     left(f->>'status', 40)) END,
    tarjuman.bad_text(f->'pos', 'the part of speech', 0, {rules.MAX_LABEL_CHARS}, true),
    tarjuman.bad_text(f->'note', 'the note', 0, {rules.MAX_NOTE_CHARS}, false),
    CASE WHEN jsonb_typeof(f->'case_sensitive') IS DISTINCT FROM 'boolean'
           OR jsonb_typeof(f->'dnt') IS DISTINCT FROM 'boolean'
         THEN 'case_sensitive and dnt must be true or false' END)
  ELSE coalesce(
    tarjuman.bad_text(f->'domain', 'the domain', 0, {rules.MAX_LABEL_CHARS}, true),
    tarjuman.bad_text(f->'note', 'the note', 0, {rules.MAX_NOTE_CHARS}, false),
    tarjuman.bad_text(f->'ext_id', 'the external id', 0, {rules.MAX_LABEL_CHARS}, true))
END $$"""

_SIGN = f"""CREATE OR REPLACE FUNCTION tarjuman.sign(p_name text) RETURNS void
LANGUAGE plpgsql {_HELPER} AS $$
DECLARE nm text := coalesce(nullif(btrim(p_name), ''), session_user);
    why text := tarjuman.bad_name(nm, 'the name');
BEGIN
    IF why IS NOT NULL THEN PERFORM tarjuman.refuse(why); END IF;
    INSERT INTO tarjuman.people AS p VALUES (session_user, nm) ON CONFLICT (login)
        DO UPDATE SET name = excluded.name WHERE p.name IS DISTINCT FROM excluded.name;
END $$"""

_HISTORY = ("INSERT INTO tarjuman.history (kind, uid, glossary, field, value, author, kept, "
            "kept_author, at, conflict, rev) VALUES (p_kind, v_uid, p_glossary, k, {value}, "
            "{author}, {kept}, {kept_author}, clock_timestamp(), {conflict}, "
            "nextval('tarjuman.rev'));")


def _history(value: str, author: str, kept: str, kept_author: str, conflict: str) -> str:
    return _HISTORY.format(value=value, author=author, kept=kept, kept_author=kept_author,
                           conflict=conflict)


_PUSH_CHANGES = f"""CREATE OR REPLACE FUNCTION tarjuman.push_changes(p_kind text,
    p_glossary text, p_client uuid, p_name text, p_changes jsonb) RETURNS integer
{_DEFINER} AS $f$
DECLARE
    me text := session_user;
    names text[];
    c jsonb; x jsonb; base jsonb; bver bigint; hub jsonb; merged jsonb;
    k text; v jsonb; h jsonb; b jsonb;
    v_uid uuid; cuid uuid; v_seq bigint; prev bigint; why text;
    edited timestamptz; changed boolean; v_n integer := 0;
BEGIN
    PERFORM 1 FROM tarjuman.writer w WHERE w.id = 1 FOR UPDATE;
    PERFORM tarjuman.sign(p_name);
    IF p_kind = 'term' THEN
        names := ARRAY['lang', 'text', 'status', 'pos', 'note', 'case_sensitive', 'dnt'];
    ELSIF p_kind = 'concept' THEN
        names := ARRAY['domain', 'note', 'ext_id'];
    ELSE
        PERFORM tarjuman.refuse(format('unknown kind %s', left(p_kind, 20)));
    END IF;
    why := tarjuman.bad_name(p_glossary, 'the glossary name');
    IF why IS NOT NULL THEN PERFORM tarjuman.refuse(why); END IF;
    IF p_client IS NULL OR jsonb_typeof(p_changes) IS DISTINCT FROM 'array'
       OR jsonb_array_length(p_changes) > {rules.MAX_BATCH} THEN
        PERFORM tarjuman.refuse('a push is a list of at most {rules.MAX_BATCH} changes from one '
                                'client');
    END IF;
    FOR c IN SELECT e.value FROM jsonb_array_elements(p_changes) e LOOP
        v_uid := (c->>'uid')::uuid;
        v_seq := (c->>'seq')::bigint;
        IF v_uid IS NULL OR v_seq IS NULL THEN
            PERFORM tarjuman.refuse('a change without its uid or sequence number');
        END IF;
        -- what this login's client already sent: a login can only speak for itself
        SELECT a.seq INTO prev FROM tarjuman.applied a WHERE a.login = me
            AND a.client = p_client AND a.kind = p_kind AND a.uid = v_uid;
        IF prev IS NOT NULL AND prev >= v_seq THEN CONTINUE; END IF;
        INSERT INTO tarjuman.applied AS a VALUES (me, p_client, p_kind, v_uid, v_seq)
            ON CONFLICT (login, client, kind, uid) DO UPDATE SET seq = excluded.seq;
        edited := clock_timestamp() - make_interval(secs => least(greatest(
            coalesce((c->>'age')::float8, 0), 0), {rules.MAX_AGE_S}));
        x := c->'fields';
        IF jsonb_typeof(x) = 'null' THEN x := NULL; END IF;
        IF x IS NOT NULL THEN
            why := tarjuman.check_fields(p_kind, x);
            IF why IS NOT NULL THEN
                PERFORM tarjuman.refuse(format('%s %s: %s', p_kind, v_uid, why));
            END IF;
        END IF;
        base := c->'base';
        IF jsonb_typeof(base) IS DISTINCT FROM 'object' THEN base := NULL; END IF;
        bver := CASE WHEN base IS NULL THEN NULL ELSE (c->>'base_version')::bigint END;
        IF p_kind = 'term' THEN
            SELECT to_jsonb(t) INTO hub FROM tarjuman.terms t WHERE t.uid = v_uid;
        ELSE
            SELECT to_jsonb(t) INTO hub FROM tarjuman.concepts t WHERE t.uid = v_uid;
        END IF;
        IF hub IS NULL THEN
            IF x IS NULL THEN CONTINUE; END IF;  -- the tombstone of a row the hub never had
            IF p_kind = 'term' THEN
                cuid := (c->>'concept_uid')::uuid;
                IF cuid IS NULL THEN
                    PERFORM tarjuman.refuse(format('term %s has no concept', v_uid));
                END IF;
                INSERT INTO tarjuman.terms (uid, concept_uid, glossary, lang, text, status, pos,
                    note, case_sensitive, dnt, author, created, modified, version, deleted, rev)
                VALUES (v_uid, cuid, p_glossary, x->>'lang', x->>'text', x->>'status',
                    x->>'pos', x->>'note', (x->>'case_sensitive')::boolean,
                    (x->>'dnt')::boolean, me, edited, edited, 1, false,
                    nextval('tarjuman.rev'));
                UPDATE tarjuman.concepts SET deleted = false, version = version + 1,
                    rev = nextval('tarjuman.rev') WHERE uid = cuid AND deleted;
            ELSE
                INSERT INTO tarjuman.concepts (uid, glossary, domain, note, ext_id, author,
                    created, modified, version, deleted, rev)
                VALUES (v_uid, p_glossary, x->>'domain', x->>'note', x->>'ext_id', me, edited,
                    edited, 1, false, nextval('tarjuman.rev'));
            END IF;
            v_n := v_n + 1;
            CONTINUE;
        END IF;
        IF x IS NULL THEN  -- a tombstone: what others changed since this client's base is kept
            IF (hub->>'deleted')::boolean THEN CONTINUE; END IF;
            IF base IS NULL OR (hub->>'version')::bigint > bver THEN
                FOREACH k IN ARRAY names LOOP
                    IF base IS NULL OR (base->k) IS DISTINCT FROM (hub->k) THEN
                        {_history("tarjuman.txt(hub->k)", "hub->>'author'", "NULL", "me",
                                  "true")}
                    END IF;
                END LOOP;
            END IF;
            IF p_kind = 'term' THEN
                UPDATE tarjuman.terms SET deleted = true, version = version + 1,
                    modified = clock_timestamp(), author = me, rev = nextval('tarjuman.rev')
                    WHERE uid = v_uid;
            ELSE
                UPDATE tarjuman.concepts SET deleted = true, version = version + 1,
                    modified = clock_timestamp(), author = me, rev = nextval('tarjuman.rev')
                    WHERE uid = v_uid;
                UPDATE tarjuman.terms SET deleted = true, version = version + 1,
                    rev = nextval('tarjuman.rev') WHERE concept_uid = v_uid AND NOT deleted;
            END IF;
            v_n := v_n + 1;
            CONTINUE;
        END IF;
        -- field by field against the base; both sides changed: the later edit (server time)
        merged := hub;
        changed := (hub->>'deleted')::boolean;
        FOREACH k IN ARRAY names LOOP
            v := x->k; h := hub->k; b := base->k;
            IF v = h OR (base IS NOT NULL AND v = b) THEN CONTINUE; END IF;
            IF base IS NOT NULL AND h = b THEN
                merged := jsonb_set(merged, ARRAY[k], v);
                {_history("tarjuman.txt(h)", "hub->>'author'", "tarjuman.txt(v)", "me",
                          "false")}
            ELSIF edited >= (hub->>'modified')::timestamptz THEN
                merged := jsonb_set(merged, ARRAY[k], v);
                {_history("tarjuman.txt(h)", "hub->>'author'", "tarjuman.txt(v)", "me",
                          "true")}
            ELSE
                {_history("tarjuman.txt(v)", "me", "tarjuman.txt(h)", "hub->>'author'",
                          "true")}
                CONTINUE;
            END IF;
            changed := true;
        END LOOP;
        IF changed THEN
            edited := greatest(edited, (hub->>'modified')::timestamptz);
            IF p_kind = 'term' THEN
                UPDATE tarjuman.terms SET lang = merged->>'lang', text = merged->>'text',
                    status = merged->>'status', pos = merged->>'pos', note = merged->>'note',
                    case_sensitive = (merged->>'case_sensitive')::boolean,
                    dnt = (merged->>'dnt')::boolean, version = version + 1, modified = edited,
                    author = me, deleted = false, rev = nextval('tarjuman.rev') WHERE uid = v_uid;
                UPDATE tarjuman.concepts SET deleted = false, version = version + 1,
                    rev = nextval('tarjuman.rev')
                    WHERE uid = (hub->>'concept_uid')::uuid AND deleted;
            ELSE
                UPDATE tarjuman.concepts SET domain = merged->>'domain',
                    note = merged->>'note', ext_id = merged->>'ext_id',
                    version = version + 1, modified = edited, author = me, deleted = false,
                    rev = nextval('tarjuman.rev') WHERE uid = v_uid;
            END IF;
        END IF;
        v_n := v_n + 1;
    END LOOP;
    RETURN v_n;
END $f$"""

_CHECK_UNIT = f"""CREATE OR REPLACE FUNCTION tarjuman.check_unit(u jsonb) RETURNS text
LANGUAGE sql STABLE {_HELPER} AS $$
SELECT CASE
  WHEN u IS NULL OR jsonb_typeof(u) <> 'object' THEN 'a unit is not an object'
  WHEN coalesce(u->>'uid', '') !~ '^[0-9a-fA-F-]{{32,36}}$' THEN 'a unit without its uid'
  WHEN NOT coalesce(u->>'source_lang' = ANY({_LANGS}), false)
    OR NOT coalesce(u->>'target_lang' = ANY({_LANGS}), false)
  THEN format('language pair %s-%s is not one Tarjuman knows', left(u->>'source_lang', 40),
              left(u->>'target_lang', 40))
  ELSE coalesce(
    tarjuman.bad_text(u->'source', 'the source', 1, {rules.MAX_SEGMENT_CHARS}, false),
    tarjuman.bad_text(u->'target', 'the target', 1, {rules.MAX_SEGMENT_CHARS}, false),
    tarjuman.bad_text(u->'norm', 'the folded source', 0, {rules.MAX_SEGMENT_CHARS}, false))
END $$"""

_PUSH_TM = f"""CREATE OR REPLACE FUNCTION tarjuman.push_tm(p_name text, p_units jsonb)
RETURNS integer {_DEFINER} AS $f$
DECLARE why text;
BEGIN
    PERFORM 1 FROM tarjuman.writer w WHERE w.id = 1 FOR UPDATE;
    PERFORM tarjuman.sign(p_name);
    IF jsonb_typeof(p_units) IS DISTINCT FROM 'array'
       OR jsonb_array_length(p_units) > {rules.MAX_BATCH} THEN
        PERFORM tarjuman.refuse('a push is a list of at most {rules.MAX_BATCH} units');
    END IF;
    SELECT x.why INTO why FROM (SELECT tarjuman.check_unit(e.value) AS why
        FROM jsonb_array_elements(p_units) e) x WHERE x.why IS NOT NULL LIMIT 1;
    IF why IS NOT NULL THEN PERFORM tarjuman.refuse(why); END IF;
    WITH ins AS (
        INSERT INTO tarjuman.tm_units (uid, source_lang, target_lang, source, target, norm,
            author, created, rev)
        SELECT CASE WHEN EXISTS (SELECT 1 FROM tarjuman.tm_units t  -- a uid someone took
                    WHERE t.uid = (e.value->>'uid')::uuid AND (t.source_lang, t.target_lang,
                    t.source, t.target) IS DISTINCT FROM (e.value->>'source_lang',
                    e.value->>'target_lang', e.value->>'source', e.value->>'target'))
               THEN gen_random_uuid() ELSE (e.value->>'uid')::uuid END,
            e.value->>'source_lang', e.value->>'target_lang',
            e.value->>'source', e.value->>'target', e.value->>'norm', session_user,
            clock_timestamp() - make_interval(secs => least(greatest(
                coalesce((e.value->>'age')::float8, 0), 0), {rules.MAX_AGE_S})),
            nextval('tarjuman.rev')
        FROM jsonb_array_elements(p_units) e
        ON CONFLICT (uid) DO NOTHING RETURNING norm),
    words AS (SELECT w.word, count(*) AS cnt FROM ins, LATERAL (SELECT DISTINCT x AS word
        FROM regexp_split_to_table(ins.norm, '\\s+') x WHERE x <> '') w GROUP BY w.word)
    INSERT INTO tarjuman.tm_words AS t (word, n) SELECT words.word, words.cnt FROM words
        ON CONFLICT (word) DO UPDATE SET n = t.n + excluded.n;
    RETURN jsonb_array_length(p_units);
END $f$"""

_RESOLVE = f"""CREATE OR REPLACE FUNCTION tarjuman.resolve_conflicts(p_name text,
    p_ids bigint[]) RETURNS integer {_DEFINER} AS $f$
DECLARE v_n integer;
BEGIN
    PERFORM 1 FROM tarjuman.writer w WHERE w.id = 1 FOR UPDATE;
    PERFORM tarjuman.sign(p_name);
    UPDATE tarjuman.history h SET resolved = true, rev = nextval('tarjuman.rev')
        WHERE h.id = ANY(p_ids) AND h.conflict AND NOT h.resolved;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    RETURN v_n;
END $f$"""

FUNCTIONS = [_REFUSE, _TXT, _BAD_TEXT, _BAD_NAME, _CHECK_FIELDS, _SIGN, _PUSH_CHANGES,
             _CHECK_UNIT, _PUSH_TM, _RESOLVE]
