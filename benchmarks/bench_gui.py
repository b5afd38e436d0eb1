"""Editor start-up and scrolling, offscreen.

- start: a fresh interpreter importing the GUI, building the main window and showing it
  (goal < 1 s), and whether any MT library was imported by then (it must not be);
- scroll: a 10,000-segment project, page by page to the bottom and back, each page
  painted, time per page;
- stalls: the longest the event loop went without running (a 5 ms QTimer probe) while a
  10,000-segment project is pretranslated and while a 3,000-paragraph docx is imported,
  both in the background (goal < 50 ms): the import on a thread (before) and in a
  worker process (now) side by side; pretranslation on a thread (it shares the loaded
  model with the MT dock); the GUI-thread time per progress tick (goal < 5 ms); and the
  longest stall while the translated project is reopened.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

START = r"""
import sys, time
t0 = time.perf_counter()
from desktop_app.gui.app import make_app
from desktop_app.gui.main_window import MainWindow
app = make_app()
w = MainWindow()
w.show()
app.processEvents()
mt = [m for m in ("ctranslate2", "argostranslate", "sentencepiece") if m in sys.modules]
print(f"{time.perf_counter() - t0:.3f} {','.join(mt) or '-'}")
"""


def startup() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    wall = []
    inner = []
    for _ in range(3):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", START], capture_output=True, text=True,
                             env=env, check=True).stdout.split()
        wall.append(time.perf_counter() - start)
        inner.append(float(out[0]))
        mt = out[1]
    print("Editor start-up (offscreen, worst of 3, best in brackets):")
    print(f"  imports + window shown: {max(inner):.3f} s ({min(inner):.3f} s) (goal < 1 s: "
          f"{'OK' if max(inner) < 1 else 'MISSED'}); whole process incl. interpreter: "
          f"{max(wall):.3f} s ({min(wall):.3f} s)")
    print(f"  MT libraries imported at start: {mt}")


def scrolling() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import docx

    from desktop_app.core.session import EditSession
    from desktop_app.gui.app import make_app
    from desktop_app.gui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "big.docx"
        document = docx.Document()
        for n in range(2500):
            document.add_paragraph(
                f"The Northern Alliance held Panjshir in {n}. Ahmad Massoud spoke in Kabul. "
                f"The United Nations counted 800,000 displaced. Mr. Saleh met the U.S. envoy.")
        document.save(str(source))
        app = make_app()
        window = MainWindow()
        window.resize(1200, 800)
        window.show()
        start = time.perf_counter()
        window.set_session(EditSession.from_document(source, "dari",
                                                     path=Path(tmp) / "big.tarjuman"))
        app.processEvents()
        opened = time.perf_counter() - start
        bar = window.view.verticalScrollBar()
        page = max(1, bar.pageStep())
        pages = 0
        start = time.perf_counter()
        for value in list(range(0, bar.maximum() + page, page)) + \
                list(range(bar.maximum(), -page, -page)):
            bar.setValue(value)
            window.view.viewport().repaint()
            app.processEvents()
            pages += 1
        elapsed = time.perf_counter() - start
        rows = window.model.rowCount() if window.model else 0
        print(f"Scrolling {rows:,} segments, {pages} pages down and back up:")
        print(f"  project import + window filled: {opened:.2f} s")
        print(f"  {elapsed:.2f} s in all, {1000 * elapsed / pages:.1f} ms per page")
        window.close()


class StallProbe:
    """A 5 ms timer: the longest gap between its ticks is the longest freeze."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def run_until(self, app: object, done: object, timeout: float = 600) -> None:
        self.last = time.perf_counter()
        self.timer.start()
        deadline = time.monotonic() + timeout
        while not done() and time.monotonic() < deadline:  # type: ignore[operator]
            app.processEvents()  # type: ignore[attr-defined]
            time.sleep(0.001)
        self.timer.stop()


def _docx(path: Path, paragraphs: int) -> None:
    import docx

    document = docx.Document()
    for n in range(paragraphs):
        document.add_paragraph(
            f"The Northern Alliance held Panjshir in {n}. Ahmad Massoud spoke in Kabul. "
            f"The United Nations counted 800,000 displaced. Mr. Saleh met the U.S. envoy.")
    document.save(str(path))


def _verdict(ms: float, goal: float) -> str:
    return f"{ms:.1f} ms (goal < {goal:g} ms: {'OK' if ms < goal else 'MISSED'})"


def _inline(ctx: Any, fn: Any, *args: Any) -> Any:
    """The old way, for comparison: the heavy work on the job's own thread."""
    return fn(ctx, *args)


