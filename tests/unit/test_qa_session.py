"""QA in the editing session: one edited row updates the consistency findings of the rows
it touches; an ignored finding is a session step kept in the project; the gates."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.project import Project
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
    try:
        s.ignore_finding(0, "numbers")
    except SessionError as exc:
        assert "no numbers finding" in str(exc)
    else:
        raise AssertionError("ignoring a finding that is not there must fail")
    s.close()
    again = EditSession(Project.open(tmp_path / "talks.tarjuman"))
    assert "numbers" not in codes(again, 2)
    (who, _when) = next((i.ignored_by, i.ignored_at) for i in again.review_items()
                        if i.finding.code == "numbers")
    assert who
    again.edit(2, "۶۰۰ خانواده فرار کردند.")
    assert "numbers" in codes(again, 2)
    again.close()
