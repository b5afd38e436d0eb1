"""A 10,000-segment project: open it (and read every segment, as the editor does) and
export it to docx, with the goals of 0.5 s and 3 s."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import docx

from desktop_app.core.exports import export
from desktop_app.core.project import Project

SENTENCES = [
    "The Northern Alliance held the Panjshir valley against the Taliban in {n}.",
    "Ahmad Massoud spoke to reporters in Kabul on Monday about report {n}.",
    "The United Nations said 800,000 people were displaced in Nangarhar and Khost.",
    "Mr. Saleh told the U.S. envoy that the resistance would continue.",
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "big.docx"
        document = docx.Document()
        for n in range(2500):
            document.add_paragraph(" ".join(s.format(n=n) for s in SENTENCES))
        document.save(str(source))
        start = time.perf_counter()
        project = Project.create(source, "dari", path=Path(tmp) / "big.tarjuman")
        create = time.perf_counter() - start
        count = project.info().segments
        for seg in project.segments()[::2]:
            project.apply_machine([(seg.id, "متن ترجمه شده برای آزمایش", "mt:bench")])
        project.close()

        start = time.perf_counter()
        project = Project.open(Path(tmp) / "big.tarjuman")
        segments = project.segments()
        opened = time.perf_counter() - start
        start = time.perf_counter()
        export(project, Path(tmp) / "out.docx")
        exported = time.perf_counter() - start
        print(f"Project of {count:,} segments ({len(segments):,} read), docx:")
        print(f"  import + segment: {create:.2f} s")
        print(f"  open + read all:  {opened:.3f} s (goal < 0.5 s: "
              f"{'OK' if opened < 0.5 else 'MISSED'})")
        print(f"  export to docx:   {exported:.2f} s (goal < 3 s: "
              f"{'OK' if exported < 3 else 'MISSED'})")
