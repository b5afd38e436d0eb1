"""Connect to a hub, sync with it, and say how things stand (the CLI and the GUI call these).

What syncs: the user's glossary (as the hub glossary ``team``), the project glossaries the
user shared, and TM units from confirmed segments. The starter glossary never does. A sync
pushes first, then pulls; a reviewer (read-only role) only pulls and is told, in one line,
that their changes stay local.
"""

from __future__ import annotations

import getpass
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from desktop_app.core.glossary.library import project_glossary_path
from desktop_app.core.glossary.store import Glossary
from desktop_app.core.i18n import _
from desktop_app.core.logs import get_logger
from desktop_app.core.settings import Settings
from desktop_app.core.settings_door import change_settings
from desktop_app.core.sqlitetx import writing
from desktop_app.core.team import glossary_pull, glossary_sync, rules, tm_sync, tracking
from desktop_app.core.team.conflicts import Conflict, conflicts
from desktop_app.core.team.conflicts import resolve as resolve  # the CLI's and GUI's door
from desktop_app.core.team.hub import (
    HubUnreachable,
    TeamError,
    busy,
    clean_dsn,
    connect,
    describe,
    lost,
    refused,
)
from desktop_app.core.team.schema import HubInfo, check_hub, init_hub
from desktop_app.core.team.state import USER_GLOSSARY, read_state, shared_glossaries, write_state
from desktop_app.core.tm import TranslationMemory

Hook = Callable[[str, int], None]
log = get_logger("team")


@dataclass(slots=True)
class SyncReport:
    pushed: int = 0
    pulled_terms: int = 0
    pulled_tm: int = 0
    new_conflicts: int = 0
    waiting: int = 0
    refused: str = ""  # a reviewer's push: why nothing went out
    quarantined: int = 0  # hub rows this client could not accept (listed by `team status`)
    held: list[str] = field(default_factory=list)  # local changes the hub would refuse
    clock_skew: float = 0.0  # this laptop's clock minus the hub's, in seconds


@dataclass(slots=True)
class Status:
    connected: bool
    hub: str = ""
    name: str = ""
    waiting: int = 0
    last_sync: float | None = None
    offline_since: float | None = None
    last_error: str = ""
    conflicts: list[Conflict] = field(default_factory=list)
    glossaries: dict[str, str] = field(default_factory=dict)  # local file -> hub glossary
    quarantine: list[Quarantined] = field(default_factory=list)
    clock_skew: float = 0.0


@dataclass(slots=True)
class Quarantined:
    """A hub row kept out of a local file: which, and why."""
    glossary: str  # the hub glossary, or "TM"
    kind: str
    id: str
    why: str


# -- what is shared --------------------------------------------------------------------

def share_project(project: Path, name: str = "") -> str:
    """Share a project's glossary with the team under ``name`` (default: the project's)."""
    path = project_glossary_path(project) if not project.name.endswith(".glossary.sqlite") \
        else project
    hub_name = (name or path.name.split(".")[0]).strip()
    if not hub_name or hub_name == USER_GLOSSARY:
        raise TeamError(_("choose another name for the shared glossary"))
    why = rules.bad_name(hub_name, _("the glossary name"))
    if why:
        raise TeamError(_("cannot share under that name: {why}").format(why=why))
    g = Glossary(path, name="project")  # created (and migrated) if it is new
    try:
        hub_id = read_state().get("hub_id")
        if hub_id:  # tracked from now on, also while the hub is out of reach
            with writing(g.db):
                tracking.enable_glossary(g.db, str(hub_id))
    finally:
        g.close()
    change_settings(team_shared={**Settings.load().team_shared, str(path): hub_name})
    return hub_name


# -- connecting ------------------------------------------------------------------------

def _require(settings: Settings) -> str:
    if not settings.team_dsn:
        raise TeamError(_("not connected to a team hub (use `tarjuman team connect DSN`)"))
    return settings.team_dsn


@contextmanager
def hub_connection(dsn: str) -> Iterator[tuple[psycopg.Connection[Any], HubInfo]]:
    conn = connect(dsn, autocommit=True)  # each batch is its own transaction block
    try:
        try:
            info = check_hub(conn)
        except psycopg.OperationalError as exc:
            raise lost(exc) from None
        yield conn, info
    finally:
        conn.close()


def init(dsn: str) -> tuple[int, int]:
    conn = connect(dsn, autocommit=True, statement_timeout=0)  # a migration may take long
    try:
        return init_hub(conn)
    finally:
        conn.close()


def connect_hub(dsn: str, name: str = "") -> tuple[HubInfo, bool]:
    """Check the hub and remember it; (hub info, whether a password had to be dropped)."""
    clean, password = clean_dsn(dsn)
    why = rules.bad_name(name, _("the name")) if name else None
    if why:
        raise TeamError(_("cannot sign changes with that name: {why}").format(why=why))
    with hub_connection(dsn) as (_conn, info):
        pass
    settings = Settings.load()
    settings = change_settings(team_dsn=clean,
                               team_name=name or settings.team_name or getpass.getuser(),
                               team_client=settings.team_client or str(uuid.uuid4())).settings
    _enable(info, settings)  # from now on every change waits in an outbox
    write_state(offline_since=None, last_error="", hub_id=info.hub_id)
    log.info("connected to team hub %s as %s", describe(clean), settings.team_name)
    return info, password is not None


def disconnect() -> None:
    """Forget the hub. Changes keep waiting in the outbox; reconnecting sends them."""
    change_settings(team_dsn="")


