"""XLIFF targets that are no translation (marked untranslated, a copy of the source, or
in another language) come in as new, get pretranslated and leave as Dari."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from tests.e2e import test_documents_cli

with_model = test_documents_cli.with_model  # tiny Argos and NLLB models installed
X = "{urn:oasis:names:tc:xliff:document:1.2}"

UNITS = ("Ahmad Massoud spoke to reporters in Kabul on Monday.",
         "The Taliban refused any negotiation.", "NATO forces left the country in August.")


def copy_xliff(lang: str, states: tuple[str, str] = ("needs-translation", "new"),
               targets: tuple[str, str] = UNITS[:2]) -> bytes:
    units = "".join(
        f'<trans-unit id="{k + 1}"><source>{src}</source>'
        + (f'<target state="{states[k]}">{targets[k]}</target>' if k < 2 else "")
        + "</trans-unit>" for k, src in enumerate(UNITS))
    return (f'<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" '
            f'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="news.txt" '
            f'source-language="en-US" target-language="{lang}" datatype="plaintext"><body>'
            f"{units}</body></file></xliff>").encode()


def arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_copied_and_untranslated_targets_are_pretranslated(with_model, tmp_path: Path) -> None:
    doc = tmp_path / "copy.xlf"
    doc.write_bytes(copy_xliff("fa-AF"))
    proj = tmp_path / "copy.tarjuman"
    assert with_model("project", "new", str(doc), "--to", "dari", "-o",
                      str(proj)).returncode == 0
    info = json.loads(with_model("project", "info", str(proj), "--json").stdout)
    assert info["by_status"]["new"] == 3 and info["by_status"]["mt"] == 0
    r = with_model("project", "pretranslate", str(proj))
    assert r.returncode == 0, r.stderr
    assert "3 segments by MT, 0 from the translation memory, 0 left untranslated" in r.stdout
    out = tmp_path / "copy.out.xlf"
    assert with_model("project", "export", str(proj), "-o", str(out)).returncode == 0
    targets = [t.text or "" for t in etree.parse(str(out)).iter(f"{X}target")]
    assert len(targets) == 3 and all(arabic(t) for t in targets), targets
    assert not set(targets) & set(UNITS)


def test_targets_in_another_language_are_left_out(with_model, tmp_path: Path) -> None:
    doc = tmp_path / "ar.xlf"
    # translated Arabic targets: a translation, but not into Dari
    doc.write_bytes(copy_xliff("ar-SA", ("translated", "final"), ("تحدث أحمد", "رفضت")))
    proj = tmp_path / "ar.tarjuman"
    r = with_model("project", "new", str(doc), "--to", "dari", "-o", str(proj))
    assert r.returncode == 1 and "Arabic (ar-SA)" in r.stderr and "--retarget" in r.stderr
    assert not proj.exists()
    r = with_model("project", "new", str(doc), "--to", "dari", "-o", str(proj), "--retarget")
    assert r.returncode == 0, r.stderr
    assert "2 targets are in ar-SA" in r.stdout, r.stdout
    segs = json.loads(with_model("project", "segments", str(proj), "--json").stdout)
    assert [(s["status"], s["target"]) for s in segs] == [("new", "")] * 3
    # kept as reference text, shown beside the segment
    assert [s.get("reference") for s in segs] == ["تحدث أحمد", "رفضت", None]
    # the same file marked as Dari (any regional code of it) keeps its targets
    doc.write_bytes(copy_xliff("fa", ("translated", "final"), ("تحدث أحمد", "رفضت")))
    proj2 = tmp_path / "fa.tarjuman"
    r = with_model("project", "new", str(doc), "--to", "dari", "-o", str(proj2))
    assert r.returncode == 0 and "note" not in r.stdout
    segs = json.loads(with_model("project", "segments", str(proj2), "--json").stdout)
    assert [s["status"] for s in segs] == ["edited", "confirmed", "new"]


def test_translate_needs_retarget_for_a_file_made_for_french(with_model, tmp_path: Path) -> None:
    doc = tmp_path / "fr.xlf"
    doc.write_bytes(copy_xliff("fr-FR", ("translated", "final"), ("Ahmad a parlé.", "Refusé.")))
    out = tmp_path / "out.xlf"
    r = with_model("translate", str(doc), "--to", "dari", "-o", str(out))
    assert r.returncode == 1 and "French (fr-FR)" in r.stderr and not out.exists()
    r = with_model("translate", str(doc), "--to", "dari", "-o", str(out), "--retarget")
    assert r.returncode == 0, r.stderr
    root = etree.parse(str(out)).getroot()
    assert root.find(f".//{X}file").get("target-language") == "fa-AF"
    targets = [t.text or "" for t in root.iter(f"{X}target")]
    assert len(targets) == 3 and not {"Ahmad a parlé.", "Refusé."} & set(targets)
