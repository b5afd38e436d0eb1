"""Typed, user-facing failures.

The CLI prints ``str(error)`` as one line; the GUI shows it in a dialog.
"""

from __future__ import annotations

import errno
import re

from desktop_app.core.i18n import _

MAX_MESSAGE = 600
# Line breaks, other control characters and bidi controls (which could make a file name
# print as something else) never reach the user's terminal from a message.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                          r"\u2066-\u2069\u2028\u2029]+")


def one_line(message: object, limit: int = MAX_MESSAGE) -> str:
    """``message`` as one printable line of at most ``limit`` characters."""
    text = " ".join(_UNPRINTABLE.sub(" ", str(message)).split())
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")  # lone surrogates
    if len(text) > limit:
        keep = limit - 40
        text = f"{text[:keep]} ... " + _("({n} more characters)").format(n=len(text) - keep)
    return text


def describe_os_error(exc: OSError) -> str:
    """One sentence for a failed file operation, naming the file."""
    where = f": {exc.filename}" if exc.filename else ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full{where}; that file was not saved, free some space and "
                 "retry").format(where=where)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("permission denied{where}").format(where=where)
    return f"{exc.strerror or type(exc).__name__}{where}"


# What SQLite says when the file is fine but the place it lives is not (a read-only or
# full disk, a failing drive, a folder the user may not write): not "corrupt".
_SQLITE_PLACE = ("disk i/o error", "unable to open database file", "readonly database",
                 "database or disk is full")


def sqlite_place_problem(exc: BaseException, name: str) -> str | None:
    """One sentence when ``exc`` says the disk or folder failed rather than the file's
    content; None when the content itself is the problem."""
    text = str(exc).lower()
    if not any(marker in text for marker in _SQLITE_PLACE):
        return None
    return _("cannot use {name}: its folder is read-only, or the disk is full or failing "
             "({reason}); nothing was changed").format(name=name, reason=exc)


class TarjumanError(Exception):
    """Base of every failure a user can meet. The message is one clear line (made so here,
    whatever a library's message or a file name holds)."""

    exit_code = 1

    def __init__(self, *args: object) -> None:
        if len(args) == 1 and isinstance(args[0], str):
            args = (one_line(args[0]),)
        super().__init__(*args)


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
