"""QA ``length-limit``: a target over the length limit the file sets (XLIFF ``maxwidth`` in
characters, ``its:storageSize``, ``slr:`` restrictions) or over a subtitle's characters per
line or reading speed (settings ``subtitle_line``, ``subtitle_cps``).

A limit holds for a whole block (a unit, a cue): each translated segment of a block over
its limit gets the finding, with every limit the block breaks. The block meta is read once per open
project (:func:`for_row` keeps it beside the session).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from desktop_app.core.glossary.qa import Finding
from desktop_app.core.i18n import N_, Joined, Msg
from desktop_app.core.notes import LimitUse, block_target, limits
from desktop_app.core.project import Project
from desktop_app.core.segments import Segment
from desktop_app.core.settings import Settings

LENGTH_LIMIT = "length-limit"
_read: WeakKeyDictionary[Project, tuple[dict[str, dict[str, Any]], Settings]] = \
    WeakKeyDictionary()


def _over(meta: Mapping[str, Any], group: list[Segment], settings: Settings) -> list[LimitUse]:
    if not meta:
        return []
    return [u for u in limits(meta, block_target(group, -1, None),
                              line_chars=settings.subtitle_line,
                              reading_speed=settings.subtitle_cps) if u.over]


def _finding(row: int, over: list[LimitUse]) -> Finding:
    return Finding(LENGTH_LIMIT, row, Msg(N_("over the length limit: {details}"),
                                          details=Joined(N_(", "), [u.msg() for u in over])))


def check(segments: Sequence[Segment], metas: Mapping[str, Mapping[str, Any]], *,
          settings: Settings | None = None, disabled: Sequence[str] = ()) -> list[Finding]:
    """The length-limit findings of a document (``segment``: the index in ``segments``)."""
    if LENGTH_LIMIT in disabled:
        return []
    settings = settings or Settings.load()
    groups: dict[str, list[int]] = {}
    for row, seg in enumerate(segments):
        groups.setdefault(seg.block_id, []).append(row)
    found = []
    for bid, rows in groups.items():
        group = [segments[r] for r in rows]
        if not any(s.target for s in group):
            continue
        over = _over(metas.get(bid, {}), group, settings)
        found += [_finding(r, over) for r in rows if over and segments[r].target]
    return found


def for_row(project: Project, segments: Sequence[Segment], row: int) -> list[Finding]:
    """The finding of ``segments[row]`` when its block is over a limit (the editor's QA
    after each edit)."""
    if project not in _read:
        _read[project] = (project.block_meta(), Settings.load())
    metas, settings = _read[project]
    seg = segments[row]
    start, end = row, row + 1  # a block's segments are next to each other
    while start > 0 and segments[start - 1].block_id == seg.block_id:
        start -= 1
    while end < len(segments) and segments[end].block_id == seg.block_id:
        end += 1
    group = list(segments[start:end])
    over = _over(metas.get(seg.block_id, {}), group, settings)
    return [_finding(row, over)] if over else []
