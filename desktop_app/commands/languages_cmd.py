"""``tarjuman languages``: the languages Tarjuman knows, their names and direction."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.commands import print_json
from desktop_app.core import languages
from desktop_app.core.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("languages", help=_("list supported languages"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    rows = [
        {
            "code": lang.code,
            "name": lang.display_name(),
            "english_name": lang.english_name,
            "native_name": lang.native_name,
            "direction": lang.direction,
            "bcp47": lang.bcp47,
            "babel_locale": lang.babel_locale,
            "nllb_code": lang.nllb_code,
            "aliases": list(lang.aliases),
        }
        for lang in languages.LANGUAGES
    ]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['code']:<4} {row['english_name']:<8} {row['native_name']:<8} "
                  f"{row['direction']}  aliases: {', '.join(row['aliases'])}")
    return 0
