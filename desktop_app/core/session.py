"""An editing session over one project: what the editor window does, without Qt.

The GUI hands every user action to this class, so the logic is tested without a
display (the Mu pattern). It owns the project connection of the GUI thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core import languages, qa, qa_length
from desktop_app.core.backup import make_backup, safe_name
from desktop_app.core.documents.base import reattach_tags, strip_tags
from desktop_app.core.documents.registry import FileFilter, output_extensions
from desktop_app.core.errors import InputError, TarjumanError
from desktop_app.core.exports import export, export_filters, layout_notes
from desktop_app.core.glossary.editor import GlossaryChanges, GlossaryEditor
from desktop_app.core.glossary.library import open_for_project
from desktop_app.core.glossary.matcher import Hit, Matcher
from desktop_app.core.glossary.qa import Finding, GlossaryQA
from desktop_app.core.glossary.store import STATUSES, Concept, GlossarySet, Term
from desktop_app.core.history import Step, UndoLog
from desktop_app.core.i18n import _, ngettext, number
from desktop_app.core.notes import has_notes
from desktop_app.core.paths import sub_dir
from desktop_app.core.project import SUFFIX, Project
from desktop_app.core.qa import profiles as qa_profiles
from desktop_app.core.qa import review as qa_review
from desktop_app.core.reshape import Shape, join_rows, split_rows
from desktop_app.core.review import ReviewReport, read_review
from desktop_app.core.segments import Segment, State, Status
from desktop_app.core.settings import Settings
from desktop_app.core.sqlitetx import writing
from desktop_app.core.textnorm import fold, match_key
from desktop_app.core.tm import Match, TranslationMemory


class SessionError(TarjumanError):
    pass


@dataclass(slots=True)
class Changes:
    """What one session call changed, so the window repaints just that."""

    rows: list[int] = field(default_factory=list)
    tm_added: int = 0
    tm_removed: int = 0
    glossary: GlossaryChanges | None = None  # the glossary step behind it, if any
    shape: bool = False  # segments were split or joined: the rows are not the same rows

    def __bool__(self) -> bool:
        return bool(self.rows or self.tm_added or self.tm_removed or self.glossary
                    or self.shape)


FILTERS = ("all", "untranslated", "mt", "edited", "confirmed", "qa", "low-confidence")


@dataclass(slots=True)
class TermHit:
    hit: Hit
    targets: list[str]  # allowed target terms, preferred first
    terms: list[Term] = field(default_factory=list)  # every target term, forbidden too
    note: str = ""  # the concept's note
    concept: Concept | None = None  # its concept: definitions, subject, contexts


def new_project_path(document: Path) -> Path:
    """A free project file name in the data dir's projects folder."""
    folder = sub_dir("projects")
    stem, suffix = safe_name(document.stem), safe_name(document.suffix.lstrip("."), "")
    path = folder / f"{stem}.{suffix}{SUFFIX}"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.{suffix}{SUFFIX}"
        n += 1
    return path


def _document_key(document: Path) -> str:
    return str(document.expanduser().resolve())


def is_project_file(path: Path) -> bool:
    """Whether ``path`` names a project (``.tarjuman``) rather than a document."""
    return path.suffix == SUFFIX


def find_project(document: Path, target_lang: str) -> Path | None:
    """The newest project made from this document file into this language, if any."""
    key, target = _document_key(document), languages.get(target_lang).code
    found: list[tuple[float, Path]] = []
    for path in sub_dir("projects").glob(f"*{SUFFIX}"):
        try:
            project = Project.open(path)
        except TarjumanError:
            continue
        try:
            if project.get_meta("source_path") == key and project.target_lang == target:
                found.append((path.stat().st_mtime, path))
        finally:
            project.close()
    return max(found)[1] if found else None


def import_document(document: Path, target_lang: str, source_lang: str = "en",
                    path: Path | None = None, retarget: bool = True) -> Path:
    """Import a document into a new project file (closed again); returns its path. Runs
    in a background job: it opens and closes its own connection. The window retargets a
    file made for another language (and says so once it is open)."""
    project = Project.create(document, target_lang, source_lang=source_lang,
                             path=path or new_project_path(document), retarget=retarget)
    try:
        project.set_meta("source_path", _document_key(document))
    finally:
        project.close()
    return project.path


