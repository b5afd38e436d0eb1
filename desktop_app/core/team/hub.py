"""Reaching the hub: connection strings without passwords, connections, one-line errors.

The password never enters Tarjuman's settings or logs: libpq finds it in ``~/.pgpass``
(or the file ``PGPASSFILE`` names) or in ``PGPASSWORD``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import psycopg
from psycopg import conninfo

from desktop_app.core.errors import TarjumanError
from desktop_app.core.i18n import _
from desktop_app.core.team import rules

CONNECT_TIMEOUT = 5


class TeamError(TarjumanError):
    """The hub cannot be used: unreachable, refused, not a hub, too new, read-only."""


class HubUnreachable(TeamError):
    """The hub did not answer (offline, server down, connection dropped): try again later."""


def clean_dsn(dsn: str) -> tuple[str, str | None]:
    """The connection string without its password, and the password it had."""
    try:
        params = conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError as exc:
        raise TeamError(_("not a valid PostgreSQL connection string: {error}").format(
            error=mask(_first_line(exc), dsn))) from None
    password = params.pop("password", None)
    return (conninfo.make_conninfo(**{k: str(v) for k, v in params.items()}),
            None if password is None else str(password))


def describe(dsn: str) -> str:
    """``user@host:port/dbname`` for messages (never a password)."""
    try:
        p = conninfo.conninfo_to_dict(dsn)
    except psycopg.ProgrammingError:
        return "?"
    user = f"{p['user']}@" if p.get("user") else ""
    port = f":{p['port']}" if p.get("port") else ""
    return f"{user}{p.get('host', 'localhost')}{port}/{p.get('dbname', '')}"


# The password in whatever shape a connection string has, parsed or not:
# URI user info (``scheme://user:secret@``), and ``password=secret`` (quoted or not).
_URI_SECRET = re.compile(r"://[^/?#:@\s]*:([^/?#\s]*)@")
_KV_SECRET = re.compile(r"password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)
_QUERY_SECRET = re.compile(r"[?&]password=([^&\s]+)", re.IGNORECASE)


def _secrets(dsn: str) -> set[str]:
    found: set[str] = set()
    try:
        password = conninfo.conninfo_to_dict(dsn).get("password")
        if password:
            found.add(str(password))
    except psycopg.ProgrammingError:
        pass
    for pattern in (_URI_SECRET, _KV_SECRET, _QUERY_SECRET):
        for m in pattern.finditer(dsn):
            found.update({m.group(1), m.group(1).strip("'"), unquote(m.group(1))})
    return {s for s in found if s}


def mask(text: str, dsn: str = "") -> str:
    """``text`` with every password ``dsn`` holds, and any that looks like one, replaced."""
    for secret in sorted(_secrets(dsn), key=len, reverse=True):
        text = text.replace(secret, "…")
    text = _URI_SECRET.sub(lambda m: m.group(0).replace(m.group(1), "…"), text)
    text = _QUERY_SECRET.sub(lambda m: m.group(0).replace(m.group(1), "…"), text)
    return _KV_SECRET.sub("password=…", text)


def _first_line(exc: BaseException) -> str:
    return mask(" ".join(str(exc).split("\n")[0].split()))


def connect(dsn: str, *, statement_timeout: float = rules.STATEMENT_TIMEOUT_S,
            **kwargs: Any) -> psycopg.Connection[Any]:
    """A connection to the hub, or a :class:`TeamError` in one line. A password written
    in ``dsn`` is used for this connection only (``connect`` checks with it once). Every
    session waits at most a few seconds for a lock and ``statement_timeout`` (0: no limit)
    for a statement, so nobody holding something on the hub can hang a client."""
    clean, password = clean_dsn(dsn)
    params: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT,
                              "application_name": "tarjuman"}
    params.update(kwargs)
    if password is not None:
        params["password"] = password
    try:
        conn = psycopg.connect(clean, **params)
    except psycopg.OperationalError as exc:
        raise connection_error(exc, dsn) from None
    except psycopg.Error as exc:  # e.g. a connection option libpq does not know
        raise TeamError(_("cannot connect to the hub {where}: {error}").format(
            where=describe(dsn), error=mask(_first_line(exc), dsn))) from None
    try:
        for name, seconds in (("lock_timeout", rules.LOCK_TIMEOUT_S),
                              ("statement_timeout", statement_timeout),
                              ("idle_in_transaction_session_timeout", 60)):
            conn.execute("SELECT set_config(%s, %s, false)", [name, f"{int(seconds * 1000)}"])
        if not conn.autocommit:
            conn.commit()
    except psycopg.Error as exc:
        conn.close()
        raise connection_error(exc, dsn) from None
    return conn


def connection_error(exc: BaseException, dsn: str) -> TeamError:
    text = str(exc)
    where = describe(dsn)
    if "password authentication failed" in text:
        return TeamError(_("the hub {where} refused the password (libpq reads it from "
                           "~/.pgpass or PGPASSWORD)").format(where=where))
    if "no password supplied" in text:
        return TeamError(_("the hub {where} asks for a password: put it in ~/.pgpass or "
                           "PGPASSWORD (never in the connection string)").format(where=where))
    if "does not exist" in text and "database" in text:
        return TeamError(_("the hub {where} has no such database").format(where=where))
    if "role" in text and "does not exist" in text:
        return TeamError(_("the hub {where} has no such user").format(where=where))
    return HubUnreachable(_("cannot reach the hub {where}: {error}").format(
        where=where, error=mask(_first_line(exc), dsn)))


def busy(exc: BaseException) -> TeamError:
    """A lock or statement timeout: someone holds the hub's write lock, or it is overloaded."""
    if isinstance(exc, psycopg.errors.LockNotAvailable):
        return HubUnreachable(_("the hub is busy: another sync held its write lock for over "
                                "{n} seconds; nothing was lost, try again in a moment").format(
                                    n=rules.LOCK_TIMEOUT_S))
    return HubUnreachable(_("the hub did not answer within {n} seconds; nothing was lost, "
                            "try again later").format(n=rules.STATEMENT_TIMEOUT_S))


def refused(exc: BaseException) -> TeamError:
    """The hub's functions refused a change (a field the hub does not accept)."""
    return TeamError(_("the hub refused a change: {error}").format(error=_first_line(exc)))


def lost(exc: BaseException) -> HubUnreachable:
    """The connection broke during a sync: nothing half-applied, the next sync resumes."""
    return HubUnreachable(_("the connection to the hub was lost ({error}); nothing was lost "
                            "and the next sync resumes").format(error=_first_line(exc)))