def _stall_run(app: Any, tmp: Path, where: str) -> dict[str, float]:
    """Import (run ``where``: "thread" or "process") then pretranslate in a fresh data
    folder (no MT cache from an earlier run)."""
    from desktop_app.core.mt import argos
    from desktop_app.core.session import EditSession
    from desktop_app.gui import jobs
    from desktop_app.gui.main_window import MainWindow
    from tests.fixtures.tiny_models import build_argos_package

    root = tmp / where
    (root / "home").mkdir(parents=True)
    os.environ["TARJUMAN_HOME"] = str(root / "home")
    argos.install(build_argos_package(root / "tiny.argosmodel"))
    real = jobs.in_process
    if where == "thread":
        jobs.in_process = _inline  # type: ignore[assignment]
    try:
        window = MainWindow()
        window.resize(1200, 800)
        window.show()
        probe = StallProbe()
        source = root / "import.docx"
        _docx(source, 3000)
        opened: list[float] = []
        set_session = window.set_session

        def opening(session: Any) -> None:  # the job's result has arrived: open it
            opened.append(probe.longest)
            t0 = time.perf_counter()
            set_session(session)
            opened.append(time.perf_counter() - t0)

        window.set_session = opening  # type: ignore[method-assign]
        start = time.perf_counter()
        window.open_path(source, "dari")
        probe.run_until(app, lambda: window.session is not None and window.job is None)
        window.set_session = set_session  # type: ignore[method-assign]
        found = {"import_s": time.perf_counter() - start, "import_ms": 1000 * opened[0],
                 "open_ms": 1000 * opened[1], "whole_ms": 1000 * probe.longest}

        big = root / "big.docx"
        _docx(big, 2500)
        window.set_session(EditSession.from_document(big, "dari",
                                                     path=root / "big.tarjuman"))
        app.processEvents()
        ticks: list[float] = []
        original = window.long_jobs.tick

        def timed(value: object) -> None:
            t0 = time.perf_counter()
            original(value)
            ticks.append(time.perf_counter() - t0)

        window.long_jobs.tick = timed  # type: ignore[method-assign]
        start = time.perf_counter()
        window.pretranslate()
        probe.longest = 0.0
        probe.run_until(app, lambda: window.job is None)
        found.update(
            mt_s=time.perf_counter() - start, mt_ms=1000 * probe.longest,
            rows=len(window.session.segments),
            filled=sum(1 for s in window.session.segments if s.target),
            tick_ms=1000 * sum(ticks) / max(1, len(ticks)), ticks=len(ticks),
            tick_max_ms=1000 * max(ticks, default=0))
        window.close()
        again = MainWindow()  # reopen the translated project, as the next morning
        again.resize(1200, 800)
        again.show()
        app.processEvents()
        probe.longest = 0.0
        start = time.perf_counter()
        again.open_path(root / "big.tarjuman")
        probe.run_until(app, lambda: again.session is not None and again.job is None)
        found.update(reopen_s=time.perf_counter() - start, reopen_ms=1000 * probe.longest)
        again.close()
    finally:
        jobs.in_process = real  # type: ignore[assignment]
    return found


STALLS = r"""
import json, sys, tempfile
from pathlib import Path
from benchmarks.bench_gui import _stall_run
from desktop_app.gui.app import make_app

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(_stall_run(make_app(), Path(tmp), sys.argv[1])))
"""


def stalls(rounds: int = 2) -> None:
    """Each way in a fresh interpreter (each pays its own first imports), alternating, in
    this run; each figure is the worst of the rounds, every round printed."""
    import json

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    runs: dict[str, list[dict[str, float]]] = {"thread": [], "process": []}
    for _ in range(rounds):
        for where in ("thread", "process"):
            out = subprocess.run([sys.executable, "-c", STALLS, where], capture_output=True,
                                 text=True, env=env, check=True).stdout
            runs[where].append(json.loads(out.strip().splitlines()[-1]))
    before, after = ({key: max(run[key] for run in runs[where]) for key in runs[where][0]}
                     for where in ("thread", "process"))  # the worst round of each
    for where in ("thread", "process"):
        print(f"  ({where}, each round: import stall " + ", ".join(
            f"{run['import_ms']:.0f}" for run in runs[where]) + " ms; pretranslation stall "
            + ", ".join(f"{run['mt_ms']:.0f}" for run in runs[where]) + " ms)")
    print("Event loop while importing a 3,000-paragraph docx in the background "
          "(heavy work on a thread before, in a worker process now; worst round):")
    print(f"  before: {before['import_s']:.2f} s to open; longest stall "
          f"{before['import_ms']:.1f} ms")
    print(f"  now:    {after['import_s']:.2f} s to open "
          f"({after['import_s'] / before['import_s']:.2f}x); longest stall "
          f"{_verdict(after['import_ms'], 50)}")
    print(f"  then the window opens the imported project on its own thread: "
          f"{before['open_ms']:.0f} ms before, {after['open_ms']:.0f} ms now; longest stall "
          f"from the click to the open project: {_verdict(after['whole_ms'], 50)}")
    mt = max((run for where in runs for run in runs[where]), key=lambda run: run["mt_ms"])
    print(f"Event loop while pretranslating {mt['rows']:,.0f} segments "
          f"({mt['filled']:,.0f} filled) on a thread of the window's process (one model, "
          f"shared with the MT dock):")
    print(f"  {mt['mt_s']:.1f} s; longest stall {_verdict(mt['mt_ms'], 50)}")
    print(f"  GUI-thread time per progress tick: {_verdict(mt['tick_ms'], 5)} over "
          f"{mt['ticks']:.0f} ticks, longest {mt['tick_max_ms']:.1f} ms")
    re = max((run for where in runs for run in runs[where]), key=lambda run: run["reopen_ms"])
    print(f"Reopening that project ({mt['filled']:,.0f} targets, QA and spelling read in the "
          f"background): {re['reopen_s']:.2f} s; longest stall {_verdict(re['reopen_ms'], 50)}")


def main() -> None:
    startup()
    scrolling()
    stalls()


if __name__ == "__main__":
    main()
