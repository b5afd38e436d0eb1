"""Helpers for the kill tests: real `tarjuman` processes SIGKILLed at random moments."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT

RUNS = 20


def write_tmx(path: Path, units: int, start: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                 'srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" '
                 'creationtool="t" creationtoolversion="1" o-tmf="t"/><body>\n')
        for i in range(start, start + units):
            fh.write(f'<tu><tuv xml:lang="en"><seg>Report number {i} from Kabul.</seg></tuv>'
                     f'<tuv xml:lang="fa-AF"><seg>گزارش شماره {i} از کابل.</seg></tuv></tu>\n')
        fh.write("</body></tmx>\n")
    return path


def kill_loop(args: list[str], home: Path, check: Callable[[int], None], *,
              seed: int, runs: int = RUNS, env: dict[str, str] | None = None,
              sig: int = signal.SIGKILL) -> int:
    """Time one whole run of ``tarjuman ARGS``, then start it ``runs`` times and send
    ``sig`` to each at a random moment of that span (start-up, work, writing the result),
    calling ``check(run)`` after each (and ``check(-1)`` after the timed run). Returns
    how many runs ended on their own before the signal."""
    rng = random.Random(seed)
    env = {**os.environ, "TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT), **(env or {})}
    command = [sys.executable, "-m", "desktop_app", *args]
    start = time.monotonic()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True, timeout=300)
    span = time.monotonic() - start
    check(-1)
    finished = 0
    for run in range(runs):
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3 * span, 1.02 * span))
        if proc.poll() is not None:
            finished += 1
        else:
            proc.send_signal(sig)
        proc.wait()
        check(run)
    return finished


def leftovers(*folders: Path) -> list[Path]:
    """Work files a run may leave: temp outputs, temp projects, their SQLite side files."""
    found: list[Path] = []
    for folder in folders:
        found += [p for p in folder.iterdir() if p.name.startswith(".") and (
            ".part" in p.name or p.name.endswith(("-wal", "-shm")))]
        found += [p for p in folder.iterdir() if p.name.startswith("tarjuman-")]
    return found


def write_text_document(path: Path, lines: int) -> Path:
    path.write_text("".join(f"Report {i}: the valley of Panjshir was calm on day {i}. "
                            f"Ahmad Massoud spoke in Kabul.\n\n" for i in range(lines)),
                    "utf-8")
    return path
