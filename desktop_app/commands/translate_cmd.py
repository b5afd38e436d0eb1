"""``tarjuman translate``: a text file in, its translation out, one line per line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.commands.progress import ProgressBar
from desktop_app.core import languages
from desktop_app.core.errors import InputError
from desktop_app.core.glossary.enforce import Enforcer
from desktop_app.core.glossary.library import open_default
from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.mt.plaintext import translate_lines
from desktop_app.core.settings import Settings
from desktop_app.core.textio import read_text, write_atomic


def register(sub: Any) -> None:
    p = sub.add_parser("translate", help="translate a document with an offline model")
    p.add_argument("input", type=Path)
    p.add_argument("--to", required=True, dest="target", help="target language (dari, pashto...)")
    p.add_argument("--from", default="en", dest="source", help="source language (default en)")
    p.add_argument("-o", "--output", type=Path, required=True)
    p.add_argument("--engine", choices=["argos", "nllb"], help="force an engine")
    p.add_argument("--beam", type=int, help="beam size (default from settings)")
    p.add_argument("--n-best", type=int, help="alternatives to compute")
    p.add_argument("--no-cache", action="store_true", help="ignore the MT cache")
    p.add_argument("--no-glossary", action="store_true",
                   help="do not enforce glossary terms in the MT output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source, target = languages.get(args.source), languages.get(args.target)
    settings = Settings.load()
    if args.beam is not None:
        if args.beam < 1:
            raise InputError("--beam must be at least 1")
        settings.beam_size = args.beam
    if args.n_best is not None:
        settings.n_best = max(1, args.n_best)
    if args.output.resolve() == args.input.resolve():
        raise InputError("the output file must differ from the input file")
    text = read_text(args.input)
    lines = text.splitlines()
    enforcer = None
    if settings.use_glossary and not args.no_glossary:
        enforcer = Enforcer(Matcher(source.code, open_default().concepts()), target.code)
    bar = ProgressBar("translating")
    try:
        out_lines, results = translate_lines(lines, source.code, target.code,
                                             engine=args.engine, settings=settings,
                                             use_cache=not args.no_cache, on_progress=bar,
                                             enforcer=enforcer)
    finally:
        bar.close()
    notes = {r.note for r in results if r.note}
    for note in sorted(notes):
        print(f"note: {note}", file=sys.stderr)
    if enforcer is not None:
        enforced = sum(len(r.enforced) for r in results if not r.flags)
        lost = sum(1 for r in results if r.flags)
        print(f"glossary: {enforced} term(s) enforced"
              + (f"; {lost} segment(s) translated without enforcement (placeholders lost)"
                 if lost else ""), file=sys.stderr)
    out = "\n".join(out_lines) + ("\n" if lines else "")
    write_atomic(args.output, out.encode("utf-8"))
    print(f"wrote {len(lines)} lines to {args.output}", file=sys.stderr)
    return 0
