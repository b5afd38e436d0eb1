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


def _working(pid: int, watch: tuple[Path, ...]) -> bool:
    """Whether the process has a file open under one of ``watch`` (its logs aside): the
    proof that a signal sent now lands inside the work, not in the interpreter's start-up."""
    folder = Path(f"/proc/{pid}/fd")
    try:
        targets = [os.readlink(fd) for fd in folder.iterdir()]
    except OSError:
        return False
    roots = [str(w.resolve()) + os.sep for w in watch]
    return any(t.startswith(tuple(roots)) and f"{os.sep}logs{os.sep}" not in t
               for t in targets)


def kill_loop(args: list[str], home: Path, check: Callable[[int], None], *,
              seed: int, runs: int = RUNS, env: dict[str, str] | None = None,
              sig: int = signal.SIGKILL, watch: tuple[Path, ...] = ()) -> int:
    """Time the work of ``tarjuman ARGS`` (from its first file opened to its end), then
    start it ``runs`` times and send ``sig`` to each at a random moment of that work
    (reading, writing, committing the result), calling ``check(run)`` after each (and
    ``check(-1)`` after each timed run).

    Each signal is sent only after the process was seen with a file open in the data dir
    or one of ``watch`` (where the command reads and writes), so it lands inside the work,
    never in the interpreter's start-up; the loop fails unless at least a quarter of the
    runs (one at least) were killed so. A machine fast enough to finish every run first
    proves nothing.
    Returns how many runs ended on their own before the signal."""
    rng = random.Random(seed)
    env = {**os.environ, "TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT), **(env or {})}
    command = [sys.executable, "-m", "desktop_app", *args]
    watched = (home, *watch)

    def start() -> tuple[subprocess.Popen[bytes], float]:
        """The process, and how long it took to start working (its files open)."""
        began = time.monotonic()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        while proc.poll() is None and not _working(proc.pid, watched):
            time.sleep(0.002)
        return proc, time.monotonic() - began

    spans = []
    for _ in range(2):  # the first run is cold (files not cached): the shorter one counts
        proc, _startup = start()
        began = time.monotonic()
        assert proc.wait(timeout=300) == 0, "the timed run failed"
        spans.append(time.monotonic() - began)  # from the first file opened to the end
        check(-1)
    work = min(spans)
    finished = inside = 0
    for run in range(runs):
        proc, _startup = start()  # returns once the process has opened its first file
        time.sleep(rng.uniform(0, 1.02 * work))  # a random moment of the work
        if proc.poll() is not None:
            finished += 1
        else:
            inside += 1
            proc.send_signal(sig)
        proc.wait()
        check(run)
    assert inside >= max(1, runs // 4), (
        f"only {inside} of {runs} signals landed inside the work ({finished} runs had "
        f"finished): the kill test proved nothing")
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
