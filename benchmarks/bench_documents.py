"""A 10,000-segment project: open it (and read every segment, as the editor does) and
export it to docx, with the goals of 0.5 s and 3 s. Then a 200-page Word file (headers,
footers, tables, formatted runs, tracked insertions): import + export in a child process
of its own, its time and peak RSS, with the goals of 10 s and 300 MB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


PAGES = 200
CHILD = r"""
import json, sys, time
from benchmarks.measure import self_peak_mib
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.documents.docx import Docx
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
imported = Docx().load(data, "long.docx")
loaded = time.perf_counter() - start
targets = {b.id: "متن ترجمه شده " + "⟨1⟩دری⟨/1⟩" * ("⟨1⟩" in b.text) for b in imported.blocks}
start = time.perf_counter()
out = Docx().save(data, "long.docx", targets, "dari")
saved = time.perf_counter() - start
print(json.dumps({"blocks": len(imported.blocks), "load": loaded, "save": saved,
                  "bytes": len(out),
                  "rss_mb": self_peak_mib()}))
"""


def long_docx(path: Path, pages: int = PAGES) -> None:
    """About ``pages`` pages (LibreOffice lays 200 out on 240): per page a heading, ten
    paragraphs with a bold run, one with a tracked insertion, and a small table; a
    header and a footer."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Quarterly report on displacement"
    document.sections[0].footer.paragraphs[0].text = "Prepared for the humanitarian team"
    body = document.element.body
    for n in range(pages):
        document.add_heading(f"Chapter {n + 1}: the valley", level=2)
        for k in range(10):
            paragraph = document.add_paragraph(SENTENCES[k % 4].format(n=n) + " ")
            paragraph.add_run("Families returned in spring.").bold = True
            paragraph.add_run(" " + SENTENCES[(k + 1) % 4].format(n=n))
        body.insert(len(body) - 1, parse_xml(
            f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">Aid arrived </w:t></w:r>'
            '<w:ins w:id="1" w:author="Editor"><w:r><w:t>late in the season.</w:t></w:r>'
            "</w:ins></w:p>"))
        table = document.add_table(rows=2, cols=3)
        for c, text in enumerate(("Province", "Families", "Status")):
            table.cell(0, c).text = text
            table.cell(1, c).text = f"Row {n} value {c}"
    document.save(str(path))


def docx_pages(tmp: Path) -> None:
    source = tmp / "long.docx"
    long_docx(source)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", CHILD, str(source)], capture_output=True,
                          text=True, env=env, timeout=600)
    if done.returncode:
        print(f"  docx {PAGES} pages: FAILED ({done.stderr.strip().splitlines()[-1:]})")
        return
    r = json.loads(done.stdout.strip().splitlines()[-1])
    total = r["load"] + r["save"]
    verdict = "OK" if total < 10 and r["rss_mb"] < 300 else "MISSED"
    print(f"Word file of {PAGES} pages ({source.stat().st_size / 1024:.0f} KB, "
          f"{r['blocks']:,} blocks), in a child process:")
    print(f"  import {r['load']:.2f} s + export {r['save']:.2f} s = {total:.2f} s, peak RSS "
          f"{r['rss_mb']:.0f} MB (goal < 10 s and < 300 MB: {verdict})")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docx_pages(Path(tmp))
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
