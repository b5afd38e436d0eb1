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
    glossary_cmd,
    languages_cmd,
    models_cmd,
    project_cmd,
    qa_cmd,
    spell_cmd,
    team_cmd,
    tm_cmd,
    translate_cmd,
)
from desktop_app.core.errors import InputError, TarjumanError, describe_os_error, one_line


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> Parser:
    parser = Parser(prog="tarjuman", description=f"{APP_NAME}: offline translation "
                    "workbench for Dari and Pashto. With no command, opens the editor.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in (languages_cmd, models_cmd, translate_cmd, project_cmd, glossary_cmd, qa_cmd,
                   tm_cmd, demo, spell_cmd, team_cmd):
        module.register(sub)
    gui = sub.add_parser("gui", help="open the editor window")
    gui.set_defaults(func=_run_gui, file=None)
    op = sub.add_parser("open", help="open a document (as a new project) or a project "
                        "in the editor")
    op.add_argument("file", type=Path)
    op.set_defaults(func=_run_gui)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from desktop_app.gui.app import run_gui

    file = getattr(args, "file", None)
    if file is not None and not Path(file).exists():
        raise InputError(f"no such file: {file}")
    if sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        raise TarjumanError("no display to open the editor on (DISPLAY and WAYLAND_DISPLAY "
                            "are unset); the CLI works without one: try `tarjuman demo`")
    return run_gui([], open_file=file)


def _terminate(signum: int, _frame: object) -> None:
    # SIGTERM unwinds like an exception, so every with-block removes its work files.
    raise SystemExit(128 + signum)


def _fail(message: object, code: int = 1) -> int:
    print(f"tarjuman: error: {one_line(message)}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    from desktop_app.core.logs import get_logger, setup_logging
    from desktop_app.core.workfiles import cleanup

    for stream in (sys.stdout, sys.stderr):  # undecodable file names print, escaped
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = {a for act in parser._actions if isinstance(act, argparse._SubParsersAction)
                for a in act.choices}
    if args_list and args_list[0] not in commands and not args_list[0].startswith("-"):
        args_list = ["open", *args_list]  # `tarjuman FILE` opens it in the editor
    args = parser.parse_args(args_list)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)
    try:
        setup_logging()
        cleanup()
        if not getattr(args, "func", None):
            return _run_gui(args)
        result: int = args.func(args)
        return result
    except TarjumanError as exc:
        return _fail(exc, exc.exit_code)
    except BrokenPipeError:  # output piped into a pager or head that closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("tarjuman: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:  # unwritable data dir, full disk, a file that vanished
        get_logger("cli").warning("file operation failed: %s", one_line(exc))
        return _fail(describe_os_error(exc))
    except sqlite3.OperationalError as exc:
        get_logger("cli").warning("database operation failed: %s", one_line(exc))
        text = str(exc)
        if "full" in text:
            return _fail("the disk is full; the last change was not saved: free some space "
                         "and retry")
        if "locked" in text or "busy" in text:
            return _fail("another Tarjuman is writing the same file; retry when it is done")
        return _fail(f"database error: {text}")
    except Exception as exc:  # last resort: one line for the user, the traceback in the log
        get_logger("cli").exception("unexpected failure")
        print("tarjuman: internal error: " + one_line(f"{type(exc).__name__}: {exc}")
              + " (details in the log file under the data dir)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
