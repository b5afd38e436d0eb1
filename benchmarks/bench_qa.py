"""QA of a 10,000-segment project with every check on (glossary with 2,000 terms, word
list and regular-expression checklist included), through the real CLI in its own process:
wall time and peak RSS of ``tarjuman qa --json`` and of the HTML report (goal < 10 s).

Size: TARJUMAN_BENCH_QA_SEGMENTS (default 10,000)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_big_inputs import ROOT, report

SOURCES = ("Ahmad Massoud met {n} elders in Panjshir on Monday.",
           "See https://example.org/report/{n} or write to desk{n}@example.org.",
           "The talks in Doha continued.",
           "Form AF-{n} was filed by the ministry of health.",
           "Is the road to Kabul open again?")
TARGETS = ("احمد مسعود روز دوشنبه با {n} بزرگ قوم در پنجشیر دیدار کرد.",
           "به https://example.org/report/{n} ببینید یا به desk{n}@example.org بنویسید.",
           "مذاکرات در دوحه ادامه یافت.",
           "فورم AF-{n} توسط وزارت صحت صحت ثبت شد",
           "آیا راه کابل دوباره باز است?")


def build(folder: Path, home: Path, n: int) -> Path:
    from desktop_app.core.project import Project
    from desktop_app.core.qa import profiles

    rng = random.Random(7)
    doc = folder / "big.txt"
    picks = [rng.randrange(len(SOURCES)) for _ in range(n)]
    doc.write_text("".join(SOURCES[p].format(n=i) + "\n\n" for i, p in enumerate(picks)),
                   encoding="utf-8")
    csv = folder / "terms.csv"
    csv.write_text("en,fa-AF\n" + "".join(f"term {i},واژه {i}\n" for i in range(2000))
                   + "Panjshir,پنجشیر\nministry of health,وزارت صحت عامه\n", encoding="utf-8")
    for args in (["glossary", "import", str(csv)],
                 ["project", "new", str(doc), "--to", "dari", "-o", str(folder / "p.tarjuman")]):
        code = measure(args, home)[2]
        if code:
            raise SystemExit(f"bench_qa: {' '.join(args[:2])} failed (exit {code})")
    os.environ["TARJUMAN_HOME"] = str(home)
    path = folder / "p.tarjuman"
    with Project.open(path) as project:
        segments = project.segments()
        project.apply_machine([(s.id, TARGETS[picks[i]].format(n=i) if i % 50 else
                                TARGETS[(picks[i] + 1) % len(TARGETS)].format(n=i), "mt:bench")
                               for i, s in enumerate(segments)])
        data = json.loads(profiles.default().dumps())
        data["word_list"] = ["گفتگوها", "ولسوالی", "شهرستان"]
        data["regex"] = [{"pattern": "[0-9]{5,}", "message": "long Latin number"},
                         {"pattern": r"\s[,.]", "message": "space before punctuation"}]
        project.set_meta(profiles.META_KEY, json.dumps(data, ensure_ascii=False))
    return path


def measure(args: list[str], home: Path) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS in MiB, exit code, CPU seconds) of ``tarjuman ARGS``: on a
    shared machine the CPU time says what the wall time cannot."""
    env = {**os.environ, "TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    return (seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status),
            usage.ru_utime + usage.ru_stime)


def main() -> None:
    n = int(os.environ.get("TARJUMAN_BENCH_QA_SEGMENTS", "10000"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        home = folder / "home"
        home.mkdir()
        saved = os.environ.get("TARJUMAN_HOME")
        try:
            path = build(folder, home, n)
        finally:
            if saved is not None:
                os.environ["TARJUMAN_HOME"] = saved
        seconds, rss, code, cpu = measure(["qa", str(path), "--json"], home)
        report(f"QA, {n:,} segments, all checks (--json)", seconds, rss, code)
        def verdict(value: float) -> str:
            return "OK" if value < 10 and code == 0 else "OVER"

        print(f"QA of {n:,} segments: {seconds:.1f} s wall (goal < 10 s: {verdict(seconds)}), "
              f"{cpu:.1f} s CPU (< 10 s: {verdict(cpu)}; wall time counts the other "
              "processes of a shared machine)")
        seconds, rss, code, cpu = measure(["qa", str(path), "--html", str(folder / "qa.html")],
                                          home)
        report(f"QA report, {n:,} segments (--html)", seconds, rss, code)
        print(f"QA report of {n:,} segments: {cpu:.1f} s CPU")


if __name__ == "__main__":
    main()
