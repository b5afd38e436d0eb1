"""The fast path of sentence splitting agrees with pysbd wherever it answers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=400)
@given(st.lists(st.sampled_from([
    "The U.S. envoy met Mr. Karzai.", " ", "  ", "800,000 fled.", "Why? ", "Stop! ",
    "It was 2001. ", "in 1996. ", "Gen. Dostum spoke. ", "Dr. Abdullah left. ", "He is. ",
    "the U.S. ", "The ", "army ", "left", ". ", "No. 5 ", "Kabul ", "etc. ", "e.g. ",
    "A. Massoud. ", "Ahmad Massoud spoke to reporters in Kabul on Monday. ", "? ", "! ",
    "Panjshir.", "Saleh said the resistance would continue. ", "It's over. ", "Massoud’s men. ",
    "'Tis. ", "rock' n. ", "; ", ": ", "report 5; the valley was calm. ", "Note: The ",
    "10:30 ", "a.m. ", "50% ", "and/or ", "A & B. ", "$5. ", "$5.5 ", "Ratio 3:1. ",
    "http://x.com "]), max_size=10))
def test_fast_english_splitting_agrees_with_pysbd(parts: list[str]) -> None:
    from desktop_app.core import segmenter

    text = "".join(parts)
    fast = segmenter._fast_english(text)
    if fast is not None and text.strip():
        assert fast == segmenter._segmenter("en").segment(text)
        assert "".join(fast) == text


def test_fast_english_splitting_handles_plain_news_prose() -> None:
    from desktop_app.core import segmenter

    text = ("The Northern Alliance held the valley in 2001. Mr. Saleh told the U.S. envoy "
            "that the resistance would continue. Why did they stay? Kabul fell.")
    assert segmenter._fast_english(text) == segmenter._segmenter("en").segment(text)
    assert len(segmenter._fast_english(text) or []) == 4


def test_fast_english_path_takes_semicolons_and_colons() -> None:
    """News prose with ; and : (most of a long report) no longer waits on pysbd."""
    from desktop_app.core import segmenter

    text = ("Massoud spoke about report 7; the valley was calm. Saleh said: the road to "
            "Kabul, 50% open, was safe. Aid & food came at 10:30.")
    fast = segmenter._fast_english(text)
    assert fast is not None and len(fast) == 3
    assert fast == segmenter._segmenter("en").segment(text)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list(
    "abcXYZ019 ,:;-()'\"/&%$#@*+=[]{}<>_|~^`“”‘’–—•©°×«»€\tکابل؛،")), min_size=1, max_size=80))
def test_text_without_a_sentence_end_is_one_segment_as_pysbd_says(text: str) -> None:
    """Cells, labels and headings skip pysbd; pysbd would give the same one segment (or
    drop leading spaces, which the splitter's never-lose-text rule undoes)."""
    from desktop_app.core import segmenter

    assert segmenter.split(text, "en") == [text]
    by_pysbd = segmenter._segmenter("en").segment(text)
    assert by_pysbd == [text] or "".join(by_pysbd) != text
