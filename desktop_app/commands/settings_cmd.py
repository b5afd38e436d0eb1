"""``tarjuman settings``: show the settings, or change them through the settings door (the
same function as Tools > Settings in the editor)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from desktop_app.commands import print_json
from desktop_app.core.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("settings", help=_("show or change the settings (as Tools > Settings)"))
    s = p.add_subparsers(dest="settings_command", metavar="ACTION", required=True,
                         parser_class=type(p))
    c = s.add_parser("show", help=_("every setting and its value (the API key masked)"))
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=run_show)
    c = s.add_parser("set", help=_("change settings: KEY VALUE [KEY VALUE ...]"))
    c.add_argument("pairs", nargs="+", metavar="KEY VALUE")
    c.add_argument("--json", action="store_true", help=_("print what changed as JSON"))
    c.set_defaults(func=run_set)


def run_show(args: argparse.Namespace) -> int:
    from desktop_app.core.settings import Settings
    from desktop_app.core.settings_door import shown

    values = Settings.load().as_dict()
    if args.json:
        print_json({key: shown(key, value) if key == "libretranslate_api_key" else value
                    for key, value in values.items()})
        return 0
    for key, value in values.items():
        print(f"{key} = {shown(key, value)}")
    return 0


def _value(key: str, text: str) -> Any:
    """A value typed on the command line, read as the setting's type wants it."""
    from desktop_app.core.settings import Settings

    default = getattr(Settings(), key, "")
    if isinstance(default, str):
        return text
    if isinstance(default, bool) and text.lower() in ("on", "yes", "off", "no"):
        return text.lower() in ("on", "yes")
    try:
        return json.loads(text)
    except ValueError:
        return text  # refused by the schema, which names the field


def run_set(args: argparse.Namespace) -> int:
    from desktop_app.core.errors import InputError
    from desktop_app.core.settings_door import change_settings

    if len(args.pairs) % 2:
        raise InputError(_("give each setting a value: KEY VALUE [KEY VALUE ...]"))
    pairs = list(zip(args.pairs[::2], args.pairs[1::2], strict=True))
    change = change_settings(**{key: _value(key, text) for key, text in pairs})
    if args.json:
        print_json(change.as_json())
    else:
        print(change.describe())
    return 0
