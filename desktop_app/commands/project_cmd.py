"""``tarjuman project``: create, inspect, pretranslate, edit and export translation projects."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.commands.progress import ProgressBar
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _, ngettext, number
from desktop_app.core.mt import registry
from desktop_app.core.pretranslate import pretranslate_file
from desktop_app.core.project import Project
from desktop_app.core.review import import_review
from desktop_app.core.textio import read_text


def register(sub: Any) -> None:
    p = sub.add_parser("project", help=_("translation projects (one .tarjuman file each)"))
    s = p.add_subparsers(dest="project_command", metavar="ACTION", required=True,
                         parser_class=type(p))
    new = s.add_parser("new", help=_("import a document into a new project"))
    new.add_argument("document", type=Path)
    new.add_argument("--to", required=True, dest="target")
    new.add_argument("--from", default="en", dest="source")
    new.add_argument("-o", "--output", type=Path, help=_("project file (default DOC.tarjuman)"))
    new.set_defaults(func=run_new)
    info = s.add_parser("info", help=_("languages, segments and progress"))
    info.add_argument("project", type=Path)
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=run_info)
    seg = s.add_parser("segments", help=_("list the segments"))
    seg.add_argument("project", type=Path)
    seg.add_argument("--json", action="store_true")
    seg.set_defaults(func=run_segments)
    pre = s.add_parser("pretranslate", help=_("fill untranslated segments from TM and MT"))
    pre.add_argument("project", type=Path)
    pre.add_argument("--engine", choices=[*registry.NAMES, "libretranslate"])
    pre.add_argument("--no-glossary", action="store_true")
    pre.set_defaults(func=run_pretranslate)
    edit = s.add_parser("edit", help=_("set the translation of one segment"))
    edit.add_argument("project", type=Path)
    edit.add_argument("segment", type=int)
    edit.add_argument("text")
    edit.add_argument("--confirm", action="store_true", help=_("also confirm it (adds to TM)"))
    edit.set_defaults(func=run_edit)
    apply = s.add_parser("apply", help=_("set many translations from a TSV file (segment id, "
                                         "tab, text), each saved at once"))
    apply.add_argument("project", type=Path)
    apply.add_argument("file", type=Path)
    apply.add_argument("--confirm", action="store_true", help=_("confirm each one too"))
    apply.set_defaults(func=run_apply)
    conf = s.add_parser("confirm", help=_("confirm segments as they are (adds them to the TM)"))
    conf.add_argument("project", type=Path)
    conf.add_argument("segments", type=int, nargs="+")
    conf.set_defaults(func=run_confirm)
    exp = s.add_parser("export", help=_("write the translation (original format, .xlf, .tmx)"))
    exp.add_argument("project", type=Path)
    exp.add_argument("-o", "--output", type=Path, required=True)
    exp.add_argument("--fallback", choices=["mt", "source"], default="mt",
                     help=_("what untranslated segments show (default: MT, else source)"))
    exp.add_argument("--bilingual", action="store_true", help=_("side-by-side .docx or .html"))
    exp.add_argument("--strict", action="store_true", help=_(
        "refuse to export while QA errors are open or segments are untranslated (the list "
        "goes to stderr)"))
    exp.set_defaults(func=run_export)
    rev = s.add_parser("import-review", help=_("bring back a reviewed file: the review .docx "
                                               "(export --bilingual) or XLIFF"))
    rev.add_argument("project", type=Path)
    rev.add_argument("file", type=Path)
    rev.add_argument("--confirm", action="store_true",
                     help=_("changed targets become confirmed (and go to the TM)"))
    rev.add_argument("--reviewer", help=_("who reviewed (default: the file's last author)"))
    rev.set_defaults(func=run_import_review)


def run_new(args: argparse.Namespace) -> int:
    with Project.create(args.document, args.target, source_lang=args.source,
                        path=args.output) as project:
        info = project.info()
        foreign = project.foreign_targets()
    print(_("created {path} ({segments} segments, {format}, "
            "{source_lang} -> {target_lang})").format(
        path=project.path, segments=info.segments, format=info.format, source_lang=info.source_lang,
        target_lang=info.target_lang))
    if foreign:
        print(_("note: the file's {n} targets are in {lang}, not {target_lang}: left "
                "out, to be translated").format(
                    n=foreign[1], lang=foreign[0], target_lang=info.target_lang))
    return 0


def run_info(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        info = project.info()
    if args.json:
        print_json(info.as_json())
    else:
        print(_("{document} [{format}] {source_lang} -> {target_lang}: {segments} segments, "
                "{words} words").format(
                    document=info.document, format=info.format, source_lang=info.source_lang,
                    target_lang=info.target_lang, segments=info.segments, words=info.words))
        print("  " + ", ".join(f"{k}: {v}" for k, v in info.by_status.items()))
    return 0


def run_segments(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        segs = project.segments()
    if args.json:
        print_json([{"id": s.id, "source": s.source, "target": s.target,
                     "status": s.status.value, "origin": s.origin} for s in segs])
    else:
        for s in segs:
            print(f"{s.id:>5} [{s.status.value:<9}] {s.source}\n      -> {s.target}")
    return 0


def run_pretranslate(args: argparse.Namespace) -> int:
    bar = ProgressBar("pretranslating")
    try:
        report = pretranslate_file(args.project, engine=args.engine,
                                   glossary=not args.no_glossary, on_progress=bar)
    finally:
        bar.close()
    for note in report.notes:
        print(_("note: {note}").format(note=note), file=sys.stderr)
    print(report.summary())
    return 0


def _session(path: Path) -> Any:
    """The editor's own door (TM with origin, propagation, undo), without QA."""
    from desktop_app.core.session import EditSession

    return EditSession(Project.open(path), qa=False)


