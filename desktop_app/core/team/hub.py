"""Reaching the hub: connection strings without passwords, connections, one-line errors.

The password never enters Tarjuman's settings or logs: libpq finds it in ``~/.pgpass``
(or the file ``PGPASSFILE`` names) or in ``PGPASSWORD``.
"""

from __future__ import annotations

import re
from typing import Any

import psycopg
from psycopg import conninfo

from desktop_app.core.errors import TarjumanError
from desktop_app.core.i18n import _

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
            error=_first_line(exc))) from None
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


def _first_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split("\n")[0].split())
    return re.sub(r"password=\S+", "password=…", text)


def connect(dsn: str, **kwargs: Any) -> psycopg.Connection[Any]:
    """A connection to the hub, or a :class:`TeamError` in one line. A password written
    in ``dsn`` is used for this connection only (``connect`` checks with it once)."""
    clean, password = clean_dsn(dsn)
    params: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT,
                              "application_name": "tarjuman"}
    params.update(kwargs)
    if password is not None:
        params["password"] = password
    try:
        return psycopg.connect(clean, **params)
    except psycopg.OperationalError as exc:
        raise connection_error(exc, dsn) from None


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
        where=where, error=_first_line(exc)))


def lost(exc: BaseException) -> HubUnreachable:
    """The connection broke during a sync: nothing half-applied, the next sync resumes."""
    return HubUnreachable(_("the connection to the hub was lost ({error}); nothing was lost "
                            "and the next sync resumes").format(error=_first_line(exc)))
