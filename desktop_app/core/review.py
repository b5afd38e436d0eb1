"""Bringing a reviewed file back into its project: the review docx (see :mod:`bilingual`),
the project's own fresh XLIFF, or the client's XLIFF the project was made from.

Everything is checked before anything is written: a file from another project, with a
different number of segments or with segment ids the project does not have is refused
with one line and the project is left as it was. The editing session then applies it in
one transaction and one undo step: changed targets become "edited" (or "confirmed"),
statuses the file sets are taken, comments go into the segment notes, and every change is
a history entry naming the reviewer.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.bilingual import read_review_docx
from desktop_app.core.documents.base import TAG, DocumentError, read_file, reattach_tags
from desktop_app.core.documents.registry import FileFilter, patterns
from desktop_app.core.documents.xliff import Xliff
from desktop_app.core.documents.xliff_states import read_status
from desktop_app.core.i18n import _
from desktop_app.core.project import Project
from desktop_app.core.segments import Segment, Status
from desktop_app.core.worddiff import marked, word_diff
from desktop_app.core.xliff_export import by_block, project_id, read_fresh


class ReviewError(DocumentError):
    pass


@dataclass(slots=True)
class Returned:
    """One segment as the review file has it; None where the file says nothing."""

    segment_id: int
    target: str
    status: Status | None = None
    note: str | None = None


@dataclass(slots=True)
class Change:
    segment_id: int
    old_target: str
    new_target: str
    old_status: Status
    new_status: Status
    old_note: str
    new_note: str

    @property
    def target_changed(self) -> bool:
        return self.old_target != self.new_target or self.old_status != self.new_status

    @property
    def note_changed(self) -> bool:
        return self.old_note != self.new_note

    def target_diff(self) -> list[tuple[str, str]]:
        """What the reviewer removed and added, word by word (empty: same text)."""
        if self.old_target == self.new_target:
            return []
        return word_diff(self.old_target, self.new_target)


@dataclass(slots=True)
class ReviewReport:
    file: str
    reviewer: str
    segments: int
    changes: list[Change] = field(default_factory=list)

    @property
    def targets(self) -> int:
        return sum(1 for c in self.changes if c.target_changed)

    @property
    def notes(self) -> int:
        return sum(1 for c in self.changes if c.note_changed)

    def lines(self) -> list[str]:
        out = []
        for c in self.changes:
            if c.target_changed:
                diff = c.target_diff()  # [-removed-]{+added+}, or the text kept
                out.append(_("segment {n}: {old} -> {new}: {text}").format(
                    n=c.segment_id, old=c.old_status.value, new=c.new_status.value,
                    text=marked(diff) if diff else c.new_target[:70]))
            if c.note_changed:
                out.append(_("segment {n}: comment: {text}").format(n=c.segment_id,
                                                                    text=c.new_note[:70]))
        out.append(_("{file}: {targets} target(s) and {notes} comment(s) changed of "
                     "{segments} segments, reviewed by {who}").format(
            file=self.file, targets=self.targets, notes=self.notes, segments=self.segments,
            who=self.reviewer))
        return out


def _from_docx(project: Project, data: bytes, name: str) -> tuple[str, list[Returned], str]:
    pid, rows, who = read_review_docx(data, name)
    statuses = {s.value: s for s in Status}
    return pid, [Returned(r.segment_id, r.target, statuses.get(r.status.strip().lower()),
                          r.comment)
                 for r in rows], who


def _from_client_xliff(project: Project, data: bytes, name: str) -> list[Returned]:
    """The client's XLIFF back from review: blocks matched by unit id, sources checked."""
    blocks = Xliff().load(data, name).blocks
    mine = by_block(project)
    if [b.id for b in blocks] != list(mine):
        raise ReviewError(_("{name}: its units are not this project's ({got} units, the "
                            "project has {want})").format(name=name, got=len(blocks),
                                                          want=len(mine)))
    out: list[Returned] = []
    for block in blocks:
        segs = mine[block.id]
        if block.text.strip() != "".join(s.lead + s.source + s.trail for s in segs).strip():
            raise ReviewError(_("{name}: unit {unit} has another source text than the "
                                "project's").format(name=name, unit=block.id))
        target = block.target.strip()
        status = Status(block.meta.get("status") or read_status(bool(target)).value)
        if status is Status.NEW:  # marked untranslated, or a copy of the source
            target = ""
        out.append(Returned(segs[0].id, target, status))
        out.extend(Returned(s.id, "", Status.NEW) for s in segs[1:])
    return out


