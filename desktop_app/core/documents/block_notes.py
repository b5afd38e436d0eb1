"""The client's instructions that come with a block, as the importers store them.

Each importer puts what the file says about a block (not to be translated, but to be read)
into ``Block.meta``:

- ``notes``: a list of ``{"kind", "text", "level", "from"}``. ``level`` is ``unit`` (about
  this unit: an XLIFF unit note, a PO comment, a Word comment on the paragraph, a subtitle's
  cue number and timing) or ``file`` (about the whole file: an XLIFF ``<header>`` or
  ``<file>`` note, a group's note). ``kind`` names what it is (``note``, ``extracted``,
  ``translator``, ``context``, ``comment``, ``resname``, ``cue``); ``from`` who wrote it
  when the file says (an XLIFF ``from``/``category``, a Word comment's author).
- ``limit``: a length limit, ``{"max": 60, "unit": "char"}`` or ``{"max": 120, "unit":
  "byte", "encoding": "utf-8"}`` (XLIFF ``maxwidth`` with ``size-unit="char"``, XLIFF 2
  ``its:storageSize``, ``slr:sizeRestriction``/``slr:storageRestriction``).
- ``cue``: a subtitle's ``{"number", "start", "end"}`` (seconds); its per-line and
  reading-speed limits come from the settings when it is shown and checked.

The project keeps ``meta`` as it is (JSON per block); :mod:`desktop_app.core.notes` reads
it back for a segment.
"""

from __future__ import annotations

from typing import Any

NOTES = "notes"
LIMIT = "limit"
CUE = "cue"
UNIT = "unit"
FILE = "file"


def note(kind: str, text: str, *, level: str = UNIT, source: str = "") -> dict[str, str]:
    return {"kind": kind, "text": text.strip(), "level": level, "from": source.strip()}


def add_notes(meta: dict[str, Any], notes: list[dict[str, str]]) -> None:
    """Append the non-empty ``notes`` to ``meta`` (nothing added when all are empty)."""
    kept = [n for n in notes if n["text"]]
    if kept:
        meta.setdefault(NOTES, []).extend(kept)
