"""The TM dock looks a segment up in a job: with 50,000 units in the memory, moving from row
to row never waits on the lookup, and the dock fills with the current row's matches."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from benchmarks.bench_tm import edited, fill, sentence
from desktop_app.core.tm import tm_file
from tests.gui.conftest import docks_follow, shown_window

UNITS = 50_000
# Seconds on the GUI thread per row change: hang guards, not speed targets. The old lookup
# took 0.7 s there on a quiet machine (several seconds on a busy one) at every change;
# a row change now takes some 20-50 ms, a few hundred on a two-core machine at load 9.
HANG, TYPICAL = 0.5, 0.15


def test_row_changes_never_wait_on_a_big_tm(qtbot, tmp_path: Path) -> None:
    fill(tm_file(), UNITS)
    rng = random.Random(8)
    stored = [sentence(rng.randrange(UNITS)) for _ in range(12)]
    doc = tmp_path / "news.txt"
    doc.write_text("\n\n".join(edited(s, rng) for s in stored) + "\n", encoding="utf-8")
    window = shown_window(qtbot)
    try:
        assert window.open_path(doc, "dari")
        qtbot.waitUntil(lambda: window.session is not None and window.job is None,
                        timeout=30_000)
        assert len(window.session.segments) == len(stored)
        window.go_to_row(len(stored) - 1, edit=False)  # the docks' first fill: imports
        QApplication.processEvents()
        waits = []
        for row in [*range(len(stored)), *reversed(range(len(stored) - 1))]:
            start = time.perf_counter()
            window.go_to_row(row, edit=False)
            QApplication.processEvents()
            waits.append(time.perf_counter() - start)
        assert window.current_row() == 0
        shown = sorted(f"{w * 1000:.0f} ms" for w in waits)
        assert max(waits) < HANG and statistics.median(waits) < TYPICAL, shown
        # the dock says it is looking, then shows the current row's best match, once
        qtbot.waitUntil(lambda: bool(window.tm_panel.matches), timeout=30_000)
        assert window.tm_panel.matches[0].source == stored[0]
        assert window.tm_panel.matches[0].score >= 75
        window.go_to_row(5, edit=False)
        docks_follow(qtbot, window)
        assert window.tm_panel.matches == []
        assert "Searching" in window.tm_panel.diff.toPlainText()
        qtbot.waitUntil(lambda: bool(window.tm_panel.matches), timeout=30_000)
        assert window.tm_panel.matches[0].source == stored[5]
        # Ctrl+Alt+n: the dock's matches are suggestions to insert, after the MT ones
        assert window.tm_panel.matches[0].target in (
            window.mt_panel.texts() + [m.target for m in window.tm_panel.matches])
    finally:
        window.close()
