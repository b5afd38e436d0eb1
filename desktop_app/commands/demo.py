"""``tarjuman demo``: the headless demo `make run` falls back to without a display."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.core import languages
from desktop_app.core.errors import NoModelError
from desktop_app.core.mt.plaintext import translate_lines
from desktop_app.core.mt.routing import choose
from desktop_app.core.resources import sample
from desktop_app.core.textio import read_text


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="translate the bundled sample with an installed model")
    p.add_argument("--lines", type=int, default=8, help="how many sample lines (default 8)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lines = [ln for ln in read_text(sample("panjshir.txt")).splitlines() if ln.strip()]
    lines = lines[: max(1, args.lines)]
    for target in (languages.DARI, languages.PASHTO):
        print(f"== English -> {target.english_name} ({target.native_name})")
        try:
            route = choose("en", target.code)
        except NoModelError as exc:
            print(f"   {exc}")
            continue
        print(f"   model: {route.model.id} [{route.model.engine}] {route.note}")
        out, _ = translate_lines(lines, "en", target.code)
        for src, tgt in zip(lines, out, strict=True):
            print(f"   {src}\n   -> {tgt}")
    return 0
