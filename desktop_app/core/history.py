"""Undo and redo kept in the project file: each user action is one step holding every
segment's state before and after, and the translation-memory units it added. Undo writes
the "before" states back (the history table logs those writes like any other) and takes
the units out of the TM; redo does the opposite. A new step drops the undone ones.

A split or join (:mod:`reshape`) changes the segment rows themselves: its step holds a
:class:`Shape`, the rows of the paragraph before and after, and undo/redo put back the
one or the other whole (same segment ids, so the steps around it still apply)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from desktop_app.core.project import Project
from desktop_app.core.reshape import Shape
from desktop_app.core.segments import State, Status
from desktop_app.core.sqlitetx import writing

SHAPING = ("split", "join")  # steps that change segment rows


@dataclass(slots=True)
class Step:
    kind: str
    rows: list[tuple[int, State, State]] = field(default_factory=list)  # id, before, after
    tm: list[tuple[str, str]] = field(default_factory=list)  # (source, target) added
    id: int = 0
    shape: Shape | None = None  # a split or join: the rows before and after


@dataclass(slots=True)
class StepInfo:
    """One step as the history lists it: what it did, to how many segments, when, and
    whether it is undone."""

    id: int
    kind: str
    segments: int
    tm_units: int
    undone: bool
    time: float


class UndoLog:
    def __init__(self, project: Project):
        self.project = project
        self.db = project.db

    def record(self, step: Step) -> None:
        """Write the step's "after" states and remember the step (one transaction)."""
        with writing(self.db):
            if step.shape is not None:
                self.project.replace_rows(step.shape.blocks, step.shape.after)
            for segment_id, _before, (target, status, origin) in step.rows:
                self.project.set_target(segment_id, target, status=Status(status),
                                        origin=origin)
            self._remember(step)

    def record_done(self, step: Step) -> None:
        """Remember a step whose "after" states are already written (a pretranslation
        stores its batches as it goes): one undo step for all of it."""
        if step.rows:
            with writing(self.db):
                self._remember(step)

    def _remember(self, step: Step) -> None:
        self.db.execute("DELETE FROM steps WHERE undone = 1")  # a new step drops the redo
        step.id = int(self.db.table("steps").insert({
            "kind": step.kind, "rows": json.dumps(step.rows, ensure_ascii=False),
            "tm": json.dumps(step.tm, ensure_ascii=False), "undone": 0,
            "time": time.time(),
            "shape": None if step.shape is None else json.dumps(step.shape.as_json(),
                                                                ensure_ascii=False),
        }).last_pk or 0)

    def _load(self, row: tuple[int, str, str, str, str | None]) -> Step:
        sid, kind, rows, tm, shape = row
        return Step(kind, [(r[0], tuple(r[1]), tuple(r[2])) for r in json.loads(rows)],
                    [tuple(p) for p in json.loads(tm)], sid,
                    Shape.from_json(json.loads(shape)) if shape else None)

    def last_done(self) -> Step | None:
        row = self.db.execute("SELECT id, kind, rows, tm, shape FROM steps WHERE undone = 0 "
                              "ORDER BY id DESC LIMIT 1").fetchone()
        return self._load(row) if row else None

    def first_undone(self) -> Step | None:
        row = self.db.execute("SELECT id, kind, rows, tm, shape FROM steps WHERE undone = 1 "
                              "ORDER BY id LIMIT 1").fetchone()
        return self._load(row) if row else None

    def apply(self, step: Step, *, undo: bool) -> None:
        """Write the step's states back (before for undo, after for redo) and flag it."""
        with writing(self.db):
            if step.shape is not None:
                shape = step.shape
                self.project.replace_rows(shape.blocks, shape.before if undo else shape.after)
            for segment_id, before, after in (reversed(step.rows) if undo else step.rows):
                target, status, origin = before if undo else after
                self.project.set_target(segment_id, target, status=Status(status),
                                        origin=origin)
            self.db.execute("UPDATE steps SET undone = ? WHERE id = ?", [int(undo), step.id])

    def listing(self, limit: int = 200) -> list[StepInfo]:
        """The newest steps first (``project history``)."""
        rows = self.db.execute("SELECT id, kind, rows, tm, undone, time FROM steps "
                               "ORDER BY id DESC LIMIT ?", [limit]).fetchall()
        return [StepInfo(sid, kind, len(json.loads(changed)) or int(kind in SHAPING),
                         len(json.loads(tm)),
                         bool(undone), float(when))
                for sid, kind, changed, tm, undone, when in rows]
