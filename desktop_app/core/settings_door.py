"""The one door through which settings change: the CLI, the window's dialogs and the team
connection all call :func:`change_settings`.

A change reads the file fresh (so a window open for hours does not write back what it read
at start), checks the new values against the schema (an error names the field and what it
may be), writes the file atomically and readable by its owner only (keys from a newer
Tarjuman kept), records the step in the log (secrets masked) and tells the listeners (the
window). It returns a :class:`SettingsChange`: which fields changed, old and new, and the
settings as they now are. ``change.undo()`` puts the old values back, as one more step.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.i18n import _
from desktop_app.core.logs import get_logger
from desktop_app.core.paths import settings_file
from desktop_app.core.settings import FIELDS, SECRETS, Settings, SettingsError, read_raw, validate

log = get_logger("settings")
Listener = Callable[["SettingsChange"], object]
_listeners: list[Listener] = []


@dataclass(frozen=True, slots=True)
class SettingsChange:
    old: Mapping[str, Any]  # the fields that changed, as they were
    new: Mapping[str, Any]  # and as they are now
    settings: Settings  # every setting after the change
    path: Path | None = field(default=None, compare=False)

    def __bool__(self) -> bool:
        return bool(self.new)

    def __contains__(self, key: object) -> bool:
        return key in self.new

    def describe(self) -> str:
        """One line for a log or a terminal: ``beam_size: 4 → 8``; secrets masked."""
        return "; ".join(f"{key}: {shown(key, self.old[key])} → {shown(key, self.new[key])}"
                         for key in self.new) or _("no setting changed")

    def as_json(self) -> dict[str, Any]:
        return {key: {"old": shown(key, self.old[key]), "new": shown(key, self.new[key])}
                for key in self.new}

    def undo(self) -> SettingsChange:
        return change_settings(self.path, **self.old)


def shown(key: str, value: Any) -> str:
    """A value as it may be shown or logged: a secret only says whether it is set."""
    if key in SECRETS:
        return "•••" if value else "—"
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)


def subscribe(listener: Listener) -> None:
    """Call ``listener(change)`` after every change that changed something."""
    _listeners.append(listener)


def unsubscribe(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def change_settings(path: Path | None = None, /, **fields: Any) -> SettingsChange:
    """Set the named settings; nothing is written when a value is refused or nothing
    changes. Raises :class:`SettingsError` naming the field."""
    for key in fields:
        if key not in FIELDS:
            raise SettingsError(key, _("is not a setting"))
    path = path or settings_file()
    raw = read_raw(path)
    # what the file says (a value it should not hold can be corrected here) ...
    before = {**Settings().as_dict(), **{k: v for k, v in raw.items() if k in FIELDS}}
    after = validate({**before, **fields})  # ... and what it will say: checked whole
    now = after.as_dict()
    changed = [key for key in fields if before[key] != now[key]]
    change = SettingsChange({k: before[k] for k in changed}, {k: now[k] for k in changed},
                            after, path)
    if not change:
        return change
    newer = {k: v for k, v in raw.items() if k not in FIELDS}  # a newer version's: kept
    _write(path, {**now, **newer})
    log.info("settings changed: %s", change.describe())
    for listener in list(_listeners):
        listener(change)
    return change


def remember_project(project: str) -> SettingsChange:
    """Put ``project`` first in the recent-projects list."""
    return change_settings(recent=Settings.load().with_recent(project))


def _write(path: Path, values: dict[str, Any]) -> None:
    """The only writer of the settings file: a temp file beside it, renamed into place."""
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(values, fh, indent=2, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)  # the LibreTranslate API key is in it
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
