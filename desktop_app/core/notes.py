"""A segment's notes from the file and its length limits, for the Notes panel and the CLI.

The importers store what the file says about each block in its meta
(:mod:`documents.block_notes`); here it is read back for one segment, split into
unit-level notes (about this unit) and file-level notes (about the whole file), and the
block's length limits are measured against a target (the one being typed, or the stored
one): an XLIFF character or byte limit, a subtitle's characters per line and reading speed
(from the settings ``subtitle_line`` and ``subtitle_cps``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.documents.base import strip_tags
from desktop_app.core.documents.block_notes import CUE, FILE, LIMIT, NOTES
from desktop_app.core.i18n import N_, Digits, Msg, _, isolate
from desktop_app.core.project import Project
from desktop_app.core.segments import Segment
from desktop_app.core.settings import Settings

# the subtitle limits when no settings are given (Netflix-style defaults)
LINE_CHARS = 42
READING_SPEED = 17.0


@dataclass(slots=True)
class Note:
    kind: str  # note, extracted, translator, context, comment, resname, cue
    text: str
    source: str = ""  # who wrote it, when the file says

    def label(self) -> str:
        """What the note is, in the UI language (with its writer when known)."""
        labels = {"note": _("Note"), "extracted": _("Developer comment"),
                  "translator": _("Translator comment"), "context": _("Context (msgctxt)"),
                  "comment": _("Word comment"), "resname": _("Resource name"),
                  "cue": _("Subtitle cue")}
        label = labels.get(self.kind, self.kind)
        return _("{label} from {source}").format(label=label, source=isolate(self.source)) \
            if self.source else label

    def as_json(self) -> dict[str, str]:
        return {"kind": self.kind, "text": self.text, "from": self.source}


@dataclass(slots=True)
class LimitUse:
    """One length limit and how much of it a target uses."""

    code: str  # "length" (characters or bytes), "line" (characters per line), "speed"
    limit: float
    used: float
    unit: str = "char"  # char, byte, cps
    seconds: float = 0.0  # a subtitle's time on screen (speed)

    @property
    def over(self) -> bool:
        return self.used > self.limit

    def msg(self) -> Msg:
        """The limit in words, put into the UI language (and its digits) when shown."""
        limit, used = Digits(str(round(self.limit))), Digits(str(round(self.used)))
        if self.code == "line":
            return Msg(N_("max {limit} characters per line: longest line {used}"),
                       limit=limit, used=used)
        if self.code == "speed":
            return Msg(N_("max {limit} characters per second: {used} ({seconds} s on screen)"),
                       limit=limit, used=used,
                       seconds=Digits(f"{self.seconds:.1f}".removesuffix(".0")))
        if self.unit == "byte":
            return Msg(N_("max {limit} bytes: {used} used"), limit=limit, used=used)
        return Msg(N_("max {limit} characters: {used} used"), limit=limit, used=used)

    def message(self) -> str:
        return str(self.msg())

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "limit": self.limit, "used": self.used, "unit": self.unit,
                "over": self.over}


@dataclass(slots=True)
class SegmentNotes:
    unit: list[Note] = field(default_factory=list)
    file: list[Note] = field(default_factory=list)
    limits: list[LimitUse] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.unit or self.file or self.limits)

    def as_json(self) -> dict[str, Any]:
        return {"unit": [n.as_json() for n in self.unit],
                "file": [n.as_json() for n in self.file],
                "limits": [u.as_json() for u in self.limits]}


QUIET = ("cue", "resname")  # on every unit of some files: no marker for them alone


def _notes_of(meta: Mapping[str, Any]) -> list[Any]:
    """A block's notes as its importer stored them; anything else under the key (another
    format's flag, a damaged file) is no notes."""
    notes = meta.get(NOTES)
    return notes if isinstance(notes, list) else []


def has_notes(meta: Mapping[str, Any]) -> bool:
    """Whether the grid marks a block: a note written for this unit (not only the file's
    notes, a cue's timing or a resource name, which many files give every unit) or a
    length limit of its own."""
    if meta.get(LIMIT):
        return True
    return any(isinstance(n, Mapping) and n.get("level") != FILE and n.get("text")
               and n.get("kind") not in QUIET for n in _notes_of(meta))


