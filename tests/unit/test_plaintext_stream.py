"""A plain text is read as a stream of lines: the blocks are the lines ``splitlines``
gives (numbered alike, so export puts every translation back in its line), and a big
text becomes a project read from its file a piece at a time: peak memory does not grow
with the text's size."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core.documents import plaintext
from desktop_app.core.documents.plaintext import Lines, PlainText
from desktop_app.core.errors import InputError
from desktop_app.core.project import Project
from desktop_app.core.textio import decode, stream_encoding

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


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.sampled_from(BREAKS), st.sampled_from(
    ["Kabul", " ", "کابل", "a b.", "\t", ""])), max_size=30),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_lines_read_from_the_file_are_the_lines_of_the_text(parts: list[str],
                                                            encoding: str) -> None:
    text = "".join(parts)
    expected = [(f"L{n}", line) for n, line in enumerate(text.splitlines()) if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.txt"
        path.write_bytes(text.encode(encoding))
        try:  # what the whole-file reader makes of it: streamed only when it is Unicode
            whole: str | None = decode(path.read_bytes(), "t.txt")[1]
        except InputError:  # control characters: refused
            whole = None
        assert stream_encoding(path, 3) == whole
        if whole is None:
            return
        for piece in (plaintext._PIECE, 1, 2, 5):  # a "\r\n" may fall across two reads
            saved, plaintext._PIECE = plaintext._PIECE, piece
            try:
                lines = Lines(path=path, encoding=encoding)
                assert [(b.id, b.text) for b in lines] == expected
                assert [(b.id, b.text) for b in lines] == expected
                assert bool(lines) == bool(expected)
            finally:
                plaintext._PIECE = saved


def test_text_that_is_not_plainly_unicode_is_read_whole(tmp_path: Path) -> None:
    """Binary data and Windows-1256 are not streamed: the whole-file reader refuses the
    one with its own message and reads the other."""
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"Kabul\n\x00\x01\x02 report\n")
    assert stream_encoding(binary) is None
    arabic = tmp_path / "a.txt"
    arabic.write_bytes("کابل\nپنجشير\n".encode("cp1256"))  # Windows-1256 has the Arabic yeh
    assert stream_encoding(arabic) is None
    with Project.create(arabic, "dari", path=tmp_path / "a.tarjuman") as project:
        assert [s.source for s in project.segments()] == ["کابل", "پنجشير"]
        assert project.document()[2] == arabic.read_bytes()


def test_a_streamed_text_is_kept_byte_for_byte(tmp_path: Path) -> None:
    source = tmp_path / "news.txt"
    source.write_bytes("\ufeffKabul.\r\n\r\nکابل.\r\n".encode())
    with Project.create(source, "dari", path=tmp_path / "n.tarjuman") as project:
        assert project.document()[2] == source.read_bytes()
        assert [s.source for s in project.segments()] == ["Kabul.", "کابل."]


def test_peak_memory_does_not_grow_with_the_text(tmp_path: Path) -> None:
    """`project new` on a 2 MB and an 8 MB text, each measured alone in its own process
    (the bench's launcher): before, each MB of text cost 4 MiB more (the bytes, the
    decoded text, and SQLite's copy of the stored document twice over)."""
    from benchmarks.bench_big_inputs import write_text
    from benchmarks.measure import tarjuman

    home = tmp_path / "home"
    home.mkdir()
    peaks = {}
    for mb in (2, 8):
        text = write_text(tmp_path / f"{mb}.txt", mb)
        run = tarjuman(["project", "new", str(text), "--to", "dari", "-o",
                        str(tmp_path / f"{mb}.tarjuman")], home, timeout=300)
        assert run.ok, run.stderr
        peaks[mb] = run.rss_mib
    print(f"peak RSS: 2 MB {peaks[2]:.1f} MiB, 8 MB {peaks[8]:.1f} MiB")
    assert peaks[8] - peaks[2] < 6, peaks  # was 24 MiB more


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


def test_a_text_that_grows_during_the_import_is_refused_and_nothing_is_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.core import project as project_module
    from desktop_app.core.documents.base import DocumentError

    source = tmp_path / "news.txt"
    source.write_text("Kabul.\n", "utf-8")
    checked = project_module.check_blocks

    def check_then_grow(blocks, name):  # type: ignore[no-untyped-def]
        with source.open("a", encoding="utf-8") as fh:  # another program appends to it
            fh.write("Herat.\n")
        return checked(blocks, name)

    monkeypatch.setattr(project_module, "check_blocks", check_then_grow)
    with pytest.raises(DocumentError, match="changed while it was being imported"):
        Project.create(source, "dari", path=tmp_path / "news.tarjuman")
    assert not list(tmp_path.glob("*news.tarjuman*"))  # no project, no part file
