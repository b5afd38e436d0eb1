"""Analysis for a quote, through the CLI: bands, word counts, weights, CSV and HTML."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from desktop_app.core.analysis import DEFAULT_WEIGHTS, load_weights, weights_file
from desktop_app.core.errors import InputError
from desktop_app.core.project import Project
from desktop_app.core.tm import TranslationMemory
from desktop_app.core.wordcount import characters, words

TM = [
    ("The meeting starts at 10:00.", "جلسه ساعت ۱۰:۰۰ شروع می‌شود."),
    ("Farmers in Herat grow wheat and cotton.", "دهقانان در هرات گندم و پنبه می‌کارند."),
    ("The minister opened the new school in Kabul.", "وزیر مکتب جدید را در کابل افتتاح کرد."),
    ("Roads were closed after the heavy snow.", "سرک‌ها پس از برف سنگین بسته شدند."),
]
DOC = ("Farmers in Herat grow wheat and cotton. The meeting starts at 10:00. "
       "The minister opened the new school in Kabul.\n\n"          # 101%, 101%, 101%
       "The meeting starts at 10:00. A well-known poet read ⟨1⟩ten⟨/1⟩ poems.\n\n"
       "The minister opened the new school in Herat.\n\n"           # fuzzy 85-94 or 95-99
       "Roads were closed after heavy snow fell.\n\n"               # fuzzy
       "Nothing like this was ever stored in the memory at all.\n")


def make(tmp_path: Path) -> Path:
    with TranslationMemory() as tm:
        for s, t in TM:
            tm.add(s, t, "en", "prs")
    doc = tmp_path / "article.txt"
    doc.write_text(DOC, encoding="utf-8")
    with Project.create(doc, "prs") as project:
        return project.path


def bands(data: dict[str, object]) -> dict[str, int]:
    return {b["band"]: b["segments"] for b in data["bands"]}  # type: ignore[index,union-attr]


def test_word_counting_rules() -> None:
    assert words("A well-known poet read 1,250.50 poems on 12/05/2024 – and/or more") == 10
    assert words("⟨1⟩bold⟨/1⟩ text ⟨2/⟩ here") == 3  # tags are not words
    assert words("کتاب‌ها را خواندم") == 3  # the half-space joins a word
    assert words("کتاب ها را خواندم") == 4
    assert words("a\u00a0b") == 2
    assert characters("⟨1⟩ab⟨/1⟩ c\u200cd") == 4


def test_analyze_cli_bands_json_csv_html(cli, tmp_path: Path) -> None:
    project = make(tmp_path)
    out = cli("project", "analyze", str(project), "--json", "--csv", str(tmp_path / "a.csv"),
              "--html", str(tmp_path / "a.html"))
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    got = bands(data)
    assert [b["band"] for b in data["bands"]] == ["context", "repetition", "100", "95-99",
                                                  "85-94", "75-84", "50-74", "no-match",
                                                  "locked", "confirmed"]
    assert got["context"] == 3  # the first paragraph: all three exact, neighbours too
    assert got["repetition"] == 1  # the meeting sentence again
    assert got["no-match"] >= 1 and got["85-94"] + got["95-99"] >= 1
    total = data["total"]
    assert total["segments"] == sum(got.values()) == 8
    assert total["words"] == sum(b["words"] for b in data["bands"])
    poet = [b for b in data["bands"] if b["words"] and b["band"] not in ("context",)]
    assert poet
    expected = sum(b["words"] * DEFAULT_WEIGHTS[b["band"]] / 100 for b in data["bands"])
    assert total["weighted_words"] == pytest.approx(expected, abs=0.05)
    rows = list(csv.DictReader((tmp_path / "a.csv").read_text(encoding="utf-8-sig")
                               .splitlines()))
    assert {r["band"] for r in rows} >= {"context", "no-match", "total"}
    assert "Context match (101%)" in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_confirmed_segments_and_user_weights(cli, tmp_path: Path, tarjuman_home: Path) -> None:
    project = make(tmp_path)
    assert cli("project", "edit", str(project), "8", "چیزی", "--confirm").returncode == 0
    weights = tmp_path / "w.json"
    weights.write_text(json.dumps({"no-match": 50, "context": 0}), encoding="utf-8")
    out = cli("project", "analyze", str(project), "--json", "--weights", str(weights))
    data = json.loads(out.stdout)
    assert bands(data)["confirmed"] == 1
    no_match = next(b for b in data["bands"] if b["band"] == "no-match")
    assert no_match["weight"] == 50 and no_match["weighted_words"] == no_match["words"] / 2
    bad = tmp_path / "bad.json"
    bad.write_text('{"101": 10}', encoding="utf-8")
    out = cli("project", "analyze", str(project), "--weights", str(bad))
    assert out.returncode == 1 and "unknown band 101" in out.stderr
    assert "Traceback" not in out.stderr
    weights_file().write_text('{"no-match": -3}', encoding="utf-8")
    with pytest.raises(InputError):
        load_weights()


def test_text_table_and_two_projects_share_repetitions(cli, tmp_path: Path) -> None:
    first = make(tmp_path)
    other = tmp_path / "second.txt"
    other.write_text("Nothing like this was ever stored in the memory at all.\n",
                     encoding="utf-8")
    cli("project", "new", str(other), "--to", "dari")
    out = cli("project", "analyze", str(first), str(other) + ".tarjuman", "--json")
    data = json.loads(out.stdout)
    assert [d["document"] for d in data["documents"]] == ["article.txt", "second.txt"]
    assert bands(data["documents"][1])["repetition"] == 1
    text = cli("project", "analyze", str(first))
    assert text.returncode == 0 and "Weighted words" in text.stdout and "Total" in text.stdout


SDLXLIFF = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"
       xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
 <file original="brief.docx" source-language="en-US" target-language="fa-AF"
       datatype="x-sdlfilterframework2">
  <body>
   <trans-unit id="1">
    <source>The contract is signed. Payment follows in thirty days.</source>
    <seg-source><mrk mtype="seg" mid="1">The contract is signed.</mrk> <mrk mtype="seg"
     mid="2">Payment follows in thirty days.</mrk></seg-source>
    <target><mrk mtype="seg" mid="1">قرارداد امضا شد.</mrk> <mrk mtype="seg" mid="2"></mrk></target>
    <sdl:seg-defs><sdl:seg id="1" conf="ApprovedTranslation" locked="true"/><sdl:seg
     id="2"/></sdl:seg-defs>
   </trans-unit>
  </body>
 </file>
</xliff>
"""


def test_locked_trados_segments_have_their_own_band(cli, tmp_path: Path) -> None:
    doc = tmp_path / "brief.sdlxliff"
    doc.write_text(SDLXLIFF, encoding="utf-8")
    assert cli("project", "new", str(doc), "--to", "dari").returncode == 0
    out = cli("project", "analyze", str(doc) + ".tarjuman", "--json")
    assert out.returncode == 0, out.stderr
    got = bands(json.loads(out.stdout))
    assert got["locked"] == 1 and got["no-match"] == 1
