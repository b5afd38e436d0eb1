"""Editor start-up and scrolling, offscreen.

- start: a fresh interpreter importing the GUI, building the main window and showing it
  (goal < 1 s), and whether any MT library was imported by then (it must not be);
- scroll: a 10,000-segment project, page by page to the bottom and back, each page
  painted, time per page;
- stalls: the longest the event loop went without running (a 5 ms QTimer probe) while a
  10,000-segment project is pretranslated and while a 3,000-paragraph docx is imported,
  both in the background (goal < 50 ms), and the GUI-thread time per progress tick
  (goal < 5 ms).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    print("Editor start-up (offscreen, best of 3):")
    print(f"  imports + window shown: {min(inner):.3f} s (goal < 1 s: "
          f"{'OK' if min(inner) < 1 else 'MISSED'}); whole process incl. interpreter: "
          f"{min(wall):.3f} s")
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


def stalls() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop_app.core.mt import argos
    from desktop_app.core.mt.routing import choose
    from desktop_app.core.session import EditSession
    from desktop_app.gui.app import make_app
    from desktop_app.gui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        try:
            choose("en", "prs")
        except Exception:
            from tests.fixtures.tiny_models import build_argos_package

            argos.install(build_argos_package(Path(tmp) / "tiny.argosmodel"))
        app = make_app()
        window = MainWindow()
        window.resize(1200, 800)
        window.show()
        probe = StallProbe()

        source = Path(tmp) / "import.docx"
        _docx(source, 3000)
        start = time.perf_counter()
        window.open_path(source, "dari")
        probe.run_until(app, lambda: window.session is not None and window.job is None)
        imported = time.perf_counter() - start
        print("Event loop while importing a 3,000-paragraph docx in the background:")
        print(f"  {imported:.2f} s to open; longest stall {_verdict(1000 * probe.longest, 50)}")

        big = Path(tmp) / "big.docx"
        _docx(big, 2500)
        window.set_session(EditSession.from_document(big, "dari",
                                                     path=Path(tmp) / "big.tarjuman"))
        app.processEvents()
        ticks: list[float] = []
        original = window._job_progress

        def timed(value: object) -> None:
            t0 = time.perf_counter()
            original(value)
            ticks.append(time.perf_counter() - t0)

        window._job_progress = timed  # type: ignore[method-assign]
        start = time.perf_counter()
        window.pretranslate()
        probe.longest = 0.0
        probe.run_until(app, lambda: window.job is None)
        elapsed = time.perf_counter() - start
        rows = len(window.session.segments)
        filled = sum(1 for s in window.session.segments if s.target)
        per_tick = 1000 * sum(ticks) / max(1, len(ticks))
        print(f"Event loop while pretranslating {rows:,} segments ({filled:,} filled, "
              f"{elapsed:.1f} s):")
        print(f"  longest stall {_verdict(1000 * probe.longest, 50)}")
        print(f"  GUI-thread time per progress tick: {_verdict(per_tick, 5)} over "
              f"{len(ticks)} ticks, longest {1000 * max(ticks, default=0):.1f} ms")
        window.close()


def main() -> None:
    startup()
    scrolling()
    stalls()


if __name__ == "__main__":
    main()
