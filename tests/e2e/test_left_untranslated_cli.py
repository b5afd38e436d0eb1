"""A segment MT leaves empty is counted, never skipped in silence: pretranslation and
``translate`` say how many were left, and ``project export`` warns like the editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.core import pretranslate as pretranslate_module

TEXT = ("Ahmad Massoud spoke to reporters in Kabul on Monday.\n\n"
        "The Taliban refused any negotiation.\n\n"
        "NATO forces left the country in August.\n")


@pytest.fixture
def mt_drops_nato(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real MT, except that it gives nothing for the sentence on NATO."""
    real = pretranslate_module.translate_texts

    def translate(texts: list[str], *args: Any, **kw: Any) -> Any:
        results = real(texts, *args, **kw)
        for r in results:
            if "NATO" in r.source:
                r.text = ""
        return results

    monkeypatch.setattr(pretranslate_module, "translate_texts", translate)


def test_empty_mt_is_counted_and_export_warns(cli_inproc, tiny_argos: Path, mt_drops_nato,
                                             tmp_path: Path) -> None:
    assert cli_inproc("models", "install", str(tiny_argos)).returncode == 0
    doc = tmp_path / "news.txt"
    doc.write_text(TEXT, "utf-8")
    proj = tmp_path / "news.tarjuman"
    assert cli_inproc("project", "new", str(doc), "--to", "dari", "-o",
                      str(proj)).returncode == 0
    r = cli_inproc("project", "pretranslate", str(proj))
    assert r.returncode == 0, r.stderr
    assert ("2 segments by MT, 0 from the translation memory, 1 left untranslated"
            in r.stdout), r.stdout
    r = cli_inproc("project", "export", str(proj), "-o", str(tmp_path / "news.fa-AF.txt"))
    assert r.returncode == 0, r.stderr
    assert ("warning: 2 segments are unreviewed machine translation; 1 segment has no "
            "translation (the source is kept)") in r.stderr, r.stderr
    r = cli_inproc("project", "export", str(proj), "-o", str(doc))  # the original: refused
    assert r.returncode != 0 and "original document" in r.stderr
    assert doc.read_text("utf-8") == TEXT
    r = cli_inproc("translate", str(doc), "--to", "dari", "-o", str(tmp_path / "t.txt"))
    assert r.returncode == 0, r.stderr
    assert "1 left untranslated" in r.stderr, r.stderr
