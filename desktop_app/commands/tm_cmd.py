"""``tarjuman tm``: the translation memory: import and export TMX, look up matches."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.core.i18n import N_, _, ngettext, number
from desktop_app.core.textio import check_output, write_atomic
from desktop_app.core.tm import TranslationMemory


def register(sub: Any) -> None:
    p = sub.add_parser("tm", help=_("translation memory: import/export TMX, look up, list, "
                                    "search, delete, align"))
    s = p.add_subparsers(dest="tm_command", metavar="ACTION", required=True,
                         parser_class=type(p))
    for name, helptext in (("import", N_("import a TMX file")),
                           ("export", N_("export as TMX 1.4b")),
                           ("lookup", N_("exact and fuzzy matches for a sentence"))):
        c = s.add_parser(name, help=_(helptext))
        c.add_argument("file" if name != "lookup" else "text", type=Path if name != "lookup"
                       else str)
        c.add_argument("--from", dest="source", default="en")
        c.add_argument("--to", dest="target", default="dari")
        c.add_argument("--json", action="store_true")
        c.set_defaults(func={"import": run_import, "export": run_export,
                             "lookup": run_lookup}[name])
    for name, helptext in (("list", N_("list the units, newest first")),
                           ("search", N_("units whose source or target holds a text (folded, "
                                         "half-space-aware)"))):
        c = s.add_parser(name, help=_(helptext))
        if name == "search":
            c.add_argument("query")
            c.add_argument("--side", choices=("both", "source", "target"), default="both")
        c.add_argument("--from", dest="source", default=None)
        c.add_argument("--to", dest="target", default=None)
        c.add_argument("--limit", type=int, default=100)
        c.add_argument("--json", action="store_true")
        c.set_defaults(func=run_list)
    c = s.add_parser("align", help=_("align an English document with its Dari or Pashto "
                                     "translation and store the sentence pairs in the TM"))
    c.add_argument("source", type=Path)
    c.add_argument("target_file", type=Path, metavar="TARGET")
    c.add_argument("--to", dest="target", required=True)
    c.add_argument("--tmx", type=Path, metavar="FILE", help=_("also write the pairs as TMX"))
    c.add_argument("--no-store", action="store_true",
                   help=_("do not add the pairs to the translation memory"))
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=run_align)
    c = s.add_parser("delete", help=_("delete units by id (see tm list)"))
    c.add_argument("ids", type=int, nargs="+", metavar="ID")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=run_delete)


def run_import(args: argparse.Namespace) -> int:
    with TranslationMemory() as tm:
        report = tm.import_tmx_report(args.file, args.source, args.target)
    print(ngettext("imported {added} translation unit from {name}",
                   "imported {added} translation units from {name}", report.stored).format(
        added=number(report.stored), name=args.file.name))
    if report.duplicates:
        print(ngettext("{n} unit repeated another and was stored once",
                       "{n} units repeated others and were stored once",
                       report.duplicates).format(n=number(report.duplicates)))
    if report.without_pair:
        print(ngettext("{n} unit lacked one of the two languages and was left out",
                       "{n} units lacked one of the two languages and were left out",
                       report.without_pair).format(n=number(report.without_pair)))
    return 0


def run_export(args: argparse.Namespace) -> int:
    check_output(args.file)
    with TranslationMemory() as tm:
        data = tm.export_tmx(args.source, args.target)
    write_atomic(args.file, data)
    print(_("wrote {file}").format(file=args.file))
    return 0


def run_lookup(args: argparse.Namespace) -> int:
    with TranslationMemory() as tm:
        matches = tm.matches(args.text, args.source, args.target)
    if args.json:
        print_json([{"score": m.score, "source": m.source, "target": m.target,
                     "diff": m.diff, "origin": m.origin, "created": m.created,
                     "author": m.author} for m in matches])
    else:
        for m in matches:
            print(f"{m.score:5.1f}%  {m.source}\n        {m.target}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from desktop_app.core.tm_manager import TmEditor

    query, side = getattr(args, "query", ""), getattr(args, "side", "both")
    with TmEditor() as editor:
        units = editor.search(query, side=side, source_lang=args.source,
                              target_lang=args.target, limit=max(args.limit, 0))
        total = editor.count(query, side=side, source_lang=args.source,
                             target_lang=args.target)
    if args.json:
        print_json({"total": total, "units": [u.as_json() for u in units]})
        return 0
    for u in units:
        who = f" {u.author}" if u.author else ""
        print(f"{u.id:>7} [{u.source_lang}->{u.target_lang}] {u.origin}{who}\n"
              f"        {u.source}\n        {u.target}")
    print(ngettext("{shown} of {total} unit", "{shown} of {total} units", total).format(
        shown=number(len(units)), total=number(total)))
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from desktop_app.core.errors import InputError
    from desktop_app.core.tm_manager import TmEditor

    with TmEditor() as editor:
        missing = [i for i in args.ids if not _exists(editor, i)]
        if missing:
            raise InputError(_("no translation memory unit {id}").format(id=missing[0]))
        changes = editor.delete(args.ids)
    if args.json:
        print_json({"deleted": changes.deleted})
    else:
        print(ngettext("deleted {n} unit", "deleted {n} units", len(changes.deleted)).format(
            n=number(len(changes.deleted))))
    return 0


def _exists(editor: Any, unit_id: int) -> bool:
    from desktop_app.core.errors import InputError

    try:
        editor.unit(unit_id)
    except InputError:
        return False
    return True


def run_align(args: argparse.Namespace) -> int:
    from desktop_app.core.align.document import align_files

    if args.tmx:
        check_output(args.tmx, [args.source, args.target_file])
    alignment = align_files(args.source, args.target_file, args.target)
    stored = 0 if args.no_store else alignment.to_tm()
    if args.tmx:
        write_atomic(args.tmx, alignment.tmx(), [args.source, args.target_file])
    if args.json:
        data = alignment.as_json()
        data["stored"] = stored
        print_json(data)
        return 0
    kinds: dict[str, int] = {}
    for link in alignment.links:
        kinds[link.kind] = kinds.get(link.kind, 0) + 1
    print(_("{links} links ({kinds}); {stored} units stored in the translation memory").format(
        links=number(len(alignment.links)),
        kinds=", ".join(f"{k} {number(v)}" for k, v in sorted(kinds.items())),
        stored=number(stored)))
    if args.tmx:
        print(_("wrote {file}").format(file=args.tmx))
    return 0
