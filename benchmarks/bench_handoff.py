"""Hand-off formats: Markdown import is linear (1 MB and 5 MB of dense markup, and the
90 KB emphasis line that took 66 s with regular expressions), a PDF report import,
XLIFF export into the client's tree, and the review docx written and read back."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from desktop_app.core.documents.markdown import Markdown
from desktop_app.core.documents.pdf import Pdf
from desktop_app.core.documents.xliff import Xliff


def _markdown(size: int) -> bytes:
    para = "Some *em* and **strong _nested_** [link](http://x.org) `c` *a\n" * 20
    return ((para + "\n") * (size // (len(para) + 1))).encode()


def _time(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def markdown() -> None:
    small, big = _markdown(1_000_000), _markdown(5_000_000)
    t1 = _time(lambda: Markdown().load(small, "a.md"))
    t5 = _time(lambda: Markdown().load(big, "b.md"))
    line = _time(lambda: Markdown().load(("*a " * 30_000).encode(), "l.md"))
    print(f"markdown import: 1 MB {t1:.1f} s, 5 MB {t5:.1f} s (ratio {t5 / t1:.1f} for 5x "
          f"the input: goal ~5, linear); 90 KB '*' line {line:.2f} s (was 66 s)")


def pdf() -> None:
    from tests.fixtures.pdf_report import report_docx, to_pdf

    with tempfile.TemporaryDirectory() as tmp:
        path = to_pdf(report_docx(Path(tmp) / "report.docx"), Path(tmp))
        data = path.read_bytes()
        t = _time(lambda: Pdf().load(data, "report.pdf"))
        print(f"pdf import: 2-page two-column report in {t:.2f} s")


def xliff() -> None:
    units = "".join(f'<trans-unit id="u{k}"><source>Sentence {k} with <g id="1">bold</g>.'
                    f"</source></trans-unit>" for k in range(10_000))
    data = ('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" '
            f'target-language="fa-AF" datatype="plaintext" original="x"><body>{units}'
            "</body></file></xliff>").encode()
    load = _time(lambda: Xliff().load(data, "x.xlf"))
    blocks = Xliff().load(data, "x.xlf").blocks
    targets = {b.id: "ترجمه " + b.text for b in blocks}
    save = _time(lambda: Xliff().save(data, "x.xlf", targets, "prs"))
    print(f"xliff 1.2, 10,000 units: import {load:.2f} s, export into the tree {save:.2f} s")


def review() -> None:
    from desktop_app.core.bilingual import review_docx
    from desktop_app.core.project import Project
    from desktop_app.core.session import EditSession

    def import_review(project: Project, out: Path) -> None:
        session = EditSession(project, qa=False)
        session.import_review(out)
        session.tm.close()

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (1000, 2000):
            doc = Path(tmp) / f"doc{n}.txt"
            doc.write_text("\n\n".join(f"Sentence {k} about the valley." for k in range(n)),
                           "utf-8")
            project = Project.create(doc, "dari", path=Path(tmp) / f"p{n}.tarjuman")
            out = Path(tmp) / f"r{n}.docx"
            write = _time(lambda p=project, o=out: o.write_bytes(review_docx(p)))
            read = _time(lambda p=project, o=out: import_review(p, o))
            times.append((n, write, read))
            project.close()
    (n1, w1, r1), (n2, w2, r2) = times
    print(f"review docx: {n1} segments written {w1:.1f} s, read back {r1:.1f} s; {n2}: "
          f"{w2:.1f} s, {r2:.1f} s (ratios {w2 / w1:.1f}, {r2 / r1:.1f} for 2x: linear ~2)")


def main() -> None:
    markdown()
    pdf()
    xliff()
    review()


if __name__ == "__main__":
    main()