REVIEW_EXTENSIONS = (".docx", *Xliff.extensions)  # the review table, or XLIFF


def review_filters() -> list[FileFilter]:
    """The types a dialog offers for a reviewed file to bring back."""
    return [FileFilter(_("Review files"), patterns(REVIEW_EXTENSIONS))]


def read_returned(project: Project, path: Path) -> tuple[list[Returned], str]:
    """What the review file says of each segment, and who reviewed it; refused with one
    line when the file is not this project's."""
    data = read_file(path)
    name = path.name
    who = ""
    if path.suffix.lower() == ".docx":
        pid, returned, who = _from_docx(project, data, name)
    elif path.suffix.lower() in Xliff.extensions:
        _doc_name, fmt, _orig = project.document()
        if fmt == "xliff":
            pid, returned = "", _from_client_xliff(project, data, name)
        else:
            pid, fresh = read_fresh(data, name)
            returned = [Returned(r.segment_id, r.target, r.status) for r in fresh]
    else:
        raise ReviewError(_("{name}: a review file is .docx or XLIFF").format(name=name))
    if pid and pid != project_id(project):
        raise ReviewError(_("{name} is the review file of another project").format(name=name))
    ids = [s.id for s in project.segments()]
    got = [r.segment_id for r in returned]
    if len(got) != len(ids):
        raise ReviewError(_("{name} has {got} segments, the project has {want}: not its "
                            "review file").format(name=name, got=len(got), want=len(ids)))
    if got != ids:
        stray = [str(i) for i in got if i not in set(ids)][:5] or [
            str(a) for a, b in zip(got, ids, strict=True) if a != b][:5]
        raise ReviewError(_("{name}: segment ids do not match the project's ({ids})").format(
            name=name, ids=", ".join(stray)))
    return returned, who


def _new_target(seg: Segment, text: str) -> str:
    """The reviewer's text; a target that lost all its tags gets the source's back."""
    if TAG.search(seg.source) and not TAG.search(text) and text.strip():
        return reattach_tags(seg.source, text)
    return text


def plan(project: Project, returned: list[Returned], *, confirm: bool) -> list[Change]:
    changes = []
    segments = {s.id: s for s in project.segments()}
    for r in returned:
        seg = segments[r.segment_id]
        text = r.target.strip()
        target = seg.target if text == seg.target.strip() else _new_target(seg, text)
        status = r.status or seg.status
        if target != seg.target:
            status = (Status.CONFIRMED if confirm or status is Status.CONFIRMED
                      else Status.EDITED) if target else Status.NEW
        elif status is not Status.NEW and not target:
            status = Status.NEW
        note = seg.note if r.note is None else r.note
        change = Change(seg.id, seg.target, target, seg.status, status, seg.note, note)
        if change.target_changed or change.note_changed:
            changes.append(change)
    return changes


def read_review(project: Project, path: Path, *, confirm: bool = False,
                reviewer: str | None = None) -> ReviewReport:
    """What the reviewed file changes, checked whole and written nowhere: the editing
    session applies it as one step (see ``EditSession.import_review``)."""
    returned, who = read_returned(project, path)
    who = reviewer or who or getpass.getuser()
    changes = plan(project, returned, confirm=confirm)
    return ReviewReport(path.name, who, len(returned), changes)
