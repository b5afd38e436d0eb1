"""The UI language for widgets: the catalogs live in core (``desktop_app.core.i18n``)."""

from desktop_app.core.i18n import DOMAIN, N_, _, locale_dir, number, set_language

__all__ = ["DOMAIN", "N_", "_", "locale_dir", "number", "set_language"]
