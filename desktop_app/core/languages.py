"""One registry of the languages Tarjuman translates between.

Codes at the edges are forgiving (``dari``, ``prs``, ``fa-AF``, ``fa_AF``...); inside,
each language has one canonical code. Names come from Babel's CLDR data in the
current UI language; digits are converted by hand because Babel keeps Latin digits.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from desktop_app.core import i18n
from desktop_app.core.digits import to_latin_digits as to_latin_digits
from desktop_app.core.digits import to_native_digits as to_native_digits
from desktop_app.core.errors import UnknownLanguageError
from desktop_app.core.i18n import _


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # canonical code used everywhere inside Tarjuman
    english_name: str
    babel_locale: str  # Babel/CLDR locale id (Dari is fa_AF)
    bcp47: str  # written into documents: xml:lang, w:lang, html lang
    direction: str  # "ltr" or "rtl"
    nllb_code: str  # NLLB-200 language token
    argos_codes: tuple[str, ...]  # Argos package codes that serve this language
    aliases: tuple[str, ...] = field(default=())

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def native_digits(self) -> bool:
        return self.is_rtl

    def display_name(self, in_language: str | None = None) -> str:
        """This language's name in ``in_language`` (a code or alias; default: the UI language)."""
        ui = get(in_language) if in_language else get(ui_language())
        return _babel_name(self.babel_locale, ui.babel_locale) or self.english_name

    @property
    def native_name(self) -> str:
        return _babel_name(self.babel_locale, self.babel_locale) or self.english_name


ENGLISH = Language(
    code="en",
    english_name="English",
    babel_locale="en",
    bcp47="en",
    direction="ltr",
    nllb_code="eng_Latn",
    argos_codes=("en",),
    aliases=("english", "eng", "en-us", "en-gb", "eng_latn"),
)
DARI = Language(
    code="prs",
    english_name="Dari",
    babel_locale="fa_AF",
    bcp47="fa-AF",
    direction="rtl",
    nllb_code="prs_Arab",
    argos_codes=("prs", "fa"),
    aliases=("dari", "fa-af", "fa_af", "prs_arab", "دری"),
)
PASHTO = Language(
    code="ps",
    english_name="Pashto",
    babel_locale="ps",
    bcp47="ps",
    direction="rtl",
    nllb_code="pbt_Arab",
    argos_codes=("ps", "pbt"),
    aliases=("pashto", "pbt", "pus", "ps-af", "ps_af", "pbt_arab", "پښتو"),
)
PERSIAN = Language(
    code="fa",
    english_name="Persian",
    babel_locale="fa",
    bcp47="fa",
    direction="rtl",
    nllb_code="pes_Arab",
    argos_codes=("fa",),
    aliases=("persian", "farsi", "pes", "fas", "fa-ir", "fa_ir", "pes_arab", "فارسی"),
)

LANGUAGES: tuple[Language, ...] = (ENGLISH, DARI, PASHTO, PERSIAN)
_BY_KEY: dict[str, Language] = {}
for _lang in LANGUAGES:
    for _key in (_lang.code, _lang.bcp47, _lang.babel_locale, _lang.nllb_code, *_lang.aliases):
        _BY_KEY[_key.casefold()] = _lang

UI_LANGUAGES: tuple[Language, ...] = (ENGLISH, DARI, PASHTO)


def get(code: str) -> Language:
    """The language for any accepted code or alias, or :class:`UnknownLanguageError`."""
    lang = _BY_KEY.get(code.strip().casefold())
    if lang is None:
        supported = ", ".join(f"{lang.code} ({lang.english_name})" for lang in LANGUAGES)
        raise UnknownLanguageError(_("unknown language {code!r}; supported: {supported}").format(
            code=code, supported=supported))
    return lang


def is_known(code: str) -> bool:
    return code.strip().casefold() in _BY_KEY


def set_ui_language(code: str) -> Language:
    lang = get(code)
    if lang not in UI_LANGUAGES:
        raise UnknownLanguageError(_("{name} is not a UI language; choose one of {codes}").format(
            name=lang.display_name(), codes=", ".join(ui.code for ui in UI_LANGUAGES)))
    i18n.use_language(lang.code)
    return lang


def ui_language() -> str:
    return i18n.ui_language()


@lru_cache(maxsize=64)
def _babel_name(locale_id: str, in_locale_id: str) -> str | None:
    try:
        in_locale = Locale.parse(in_locale_id)
    except (UnknownLocaleError, ValueError):
        return None
    # CLDR names "fa_AF" itself (Dari, دری); fall back to the locale's display name.
    name = in_locale.languages.get(locale_id) or Locale.parse(locale_id).get_display_name(
        in_locale
    )
    return str(name) if name else None


def format_number(value: float | int, language: str) -> str:
    """A number as a reader of ``language`` writes it: separators and, for RTL, native digits."""
    lang = get(language)
    text = format_decimal(value, locale=lang.babel_locale, numbering_system="default")
    return to_native_digits(text) if lang.native_digits else text


def same_language(code: str, target: str) -> bool:
    """Whether a file's language code names ``target``; a regional variant counts as the
    same (fa-IR, fa-AF; ps, ps-AF)."""
    if is_known(code) and get(code).code == get(target).code:
        return True
    primary = code.replace("_", "-").split("-")[0].casefold()
    return primary == get(target).bcp47.split("-")[0].casefold()


def name_of_code(code: str) -> str:
    """A file's language code as a reader knows it: "French (fr-FR)"; the code alone
    when CLDR does not know it."""
    name = None
    with contextlib.suppress(UnknownLocaleError, ValueError, TypeError):
        name = Locale.parse(code.replace("-", "_")).get_language_name(
            get(i18n.ui_language()).babel_locale)
    return f"{name} ({code})" if name else code


def _arabic_letter(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


def written_in(text: str, target: str) -> bool:
    """Whether ``text`` can be a translation into ``target`` by its script: it has no
    letter at all (numbers, codes), or a letter of the target's script (Arabic script for
    Dari, Pashto and Persian; another script for English)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return True
    arabic = any(_arabic_letter(ch) for ch in letters)
    return arabic if get(target).is_rtl else len(letters) > sum(map(_arabic_letter, letters))
