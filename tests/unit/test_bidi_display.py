"""Display isolates around tags and numbers come back out exactly."""

from __future__ import annotations

from desktop_app.core import bidi

CASES = ["⟨1⟩۱۸ سنبله ۱۴۰۰⟨/1⟩", "شمار ۸۰۰٬۰۰۰⟨/1⟩ تن", "3.5 kg ⟨2/⟩ 1400/06/18",
         "\u2068already isolated\u2069 ⟨1⟩", ""]


def test_for_display_wraps_tags_and_rtl_numbers_and_comes_back_exactly() -> None:
    shown = bidi.for_display(CASES[0], rtl=True)
    assert shown == ("\u2068⟨1⟩\u2069\u2066۱۸\u2069 سنبله \u2066۱۴۰۰\u2069\u2068⟨/1⟩\u2069")
    assert bidi.for_display("800,000 ⟨1⟩", rtl=False) == "800,000 \u2068⟨1⟩\u2069"
    assert bidi.for_display("۸۰۰٬۰۰۰", rtl=True) == "\u2066۸۰۰٬۰۰۰\u2069"
    for text in CASES:
        for rtl in (True, False):
            assert bidi.from_display(bidi.for_display(text, rtl=rtl)) == text


def test_pieces_cut_tags_numbers_and_text_in_stored_order() -> None:
    assert bidi.pieces("شمار ⟨1⟩۸۰۰٬۰۰۰⟨/1⟩ تن") == [
        ("text", "شمار "), ("tag", "⟨1⟩"), ("number", "۸۰۰٬۰۰۰"), ("tag", "⟨/1⟩"),
        ("text", " تن")]
    assert "".join(c for _k, c in bidi.pieces(CASES[2])) == CASES[2]