# -- syncing ---------------------------------------------------------------------------

def _enable(info: HubInfo, settings: Settings) -> None:
    for path, _name in shared_glossaries(settings):
        g = Glossary(path)
        try:
            with writing(g.db):
                tracking.enable_glossary(g.db, info.hub_id)
        finally:
            g.close()
    with TranslationMemory() as tm, writing(tm.db):
        tracking.enable_tm(tm.db, info.hub_id)


def waiting(settings: Settings | None = None) -> int:
    """Local changes not yet on the hub (no network needed)."""
    settings = settings or Settings.load()
    total = 0
    for path, _name in shared_glossaries(settings):
        if Path(path).exists():
            g = Glossary(path)
            try:
                total += tracking.waiting(g.db)
            finally:
                g.close()
    with TranslationMemory() as tm:
        total += tracking.waiting(tm.db)
    return total


def sync(*, batch: int = 500, hook: Hook | None = None, push: bool = True,
         pull: bool = True) -> SyncReport:
    """Push the outbox, then pull everyone else's changes (either alone if asked)."""
    settings = Settings.load()
    dsn = _require(settings)
    report = SyncReport()
    try:
        with hub_connection(dsn) as (conn, info):
            _enable(info, settings)
            try:
                report.clock_skew = _skew(conn)
                _sync(conn, info, settings, report, batch, hook, push and info.can_write, pull)
            except psycopg.errors.InsufficientPrivilege:
                conn.rollback()
                report.refused = _refusal()
            except (psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled) as exc:
                raise busy(exc) from None
            except psycopg.OperationalError as exc:
                raise lost(exc) from None
            except (psycopg.errors.IntegrityError, psycopg.errors.DataError) as exc:
                raise refused(exc) from None
    except HubUnreachable as exc:
        write_state(offline_since=read_state().get("offline_since") or time.time(),
                     last_error=str(exc))
        raise
    report.waiting = waiting(settings)
    write_state(last_sync=time.time(), offline_since=None, last_error=report.refused,
                clock_skew=report.clock_skew)
    log.info("team sync: %s", asdict(report))
    if report.refused:
        raise TeamError(report.refused)
    return report


def _skew(conn: psycopg.Connection[Any]) -> float:
    """This laptop's clock minus the hub's (only reported: the hub's clock orders edits)."""
    before = time.time()
    row = conn.execute("SELECT extract(epoch from clock_timestamp())").fetchone()
    after = time.time()
    return round((before + after) / 2 - float(row[0]), 1) if row else 0.0


def _refusal() -> str:
    return _("this hub login is a reviewer (read-only): your changes were not sent and stay "
             "here; the team's changes were pulled")


def _sync(conn: psycopg.Connection[Any], info: HubInfo, settings: Settings, report: SyncReport,
          batch: int, hook: Hook | None, push: bool, pull: bool) -> None:
    author, client = settings.team_name or getpass.getuser(), settings.team_client
    if rules.bad_name(author, ""):  # set by an older Tarjuman: the hub shows the login
        author = ""
    for path, name in shared_glossaries(settings):
        g = Glossary(path, name=name)
        try:
            why = rules.bad_name(name, _("the glossary name"))
            if why and push and tracking.waiting(g.db):
                report.held.append(_("{glossary}: {label}: {why}").format(
                    glossary=name[:60], label=Path(path).name, why=why))
            if push and not why:
                report.pushed += glossary_sync.push(conn, g, name, client, author, batch=batch,
                                                    hook=hook, held=report.held)
            elif not info.can_write and tracking.waiting(g.db):
                report.refused = _refusal()
            if pull:
                pulled, conflicts, bad = glossary_pull.pull(conn, g, name, batch=batch * 4,
                                                            hook=hook)
                report.pulled_terms += pulled
                report.new_conflicts += conflicts
                report.quarantined += bad
        finally:
            g.close()
    with TranslationMemory() as tm:
        if push:
            report.pushed += tm_sync.push(conn, tm, author, batch=batch * 4, hook=hook,
                                          held=report.held)
        elif not info.can_write and tracking.waiting(tm.db):
            report.refused = _refusal()
        if pull:
            units, bad = tm_sync.pull(conn, tm, batch=batch * 10, hook=hook)
            report.pulled_tm += units
            report.quarantined += bad


# -- status ----------------------------------------------------------------------------

def status() -> Status:
    settings = Settings.load()
    state = read_state()
    return Status(connected=bool(settings.team_dsn), hub=describe(settings.team_dsn)
                  if settings.team_dsn else "", name=settings.team_name,
                  waiting=waiting(settings), last_sync=state.get("last_sync"),
                  offline_since=state.get("offline_since"),
                  last_error=str(state.get("last_error") or ""),
                  conflicts=conflicts(settings),
                  glossaries=dict(shared_glossaries(settings)),
                  quarantine=quarantine(settings),
                  clock_skew=float(state.get("clock_skew") or 0.0))


def quarantine(settings: Settings | None = None) -> list[Quarantined]:
    """Hub rows kept out of this data dir, with why (no network needed)."""
    settings = settings or Settings.load()
    out: list[Quarantined] = []
    for path, name in shared_glossaries(settings):
        if Path(path).exists():
            g = Glossary(path, name=name)
            try:
                out += [Quarantined(name, *row) for row in tracking.quarantined(g.db)]
            finally:
                g.close()
    with TranslationMemory() as tm:
        out += [Quarantined("TM", *row) for row in tracking.quarantined(tm.db)]
    return out

