"""The term base through real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.glossary.store import Concept, Glossary, GlossaryError, GlossarySet, Term


def panjshir() -> Concept:
    return Concept([Term("en", "Panjshir"), Term("en", "Panjsher", status="admitted"),
                    Term("dari", "پنجشير"), Term("pashto", "پنجشیر")],
                   domain="place", note="Province north of Kabul")


def test_crud_round_trip(tmp_path: Path) -> None:
    g = Glossary(tmp_path / "g.sqlite")
    c = g.add_concept(panjshir())
    assert [t.lang for t in c.terms] == ["en", "en", "prs", "ps"]
    assert c.preferred("en").text == "Panjshir"
    term = g.add_term(c.id, Term("fa", "پنجشیر", note="Iranian spelling is the same"))
    g.update_term(term.id, status="admitted", pos="noun")
    assert g.term(term.id).status == "admitted" and g.term(term.id).pos == "noun"
    g.update_concept(c.id, domain="province")
    assert g.get(c.id).domain == "province"
    g.remove_term(term.id)
    assert len(g.get(c.id).terms) == 4
    g.close()
    reopened = Glossary(tmp_path / "g.sqlite")
    assert reopened.count() == 1
    reopened.remove_concept(c.id)
    assert reopened.count() == 0
    with pytest.raises(GlossaryError):
        reopened.get(c.id)


def test_search_is_folding_aware(tmp_path: Path) -> None:
    g = Glossary(tmp_path / "g.sqlite")
    g.add_concept(panjshir())
    g.add_concept(Concept([Term("en", "books"), Term("dari", "کتاب‌ها")]))
    assert [c.terms[0].text for c in g.search("پنجشیر")] == ["Panjshir"]  # stored with ي
    assert [c.terms[0].text for c in g.search("کتابها")] == ["books"]  # stored with ZWNJ
    assert [c.terms[0].text for c in g.search("کتاب ها")] == ["books"]
    assert [c.terms[0].text for c in g.search("panjsher")] == ["Panjshir"]
    assert g.search("north of kabul")  # the note is searched too
    assert g.search("پنجشیر", lang="en") == []


def test_bad_writes_change_nothing(tmp_path: Path) -> None:
    g = Glossary(tmp_path / "g.sqlite")
    g.add_concept(panjshir())
    with pytest.raises(GlossaryError, match="status"):
        g.add_concepts([panjshir(), Concept([Term("en", "x", status="banned")])])
    with pytest.raises(GlossaryError, match="empty"):
        g.add_concept(Concept([Term("en", "  ")]))
    assert g.count() == 1


def test_future_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    Glossary(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version=99")
    con.close()
    with pytest.raises(GlossaryError, match="newer Tarjuman"):
        Glossary(path)


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"definitely not sqlite" * 100)
    with pytest.raises(GlossaryError, match="not a Tarjuman glossary"):
        Glossary(path)


def test_set_puts_project_glossary_first(tmp_path: Path) -> None:
    project = Glossary(tmp_path / "p.sqlite", name="project")
    starter = Glossary(tmp_path / "s.sqlite", name="starter")
    starter.add_concept(panjshir())
    project.add_concept(Concept([Term("en", "Panjshir Valley"), Term("dari", "دره پنجشیر")]))
    both = GlossarySet([project, starter])
    assert both.writable is project
    assert [c.glossary for c in both.search("panjshir")] == ["project", "starter"]
