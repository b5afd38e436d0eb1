"""``tarjuman spell``: misspelt words of a Dari or Pashto text, and dictionary install."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop_app.commands import print_json
from desktop_app.core import languages
from desktop_app.core.errors import InputError
from desktop_app.core.glossary.library import open_default
from desktop_app.core.i18n import _, ngettext, number
from desktop_app.core.spell import dictionaries
from desktop_app.core.spell.vocabulary import checker_for, untrusted_note
from desktop_app.core.textio import read_text


def register(sub: Any) -> None:
    p = sub.add_parser("spell", help=_("spell-check a Dari or Pashto text file, or `spell "
                                       "install FILE.dic` to install a Hunspell dictionary"))
    p.add_argument("file", help=_("text file to check, or `install`"))
    p.add_argument("dictionary", nargs="?", type=Path, help=_("with install: the .dic file (its "
                                                              ".aff beside it)"))
    p.add_argument("--lang", default="dari", help=_("dari or pashto (default dari)"))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _lang(value: str) -> str:
    lang = languages.get(value)
    if lang.code not in ("prs", "ps", "fa"):
        raise InputError(_("spell checking is for Dari and Pashto, not {name}").format(
            name=lang.english_name))
    return lang.code


def run(args: argparse.Namespace) -> int:
    lang = _lang(args.lang)
    if args.file == "install" and args.dictionary is not None:
        path = dictionaries.install(args.dictionary, lang)
        print(_("installed {name} for {language}").format(
            name=path.name, language=languages.get(lang).english_name))
        return 0
    if args.dictionary is not None:
        raise InputError(_("give one file to check (or: spell install FILE.dic)"))
    lines = read_text(Path(args.file)).splitlines()
    checker = checker_for(lang, concepts=open_default().concepts())
    suggestions: dict[str, list[str]] = {}
    found = []
    for n, line in enumerate(lines, 1):
        for miss in checker.check(line):
            if miss.word not in suggestions:
                suggestions[miss.word] = checker.suggest(miss.word)
            found.append((n, miss, suggestions[miss.word]))
    if args.json:
        misspelt = [{"line": n, **m.as_json(), "suggestions": s} for n, m, s in found]
        print_json({"dictionary": str(checker.dictionary or ""), "trusted": checker.trusted,
                    "misspelt": misspelt})
        return 0
    if not checker.trusted:
        print(untrusted_note(checker))
    elif checker.dictionary is None:
        print(_("no Hunspell dictionary for this language: checked against learned words "
                "only (install one with `tarjuman spell install FILE.dic`)"))
    for n, miss, sugg in found:
        tail = (": " + ", ".join(sugg)) if sugg else ""
        print(_("line {line}, column {column}: {word}").format(
            line=n, column=miss.start + 1, word=miss.word) + tail)
    print(_("{words} in {lines}").format(
        words=ngettext("{n} misspelt word", "{n} misspelt words", len(found)).format(
            n=number(len(found))),
        lines=ngettext("{n} line", "{n} lines", len(lines)).format(n=number(len(lines)))))
    return 0
