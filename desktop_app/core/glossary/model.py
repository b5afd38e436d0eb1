"""What a glossary holds, below every room that uses it (store, matcher, search, QA):
concepts with their terms, term statuses, the limits on a term, and language codes."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core import languages
from desktop_app.core.errors import TarjumanError

STATUSES = ("preferred", "admitted", "forbidden")
# The finer statuses of TBX (ISO 12620 administrativeStatus) that each status can carry:
# a deprecated or superseded term is forbidden, a standardized one preferred.
STATUS_DETAILS = {"preferred": ("standardized", "legal", "regulated"), "admitted": (),
                  "forbidden": ("deprecated", "superseded")}
# Terms are words and names: a longer "term" is a broken file (an unterminated quote) or an
# attack, and would make every match slow or crash the matcher.
MAX_TERM_CHARS = 1000
MAX_NOTE_CHARS = 20_000

def lang_code(code: str) -> str:
    """Canonical code for the languages Tarjuman knows; lower-case BCP-47 for the rest."""
    try:
        return languages.get(code).code
    except TarjumanError:
        return code.strip().replace("_", "-").lower()


@dataclass(slots=True)
class Term:
    lang: str
    text: str
    status: str = "preferred"
    pos: str = ""
    note: str = ""
    case_sensitive: bool = False
    dnt: bool = False  # do not translate: the source form is kept in the target
    id: int | None = None
    concept_id: int | None = None
    context: str = ""  # sentences showing the term in use, one a line
    status_detail: str = ""  # the finer TBX status within ``status`` (see STATUS_DETAILS)


@dataclass(slots=True)
class Concept:
    terms: list[Term] = field(default_factory=list)
    domain: str = ""
    note: str = ""
    ext_id: str = ""  # id in the file it came from (TBX conceptEntry id)
    id: int | None = None
    glossary: str = ""  # name of the glossary it belongs to
    # definitions by language code; "" holds the definition of the concept as a whole
    definitions: dict[str, str] = field(default_factory=dict)

    def definition(self, lang: str = "") -> str:
        """The definition in ``lang``, else the concept's own (language-neutral) one."""
        return self.definitions.get(lang_code(lang) if lang else "") or \
            self.definitions.get("", "")

    def terms_in(self, lang: str, *statuses: str) -> list[Term]:
        code = lang_code(lang)
        wanted = statuses or STATUSES
        found = [t for t in self.terms if t.lang == code and t.status in wanted]
        return sorted(found, key=lambda t: STATUSES.index(t.status))

    def preferred(self, lang: str) -> Term | None:
        terms = self.terms_in(lang, "preferred", "admitted")
        return terms[0] if terms else None
