"""``tarjuman``: no arguments opens the editor; subcommands run the same core headless.

Errors are one line on stderr: exit 2 for usage, 1 for failures, never a traceback
(the traceback of an unexpected failure goes to the log file).
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from desktop_app import APP_NAME, __version__
from desktop_app.commands import (
    demo,
    desktop_cmd,
    glossary_cmd,
    languages_cmd,
    models_cmd,
    project_cmd,
    qa_cmd,
    settings_cmd,
    spell_cmd,
    team_cmd,
    tm_cmd,
    translate_cmd,
)
from desktop_app.core.errors import InputError, TarjumanError, describe_os_error, one_line
from desktop_app.core.i18n import N_, _

# argparse's own words (usage errors, --help headings) in the UI language too.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"), N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"), N_("expected one argument"),
    N_("expected at least one argument"), N_("expected at most one argument"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("can't open '%(filename)s': %(error)s"),
)
argparse._ = _  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, _("{prog}: error: {message} (see {prog} --help)").format(
            prog=self.prog, message=message) + "\n")


def build_parser() -> Parser:
    parser = Parser(prog="tarjuman", description=_(
        "{app}: offline translation workbench for Dari and Pashto. With no command, opens the "
        "editor.").format(app=APP_NAME))
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--ui-language", metavar="CODE", help=_("the language of messages: en, "
                                                                "prs or ps (default: the "
                                                                "editor's language setting)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in (languages_cmd, models_cmd, translate_cmd, project_cmd, glossary_cmd, qa_cmd,
                   tm_cmd, demo, spell_cmd, team_cmd, desktop_cmd, settings_cmd):
        module.register(sub)
    gui = sub.add_parser("gui", help=_("open the editor window"))
    gui.set_defaults(func=_run_gui, file=None)
    op = sub.add_parser("open", help=_("open a document (as a new project) or a project in the "
                                       "editor"))
    op.add_argument("file", type=Path)
    op.set_defaults(func=_run_gui)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from desktop_app.gui.app import run_gui

    file = getattr(args, "file", None)
    if file is not None and not Path(file).exists():
        raise InputError(_("no such file: {path}").format(path=file))
    if sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        raise TarjumanError(_("no display to open the editor on (DISPLAY and WAYLAND_DISPLAY are "
                              "unset); the CLI works without one: try `tarjuman demo`"))
    return run_gui([], open_file=file)


def _terminate(signum: int, _frame: object) -> None:
    # SIGTERM unwinds like an exception, so every with-block removes its work files.
    raise SystemExit(128 + signum)


def _choose_ui_language(args_list: Sequence[str]) -> TarjumanError | None:
    """Messages in ``--ui-language``, else in the language chosen in the editor (settings):
    set before the arguments are parsed so that usage errors speak it too."""
    from desktop_app.core import languages
    from desktop_app.core.settings import Settings

    code = ""
    for i, arg in enumerate(args_list):
        if arg == "--ui-language" and i + 1 < len(args_list):
            code = args_list[i + 1]
        elif arg.startswith("--ui-language="):
            code = arg.partition("=")[2]
    try:
        languages.set_ui_language(code or Settings.load().ui_language)
    except TarjumanError as exc:  # a damaged settings file is reported by the command
        languages.set_ui_language("en")
        return exc if code else None
    except OSError:  # an unusable data dir, likewise
        languages.set_ui_language("en")
    return None


ISOLATES = dict.fromkeys(range(0x2066, 0x206A))  # LRI RLI FSI PDI


class _Unisolated:
    """A text stream that drops bidi isolation marks: messages isolate names and numbers
    for right-to-left display (the window, an RTL viewer), but a terminal draws no bidi
    isolation and shows the marks as gaps or boxes around `int8`."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        write = getattr(self._stream, "write")  # noqa: B009
        return int(write(text.translate(ISOLATES)))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _plain_streams() -> None:
    """Isolation marks out of a terminal's text, and out of any English output."""
    from desktop_app.core import languages

    rtl_ui = languages.get(languages.ui_language()).is_rtl
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        isatty = getattr(stream, "isatty", None)
        if not isinstance(stream, _Unisolated) and (not rtl_ui or (isatty and isatty())):
            setattr(sys, name, _Unisolated(stream))


def _fail(message: object, code: int = 1) -> int:
    print(_("tarjuman: error: {message}").format(message=one_line(message)), file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # undecodable file names print, escaped
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args_list = list(sys.argv[1:] if argv is None else argv)
    bad_language = _choose_ui_language(args_list)
    parser = build_parser()
    commands = {a for act in parser._actions if isinstance(act, argparse._SubParsersAction)
                for a in act.choices}
    if args_list and args_list[0] not in commands and not args_list[0].startswith("-"):
        args_list = ["open", *args_list]  # `tarjuman FILE` opens it in the editor
    args = parser.parse_args(args_list)
    saved = sys.stdout, sys.stderr
    _plain_streams()
    try:
        return _main(args, bad_language)
    finally:
        sys.stdout, sys.stderr = saved


def _main(args: argparse.Namespace, bad_language: TarjumanError | None) -> int:
    from desktop_app.core.logs import get_logger, setup_logging
    from desktop_app.core.workfiles import cleanup

    if bad_language is not None:
        return _fail(bad_language, 2)
    func = getattr(args, "func", None)
    if func not in (None, _run_gui) and threading.current_thread() is threading.main_thread():
        # Headless commands only: the editor's event loop would never run this handler,
        # and there TERM keeps ending the process at once (the next start cleans up).
        signal.signal(signal.SIGTERM, _terminate)
    try:
        setup_logging()
        cleanup()
        if func is None:
            return _run_gui(args)
        result: int = func(args)
        return result
    except TarjumanError as exc:
        return _fail(exc, exc.exit_code)
    except BrokenPipeError:  # output piped into a pager or head that closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print(_("tarjuman: interrupted"), file=sys.stderr)
        return 130
    except OSError as exc:  # unwritable data dir, full disk, a file that vanished
        get_logger("cli").warning("file operation failed: %s", one_line(exc))
        return _fail(describe_os_error(exc))
    except sqlite3.OperationalError as exc:
        get_logger("cli").warning("database operation failed: %s", one_line(exc))
        text = str(exc)
        if "full" in text:
            return _fail(_("the disk is full; the last change was not saved: free some space "
                           "and retry"))
        if "locked" in text or "busy" in text:
            return _fail(_("another Tarjuman is writing the same file; retry when it is done"))
        return _fail(_("database error: {text}").format(text=text))
    except Exception as exc:  # last resort: one line for the user, the traceback in the log
        get_logger("cli").exception("unexpected failure")
        print(_("tarjuman: internal error: {error} (details in the log file under the data "
                "dir)").format(error=one_line(f"{type(exc).__name__}: {exc}")), file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