def _plain(text: str) -> str:
    return strip_tags(text).replace("\u2028", "\n")


def limits(meta: Mapping[str, Any], target: str, *, line_chars: int = LINE_CHARS,
           reading_speed: float = READING_SPEED) -> list[LimitUse]:
    """The block's limits measured on ``target`` (the block's whole target text, tags
    not counted)."""
    text = _plain(target)
    out: list[LimitUse] = []
    limit = meta.get(LIMIT)
    if isinstance(limit, Mapping) and isinstance(limit.get("max"), int):
        if limit.get("unit") == "byte":
            try:
                used = len(text.encode(str(limit.get("encoding") or "utf-8")))
            except (LookupError, UnicodeEncodeError):
                used = len(text.encode("utf-8"))
            out.append(LimitUse("length", limit["max"], used, "byte"))
        else:
            out.append(LimitUse("length", limit["max"], len(text)))
    cue = meta.get(CUE)
    if isinstance(cue, Mapping):
        lines = text.split("\n")
        out.append(LimitUse("line", line_chars, max(len(ln.strip()) for ln in lines)))
        seconds = float(cue.get("end", 0)) - float(cue.get("start", 0))
        chars = sum(len(ln.strip()) for ln in lines)
        if seconds > 0:
            out.append(LimitUse("speed", reading_speed, chars / seconds, "cps", seconds))
    return out


def notes_of(meta: Mapping[str, Any], target: str = "", *, line_chars: int = LINE_CHARS,
             reading_speed: float = READING_SPEED) -> SegmentNotes:
    """The notes and limits of a block with ``meta``, the limits measured on ``target``."""
    found = SegmentNotes()
    for raw in _notes_of(meta):
        if not isinstance(raw, Mapping) or not str(raw.get("text") or "").strip():
            continue
        item = Note(str(raw.get("kind") or "note"), str(raw["text"]), str(raw.get("from") or ""))
        (found.file if raw.get("level") == FILE else found.unit).append(item)
    found.limits = limits(meta, target, line_chars=line_chars, reading_speed=reading_speed)
    return found


def block_target(segments: list[Segment], segment_id: int, target: str | None) -> str:
    """The target of the block the segments make up, with ``segment_id``'s target replaced
    by ``target`` (the text being typed) when given."""
    return "".join(s.lead + (target if target is not None and s.id == segment_id
                             else s.target) + s.trail for s in segments)


def segment_notes(project: Project, segment_id: int, target: str | None = None,
                  settings: Settings | None = None) -> SegmentNotes:
    """A segment's notes (unit-level and file-level, from its block) and its block's
    limits measured with ``target`` in place of the segment's stored target."""
    seg = project.segment(segment_id)
    meta = project.block_meta(seg.block_id).get(seg.block_id, {})
    siblings = project.segments("segments.block_id = ?", [seg.block_id])
    return notes_in_block(seg, siblings, meta, target, settings or Settings.load())


def notes_in_block(segment: Segment, segments: list[Segment], meta: Mapping[str, Any],
                   target: str | None, settings: Settings) -> SegmentNotes:
    """:func:`segment_notes` from what an open session holds: the segments (of the block,
    or all: the others are left out) and the block's meta."""
    siblings = [s for s in segments if s.block_id == segment.block_id]
    return notes_of(meta, block_target(siblings, segment.id, target),
                    line_chars=settings.subtitle_line, reading_speed=settings.subtitle_cps)


def all_notes(segments: list[Segment], metas: Mapping[str, Mapping[str, Any]],
              settings: Settings) -> dict[int, SegmentNotes]:
    """Every segment's notes and limits (measured on the stored targets), by segment id."""
    by_block: dict[str, list[Segment]] = {}
    for s in segments:
        by_block.setdefault(s.block_id, []).append(s)
    out: dict[int, SegmentNotes] = {}
    for bid, group in by_block.items():
        found = notes_of(metas.get(bid, {}), block_target(group, -1, None),
                         line_chars=settings.subtitle_line,
                         reading_speed=settings.subtitle_cps)
        for s in group:
            out[s.id] = found
    return out
