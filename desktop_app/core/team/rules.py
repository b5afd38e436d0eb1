"""What the hub accepts, checked on both sides with the same limits the app applies to its own
files: the hub's functions (``hub_sql``) refuse anything else, a client holds back a local
change the hub would refuse, and quarantines a hub row it cannot accept (written before the
functions existed, or by the database owner by hand) instead of stopping on it.
"""

from __future__ import annotations

import re
from typing import Any

from desktop_app.core import languages
from desktop_app.core.documents.base import MAX_BLOCK_CHARS
from desktop_app.core.glossary.store import MAX_NOTE_CHARS, MAX_TERM_CHARS, STATUSES
from desktop_app.core.i18n import _

MAX_LABEL_CHARS = 1000  # part of speech, domain, external id
MAX_NAME_CHARS = 100  # a person's or a shared glossary's name
MAX_SEGMENT_CHARS = MAX_BLOCK_CHARS  # a TM unit's source or target
MAX_BATCH = 20_000  # changes in one call of a write function
MAX_AGE_S = 10 * 365 * 86400  # an edit older than this (by its laptop's clock) counts as this
LOCK_TIMEOUT_S = 5  # a writer waits this long for the hub's write lock
STATEMENT_TIMEOUT_S = 30  # no hub statement of a client runs longer
SKEW_REPORTED_S = 300  # a laptop clock further off the hub's than this is reported

KNOWN_LANGUAGES = tuple(lang.code for lang in languages.LANGUAGES)
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

__all__ = ["STATUSES", "MAX_TERM_CHARS", "MAX_NOTE_CHARS"]


def _bad_text(value: Any, what: str, lo: int, hi: int, one_line: bool) -> str | None:
    if not isinstance(value, str):
        return _("{what} is missing or not text").format(what=what)
    if len(value) > hi:
        return _("{what} is longer than {limit} characters").format(what=what, limit=hi)
    if lo and not value.strip():
        return _("{what} is empty").format(what=what)
    if one_line and _CONTROLS.search(value):
        return _("{what} holds a line break or a control character").format(what=what)
    return None


def bad_name(value: str, what: str) -> str | None:
    """Why a person's or glossary's name cannot be used (None: it can)."""
    why = _bad_text(value, what, 1, MAX_NAME_CHARS, True)
    if why is None and _BIDI.search(value):
        why = _("{what} holds a direction control character").format(what=what)
    return why


def bad_fields(kind: str, f: dict[str, Any]) -> str | None:
    """Why a term's or concept's fields cannot go to (or come from) the hub."""
    if kind == "term":
        lang = f.get("lang")
        if not (isinstance(lang, str) and lang in KNOWN_LANGUAGES):
            return (_bad_text(f.get("text"), _("the term"), 1, MAX_TERM_CHARS, True)
                    or _("language {lang} is not one Tarjuman knows").format(
                        lang=str(lang)[:40]))
        checks = [
            _bad_text(f.get("text"), _("the term"), 1, MAX_TERM_CHARS, True),
            None if f.get("status") in STATUSES else
            _("status {status} is not one of {statuses}").format(
                status=str(f.get("status"))[:40], statuses=", ".join(STATUSES)),
            _bad_text(f.get("pos"), _("the part of speech"), 0, MAX_LABEL_CHARS, True),
            _bad_text(f.get("note"), _("the note"), 0, MAX_NOTE_CHARS, False),
        ]
    else:
        checks = [
            _bad_text(f.get("domain"), _("the domain"), 0, MAX_LABEL_CHARS, True),
            _bad_text(f.get("note"), _("the note"), 0, MAX_NOTE_CHARS, False),
            _bad_text(f.get("ext_id"), _("the external id"), 0, MAX_LABEL_CHARS, True),
        ]
    return next((why for why in checks if why), None)


def bad_unit(source_lang: Any, target_lang: Any, source: Any, target: Any) -> str | None:
    """Why a TM unit cannot go to (or come from) the hub."""
    if source_lang not in KNOWN_LANGUAGES or target_lang not in KNOWN_LANGUAGES:
        return _("language pair {a}-{b} is not one Tarjuman knows").format(
            a=str(source_lang)[:40], b=str(target_lang)[:40])
    return (_bad_text(source, _("the source"), 1, MAX_SEGMENT_CHARS, False)
            or _bad_text(target, _("the target"), 1, MAX_SEGMENT_CHARS, False))
