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
              seed: int, runs: int = RUNS, window: tuple[float, float] = (0.2, 1.5)) -> int:
    """Start ``tarjuman ARGS`` ``runs`` times, SIGKILL each at a random moment, then call
    ``check(run)``. Returns how many runs ended on their own (finished before the kill)."""
    rng = random.Random(seed)
    env = {**os.environ, "TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT)}
    finished = 0
    for run in range(runs):
        proc = subprocess.Popen([sys.executable, "-m", "desktop_app", *args], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(*window))
        if proc.poll() is not None:
            finished += 1
        else:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        check(run)
    return finished
