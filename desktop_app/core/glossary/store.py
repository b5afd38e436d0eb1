"""A concept-oriented term base in one SQLite file (sqlite-utils), schema under migrations.

A concept has a domain (TBX subject field), a note and definitions (one for the concept as a
whole and one per language); each concept has terms per language, each with a status
(``preferred`` | ``admitted`` | ``forbidden``, plus the finer TBX status it came with:
deprecated, superseded...), part of speech, context sentence, note, case rule and
"do not translate" flag. Every term and note is also stored folded (``textnorm``) and
indexed with FTS5, so search ignores ي/ی, ك/ک, ZWNJ and the like.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from desktop_app.core import languages
from desktop_app.core.errors import TarjumanError, sqlite_place_problem
from desktop_app.core.glossary.model import (
    MAX_NOTE_CHARS,
    MAX_TERM_CHARS,
    STATUS_DETAILS,
    STATUSES,
    Concept,
    Term,
    lang_code,
)
from desktop_app.core.i18n import _
from desktop_app.core.sqlitetx import configure, writing
from desktop_app.core.textnorm import fold

if TYPE_CHECKING:
    from desktop_app.core.glossary.search import Found

# the model's names are read from here too (``from ...store import Concept, Term``)
__all__ = ["MAX_NOTE_CHARS", "MAX_TERM_CHARS", "SCHEMA_VERSION", "SMALL_GLOSSARY",
           "STATUSES", "STATUS_DETAILS", "Concept", "Glossary", "GlossaryError",
           "GlossarySet", "Term", "lang_code"]

SCHEMA_VERSION = 3


# Up to this many terms a glossary is read whole for matching; beyond, through its index.
SMALL_GLOSSARY = 20_000

class GlossaryError(TarjumanError):
    pass


def _v1(db: sqlite_utils.Database) -> None:
    db.table("concepts").create({"id": int, "domain": str, "note": str, "ext_id": str,
                                 "note_norm": str, "created": float, "modified": float},
                                pk="id")
    db.table("concepts").enable_fts(["note_norm"], fts_version="FTS5", create_triggers=True)
    db.table("terms").create({"id": int, "concept_id": int, "lang": str, "text": str, "status": str,
                        "pos": str, "note": str, "case_sensitive": int, "dnt": int,
                        "norm": str, "note_norm": str, "created": float, "modified": float},
                       pk="id", foreign_keys=[("concept_id", "concepts", "id")])
    db.table("terms").create_index(["concept_id"])
    db.table("terms").create_index(["lang", "norm"])
    db.table("terms").enable_fts(["norm", "note_norm"], fts_version="FTS5", create_triggers=True)
    db.table("meta").create({"key": str, "value": str}, pk="key")


def _v2_team(db: sqlite_utils.Database) -> None:
    """Stable ids (UUID), authors, an outbox and tombstones for team sync."""
    from desktop_app.core.team import tracking

    tracking.install_glossary(db)


def _v3_tbx_fields(db: sqlite_utils.Database) -> None:
    """What TBX files carry besides terms: definitions, contexts, the finer status."""
    for table, column in (("terms", "context"), ("terms", "status_detail"),
                          ("concepts", "definitions")):
        if column not in {c.name for c in db.table(table).columns}:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2_team, _v3_tbx_fields]


def _check_length(message: str, text: str) -> None:
    """``message`` (translated, with {n} and {limit}) if ``text`` is over the note limit."""
    if len(text) > MAX_NOTE_CHARS:
        raise GlossaryError(message.format(n=len(text), limit=MAX_NOTE_CHARS))


def _definitions_json(definitions: dict[str, str]) -> str:
    kept = {(lang_code(k) if k else ""): v.strip() for k, v in definitions.items()
            if v.strip()}
    for text in kept.values():
        _check_length(_("a definition of {n} characters is too long (the limit is "
                        "{limit})"), text)
    return json.dumps(kept, ensure_ascii=False, sort_keys=True) if kept else ""


def _definitions(value: str | None) -> dict[str, str]:
    if not value:
        return {}
    try:
        data = json.loads(value)
    except ValueError:
        return {"": value}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


class Glossary:
    """One term base file. Every write is one transaction and bumps :attr:`revision`."""

    def __init__(self, path: Path | str, *, name: str = "", readonly: bool = False):
        self.path = Path(path)
        self.name = name or self.path.stem
        self.readonly = readonly
        try:
            self.db = sqlite_utils.Database(self.path)
            self.db.execute("PRAGMA foreign_keys=ON")
            configure(self.db)
            self._migrate()
        except BaseException as exc:
            if hasattr(self, "db"):
                self.db.close()
            if isinstance(exc, sqlite3.DatabaseError):
                place = sqlite_place_problem(exc, self.path.name)
                if place:
                    raise GlossaryError(place) from exc
                raise GlossaryError(_("{name} is not a Tarjuman glossary: {exc}").format(
                    name=self.path.name, exc=exc)) from exc
            raise
        self.revision = 0

    def _migrate(self) -> None:
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise GlossaryError(_("{name} was written by a newer Tarjuman (glossary schema "
                                  "{version}, this one reads {ours})").format(
                                      name=self.path.name, version=version,
                                      ours=SCHEMA_VERSION))
        if version < SCHEMA_VERSION and self.readonly:
            raise GlossaryError(_("{name} needs an upgrade but is open read-only").format(
                name=self.path.name))
        if version == SCHEMA_VERSION:
            return  # no write lock taken: readers never wait for (or fail on) an import
        with writing(self.db):
            version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](self.db)
                self.db.execute(f"PRAGMA user_version={step + 1}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Glossary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_writable(self) -> None:
        if self.readonly:
            raise GlossaryError(_("glossary {name} is read-only").format(name=self.name))

    # -- writing ---------------------------------------------------------------------

    def _term_row(self, term: Term, concept_id: int, now: float) -> dict[str, Any]:
        if term.status not in STATUSES:
            raise GlossaryError(_("unknown term status {status!r}; use one of {statuses}").format(
                status=term.status, statuses=", ".join(STATUSES)))
        text = term.text.strip()
        if not text:
            raise GlossaryError(_("a term cannot be empty"))
        if len(text) > MAX_TERM_CHARS:
            raise GlossaryError(_("a term of {n} characters is too long (the limit is "
                                  "{limit}): {text!r}...").format(
                                      n=len(text), limit=MAX_TERM_CHARS, text=text[:40]))
        if "\n" in text or "\r" in text:
            raise GlossaryError(_("a term cannot span several lines: {text!r}...").format(
                text=text[:40]))
        if len(term.note) > MAX_NOTE_CHARS:
            raise GlossaryError(_("a term note of {n} characters is too long (the limit is "
                                  "{limit})").format(
                                      n=len(term.note), limit=MAX_NOTE_CHARS))
        _check_length(_("a term context of {n} characters is too long (the limit is "
                        "{limit})"), term.context)
        # a finer status that no longer fits (a superseded term made preferred) goes
        detail = term.status_detail if term.status_detail in STATUS_DETAILS[term.status] else ""
        lang = lang_code(term.lang)
        return {"concept_id": concept_id, "lang": lang, "text": text, "status": term.status,
                "pos": term.pos, "note": term.note, "case_sensitive": int(term.case_sensitive),
                "dnt": int(term.dnt), "norm": fold(text, lang if languages.is_known(lang) else ""),
                "note_norm": fold(term.note), "created": now, "modified": now,
                "context": term.context, "status_detail": detail}

    def add_concept(self, concept: Concept) -> Concept:
        return self.add_concepts([concept])[0]

    def add_concepts(self, concepts: Iterable[Concept]) -> list[Concept]:
        """Add concepts with their terms in one transaction: all or nothing."""
        self._check_writable()
        now = time.time()
        added: list[int] = []
        with writing(self.db):
            for concept in concepts:
                if not concept.terms:
                    raise GlossaryError(_("a concept needs at least one term"))
                cid = _pk(self.db.table("concepts").insert(
                    {"domain": concept.domain, "note": concept.note, "ext_id": concept.ext_id,
                     "note_norm": fold(concept.note), "created": now, "modified": now,
                     "definitions": _definitions_json(concept.definitions)}).last_pk)
                rows = [self._term_row(t, cid, now) for t in concept.terms]
                self.db.table("terms").insert_all(rows)
                added.append(cid)
        self.revision += 1
        return [self.get(cid) for cid in added]

    def import_concepts(self, concepts: Iterable[Concept]) -> tuple[int, int]:
        """Add many concepts (read as a stream) in one transaction, all or nothing, without
        reading them back: (concepts, terms) added. For file imports of any size."""
        self._check_writable()
        now = time.time()
        added = terms = 0
        conn = self.db.conn
        batch: list[dict[str, Any]] = []
        term_sql = ("INSERT INTO terms (concept_id, lang, text, status, pos, note, "
                    "case_sensitive, dnt, norm, note_norm, created, modified, context, "
                    "status_detail) VALUES (:concept_id, :lang, :text, :status, :pos, :note, "
                    ":case_sensitive, :dnt, :norm, :note_norm, :created, :modified, :context, "
                    ":status_detail)")
        with writing(self.db):
            for concept in concepts:
                if not concept.terms:
                    raise GlossaryError(_("a concept needs at least one term"))
                cursor = conn.execute(
                    "INSERT INTO concepts (domain, note, ext_id, note_norm, created, modified, "
                    "definitions) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [concept.domain, concept.note, concept.ext_id, fold(concept.note), now, now,
                     _definitions_json(concept.definitions)])
                cid = int(cursor.lastrowid or 0)
                batch.extend(self._term_row(t, cid, now) for t in concept.terms)
                added += 1
                terms += len(concept.terms)
                if len(batch) >= 2000:
                    conn.executemany(term_sql, batch)
                    batch.clear()
            conn.executemany(term_sql, batch)
        self.revision += 1
        return added, terms

    def add_term(self, concept_id: int, term: Term) -> Term:
        self._check_writable()
        self.get(concept_id)
        now = time.time()
        with writing(self.db):
            tid = _pk(self.db.table("terms").insert(self._term_row(term, concept_id, now)).last_pk)
            self._touch(concept_id, now)
        self.revision += 1
        return self._term(self.db.table("terms").get(tid))

    def update_term(self, term_id: int, **changes: Any) -> Term:
        self._check_writable()
        current = self.term(term_id)
        for key, value in changes.items():
            if not hasattr(current, key) or key in ("id", "concept_id"):
                raise GlossaryError(_("a term has no field {key!r}").format(key=key))
            setattr(current, key, value)
        now = time.time()
        row = self._term_row(current, int(current.concept_id or 0), now)
        row.pop("created")
        with writing(self.db):
            self.db.table("terms").update(term_id, row)
            self._touch(int(current.concept_id or 0), now)
        self.revision += 1
        return self.term(term_id)

    def update_concept(self, concept_id: int, *, domain: str | None = None,
                       note: str | None = None,
                       definitions: dict[str, str] | None = None) -> Concept:
        self._check_writable()
        self.get(concept_id)
        changes: dict[str, Any] = {"modified": time.time()}
        if domain is not None:
            changes["domain"] = domain
        if note is not None:
            changes["note"] = note
            changes["note_norm"] = fold(note)
        if definitions is not None:
            changes["definitions"] = _definitions_json(definitions)
        with writing(self.db):
            self.db.table("concepts").update(concept_id, changes)
        self.revision += 1
        return self.get(concept_id)

    def remove_term(self, term_id: int) -> None:
        self._check_writable()
        term = self.term(term_id)
        with writing(self.db):
            self.db.table("terms").delete(term_id)
            left = self.db.execute("SELECT count(*) FROM terms WHERE concept_id = ?",
                                   [term.concept_id]).fetchone()[0]
            if not left:
                self.db.table("concepts").delete(int(term.concept_id or 0))
        self.revision += 1

    def remove_concept(self, concept_id: int) -> None:
        self._check_writable()
        self.get(concept_id)
        with writing(self.db):
            self.db.execute("DELETE FROM terms WHERE concept_id = ?", [concept_id])
            self.db.table("concepts").delete(concept_id)
        self.revision += 1

    def _touch(self, concept_id: int, now: float) -> None:
        self.db.table("concepts").update(concept_id, {"modified": now})

    # -- reading ---------------------------------------------------------------------

    def _term(self, row: dict[str, Any]) -> Term:
        return Term(lang=row["lang"], text=row["text"], status=row["status"], pos=row["pos"],
                    note=row["note"], case_sensitive=bool(row["case_sensitive"]),
                    dnt=bool(row["dnt"]), id=row["id"], concept_id=row["concept_id"],
                    context=row.get("context") or "",
                    status_detail=row.get("status_detail") or "")

    def _concept(self, row: dict[str, Any], terms: list[Term]) -> Concept:
        return Concept(terms, row["domain"], row["note"], row["ext_id"], row["id"], self.name,
                       _definitions(row.get("definitions")))

    def term(self, term_id: int) -> Term:
        try:
            return self._term(self.db.table("terms").get(term_id))
        except sqlite_utils.db.NotFoundError:
            raise GlossaryError(_("no term with id {term_id} in {name}").format(
                term_id=term_id, name=self.name)) from None

    def get(self, concept_id: int) -> Concept:
        try:
            row = self.db.table("concepts").get(concept_id)
        except sqlite_utils.db.NotFoundError:
            raise GlossaryError(_("no concept with id {concept_id} in {name}").format(
                concept_id=concept_id, name=self.name)) from None
        terms = [self._term(r) for r in self.db.table("terms").rows_where(
            "concept_id = ?", [concept_id], order_by="id")]
        return self._concept(row, terms)

    def concepts(self) -> Iterator[Concept]:
        by_concept: dict[int, list[Term]] = {}
        for r in self.db.table("terms").rows_where(order_by="concept_id, id"):
            by_concept.setdefault(r["concept_id"], []).append(self._term(r))
        for row in self.db.table("concepts").rows_where(order_by="id"):
            yield self._concept(row, by_concept.get(row["id"], []))

    def count(self) -> int:
        return self.db.table("concepts").count

    def concepts_matching(self, texts: Iterable[str], lang: str) -> Iterator[Concept]:
        """The concepts with a ``lang`` term that can occur in ``texts``, found through the
        (lang, norm) index: a term occurs only if its folded form starts where a word (or a
        sign) of the folded text starts. Memory stays bounded by what the texts use, not by
        the glossary's size."""
        code = lang_code(lang)
        longest = self.db.execute("SELECT max(length(norm)) FROM terms WHERE lang = ?",
                                  [code]).fetchone()[0]
        if not longest:
            return
        fold_lang = code if code in ("en", "prs", "ps", "fa") else ""
        ids: set[int] = set()
        candidates: set[str] = set()

        def flush() -> None:
            values = list(candidates)
            for i in range(0, len(values), 500):
                chunk = values[i:i + 500]
                ids.update(r[0] for r in self.db.execute(
                    f"SELECT DISTINCT concept_id FROM terms WHERE lang = ? AND norm IN "
                    f"({', '.join('?' * len(chunk))})", [code, *chunk]))
            candidates.clear()

        for text in texts:
            folded = fold(text, fold_lang)
            for p, ch in enumerate(folded):
                if ch.isspace() or (ch.isalnum() and p and folded[p - 1].isalnum()):
                    continue
                tail = folded[p:p + longest]
                candidates.update(tail[:k] for k in range(1, len(tail) + 1))
            if len(candidates) > 20_000:
                flush()
        flush()
        wanted = sorted(ids)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ", ".join("?" * len(chunk))
            by_concept: dict[int, list[Term]] = {}
            for r in self.db.table("terms").rows_where(f"concept_id IN ({marks})", chunk,
                                                       order_by="concept_id, id"):
                by_concept.setdefault(r["concept_id"], []).append(self._term(r))
            for row in self.db.table("concepts").rows_where(f"id IN ({marks})", chunk,
                                                            order_by="id"):
                yield self._concept(row, by_concept.get(row["id"], []))

    def search(self, query: str, lang: str | None = None, limit: int = 50) -> list[Concept]:
        """Concepts found for ``query`` (folded, prefix match, inflected forms), terms first
        and notes after: see ``core.glossary.search``."""
        from desktop_app.core.glossary.search import search

        return [f.concept for f in search(self, query, lang)[:limit]]


