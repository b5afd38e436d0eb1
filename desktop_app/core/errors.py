"""Typed, user-facing failures.

The CLI prints ``str(error)`` as one line; the GUI shows it in a dialog.
"""

from __future__ import annotations


class TarjumanError(Exception):
    """Base of every failure a user can meet. The message is one clear line."""

    exit_code = 1


class UnknownLanguageError(TarjumanError):
    pass


class ModelError(TarjumanError):
    """A model file could not be installed, listed, loaded or removed."""


class NoModelError(TarjumanError):
    """No installed model serves the requested language pair."""


class NetworkError(TarjumanError):
    """An explicit online action (model index, download) could not reach the network."""


class InputError(TarjumanError):
    """An input file is missing, unreadable or not of the expected kind."""