def run_edit(args: argparse.Namespace) -> int:
    session = _session(args.project)
    try:
        row = session.row(args.segment)
        if args.confirm:
            session.confirm(row, args.text)
        else:
            session.edit(row, args.text)
        seg = session.segments[row]
        print(_("segment {id}: {status}").format(id=seg.id, status=seg.status.value))
    finally:
        session.close()
    return 0


def run_apply(args: argparse.Namespace) -> int:
    rows = []
    for n, line in enumerate(read_text(args.file).splitlines(), 1):
        if not line.strip():
            continue
        number, tab, text = line.partition("\t")
        if not tab or not number.strip().isdigit():
            raise InputError(_("{name}: line {n}: expected SEGMENT-ID<tab>TEXT").format(
                name=args.file.name, n=n))
        rows.append((int(number), text))
    session = _session(args.project)
    try:
        for segment_id, text in rows:
            row = session.row(segment_id)
            if args.confirm:
                session.confirm(row, text)
            else:
                session.edit(row, text)
            print(f"{'confirmed' if args.confirm else 'edited'} {segment_id}", flush=True)
    finally:
        session.close()
    return 0


def run_confirm(args: argparse.Namespace) -> int:
    session = _session(args.project)
    try:
        for segment_id in args.segments:
            session.confirm(session.row(segment_id))
    finally:
        session.close()
    print(ngettext("confirmed {n} segment", "confirmed {n} segments", len(args.segments)).format(
        n=number(len(args.segments))))
    return 0


def run_export(args: argparse.Namespace) -> int:
    session = _session(args.project)
    try:
        warning = session.check_export(args.output).warning()
        if args.strict:
            found = session.preflight()
            if found:
                for line in found.lines():
                    print(line, file=sys.stderr)
                print(_("tarjuman: error: {errors} and {untranslated}: nothing exported "
                        "(--strict)").format(
                    errors=ngettext("{n} open QA error", "{n} open QA errors",
                                    len(found.errors)).format(n=number(len(found.errors))),
                    untranslated=ngettext("{n} untranslated segment",
                                          "{n} untranslated segments",
                                          len(found.untranslated)).format(
                                              n=number(len(found.untranslated)))),
                    file=sys.stderr)
                return 1
        kind = session.export(args.output, fallback=args.fallback, bilingual=args.bilingual)
    finally:
        session.close()
    if warning:
        print(_("warning: {warning}").format(warning=warning), file=sys.stderr)
    print(_("wrote {output} ({kind})").format(output=args.output, kind=kind))
    return 0


def run_import_review(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        report = import_review(project, args.file, confirm=args.confirm,
                               reviewer=args.reviewer)
    for line in report.lines():
        print(line)
    return 0
