"""Hand-offs through the real CLI and a real (tiny) model: a PDF report translated into a
Dari docx, and a fresh XLIFF that goes out and comes back into its project."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from lxml import etree

from desktop_app.core.resources import sample
from tests.e2e import test_documents_cli
from tests.fixtures.pdf_report import blank_pdf, expected, report_docx, to_pdf

with_model = test_documents_cli.with_model  # tiny Argos and NLLB models installed
X = "{urn:oasis:names:tc:xliff:document:2.0}"


def test_a_pdf_report_becomes_a_dari_docx(with_model, tmp_path: Path) -> None:
    pdf = to_pdf(report_docx(tmp_path / "report.docx"), tmp_path)
    out = tmp_path / "report.fa-AF.docx"
    r = with_model("translate", str(pdf), "--to", "dari", "-o", str(out))
    assert r.returncode == 0, r.stderr
    document = docx.Document(str(out))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    source = [(kind, text) for kind, text in expected() if kind != "cell"]
    assert len(paragraphs) == len(source)
    styles = [p.style.name for p in paragraphs]
    names = {"title": "Title", "h2": "Heading 2", "li": "List Bullet"}
    assert styles == [names.get(kind, "Normal") for kind, _text in source]
    assert len(document.tables) == 1 and len(document.tables[0].rows) == 3
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(blank_pdf())
    r = with_model("translate", str(scan), "--to", "dari", "-o", str(tmp_path / "s.docx"))
    assert r.returncode != 0 and len(r.stderr.strip().splitlines()) == 1
    assert "OCR" in r.stderr and not (tmp_path / "s.docx").exists()


def test_fresh_xliff_out_and_back(with_model, tmp_path: Path) -> None:
    proj = tmp_path / "p.tarjuman"
    assert with_model("project", "new", str(sample("panjshir.docx")), "--to", "dari",
                      "-o", str(proj)).returncode == 0
    assert with_model("project", "pretranslate", str(proj)).returncode == 0
    xlf = tmp_path / "p.xlf"
    assert with_model("project", "export", str(proj), "-o", str(xlf)).returncode == 0
    tree = etree.parse(str(xlf))
    segments = list(tree.getroot().iter(f"{X}segment"))
    before = json.loads(with_model("project", "info", str(proj), "--json").stdout)
    assert len(segments) == 54 and {s.get("state") for s in segments} == {"initial"}
    assert sum(s.get("subState") == "tarjuman:mt-suggestion" for s in segments) == before[
        "by_status"]["mt"] > 40
    for seg in segments[:10]:  # the agency's reviewer signs off the first ten
        seg.set("state", "final")
        del seg.attrib["subState"]
    tree.write(str(xlf), xml_declaration=True, encoding="UTF-8")
    r = with_model("project", "import-review", str(proj), str(xlf), "--reviewer", "Agency")
    assert r.returncode == 0, r.stderr
    info = json.loads(with_model("project", "info", str(proj), "--json").stdout)
    assert info["by_status"]["confirmed"] == 10
    assert info["by_status"]["mt"] + info["by_status"]["new"] == 44
    other = tmp_path / "other.tarjuman"
    assert with_model("project", "new", str(sample("panjshir.docx")), "--to", "dari",
                      "-o", str(other)).returncode == 0
    r = with_model("project", "import-review", str(other), str(xlf))
    assert r.returncode != 0 and "another project" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
