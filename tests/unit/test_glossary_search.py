"""Glossary search: terms before notes, each result labelled, inflected forms found."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.glossary.search import EXACT, INFLECTED, NOTE, search, stem_keys
from desktop_app.core.glossary.store import Concept, Glossary, GlossarySet, Term


def glossary(path: Path) -> Glossary:
    g = Glossary(path)
    g.add_concepts([
        Concept([Term("en", "Parwan"), Term("prs", "پروان")], note="Province north of Kabul"),
        Concept([Term("en", "Bagram"), Term("prs", "بگرام")], note="Air base north of Kabul"),
        Concept([Term("en", "Kabul"), Term("prs", "کابل")], note="Capital"),
        Concept([Term("en", "warlord"), Term("prs", "جنگ‌سالار"), Term("ps", "جنګسالار")]),
        Concept([Term("en", "big city"), Term("ps", "لوی ښار")]),
        Concept([Term("en", "province"), Term("prs", "ولایت")]),
        Concept([Term("en", "school"), Term("prs", "مکتب")]),
        Concept([Term("en", "woman"), Term("prs", "زن")]),
    ])
    return g


def test_terms_come_before_notes_and_say_so(tmp_path: Path) -> None:
    g = glossary(tmp_path / "g.sqlite")
    found = search(g, "kabul")
    assert [(f.concept.terms[0].text, f.kind) for f in found] == [
        ("Kabul", EXACT), ("Parwan", NOTE), ("Bagram", NOTE)]
    assert [f.kind_name for f in found] == ["term", "note", "note"]
    assert [f.concept.terms[0].text for f in search(g, "kabul", notes=False)] == ["Kabul"]


def test_inflected_forms_find_their_term(tmp_path: Path) -> None:
    g = glossary(tmp_path / "g.sqlite")
    for query in ("جنگسالاران", "جنگ‌سالاران", "جنگسالارها", "جنګسالارانو", "warlords",
                  "لویو ښارونو"):
        found = search(g, query)
        assert found and found[0].kind == INFLECTED, query
        assert found[0].concept.terms[0].text in ("warlord", "big city"), query
    assert search(g, "جنگل") == []  # not every longer word is an inflection
    assert "جنگسالار" in stem_keys("جنگسالاران", "prs")


def test_irregular_plurals_find_their_term(tmp_path: Path) -> None:
    g = glossary(tmp_path / "g.sqlite")
    for query, term in (("ولایات", "province"), ("مکاتب", "school"), ("women", "woman"),
                        ("مکتب‌هایشان", "school")):
        found = search(g, query)
        assert found and found[0].concept.terms[0].text == term, query
    assert search(g, "مکاتبه") == []  # correspondence is no plural of a school


def test_glossary_set_ranks_across_glossaries(tmp_path: Path) -> None:
    project = Glossary(tmp_path / "p.sqlite", name="project")
    project.add_concept(Concept([Term("en", "Logar")], note="south of Kabul"))
    with GlossarySet([project, glossary(tmp_path / "g.sqlite")]) as gs:
        assert [c.terms[0].text for c in gs.search("Kabul")][:2] == ["Kabul", "Logar"]
