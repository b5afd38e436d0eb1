"""The UI language for widgets: the catalogs live in core (``desktop_app.core.i18n``)."""

from desktop_app.core.i18n import (
    DOMAIN,
    N_,
    _,
    locale_dir,
    native_digits,
    ngettext,
    number,
    set_digits,
    set_language,
)

__all__ = ["DOMAIN", "N_", "_", "isolate", "locale_dir", "native_digits", "ngettext", "number",
           "set_digits", "set_language"]


def isolate(value: object) -> str:
    """A name or number put into a translated sentence keeps its own direction and does
    not turn the sentence around (a Dari question that starts with a Latin model id)."""
    return f"\u2068{value}\u2069"