@dataclass(slots=True)
class ExportCheck:
    unreviewed_mt: int
    empty: int
    layout: tuple[str, ...] = ()  # translated text that no longer fits (slides)

    def warning(self) -> str:
        parts = []
        if self.unreviewed_mt:
            parts.append(ngettext("{n} segment is unreviewed machine translation",
                                  "{n} segments are unreviewed machine translation",
                                  self.unreviewed_mt).format(n=number(self.unreviewed_mt)))
        if self.empty:
            parts.append(ngettext("{n} segment has no translation (the source is kept)",
                                  "{n} segments have no translation (the source is kept)",
                                  self.empty).format(n=number(self.empty)))
        parts.extend(self.layout)
        return "; ".join(parts)


@dataclass(slots=True)
class Snapshot:
    """What the editor reads when it opens a project, read by a background job (its own
    connections) so the window does not wait: segments, the glossary matcher, the
    target's spell checker (None: spelling off) and QA, spelling included."""

    segments: list[Segment]
    matcher: Matcher
    findings: dict[int, list[Finding]]
    spell: Any = None
    glossary_qa: GlossaryQA | None = None  # built there too: the first edit need not wait
    block_meta: dict[str, dict[str, Any]] | None = None  # each block's notes and limits
    noted_blocks: frozenset[str] | None = None


def snapshot(path: Path) -> Snapshot:
    """Back up the project and read it whole, off the GUI thread."""
    from desktop_app.core.spell.vocabulary import checker_for_session

    project = Project.open(path)  # checked before anything else reads it
    try:
        make_backup(path, Settings.load().backups_keep)
    except BaseException:
        project.close()
        raise
    session = EditSession(project)
    try:
        session.set_spell(checker_for_session(session))
        return Snapshot(session.segments, session.matcher, session.findings, session.spell,
                        session.glossary_qa, session.block_meta, session.noted_blocks)
    finally:
        session.close()


