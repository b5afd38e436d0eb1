"""How every bench measures a run: wall time, CPU time and the run's own peak RSS.

Linux keeps a process's peak RSS across ``exec``: a child started straight from the bench
process (whose memory has grown with every bench before) reports the bench's peak, not
its own — which is why every big-input row once said 516 MiB. So each run goes through a
small launcher process (a bare interpreter, ~10 MiB) that starts the command and reads
the command's own rusage with ``wait4``. The launcher's size is the floor of the figure.

Inside a child, ``self_peak_mib()`` reads the kernel's high-water mark of this process's
own memory (``VmHWM``), which starts afresh at ``exec``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

LAUNCHER = r"""
import json, os, sys
out, cmd = sys.argv[1], sys.argv[2:]
pid = os.posix_spawnp(cmd[0], cmd, os.environ)
_, status, usage = os.wait4(pid, 0)
with open(out, "w") as fh:
    json.dump({"code": os.waitstatus_to_exitcode(status), "rss_kb": usage.ru_maxrss,
               "cpu": usage.ru_utime + usage.ru_stime}, fh)
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float
    rss_mib: float
    code: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.code == 0

    def failure(self) -> str:
        """The last line the run wrote to stderr, or its exit code."""
        lines = self.stderr.strip().splitlines()
        return lines[-1][-300:] if lines else f"exit {self.code}"


def run(cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
        timeout: float | None = 3600) -> Run:
    """Run ``cmd`` in a fresh process and measure it alone (see the module's note)."""
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        result = Path(tmp) / "usage.json"
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", LAUNCHER, str(result),
                                 *map(str, cmd)], env=env, cwd=cwd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            err += f"\ntimed out after {timeout:.0f} s".encode()
        seconds = time.perf_counter() - start
        usage: dict[str, Any] = (json.loads(result.read_text()) if result.exists()
                                 else {"code": proc.returncode or -1, "rss_kb": 0, "cpu": 0.0})
    return Run(seconds, float(usage["cpu"]), usage["rss_kb"] / 1024, int(usage["code"]),
               out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


def tarjuman(args: Sequence[str], home: Path, timeout: float | None = 3600,
             root: Path = ROOT) -> Run:
    """``tarjuman ARGS`` with ``TARJUMAN_HOME=home``, measured alone; ``root`` is the
    source tree to run (another one: an older version of the code, for a before/after)."""
    env = {**os.environ, "TARJUMAN_HOME": str(home), "PYTHONPATH": str(root)}
    return run([sys.executable, "-m", "desktop_app", *args], env=env, cwd=root,
               timeout=timeout)


def self_peak_mib() -> float:
    """This process's own peak RSS (not its parent's before ``exec``)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_line() -> str:
    """The machine's load now, to read the figures that follow by."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def section(name: str, body: Callable[[], object]) -> tuple[str, float, str]:
    """Run one bench module: print the load first; a failure is a row, not the end."""
    print(f"\n== {name} ({load_line()}) ==", flush=True)
    start = time.perf_counter()
    try:
        body()
        state = "ok"
    except Exception as exc:  # a bench that breaks is reported; the others still run
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        state = f"FAILED: {type(exc).__name__}: {first}"
        print(f"{name}: {state}")
    sys.stdout.flush()
    return name, time.perf_counter() - start, state
