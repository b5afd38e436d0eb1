"""``tarjuman team``: share glossaries and translation memory through a PostgreSQL hub.

The team core (and psycopg) is imported when a team command runs, not at every start."""

from __future__ import annotations

import argparse
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.core.i18n import _, ngettext


def register(sub: Any) -> None:
    p = sub.add_parser("team", help=_("share glossaries and TM with a team through a PostgreSQL "
                                      "hub"))
    s = p.add_subparsers(dest="team_command", metavar="ACTION", required=True,
                         parser_class=type(p))
    c = s.add_parser("init", help=_("create or migrate the hub schema in a PostgreSQL database "
                                    "(run once, as the database owner)"))
    c.add_argument("dsn", help=_("connection string, e.g. 'host=db.lan dbname=team user=admin'"))
    c.set_defaults(func=run_init)
    c = s.add_parser("connect", help=_("sync with a hub (the password comes from ~/.pgpass or "
                                       "PGPASSWORD)"))
    c.add_argument("dsn")
    c.add_argument("--name", default="", help=_("the name your changes are signed with"))
    c.set_defaults(func=run_connect)
    c = s.add_parser("status", help=_("hub, changes waiting, last sync, conflicts"))
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=run_status)
    c = s.add_parser("sync", help=_("send your changes, then get the team's"))
    c.set_defaults(func=run_sync)
    c = s.add_parser("disconnect", help=_("stop syncing (changes keep waiting locally)"))
    c.set_defaults(func=run_disconnect)
    c = s.add_parser("share", help=_("share a project's glossary with the team"))
    c.add_argument("project", type=Path)
    c.add_argument("--as", dest="name", default="", help=_("its name on the hub"))
    c.set_defaults(func=run_share)
    c = s.add_parser("resolve", help=_("settle a conflict shown by `team status`"))
    c.add_argument("id", type=int)
    c.add_argument("--use-other", action="store_true",
                   help=_("take the value that lost instead of the one kept"))
    c.set_defaults(func=run_resolve)


def run_init(args: argparse.Namespace) -> int:
    from desktop_app.core.team import sync

    before, after = sync.init(args.dsn)
    if before == after:
        print(_("the hub is up to date (schema {v})").format(v=after))
    elif before == 0:
        print(_("created the team hub (schema {v}); roles tarjuman_editor and "
                "tarjuman_reviewer").format(v=after))
    else:
        print(_("migrated the hub from schema {a} to {b}").format(a=before, b=after))
    return 0


def run_connect(args: argparse.Namespace) -> int:
    from desktop_app.core.team import sync

    info, had_password = sync.connect_hub(args.dsn, args.name)
    if had_password:
        print(_("the password was removed from the connection string and not saved: keep it "
                "in ~/.pgpass or PGPASSWORD"))
    role = _("editor") if info.can_write else _("reviewer (read-only)")
    print(_("connected to the team hub as {user} ({role}); `tarjuman team sync` sends and "
            "gets changes").format(user=info.user, role=role))
    return 0


def _when(ts: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(ts)) if ts else _("never")


def run_status(args: argparse.Namespace) -> int:
    from desktop_app.core.team import sync

    st = sync.status()
    if args.json:
        print_json(asdict(st))
        return 0
    if not st.connected:
        print(_("not connected to a team hub"))
    else:
        print(_("hub: {hub}, signing as {name}").format(hub=st.hub, name=st.name))
    print(_("changes waiting: {n}").format(n=st.waiting))
    print(_("last sync: {when}").format(when=_when(st.last_sync)))
    if st.offline_since:
        print(_("offline since {when}").format(when=_when(st.offline_since)))
    for c in st.conflicts:
        print(_("conflict {id} in {glossary}: {label} ({field}): kept «{kept}» by {ka}, "
                "other «{other}» by {oa}").format(
                    id=c.id, glossary=c.glossary, label=c.label, field=c.field, kept=c.kept,
                    ka=c.kept_author, other=c.other, oa=c.other_author))
    for q in st.quarantine:
        print(_("kept out of {glossary}: hub {kind} {id}: {why}").format(
            glossary=q.glossary, kind=q.kind, id=q.id, why=q.why))
    skew = _skew(st.clock_skew)
    if skew:
        print(skew)
    return 0


def _skew(seconds: float) -> str:
    """A line about this computer's clock when it is far off the hub's, else ''."""
    from desktop_app.core.team import rules

    if abs(seconds) <= rules.SKEW_REPORTED_S:
        return ""
    hours = abs(seconds) / 3600
    amount = (_("{n:.0f} days").format(n=hours / 24) if hours >= 48 else
              _("{n:.1f} hours").format(n=hours))
    side = _("ahead of") if seconds > 0 else _("behind")
    return _("this computer's clock is {amount} {side} the hub's: the hub's clock orders "
             "edits, but set this one right").format(amount=amount, side=side)


def run_sync(args: argparse.Namespace) -> int:
    from desktop_app.core.team import sync

    report = sync.sync()
    print(_("sent {pushed} changes, got {terms} glossary changes and {tm} TM units; "
            "{conflicts} new conflicts; {waiting} waiting").format(
                pushed=report.pushed, terms=report.pulled_terms, tm=report.pulled_tm,
                conflicts=report.new_conflicts, waiting=report.waiting))
    if report.quarantined:
        print(ngettext("{n} hub row could not be taken and was kept out (`tarjuman team "
                       "status` lists it); everything else synced",
                       "{n} hub rows could not be taken and were kept out (`tarjuman team "
                       "status` lists them); everything else synced",
                       report.quarantined).format(n=report.quarantined))
    for why in report.held:
        print(_("not sent (the hub does not take it): {why}").format(why=why))
    skew = _skew(report.clock_skew)
    if skew:
        print(skew)
    return 0


def run_disconnect(args: argparse.Namespace) -> int:
    from desktop_app.core.team import sync

    sync.disconnect()
    print(_("disconnected from the team hub; local changes keep waiting for the next "
            "connection"))
    return 0


def run_share(args: argparse.Namespace) -> int:
    from desktop_app.core.team import sync

    name = sync.share_project(args.project, args.name)
    print(_("the glossary of {project} is shared as {name}").format(project=args.project.name,
                                                                   name=name))
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    from desktop_app.core.team import sync

    sync.resolve(args.id, use_other=args.use_other)
    print(_("conflict {id} resolved; the hub hears of it at the next sync").format(id=args.id))
    return 0
