"""The editor's logic without a display (EditSession)."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.core.session import EditSession


def session(tmp_path: Path) -> EditSession:
    return EditSession.from_document(sample("panjshir.txt"), "dari",
                                     path=tmp_path / "s.tarjuman")


def test_default_project_path_is_in_the_data_dir(tarjuman_home: Path) -> None:
    s = EditSession.from_document(sample("panjshir.txt"), "dari")
    assert s.project.path.parent == tarjuman_home / "projects"
    s2 = EditSession.from_document(sample("panjshir.txt"), "dari")
    assert s2.project.path != s.project.path


def test_edit_confirm_next_and_tm(tmp_path: Path) -> None:
    s = session(tmp_path)
    s.set_target(0, "مقاومت")
    assert s.segments[0].status == Status.EDITED
    s.confirm(0)
    assert s.segments[0].status == Status.CONFIRMED
    assert s.next_unconfirmed(0) == 1
    assert s.tm.exact(s.segments[0].source, "en", "dari").target == "مقاومت"


def test_find_is_variant_aware_and_replace_all(tmp_path: Path) -> None:
    s = session(tmp_path)
    s.set_target(2, "كابل آرام است")  # Arabic kaf
    assert s.find("کابل", in_source=False) == [2]
    assert 1 in s.find("panjshir valley", in_target=False)
    assert s.find("Kab.l", in_source=True, in_target=False, regex=True)
    assert s.replace_all("آرام", "ناآرام").rows == [2]
    assert s.segments[2].target == "كابل ناآرام است"


def test_glossary_hits_add_term_and_qa(tmp_path: Path) -> None:
    s = session(tmp_path)
    row = next(r for r, seg in enumerate(s.segments) if "Panjshir" in seg.source)
    hits = s.glossary_hits(row)
    assert any(h.targets == ["پنجشیر"] for h in hits)
    s.add_term("side valleys", "دره‌های فرعی")
    row2 = next(r for r, seg in enumerate(s.segments) if "side valleys" in seg.source)
    assert any(h.targets == ["دره‌های فرعی"] for h in s.glossary_hits(row2))
    s.set_target(row, "متن بدون اصطلاح")
    assert any(f.code == "term-missing" for f in s.findings[row])


def test_project_glossary_comes_first_and_travels(tmp_path: Path) -> None:
    from desktop_app.core.glossary.library import project_glossary_path

    s = session(tmp_path)
    assert [g.name for g in s.glossaries.glossaries] == ["project", "my-glossary", "starter"]
    s.add_term("side valleys", "دره‌های فرعی")
    assert project_glossary_path(s.project.path).exists()
    assert s.glossaries.writable.count() == 1
    path = s.project.path
    s.close()
    again = EditSession.open(path)
    assert any(h.targets == ["دره‌های فرعی"] for r in range(len(again.segments))
               for h in again.glossary_hits(r))


def test_view_state_persists(tmp_path: Path) -> None:
    s = session(tmp_path)
    s.save_view(7, "mt")
    path = s.project.path
    s.close()
    again = EditSession.open(path)
    assert again.load_view() == (7, "mt")


def test_catalogs_translate_every_ui_message() -> None:
    from babel.messages.pofile import read_po

    from desktop_app.gui.i18n import locale_dir

    with (locale_dir() / "tarjuman.pot").open("rb") as fh:
        ids = {m.id for m in read_po(fh) if m.id}
    for code in ("prs", "ps"):
        with (locale_dir() / code / "LC_MESSAGES" / "tarjuman.po").open("rb") as fh:
            done = {m.id for m in read_po(fh) if m.id and m.string}
        assert ids <= done, (code, ids - done)


# -- the session as the only write path: undo from the project file, TM included ----------


def _same_source_pair(s: EditSession) -> tuple[int, int]:
    from desktop_app.core.textnorm import fold

    seen: dict[str, int] = {}
    for row, seg in enumerate(s.segments):
        key = fold(seg.source)
        if key in seen:
            return seen[key], row
        seen[key] = row
    raise AssertionError("the sample has no repeated sentence")


def _repeating(tmp_path: Path) -> EditSession:
    doc = tmp_path / "repeat.txt"
    doc.write_text("Ahmad Massoud spoke in Kabul.\n\nThe valley is quiet.\n\n"
                   "Ahmad Massoud spoke in Kabul.\n\nAhmad Massoud spoke in Kabul.\n",
                   encoding="utf-8")
    return EditSession.from_document(doc, "dari", path=tmp_path / "r.tarjuman")


def test_edit_returns_changed_rows_and_undo_redo_survive_reopening(tmp_path: Path) -> None:
    s = session(tmp_path)
    changes = s.edit(1, "متن اول")
    assert changes.rows == [1] and s.segments[1].status == Status.EDITED
    assert s.edit(1, "متن اول").rows == []  # nothing changed, nothing to repaint
    s.edit(1, "متن دوم")
    assert s.undo().rows == [1] and s.segments[1].target == "متن اول"
    path = s.project.path
    s.close()
    again = EditSession.open(path)  # undo lives in the project, not in the window
    assert again.can_undo() and again.can_redo()
    assert again.redo().rows == [1] and again.segments[1].target == "متن دوم"
    again.undo()
    again.undo()
    assert again.segments[1].target == "" and again.segments[1].status == Status.NEW
    assert not again.can_undo()
    again.edit(2, "تازه")  # a new action drops what was undone
    assert not again.can_redo()


def test_confirm_adds_to_tm_with_origin_and_undo_takes_it_out(tmp_path: Path) -> None:
    s = session(tmp_path)
    source = s.segments[0].source
    changes = s.confirm(0, "مقاومت")
    assert changes.rows == [0] and changes.tm_added == 1
    row = s.tm.db.execute("SELECT origin FROM units WHERE target = ?", ["مقاومت"]).fetchone()
    assert row[0] == f"project:{s.project.path.name}"
    undone = s.undo()
    assert undone.tm_removed == 1 and s.segments[0].status == Status.NEW
    assert s.tm.exact(source, "en", "dari") is None
    s.redo()
    assert s.tm.exact(source, "en", "dari").target == "مقاومت"
    assert s.segments[0].status == Status.CONFIRMED


def test_confirm_without_text_is_refused_with_a_translated_message(tmp_path: Path) -> None:
    import pytest

    from desktop_app.core.session import SessionError

    s = session(tmp_path)
    with pytest.raises(SessionError):
        s.confirm(0)


def test_confirm_propagates_to_same_source_and_undo_takes_all_back(tmp_path: Path) -> None:
    s = _repeating(tmp_path)
    first, second = _same_source_pair(s)
    third = next(r for r in range(second + 1, len(s.segments))
                 if s.segments[r].source == s.segments[first].source)
    s.confirm(third, "احمد مسعود در کابل سخن گفت.")  # confirmed segments are left alone
    s.undo()
    s.edit(second, "نسخهٔ قدیمی")
    changes = s.confirm(first, "احمد مسعود در کابل سخن گفت.")
    assert changes.rows == sorted([first, second, third])
    for row in (second, third):
        assert s.segments[row].target == "احمد مسعود در کابل سخن گفت."
        assert s.segments[row].status == Status.MT
        assert s.segments[row].origin.startswith("propagated:")
    s.undo()
    assert s.segments[first].status == Status.NEW
    assert s.segments[second].target == "نسخهٔ قدیمی"
    assert s.segments[third].target == ""


def test_replace_all_is_one_step_with_case_and_whole_word(tmp_path: Path) -> None:
    s = session(tmp_path)
    s.edit(0, "Kabul kabul Kabulistan")
    s.edit(1, "Kabul")
    changes = s.replace_all("Kabul", "کابل", whole_word=True)
    assert changes.rows == [0, 1]
    assert s.segments[0].target == "کابل kabul Kabulistan"
    s.undo()
    assert s.segments[0].target == "Kabul kabul Kabulistan" and s.segments[1].target == "Kabul"
    s.replace_all("kabul", "X", match_case=False)
    assert s.segments[0].target == "X X Xistan"
    s.undo()
    assert s.replace_one(0, "Kabul", "K").rows == [0]
    assert s.segments[0].target == "K kabul Kabulistan"
    assert s.find("KABUL", in_source=False, match_case=True) == []
    assert s.find("kabul", in_source=False, whole_word=True) == [0, 1]


def test_unconfirm_and_notes(tmp_path: Path) -> None:
    s = session(tmp_path)
    s.confirm(0, "مقاومت")
    assert s.unconfirm(0).rows == [0] and s.segments[0].status == Status.EDITED
    s.undo()
    assert s.segments[0].status == Status.CONFIRMED
    s.set_note(0, "check the name with the editor")
    path = s.project.path
    s.close()
    assert EditSession.open(path).segments[0].note == "check the name with the editor"


def test_reopening_a_document_continues_its_project(tmp_path: Path) -> None:
    doc = tmp_path / "article.txt"
    doc.write_text("The valley is quiet.\n\nKabul is far.\n", encoding="utf-8")
    first, continued = EditSession.for_document(doc, "dari")
    assert not continued
    first.confirm(0, "دره آرام است.")
    path = first.project.path
    first.close()
    again, continued = EditSession.for_document(doc, "prs")  # the same language, spelled otherwise
    assert continued and again.project.path == path
    assert again.segments[0].status == Status.CONFIRMED
    pashto, continued = EditSession.for_document(doc, "pashto")
    assert not continued and pashto.project.path != path


def test_export_is_named_by_language_and_never_overwrites_the_original(tmp_path: Path) -> None:
    import pytest

    from desktop_app.core.session import SessionError

    doc = tmp_path / "article.docx"
    doc.write_bytes(sample("panjshir.docx").read_bytes())
    s = EditSession.from_document(doc, "dari")
    assert s.suggest_export_path() == tmp_path / "article.fa-AF.docx"
    with pytest.raises(SessionError):
        s.export(doc)
    assert doc.read_bytes() == sample("panjshir.docx").read_bytes()
    s.edit(0, "متن")
    check = s.check_export(s.suggest_export_path())
    assert check.empty == len(s.segments) - 1 and check.unreviewed_mt == 0
    assert str(check.empty) in check.warning()
    ps = EditSession.from_document(doc, "pashto")
    assert ps.suggest_export_path().name == "article.ps.docx"


def test_concordance_over_tm_glossary_and_confirmed_segments(tmp_path: Path) -> None:
    from desktop_app.core.concordance import search

    s = session(tmp_path)
    row = next(r for r, seg in enumerate(s.segments) if "Panjshir" in seg.source)
    s.confirm(row, "مقاومت در پنجشیر ادامه دارد")
    s.tm.add("The Panjshir valley", "درهٔ پنجشير", "en", "dari", origin="tmx:old.tmx")
    hits = search("panjshir", "en", "dari", tm=s.tm, glossaries=s.glossaries,
                  projects=tmp_path)
    kinds = {h.kind for h in hits}
    assert kinds == {"tm", "glossary", "project"}
    assert any(h.where == "tmx:old.tmx" for h in hits)
    tm_hit = next(h for h in hits if h.where == "tmx:old.tmx")
    assert tm_hit.source[slice(*tm_hit.span)] == "Panjshir"
    # the target side, spelling variants folded: Arabic yeh finds Persian yeh
    on_target = search("پنجشير", "en", "dari", side="target", tm=s.tm, projects=tmp_path)
    assert {h.kind for h in on_target} == {"tm", "project"}


def test_adding_an_existing_term_offers_a_variant(tmp_path: Path) -> None:
    s = session(tmp_path)
    existing = s.existing_concepts("panjshir")  # the starter glossary has it
    assert existing
    concept = s.added_concept(s.add_term("Panjshir", "پنجشير", variant_of=existing[0]))
    targets = {t.text: t.status for t in concept.terms_in("prs")}
    assert targets["پنجشير"] == "admitted" and "پنجشیر" in targets
    assert concept.glossary == s.glossaries.writable.name
    added = s.add_term("Panjshir", "درهٔ پنجشیر", variant_of=concept)
    assert added.glossary is not None and added.glossary.edited == [concept.id]
    again = s.added_concept(added)
    assert again.id == concept.id and len(again.terms_in("prs")) == len(targets) + 1
    assert s.existing_concepts("side valleys") == []


def test_comments_travel_in_the_xliff_export(tmp_path: Path) -> None:
    from lxml import etree

    s = session(tmp_path)
    s.set_note(2, "check the spelling of the valley")
    out = tmp_path / "out.xlf"
    s.export(out)
    notes = etree.fromstring(out.read_bytes()).findall(".//{*}note")
    assert [n.text for n in notes] == ["check the spelling of the valley"]


def test_the_cli_confirms_through_the_session(tmp_path: Path, capsys) -> None:
    from desktop_app.cli import main

    s = _repeating(tmp_path)
    path, first = s.project.path, s.segments[0]
    twin = next(seg for seg in s.segments[1:] if seg.source == first.source)
    s.close()
    assert main(["project", "edit", str(path), str(first.id), "احمد مسعود در کابل سخن گفت.",
                 "--confirm"]) == 0
    again = EditSession.open(path)
    assert again.segments[again.row(twin.id)].origin == f"propagated:{first.id}"
    unit = again.tm.db.execute("SELECT origin FROM units WHERE target = ?",
                               ["احمد مسعود در کابل سخن گفت."]).fetchone()
    assert unit[0] == f"project:{path.name}"
    assert again.undo().tm_removed == 1  # the editor can take back what the CLI did
    again.close()
    assert main(["project", "confirm", str(path), "999"]) != 0
    assert "999" in capsys.readouterr().err


def test_add_term_says_what_changed_and_the_glossary_undo_takes_it_back(
        tmp_path: Path) -> None:
    """Ctrl+T is a glossary step: its Changes name the concept and the rows whose glossary
    findings moved; the glossary's undo takes the term away from matching and QA again."""
    s = session(tmp_path)
    row = next(r for r, seg in enumerate(s.segments) if "side valleys" in seg.source)
    s.set_target(row, "متن بدون اصطلاح")
    s.run_qa()

    def missing() -> int:
        return sum(f.code == "term-missing" for f in s.findings.get(row, []))
    before = missing()
    changes = s.add_term("side valleys", "دره‌های فرعی")
    assert changes.glossary is not None and len(changes.glossary.added) == 1
    assert row in changes.rows  # its new finding: the term is missing from the target
    assert missing() == before + 1
    assert any(h.targets == ["دره‌های فرعی"] for h in s.glossary_hits(row))
    undone = s.glossary_changed(s.glossary_editor.undo())
    assert undone.glossary is not None and undone.glossary.removed == changes.glossary.added
    assert row in undone.rows and missing() == before
    assert not any("دره‌های فرعی" in h.targets for h in s.glossary_hits(row))
    assert s.glossaries.writable.count() == 0
    redone = s.glossary_changed(s.glossary_editor.redo())
    assert redone.glossary is not None and redone.glossary.added == changes.glossary.added
    assert any(h.targets == ["دره‌های فرعی"] for h in s.glossary_hits(row))
