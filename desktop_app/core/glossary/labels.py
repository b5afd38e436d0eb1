"""Glossary statuses and the shipped glossaries' domains as the user reads them: the data
stays English (CSV, TBX, the database); these names are translated where they are shown."""

from __future__ import annotations

from desktop_app.core.i18n import N_, _

STATUS_NAMES = {"preferred": N_("preferred"), "admitted": N_("admitted"),
                "forbidden": N_("forbidden")}
# the finer TBX statuses a term keeps within its status (see store.STATUS_DETAILS)
DETAIL_NAMES = {"deprecated": N_("deprecated"), "superseded": N_("superseded"),
                "standardized": N_("standardized"), "legal": N_("legal"),
                "regulated": N_("regulated")}

DOMAIN_NAMES = {name: name for name in (
    N_("person"), N_("place"), N_("organisation"), N_("title"), N_("concept"), N_("event"),
    N_("calendar"), N_("administration"), N_("education"), N_("transport"), N_("health"),
    N_("justice"), N_("food"), N_("economy"), N_("security"), N_("technology"),
    N_("culture"))}


GLOSSARY_NAMES = {"starter": N_("starter"), "my-glossary": N_("my glossary"),
                  "project": N_("this project")}


def glossary_label(name: str) -> str:
    """The shipped, personal and project glossaries by name in the UI language; a shared
    team glossary by its own name."""
    return _(GLOSSARY_NAMES[name]) if name in GLOSSARY_NAMES else name


def status_label(status: str, detail: str = "") -> str:
    """A status in the UI language, with the finer TBX status when there is one:
    "forbidden (superseded)"."""
    name = _(STATUS_NAMES.get(status, status))
    if not detail:
        return name
    return _("{status} ({detail})").format(status=name,
                                           detail=_(DETAIL_NAMES.get(detail, detail)))


def domain_label(domain: str) -> str:
    """A known domain in the UI language; a user's own domain as written."""
    key = domain.strip().lower()
    return _(DOMAIN_NAMES[key]) if key in DOMAIN_NAMES else domain
