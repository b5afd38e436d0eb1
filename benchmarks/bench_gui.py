"""Editor start-up, scrolling, and how long the window's event loop ever waits.

- start: a fresh interpreter importing the GUI, building the main window and showing it
  (goal < 1 s), and whether any MT library was imported by then (it must not be);
- scroll: a 10,000-segment project, page by page to the bottom and back, each page
  painted, time per page;
- stalls: in every scenario a 5 ms probe timer runs on the window's thread; the longest
  gap between its ticks is the longest freeze (goal < 50 ms) and the 99th percentile of
  the gaps is the frame time (goal < 16 ms). Scenarios: scrolling 10,000 segments (a page
  every 16 ms), importing a 3,000-paragraph docx, pretranslating 10,000 segments,
  reopening that translated project, moving from row to row with a 1,000,000-unit TM,
  and moving from row to row with a LibreTranslate server that accepts and never answers
  (the MT dock must say "not answering" within 3 s). Each scenario runs in a fresh
  process, several rounds; the figure is the worst round, with the machine's load.

The inputs are made once per run (the 1,000,000-unit TM once per machine, kept in
``/tmp/tarjuman-bench-gui``: building it takes minutes). ``TARJUMAN_BENCH_GUI_ROUNDS``
sets the rounds (3), ``TARJUMAN_BENCH_GUI_ONLY`` a comma list of scenarios,
``TARJUMAN_BENCH_GUI_TM_SIZE`` the TM's size. ``TARJUMAN_BENCH_WHY=1`` prints, for each
stall over 30 ms, where the window's thread was (sampled stacks) and every GC pause;
``TARJUMAN_BENCH_PROFILE=1`` a cProfile of the window's thread.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
KEEP = Path(tempfile.gettempdir()) / "tarjuman-bench-gui"  # the big TM, built once
BEFORE = Path(__file__).with_name("gui_stalls_before.json")  # figures before the fixes
SCENARIOS = ("idle", "scroll", "import", "pretranslate", "reopen", "tm-rows", "hung-server")
TITLES = {"idle": "idle, project open (control)", "scroll": "scrolling 10,000 segments",
          "import": "importing a 3,000-para docx",
          "pretranslate": "pretranslating 10,000 segs", "reopen": "reopening that project",
          "tm-rows": "row changes, 1,000,000-unit TM",
          "hung-server": "row changes, hung MT server"}
STALL_GOAL, FRAME_GOAL = 50.0, 16.0

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


# -- inputs, made once per run ----------------------------------------------------------------

def _docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


def _news(n: int) -> str:
    return (f"The Northern Alliance held Panjshir in {n}. Ahmad Massoud spoke in Kabul. "
            f"The United Nations counted 800,000 displaced. Mr. Saleh met the U.S. envoy.")


def big_tm(size: int) -> tuple[Path, str]:
    """The TM of ``size`` units (bench_tm's sentences), built once into KEEP and reused."""
    from benchmarks.bench_tm import fill

    path = KEEP / f"tm-{size}.sqlite"
    if path.exists():
        return path, f"reused {path} (built by an earlier run)"
    KEEP.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    part.unlink(missing_ok=True)
    start = time.perf_counter()
    fill(part, size)
    part.rename(path)
    return path, f"built {path} in {time.perf_counter() - start:.0f} s (kept for later runs)"


def prepare(shared: Path, tm_size: int) -> dict[str, str]:
    """Every input the rounds copy: the documents, a tiny Argos model, the 10,000-segment
    project untranslated and translated, a small project of TM-like sentences, the TM."""
    from benchmarks.bench_tm import queries
    from desktop_app.core.mt import argos
    from desktop_app.core.pretranslate import pretranslate_file
    from desktop_app.core.session import EditSession
    from tests.fixtures.tiny_models import build_argos_package

    home = shared / "home"
    home.mkdir(parents=True)
    os.environ["TARJUMAN_HOME"] = str(home)
    _docx(shared / "import.docx", [_news(n) for n in range(3000)])
    _docx(shared / "big.docx", [_news(n) for n in range(2500)])
    _docx(shared / "tm.docx", queries(tm_size, n=120, seed=11))
    model = build_argos_package(shared / "tiny.argosmodel")
    for name in ("big", "tm"):
        EditSession.from_document(shared / f"{name}.docx", "dari",
                                  path=shared / f"{name}.tarjuman").close()
    shutil.copy(shared / "big.tarjuman", shared / "translated.tarjuman")
    argos.install(model)
    pretranslate_file(shared / "translated.tarjuman", chunk=64)
    _path, said = big_tm(tm_size)
    return {"tm": said}


# -- one round, in a fresh process ------------------------------------------------------------

class Probe:
    """A 5 ms precise timer on the window's thread: every gap between its ticks (wall
    time, and how much of it this thread spent on the CPU), and the GC pauses seen."""

    def __init__(self) -> None:
        import gc

        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self.busy: list[float] = []  # of each gap: this thread on a CPU
        self.waits: list[float] = []  # of each gap: this thread waiting for a CPU (load)
        self.last_queued = self._queued()
        self.gc_pauses: list[tuple[float, int, float]] = []  # wall, generation, CPU
        self._gc_start = (0.0, 0.0)
        self.last = time.perf_counter()
        self.last_cpu = time.thread_time()
        self.check: Any = None
        self.running = False
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        gc.callbacks.append(self._gc)

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":  # on the thread that collects: thread_time is its CPU
            self._gc_start = (time.perf_counter(), time.thread_time())
        elif self.running:
            self.gc_pauses.append((time.perf_counter() - self._gc_start[0],
                                   info.get("generation", -1),
                                   time.thread_time() - self._gc_start[1]))

    @staticmethod
    def _queued() -> float:
        """Seconds this thread has waited on the run queue for a CPU (Linux schedstat)."""
        try:
            with open("/proc/thread-self/schedstat") as fh:
                return int(fh.read().split()[1]) / 1e9
        except (OSError, IndexError, ValueError):
            return 0.0

    def tick(self) -> None:
        now, cpu, queued = time.perf_counter(), time.thread_time(), self._queued()
        self.gaps.append(now - self.last)
        self.busy.append(cpu - self.last_cpu)
        self.waits.append(queued - self.last_queued)
        self.last, self.last_cpu, self.last_queued = now, cpu, queued
        if self.check is not None:
            self.check()

    def run(self, app: Any, done: Any, *, settle: float = 0.5, timeout: float = 900,
            step: Any = None) -> float:
        """Run the real event loop until ``done()`` (then ``settle`` seconds more, for
        what a result schedules); ``step()`` is called on every tick. Seconds to done."""
        from PySide6.QtCore import QEventLoop

        loop = QEventLoop()
        start = time.perf_counter()
        finished: list[float] = []

        def check() -> None:
            if step is not None:
                step()
            now = time.perf_counter()
            if not finished and (done() or now - start > timeout):
                finished.append(now)
            if finished and now - finished[0] >= settle:
                loop.quit()

        self.check = check
        self.last, self.last_cpu = time.perf_counter(), time.thread_time()
        self.last_queued = self._queued()
        self.timer.start()
        self.running = True
        loop.exec()
        self.running = False
        self.timer.stop()
        self.check = None
        return finished[0] - start

    def figures(self) -> dict[str, float]:
        gaps = sorted(self.gaps)
        worst = max(range(len(self.gaps)), key=self.gaps.__getitem__) if self.gaps else 0
        return {"stall_ms": 1000 * (gaps[-1] if gaps else 0),
                "stall_cpu_ms": 1000 * (self.busy[worst] if self.busy else 0),
                "stall_queue_ms": 1000 * (self.waits[worst] if self.waits else 0),
                "stall_at_s": sum(self.gaps[:worst + 1]),  # seconds into the scenario
                "p99_ms": 1000 * (gaps[min(len(gaps) - 1, int(0.99 * len(gaps)))] if gaps
                                  else 0),
                "frames": len(gaps), "over_50": sum(1 for g in gaps if g >= 0.05),
                "gc_max_ms": 1000 * max((p for p, _g, _c in self.gc_pauses), default=0),
                "gc_cpu_ms": 1000 * max((c for _p, _g, c in self.gc_pauses), default=0),
                "gc_ms": 1000 * sum(p for p, _g, _c in self.gc_pauses),
                "gcs": len(self.gc_pauses)}


class Why:
    """Where the window's thread is during a stall: a watchdog thread samples its Python
    stack while the probe has not ticked for 30 ms (TARJUMAN_BENCH_WHY=1)."""

    def __init__(self, probe: Probe) -> None:
        import threading

        self.probe = probe
        self.samples: list[tuple[float, str]] = []
        self.main = threading.main_thread().ident
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        import threading
        import traceback

        while not self.stop.wait(0.005):
            late = time.perf_counter() - self.probe.last
            if late > 0.03 and self.probe.running:
                frames = sys._current_frames()  # noqa: SLF001
                frame = frames.get(self.main)
                if frame is not None:
                    stack = traceback.extract_stack(frame)[-14:]
                    others = [traceback.extract_stack(f)[-1] for ident, f in frames.items()
                              if ident not in (self.main, threading.get_ident())]
                    self.samples.append((self.probe.last, " < ".join(
                        f"{Path(f.filename).name}:{f.lineno} {f.name}"
                        for f in reversed(stack)) + " | other threads: " + ", ".join(
                        f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in others)))

    def report(self) -> None:
        from collections import Counter

        self.stop.set()
        stalls: dict[float, Counter[str]] = {}
        for began, stack in self.samples:
            stalls.setdefault(began, Counter())[stack] += 1
        for began, stacks in sorted(stalls.items(), key=lambda kv: -sum(kv[1].values()))[:6]:
            print(f"  stall at {began:.3f} (~{5 * sum(stacks.values())} ms sampled):",
                  file=sys.stderr)
            for stack, n in stacks.most_common(3):
                print(f"    {n:3d}x {stack}", file=sys.stderr)
        pauses = sorted(self.probe.gc_pauses, reverse=True)[:5]
        print("  longest GC pauses: " + ", ".join(
            f"{1000 * p:.1f} ms (gen {g}, CPU {1000 * c:.1f} ms)" for p, g, c in pauses),
            file=sys.stderr)


def _window(app: Any) -> Any:
    from desktop_app.gui.main_window import MainWindow

    window = MainWindow()
    window.resize(1200, 800)
    window.show()
    app.processEvents()
    return window


def _ready(window: Any) -> bool:
    return window.session is not None and window.job is None


def _idle(app: Any, seconds: float) -> None:
    """Let start-up work (the fork server, widget warm-up) finish before measuring."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def _open(app: Any, window: Any, path: Path, target: str | None = None) -> None:
    assert window.open_path(path, target)
    end = time.monotonic() + 600
    while not _ready(window) and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)
    _idle(app, 0.5)


def _scroll(app: Any, window: Any, probe: Probe) -> dict[str, float]:
    """The old figure first (each page scrolled and painted at once, ms per page), then a
    page every 16 ms under the probe, painted by the event loop as on screen."""
    bar = window.view.verticalScrollBar()
    page = max(1, bar.pageStep())
    values = list(range(0, bar.maximum() + page, page)) + \
        list(range(bar.maximum(), -page, -page))
    start = time.perf_counter()
    for value in values:
        bar.setValue(value)
        window.view.viewport().repaint()
        app.processEvents()
    per_page = 1000 * (time.perf_counter() - start) / len(values)
    todo = list(values)
    last = [0.0]

    def step() -> None:
        now = time.perf_counter()
        if todo and now - last[0] >= 0.016:
            bar.setValue(todo.pop())
            last[0] = now

    probe.run(app, lambda: not todo, step=step)
    return {"page_ms": per_page, "pages": len(values)}


def _rows(app: Any, window: Any, probe: Probe, rows: int, every: float,
          until: Any = None) -> list[float]:
    """Ctrl+Down every ``every`` seconds, ``rows`` times, under the probe; how long each
    row took on the window's thread."""
    moved: list[float] = []
    last = [0.0]

    def step() -> None:
        now = time.perf_counter()
        if len(moved) < rows and now - last[0] >= every:
            last[0] = now
            window.move_by(1)
            moved.append(time.perf_counter() - now)

    probe.run(app, lambda: len(moved) >= rows and (until is None or until()), step=step,
              timeout=120)
    return moved


def _round(scenario: str, shared: Path, tmp: Path) -> dict[str, Any]:
    from desktop_app.gui.app import make_app

    home = tmp / "home"
    home.mkdir()
    os.environ["TARJUMAN_HOME"] = str(home)
    found: dict[str, Any] = {"load": os.getloadavg()[0]}
    if scenario in ("pretranslate", "reopen"):
        from desktop_app.core.mt import argos

        argos.install(shared / "tiny.argosmodel")
    if scenario == "tm-rows":
        os.link(Path((shared / "tm-path").read_text()), home / "tm.sqlite")
    server = None
    if scenario == "hung-server":
        import socket

        from desktop_app.core.paths import settings_file

        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(64)  # the kernel accepts; nobody ever answers
        settings_file().write_text(json.dumps(
            {"libretranslate_url": f"http://127.0.0.1:{server.getsockname()[1]}"}), "utf-8")
    app = make_app()
    window = _window(app)
    _idle(app, 1.5)
    probe = Probe()
    why = Why(probe) if os.environ.get("TARJUMAN_BENCH_WHY") else None
    profile = None
    if os.environ.get("TARJUMAN_BENCH_PROFILE"):
        import cProfile

        profile = cProfile.Profile()
    if profile:
        profile.enable()
    if scenario == "import":
        shutil.copy(shared / "import.docx", tmp / "import.docx")
        assert window.open_path(tmp / "import.docx", "dari")
        found["seconds"] = probe.run(app, lambda: _ready(window))
    elif scenario == "reopen":
        shutil.copy(shared / "translated.tarjuman", tmp / "translated.tarjuman")
        assert window.open_path(tmp / "translated.tarjuman")
        found["seconds"] = probe.run(app, lambda: _ready(window))
    else:
        name = "tm" if scenario in ("tm-rows", "hung-server") else "big"  # idle: big
        shutil.copy(shared / f"{name}.tarjuman", tmp / f"{name}.tarjuman")
        asked: list[float] = []  # when the MT dock was first asked, and when it said
        said: list[float] = []  # the server is not answering
        if scenario == "hung-server":
            show_mt, show_message = window.panels.show_mt, window.mt_panel.show_message

            def showing_mt(row: int) -> None:
                asked.append(asked[0] if asked else time.perf_counter())
                show_mt(row)

            def message(text: str) -> None:
                if not said and ("not answering" in text or "not reachable" in text):
                    said.append(time.perf_counter())
                show_message(text)

            window.panels.show_mt, window.mt_panel.show_message = showing_mt, message
        if profile:
            profile.disable()
        _open(app, window, tmp / f"{name}.tarjuman")
        if profile:
            profile.enable()
        found["rows"] = len(window.session.segments)
        if scenario == "idle":  # what the machine's load alone does to the event loop
            until = time.perf_counter() + 10
            probe.run(app, lambda: time.perf_counter() > until, settle=0)
        elif scenario == "scroll":
            found.update(_scroll(app, window, probe))
        elif scenario == "pretranslate":
            ticks: list[float] = []
            original = window.long_jobs.tick

            def timed(value: object) -> None:
                t0 = time.perf_counter()
                original(value)
                ticks.append(time.perf_counter() - t0)

            window.long_jobs.tick = timed
            window.pretranslate()
            found["seconds"] = probe.run(app, lambda: window.job is None)
            found["filled"] = sum(1 for s in window.session.segments if s.target)
            found["tick_ms"] = 1000 * sum(ticks) / max(1, len(ticks))
            found["tick_max_ms"] = 1000 * max(ticks, default=0)
        elif scenario == "tm-rows":
            shown: list[float] = []
            asked = [0.0]
            show = window.tm_panel.show_matches

            def showing(matches: Any) -> None:
                show(matches)
                shown.append(time.perf_counter() - asked[0])

            original_look = window.panels.look_up_tm

            def look(row: int) -> None:
                asked[0] = time.perf_counter()
                original_look(row)

            window.tm_panel.show_matches = showing
            window.panels.look_up_tm = look
            moved = _rows(app, window, probe, 40, 0.15)
            found.update(row_ms=1000 * max(moved), lookups=len(shown),
                         lookup_ms=1000 * sorted(shown)[len(shown) // 2] if shown else -1)
        elif scenario == "hung-server":
            moved = _rows(app, window, probe, 10, 0.6, until=lambda: bool(said))
            found.update(row_ms=1000 * max(moved),
                         said_s=said[0] - asked[0] if said and asked else -1.0,
                         message=window.mt_panel.status.text()[:120])
    if profile:
        import pstats

        profile.disable()
        stats = pstats.Stats(profile, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(25)
    if why:
        why.report()
    found.update(probe.figures())
    window.close()
    if server is not None:
        server.close()
    return found


CHILD = r"""
import json, sys, tempfile
from pathlib import Path
from benchmarks.bench_gui import _round

if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(_round(sys.argv[1], Path(sys.argv[2]), Path(tmp))))
"""

PREPARE = r"""
import json, sys
from pathlib import Path
from benchmarks.bench_gui import prepare

if __name__ == "__main__":
    print(json.dumps(prepare(Path(sys.argv[1]), int(sys.argv[2]))))
"""


def _child(code: str, *args: str) -> dict[str, Any]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, cwd=ROOT)
    if os.environ.get("TARJUMAN_BENCH_WHY") or os.environ.get("TARJUMAN_BENCH_PROFILE"):
        sys.stderr.write(proc.stderr)
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        raise RuntimeError(f"{args[0]}: {last}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _worst(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The round with the longest stall; its p99 replaced by the worst p99 of all."""
    worst = dict(max(runs, key=lambda run: run["stall_ms"]))
    worst["p99_ms"] = max(run["p99_ms"] for run in runs)
    worst["load"] = max(run["load"] for run in runs)
    return worst


def _before() -> dict[str, Any]:
    try:
        before: dict[str, Any] = json.loads(BEFORE.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return before


def stalls(rounds: int | None = None) -> dict[str, list[dict[str, Any]]]:
    rounds = rounds or int(os.environ.get("TARJUMAN_BENCH_GUI_ROUNDS", "3"))
    only = [s for s in os.environ.get("TARJUMAN_BENCH_GUI_ONLY", "").split(",") if s]
    tm_size = int(os.environ.get("TARJUMAN_BENCH_GUI_TM_SIZE", "1000000"))
    runs: dict[str, list[dict[str, Any]]] = {s: [] for s in SCENARIOS if not only or s in only}
    kept = os.environ.get("TARJUMAN_BENCH_GUI_INPUTS")  # a folder: inputs made once, reused
    with tempfile.TemporaryDirectory() as tmp:
        shared = Path(kept or tmp) / "inputs"
        start = time.perf_counter()
        said = (json.loads((shared / "made.json").read_text()) if kept and
                (shared / "made.json").exists() else _child(PREPARE, str(shared), str(tm_size)))
        (shared / "made.json").write_text(json.dumps(said))
        (shared / "tm-path").write_text(str(KEEP / f"tm-{tm_size}.sqlite"))
        print(f"Inputs made in {time.perf_counter() - start:.0f} s; the {tm_size:,}-unit TM: "
              f"{said['tm']}")
        for n in range(rounds):  # round by round, so a change of load spreads over all
            for scenario in runs:
                try:
                    runs[scenario].append(_child(CHILD, scenario, str(shared)))
                except RuntimeError as exc:
                    print(f"  round {n + 1}, {scenario}: FAILED: {exc}")
    before = _before()
    print(f"Event-loop stalls, worst of {rounds} rounds, each a fresh process (goal: "
          f"longest < {STALL_GOAL:g} ms, p99 frame < {FRAME_GOAL:g} ms); the load is the "
          f"1-minute average at the start of the round (2 cores: above 2, others waited):")
    if before:
        print(f"  before the fixes: {before.get('note', '')}")
    print("  (of the longest stall: CPU = the window's thread working, queue = waiting for a "
          "CPU the machine's other processes held; the rest is the interpreter lock or I/O)")
    print(f"  {'scenario':<32}{'longest':>9}{'CPU':>7}{'queue':>7}{'p99':>7}{'GC max':>8}"
          f"{'load':>6}   {'before: longest':>15}{'p99':>7}{'load':>6}")
    for scenario, got in runs.items():
        if not got:
            print(f"  {TITLES[scenario]:<32} no round finished")
            continue
        w = _worst(got)
        ok = "OK" if w["stall_ms"] < STALL_GOAL and w["p99_ms"] < FRAME_GOAL else "MISSED"
        b = before.get(scenario)
        old = (f"{b['stall_ms']:>12.0f} ms{b['p99_ms']:>7.1f}{b['load']:>6.1f}" if b
               else f"{'-':>15}")
        print(f"  {TITLES[scenario]:<32}{w['stall_ms']:>6.0f} ms{w['stall_cpu_ms']:>7.0f}"
              f"{w.get('stall_queue_ms', 0):>7.0f}{w['p99_ms']:>7.1f}{w['gc_max_ms']:>5.0f} ms"
              f"{w['load']:>6.1f}   {old}  {ok}")
        print("      rounds: " + "; ".join(
            f"{r['stall_ms']:.0f}/{r['p99_ms']:.1f} ms at load {r['load']:.1f}" for r in got))
    _details(runs, before)
    return runs


def _details(runs: dict[str, list[dict[str, Any]]], before: dict[str, Any]) -> None:
    if runs.get("scroll"):
        w = max(runs["scroll"], key=lambda r: r["page_ms"])
        old = before.get("scroll", {}).get("page_ms")
        print(f"  scrolling {w['rows']:,} segments, each page painted at once: "
              f"{w['page_ms']:.1f} ms per page (worst round)"
              + (f"; before {old:.1f} ms" if old else ""))
    if runs.get("import"):
        print(f"  import: {max(r['seconds'] for r in runs['import']):.1f} s to the open "
              f"project (worst round)")
    if runs.get("pretranslate"):
        w = _worst(runs["pretranslate"])
        print(f"  pretranslation: {w['filled']:,} of {w['rows']:,} filled in "
              f"{w['seconds']:.1f} s; GUI-thread time per progress tick {w['tick_ms']:.1f} ms "
              f"(longest {w['tick_max_ms']:.1f} ms)")
    if runs.get("reopen"):
        print(f"  reopen: {max(r['seconds'] for r in runs['reopen']):.2f} s (worst round)")
    if runs.get("tm-rows"):
        w = _worst(runs["tm-rows"])
        print(f"  TM rows: {w['rows']} rows, 40 moves 150 ms apart; longest move on the "
              f"window's thread {w['row_ms']:.1f} ms; TM dock filled {w['lookups']} times, "
              f"median {w['lookup_ms']:.0f} ms after the move")
    if runs.get("hung-server"):
        worst = max(r["said_s"] if r["said_s"] >= 0 else 1e9 for r in runs["hung-server"])
        w = _worst(runs["hung-server"])
        when = f"{worst:.2f} s" if worst < 1e9 else "never"
        print(f"  hung server: the MT dock said so after {when} (worst round; goal < 3 s: "
              f"{'OK' if worst < 3 else 'MISSED'}), counted from the project's opening: "
              f"\"{w['message']}\"; longest move "
              f"{w['row_ms']:.1f} ms")


def main() -> None:
    startup()
    stalls()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--save-before":
        found = stalls()
        note = " ".join(sys.argv[2:])
        BEFORE.write_text(json.dumps({"note": note, **{s: _worst(r) for s, r in found.items()
                                                        if r}}, indent=1), "utf-8")
    else:
        main()
