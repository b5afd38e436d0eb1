"""``tarjuman project``: create, inspect, pretranslate, edit and export translation projects."""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.commands.progress import ProgressBar
from desktop_app.core.errors import InputError
from desktop_app.core.history import UndoLog
from desktop_app.core.i18n import _, ngettext, number
from desktop_app.core.mt import registry
from desktop_app.core.notes import all_notes
from desktop_app.core.pretranslate import pretranslate_file
from desktop_app.core.project import Project
from desktop_app.core.settings import Settings
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
    new.add_argument("--retarget", action="store_true",
                     help=_("translate a bilingual file made for another target language "
                            "(its targets kept as reference)"))
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
    pre.add_argument("--engine", choices=registry.ENGINE_NAMES)
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
    ana = s.add_parser("analyze", help=_("word counts per TM match band, for a quote"))
    ana.add_argument("project", type=Path, nargs="+")
    ana.add_argument("--json", action="store_true")
    ana.add_argument("--csv", type=Path, metavar="FILE", help=_("also write the table as CSV"))
    ana.add_argument("--html", type=Path, metavar="FILE", help=_("also write it as HTML"))
    ana.add_argument("--weights", type=Path, metavar="FILE",
                     help=_("weights table (JSON, band: percent; default: the data dir's)"))
    ana.set_defaults(func=run_analyze)
    rev = s.add_parser("import-review", help=_("bring back a reviewed file: the review .docx "
                                               "(export --bilingual) or XLIFF"))
    rev.add_argument("project", type=Path)
    rev.add_argument("file", type=Path)
    rev.add_argument("--confirm", action="store_true",
                     help=_("changed targets become confirmed (and go to the TM)"))
    rev.add_argument("--reviewer", help=_("who reviewed (default: the file's last author)"))
    rev.set_defaults(func=run_import_review)
    split = s.add_parser("split", help=_("cut a segment in two at a character offset of its "
                                         "source (the paragraph is still exported whole)"))
    split.add_argument("project", type=Path)
    split.add_argument("segment", type=int)
    split.add_argument("offset", type=int, help=_("where the second part starts, counted in "
                                                  "characters of the source as "
                                                  "'project segments' shows it"))
    split.set_defaults(func=run_split)
    join = s.add_parser("join", help=_("join a segment with the next one of its paragraph "
                                       "(or XLIFF unit)"))
    join.add_argument("project", type=Path)
    join.add_argument("segment", type=int)
    join.set_defaults(func=run_join)
    for name, help_text in (("undo", _("take back the last change (an edit, a confirmation, "
                                       "a review import...) as the editor's Ctrl+Z does")),
                            ("redo", _("do again the last change taken back"))):
        step = s.add_parser(name, help=help_text)
        step.add_argument("project", type=Path)
        step.set_defaults(func=run_undo_redo, undo=name == "undo")
    hist = s.add_parser("history", help=_("the project's changes, newest first (what undo "
                                          "takes back next)"))
    hist.add_argument("project", type=Path)
    hist.add_argument("--json", action="store_true")
    hist.set_defaults(func=run_history)


