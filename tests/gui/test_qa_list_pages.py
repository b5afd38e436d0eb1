"""The QA list holds its findings a page at a time: a pretranslated project with 100,000
findings is not laid out line by line in one turn of the event loop (the view asks the
model about every line it holds). Every finding is still there: scrolling to the end
takes the next page, F8 and a selection reach lines beyond those scrolled to."""

from __future__ import annotations

from desktop_app.core.glossary.qa import Finding
from desktop_app.gui.app import make_app
from desktop_app.gui.widgets.qa_panel import FoundLines, QAPanel


def _findings(rows: int) -> dict[int, list[Finding]]:
    return {row: [Finding("numbers", row, f"number missing in {row}"),
                  Finding("untranslated", row, f"empty {row}")] for row in range(rows)}


def test_a_page_is_held_at_first_and_every_finding_can_be_reached(qtbot) -> None:
    make_app()
    panel = QAPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 200)
    panel.show()
    panel.show_findings(_findings(5000))  # 10,000 lines
    model = panel.findings
    assert panel.count() == 10_000
    assert model.rowCount() == model.PAGE  # not all of them laid out at once
    panel.scrollToBottom()  # the view asks for more at its end
    qtbot.waitUntil(lambda: model.rowCount() > model.PAGE, timeout=5000)
    assert panel.select_next(4321) == 4322  # F8 beyond the lines held so far
    assert panel.current() == 2 * 4322
    assert "4322" in panel.text(panel.current())
    assert "empty 4999" in panel.text(9999)
    panel.show_findings(_findings(3))  # a new list starts with its first page again
    assert model.rowCount() == 6 and panel.count() == 6


def test_the_lines_follow_the_findings_in_row_order_without_a_copy() -> None:
    """The numbered lines are the findings row by row (rows with none left out); a line
    is found by its number, F8 by its row; an unchanged set of findings is the same one
    and a changed row (a new list, or a list grown in place) is not."""
    findings = {7: [Finding("a", 7, "x"), Finding("b", 7, "y")], 2: [Finding("c", 2, "z")],
                5: []}
    lines = FoundLines(findings)
    assert len(lines) == 3 and [r for r, _f in lines] == [2, 7, 7]
    assert [f.code for _r, f in lines] == ["c", "a", "b"] and lines[-1][1].code == "b"
    assert lines[1:] == [lines[1], lines[2]]
    assert (lines.first_after(None), lines.first_after(2), lines.first_after(7)) == (0, 1, 0)
    assert lines.same_as(dict(findings)) and lines.same_as({2: findings[2], 7: findings[7]})
    assert not lines.same_as({**findings, 7: [Finding("a", 7, "x")]})
    assert not lines.same_as({**findings, 9: [Finding("d", 9, "w")]})
    assert lines.same_as({**findings, 7: list(findings[7])})  # equal, though another list
    findings[2].append(Finding("e", 2, "v"))
    assert not lines.same_as(findings)
    try:
        lines[3]
    except IndexError:
        pass
    else:
        raise AssertionError("a line past the end")
