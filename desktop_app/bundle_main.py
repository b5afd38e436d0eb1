"""Entry point of the one-folder build (PyInstaller): the ``tarjuman`` executable.

A frozen app has no Python interpreter to start children with, so ``sys.executable`` is
this program: multiprocessing's fork server and resource tracker come back through
``freeze_support()``, and a child started as ``sys.executable -c CODE ARGS`` (the spelling
dictionary probe) runs CODE here, as ``python -c`` would.
"""

from __future__ import annotations

import multiprocessing
import sys


def _run_code(code: str, args: list[str]) -> int:
    sys.argv = ["-c", *args]
    exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})
    return 0


def main() -> int:
    multiprocessing.freeze_support()  # worker processes stop here (they never return)
    if getattr(sys, "frozen", False) and sys.argv[1:2] == ["-c"] and len(sys.argv) > 2:
        return _run_code(sys.argv[2], sys.argv[3:])
    from desktop_app.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    raise SystemExit(main())
