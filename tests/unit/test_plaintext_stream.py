"""A plain text is read as a stream of lines: the blocks are the lines ``splitlines``
gives (numbered alike, so export puts every translation back in its line), and a big
text becomes a project without holding a Python object per line."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.documents import plaintext
from desktop_app.core.documents.plaintext import Lines, PlainText
from desktop_app.core.project import Project

BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@settings(max_examples=300)
@given(st.lists(st.one_of(st.sampled_from(BREAKS), st.sampled_from(
    ["Kabul", " ", "کابل", "a b.", "\t", ""])), max_size=30))
def test_lines_are_numbered_as_splitlines_numbers_them(parts: list[str]) -> None:
    text = "".join(parts)
    expected = [(f"L{n}", line) for n, line in enumerate(text.splitlines()) if line.strip()]
    for piece in (plaintext._PIECE, 1, 4):  # read in pieces of a megabyte, or of a few chars
        saved, plaintext._PIECE = plaintext._PIECE, piece
        try:
            lines = Lines(text)
            assert [(b.id, b.text) for b in lines] == expected
            assert [(b.id, b.text) for b in lines] == expected  # a second pass reads it again
            assert len(lines) == len(expected)
            if expected:
                assert (lines[-1].id, lines[-1].text) == expected[-1]
        finally:
            plaintext._PIECE = saved


def test_a_text_with_every_line_break_round_trips_through_a_project(tmp_path: Path) -> None:
    text = "One line.\r\nTwo; three: four.\u2028Five\x85\n\nSix! Seven?\rEight\n"
    source = tmp_path / "mixed.txt"
    source.write_text(text, "utf-8", newline="")
    with Project.create(source, "dari", path=tmp_path / "mixed.tarjuman") as project:
        segments = project.segments()
        assert [s.source for s in segments] == [
            "One line.", "Two; three: four.", "Five", "Six!", "Seven?", "Eight"]
        assert project.info().words == 9
        targets = {b.id: f"[{b.id}]" for b in PlainText().load(source.read_bytes(),
                                                               "mixed.txt").blocks}
    out = PlainText().save(source.read_bytes(), "mixed.txt", targets, "dari").decode()
    assert out.splitlines() == ["[L0]", "[L1]", "[L2]", "", "", "[L5]", "[L6]"]
