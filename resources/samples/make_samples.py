"""Rebuild panjshir.md, panjshir.html and panjshir.docx from panjshir.txt.

Run from this folder with the project's venv: ``python make_samples.py``.
"""

from __future__ import annotations

import html
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).parent


def paragraphs() -> tuple[str, list[str]]:
    blocks = [b.strip() for b in (HERE / "panjshir.txt").read_text("utf-8").split("\n\n")]
    return blocks[0], [b for b in blocks[1:] if b]


def build_md(title: str, paras: list[str]) -> str:
    out = [f"# {title}", ""]
    for i, p in enumerate(paras):
        if i == 3:
            out += ["## The valley's history", ""]
        if i == 10:
            out += ["- **Displaced:** more than 800,000 people", "- **In need:** 23 million",
                    ""]
        out += [p.replace("Northern Alliance", "*Northern Alliance*"), ""]
    return "\n".join(out)


def build_html(title: str, paras: list[str]) -> str:
    body = []
    for i, p in enumerate(paras):
        if i == 3:
            body.append("<h2>The valley's history</h2>")
            body.append('<img src="panjshir.jpg" alt="The Panjshir River near Bazarak" '
                        'title="Panjshir Valley">')
        text = html.escape(p, quote=False).replace(
            "Human Rights Watch",
            '<a href="https://example.org/hrw" title="Human Rights Watch report">'
            "Human Rights Watch</a>")
        text = text.replace("Northern Alliance", "<b>Northern Alliance</b>")
        body.append(f"<p>{text}</p>")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{html.escape(title)}</title>
<style>body {{ font-family: serif; max-width: 40em; }}</style>
<script>console.log("not translated");</script>
</head>
<body>
<h1>{html.escape(title)}</h1>
{chr(10).join(body)}
</body>
</html>
"""


def build_docx(title: str, paras: list[str], path: Path) -> None:
    d = docx.Document()
    d.core_properties.title = title
    d.core_properties.author = "Tarjuman"
    d.add_heading(title, level=1)
    d.sections[0].header.paragraphs[0].text = "Tarjuman sample: Afghanistan report"
    for i, p in enumerate(paras):
        if i == 3:
            d.add_heading("The valley's history", level=2)
        para = d.add_paragraph()
        if "Northern Alliance" in p:
            before, after = p.split("Northern Alliance", 1)
            para.add_run(before)
            para.add_run("Northern Alliance").bold = True
            para.add_run(after)
        elif p.startswith('"'):
            para.add_run(p).italic = True
        else:
            para.add_run(p)
        if i == 7:
            table = d.add_table(rows=3, cols=2)
            table.style = "Table Grid"
            for row, (k, v) in zip(table.rows, [("Figure", "Value"),
                                                ("Displaced", "800,000"),
                                                ("In need of aid", "23 million")], strict=True):
                row.cells[0].text, row.cells[1].text = k, v
    for style in ("Normal",):
        d.styles[style].font.size = Pt(11)
    d.save(str(path))


def main() -> None:
    title, paras = paragraphs()
    (HERE / "panjshir.md").write_text(build_md(title, paras), "utf-8")
    (HERE / "panjshir.html").write_text(build_html(title, paras), "utf-8")
    build_docx(title, paras, HERE / "panjshir.docx")


if __name__ == "__main__":
    main()
