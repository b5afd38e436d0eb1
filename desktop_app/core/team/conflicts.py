"""Team conflicts: the same field changed by two people between syncs. The hub kept the
later write; each conflict is listed until someone keeps it or takes the other value back
(a normal edit that syncs); the resolution reaches the hub with the next sync."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.glossary.store import Glossary
from desktop_app.core.i18n import _
from desktop_app.core.settings import Settings
from desktop_app.core.sqlitetx import writing
from desktop_app.core.team import glossary_sync
from desktop_app.core.team.hub import TeamError
from desktop_app.core.team.state import shared_glossaries


@dataclass(slots=True)
class Conflict:
    id: int
    glossary: str
    kind: str
    field: str
    kept: str
    other: str
    kept_author: str
    other_author: str
    at: float
    label: str  # the term or concept it is about


def conflicts(settings: Settings | None = None, *, include_resolved: bool = False
              ) -> list[Conflict]:
    settings = settings or Settings.load()
    out: list[Conflict] = []
    for path, name in shared_glossaries(settings):
        if not Path(path).exists():
            continue
        g = Glossary(path, name=name)
        try:
            rows = g.db.execute(
                "SELECT k.id, k.kind, k.field, k.kept, k.other, k.kept_author, k.other_author, "
                "k.at, coalesce(t.text, c.note, '') FROM team_conflicts k LEFT JOIN terms t ON "
                "t.uid = k.uid LEFT JOIN concepts c ON c.uid = k.uid "
                + ("" if include_resolved else "WHERE NOT k.resolved ") + "ORDER BY k.at"
            ).fetchall()
        finally:
            g.close()
        out += [Conflict(r[0], name, r[1], r[2], r[3] or "", r[4] or "", r[5] or "", r[6] or "",
                         float(r[7] or 0), r[8] or "") for r in rows]
    return out


def resolve(conflict_id: int, *, use_other: bool = False) -> None:
    """Mark a conflict resolved (on the hub at the next sync); ``use_other`` writes the
    other value into the term first, as a normal (synced) edit."""
    settings = Settings.load()
    for path, name in shared_glossaries(settings):
        g = Glossary(path, name=name)
        try:
            row = g.db.execute("SELECT kind, uid, field, other FROM team_conflicts WHERE id = ?",
                               [conflict_id]).fetchone()
            if row is None:
                continue
            if use_other:
                _write_field(g, row[0], row[1], row[2], row[3])
            with writing(g.db):
                g.db.execute("UPDATE team_conflicts SET resolved = 1, pushed = 0 WHERE id = ?",
                             [conflict_id])
            return
        finally:
            g.close()
    raise TeamError(_("no conflict with id {id}").format(id=conflict_id))


def _write_field(g: Glossary, kind: str, uid: str, field_name: str, value: str) -> None:
    table = glossary_sync.TABLES[kind]
    row = g.db.execute(f"SELECT id FROM {table} WHERE uid = ?", [uid]).fetchone()
    if row is None:
        raise TeamError(_("that term was deleted meanwhile"))
    typed: Any = value in ("True", "1") if field_name in glossary_sync.BOOLS else value
    if kind == "term":
        g.update_term(int(row[0]), **{field_name: typed})
    elif field_name in ("domain", "note"):
        g.update_concept(int(row[0]), **{field_name: typed})
