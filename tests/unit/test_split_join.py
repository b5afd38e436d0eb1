"""Splitting and joining segments through the session: the paragraph is exported whole,
one undo step each, undo and redo after reopening, and the CLI commands."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from desktop_app.core.errors import InputError
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from desktop_app.core.session import EditSession, SessionError

LONG = "The river runs through the valley and the town sleeps beside it."


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph(LONG)
    document.add_paragraph("Water is life. Roads are new.")
    document.add_paragraph("A last line.")
    document.save(str(path))
    return path


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.fixture
def session(tmp_path: Path) -> EditSession:
    s = EditSession.from_document(_docx(tmp_path / "article.docx"), "fa",
                                  path=tmp_path / "article.tarjuman")
    yield s
    s.close()


def test_split_then_export_writes_the_paragraph_whole(session: EditSession,
                                                      tmp_path: Path) -> None:
    assert [s.source for s in session.segments][0] == LONG
    session.edit(0, "دریا از دره می‌گذرد")
    offset = LONG.index("and the town")
    changes = session.split(0, offset)
    assert changes.shape and changes.rows == [0, 1]
    first, second = session.segments[0], session.segments[1]
    assert first.source == "The river runs through the valley"
    assert second.source == "and the town sleeps beside it."
    assert first.block_id == second.block_id and second.id != first.id
    assert first.target == "دریا از دره می‌گذرد" and second.status is Status.NEW
    session.edit(1, "و شهر کنار آن می‌خوابد.")
    out = tmp_path / "out.docx"
    session.export(out)
    paragraphs = _paragraphs(out)
    assert len(paragraphs) == 3
    assert paragraphs[0] == "دریا از دره می‌گذرد و شهر کنار آن می‌خوابد."


def test_join_then_export_and_the_source_is_rebuilt(session: EditSession,
                                                    tmp_path: Path) -> None:
    assert [s.source for s in session.segments[1:3]] == ["Water is life.", "Roads are new."]
    session.edit(1, "آب زندگی است.")
    session.confirm(2, "سرک‌ها نو اند.")
    session.join(1)
    joined = session.segments[1]
    assert joined.source == "Water is life. Roads are new."
    assert joined.target == "آب زندگی است. سرک‌ها نو اند."
    assert joined.status is Status.EDITED  # its source changed: confirm it again
    assert len(session.segments) == 3
    assert session.project.blocks()[1].text == "Water is life. Roads are new."
    out = tmp_path / "out.docx"
    session.export(out)
    assert _paragraphs(out)[1] == "آب زندگی است. سرک‌ها نو اند."


def test_join_stays_inside_its_paragraph(session: EditSession) -> None:
    assert not session.can_join(0) and session.can_join(1) and not session.can_join(2)
    with pytest.raises(SessionError, match="last of its paragraph"):
        session.join(0)


def test_bad_split_points_are_refused_and_nothing_changes(session: EditSession) -> None:
    before = [s.source for s in session.segments]
    for offset in (0, len(LONG), -3, 999, 1):
        with pytest.raises(InputError):
            session.split(0, offset if offset != 1 else len(LONG) - 1)
    assert [s.source for s in session.segments] == before
    assert not session.can_undo()


def test_a_split_inside_a_tag_pair_is_refused(tmp_path: Path) -> None:
    from desktop_app.core.reshape import split_rows

    row = {"id": 1, "block_id": "b", "position": 0, "lead": "", "source":
           "Read ⟨1⟩the long book⟨/1⟩ now please", "trail": "", "target": "",
           "status": "new", "origin": "", "mt_text": "", "note": "", "confidence": None}
    with pytest.raises(InputError, match="tag"):
        split_rows([row], 1, row["source"].index("long"), 2)
    with pytest.raises(InputError, match="tag"):
        split_rows([row], 1, row["source"].index("⟨1⟩") + 1, 2)
    parts = split_rows([row], 1, row["source"].index("now"), 2)
    assert [p["source"] for p in parts] == ["Read ⟨1⟩the long book⟨/1⟩", "now please"]


def test_undo_and_redo_after_reopening(session: EditSession, tmp_path: Path) -> None:
    path = session.project.path
    session.edit(0, "دریا")
    session.split(0, LONG.index("and"))
    session.edit(1, "و شهر")
    session.join(2)  # "Water is life." + "Roads are new."
    shapes = [(s.id, s.source, s.target) for s in session.segments]
    assert len(shapes) == 4
    session.close()

    reopened = EditSession.open(path)
    try:
        assert [(s.id, s.source, s.target) for s in reopened.segments] == shapes
        reopened.undo()  # the join
        assert [s.source for s in reopened.segments][2:4] == ["Water is life.",
                                                             "Roads are new."]
        reopened.undo()  # the edit of the second part
        assert reopened.segments[1].target == ""
        changes = reopened.undo()  # the split
        assert changes.shape and reopened.segments[0].source == LONG
        assert reopened.segments[0].target == "دریا"
        assert len(reopened.segments) == 4
    finally:
        reopened.close()

    again = EditSession.open(path)
    try:
        assert len(again.segments) == 4 and again.segments[0].source == LONG
        again.redo()
        again.redo()
        again.redo()
        assert [(s.id, s.source, s.target) for s in again.segments] == shapes
        assert not again.can_redo()
        out = tmp_path / "redone.docx"
        again.export(out)
        assert _paragraphs(out)[:2] == ["دریا و شهر", "Water is life. Roads are new."]
        kinds = [step.kind for step in again.history.listing()]
        assert kinds[:4] == ["join", "edit", "split", "edit"]
    finally:
        again.close()


def test_an_older_project_gets_the_shape_column(tmp_path: Path) -> None:
    """A project written before split/join (schema 3) opens and can be split."""
    path = tmp_path / "old.tarjuman"
    Project.create(_docx(tmp_path / "old.docx"), "fa", path=path).close()
    project = Project.open(path)
    with project.db.conn:
        project.db.execute("ALTER TABLE steps DROP COLUMN shape")
        project.db.execute("PRAGMA user_version=3")
    project.close()
    session = EditSession.open(path)
    try:
        session.split(0, LONG.index("and"))
        session.undo()
        assert session.segments[0].source == LONG
    finally:
        session.close()


def test_cli_split_join_undo(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _docx(tmp_path / "cli.docx")
    project = tmp_path / "cli.tarjuman"
    assert cli("project", "new", str(doc), "--to", "dari", "-o", str(project)).returncode == 0
    with Project.open(project) as p:
        first = p.segments()[0].id
        second = p.segments()[1].id
    done = cli("project", "split", str(project), str(first), str(LONG.index("and")))
    assert done.returncode == 0, done.stderr
    assert "The river runs through the valley" in done.stdout
    assert "and the town sleeps beside it." in done.stdout
    bad = cli("project", "split", str(project), str(first), "2000")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
    assert "Offset 2000" in bad.stderr
    joined = cli("project", "join", str(project), str(second))
    assert joined.returncode == 0, joined.stderr
    assert "Water is life. Roads are new." in joined.stdout
    last = cli("project", "join", str(project), str(first + 3))
    assert last.returncode != 0 and "Traceback" not in last.stderr
    with Project.open(project) as p:
        assert [s.source for s in p.segments()] == [
            "The river runs through the valley", "and the town sleeps beside it.",
            "Water is life. Roads are new.", "A last line."]
    assert cli("project", "undo", str(project)).returncode == 0
    assert cli("project", "undo", str(project)).returncode == 0
    with Project.open(project) as p:
        assert [s.source for s in p.segments()][0] == LONG
        assert len(p.segments()) == 4
