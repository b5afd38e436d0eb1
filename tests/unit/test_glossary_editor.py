"""The glossary's one door: every step is one transaction that says which concepts changed,
and undo/redo put the very rows back (ids, uids, statuses, notes, dates)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.errors import InputError
from desktop_app.core.glossary import csvio, tbx
from desktop_app.core.glossary.editor import GlossaryChanges, GlossaryEditor
from desktop_app.core.glossary.store import Concept, Glossary, GlossaryError, Term


def dump(g: Glossary) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables a step may touch, whole."""
    return {table: g.db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("concepts", "terms")}


def valley() -> Concept:
    return Concept([Term("en", "side valley", note="geography"),
                    Term("prs", "درهٔ فرعی", status="preferred", pos="noun"),
                    Term("prs", "وادی فرعی", status="forbidden", status_detail="deprecated")],
                   domain="geography", note="a valley off the main one",
                   definitions={"": "a smaller valley"})


@pytest.fixture
def editor(tmp_path: Path) -> Any:
    g = Glossary(tmp_path / "mine.sqlite", name="mine")
    yield GlossaryEditor(g)
    g.close()


def begins(g: Glossary) -> list[str]:
    seen: list[str] = []
    g.db.conn.set_trace_callback(lambda sql: seen.append(sql) if sql.startswith("BEGIN")
                                 else None)
    return seen


def test_add_concept_undo_redo_restores_the_same_rows(editor: GlossaryEditor) -> None:
    g = editor.glossary
    empty = dump(g)
    changes = editor.add_concept(valley())
    assert changes.added and not changes.edited and not changes.removed
    assert changes.glossary == "mine"
    after = dump(g)
    assert editor.undo() == GlossaryChanges(removed=changes.added, glossary="mine")
    assert dump(g) == empty and g.count() == 0
    assert editor.redo().added == changes.added
    assert dump(g) == after  # same ids, uids, dates
    assert [c.terms_in("prs")[0].text for c in g.search("side valley")] == ["درهٔ فرعی"]


def test_add_term_is_one_step(editor: GlossaryEditor) -> None:
    g = editor.glossary
    cid = editor.add_concept(valley()).added[0]
    before = dump(g)
    changes = editor.add_term(cid, Term("ps", "څنګه دره", note="Pashto"))
    assert changes.edited == [cid]
    assert [t.text for t in g.get(cid).terms_in("ps")] == ["څنګه دره"]
    editor.undo()
    assert dump(g) == before
    editor.redo()
    assert [t.note for t in g.get(cid).terms_in("ps")] == ["Pashto"]
    with pytest.raises(GlossaryError):
        editor.add_term(999, Term("ps", "x"))


def test_edit_concept_whole_in_one_transaction(editor: GlossaryEditor) -> None:
    g = editor.glossary
    cid = editor.add_concept(valley()).added[0]
    concept = g.get(cid)
    before = dump(g)
    en, prs, bad = concept.terms
    prs.status, prs.note = "admitted", "heard in Kabul"
    seen = begins(g)
    changes = editor.edit_concept(
        cid, domain="landform", definitions={"": "a valley", "prs": "دره‌ای کوچک"},
        terms=[en, prs, Term("ps", "فرعي دره")])  # the forbidden term left out: removed
    g.db.conn.set_trace_callback(None)
    assert seen == ["BEGIN IMMEDIATE"]
    assert changes.edited == [cid]
    now = g.get(cid)
    assert now.domain == "landform" and now.definitions == {"": "a valley",
                                                            "prs": "دره‌ای کوچک"}
    assert [(t.lang, t.text, t.status) for t in now.terms] == [
        ("en", "side valley", "preferred"), ("prs", "درهٔ فرعی", "admitted"),
        ("ps", "فرعي دره", "preferred")]
    edited = dump(g)
    assert editor.undo().edited == [cid]
    assert dump(g) == before  # the removed term is back with its id and deprecated status
    assert g.term(int(bad.id or 0)).status_detail == "deprecated"
    editor.redo()
    assert dump(g) == edited


def test_an_edit_that_changes_nothing_is_no_step(editor: GlossaryEditor) -> None:
    cid = editor.add_concept(valley()).added[0]
    concept = editor.glossary.get(cid)
    assert not editor.edit_concept(cid, domain=concept.domain, terms=concept.terms)
    assert editor.undo().removed == [cid]  # the add, not an empty edit
    assert not editor.can_undo()


def test_a_refused_edit_writes_nothing(editor: GlossaryEditor, tmp_path: Path) -> None:
    g = editor.glossary
    cid = editor.add_concept(valley()).added[0]
    other = editor.add_concept(Concept([Term("en", "pass"), Term("prs", "کوتل")])).added[0]
    before = dump(g)
    stranger = g.get(other).terms[0]
    with pytest.raises(GlossaryError, match="not part of concept"):
        editor.edit_concept(cid, domain="changed", terms=[stranger])
    with pytest.raises(GlossaryError, match="at least one term"):
        editor.edit_concept(cid, domain="changed", terms=[])
    with pytest.raises(GlossaryError):
        editor.edit_concept(cid, domain="changed", definitions={"": "x" * 30_000})
    assert dump(g) == before
    assert editor.undo().removed == [other]  # the refused edits left no step


