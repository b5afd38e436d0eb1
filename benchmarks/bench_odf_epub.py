"""EPUB and OpenDocument at book length: import (`project new`) and export (`project
export`, every segment translated) of a 300-page EPUB and a 300-page ODT, each step in its
own process, with wall time and peak RSS (goal: under 10 s and 300 MB each). The EPUB is
measured twice with the same text, in 30 and in 300 chapters: memory should not grow
with the number of parts."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks.measure import tarjuman
from desktop_app.core.project import Project
from tests.fixtures.odf_epub import make_epub, make_long_odt

PARAGRAPHS_PER_PAGE = 12
PAGES = 300
GOAL_SECONDS, GOAL_MIB = 10.0, 300.0


def measure(args: list[str], home: Path) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MiB, exit code) of ``tarjuman ARGS``: on a
    shared machine the CPU time says what the wall time cannot."""
    done = tarjuman(args, home)
    return done.seconds, done.cpu, done.rss_mib, done.code


def _fill(project_path: Path) -> int:
    """Every segment translated (as MT would), so the export writes Dari everywhere."""
    with Project.open(project_path) as project:
        segments = project.segments()
        project.apply_machine([(s.id, "ائتلاف شمال درهٔ پنجشیر را نگه داشت.", "mt:bench")
                               for s in segments])
        return len(segments)


def _row(label: str, seconds: float, cpu: float, rss: float, code: int
         ) -> tuple[float, float]:
    verdict = "OK" if code == 0 and seconds < GOAL_SECONDS and rss < GOAL_MIB else "MISSED"
    state = "" if code == 0 else f", exit {code}"
    print(f"  {label:<42} {seconds:6.2f} s ({cpu:5.2f} s CPU)  {rss:5.0f} MiB peak RSS  "
          f"(goal < {GOAL_SECONDS:.0f} s, < {GOAL_MIB:.0f} MiB: {verdict}{state})")
    return seconds, rss


def _book(folder: Path, home: Path, name: str, make: Callable[[Path], Path],
          suffix: str) -> tuple[float, float]:
    source = make(folder / f"{name}{suffix}")
    project = folder / f"{name}.tarjuman"
    size = source.stat().st_size / 1024
    imported = measure(["project", "new", str(source), "--to", "dari", "-o", str(project)],
                       home)
    _row(f"import {name} ({size:.0f} KB)", *imported)
    count = _fill(project) if imported[3] == 0 else 0
    exported = measure(["project", "export", str(project), "-o",
                        str(folder / f"{name}.fa{suffix}")], home)
    _, rss = _row(f"export {name} ({count:,} segments)", *exported)
    return max(imported[2], rss), exported[0]


def main() -> None:
    paragraphs = PAGES * PARAGRAPHS_PER_PAGE
    print(f"EPUB and OpenDocument, {PAGES} pages ({paragraphs:,} paragraphs), "
          "each step in its own process:")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        home = folder / "home"
        home.mkdir()
        few, _ = _book(folder, home, "epub-30-chapters",
                       lambda p: make_epub(p, chapters=30, paragraphs=paragraphs // 30), ".epub")
        many, _ = _book(folder, home, "epub-300-chapters",
                        lambda p: make_epub(p, chapters=300, paragraphs=paragraphs // 300),
                        ".epub")
        _book(folder, home, "odt", lambda p: make_long_odt(p, paragraphs), ".odt")
        if few:
            print(f"  peak memory, 300 chapters / 30 chapters: x{many / few:.2f} "
                  "(goal: about x1)")


if __name__ == "__main__":
    main()
