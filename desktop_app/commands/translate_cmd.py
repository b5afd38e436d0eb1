"""``tarjuman translate``: a document in, the same document translated out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.commands.progress import ProgressBar
from desktop_app.core import languages
from desktop_app.core.documents.registry import FORMATS
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _, ngettext, number
from desktop_app.core.mt import registry
from desktop_app.core.mt.libretranslate import check_url
from desktop_app.core.settings import Settings
from desktop_app.core.textio import check_input_file
from desktop_app.core.workflow import translate_document


def register(sub: Any) -> None:
    p = sub.add_parser("translate", help=_("translate a document ({formats}) with an offline "
                                           "model").format(formats=_(", ").join(FORMATS)))
    p.add_argument("input", type=Path)
    p.add_argument("--to", required=True, dest="target", help=_("target language (dari, "
                                                                "pashto...)"))
    p.add_argument("--from", default="en", dest="source", help=_("source language (default en)"))
    p.add_argument("-o", "--output", type=Path, required=True,
                   help=_("output file: same type as the input, or .xlf/.tmx"))
    p.add_argument("--engine", choices=registry.ENGINE_NAMES,
                   help=_("force an engine"))
    p.add_argument("--model", help=_("use this installed model (see: tarjuman models list)"))
    p.add_argument("--server", help=_("LibreTranslate server URL for this run"))
    p.add_argument("--beam", type=int, help=_("beam size (default from settings)"))
    p.add_argument("--n-best", type=int, help=_("alternatives to compute"))
    p.add_argument("--no-cache", action="store_true", help=_("ignore the MT cache"))
    p.add_argument("--no-glossary", action="store_true",
                   help=_("do not enforce glossary terms in the MT output"))
    p.add_argument("--bilingual", action="store_true", help=_("side-by-side .docx or .html"))
    p.add_argument("--json", action="store_true",
                   help=_("print each segment's translation, origin and MT confidence as JSON"))
    p.add_argument("--retarget", action="store_true",
                   help=_("translate a bilingual file made for another target language "
                          "(its targets kept as reference)"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    source, target = languages.get(args.source), languages.get(args.target)
    settings = Settings.load()
    if args.beam is not None:
        if args.beam < 1:
            raise InputError(_("--beam must be at least 1"))
        settings.beam_size = args.beam
    if args.n_best is not None:
        settings.n_best = max(1, args.n_best)
    if args.model:
        settings.mt_model = registry.find(args.model).id
    if args.server:
        settings.libretranslate_url = check_url(args.server)
    check_input_file(args.input)
    if args.output.resolve() == args.input.resolve():
        raise InputError(_("the output file must differ from the input file"))
    bar = ProgressBar("translating")
    try:
        report = translate_document(args.input, args.output, source.code, target.code,
                                    engine=args.engine, settings=settings,
                                    glossary=not args.no_glossary,
                                    use_cache=not args.no_cache, bilingual=args.bilingual,
                                    retarget=args.retarget,
                                    on_progress=bar)
    finally:
        bar.close()
    for note in report.notes:
        print(_("note: {note}").format(note=note), file=sys.stderr)
    if report.glossary_lost:
        print(ngettext("glossary: {glossary_lost} segment translated without term enforcement "
                       "(placeholders lost)",
                       "glossary: {glossary_lost} segments translated without term enforcement "
                       "(placeholders lost)", report.glossary_lost).format(
            glossary_lost=number(report.glossary_lost)), file=sys.stderr)
    print(_("wrote {output} ({summary})").format(
        output=args.output, summary=report.summary()), file=sys.stderr)
    if args.json:
        print_json({"output": str(args.output), "from_mt": report.from_mt,
                    "from_tm": report.from_tm, "from_glossary": report.from_glossary,
                    "left": report.left,
                    "segments": [{"id": s.id, "source": s.source, "target": s.target,
                                  "origin": s.origin, "confidence": s.confidence}
                                 for s in report.segments]})
    return 0