def _pk(value: Any) -> int:
    return int(value)




class GlossarySet:
    """The glossaries open together; the first is the writable project glossary."""

    def __init__(self, glossaries: Iterable[Glossary]):
        self.glossaries = list(glossaries)
        if not self.glossaries:
            raise GlossaryError(_("no glossary is open"))

    @property
    def writable(self) -> Glossary:
        return self.glossaries[0]

    def close(self) -> None:
        for glossary in self.glossaries:
            glossary.close()

    def __enter__(self) -> GlossarySet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def revision(self) -> tuple[int, ...]:
        return tuple(g.revision for g in self.glossaries)

    def concepts(self) -> Iterator[Concept]:
        for glossary in self.glossaries:
            yield from glossary.concepts()

    def concepts_for(self, texts: Iterable[str], lang: str) -> Iterator[Concept]:
        """What a matcher over ``texts`` (in ``lang``) needs: every concept of a small
        glossary, only the ones the texts can use (through the index) of a large one."""
        texts = list(texts)
        for glossary in self.glossaries:
            if glossary.db.execute("SELECT count(*) FROM terms").fetchone()[0] <= SMALL_GLOSSARY:
                yield from glossary.concepts()
            else:
                yield from glossary.concepts_matching(texts, lang)

    def search(self, query: str, lang: str | None = None, limit: int = 50) -> list[Concept]:
        return [f.concept for f in self.search_ranked(query, lang, limit)]

    def search_ranked(self, query: str, lang: str | None = None, limit: int = 50, *,
                      notes: bool = True) -> list[Found]:
        """Found in every glossary: term matches first, the project glossary's before the
        others', then note matches (a term in the starter glossary comes before a note in
        the project glossary)."""
        from desktop_app.core.glossary.search import NOTE, search

        found = [f for g in self.glossaries for f in search(g, query, lang, notes=notes)]
        return sorted(found, key=lambda f: f.kind == NOTE)[:limit]
