"""`tarjuman translate DOC` and `tarjuman project ...` as real processes, every format."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import lxml.html
import pytest
from docx.oxml.ns import qn

from desktop_app.core.resources import sample
from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


def arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


@pytest.fixture
def with_model(cli, tiny_argos: Path, tiny_nllb: Path):
    assert cli("models", "install", str(tiny_argos)).returncode == 0
    assert cli("models", "install", str(tiny_nllb)).returncode == 0
    return cli


@pytest.mark.parametrize("name", ["panjshir.txt", "panjshir.md", "panjshir.html",
                                  "panjshir.docx"])
def test_translate_every_sample_format(with_model, tmp_path: Path, name: str) -> None:
    out = tmp_path / f"out{Path(name).suffix}"
    r = with_model("translate", str(sample(name)), "--to", "dari", "-o", str(out))
    assert r.returncode == 0, r.stderr
    if name.endswith(".docx"):
        text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    elif name.endswith(".html"):
        root = lxml.html.parse(str(out)).getroot()
        assert root.get("dir") == "rtl" and root.get("lang") == "fa-AF"
        text = root.text_content()
    else:
        text = out.read_text("utf-8")
    assert arabic(text)
    if name.endswith(".txt"):
        assert len(text.splitlines()) == len(sample(name).read_text("utf-8").splitlines())


def test_translate_srt_and_xliff(with_model, tmp_path: Path) -> None:
    srt = tmp_path / "talk.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:03,000\nThe <b>Taliban</b> took Kabul.\n\n"
                   "2\n00:00:04,000 --> 00:00:06,500\nAhmad Massoud spoke.\n", "utf-8")
    r = with_model("translate", str(srt), "--to", "pashto", "-o", str(tmp_path / "ps.srt"))
    assert r.returncode == 0, r.stderr
    out = (tmp_path / "ps.srt").read_text("utf-8")
    assert "00:00:04,000 --> 00:00:06,500" in out and "<b>" in out and arabic(out)
    r = with_model("translate", str(srt), "--to", "dari", "-o", str(tmp_path / "fa.xlf"))
    assert r.returncode == 0, r.stderr
    xlf = (tmp_path / "fa.xlf").read_text("utf-8")
    assert 'trgLang="fa-AF"' in xlf and "<target>" in xlf


def test_docx_to_dari_is_rtl_and_renders_in_libreoffice(with_model, tmp_path: Path) -> None:
    out = tmp_path / "panjshir.fa-AF.docx"
    r = with_model("translate", str(sample("panjshir.docx")), "--to", "dari", "-o", str(out))
    assert r.returncode == 0, r.stderr
    document = docx.Document(str(out))
    for p in document.paragraphs:
        assert p._p.pPr.find(qn("w:bidi")) is not None
        assert p._p.pPr.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:bidi")) == "fa-AF"
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is installed by .ci/run (apt-get install libreoffice-writer-nogui)"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "panjshir.fa-AF.pdf"
    assert pdf.stat().st_size > 1000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert arabic(text)
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                    str(ARTIFACTS / "panjshir-dari-page")], check=True)
    assert any(ARTIFACTS.glob("panjshir-dari-page*.png"))


def test_project_flow_edit_confirm_export(with_model, tmp_path: Path) -> None:
    cli = with_model
    proj = tmp_path / "p.tarjuman"
    r = cli("project", "new", str(sample("panjshir.docx")), "--to", "dari", "-o", str(proj))
    assert r.returncode == 0, r.stderr
    assert cli("project", "pretranslate", str(proj)).returncode == 0
    segs = json.loads(cli("project", "segments", str(proj), "--json").stdout)
    machine = [s for s in segs if s["status"] == "mt"]
    assert all(s["origin"].startswith("mt:nllb") for s in machine)
    assert len(machine) >= 0.9 * len(segs)  # the tiny random model says nothing for a few
    assert all(s["status"] == "new" for s in segs if s not in machine)
    r = cli("project", "edit", str(proj), str(segs[0]["id"]), "مقاومت در دره پنجشیر",
            "--confirm")
    assert r.returncode == 0, r.stderr
    info = json.loads(cli("project", "info", str(proj), "--json").stdout)
    assert info["by_status"]["confirmed"] == 1
    for name in ("out.docx", "out.xlf", "out.tmx"):
        r = cli("project", "export", str(proj), "-o", str(tmp_path / name))
        assert r.returncode == 0, r.stderr
    heading = docx.Document(str(tmp_path / "out.docx")).paragraphs[0].text
    assert heading == "مقاومت در دره پنجشیر"
    assert "مقاومت در دره پنجشیر" in (tmp_path / "out.tmx").read_text("utf-8")
    r = cli("project", "export", str(proj), "-o", str(tmp_path / "bi.docx"), "--bilingual")
    assert r.returncode == 0
    table = docx.Document(str(tmp_path / "bi.docx")).tables[0]
    assert len(table.rows) == len(segs) + 1
    # the confirmed segment went into the TM: a new project of the same text reuses it
    proj2 = tmp_path / "p2.tarjuman"
    cli("project", "new", str(sample("panjshir.docx")), "--to", "dari", "-o", str(proj2))
    r = cli("project", "pretranslate", str(proj2))
    assert "1 from the translation memory" in r.stdout


@pytest.mark.parametrize(("name", "content"), [
    ("corrupt.docx", b"PK\x03\x04garbage"),
    ("empty.txt", b""),
    ("binary.txt", bytes(range(256)) * 40),
    ("xxe.html", b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>&x;</p>'),
])
def test_bad_documents_give_one_line_and_no_output(with_model, tmp_path: Path, name: str,
                                                   content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / f"out{path.suffix}"
    r = with_model("translate", str(path), "--to", "dari", "-o", str(out))
    assert r.returncode == 1, r.stdout
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "tarjuman-home") == [name]


def test_zip_bomb_docx(with_model, tmp_path: Path) -> None:
    from tests.unit.test_documents import zip_bomb_docx

    bomb = zip_bomb_docx(tmp_path / "bomb.docx")
    r = with_model("translate", str(bomb), "--to", "dari", "-o", str(tmp_path / "o.docx"))
    assert r.returncode == 1 and "bomb" in r.stderr
    assert not (tmp_path / "o.docx").exists()


def test_tm_import_lookup_export(cli, tmp_path: Path) -> None:
    from desktop_app.core import tmx

    source = tmp_path / "in.tmx"
    source.write_bytes(tmx.write([("Kabul is calm today.", "کابل امروز آرام است.")], "en",
                                 "fa-AF"))
    r = cli("tm", "import", str(source), "--to", "dari")
    assert r.returncode == 0 and "imported 1" in r.stdout, r.stderr
    found = json.loads(cli("tm", "lookup", "Kabul is calm.", "--json").stdout)
    assert found and found[0]["target"] == "کابل امروز آرام است." and found[0]["score"] < 100
    r = cli("tm", "export", str(tmp_path / "out.tmx"))
    assert r.returncode == 0 and "کابل امروز" in (tmp_path / "out.tmx").read_text("utf-8")
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><header/><body><tu><tuv xml:lang='en'><seg>a<ept i='1'/></seg>"
                   "</tuv></tu></body></tmx>", "utf-8")
    r = cli("tm", "import", str(bad))
    assert r.returncode == 1 and "ept" in r.stderr


def test_translate_offline_in_a_network_namespace(with_model, tmp_path: Path) -> None:
    """The real CLI with the network unplugged (unshare -n): nothing needs it."""
    import os
    import sys

    if not shutil.which("unshare") or subprocess.run(["unshare", "-n", "true"]).returncode:
        pytest.fail("unshare -n is needed (root on Linux)")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    home = Path(os.environ["TARJUMAN_HOME"])
    env["TARJUMAN_HOME"] = str(home)
    r = subprocess.run(["unshare", "-n", sys.executable, "-m", "desktop_app", "translate",
                        str(sample("panjshir.txt")), "--to", "dari", "-o",
                        str(tmp_path / "o.txt")], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert len((tmp_path / "o.txt").read_text("utf-8").splitlines()) == len(
        sample("panjshir.txt").read_text("utf-8").splitlines())
    r = subprocess.run(["unshare", "-n", sys.executable, "-m", "desktop_app", "translate",
                        str(sample("panjshir.txt")), "--to", "pashto", "--engine", "argos",
                        "-o", str(tmp_path / "p.txt")], capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode == 1 and "Pashto" in r.stderr and "models install" in r.stderr


def test_translate_a_po_catalog(with_model, tmp_path: Path) -> None:
    po = tmp_path / "ui.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Open project"\nmsgstr ""\n'
                  '\nmsgid "The Taliban took Kabul."\nmsgstr ""\n', "utf-8")
    out = tmp_path / "ui.prs.po"
    r = with_model("translate", str(po), "--to", "dari", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text("utf-8")
    assert "Language: fa_AF" in text
    # The tiny model's words are random pieces of its vocabulary (Latin or Arabic script,
    # depending on the CPU's int8 kernels): what matters is that every message got one.
    from babel.messages.pofile import read_po
    with out.open("rb") as fh:
        catalog = read_po(fh)
    strings = {m.id: m.string for m in catalog if m.id}
    assert set(strings) == {"Open project", "The Taliban took Kabul."}
    assert all(s.strip() for s in strings.values()), strings
