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
    "'Tis. ", "rock' n. "]), max_size=10))
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
