"""A long paragraph is segmented in pieces (pysbd's time is quadratic in its input): the
sentences are the same as segmenting it whole, and no character is lost."""

from __future__ import annotations

import pytest

from desktop_app.core import segmenter

TEXTS = {
    "en": "Ahmad Massoud spoke in Kabul on Monday. Mr. Saleh met the U.S. envoy at 9 a.m. "
          "and said 800,000 people were displaced... \"We will stay,\" he said! Why? ",
    "prs": "احمد مسعود روز دوشنبه در کابل سخن گفت. آقای صالح با نمایندهٔ امریکا دیدار کرد؟ ",
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_pieces_segment_like_the_whole(lang: str) -> None:
    paragraph = TEXTS[lang] * 60  # several pieces
    assert len(paragraph) > 2 * segmenter.CHUNK
    pieces = segmenter.split(paragraph, lang)
    assert "".join(pieces) == paragraph
    assert pieces == segmenter._split(paragraph, lang)
