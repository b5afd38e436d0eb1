"""Big inputs through the real CLI, each in its own process: wall time and peak RSS of
`project new` on a large text, `glossary import` of a large CSV, and then a one-line
`translate` with that glossary in place (goal: memory independent of the glossary's size).

Sizes: TARJUMAN_BENCH_TEXT_MB (default 50) and TARJUMAN_BENCH_GLOSSARY_ROWS (default
500,000), as in the hardening goals."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.fixtures.tiny_models import build_argos_package

ROOT = Path(__file__).resolve().parents[1]
LINE = ("Ahmad Massoud spoke to reporters in Kabul on Monday about report {n}; the valley "
        "of Panjshir was calm.\n\n")


def measure(args: list[str], home: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, exit code) of ``tarjuman ARGS``."""
    env = {**os.environ, "TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def report(label: str, seconds: float, rss: float, code: int) -> None:
    state = "" if code == 0 else f"  (exit {code})"
    print(f"{label:<46} {seconds:8.1f} s  {rss:7.0f} MiB peak RSS{state}")


def main(home: Path | None = None) -> None:
    text_mb = float(os.environ.get("TARJUMAN_BENCH_TEXT_MB", "50"))
    rows = int(os.environ.get("TARJUMAN_BENCH_GLOSSARY_ROWS", "500000"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        home = folder / "home"
        home.mkdir()
        models = measure(["models", "install", str(build_argos_package(
            folder / "bench.argosmodel", eos_bias=0.5))], home)
        report("install the tiny model", *models)
        line = folder / "line.txt"
        line.write_text("Ahmad Massoud spoke in Kabul.\n", "utf-8")
        base = measure(["glossary", "search", "Kabul"], home)
        report("start-up (glossary search)", *base)
        text = folder / "big.txt"
        with text.open("w", encoding="utf-8") as fh:
            n = 0
            while fh.tell() < text_mb * 1024 * 1024:
                fh.write(LINE.format(n=n))
                n += 1
        report(f"project new, {text_mb:.0f} MB text", *measure(
            ["project", "new", str(text), "--to", "dari", "-o", str(folder / "big.tarjuman")],
            home))
        csv = folder / "big.csv"
        with csv.open("w", encoding="utf-8") as fh:
            fh.write("en,fa-AF\n")
            for i in range(rows):
                fh.write(f"term number {i},واژه شماره {i}\n")
        small = measure(["translate", str(line), "--to", "dari", "-o",
                         str(folder / "o1.txt")], home)
        report("translate one line, starter glossary", *small)
        report(f"glossary import, {rows:,} rows", *measure(["glossary", "import", str(csv)],
                                                              home))
        big = measure(["translate", str(line), "--to", "dari", "-o", str(folder / "o2.txt")],
                      home)
        report(f"translate one line, +{rows:,}-row glossary", *big)
        if small[1]:
            print("one-line translate with/without the big glossary: "
                  f"time x{big[0] / small[0]:.2f}, memory x{big[1] / small[1]:.2f} "
                  "(goal: about x1)")


if __name__ == "__main__":
    main()
