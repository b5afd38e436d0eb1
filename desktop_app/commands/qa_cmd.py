"""``tarjuman qa PROJECT``: every QA finding of a project with its severity, as text,
JSON, an HTML or CSV report; ``tarjuman qa ignore PROJECT SEGMENT CODE`` ignores a
finding; ``tarjuman qa profile export|import PROJECT FILE`` shares a QA profile."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.core import qa, qa_length
from desktop_app.core.errors import InputError
from desktop_app.core.glossary.library import open_for_project
from desktop_app.core.i18n import _, ngettext, number
from desktop_app.core.project import Project
from desktop_app.core.qa import profiles, report, review
from desktop_app.core.textio import read_text, write_atomic

ACTIONS = ("ignore", "unignore", "profile")


def register(sub: Any) -> None:
    p = sub.add_parser("qa", help=_("check a project: glossary, numbers, punctuation, bidi..."),
                       description=_("tarjuman qa PROJECT [options] | qa ignore PROJECT SEGMENT "
                                     "CODE | qa unignore PROJECT SEGMENT CODE | qa profile "
                                     "export|import PROJECT FILE"))
    p.add_argument("project", type=Path, help=_("the project (or ignore, unignore, profile)"))
    p.add_argument("more", nargs="*", help=argparse.SUPPRESS)
    p.add_argument("--disable", action="append", default=[],
                   choices=(checks := (*qa.ALL_CHECKS, qa_length.LENGTH_LIMIT)),
                   metavar="CHECK", help=_("switch a check off: {checks}").format(
                       checks=", ".join(checks)))
    p.add_argument("--strict", action="store_true", help=_("keep Pashto letter distinctions"))
    p.add_argument("--json", action="store_true")
    p.add_argument("--html", type=Path, metavar="FILE", help=_("write a report for a reviewer"))
    p.add_argument("--csv", type=Path, metavar="FILE", help=_("write the findings as CSV"))
    p.set_defaults(func=run)


def _usage(text: str) -> InputError:
    return InputError(_("usage: {usage}").format(usage=text))


def run(args: argparse.Namespace) -> int:
    action = str(args.project)
    if action in ACTIONS and not args.project.is_file():
        return {"ignore": run_ignore, "unignore": run_ignore,
                "profile": run_profile}[action](action, args.more)
    if args.more:
        raise InputError(_("unexpected arguments: {args}").format(args=" ".join(args.more)))
    return run_check(args)


def _segment_number(text: str) -> int:
    if not text.isdigit():
        raise InputError(_("{text} is not a segment number").format(text=text))
    return int(text)


def run_ignore(action: str, rest: list[str]) -> int:
    from desktop_app.core.session import EditSession

    if len(rest) != 3:
        raise _usage(_("tarjuman qa {action} PROJECT SEGMENT CODE").format(action=action))
    path, segment, code = Path(rest[0]), _segment_number(rest[1]), rest[2]
    if code not in profiles.CODES:
        raise InputError(_("unknown check {code!r} (known: {codes})").format(
            code=code, codes=", ".join(profiles.CODES)))
    session = EditSession(Project.open(path), qa=False)
    try:
        row = session.row(segment)
        if action == "ignore":
            session.ignore_finding(row, code)
            print(_("segment {id}: {code} ignored").format(id=segment, code=code))
        else:
            session.unignore_finding(row, code)
            print(_("segment {id}: {code} checked again").format(id=segment, code=code))
    finally:
        session.close()
    return 0


def run_profile(_action: str, rest: list[str]) -> int:
    from desktop_app.core.session import EditSession

    if len(rest) != 3 or rest[0] not in ("export", "import"):
        raise _usage(_("tarjuman qa profile export|import PROJECT FILE"))
    verb, path, file = rest[0], Path(rest[1]), Path(rest[2])
    if verb == "export":
        with Project.open(path) as project:
            profile = profiles.for_project(project)
        write_atomic(file, profile.dumps().encode("utf-8"), [path])
        print(_("wrote {output}").format(output=file))
        return 0
    profile = profiles.parse(read_text(file), file.name)
    session = EditSession(Project.open(path), qa=False)
    try:
        session.set_qa_profile(profile)
    finally:
        session.close()
    print(_("{project} now uses the QA profile {name}").format(
        project=path.name, name=profile.name or file.name))
    return 0


def project_items(project: Project, *, strict: bool = False,
                  disabled: list[str] | tuple[str, ...] = ()) -> list[review.Item]:
    """Every finding of a project under its profile (``disabled`` checks off)."""
    profile = profiles.for_project(project)
    if disabled:
        off = {c: profiles.OFF for c in disabled}
        if "glossary" in disabled:
            off.update({c: profiles.OFF for c in profiles.TERM_CODES})
        profile = dataclasses.replace(profile, severities={**profile.severities, **off})
    with open_for_project(project.path) as gs:
        segments = project.segments()
        concepts = list(gs.concepts())
    spell = None
    if profile.severity(qa.SPELLING) != profiles.OFF and project.target_lang in ("prs", "ps",
                                                                                 "fa"):
        from desktop_app.core.spell.vocabulary import checker_for

        confirmed = [s.target for s in segments if s.status == "confirmed"]
        spell = checker_for(project.target_lang, concepts=concepts, texts=confirmed)
        spell = spell if spell.trusted else None
    checker = review.Checker(profile, project.source_lang, project.target_lang,
                             concepts=concepts, spell=spell, strict=strict,
                             limits=review.block_limits(project))
    found = checker.run(segments)
    # the file's own length limits and MT's confidence, kept with the segments
    extra = qa_length.check(segments, project.block_meta(), disabled=disabled)
    if profile.severity(qa.LOW_CONFIDENCE) != profiles.OFF:
        from desktop_app.core.mt.confidence import low_confidence
        from desktop_app.core.settings import Settings

        extra += low_confidence(segments, Settings.load().mt_low_confidence)
    for f in extra:
        found.setdefault(f.segment, []).append(f)
    return review.items(segments, found, profile, project.ignored())


def run_check(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        items = project_items(project, strict=args.strict, disabled=args.disable)
        title = project.document()[0]
        source_lang, target_lang = project.source_lang, project.target_lang
        total = len(project.segments())
    if args.html:
        write_atomic(args.html, report.to_html(items, title=title, source_lang=source_lang,
                                               target_lang=target_lang).encode("utf-8"),
                     [args.project])
    if args.csv:
        write_atomic(args.csv, report.to_csv(items).encode("utf-8"), [args.project])
    open_items = [i for i in items if not i.ignored]
    if args.json:
        print_json([i.as_json() for i in items])
        return 0
    for i in open_items:
        print(_("segment {id}: {severity}: {code}: {message}").format(
            id=i.segment.id, severity=report.severity_name(i.severity), code=i.finding.code,
            message=i.finding.message))
    print(_("{findings} in {segments}").format(
        findings=ngettext("{n} finding", "{n} findings", len(open_items)).format(
            n=number(len(open_items))),
        segments=ngettext("{n} segment", "{n} segments", total).format(n=number(total))))
    ignored = len(items) - len(open_items)
    if ignored:
        print(ngettext("{n} ignored finding not shown", "{n} ignored findings not shown",
                       ignored).format(n=number(ignored)))
    return 0
