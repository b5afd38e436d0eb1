"""An ellipsis stays with its sentence, after a number too; no segment is a lone "."."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core import segmenter


def test_ellipsis_after_a_number_keeps_the_sentence_whole() -> None:
    assert segmenter.split("It happened on Sunday, September 9, 2001... no, on Monday.") == [
        "It happened on Sunday, September 9, 2001... no, on Monday."]
    assert segmenter.split("Prices rose in 2021... and fell. Then they rose.") == [
        "Prices rose in 2021... and fell. ", "Then they rose."]
    # a new sentence after the ellipsis is still one, as after a word
    assert segmenter.split("It ended in 2021... He came back.") == [
        "It ended in 2021... ", "He came back."]
    assert segmenter.split("Wait... What?") == ["Wait... ", "What?"]
    assert segmenter.split("In ⟨1⟩2001...⟨/1⟩ no, later.") == ["In ⟨1⟩2001...⟨/1⟩ no, later."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([
    "in 2001", "... ", "...", "… ", ". ", "? ", "no, ", "He ", "left", "Kabul. ", " ",
    "September 9, 2001", "And then", "⟨1/⟩", "Mr. Saleh ", "the U.S. ", "5% "]), max_size=10))
def test_split_keeps_every_character_and_no_wordless_segment(parts: list[str]) -> None:
    text = "".join(parts)
    segs = segmenter.split(text)
    assert "".join(segs) == text
    if len(segs) > 1:
        assert all(any(ch.isalnum() for ch in segmenter._TAGS.sub("", s)) for s in segs), segs
