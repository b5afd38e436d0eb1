"""A segment of a project: source, target, status and where the target came from."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    NEW = "new"  # no target yet
    MT = "mt"  # target from machine translation or a TM match, not reviewed
    EDITED = "edited"  # changed by the translator
    CONFIRMED = "confirmed"  # approved by the translator


@dataclass(slots=True)
class Segment:
    id: int
    block_id: str
    position: int
    source: str  # with inline tags
    target: str
    status: Status
    origin: str  # "user", "mt:argos:<model>", "tm:exact", "tm:fuzzy:87", "xliff"
    mt_text: str = ""  # the last machine translation, kept beside the target
    lead: str = ""  # whitespace before the sentence inside its block
    trail: str = ""  # whitespace after it
    note: str = ""
    confidence: float | None = None  # MT's mean log-probability per token of ``mt_text``

    @property
    def number(self) -> int:
        return self.id


State = tuple[str, str, str]  # a segment's target, status and origin, as the undo log keeps it
