"""Big inputs through the real CLI, each run in its own process with its own peak RSS
(see benchmarks/measure.py): `project new` on a 5 MB and a 50 MB plain text, side by side
with the code before plain text was read as a stream (taken from git, same run), a large
`glossary import`, and a one-line `translate` with that glossary in place (goal: memory
independent of the glossary's size).

Sizes: TARJUMAN_BENCH_TEXT_MB (default 50; the small text is a tenth of it) and
TARJUMAN_BENCH_GLOSSARY_ROWS (default 500,000). TARJUMAN_BENCH_BEFORE=0 skips the old
code's runs (about 5 minutes at 50 MB)."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from benchmarks.measure import ROOT, Run, tarjuman
from tests.fixtures.tiny_models import build_argos_package

LINE = ("Ahmad Massoud spoke to reporters in Kabul on Monday about report {n}; the valley "
        "of Panjshir was calm.\n\n")
# The last commit before plain text import streamed its lines and rows (295 s at 50 MB).
BEFORE = "adb8022d4e19ee84eddd83aaf5f0b55ae088f012"
TEXT_GOAL_S = 30.0


def measure(args: list[str], home: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MiB, exit code) of ``tarjuman ARGS``."""
    run = tarjuman(args, home)
    return run.seconds, run.rss_mib, run.code


def report(label: str, seconds: float, rss: float, code: int) -> None:
    state = "" if code == 0 else f"  (exit {code})"
    print(f"{label:<46} {seconds:8.1f} s  {rss:7.0f} MiB peak RSS{state}")


def write_text(path: Path, megabytes: float) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        n = 0
        while fh.tell() < megabytes * 1024 * 1024:
            fh.write(LINE.format(n=n))
            n += 1
    return path


def before_tree(folder: Path) -> Path | None:
    """The code at ``BEFORE``, unpacked from git (None outside a clone that has it)."""
    try:
        done = subprocess.run(["git", "-C", str(ROOT), "archive", BEFORE, "desktop_app",
                               "resources"], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode:
        return None
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as tar:
        tar.extractall(folder / "before", filter="data")
    return folder / "before"


def _row(label: str, run: Run) -> None:
    state = "" if run.ok else f"  FAILED: {run.failure()}"
    print(f"  {label:<30} {run.seconds:7.1f} s ({run.cpu:6.1f} s CPU)  {run.rss_mib:5.0f} MiB "
          f"peak RSS{state}")


def text_projects(folder: Path, home: Path, text_mb: float) -> None:
    """`project new` on a text of a tenth and of the whole size, today and before."""
    sizes = (text_mb / 10, text_mb)
    texts = [write_text(folder / f"text-{mb:g}MB.txt", mb) for mb in sizes]
    old = before_tree(folder) if os.environ.get("TARJUMAN_BENCH_BEFORE", "1") != "0" else None
    print(f"project new on a plain text ({LINE.count(' ') + 1} words a paragraph), each run "
          f"in its own process:")
    runs: dict[tuple[str, float], Run] = {}
    for code, root in (("today", ROOT), ("before", old)):
        if root is None:
            print(f"  {code}: not measured (commit {BEFORE[:7]} not in this clone, or "
                  "TARJUMAN_BENCH_BEFORE=0)")
            continue
        for mb, text in zip(sizes, texts, strict=True):
            out = folder / f"{code}-{mb:g}.tarjuman"
            run = tarjuman(["project", "new", str(text), "--to", "dari", "-o", str(out)],
                           home, root=root)
            runs[code, mb] = run
            _row(f"{code}, {mb:g} MB", run)
            out.unlink(missing_ok=True)
    small, big = sizes
    for code in ("today", "before"):
        if (code, big) in runs and runs[code, small].rss_mib:
            a, b = runs[code, small], runs[code, big]
            per_mb = (b.rss_mib - a.rss_mib) / (big - small)
            print(f"  {code}: {big:g} MB / {small:g} MB: time x{b.seconds / a.seconds:.1f}, "
                  f"peak RSS x{b.rss_mib / a.rss_mib:.2f} ({per_mb:.1f} MiB more per MB of "
                  "text)")
    if ("today", big) in runs:
        took = runs["today", big].seconds
        print(f"  {big:g} MB today: {took:.1f} s (goal < {TEXT_GOAL_S:.0f} s: "
              f"{'OK' if took < TEXT_GOAL_S else 'MISSED'})")
    if ("before", big) in runs and ("today", big) in runs:
        print(f"  before/today at {big:g} MB: time x{runs['before', big].seconds / took:.1f}, "
              f"CPU x{runs['before', big].cpu / max(runs['today', big].cpu, 1e-9):.1f}, "
              f"peak RSS x{runs['before', big].rss_mib / runs['today', big].rss_mib:.2f}")


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
        text_projects(folder, home, text_mb)
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
