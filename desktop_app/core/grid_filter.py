"""Which segments the grid shows: a text filter over the source or the target (plain
contains, contains with Arabic-script spelling variants folded, or a regular expression)
combined with the status filter, QA findings only, notes only, and where the target came
from (MT, TM, propagated, the translator). The window's proxy asks :meth:`GridFilter.
accepts` for each row; the session's data is all it reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from desktop_app.core.documents.base import strip_tags
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.segments import Segment, Status
from desktop_app.core.textnorm import match_key

if TYPE_CHECKING:
    from desktop_app.core.session import EditSession

SIDES = ("both", "source", "target")
MODES = ("folded", "contains", "regex")
ORIGINS = ("", "mt", "tm", "propagated", "user")


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    """A segment text without tags, as folded matching compares it (kept: each keystroke
    in the filter line compares the same texts again)."""
    return match_key(strip_tags(text))


def origin_group(seg: Segment) -> str:
    """mt, tm, propagated or user (the translator or a reviewer); "" for no target or
    one that came with the imported file."""
    origin = seg.origin
    if seg.status is Status.NEW:
        return ""
    for prefix, group in (("mt:", "mt"), ("tm:", "tm"), ("propagated", "propagated"),
                          ("user", "user"), ("review:", "user")):
        if origin.startswith(prefix):
            return group
    return "user" if not origin and seg.status in (Status.EDITED, Status.CONFIRMED) else ""


@dataclass(slots=True)
class GridFilter:
    status: str = "all"  # one of session.FILTERS
    text: str = ""
    side: str = "both"
    mode: str = "folded"
    qa_only: bool = False
    notes_only: bool = False
    origin: str = ""
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _needle: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if self.side not in SIDES or self.mode not in MODES or self.origin not in ORIGINS:
            raise InputError(_("Unknown filter: side {side}, mode {mode}, origin {origin}").format(
                side=self.side, mode=self.mode, origin=self.origin))
        if self.text and self.mode == "regex":
            try:
                self._pattern = re.compile(self.text, re.IGNORECASE)
            except re.error as exc:
                raise InputError(_("Bad regular expression: {error}").format(
                    error=exc)) from exc
        self._needle = match_key(self.text) if self.mode == "folded" else self.text.casefold()

    @property
    def active(self) -> bool:
        return bool(self.status != "all" or self.text or self.qa_only or self.notes_only
                    or self.origin)

    def _text_matches(self, seg: Segment) -> bool:
        texts = ([seg.source] if self.side in ("both", "source") else []) + (
            [seg.target] if self.side in ("both", "target") else [])
        for text in texts:
            if self.mode == "folded":
                if self._needle in _folded(text):
                    return True
                continue
            plain = strip_tags(text)
            if self._pattern is not None:
                if self._pattern.search(plain):
                    return True
            elif self._needle in plain.casefold():
                return True
        return False

    def accepts(self, session: EditSession, row: int) -> bool:
        seg = session.segments[row]
        if self.status != "all" and not session.matches_filter(row, self.status):
            return False
        if self.qa_only and row not in session.findings:
            return False
        if self.notes_only and not seg.note.strip():
            return False
        if self.origin and origin_group(seg) != self.origin:
            return False
        return not self.text or self._text_matches(seg)

    def rows(self, session: EditSession) -> list[int]:
        return [r for r in range(len(session.segments)) if self.accepts(session, r)]
