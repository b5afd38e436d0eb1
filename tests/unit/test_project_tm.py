"""Projects and the translation memory through real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.mt import argos
from desktop_app.core.pretranslate import pretranslate
from desktop_app.core.project import Project, ProjectError
from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.core.tm import TranslationMemory


def new_project(tmp_path: Path, name: str = "panjshir.docx") -> Project:
    return Project.create(sample(name), "dari", path=tmp_path / "p.tarjuman")


def test_create_segments_and_rebuild_blocks(tmp_path: Path) -> None:
    project = new_project(tmp_path, "panjshir.txt")
    info = project.info()
    assert info.segments >= 40 and info.by_status["new"] == info.segments
    assert info.source_lang == "en" and info.target_lang == "prs"
    segs = project.segments()
    assert any(s.source.startswith("Mr. Massoud") or "Mr. Massoud told" in s.source
               for s in segs)
    # concatenating segments with their kept whitespace gives back each block
    text = sample("panjshir.txt").read_text("utf-8")
    for block in project.blocks():
        assert block.text in text


def test_edits_are_committed_at_once_with_history(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    first = project.segments()[0]
    project.set_target(first.id, "مقاومت")
    project.confirm(first.id, "مقاومت در پنجشیر")
    other = sqlite3.connect(tmp_path / "p.tarjuman")  # a second connection sees it already
    row = other.execute("SELECT target, status FROM segments WHERE id = ?", [first.id]).fetchone()
    assert row == ("مقاومت در پنجشیر", "confirmed")
    assert [h[1] for h in project.history(first.id)] == ["edited", "confirmed"]
    with pytest.raises(ProjectError, match="no translation"):
        project.confirm(project.segments()[1].id)


def test_machine_results_never_overwrite_the_translator(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    a, b = project.segments()[:2]
    project.set_target(a.id, "دستی")
    done = project.apply_machine([(a.id, "ماشینی", "mt:x"), (b.id, "ماشینی", "mt:x")])
    assert done == 1
    assert project.segment(a.id).target == "دستی" and project.segment(a.id).mt_text == "ماشینی"
    assert project.segment(b.id).status == Status.MT


def test_future_and_foreign_files_are_refused(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    project.close()
    con = sqlite3.connect(tmp_path / "p.tarjuman")
    con.execute("PRAGMA user_version=42")
    con.close()
    with pytest.raises(ProjectError, match="newer Tarjuman"):
        Project.open(tmp_path / "p.tarjuman")
    junk = tmp_path / "junk.tarjuman"
    junk.write_bytes(b"hello" * 100)
    with pytest.raises(ProjectError, match="not a Tarjuman project"):
        Project.open(junk)
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(sample("panjshir.txt"), "dari", path=tmp_path / "p.tarjuman")


def test_tm_exact_fuzzy_and_diff() -> None:
    tm = TranslationMemory()
    tm.add("The Northern Alliance held Panjshir.", "ائتلاف شمال پنجشیر را نگه داشت.", "en",
           "dari")
    assert tm.exact("the northern alliance held Panjshir.", "en", "prs").target.startswith(
        "ائتلاف")
    assert tm.exact("The Northern Alliance held Panjshir.", "en", "ps") is None
    fuzzy = tm.fuzzy("The Northern Alliance held Panjshir again.", "en", "dari")
    assert fuzzy and 75 <= fuzzy[0].score < 100
    assert ("delete", "again.") in fuzzy[0].diff or ("insert", "Panjshir.") in fuzzy[0].diff
    assert tm.fuzzy("Completely different words here.", "en", "dari") == []


def test_tmx_round_trip_through_tm(tmp_path: Path) -> None:
    tm = TranslationMemory()
    tm.add("Kabul is the capital.", "کابل پایتخت است.", "en", "dari")
    out = tmp_path / "tm.tmx"
    out.write_bytes(tm.export_tmx("en", "dari"))
    other = TranslationMemory(tmp_path / "other.sqlite")
    assert other.import_tmx(out, "en", "dari") == 1
    assert other.exact("Kabul is the capital.", "en", "dari").target == "کابل پایتخت است."


def test_pretranslate_uses_tm_then_mt(tmp_path: Path, tiny_argos: Path) -> None:
    argos.install(tiny_argos)
    project = new_project(tmp_path, "panjshir.txt")
    first = project.segments()[0]
    tm = TranslationMemory()
    tm.add(first.source, "عنوان از حافظه", "en", "dari")
    report = pretranslate(project, tm=tm)
    assert report.from_tm == 1 and report.from_mt == report.total - 1
    assert project.segment(first.id).origin == "tm:exact"
    assert project.segment(first.id).target == "عنوان از حافظه"
    others = project.segments()[1:]
    assert all(s.status == Status.MT and s.origin.startswith("mt:argos:") for s in others)


def test_pretranslate_cancel_keeps_finished_batches(tmp_path: Path, tiny_argos: Path) -> None:
    argos.install(tiny_argos)
    project = new_project(tmp_path, "panjshir.docx")

    def cancel() -> bool:  # the user presses Cancel once the first batch has landed
        return project.info().by_status["mt"] > 0

    report = pretranslate(project, cancel=cancel, chunk=16)
    info = project.info()
    assert report.cancelled
    assert 0 < info.by_status["mt"] < info.segments  # the first batch landed, the rest not
    assert info.by_status["mt"] + info.by_status["new"] == info.segments


def test_a_pretranslation_is_one_undo_step_even_when_cancelled(tmp_path: Path,
                                                              tiny_argos: Path) -> None:
    """Pretranslating wrote outside the undo log: a translator could not take it back."""
    from desktop_app.core.session import EditSession

    argos.install(tiny_argos)
    project = new_project(tmp_path, "panjshir.docx")
    session = EditSession(project, qa=False)
    try:
        session.confirm(0, "عنوان تأییدشده")  # the translator's own work comes first
        report = pretranslate(project, cancel=lambda: project.info().by_status["mt"] > 20,
                              chunk=16)
        assert report.cancelled and report.from_mt > 0
        session.reload(with_qa=False)
        filled = [row for row, s in enumerate(session.segments) if s.status is Status.MT]
        assert len(filled) == report.from_mt
        changes = session.undo()  # the whole run, in one step
        assert changes.rows == filled
        assert all(s.status is Status.NEW and not s.target for s in session.segments[1:])
        assert session.segments[0].target == "عنوان تأییدشده"  # the confirmation stays
        assert session.redo().rows == filled
        assert [s.status for s in session.segments].count(Status.MT) == len(filled)
    finally:
        session.tm.close()


def test_project_undo_takes_back_a_pretranslation_from_the_command_line(
        cli, tmp_path: Path, tiny_argos: Path) -> None:
    assert cli("models", "install", str(tiny_argos)).returncode == 0
    proj = tmp_path / "p.tarjuman"
    assert cli("project", "new", str(sample("panjshir.txt")), "--to", "dari", "-o",
               str(proj)).returncode == 0
    assert cli("project", "pretranslate", str(proj)).returncode == 0
    with Project.open(proj) as project:
        mt = project.info().by_status["mt"]
    assert mt > 0
    history = cli("project", "history", str(proj))
    assert "pretranslate" in history.stdout
    undo = cli("project", "undo", str(proj))
    assert undo.returncode == 0 and f"{mt} segments" in undo.stdout
    with Project.open(proj) as project:
        assert project.info().by_status["mt"] == 0
