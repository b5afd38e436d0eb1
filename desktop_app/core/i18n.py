"""The UI language: gettext catalogs under resources/locale, read with Babel.

``_()`` marks and translates a user-facing string, in the GUI and in core alike (core
messages, QA findings, notes: no Qt here); widgets set their texts in a ``retranslate()``
method so the language can change while the app runs. ``N_()`` marks a string where it is
defined (a table, a constant) for ``_()`` to translate where it is shown. ``ngettext()``
picks the form of a counted noun by the catalog's plural rule ("1 segment", "2 segments").
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from desktop_app.core.digits import to_native_digits
from desktop_app.core.resources import shipped

DOMAIN = "tarjuman"


def locale_dir() -> Path:
    return shipped("resources", "locale")


@cache
def _read(code: str) -> Catalog | None:
    folder = locale_dir() / code / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return read_mo(fh)
    if po.is_file():
        with po.open("rb") as fh:
            return read_po(fh)
    return None


@cache
def _catalog(code: str) -> dict[str, str]:
    catalog = _read(code)
    if catalog is None:
        return {}
    return {m.id: str(m.string) for m in catalog
            if isinstance(m.id, str) and m.id and m.string and not m.fuzzy}


@cache
def _translations(code: str) -> Translations:
    """The catalog as gettext translations (for its plural rule and plural forms)."""
    catalog = _read(code)
    if catalog is None:
        return Translations()
    buf = BytesIO()
    write_mo(buf, catalog)  # fuzzy entries are left out
    buf.seek(0)
    return Translations(fp=buf, domain=DOMAIN)


_ui = "en"  # the UI language's code; set through ``languages.set_ui_language``


def ui_language() -> str:
    return _ui


def use_language(code: str) -> None:
    """Speak ``code`` from now on (a code ``languages`` has checked)."""
    global _ui
    _ui = code


def N_(text: str) -> str:  # noqa: N802
    """Mark a string for the catalogs where it is defined; translate it where it is shown."""
    return text


def _(text: str) -> str:
    code = ui_language()
    if code == "en":
        return text
    return _catalog(code).get(text, text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message for ``n`` in the UI language (format the count in
    afterwards, with :func:`number`)."""
    code = ui_language()
    if code == "en":
        return singular if n == 1 else plural
    return str(_translations(code).ngettext(singular, plural, n))


_latin_digits = False  # the "ui_digits" setting: Latin digits in the Dari or Pashto UI


def set_digits(kind: str) -> None:
    """"native" (۱۲۳ in the Dari and Pashto UI) or "latin" (123 in every UI)."""
    global _latin_digits
    _latin_digits = kind == "latin"


def native_digits() -> bool:
    return ui_language() != "en" and not _latin_digits


def number(value: int) -> str:
    """A count or row number in the UI's digits: the UI language's own unless the
    setting says Latin (called per row: kept cheap)."""
    text = str(value)
    return to_native_digits(text) if native_digits() else text


_SIGNS = str.maketrans({".": "\u066b", ",": "\u066c", "%": "\u066a"})  # ٫ ٬ ٪


def shown_number(text: str) -> str:
    """A written number (``0.4``, ``12,500``, ``85%``) in the UI's digits: with native
    digits, the Arabic decimal, thousands and percent signs go with them (۰٫۴, ۱۲٬۵۰۰,
    ۸۵٪), never a Latin point between Dari digits."""
    return to_native_digits(text).translate(_SIGNS) if native_digits() else text


def percent(value: float) -> str:
    """A score or a share in the UI's digits and percent sign (85% or ۸۵٪)."""
    return shown_number(f"{value:g}%")


def isolate(text: str) -> str:
    """A quoted term inside a message of the other script (a Dari term in an English line, an
    English name in a Dari line): first-strong isolation keeps both in their own order."""
    return f"\u2068{text}\u2069"


def quoted(text: str) -> str:
    """A term quoted in a message, isolated from the words around it."""
    return isolate(f"«{text}»" if ui_language() != "en" else repr(text))


class Msg:
    """A message kept as its catalog id and arguments, put into words each time it is shown
    in the UI language of that moment: a QA finding made while the UI was English reads in
    Pashto after a switch to Pashto. Arguments are strings (names and numbers, already
    isolated), or :class:`Msg`, :class:`Quoted` or :class:`Joined` (rendered with it)."""

    __slots__ = ("msgid", "args")

    def __init__(self, msgid: str, **args: object) -> None:
        self.msgid = msgid
        self.args = tuple(sorted(args.items()))

    def __str__(self) -> str:
        return _(self.msgid).format(**{k: str(v) for k, v in self.args})

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.msgid, self.args) == (other.msgid, other.args)

    def __hash__(self) -> int:
        return hash((self.msgid, self.args))

    def __repr__(self) -> str:
        return f"Msg({self.msgid!r}, {dict(self.args)!r})"


class Quoted:
    """A term quoted as the UI language quotes (see :func:`quoted`), when shown."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return quoted(self.text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quoted) and self.text == other.text

    def __hash__(self) -> int:
        return hash(("quoted", self.text))


class Joined:
    """Parts joined by a translated separator (", ", " or "), when shown."""

    __slots__ = ("separator", "parts")

    def __init__(self, separator: str, parts: Iterable[object]) -> None:
        self.separator = separator
        self.parts = tuple(parts)

    def __str__(self) -> str:
        return _(self.separator).join(str(p) for p in self.parts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Joined) and (self.separator, self.parts) == (
            other.separator, other.parts)

    def __hash__(self) -> int:
        return hash((self.separator, self.parts))


class Digits:
    """A number from a text, isolated, in the UI's digits when shown (۱۲ in the Dari UI
    with native digits, 12 otherwise)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return isolate(shown_number(self.text))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Digits) and self.text == other.text

    def __hash__(self) -> int:
        return hash(("digits", self.text))
