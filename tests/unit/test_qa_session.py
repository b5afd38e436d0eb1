"""QA in the editing session: one edited row updates the consistency findings of the rows
it touches; an ignored finding is a session step kept in the project; the gates."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.project import Project, ProjectError
from desktop_app.core.session import EditSession, SessionError


def session_for(tmp_path: Path) -> EditSession:
    doc = tmp_path / "talks.txt"
    doc.write_text("The talks in Doha.\n\nThe talks in Doha.\n\n800 families fled.\n",
                   encoding="utf-8")
    return EditSession.from_document(doc, "dari", path=tmp_path / "talks.tarjuman")


def codes(session: EditSession, row: int) -> list[str]:
    return sorted(f.code for f in session.findings.get(row, []))


def test_an_edit_updates_consistency_in_the_other_rows(tmp_path: Path) -> None:
    s = session_for(tmp_path)
    s.edit(0, "مذاکرات در دوحه.")
    s.edit(1, "گفتگوها در دوحه.")
    assert codes(s, 0) == codes(s, 1) == ["inconsistent-target"]
    s.edit(1, "مذاكرات در دوحه.")  # Arabic kaf: folded, the same translation
    assert codes(s, 0) == codes(s, 1) == []
    s.close()


def test_ignore_is_kept_in_the_project_and_gates_see_it(tmp_path: Path) -> None:
    s = session_for(tmp_path)
    s.edit(2, "۷۰۰ خانواده فرار کردند.")
    assert [f.code for f in s.confirm_blockers(2)] == ["numbers"]
    assert [i.segment.id for i in s.preflight().errors] == [3]
    changes = s.ignore_finding(2, "numbers")
    assert changes.rows == [2] and "numbers" not in codes(s, 2)
    assert s.confirm_blockers(2) == [] and s.preflight().errors == []
    assert s.confirm_blockers(2, "۶۰۰ خانواده فرار کردند.") != []  # other text: back
    with pytest.raises(SessionError, match="no numbers finding"):
        s.ignore_finding(0, "numbers")
    s.close()
    again = EditSession(Project.open(tmp_path / "talks.tarjuman"))
    assert "numbers" not in codes(again, 2)
    (who, _when) = next((i.ignored_by, i.ignored_at) for i in again.review_items()
                        if i.finding.code == "numbers")
    assert who
    again.edit(2, "۶۰۰ خانواده فرار کردند.")
    assert "numbers" in codes(again, 2)
    again.close()


def test_a_project_with_a_broken_ignore_table_is_not_trusted(tmp_path: Path) -> None:
    import sqlite3

    s = session_for(tmp_path)
    s.edit(2, "۷۰۰ خانواده فرار کردند.")
    s.close()
    db = sqlite3.connect(tmp_path / "talks.tarjuman")
    db.execute("INSERT INTO qa_ignored VALUES ('3', 'numbers', 'x', 'me', 'when')")
    db.commit()
    db.close()
    again = EditSession(Project.open(tmp_path / "talks.tarjuman"))
    assert again.project.ignored() == {}  # wrong types: counted as not ignored
    assert "numbers" in codes(again, 2)
    again.close()
    db = sqlite3.connect(tmp_path / "talks.tarjuman")
    db.execute("DROP TABLE qa_ignored")
    db.commit()
    db.close()
    damaged = EditSession(Project.open(tmp_path / "talks.tarjuman"))
    assert "numbers" in codes(damaged, 2)
    with pytest.raises(ProjectError, match="no table for ignored QA findings"):
        damaged.ignore_finding(2, "numbers")
    damaged.close()