def test_delete_concept_and_undo(editor: GlossaryEditor) -> None:
    g = editor.glossary
    cid = editor.add_concept(valley()).added[0]
    before = dump(g)
    assert editor.delete_concept(cid).removed == [cid]
    assert g.count() == 0 and g.search("side valley") == []
    assert editor.undo().added == [cid]
    assert dump(g) == before
    assert [c.id for c in g.search("valley")] == [cid]  # the search index has it again
    editor.redo()
    assert g.count() == 0


def test_delete_term_and_the_last_term_takes_its_concept(editor: GlossaryEditor) -> None:
    g = editor.glossary
    cid = editor.add_concept(Concept([Term("en", "Salang")])).added[0]
    term = g.get(cid).terms[0]
    before = dump(g)
    assert editor.delete_term(int(term.id or 0)).removed == [cid]
    assert g.count() == 0
    editor.undo()
    assert dump(g) == before
    cid2 = editor.add_concept(valley()).added[0]
    bad = g.get(cid2).terms[2]
    assert editor.delete_term(int(bad.id or 0)).edited == [cid2]
    assert len(g.get(cid2).terms) == 2


def test_import_then_undo_removes_what_it_added(editor: GlossaryEditor,
                                                tmp_path: Path) -> None:
    g = editor.glossary
    mine = editor.add_concept(valley()).added[0]
    before = dump(g)
    source = tmp_path / "terms.csv"
    csvio.write(source, [Concept([Term("en", f"term {n}"), Term("prs", f"اصطلاح {n}")])
                         for n in range(1, 1201)])
    changes = editor.import_file(source)
    assert len(changes.added) == 1200 and changes.terms == 2400 and mine not in changes.added
    imported = dump(g)
    assert editor.undo().removed == changes.added
    assert dump(g) == before
    assert editor.redo().added == changes.added
    assert dump(g) == imported
    tbx_file = tmp_path / "more.tbx"
    tbx.write(tbx_file, [Concept([Term("en", "ridge"), Term("prs", "تیغه")])])
    assert len(editor.import_file(tbx_file).added) == 1
    with pytest.raises(InputError):
        editor.import_file(tmp_path / "terms.docx")


def test_a_broken_import_writes_nothing_and_leaves_no_step(editor: GlossaryEditor,
                                                           tmp_path: Path) -> None:
    g = editor.glossary
    editor.add_concept(valley())
    before = dump(g)
    bad = tmp_path / "bad.csv"
    bad.write_text("en,prs\nfine,خوب\n" + "x" * 2000 + ",بد\n", encoding="utf-8")
    with pytest.raises(GlossaryError):
        editor.import_file(bad)
    assert dump(g) == before
    editor.undo()
    assert g.count() == 0


def test_a_new_step_clears_redo(editor: GlossaryEditor) -> None:
    editor.add_concept(valley())
    editor.undo()
    assert editor.can_redo()
    editor.add_concept(Concept([Term("en", "pass")]))
    assert not editor.can_redo() and not editor.redo()


def test_restoring_a_deleted_concept_takes_back_its_team_tombstones(
        editor: GlossaryEditor) -> None:
    g = editor.glossary
    g.db.execute("INSERT OR REPLACE INTO team_state (key, value) VALUES ('tracking', '1')")
    g.db.conn.commit()
    cid = editor.add_concept(valley()).added[0]
    for table in ("concepts", "terms"):  # as a sync names them
        g.db.execute(f"UPDATE {table} SET uid = '{table}-' || id")
    g.db.conn.commit()
    editor.delete_concept(cid)
    tombs = g.db.execute("SELECT count(*) FROM team_tombstones").fetchone()[0]
    assert tombs == 4  # the concept and its three terms
    editor.undo()
    assert g.db.execute("SELECT count(*) FROM team_tombstones").fetchone()[0] == 0
    assert g.db.execute("SELECT uid FROM concepts").fetchall() == [(f"concepts-{cid}",)]


def test_a_read_only_glossary_refuses_every_step(tmp_path: Path) -> None:
    Glossary(tmp_path / "shared.sqlite").close()
    g = Glossary(tmp_path / "shared.sqlite", readonly=True)
    editor = GlossaryEditor(g)
    with pytest.raises(GlossaryError, match="read-only"):
        editor.add_concept(valley())
    with pytest.raises(GlossaryError, match="read-only"):
        editor.import_concepts([valley()])
    assert not editor.can_undo()
    g.close()
