"""``tarjuman qa PROJECT``: every QA finding of a project, headless."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.core import qa, qa_length
from desktop_app.core.glossary.library import open_for_project
from desktop_app.core.i18n import _, ngettext, number
from desktop_app.core.project import Project


def register(sub: Any) -> None:
    p = sub.add_parser("qa", help=_("check a project: glossary, numbers, punctuation, bidi..."))
    p.add_argument("project", type=Path)
    checks = (*qa.ALL_CHECKS, qa_length.LENGTH_LIMIT)
    p.add_argument("--disable", action="append", default=[], choices=checks,
                   metavar="CHECK", help=_("switch a check off: {checks}").format(
                       checks=", ".join(checks)))
    p.add_argument("--strict", action="store_true", help=_("keep Pashto letter distinctions"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project, open_for_project(project.path) as gs:
        segments = project.segments()
        concepts = list(gs.concepts())
        spell = None
        if qa.SPELLING not in args.disable and project.target_lang in ("prs", "ps", "fa"):
            from desktop_app.core.spell.vocabulary import checker_for

            confirmed = [s.target for s in segments if s.status == "confirmed"]
            spell = checker_for(project.target_lang, concepts=concepts, texts=confirmed)
            spell = spell if spell.trusted else None
        findings = qa.check([(s.source, s.target) for s in segments], project.source_lang,
                            project.target_lang, concepts=concepts,
                            disabled=args.disable, strict=args.strict, spell=spell)
        findings += qa_length.check(segments, project.block_meta(), disabled=args.disable)
        if qa.LOW_CONFIDENCE not in args.disable:
            from desktop_app.core.mt.confidence import low_confidence
            from desktop_app.core.settings import Settings

            findings += low_confidence(segments, Settings.load().mt_low_confidence)
            findings.sort(key=lambda f: (f.segment, f.code))
    if args.json:
        print_json([{**f.as_json(), "segment_id": segments[f.segment].id} for f in findings])
    else:
        for f in findings:
            print(_("segment {id}: {code}: {message}").format(
                id=segments[f.segment].id, code=f.code, message=f.message))
        print(_("{findings} in {segments}").format(
            findings=ngettext("{n} finding", "{n} findings", len(findings)).format(
                n=number(len(findings))),
            segments=ngettext("{n} segment", "{n} segments", len(segments)).format(
                n=number(len(segments)))))
    return 0
