"""The UI language: gettext catalogs under resources/locale, read with Babel.

``_()`` marks and translates a user-facing string, in the GUI and in core alike (core
messages, QA findings, notes: no Qt here); widgets set their texts in a ``retranslate()``
method so the language can change while the app runs. ``N_()`` marks a string where it is
defined (a table, a constant) for ``_()`` to translate where it is shown.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from desktop_app.core import languages
from desktop_app.core.resources import shipped

DOMAIN = "tarjuman"


def locale_dir() -> Path:
    return shipped("resources", "locale")


@cache
def _catalog(code: str) -> dict[str, str]:
    folder = locale_dir() / code / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            catalog = read_mo(fh)
    elif po.is_file():
        with po.open("rb") as fh:
            catalog = read_po(fh)
    else:
        return {}
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


def N_(text: str) -> str:  # noqa: N802
    """Mark a string for the catalogs where it is defined; translate it where it is shown."""
    return text


def _(text: str) -> str:
    code = languages.ui_language()
    if code == "en":
        return text
    return _catalog(code).get(text, text)


def set_language(code: str) -> languages.Language:
    return languages.set_ui_language(code)


def number(value: int) -> str:
    """A count or row number in the UI language's digits (called per row: kept cheap)."""
    text = str(value)
    return languages.to_native_digits(text) if languages.ui_language() != "en" else text


def isolate(text: str) -> str:
    """A quoted term inside a message of the other script (a Dari term in an English line, an
    English name in a Dari line): first-strong isolation keeps both in their own order."""
    return f"\u2068{text}\u2069"


def quoted(text: str) -> str:
    """A term quoted in a message, isolated from the words around it."""
    return isolate(f"«{text}»" if languages.ui_language() != "en" else repr(text))
