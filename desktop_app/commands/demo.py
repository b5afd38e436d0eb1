"""``tarjuman demo``: the headless demo `make run` falls back to without a display."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.core import languages
from desktop_app.core.errors import NoModelError
from desktop_app.core.i18n import _
from desktop_app.core.mt.plaintext import translate_lines
from desktop_app.core.mt.routing import choose
from desktop_app.core.resources import sample
from desktop_app.core.textio import read_text


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help=_("translate the bundled sample with an installed model"))
    p.add_argument("--lines", type=int, default=8, help=_("how many sample lines (default 8)"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lines = [ln for ln in read_text(sample("panjshir.txt")).splitlines() if ln.strip()]
    lines = lines[: max(1, args.lines)]
    for target in (languages.DARI, languages.PASHTO):
        print(_("== English -> {language} ({native_name})").format(
            language=target.display_name(), native_name=target.native_name))
        try:
            route = choose("en", target.code)
        except NoModelError as exc:
            print(f"   {exc}")
            continue
        print(_("   model: {id} [{engine}] {note}").format(
            id=route.model.id, engine=route.model.engine, note=route.note))
        out, _stats = translate_lines(lines, "en", target.code)
        for src, tgt in zip(lines, out, strict=True):
            print(f"   {src}\n   -> {tgt}")
    return 0
