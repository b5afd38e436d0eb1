"""``tarjuman glossary``: the term bases from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.core import languages
from desktop_app.core.errors import InputError
from desktop_app.core.glossary import csvio, tbx
from desktop_app.core.glossary.editor import GlossaryEditor, read_file
from desktop_app.core.glossary.labels import domain_label, status_label
from desktop_app.core.glossary.library import open_default
from desktop_app.core.glossary.qa import GlossaryQA
from desktop_app.core.glossary.search import KIND_LABELS
from desktop_app.core.glossary.store import Concept, GlossaryError, Term
from desktop_app.core.i18n import N_, _, ngettext, number
from desktop_app.core.textio import check_output, read_text

SOURCE_LABELS = {"glossary": N_("from a glossary"), "tm": N_("from the TM"),
                 "table": N_("from the table of name parts"), "rules": N_("by spelling rules")}


def _term_arg(status: str) -> Any:
    def parse(value: str) -> Term:
        lang, sep, text = value.partition("=")
        if not sep or not text.strip():
            raise argparse.ArgumentTypeError(_("expected LANG=TEXT, got {value!r}").format(
                value=value))
        try:
            code = languages.get(lang).code
        except Exception as exc:
            raise argparse.ArgumentTypeError(str(exc)) from exc
        return Term(code, text.strip(), status)
    return parse


def register(sub: Any) -> None:
    p = sub.add_parser("glossary", help=_("term bases: list, search, edit, import, export, check"))
    g = p.add_subparsers(dest="glossary_command", metavar="ACTION", required=True,
                         parser_class=type(p))
    ls = g.add_parser("list", help=_("every concept (your glossary first)"))
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)
    se = g.add_parser("search", help=_("search terms and notes (spelling-variant aware)"))
    se.add_argument("query")
    se.add_argument("--lang", help=_("only terms in this language"))
    se.add_argument("--no-notes", action="store_true",
                    help=_("terms only: leave out concepts found only by their notes"))
    se.add_argument("--json", action="store_true")
    se.set_defaults(func=run_search)
    add = g.add_parser("add", help=_("add a concept to your glossary"))
    _term_options(add)
    add.add_argument("--domain", default="")
    add.add_argument("--note", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(func=run_add)
    ed = g.add_parser("edit", help=_("change a concept of your glossary"))
    ed.add_argument("id", type=int)
    _term_options(ed)
    ed.add_argument("--domain")
    ed.add_argument("--note")
    ed.add_argument("--remove-term", type=int, action="append", default=[], metavar="TERM_ID")
    ed.add_argument("--json", action="store_true")
    ed.set_defaults(func=run_edit)
    rm = g.add_parser("remove", help=_("remove a concept from your glossary"))
    rm.add_argument("id", type=int)
    rm.set_defaults(func=run_remove)
    im = g.add_parser("import", help=_("import a .tbx, .csv or .tsv file into your glossary"))
    im.add_argument("file", type=Path)
    im.set_defaults(func=run_import)
    ex = g.add_parser("export", help=_("export to .tbx, .csv or .tsv"))
    ex.add_argument("file", type=Path)
    ex.add_argument("--which", choices=["mine", "starter", "all"], default="mine")
    ex.set_defaults(func=run_export)
    ck = g.add_parser("check", help=_("QA two aligned files (one segment per line)"))
    ck.add_argument("source", type=Path)
    ck.add_argument("target", type=Path)
    ck.add_argument("--from", dest="source_lang", default="en")
    ck.add_argument("--to", dest="target_lang", default="dari")
    ck.add_argument("--strict", action="store_true", help=_("keep Pashto letter distinctions"))
    ck.add_argument("--json", action="store_true")
    ck.set_defaults(func=run_check)
    xt = g.add_parser("extract", help=_("list the names, acronyms and repeated phrases of a "
                                        "project that could go into the glossary"))
    xt.add_argument("project", type=Path)
    xt.add_argument("--min-count", type=int, default=1,
                    help=_("only candidates seen at least this often"))
    xt.add_argument("--not-term", action="append", default=[], metavar="TERM",
                    help=_("remember for this project that TERM is not a term (repeatable)"))
    xt.add_argument("--mt", action="store_true",
                    help=_("also suggest the machine translation of each new candidate"))
    xt.add_argument("--json", action="store_true")
    xt.set_defaults(func=run_extract)
    tr = g.add_parser("transliterate",
                      help=_("spell an English name in Dari or Pashto script (ranked)"))
    tr.add_argument("name")
    tr.add_argument("--to", dest="lang", default="dari", help=_("dari or pashto"))
    tr.add_argument("-n", type=int, default=3, help=_("how many candidates"))
    tr.add_argument("--json", action="store_true")
    tr.set_defaults(func=run_transliterate)


def _term_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--term", type=_term_arg("preferred"), action="append", default=[],
                   metavar="LANG=TEXT", help=_("preferred term (repeatable)"))
    p.add_argument("--admitted", type=_term_arg("admitted"), action="append", default=[],
                   metavar="LANG=TEXT", help=_("accepted variant"))
    p.add_argument("--forbidden", type=_term_arg("forbidden"), action="append", default=[],
                   metavar="LANG=TEXT", help=_("form that must not be used"))


def _concept_json(c: Concept) -> dict[str, Any]:
    return {"glossary": c.glossary, "id": c.id, "domain": c.domain, "note": c.note,
            "terms": [{"id": t.id, "lang": t.lang, "text": t.text, "status": t.status,
                       "pos": t.pos, "note": t.note, "case_sensitive": t.case_sensitive,
                       "do_not_translate": t.dnt} for t in c.terms]}


def _show(concepts: list[Concept], as_json: bool) -> None:
    if as_json:
        print_json([_concept_json(c) for c in concepts])
        return
    for c in concepts:
        terms = "; ".join(f"{t.lang}: {t.text}" + ("" if t.status == "preferred" else
                                                    f" ({status_label(t.status)})")
                          for t in c.terms)
        print(f"{c.glossary}:{c.id}  [{domain_label(c.domain)}]  {terms}")


def run_list(args: argparse.Namespace) -> int:
    with open_default() as gs:
        concepts = list(gs.concepts())
    _show(concepts, args.json)
    return 0


def run_search(args: argparse.Namespace) -> int:
    with open_default() as gs:
        found = gs.search_ranked(args.query, args.lang, limit=100, notes=not args.no_notes)
    if args.json:
        print_json([{**_concept_json(f.concept), "match": f.kind_name} for f in found])
        return 0
    for f in found:
        print(f"{_(KIND_LABELS[f.kind])}: ", end="")
        _show([f.concept], False)
    if not found:
        print(_("no term matches {query!r}").format(query=args.query))
    return 0


def run_add(args: argparse.Namespace) -> int:
    terms = args.term + args.admitted + args.forbidden
    if not terms:
        raise InputError(_("give at least one --term LANG=TEXT"))
    with open_default() as gs:
        changes = GlossaryEditor(gs.writable).add_concept(Concept(terms, args.domain, args.note))
        concept = gs.writable.get(changes.added[0])
    _show([concept], args.json)
    return 0


def run_edit(args: argparse.Namespace) -> int:
    """One step, one transaction: domain, note, terms added and removed."""
    with open_default() as gs:
        glossary = gs.writable
        concept = glossary.get(args.id)
        have = {t.id for t in concept.terms}
        for term_id in args.remove_term:
            if term_id not in have:
                raise GlossaryError(_("term {term_id} is not part of concept {id}").format(
                    term_id=term_id, id=concept.id))
        kept = [t for t in concept.terms if t.id not in args.remove_term]
        GlossaryEditor(glossary).edit_concept(
            args.id, domain=args.domain, note=args.note,
            terms=kept + args.term + args.admitted + args.forbidden)
        changed = glossary.get(args.id)
    _show([changed], args.json)
    return 0


def run_remove(args: argparse.Namespace) -> int:
    with open_default() as gs:
        GlossaryEditor(gs.writable).delete_concept(args.id)
    print(_("removed concept {id}").format(id=args.id))
    return 0


def run_import(args: argparse.Namespace) -> int:
    concepts = read_file(args.file)
    with open_default() as gs:
        changes = GlossaryEditor(gs.writable).import_concepts(concepts)
    print(_("imported {added} concepts ({terms} terms) from {name}").format(
        added=len(changes.added), terms=changes.terms, name=args.file.name))
    return 0


def run_export(args: argparse.Namespace) -> int:
    suffix = args.file.suffix.lower()
    if suffix not in (".tbx", ".csv", ".tsv"):
        raise InputError(_("{name}: choose .tbx, .csv or .tsv").format(name=args.file.name))
    check_output(args.file)
    with open_default() as gs:
        chosen = {"mine": gs.glossaries[:1], "starter": gs.glossaries[1:],
                  "all": gs.glossaries}[args.which]
        concepts = [c for g in chosen for c in g.concepts()]
    if suffix == ".tbx":
        tbx.write(args.file, concepts)
    elif suffix in (".csv", ".tsv"):
        csvio.write(args.file, concepts)
    else:
        raise InputError(_("{name}: choose .tbx, .csv or .tsv").format(name=args.file.name))
    print(ngettext("exported {n} concept to {file}", "exported {n} concepts to {file}",
                   len(concepts)).format(n=number(len(concepts)), file=args.file))
    return 0


def run_check(args: argparse.Namespace) -> int:
    sources = read_text(args.source).splitlines()
    targets = read_text(args.target).splitlines()
    if len(sources) != len(targets):
        raise InputError(_("{source} has {n} lines but {target} has {m}: the files must be aligned "
                           "line by line").format(
                               source=args.source.name, n=len(sources), target=args.target.name,
                               m=len(targets)))
    with open_default() as gs:
        qa = GlossaryQA(gs.concepts(), args.source_lang, args.target_lang,
                        strict=args.strict)
    findings = qa.check(list(zip(sources, targets, strict=True)))
    if args.json:
        print_json([f.as_json() for f in findings])
    else:
        for f in findings:
            print(_("line {line}: {code}: {message}").format(
                line=f.segment + 1, code=f.code, message=f.message))
        print(_("{findings} in {segments}").format(
            findings=ngettext("{n} finding", "{n} findings", len(findings)).format(
                n=number(len(findings))),
            segments=ngettext("{n} segment", "{n} segments", len(sources)).format(
                n=number(len(sources)))))
    return 0


def run_transliterate(args: argparse.Namespace) -> int:
    from desktop_app.core.names.transliterate import memory_for, transliterate
    from desktop_app.core.tm import TranslationMemory

    with open_default() as gs, TranslationMemory() as tm:
        memory = memory_for(gs, tm)
    found = transliterate(args.name, args.lang, args.n, memory)
    if args.json:
        print_json({"name": args.name, "lang": languages.get(args.lang).code,
                    "candidates": [{"target": c.target, "score": c.score, "from": c.source}
                                   for c in found]})
        return 0
    for rank, c in enumerate(found, 1):
        print(f"{number(rank)}. {c.target}  ({number(round(c.score * 100))}%, "
              f"{_(SOURCE_LABELS[c.source])})")
    return 0


def run_extract(args: argparse.Namespace) -> int:
    from desktop_app.core.names.extract import mark_not_term, project_candidates
    from desktop_app.core.project import Project
    from desktop_app.core.session import EditSession

    if args.min_count < 1:
        raise InputError(_("--min-count must be at least 1"))
    session = EditSession(Project.open(args.project), qa=False)
    try:
        for term in args.not_term:
            mark_not_term(session.project, term)
        translate = None
        if args.mt:
            from desktop_app.core.mt.routing import translate_texts

            project = session.project

            def translate(texts: list[str]) -> list[str]:
                return [r.text for r in translate_texts(texts, project.source_lang,
                                                        project.target_lang)]
        found = project_candidates(session, min_count=args.min_count, translate=translate)
    finally:
        session.close()
    if args.json:
        print_json({"candidates": [c.as_json() for c in found]})
        return 0
    kinds = {"name": _("name"), "acronym": _("acronym"), "phrase": _("phrase")}
    for c in found:
        mark = _("in glossary") if c.in_glossary else _("new")
        offers = "; ".join(s.target for s in c.suggestions[:3])
        print(f"{c.term}  [{kinds[c.kind]}, {mark}]  ×{number(c.count)}"
              + (f"  → {offers}" if offers else ""))
    if not found:
        print(_("no candidates"))
    return 0
