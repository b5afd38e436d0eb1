"""The checker a translator gets: the installed dictionary of the language (if any), the
glossary terms, the confirmed segments of the translation memory and of the open
project, and the personal dictionary."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop_app.core import languages
from desktop_app.core.glossary.store import Concept
from desktop_app.core.i18n import _
from desktop_app.core.settings import Settings
from desktop_app.core.spell import dictionaries, wordlists
from desktop_app.core.spell.checker import SpellChecker, personal_file

TM_UNITS = 20_000  # the newest confirmed segments learned from the TM


def tm_targets(lang: str, path: Path | None = None, limit: int = TM_UNITS) -> list[str]:
    from desktop_app.core.tm import TranslationMemory, tm_file

    path = path or tm_file()
    if not path.exists():
        return []
    code = languages.get(lang).code
    with TranslationMemory(path) as tm:
        rows = tm.db.execute("SELECT target FROM units WHERE target_lang = ? "
                             "ORDER BY created DESC LIMIT ?", [code, limit]).fetchall()
    return [r[0] for r in rows]


def checker_for(lang: str, *, concepts: Iterable[Concept] = (), texts: Iterable[str] = (),
                dictionary: Path | None = None, use_tm: bool = True) -> SpellChecker:
    """A checker for ``lang`` with everything the user has taught Tarjuman."""
    learned = list(texts) + (tm_targets(lang) if use_tm else [])
    code = languages.get(lang).code
    installed = dictionary or dictionaries.find(code)
    own = wordlists.shipped_dictionary(code)
    # an installed dictionary wins; Dari puts Tarjuman's own list on top of it (an Iranian
    # dictionary lacks the Afghan words); without one, Tarjuman's own list is used
    overlay = own if installed is not None and code == "prs" else None
    return SpellChecker(lang, dictionary=installed or own, overlay=overlay,
                        learned=learned, concepts=concepts, personal=personal_file(lang))


def checker_for_session(session: Any) -> SpellChecker | None:
    """The checker for an editing session's target language, or None when it would only
    cry wolf (no dictionary and too few learned words) or the language is not checked."""
    lang = languages.get(session.project.target_lang).code
    if lang not in dictionaries.NAMES or not Settings.load().spelling:
        return None
    confirmed = [s.target for s in session.segments if s.status == "confirmed"]
    checker = checker_for(lang, concepts=session.matcher.concepts.values(), texts=confirmed)
    return checker if checker.trusted else None


def untrusted_note(checker: SpellChecker) -> str:
    """One line: why this checker's verdicts are weak, what it still checks, how to fix it."""
    return _("spelling is unreliable: no Hunspell dictionary and only {learned} learned "
             "words, so only the {common} most common words and your own count as right; "
             "install a dictionary with `tarjuman spell install FILE.dic`").format(
                 learned=checker.learned_count, common=checker.common_count)


def off_note(lang: str) -> tuple[str, str]:
    """What the editor says when it leaves spelling off (``checker_for_session`` gave None):
    one short line and its longer explanation; empty when the language is not checked."""
    code = languages.get(lang).code
    if code not in dictionaries.NAMES:
        return "", ""
    if not Settings.load().spelling:
        return (_("Spelling off (Tools > Settings)"),
                _("You turned spelling off in Tools > Settings; turn it on there."))
    name = languages.get(code).display_name()
    return (_("Spelling off: no {language} dictionary (tarjuman spell install FILE.dic)")
            .format(language=name),
            _("Spelling is off: there is no {language} Hunspell dictionary and too few "
              "confirmed segments to learn from. Turn it on: install a dictionary with "
              "`tarjuman spell install FILE.dic`, or confirm more segments and reopen the "
              "project.").format(language=name))
