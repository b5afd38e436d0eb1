"""SRT files come with every kind of line end, CR CR LF included (a CR LF file that went
through one more conversion): each is read as the same cues."""

from __future__ import annotations

import pytest

from desktop_app.core.documents.subtitles import Subtitles

CUES = ["1", "00:00:11,201 --> 00:01:00,005", "First title.", "",
        "2", "00:01:00,407 --> 00:01:02,300", "Second title", "",
        "3", "00:01:04,002 --> 00:01:05,200", "Third title", "and again", ""]


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r", "\r\r\n"])
def test_every_line_end_gives_the_same_cues(eol: str) -> None:
    data = eol.join(CUES).encode()
    doc = Subtitles().load(data, "t.srt")
    assert [b.text for b in doc.blocks] == ["First title.", "Second title",
                                            "Third title\nand again"]
    out = Subtitles().save(data, "t.srt", {"C0": "الف", "C2": "ج\nد"}, "dari").decode()
    assert out.split("\n\n")[0] == "1\n00:00:11,201 --> 00:01:00,005\nالف"
    assert out.split("\n\n")[2] == "3\n00:01:04,002 --> 00:01:05,200\nج\nد\n"
    assert "\r" not in out


def test_mixed_line_ends_in_one_file() -> None:
    data = (b"1\r\r\n00:00:01,000 --> 00:00:02,000\r\nOne\n\r\r\n2\r00:00:03,000 --> "
            b"00:00:04,000\rTwo\r\n")
    assert [b.text for b in Subtitles().load(data, "t.srt").blocks] == ["One", "Two"]
