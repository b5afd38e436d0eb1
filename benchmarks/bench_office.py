"""PowerPoint and Excel: import into a project and export translated, each file in its own
child process (wall time and peak RSS of that process): a generated 100-slide pptx and a
20,000-cell xlsx (goal: each under 10 s and 300 MB)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from benchmarks.measure import run

ROOT = Path(__file__).resolve().parents[1]
SLIDES = 100
CELLS = 20_000
GOAL_S, GOAL_MB = 10.0, 300.0


def child(document: Path) -> None:
    """Import ``document``, fill every segment, export it right to left (in this process)."""
    from desktop_app.core.exports import export
    from desktop_app.core.project import Project

    project = Project.create(document, "dari", path=document.with_suffix(".tarjuman"))
    try:
        project.apply_machine([(s.id, "ترجمه آزمایشی", "mt:bench") for s in project.segments()])
        export(project, document.with_name("out.fa" + document.suffix))
    finally:
        project.close()


def measure(document: Path, home: Path) -> tuple[float, float, int]:
    env = {**os.environ, "TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT)}
    done = run([sys.executable, "-m", "benchmarks.bench_office", str(document)], env=env,
               cwd=ROOT)
    if done.code:
        sys.stderr.write(done.stderr[-2000:])
    return done.seconds, done.rss_mib, done.code


def main() -> None:
    from tests.fixtures.office import build_pptx, build_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        home = folder / "home"
        home.mkdir()
        deck = folder / "pptx" / "deck.pptx"
        book = folder / "xlsx" / "book.xlsx"
        deck.parent.mkdir()
        book.parent.mkdir()
        deck.write_bytes(build_pptx(slides=SLIDES - 2))
        book.write_bytes(build_xlsx(rows=CELLS // 3))
        for label, path in ((f"pptx {SLIDES} slides: import + export", deck),
                            (f"xlsx {CELLS:,} cells: import + export", book)):
            seconds, rss, code = measure(path, home)
            ok = "OK" if code == 0 and seconds < GOAL_S and rss < GOAL_MB else "OVER"
            state = "" if code == 0 else f"  (exit {code})"
            print(f"{label:<46} {seconds:8.1f} s  {rss:7.0f} MiB peak RSS "
                  f"(goal < {GOAL_S:.0f} s, < {GOAL_MB:.0f} MB: {ok}){state}")


if __name__ == "__main__":
    if len(sys.argv) == 2:
        child(Path(sys.argv[1]))
    else:
        main()