class EditSession:
    def __init__(self, project: Project, glossaries: GlossarySet | None = None,
                 tm: TranslationMemory | None = None, read: Snapshot | None = None,
                 qa: bool = True):
        self.project = project
        self._glossaries = glossaries
        self._glossary_editor: GlossaryEditor | None = None
        self.qa_enabled = qa  # off for the CLI: its edits need no findings
        self.tm = tm or TranslationMemory()
        self.author = Settings.load().user_name()  # who confirms, in the TM
        self._matcher = read.matcher if read else None
        self._glossary_qa: GlossaryQA | None = read.glossary_qa if read else None
        self._block_meta = read.block_meta if read else None
        self._noted = read.noted_blocks if read else None
        self.spell: Any = None  # the target's SpellChecker, once set_spell gave one
        self.spell_ready = read is not None  # a snapshot brings its checker (or None)
        self.segments: list[Segment] = []
        self.row_of: dict[int, int] = {}
        self.findings: dict[int, list[Finding]] = {}
        self.history = UndoLog(project)
        self._keys: list[str] = []
        self._threshold: float | None = None  # mt_low_confidence, read when first needed
        self._qa_profile: qa_profiles.Profile | None = None
        self._checker: qa_review.Checker | None = None
        self.ignored: qa_review.Ignored = project.ignored()
        if read is None:
            self.reload(with_qa=qa)
        else:
            self.segments, self.findings = read.segments, read.findings
            self.spell = read.spell
            self.row_of = {seg.id: row for row, seg in enumerate(self.segments)}

    @classmethod
    def open(cls, path: Path, read: Snapshot | None = None) -> EditSession:
        """Open a project; with a snapshot read by a background job (which also made the
        backup and checked the file), only the connections are opened here."""
        project = Project.open(path, checked=read is not None)
        if read is None:
            make_backup(path, Settings.load().backups_keep)
        return cls(project, read=read)

    @classmethod
    def from_document(cls, document: Path, target_lang: str, source_lang: str = "en",
                      path: Path | None = None) -> EditSession:
        return cls(Project.open(import_document(document, target_lang, source_lang, path)))

    @classmethod
    def for_document(cls, document: Path, target_lang: str,
                     source_lang: str = "en") -> tuple[EditSession, bool]:
        """The document's existing project into this language (continued, True), or a new
        one (False): reopening a document never starts over."""
        existing = find_project(document, target_lang)
        if existing is not None:
            return cls.open(existing), True
        return cls.from_document(document, target_lang, source_lang), False

    def close(self) -> None:
        self.project.close()
        self.tm.close()
        self.glossaries.close()

    # -- state -------------------------------------------------------------------------

    # The glossaries open when first needed: the CLI's edits and confirmations never wait
    # for them.

    @property
    def glossaries(self) -> GlossarySet:
        if self._glossaries is None:
            self._glossaries = open_for_project(self.project.path)
        return self._glossaries

    @property
    def glossary_editor(self) -> GlossaryEditor:
        """The one door to the project glossary: its steps are undone in the glossary
        manager (Ctrl+Z there), not by the project's undo."""
        if self._glossary_editor is None:
            self._glossary_editor = GlossaryEditor(self.glossaries.writable)
        return self._glossary_editor

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.project.source_lang, self.glossaries.concepts())
        return self._matcher

    @property
    def block_meta(self) -> dict[str, dict[str, Any]]:
        """Each block's meta as its importer stored it (notes, limits, cues), by block id:
        read once, as blocks do not change while a project is open."""
        if self._block_meta is None:
            self._block_meta = self.project.block_meta()
        return self._block_meta

    @property
    def noted_blocks(self) -> frozenset[str]:
        """The blocks the grid marks as having notes of their own."""
        if self._noted is None:
            self._noted = frozenset(bid for bid, meta in self.block_meta.items()
                                    if has_notes(meta))
        return self._noted

    @property
    def glossary_qa(self) -> GlossaryQA:
        if self._glossary_qa is None:
            self._glossary_qa = self._make_glossary_qa()
        return self._glossary_qa

    def _make_glossary_qa(self) -> GlossaryQA:
        return GlossaryQA(self.matcher.concepts.values(), self.project.source_lang,
                          self.project.target_lang)

    def reload(self, *, with_qa: bool = True) -> None:
        """Read every segment again (results of a background job); QA can wait for the end."""
        self.segments = self.project.segments()
        self.row_of = {s.id: row for row, s in enumerate(self.segments)}
        if with_qa:
            self.run_qa()

    def refresh(self, segment_id: int, *, with_qa: bool = True) -> int:
        row = self.row_of[segment_id]
        self.segments[row] = self.project.segment(segment_id)
        if with_qa and self.qa_enabled:
            self.run_qa(row)
        return row

    def adopt_findings(self, findings: dict[int, list[Finding]]) -> None:
        """QA computed by a background job over the same rows."""
        self.findings = findings

    @property
    def qa_profile(self) -> qa_profiles.Profile:
        """The project's QA profile (its own copy, else the shipped default)."""
        if self._qa_profile is None:
            self._qa_profile = qa_profiles.for_project(self.project)
        return self._qa_profile

    @property
    def checker(self) -> qa_review.Checker:
        if self._checker is None:
            self._checker = qa_review.Checker(self.qa_profile, self.project.source_lang,
                                              self.project.target_lang,
                                              glossary=self.glossary_qa,
                                              limits=qa_review.block_limits(self.project))
        self._checker.spell = self.spell
        return self._checker

    def run_qa(self, row: int | None = None) -> None:
        """The findings of the QA panel (untranslated rows and ignored findings left out);
        one row is checked again with every row its consistency touches."""
        checker = self.checker
        rows: set[int] | None = None
        if row is None:
            self.findings.clear()
        else:
            rows = checker.consistency_rows(row) | {row}
            checker.update_key(self.segments, row)
            rows |= checker.consistency_rows(row)
        found = checker.run(self.segments, rows)
        for r in (range(len(self.segments)) if rows is None else rows):
            seg = self.segments[r]
            extra = qa_length.for_row(self.project, self.segments, r) if seg.target else []
            kept = [f for f in [*found.get(r, []), *extra] if seg.target
                    and not qa_review.is_ignored(seg, f.code, self.ignored)]
            if kept:
                self.findings[r] = kept
            else:
                self.findings.pop(r, None)
        if row is None and len(self.segments) > 1:  # names spelt two ways across segments
            from desktop_app.core.names import consistency

            for f in consistency.check([(s.source, s.target) for s in self.segments],
                                       self.project.target_lang,
                                       concepts=self.matcher.concepts.values()):
                self.findings.setdefault(f.segment, []).append(f)
            from desktop_app.core.mt.confidence import low_confidence

            for f in low_confidence(self.segments, Settings.load().mt_low_confidence):
                self.findings.setdefault(f.segment, []).append(f)

    def review_items(self) -> list[qa_review.Item]:
        """Every finding of the project (untranslated and ignored ones too) with its
        severity: the QA report and the export's pre-flight."""
        self.ignored = self.project.ignored()
        found = self.checker.run(self.segments)
        return qa_review.items(self.segments, found, self.qa_profile, self.ignored)

    def preflight(self) -> qa_review.Preflight:
        """What an export would deliver unchecked: open errors, untranslated segments."""
        return qa_review.preflight(self.review_items(), self.segments)

    def confirm_blockers(self, row: int, text: str | None = None) -> list[Finding]:
        """The error-severity findings (tags, forbidden terms, numbers...) confirming
        ``text`` in ``row`` would approve, unless the translator ignored them."""
        seg = self.segments[row]
        candidate = Segment(seg.id, seg.block_id, seg.position, seg.source,
                            seg.target if text is None else text, seg.status, seg.origin)
        segments = [*self.segments[:row], candidate, *self.segments[row + 1:]]
        found = self.checker.run(segments, [row]).get(row, [])
        self.checker.update_key(self.segments, row)  # the candidate is not the project's
        return [f for f in found if self.qa_profile.severity(f.code) == qa_profiles.ERROR
                and not qa_review.is_ignored(candidate, f.code, self.ignored)]

    def ignore_finding(self, row: int, code: str) -> Changes:
        """Ignore the ``code`` finding(s) of a segment for its current source and target,
        in the project with who and when; a later change of either brings it back."""
        seg = self.segments[row]
        codes = {f.code for f in self.checker.run(self.segments, [row]).get(row, [])}
        if code not in codes:
            raise SessionError(_("Segment {n} has no {code} finding to ignore").format(
                n=seg.id, code=code))
        self.project.set_ignored(seg.id, code, qa_review.digest(seg.source, seg.target),
                                 self.author)
        self.ignored = self.project.ignored()
        self.run_qa(row)
        return Changes(rows=[row])

    def unignore_finding(self, row: int, code: str) -> Changes:
        seg = self.segments[row]
        if not self.project.remove_ignored(seg.id, code):
            raise SessionError(_("Segment {n} has no ignored {code} finding").format(
                n=seg.id, code=code))
        self.ignored = self.project.ignored()
        self.run_qa(row)
        return Changes(rows=[row])

    def set_qa_profile(self, profile: qa_profiles.Profile) -> Changes:
        """Use ``profile`` for this project from now on (kept in the project)."""
        self.project.set_meta(qa_profiles.META_KEY, profile.dumps())
        self._qa_profile, self._checker = profile, None
        if self.qa_enabled:
            self.run_qa()
        return Changes(rows=list(range(len(self.segments))))

    def set_spell(self, checker: Any) -> None:
        """Check spelling from now on (QA ``spelling``); confirmed segments teach it."""
        self.spell = checker
        if checker is None:
            return
        for r, seg in enumerate(self.segments):
            if seg.target and self.qa_profile.severity(qa.SPELLING) != qa_profiles.OFF:
                found = [f for f in qa.spelling([(seg.source, seg.target)], checker)
                         if not qa_review.is_ignored(seg, f.code, self.ignored)]
                if found:
                    self.findings[r] = self.findings.get(r, []) + found

    # -- editing: every change of the project goes through these -------------------------

    def _state(self, row: int) -> State:
        seg = self.segments[row]
        return (seg.target, seg.status.value, seg.origin)

    def _commit(self, step: Step, author: str | None = None) -> Changes:
        if not step.rows:
            return Changes()
        changes = Changes(rows=sorted({self.row_of[sid] for sid, _b, _a in step.rows}),
                          tm_added=len(step.tm))
        with writing(self.project.db):
            self.history.record(step)
            for source, target in step.tm:
                self.tm.add(source, target, self.project.source_lang,
                            self.project.target_lang, origin=self._tm_origin,
                            author=author or self.author)
        for row in changes.rows:
            self.refresh(self.segments[row].id)
        return changes

    @property
    def _tm_origin(self) -> str:
        return f"project:{self.project.path.name}"

    def _change(self, step: Step, row: int, text: str, status: Status, origin: str) -> None:
        before = self._state(row)
        after = (text, status.value, origin)
        if before != after:
            step.rows.append((self.segments[row].id, before, after))

    def edit(self, row: int, text: str) -> Changes:
        """The translator typed ``text``: saved at once as edited, one undo step."""
        seg = self.segments[row]
        if text == seg.target:
            return Changes()
        step = Step("edit")
        self._change(step, row, text, Status.EDITED, "user")
        return self._commit(step)

    def set_target(self, row: int, text: str, status: Status = Status.EDITED) -> Segment:
        """Kept for callers that want the segment back: an edit (or confirm) step."""
        if status == Status.CONFIRMED:
            self.confirm(row, text)
        elif status == Status.EDITED:
            self.edit(row, text)
        else:
            step = Step("edit")
            self._change(step, row, text, status, self.segments[row].origin)
            self._commit(step)
        return self.segments[row]

    def confirm(self, row: int, text: str | None = None, *, propagate: bool = True) -> Changes:
        """Approve the segment (with ``text`` if given), add it to the TM with its origin and
        fill every unconfirmed segment with the same source; one undo step for all."""
        seg = self.segments[row]
        target = seg.target if text is None else text
        if not target.strip():
            raise SessionError(_("There is no translation to confirm."))
        step = Step("confirm")
        origin = seg.origin if text is None or text == seg.target else "user"
        self._change(step, row, target, Status.CONFIRMED, origin)
        if self.spell is not None:
            self.spell.learn(target)
        if not self.tm.has(seg.source, target, self.project.source_lang,
                           self.project.target_lang):
            step.tm.append((seg.source, target))
        if propagate:
            self._propagate_into(step, row, target)
        return self._commit(step)

    def propagate(self, row: int) -> Changes:
        """Copy this confirmed translation to the unconfirmed segments with the same source."""
        step = Step("propagate")
        seg = self.segments[row]
        if seg.status == Status.CONFIRMED and seg.target:
            self._propagate_into(step, row, seg.target)
        return self._commit(step)

    def _source_key(self, row: int) -> str:
        """A segment's source folded for propagation (sources never change: kept)."""
        if len(self._keys) != len(self.segments):
            lang = self.project.source_lang
            self._keys = [fold(strip_tags(seg.source), lang) for seg in self.segments]
        return self._keys[row]

    def _propagate_into(self, step: Step, row: int, target: str) -> None:
        seg = self.segments[row]
        key = self._source_key(row)
        for other, candidate in enumerate(self.segments):
            if other == row or candidate.status == Status.CONFIRMED:
                continue
            if self._source_key(other) != key:
                continue
            text = target if candidate.source == seg.source else reattach_tags(
                candidate.source, strip_tags(target))
            self._change(step, other, text, Status.MT, f"propagated:{seg.id}")

    def unconfirm(self, row: int) -> Changes:
        """Back to edited (the text stays); the TM keeps the unit the translator approved."""
        seg = self.segments[row]
        if seg.status != Status.CONFIRMED:
            return Changes()
        step = Step("unconfirm")
        self._change(step, row, seg.target, Status.EDITED, seg.origin)
        return self._commit(step)

    # -- shaping segments: split and join ----------------------------------------------

    def split(self, row: int, offset: int) -> Changes:
        """Cut the segment at ``offset`` of its source (the caret): one undo step. The
        first part keeps the target, the second starts untranslated; export still writes
        the paragraph whole."""
        seg = self.segments[row]
        self._not_locked(seg.block_id)
        blocks = [seg.block_id]
        before = self.project.segment_rows(blocks)
        after = split_rows(before, seg.id, offset, self.project.next_segment_id())
        return self._reshape(Step("split", shape=Shape(blocks, before, after)))

    def can_join(self, row: int) -> bool:
        return self._join_partner(row) is not None

    def _join_partner(self, row: int) -> int | None:
        """The row of the next segment when it is in the same paragraph (or XLIFF unit)."""
        if not 0 <= row < len(self.segments) - 1:
            return None
        seg, nxt = self.segments[row], self.segments[row + 1]
        if nxt.block_id == seg.block_id or nxt.block_id in self.project.unit_blocks(
                seg.block_id):
            return row + 1
        return None

    def join(self, row: int) -> Changes:
        """Join the segment with the next one of its paragraph or unit: one undo step."""
        partner = self._join_partner(row)
        seg = self.segments[row]
        if partner is None:
            raise SessionError(_("Segment {n} is the last of its paragraph; only segments of "
                                 "one paragraph (or one XLIFF unit) can be joined").format(
                                     n=seg.id))
        other = self.segments[partner]
        blocks = list(dict.fromkeys([seg.block_id, other.block_id]))
        for block_id in blocks:
            self._not_locked(block_id)
        before = self.project.segment_rows(blocks)
        first = next(r for r in before if r["id"] == seg.id)
        second = next(r for r in before if r["id"] == other.id)
        merged = join_rows(first, second)
        after = []
        for r in before:
            if r["id"] == seg.id:
                after.append(merged)
            elif r["id"] != other.id:
                after.append(r)
        positions: dict[str, int] = {}
        for r in after:
            r["position"] = positions.get(r["block_id"], 0)
            positions[r["block_id"]] = r["position"] + 1
        return self._reshape(Step("join", shape=Shape(blocks, before, after)))

    def _not_locked(self, block_id: str) -> None:
        if self.project.meta_of(block_id).get("locked"):
            raise SessionError(_("This segment is locked in the client's file; it cannot be "
                                 "split or joined"))

    def _reshape(self, step: Step) -> Changes:
        self.history.record(step)
        assert step.shape is not None
        return self._reshaped(step.shape.after)

    def _reshaped(self, rows: list[dict[str, Any]]) -> Changes:
        """Read the segments again after their rows changed; the rows of ``rows``."""
        self._keys = []
        self.reload(with_qa=self.qa_enabled)
        return Changes(rows=sorted(self.row_of[r["id"]] for r in rows
                                   if r["id"] in self.row_of), shape=True)

    def can_undo(self) -> bool:
        return self.history.last_done() is not None

    def can_redo(self) -> bool:
        return self.history.first_undone() is not None

    def undo(self) -> Changes:
        step = self.history.last_done()
        return self._replay(step, undo=True) if step else Changes()

    def redo(self) -> Changes:
        step = self.history.first_undone()
        return self._replay(step, undo=False) if step else Changes()

    def _replay(self, step: Step, *, undo: bool) -> Changes:
        src, tgt = self.project.source_lang, self.project.target_lang
        with writing(self.project.db):
            self.history.apply(step, undo=undo)
            for source, target in step.tm:
                if undo:
                    self.tm.remove(source, target, src, tgt)
                else:
                    self.tm.add(source, target, src, tgt, origin=self._tm_origin,
                                author=self.author)
        if step.shape is not None:
            return self._reshaped(step.shape.before if undo else step.shape.after)
        known = [sid for sid, _b, _a in step.rows if sid in self.row_of]
        for sid in known:
            self.refresh(sid)
        return Changes(rows=sorted(self.row_of[sid] for sid in known),
                       tm_added=0 if undo else len(step.tm),
                       tm_removed=len(step.tm) if undo else 0)

    def set_note(self, row: int, note: str) -> Changes:
        """A comment on the segment (not part of undo: it is not translation)."""
        self.project.set_note(self.segments[row].id, note)
        self.refresh(self.segments[row].id)
        return Changes(rows=[row])

    def refresh_ids(self, segment_ids: Iterable[int]) -> Changes:
        """Segments changed by someone else (a background job): read just those again."""
        rows = [self.refresh(sid, with_qa=False) for sid in segment_ids if sid in self.row_of]
        return Changes(rows=sorted(rows))

    def row(self, segment_id: int) -> int:
        """The row of a segment number (as the CLI and exports show it)."""
        if segment_id not in self.row_of:
            raise SessionError(_("There is no segment {n} in {name}").format(
                n=segment_id, name=self.project.path.name))
        return self.row_of[segment_id]

    def next_unconfirmed(self, row: int) -> int | None:
        for r in list(range(row + 1, len(self.segments))) + list(range(0, row)):
            if self.segments[r].status != Status.CONFIRMED:
                return r
        return None

    # -- helpers for the panels ----------------------------------------------------------

    def glossary_hits(self, row: int) -> list[TermHit]:
        out = []
        for hit in self.matcher.find(strip_tags(self.segments[row].source)):
            concept = self.matcher.concepts[hit.concept_key]
            terms = [t.text for t in concept.terms_in(self.project.target_lang, "preferred",
                                                      "admitted")]
            if hit.term.dnt:
                terms = [hit.text]
            out.append(TermHit(hit, terms, concept.terms_in(self.project.target_lang),
                               concept.note, concept))
        return out

    def offers(self, row: int) -> list[TermHit]:
        """Dates and numbers of the source written the Afghan way, offered like terms."""
        from desktop_app.core.dates import insertions

        source = strip_tags(self.segments[row].source)
        return [TermHit(Hit(i.start, i.end, i.text, ("", 0),
                            Term(self.project.source_lang, i.text)), [target])
                for i in insertions(source, self.project.target_lang) for target in i.targets]

    def tm_matches(self, row: int) -> list[Match]:
        return self.tm.matches(self.segments[row].source, self.project.source_lang,
                               self.project.target_lang)

    def existing_concepts(self, source_text: str) -> list[Concept]:
        """Glossary entries whose source term is ``source_text`` (spelling variants folded):
        adding it again is offered as a variant instead."""
        plain = strip_tags(source_text).strip()
        return [self.matcher.concepts[h.concept_key] for h in self.matcher.find(plain)
                if h.span == (0, len(plain))]

    def add_term(self, source_text: str, target_text: str,
                 variant_of: Concept | None = None, *, status: str = "",
                 note: str = "") -> Changes:
        """A new entry, or a new target variant (admitted unless ``status`` says otherwise,
        "forbidden" included) of an entry of the project glossary; an entry of a read-only
        glossary is copied into the project's. ``note`` goes with the target term. One
        glossary step; ``changes.glossary`` names the concept."""
        if status and status not in STATUSES:
            raise InputError(_("unknown term status {status}; use one of {statuses}").format(
                status=status, statuses=", ".join(STATUSES)))
        writable, editor = self.glossaries.writable, self.glossary_editor
        target = Term(self.project.target_lang, target_text.strip(),
                      status=status or ("admitted" if variant_of else "preferred"),
                      note=note.strip())
        if variant_of is not None and variant_of.glossary == writable.name and variant_of.id:
            changes = editor.add_term(variant_of.id, target)
        elif variant_of is not None:
            changes = editor.add_concept(Concept(
                [*variant_of.terms, target], variant_of.domain, variant_of.note))
        else:
            changes = editor.add_concept(Concept([
                Term(self.project.source_lang, source_text.strip()), target],
                note=note.strip()))
        return self.glossary_changed(changes)

    def glossary_changed(self, changes: GlossaryChanges) -> Changes:
        """After a glossary step (Ctrl+T, the glossary manager, its undo, a team sync): the
        term matcher and the glossary QA follow; returns the rows whose findings changed."""
        if not changes:
            return Changes()
        by_name = {g.name: g for g in self.glossaries.glossaries}
        glossary = by_name.get(changes.glossary)
        if self._matcher is None or glossary is None or changes.other \
                or len(changes.concepts) > 1000:
            self._matcher = None  # read again, whole, when next needed
        else:
            for cid in changes.removed:
                self._matcher.remove((glossary.name, cid))
            for cid in [*changes.added, *changes.edited]:
                self._matcher.add(glossary.get(cid))
        self._glossary_qa = None
        self._checker = None
        shown = {row: [(f.code, f.message) for f in found]
                 for row, found in self.findings.items()}
        self.run_qa()
        rows = [row for row in range(len(self.segments))
                if shown.get(row, []) != [(f.code, f.message)
                                          for f in self.findings.get(row, [])]]
        return Changes(rows=rows, glossary=changes)

    def added_concept(self, changes: Changes) -> Concept:
        """The concept an :meth:`add_term` wrote (new, or the one it added a variant to)."""
        if changes.glossary is None or not (changes.glossary.added or changes.glossary.edited):
            raise SessionError(_("no term was added"))
        ids = changes.glossary.added or changes.glossary.edited
        return self.glossaries.writable.get(ids[0])

    def rebuild_matcher(self) -> None:
        self._matcher = Matcher(self.project.source_lang, self.glossaries.concepts())
        self._glossary_qa = None
        self._checker = None
        self.run_qa()

    # -- filters and find ----------------------------------------------------------------

    def matches_filter(self, row: int, mode: str) -> bool:
        status = self.segments[row].status
        return {
            "all": True,
            "untranslated": status == Status.NEW,
            "mt": status == Status.MT,
            "edited": status == Status.EDITED,
            "confirmed": status == Status.CONFIRMED,
            "qa": row in self.findings,
            "low-confidence": self._low_confidence(row) if mode == "low-confidence" else False,
        }[mode]

    def _low_confidence(self, row: int) -> bool:
        """Unreviewed MT the model was unsure of (under the setting mt_low_confidence)."""
        seg = self.segments[row]
        if self._threshold is None:
            self._threshold = Settings.load().mt_low_confidence
        return (seg.status == Status.MT and seg.confidence is not None
                and seg.confidence < self._threshold)

    def pattern(self, query: str, regex: bool, match_case: bool = False,
                 whole_word: bool = False, folded: bool = True) -> re.Pattern[str]:
        body = query if regex else re.escape(match_key(query) if folded else query)
        if whole_word:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        try:
            return re.compile(body, 0 if match_case else re.IGNORECASE)
        except re.error as exc:
            raise InputError(_("Bad regular expression: {error}").format(error=exc)) from exc

    def find(self, query: str, *, in_source: bool = True, in_target: bool = True,
             regex: bool = False, match_case: bool = False,
             whole_word: bool = False) -> list[int]:
        """Rows whose source or target matches; spelling variants are folded unless the
        search is a regular expression or case-sensitive."""
        if not query:
            return []
        folded = not (regex or match_case)
        pattern = self.pattern(query, regex, match_case, whole_word, folded)
        rows = []
        for row, seg in enumerate(self.segments):
            texts = ([seg.source] if in_source else []) + ([seg.target] if in_target else [])
            for text in texts:
                plain = strip_tags(text)
                if pattern.search(match_key(plain) if folded else plain):
                    rows.append(row)
                    break
        return rows

    def _replacer(self, query: str, regex: bool, match_case: bool,
                  whole_word: bool) -> re.Pattern[str]:
        return self.pattern(query, regex, match_case, whole_word, folded=False)

    def replace_one(self, row: int, query: str, replacement: str, *, regex: bool = False,
                    match_case: bool = True, whole_word: bool = False) -> Changes:
        """Replace the first hit in one target (one undo step)."""
        if not query:
            return Changes()
        pattern = self._replacer(query, regex, match_case, whole_word)
        seg = self.segments[row]
        new = pattern.sub(replacement, seg.target, count=1)
        return self.edit(row, new) if new != seg.target else Changes()

    def replace_all(self, query: str, replacement: str, *, regex: bool = False,
                    match_case: bool = True, whole_word: bool = False) -> Changes:
        """Replace in every target: one undo step for all of them."""
        if not query:
            return Changes()
        pattern = self._replacer(query, regex, match_case, whole_word)
        step = Step("replace")
        for row, seg in enumerate(self.segments):
            if seg.target and pattern.search(seg.target):
                self._change(step, row, pattern.sub(replacement, seg.target), Status.EDITED,
                             "user")
        return self._commit(step)

    def edit_many(self, texts: Mapping[int, str], kind: str = "edit") -> Changes:
        """New targets for many rows (row -> text): one undo step for all of them."""
        step = Step(kind)
        for row, text in sorted(texts.items()):
            self._change(step, row, text, Status.EDITED, "user")
        return self._commit(step)

    # -- view state and export -------------------------------------------------------------

    def save_view(self, row: int, filter_mode: str) -> None:
        self.project.set_meta("ui.row", str(row))
        self.project.set_meta("ui.filter", filter_mode)

    def load_view(self) -> tuple[int, str]:
        row = int(self.project.get_meta("ui.row", "0") or 0)
        mode = self.project.get_meta("ui.filter", "all")
        return min(row, max(0, len(self.segments) - 1)), mode if mode in FILTERS else "all"

    def original_path(self) -> Path | None:
        key = self.project.get_meta("source_path")
        return Path(key) if key else None

    def suggest_export_path(self, bilingual: bool = False) -> Path:
        """NAME.fa-AF.docx (NAME.ps.docx...) beside the original document, or beside the
        project when the original's folder is unknown."""
        name = Path(self.project.document()[0])
        original = self.original_path()
        folder = original.parent if original is not None else self.project.path.parent
        tag = languages.get(self.project.target_lang).bcp47
        _, fmt, _d = self.project.document()
        own = output_extensions(fmt)  # a PDF comes back as docx
        suffix = ".docx" if bilingual else (
            name.suffix if name.suffix.lower() in own else own[0])
        middle = f"{tag}.bilingual" if bilingual else tag
        return folder / f"{name.stem}.{middle}{suffix}"

    def export_filters(self, bilingual: bool = False) -> list[FileFilter]:
        """The types the export dialog offers for this project's document."""
        return export_filters(self.project.document()[1], bilingual=bilingual)

    def check_export(self, path: Path) -> ExportCheck:
        """Refuse to write over the imported original; count what the reader will meet
        unreviewed."""
        original = self.original_path()
        if original is not None and path.expanduser().resolve() == original:
            raise SessionError(_("{name} is the original document; choose another name "
                                 "so it is not overwritten").format(name=path.name))
        mt = sum(1 for seg in self.segments if seg.status == Status.MT)
        empty = sum(1 for seg in self.segments if not seg.target)
        return ExportCheck(mt, empty, tuple(layout_notes(self.project, path)))

    def export(self, path: Path, *, fallback: str = "mt", bilingual: bool = False) -> str:
        self.check_export(path)
        return export(self.project, path, fallback=fallback, bilingual=bilingual)

    def import_review(self, path: Path, *, confirm: bool = False,
                      reviewer: str | None = None) -> ReviewReport:
        """A reviewed file (review docx or XLIFF) back into the project; all or nothing,
        and one undo step: undo takes back every target the reviewer changed and the TM
        units its confirmations added (comments stay, as comments are not undone)."""
        report = read_review(self.project, path, confirm=confirm, reviewer=reviewer)
        step = Step("import-review")
        origin = f"review:{report.reviewer}"
        src, tgt = self.project.source_lang, self.project.target_lang
        for change in report.changes:
            row = self.row_of[change.segment_id]
            if change.target_changed:
                self._change(step, row, change.new_target, change.new_status, origin)
                source = self.segments[row].source
                if (change.new_status is Status.CONFIRMED and change.new_target
                        and not self.tm.has(source, change.new_target, src, tgt)):
                    step.tm.append((source, change.new_target))
        with writing(self.project.db):
            for change in report.changes:
                if change.note_changed:
                    self.project.set_note(change.segment_id, change.new_note)
            self._commit(step, author=report.reviewer)
        self.reload(with_qa=self.qa_enabled)
        return report
