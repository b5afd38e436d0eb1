"""Splitting a segment in two and joining two segments into one.

A segment's rows are the project's unit of translation, not the document's: a paragraph
(a block) keeps its text whatever segments it is cut into, since export writes each
block back from all its segments. So a split or a join rewrites only the segment rows of
one paragraph, or of the ``mrk`` segments of one XLIFF 1.2 unit; the undo log keeps
those rows as they were before and after (:class:`Shape`).

Rules: a split cuts the source at a character offset between two words' worth of text,
never inside a tag or a tag pair; the target stays with the first part (unconfirmed, as
its source changed) and the second part starts untranslated. A join is with the next
segment of the same paragraph or unit; the targets are joined with a space.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.documents.base import TAG
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.segments import Status

Row = dict[str, Any]  # one row of the segments table, every column
ORDER = (Status.NEW, Status.MT, Status.EDITED, Status.CONFIRMED)


@dataclass(slots=True)
class Shape:
    """The segment rows of some blocks before and after a split or join."""

    blocks: list[str]
    before: list[Row]
    after: list[Row]

    def as_json(self) -> dict[str, Any]:
        return {"blocks": self.blocks, "before": self.before, "after": self.after}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Shape:
        return cls(list(data["blocks"]), list(data["before"]), list(data["after"]))


def _inside_tag(source: str, offset: int) -> bool:
    """Whether ``offset`` falls inside a tag or between a paired tag's open and close."""
    open_pairs: set[str] = set()
    for m in TAG.finditer(source):
        if m.start() < offset < m.end():
            return True
        if m.start() >= offset:
            break
        closing, n, solo = m.groups()
        if solo:
            continue
        if closing:
            open_pairs.discard(n)
        else:
            open_pairs.add(n)
    return bool(open_pairs)


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in TAG.sub("", text))


def _unconfirmed(status: Status) -> Status:
    return Status.EDITED if status is Status.CONFIRMED else status


def split_rows(rows: list[Row], segment_id: int, offset: int, new_id: int) -> list[Row]:
    """The block's rows with segment ``segment_id`` cut at ``offset`` of its source; the
    second part gets id ``new_id``."""
    index = next(i for i, r in enumerate(rows) if r["id"] == segment_id)
    seg = rows[index]
    source: str = seg["source"]
    if not 0 < offset < len(source):
        raise InputError(_("Offset {offset} is not inside segment {n} (its source has {length} "
                           "characters)").format(offset=offset, n=segment_id,
                                                 length=len(source)))
    left, right = source[:offset], source[offset:]
    if _inside_tag(source, offset):
        raise InputError(_("Segment {n} cannot be split inside a tag or between a tag's "
                           "start and end").format(n=segment_id))
    if not _has_word(left) or not _has_word(right):
        raise InputError(_("Segment {n} cannot be split there: one part would have no "
                           "word").format(n=segment_id))
    first_source, second_source = left.rstrip(), right.lstrip()
    between = left[len(first_source):] + right[:len(right) - len(second_source)]
    status = Status(seg["status"])
    first = {**seg, "source": first_source, "trail": between, "mt_text": "",
             "confidence": None, "status": _unconfirmed(status).value}
    second = {**seg, "id": new_id, "lead": "", "source": second_source, "target": "",
              "status": Status.NEW.value, "origin": "", "mt_text": "", "note": "",
              "confidence": None}
    out = rows[:index] + [first, second] + rows[index + 1:]
    return _renumber(out)


def _shift_tags(text: str, by: int) -> str:
    return TAG.sub(lambda m: f"⟨{m.group(1)}{int(m.group(2)) + by}{m.group(3)}⟩", text)


def join_rows(first: Row, second: Row) -> Row:
    """One row of two neighbouring segments (the first one's id). Segments of two
    ``mrk`` blocks of one unit were numbered apart: the second's tags are numbered on
    from the first's, as the joined ``mrk`` reads, and a space stands for what was
    between the two marks."""
    if first["block_id"] != second["block_id"]:
        by = max((int(m.group(2)) for m in TAG.finditer(first["source"])), default=0)
        second = {**second, "source": _shift_tags(second["source"], by),
                  "target": _shift_tags(second["target"], by),
                  "lead": second["lead"] or ("" if first["trail"] else " ")}
    targets = [t for t in (first["target"].strip(), second["target"].strip()) if t]
    statuses = [Status(r["status"]) for r in (first, second) if r["target"].strip()]
    status = _unconfirmed(min(statuses, key=ORDER.index)) if statuses else Status.NEW
    if len(statuses) == 1:  # half of it untranslated
        status = Status.EDITED if status is not Status.MT else Status.MT
    origins = {r["origin"] for r in (first, second) if r["target"].strip()}
    origin = origins.pop() if len(origins) == 1 else "user"
    between = first["trail"] + second["lead"]
    return {**first, "source": first["source"] + between + second["source"],
            "trail": second["trail"], "target": " ".join(targets),
            "status": status.value, "origin": origin if targets else "", "mt_text": "",
            "confidence": None,
            "note": "\n".join(n for n in (first["note"], second["note"]) if n)}


def _renumber(rows: list[Row]) -> list[Row]:
    return [{**r, "position": k} for k, r in enumerate(rows)]


def join_in_block(rows: list[Row], segment_id: int) -> list[Row]:
    index = next(i for i, r in enumerate(rows) if r["id"] == segment_id)
    merged = join_rows(rows[index], rows[index + 1])
    return _renumber(rows[:index] + [merged] + rows[index + 2:])


def numbered_from_one(source: str, target: str) -> str:
    """``target`` with its tags numbered as a part's own source numbers them when it is
    written alone (from 1, in the order the source opens them): a part of a split XLIFF
    ``mrk`` is a segment of its own in the file."""
    order: dict[str, int] = {}
    for m in TAG.finditer(source):
        order.setdefault(m.group(2), len(order) + 1)
    return TAG.sub(lambda m: f"⟨{m.group(1)}{order.get(m.group(2), m.group(2))}{m.group(3)}⟩",
                   target)
