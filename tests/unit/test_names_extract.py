"""Term and name extraction from a news article: the names, acronyms and phrases that are
new to the glossary, with suggestions, and "not a term" remembered per project."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from desktop_app.cli import main
from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.names.extract import extract, in_glossary

HEADLINE = "Taliban Tighten Grip as Resistance Fighters Regroup in Panjshir"
ARTICLE = [
    "KABUL — The National Resistance Front (NRF) said on Monday that its fighters had "
    "retaken two districts in Panjshir province.",
    "There was no independent confirmation of the claim.",
    "Ahmad Massoud, the leader of the NRF, called on the United Nations to press the Taliban.",
    "“We will not give up our homes,” Massoud told reporters in September.",
    "Heather Barr, associate director of the women's rights division at Human Rights Watch, "
    "said the situation for women in Kabul had worsened since August.",
    "But Barr added that the international community still had leverage over the "
    "Taliban's leaders.",
    "Ibraheem Bahiss, an analyst with the International Crisis Group, said the fighting in "
    "Andarab showed the limits of Taliban control.",
    "According to Bahiss, the group lacks the resources to hold remote valleys.",
    "Omar Samad, a senior fellow at the South Asia Center of the Atlantic Council, warned "
    "on Tuesday that humanitarian aid was running out.",
    "Samad said UNAMA had reported rising civilian casualties.",
    "The UN Assistance Mission in Afghanistan (UNAMA) recorded civilian casualties in "
    "Baghlan and Kunduz.",
    "President Ashraf Ghani fled the country in August 2021, and Dr. Abdullah Abdullah "
    "stayed in Kabul.",
    "We spoke to Zarghuna Wardak, a teacher in Jalalabad, on Wednesday.",
    "Wardak said schools for girls in Jalalabad remained closed.",
    "Captured U.S. vehicles were displayed to crowds in Kabul.",
    "Mr. Bahiss expects more fighting.",
]


def write_article(path: Path) -> Path:
    doc = docx.Document()
    doc.add_heading(HEADLINE, level=1)
    for para in ARTICLE:
        doc.add_paragraph(para)
    table = doc.add_table(rows=2, cols=2)
    for row, (a, b) in enumerate((("Taliban", "Resistance"), ("Kabul", "Panjshir"))):
        table.cell(row, 0).text = a
        table.cell(row, 1).text = b
    doc.save(str(path))
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    doc = write_article(tmp_path / "article.docx")
    assert main(["project", "new", str(doc), "--to", "dari"]) == 0
    return tmp_path / "article.docx.tarjuman"


def _extract(capsys: pytest.CaptureFixture[str], project: Path, *extra: str) -> list[dict]:
    capsys.readouterr()
    assert main(["glossary", "extract", str(project), "--json", *extra]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"candidates"}
    return list(out["candidates"])


def test_article_names_are_found_and_marked(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    cands = _extract(capsys, project)
    for c in cands:
        assert set(c) == {"term", "kind", "count", "segments", "in_glossary", "suggestions"}
        assert c["kind"] in ("name", "acronym", "phrase")
        assert c["count"] >= len(c["segments"]) >= 1
        assert all(set(s) == {"target", "from"} for s in c["suggestions"])
    by = {c["term"]: c for c in cands}
    # people, organisations and places
    for term in ("Heather Barr", "Ibraheem Bahiss", "Omar Samad", "Zarghuna Wardak",
                 "International Crisis Group", "South Asia Center", "Atlantic Council",
                 "Human Rights Watch", "Kabul", "Jalalabad", "Andarab", "Baghlan",
                 "Ashraf Ghani", "Abdullah Abdullah"):
        assert term in by, term
    assert by["NRF"]["kind"] == "acronym" and by["UNAMA"]["kind"] == "acronym"
    assert by["U.S."]["kind"] == "acronym" and by["U.S."]["in_glossary"]
    # a later mention by surname counts for the full name
    assert by["Heather Barr"]["count"] == 2 and by["Omar Samad"]["count"] == 2
    assert by["Ibraheem Bahiss"]["count"] == 3  # "Mr. Bahiss" too
    assert by["Zarghuna Wardak"]["count"] == 2
    # titles are not part of the name
    assert "President Ashraf Ghani" not in by and "Dr. Abdullah Abdullah" not in by
    # the glossary knows some: folded matching, possessives
    assert by["Taliban"]["in_glossary"] and by["Taliban"]["count"] >= 4  # Taliban's too
    assert by["Ashraf Ghani"]["in_glossary"] and by["Kabul"]["in_glossary"]
    assert not by["Heather Barr"]["in_glossary"]
    assert {"target": "طالبان", "from": "glossary"} in by["Taliban"]["suggestions"]
    # new names come first, with spellings from transliteration
    first_known = next(i for i, c in enumerate(cands) if c["in_glossary"])
    assert all(c["in_glossary"] for c in cands[first_known:])
    assert any(s["from"] == "transliteration" and s["target"].startswith("عمر")
               for s in by["Omar Samad"]["suggestions"])
    # repeated noun phrase
    assert by["civilian casualties"]["kind"] == "phrase"
    # never: sentence-initial function words, month and day names, headline words
    words = {w.lower() for c in cands for w in c["term"].split()}
    for bad in ("there", "we", "but", "the", "according", "monday", "tuesday", "wednesday",
                "august", "september", "tighten", "grip", "regroup", "president", "dr",
                "captured", "mr", "u"):
        assert bad not in words, bad


def test_not_a_term_is_remembered_per_project(project: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert "Atlantic Council" in {c["term"] for c in _extract(capsys, project)}
    _extract(capsys, project, "--not-term", "atlantic council")
    assert "Atlantic Council" not in {c["term"] for c in _extract(capsys, project)}
    (tmp_path / "other").mkdir()
    other = write_article(tmp_path / "other" / "b.docx")
    assert main(["project", "new", str(other), "--to", "dari"]) == 0
    assert "Atlantic Council" in {c["term"] for c in _extract(
        capsys, other.with_name("b.docx.tarjuman"))}


def test_min_count_and_bad_project(project: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    cands = _extract(capsys, project, "--min-count", "2")
    assert cands and all(c["count"] >= 2 for c in cands)
    assert main(["glossary", "extract", str(tmp_path / "missing.tarjuman")]) != 0
    assert main(["glossary", "extract", str(project), "--min-count", "0"]) != 0
    assert "Traceback" not in capsys.readouterr().err


def test_in_glossary_folds_plurals_and_possessives() -> None:
    concept = Concept([Term("en", "checkpoint"), Term("prs", "ایست بازرسی")], id=1,
                      glossary="g")
    matcher = Matcher("en", [concept])
    assert in_glossary(matcher, "checkpoints") and in_glossary(matcher, "Checkpoint's")
    assert not in_glossary(matcher, "checkpoint guards")


def test_sentence_initial_capital_counts_only_when_seen_inside_a_sentence() -> None:
    segs = [(1, "Analysts expect more fighting."), (2, "Zamani spoke first."),
            (3, "The envoy met Zamani in Doha.")]
    terms = {c.term for c in extract(segs)}
    assert "Analysts" not in terms
    assert {"Zamani", "Doha"} <= terms


def test_mt_suggestions_on_request(project: Path, tiny_argos: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.core.mt import argos

    assert not any(s["from"] == "mt" for c in _extract(capsys, project)
                   for s in c["suggestions"])
    argos.install(tiny_argos)
    cands = _extract(capsys, project, "--mt")
    new = [c for c in cands if not c["in_glossary"]]
    assert new and all(any(s["from"] == "mt" for s in c["suggestions"]) for c in new
                       if c["kind"] != "acronym")
    assert not any(s["from"] == "mt" for c in cands if c["in_glossary"]
                   for s in c["suggestions"])  # known terms keep the glossary's
