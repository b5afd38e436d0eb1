"""The one door for every change to a glossary: the glossary manager, the concept editor,
Ctrl+T, New terms and the ``tarjuman glossary`` commands all call :class:`GlossaryEditor`.

Each call (add a concept or a term, edit a concept whole, delete a concept or a term,
import a file) is one transaction that returns :class:`GlossaryChanges` (which concepts
were added, edited, removed) and goes on an undo stack. :meth:`GlossaryEditor.undo` puts
the concepts and terms back as they were (same ids, uids, statuses, notes, dates), and
:meth:`GlossaryEditor.redo` does the step again; undoing an import removes what it added.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.errors import InputError
from desktop_app.core.glossary import csvio, tbx
from desktop_app.core.glossary.model import Concept, Term
from desktop_app.core.glossary.store import Glossary, GlossaryError
from desktop_app.core.i18n import _
from desktop_app.core.sqlitetx import writing
from desktop_app.core.textio import check_input_file

FILE_SUFFIXES = (".tbx", ".csv", ".tsv", ".txt")
# the fields of a term a concept edit may change (its id and concept stay)
TERM_FIELDS = ("lang", "text", "status", "pos", "note", "case_sensitive", "dnt", "context",
               "status_detail")


@dataclass(slots=True)
class GlossaryChanges:
    """What one glossary call changed: ids of concepts added (or put back by an undo),
    edited and removed, in the glossary named ``glossary``. ``terms`` counts the terms an
    import wrote; ``other`` says a glossary changed outside the editor (a team conflict
    resolved): whoever shows glossary data reads it again."""

    added: list[int] = field(default_factory=list)
    edited: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    glossary: str = ""
    terms: int = 0
    other: bool = False

    def __bool__(self) -> bool:
        return bool(self.added or self.edited or self.removed or self.other)

    @property
    def concepts(self) -> list[int]:
        """Every concept id this step touched."""
        return [*self.added, *self.edited, *self.removed]


@dataclass(slots=True)
class _Rows:
    concepts: list[dict[str, Any]] = field(default_factory=list)
    terms: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class _Step:
    ids: list[int]  # the concepts it touched
    before: _Rows
    after: _Rows | None  # None until first undone (an import's rows are read only then)


def read_file(path: Path) -> Iterable[Concept]:
    """The concepts of a .tbx, .csv or .tsv file, read as a stream where the format allows."""
    suffix = path.suffix.lower()
    if suffix not in FILE_SUFFIXES:
        raise InputError(_("{name}: unknown glossary format (use .tbx, .csv or .tsv)").format(
            name=path.name))
    check_input_file(path)
    if suffix == ".tbx":
        return tbx.read(path).concepts
    return csvio.iter_read(path)


class GlossaryEditor:
    """Recorded, undoable writes to one (writable) glossary."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.db = glossary.db
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []

    # -- the steps -----------------------------------------------------------------------

    def add_concept(self, concept: Concept) -> GlossaryChanges:
        """A new concept with its terms."""
        return self._record([], lambda: [int(self.glossary.add_concept(concept).id or 0)])

    def add_term(self, concept_id: int, term: Term) -> GlossaryChanges:
        """One more term (a variant, another language) of a concept."""
        def write() -> list[int]:
            self.glossary.add_term(concept_id, term)
            return []
        return self._record([concept_id], write, check=concept_id)

    def edit_concept(self, concept_id: int, *, domain: str | None = None,
                     note: str | None = None, definitions: dict[str, str] | None = None,
                     terms: Sequence[Term] | None = None) -> GlossaryChanges:
        """Change a concept whole, in one transaction: its domain, note and definitions
        (``None`` leaves one as it is) and its terms. ``terms`` is the full list wanted: a
        term with an id is changed where it differs, one without is added, and a term of
        the concept missing from the list is removed."""
        def write() -> list[int]:
            current = self.glossary.get(concept_id)
            if (domain is not None and domain != current.domain) or \
                    (note is not None and note != current.note) or \
                    (definitions is not None and
                     {k: v.strip() for k, v in definitions.items() if v.strip()}
                     != current.definitions):
                self.glossary.update_concept(concept_id, domain=domain, note=note,
                                             definitions=definitions)
            if terms is None:
                return []
            if not any(t.text.strip() for t in terms):
                raise GlossaryError(_("a concept needs at least one term"))
            have = {int(t.id or 0): t for t in current.terms}
            for term in terms:
                if term.id is not None and term.id not in have:
                    raise GlossaryError(_("term {term_id} is not part of concept {id}").format(
                        term_id=term.id, id=concept_id))
            for term in terms:  # new terms first: the concept never runs out of terms
                if term.id is None:
                    self.glossary.add_term(concept_id, term)
            for term in terms:
                if term.id is not None:
                    old = have[term.id]
                    wanted = {k: getattr(term, k) for k in TERM_FIELDS}
                    if any(getattr(old, k) != v for k, v in wanted.items()):
                        self.glossary.update_term(term.id, **wanted)
            kept = {t.id for t in terms}
            for term_id in have:
                if term_id not in kept:
                    self.glossary.remove_term(term_id)
            return []
        return self._record([concept_id], write, check=concept_id)

    def delete_concepts(self, concept_ids: Sequence[int]) -> GlossaryChanges:
        def write() -> list[int]:
            for concept_id in concept_ids:
                self.glossary.remove_concept(concept_id)
            return []
        return self._record(list(concept_ids), write)

    def delete_concept(self, concept_id: int) -> GlossaryChanges:
        return self.delete_concepts([concept_id])

    def delete_term(self, term_id: int) -> GlossaryChanges:
        """Remove one term; a concept left with no term goes with it."""
        concept_id = int(self.glossary.term(term_id).concept_id or 0)

        def write() -> list[int]:
            self.glossary.remove_term(term_id)
            return []
        return self._record([concept_id], write)

    def import_concepts(self, concepts: Iterable[Concept]) -> GlossaryChanges:
        """Many concepts (read as a stream) in one transaction, all or nothing; undo
        removes them all again."""
        self.glossary._check_writable()
        with writing(self.db):
            last = int(self.db.execute("SELECT coalesce(max(id), 0) FROM concepts")
                       .fetchone()[0])
            _added, terms = self.glossary.import_concepts(concepts)
            ids = [int(r[0]) for r in self.db.execute(
                "SELECT id FROM concepts WHERE id > ? ORDER BY id", [last])]
        if not ids:
            return GlossaryChanges(glossary=self.glossary.name)
        self._push(_Step(ids, _Rows(), None))
        return GlossaryChanges(added=ids, glossary=self.glossary.name, terms=terms)

    def import_file(self, path: Path) -> GlossaryChanges:
        """Import a .tbx, .csv or .tsv file: one step."""
        return self.import_concepts(read_file(path))

    # -- undo and redo -------------------------------------------------------------------

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> GlossaryChanges:
        """Put back what the last step changed (nothing when there is none)."""
        if not self._undo:
            return GlossaryChanges(glossary=self.glossary.name)
        step = self._undo.pop()
        if step.after is None:
            step.after = self._rows(step.ids)
        self._apply(step.after, step.before)
        self._redo.append(step)
        return self._changes(step.after, step.before)

    def redo(self) -> GlossaryChanges:
        if not self._redo:
            return GlossaryChanges(glossary=self.glossary.name)
        step = self._redo.pop()
        assert step.after is not None  # read when it was undone
        self._apply(step.before, step.after)
        self._undo.append(step)
        return self._changes(step.before, step.after)

    # -- inside --------------------------------------------------------------------------

    def _record(self, ids: list[int], write: Callable[[], list[int]], *,
                check: int | None = None) -> GlossaryChanges:
        """Run ``write`` (which returns the ids of concepts it created) in one transaction,
        with the rows of the concepts it touches read before and after."""
        self.glossary._check_writable()
        if check is not None:
            self.glossary.get(check)  # one clear error for a concept that is not there
        with writing(self.db):
            before = self._rows(ids)
            touched = [*ids, *write()]
            after = self._rows(touched)
        changes = self._changes(before, after)
        if changes:
            self._push(_Step(touched, before, after))
        return changes

    def _push(self, step: _Step) -> None:
        self._undo.append(step)
        self._redo.clear()

    def _select(self, table: str, column: str, ids: list[int]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            cursor = self.db.execute(f"SELECT * FROM {table} WHERE {column} IN "
                                     f"({','.join('?' * len(chunk))}) ORDER BY id", chunk)
            names = [d[0] for d in cursor.description]
            rows.extend(dict(zip(names, row, strict=True)) for row in cursor.fetchall())
        return rows

    def _rows(self, ids: list[int]) -> _Rows:
        return _Rows(self._select("concepts", "id", ids), self._select("terms", "concept_id", ids))

    def _changes(self, old: _Rows, new: _Rows) -> GlossaryChanges:
        was = {r["id"]: r for r in old.concepts}
        now = {r["id"]: r for r in new.concepts}
        old_terms: dict[int, list[dict[str, Any]]] = {}
        new_terms: dict[int, list[dict[str, Any]]] = {}
        for r in old.terms:
            old_terms.setdefault(r["concept_id"], []).append(r)
        for r in new.terms:
            new_terms.setdefault(r["concept_id"], []).append(r)
        edited = [cid for cid in now if cid in was and (
            now[cid] != was[cid] or new_terms.get(cid) != old_terms.get(cid))]
        return GlossaryChanges(added=[cid for cid in now if cid not in was], edited=edited,
                               removed=[cid for cid in was if cid not in now],
                               glossary=self.glossary.name)

    def _apply(self, old: _Rows, new: _Rows) -> None:
        """Turn rows ``old`` into rows ``new`` (either may be empty) in one transaction:
        gone rows deleted, kept ones written whole, returning ones inserted with their own
        ids (and no longer announced to the team as deleted)."""
        try:
            with writing(self.db):
                for table, old_rows, new_rows in (("terms", old.terms, new.terms),
                                                  ("concepts", old.concepts, new.concepts)):
                    keep = {r["id"] for r in new_rows}
                    gone = [r["id"] for r in old_rows if r["id"] not in keep]
                    for i in range(0, len(gone), 500):
                        chunk = gone[i:i + 500]
                        self.db.execute(f"DELETE FROM {table} WHERE id IN "
                                        f"({','.join('?' * len(chunk))})", chunk)
                for table, kind, old_rows, new_rows in (
                        ("concepts", "concept", old.concepts, new.concepts),
                        ("terms", "term", old.terms, new.terms)):
                    if not new_rows:
                        continue
                    there = {r["id"] for r in old_rows}
                    names = list(new_rows[0])
                    sets = ", ".join(f"{n} = ?" for n in names if n != "id")
                    self.db.conn.executemany(
                        f"UPDATE {table} SET {sets} WHERE id = ?",
                        ([r[n] for n in names if n != "id"] + [r["id"]]
                         for r in new_rows if r["id"] in there))
                    back = [r for r in new_rows if r["id"] not in there]
                    self.db.conn.executemany(
                        f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                        f"({', '.join('?' * len(names))})", ([r[n] for n in names] for r in back))
                    self.db.conn.executemany(
                        "DELETE FROM team_tombstones WHERE kind = ? AND uid = ?",
                        ([kind, r["uid"]] for r in back if r.get("uid")))
        except sqlite3.IntegrityError as exc:
            raise GlossaryError(_("the glossary changed meanwhile: nothing was undone or "
                                  "redone")) from exc
        self.glossary.revision += 1
