"""The UI language for widgets: the catalogs live in core (``desktop_app.core.i18n``)."""

from collections.abc import Callable

from PySide6.QtCore import QLocale

from desktop_app.core import languages
from desktop_app.core.i18n import (
    DOMAIN,
    N_,
    Joined,
    _,
    locale_dir,
    native_digits,
    ngettext,
    number,
    percent,
    set_digits,
    shown_number,
)
from desktop_app.core.languages import set_ui_language as set_language

__all__ = ["DOMAIN", "N_", "Joined", "Texts", "_", "apply_digits", "in_ui_direction", "isolate",
           "locale_dir", "native_digits", "ngettext", "number", "percent", "set_digits",
           "set_language", "shown_number"]


class Texts:
    """The texts a widget set from message ids, set again in the current UI language by
    ``retranslate()`` (a dialog open while the language changes follows it)."""

    def __init__(self) -> None:
        self._texts: list[tuple[Callable[[str], object], str]] = []

    def keep(self, setter: Callable[[str], object], msgid: str) -> None:
        setter(_(msgid))
        self._texts.append((setter, msgid))

    def retranslate(self) -> None:
        for setter, msgid in self._texts:
            setter(_(msgid))


def isolate(value: object) -> str:
    """A name or number put into a translated sentence keeps its own direction and does
    not turn the sentence around (a Dari question that starts with a Latin model id)."""
    return f"\u2068{value}\u2069"


def apply_digits(kind: str) -> None:
    """One digit setting for every number in the window, Qt's own number fields (spin
    boxes, the go-to field, percent weights) included: they count in their default
    locale's digits, so it follows the UI language when native digits are on."""
    set_digits(kind)
    native = {"prs": QLocale.Language.Persian, "ps": QLocale.Language.Pashto}.get(
        languages.ui_language(), QLocale.Language.English)
    QLocale.setDefault(QLocale(native if native_digits() else QLocale.Language.English))


def in_ui_direction(text: str) -> str:
    """A line that starts with Latin key names (``Alt+Down: ...``) laid out in the UI's
    direction: in the Dari and Pashto UI a right-to-left mark leads it, or Qt lays the
    whole Dari sentence out left to right from its first letter."""
    return ("\u200f" + text) if languages.get(languages.ui_language()).is_rtl else text
