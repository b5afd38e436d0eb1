"""Browse, search, edit and delete translation memory units: one door for every change.

:class:`TmEditor` is the TM's :class:`~desktop_app.core.session.EditSession`: each call
(edit, delete) is one transaction that returns :class:`TmChanges` and goes on an undo
stack; :meth:`TmEditor.undo` puts the units back as they were (same id, uid, author, date,
origin), :meth:`TmEditor.redo` does the step again. Search folds both sides the way TM
matching does (spelling variants, half-space = space = nothing: ``کتاب‌ها`` finds
``کتابها`` and ``کتاب ها``).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.errors import InputError, TarjumanError
from desktop_app.core.i18n import _
from desktop_app.core.sqlitetx import writing
from desktop_app.core.textnorm import match_key
from desktop_app.core.tm import TranslationMemory

SIDES = ("both", "source", "target")


@dataclass(slots=True)
class Unit:
    id: int
    source: str
    target: str
    source_lang: str
    target_lang: str
    origin: str
    author: str
    created: float

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "target": self.target,
                "source_lang": self.source_lang, "target_lang": self.target_lang,
                "origin": self.origin, "author": self.author, "created": self.created}


@dataclass(slots=True)
class TmChanges:
    """What one call changed: ids of units edited, deleted and restored (by an undo)."""

    edited: list[int] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)
    restored: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.edited or self.deleted or self.restored)


@dataclass(slots=True)
class _Step:
    before: list[dict[str, Any]]  # whole rows as they were (empty for none)
    after: list[dict[str, Any]]  # whole rows as they became (empty when deleted)


_COLUMNS = "id, source, target, source_lang, target_lang, origin, author, created"


def _unit(row: tuple[Any, ...]) -> Unit:
    return Unit(row[0], row[1], row[2], row[3], row[4], row[5] or "", row[6] or "",
                row[7] or 0.0)


class TmEditor:
    def __init__(self, tm: TranslationMemory | None = None):
        self._own = tm is None
        self.tm = tm if tm is not None else TranslationMemory()
        self.db = self.tm.db
        self.db.conn.create_function("tm_key", 2, _key, deterministic=True)
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []

    def close(self) -> None:
        if self._own:
            self.tm.close()

    def __enter__(self) -> TmEditor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------

    def _where(self, query: str, side: str, source_lang: str | None,
               target_lang: str | None) -> tuple[str, list[Any]]:
        if side not in SIDES:
            raise InputError(_("side must be one of {sides}").format(sides=", ".join(SIDES)))
        clauses, params = [], []
        if source_lang:
            clauses.append("source_lang = ?")
            params.append(languages.get(source_lang).code)
        if target_lang:
            clauses.append("target_lang = ?")
            params.append(languages.get(target_lang).code)
        if query.strip():
            found = []
            if side in ("both", "source"):
                found.append("instr(tm_key(source, source_lang), ?) > 0")
                params.append(match_key(query, languages.get(source_lang or "en").code))
            if side in ("both", "target"):
                found.append("instr(tm_key(target, target_lang), ?) > 0")
                params.append(match_key(query, languages.get(target_lang or "prs").code))
            clauses.append("(" + " OR ".join(found) + ")")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def search(self, query: str = "", *, side: str = "both", source_lang: str | None = None,
               target_lang: str | None = None, limit: int = 500,
               offset: int = 0) -> list[Unit]:
        """Units whose source or target (``side``) holds ``query`` (folded), newest first."""
        where, params = self._where(query, side, source_lang, target_lang)
        rows = self.db.execute(f"SELECT {_COLUMNS} FROM units{where} ORDER BY created DESC, "
                               "id DESC LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        return [_unit(r) for r in rows]

    def count(self, query: str = "", *, side: str = "both", source_lang: str | None = None,
              target_lang: str | None = None) -> int:
        where, params = self._where(query, side, source_lang, target_lang)
        return int(self.db.execute(f"SELECT count(*) FROM units{where}", params).fetchone()[0])

    def unit(self, unit_id: int) -> Unit:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM units WHERE id = ?",
                              [unit_id]).fetchone()
        if row is None:
            raise InputError(_("no translation memory unit {id}").format(id=unit_id))
        return _unit(row)

    # -- the door ------------------------------------------------------------------------

    def _rows(self, ids: list[int]) -> list[dict[str, Any]]:
        cursor = self.db.execute(f"SELECT * FROM units WHERE id IN ({','.join('?' * len(ids))})",
                                 ids)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def edit(self, unit_id: int, *, source: str | None = None,
             target: str | None = None) -> TmChanges:
        """Change a unit's source and/or target (empty text is refused)."""
        before = self._rows([unit_id])
        if not before:
            raise InputError(_("no translation memory unit {id}").format(id=unit_id))
        after = dict(before[0])
        if source is not None:
            after["source"] = source
            after["norm"] = match_key(strip_tags(source), after["source_lang"])
        if target is not None:
            after["target"] = target
        if not after["source"].strip() or not after["target"].strip():
            raise InputError(_("a translation memory unit needs a source and a target"))
        if after == before[0]:
            return TmChanges()
        step = _Step(before, [after])
        self._apply(step.before, step.after)
        self._undo.append(step)
        self._redo.clear()
        return TmChanges(edited=[unit_id])

    def delete(self, unit_ids: list[int]) -> TmChanges:
        before = self._rows(list(unit_ids))
        if not before:
            return TmChanges()
        step = _Step(before, [])
        self._apply(step.before, step.after)
        self._undo.append(step)
        self._redo.clear()
        return TmChanges(deleted=[r["id"] for r in before])

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> TmChanges:
        if not self._undo:
            return TmChanges()
        step = self._undo.pop()
        self._apply(step.after, step.before)
        self._redo.append(step)
        return self._changes(step.after, step.before)

    def redo(self) -> TmChanges:
        if not self._redo:
            return TmChanges()
        step = self._redo.pop()
        self._apply(step.before, step.after)
        self._undo.append(step)
        return self._changes(step.before, step.after)

    @staticmethod
    def _changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> TmChanges:
        if not new:
            return TmChanges(deleted=[r["id"] for r in old])
        if not old:
            return TmChanges(restored=[r["id"] for r in new])
        return TmChanges(edited=[r["id"] for r in new])

    def _apply(self, old: list[dict[str, Any]], new: list[dict[str, Any]]) -> None:
        """Replace rows ``old`` by rows ``new`` in one transaction (either may be empty)."""
        try:
            with writing(self.db):
                new_ids = {r["id"] for r in new}
                gone = [r["id"] for r in old if r["id"] not in new_ids]
                for i in range(0, len(gone), 500):
                    chunk = gone[i:i + 500]
                    self.db.execute(f"DELETE FROM units WHERE id IN ({','.join('?' * len(chunk))})",
                                    chunk)
                old_ids = {r["id"] for r in old}
                for row in new:
                    names = list(row)
                    if row["id"] in old_ids:
                        sets = ", ".join(f"{n} = ?" for n in names if n != "id")
                        self.db.execute(f"UPDATE units SET {sets} WHERE id = ?",
                                        [row[n] for n in names if n != "id"] + [row["id"]])
                    else:
                        self.db.execute(f"INSERT INTO units ({', '.join(names)}) VALUES "
                                        f"({', '.join('?' * len(names))})",
                                        [row[n] for n in names])
        except sqlite3.IntegrityError as exc:
            raise TarjumanError(_("the translation memory already holds that unit: nothing "
                                  "was changed")) from exc


def _key(text: str | None, language: str | None) -> str:
    return match_key(strip_tags(text or ""), language or "")
