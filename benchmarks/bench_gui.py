"""Editor start-up and scrolling, offscreen.

- start: a fresh interpreter importing the GUI, building the main window and showing it
  (goal < 1 s), and whether any MT library was imported by then (it must not be);
- scroll: a 10,000-segment project, page by page to the bottom and back, each page
  painted, time per page.
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


def main() -> None:
    startup()
    scrolling()


if __name__ == "__main__":
    main()
