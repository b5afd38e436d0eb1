"""Big inputs through the real CLI, each run in its own process with its own peak RSS
(see benchmarks/measure.py): `project new` on a 10, 25 and 50 MB plain text, side by side
with the code before plain text was read from its file (taken from git, same run), a large
`glossary import`, and a one-line `translate` with that glossary in place (goal: memory
independent of the glossary's size).

Sizes: TARJUMAN_BENCH_TEXT_MB (default 50; the others a fifth and a half of it) and
TARJUMAN_BENCH_GLOSSARY_ROWS (default 500,000). TARJUMAN_BENCH_BEFORE=0 skips the old
code's runs."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from benchmarks.measure import ROOT, Run, load_line, tarjuman
from tests.fixtures.tiny_models import build_argos_package

LINE = ("Ahmad Massoud spoke to reporters in Kabul on Monday about report {n}; the valley "
        "of Panjshir was calm.\n\n")
# The last commit before a plain text was read from its file a piece at a time (it held
# the file's bytes and text, and SQLite built the stored document twice: 4 MiB per MB).
# The one before rows were streamed (295 s at 50 MB) was adb8022.
BEFORE = "1dc113b7e89588bac2b76f90b1da130a870b9e4d"
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


def _cell(run: Run | None) -> str:
    if run is None:
        return f"{'-':>30}"
    if not run.ok:
        return f"{'FAILED: ' + run.failure()[:22]:>30}"
    return f"{run.seconds:6.1f} s {run.cpu:6.1f} s CPU {run.rss_mib:5.0f} MiB"


def text_projects(folder: Path, home: Path, text_mb: float) -> None:
    """`project new` on a text of a fifth, a half and the whole size, today and before;
    peak RSS side by side (flat in the size is the goal)."""
    sizes = (text_mb / 5, text_mb / 2, text_mb)
    texts = [write_text(folder / f"text-{mb:g}MB.txt", mb) for mb in sizes]
    old = before_tree(folder) if os.environ.get("TARJUMAN_BENCH_BEFORE", "1") != "0" else None
    print(f"project new on a plain text ({LINE.count(' ') + 1} words a paragraph), each run "
          f"in its own process (wall time, CPU time, peak RSS):")
    if old is None:
        print(f"  before: not measured (commit {BEFORE[:7]} not in this clone, or "
              "TARJUMAN_BENCH_BEFORE=0)")
    runs: dict[tuple[str, float], Run] = {}
    print(f"  {'text':>8}  {'today':>30}  {'before (' + BEFORE[:7] + ')':>30}")
    for mb, text in zip(sizes, texts, strict=True):
        for code, root in (("today", ROOT), ("before", old)):
            if root is None:
                continue
            out = folder / f"{code}-{mb:g}.tarjuman"
            runs[code, mb] = tarjuman(["project", "new", str(text), "--to", "dari", "-o",
                                       str(out)], home, root=root)
            out.unlink(missing_ok=True)
        print(f"  {mb:>5g} MB  {_cell(runs.get(('today', mb)))}  "
              f"{_cell(runs.get(('before', mb)))}", flush=True)
    small, big = sizes[0], sizes[-1]
    for code in ("today", "before"):
        a, b = runs.get((code, small)), runs.get((code, big))
        if a and b and a.ok and b.ok:
            per_mb = (b.rss_mib - a.rss_mib) / (big - small)
            print(f"  {code}: {big:g} MB / {small:g} MB: time x{b.seconds / a.seconds:.1f}, "
                  f"peak RSS x{b.rss_mib / a.rss_mib:.2f} ({per_mb:.2f} MiB more per MB of "
                  "text)")
    if ("today", big) in runs:
        took, cpu = runs["today", big].seconds, runs["today", big].cpu
        print(f"  {big:g} MB today: {took:.1f} s, {cpu:.1f} s CPU (goal < {TEXT_GOAL_S:.0f} s: "
              f"{'OK' if took < TEXT_GOAL_S else 'MISSED'}; {load_line()}: on a busy machine "
              "the wall time is a multiple of the CPU time)")


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