def run_new(args: argparse.Namespace) -> int:
    with Project.create(args.document, args.target, source_lang=args.source,
                        path=args.output, retarget=args.retarget) as project:
        info = project.info()
        foreign = project.foreign_targets()
        notes = project.import_notes()
    print(_("created {path} ({segments} segments, {format}, "
            "{source_lang} -> {target_lang})").format(
        path=project.path, segments=info.segments, format=info.format, source_lang=info.source_lang,
        target_lang=info.target_lang))
    if foreign and foreign[0]:
        print(_("note: the file's {n} targets are in {lang}, not {target_lang}: left "
                "out, to be translated").format(
                    n=foreign[1], lang=foreign[0], target_lang=info.target_lang))
    elif foreign:
        print(_("note: {n} of the file's targets are not written in {target_lang}'s script: "
                "kept as reference, to be translated").format(
                    n=foreign[1], target_lang=info.target_lang))
    for note in notes:
        print(_("note: {note}").format(note=note))
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
        # a target the file had in another language or script: shown, never a target
        refs = {b.id: str(b.meta["reference"]) for b in project.blocks()
                if b.meta.get("reference")}
        metas = project.block_meta()
    firsts = {s.id for s in segs if s.position == 0}
    if args.json:
        notes = all_notes(segs, metas, Settings.load())  # the file's notes and limits
        print_json([{"id": s.id, "source": s.source, "target": s.target,
                     "status": s.status.value, "origin": s.origin,
                     "confidence": s.confidence,
                     **({"notes": notes[s.id].as_json()} if notes[s.id] else {}),
                     **({"reference": refs[s.block_id]} if s.id in firsts
                        and s.block_id in refs else {})} for s in segs])
    else:
        for s in segs:
            print(f"{s.id:>5} [{s.status.value:<9}] {s.source}\n      -> {s.target}")
            if s.id in firsts and s.block_id in refs:
                print(f"      ({refs[s.block_id]})")
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


def run_analyze(args: argparse.Namespace) -> int:
    from desktop_app.core.analysis import analyze_files, load_weights
    from desktop_app.core.textio import check_output, write_atomic

    if args.weights and not args.weights.is_file():
        raise InputError(_("no such file: {file}").format(file=args.weights))
    weights = load_weights(args.weights)
    outputs = [(p, kind) for p, kind in ((args.csv, "csv"), (args.html, "html")) if p]
    for path, _kind in outputs:
        check_output(path, args.project)
    result = analyze_files(args.project, weights=weights)
    for path, kind in outputs:
        write_atomic(path, result.csv() if kind == "csv" else result.html(), args.project)
    if args.json:
        print_json(result.as_json())
        return 0
    rows = [(_("Band"), _("Segments"), _("Words"), _("Characters"), _("Weight"),
             _("Weighted words")), *result.table()]
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    for row in rows:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    for path, _kind in outputs:
        print(_("wrote {file}").format(file=path), file=sys.stderr)
    return 0


def run_import_review(args: argparse.Namespace) -> int:
    session = _session(args.project)
    try:
        report = session.import_review(args.file, confirm=args.confirm,
                                       reviewer=args.reviewer)
    finally:
        session.close()
    for line in report.lines():
        print(line)
    return 0


def run_split(args: argparse.Namespace) -> int:
    return _reshape(args.project, lambda session: session.split(session.row(args.segment),
                                                                args.offset))


def run_join(args: argparse.Namespace) -> int:
    return _reshape(args.project, lambda session: session.join(session.row(args.segment)))


def _reshape(project: Path, step: Any) -> int:
    """A split or join through the session; prints the segments it made."""
    session = _session(project)
    try:
        for r in step(session).rows:
            seg = session.segments[r]
            print(_("segment {id}: {source}").format(id=seg.id, source=seg.source))
    finally:
        session.close()
    return 0


def run_undo_redo(args: argparse.Namespace) -> int:
    session = _session(args.project)
    try:
        changes = session.undo() if args.undo else session.redo()
    finally:
        session.close()
    if not changes:
        raise InputError(_("nothing to undo") if args.undo else _("nothing to redo"))
    done = ngettext("undid the last change: {n} segment", "undid the last change: {n} segments",
                    len(changes.rows)) if args.undo else ngettext(
        "redid the last change: {n} segment", "redid the last change: {n} segments",
        len(changes.rows))
    print(done.format(n=number(len(changes.rows))))
    return 0


def run_history(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        steps = UndoLog(project).listing()
    if args.json:
        print_json([asdict(step) for step in steps])
        return 0
    for step in steps:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(step.time))
        line = ngettext("{id}  {when}  {kind}: {n} segment", "{id}  {when}  {kind}: {n} segments",
                        step.segments).format(id=step.id, when=when, kind=step.kind,
                                              n=number(step.segments))
        print(_("{line} (undone)").format(line=line) if step.undone else line)
    return 0
