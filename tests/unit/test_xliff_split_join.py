# ruff: noqa: E501
"""Split and join inside an XLIFF 1.2 unit segmented with ``mrk mtype="seg"``: the
export cuts or merges the ``mrk``s of ``seg-source`` and the target alike, mids stay
unique and paired, and the file reads back with the new segments."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from desktop_app.core.documents.xliff import Xliff
from desktop_app.core.session import EditSession

NS = "{urn:oasis:names:tc:xliff:document:1.2}"
V12 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="en-US" target-language="fa-AF" datatype="plaintext">
    <body>
      <trans-unit id="u1">
        <source>Massoud spoke to <g id="b1">the elders</g> of the valley. The valley held.</source>
        <seg-source><mrk mtype="seg" mid="1">Massoud spoke to <g id="b1">the elders</g> of the valley.</mrk> <mrk mtype="seg" mid="2">The valley held.</mrk></seg-source>
      </trans-unit>
      <trans-unit id="u2">
        <source>Panjshir is a province.</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""


def _open(tmp_path: Path) -> EditSession:
    doc = tmp_path / "job.xlf"
    doc.write_bytes(V12)
    return EditSession.from_document(doc, "fa", path=tmp_path / "job.tarjuman")


def _marks(el: etree._Element) -> list[tuple[str, str]]:
    return [(m.get("mid"), "".join(m.itertext()))
            for m in el.iter(f"{NS}mrk") if m.get("mtype") == "seg"]


def _unit(data: bytes, uid: str) -> etree._Element:
    root = etree.fromstring(data)
    return next(u for u in root.iter(f"{NS}trans-unit") if u.get("id") == uid)


def _check_pairs(unit: etree._Element) -> None:
    source = _marks(unit.find(f"{NS}seg-source"))
    target = _marks(unit.find(f"{NS}target"))
    mids = [m for m, _t in source]
    assert len(set(mids)) == len(mids)
    assert [m for m, _t in target] == mids


def test_split_a_mrk_segment_and_export(tmp_path: Path) -> None:
    session = _open(tmp_path)
    try:
        assert [s.source for s in session.segments][:2] == [
            "Massoud spoke to ⟨1⟩the elders⟨/1⟩ of the valley.", "The valley held."]
        source = session.segments[0].source
        session.split(0, source.index("of the valley"))
        assert [s.source for s in session.segments][:3] == [
            "Massoud spoke to ⟨1⟩the elders⟨/1⟩", "of the valley.", "The valley held."]
        session.edit(0, "مسعود با ⟨1⟩بزرگان⟨/1⟩ سخن گفت")
        session.edit(1, "در دره.")
        session.edit(2, "دره ایستاد.")
        session.edit(3, "پنجشیر یک ولایت است.")
        out = tmp_path / "out.xlf"
        session.export(out)
    finally:
        session.close()
    data = out.read_bytes()
    unit = _unit(data, "u1")
    assert _marks(unit.find(f"{NS}seg-source")) == [
        ("1", "Massoud spoke to the elders"), ("3", "of the valley."),
        ("2", "The valley held.")]
    assert _marks(unit.find(f"{NS}target")) == [
        ("1", "مسعود با بزرگان سخن گفت"), ("3", "در دره."), ("2", "دره ایستاد.")]
    _check_pairs(unit)
    seg_source = unit.find(f"{NS}seg-source")
    assert "".join(seg_source.itertext()) == (
        "Massoud spoke to the elders of the valley. The valley held.")
    assert seg_source.find(f".//{NS}g").get("id") == "b1"  # the client's code kept
    assert unit.find(f"{NS}target").find(f".//{NS}g").get("id") == "b1"
    assert "".join(unit.find(f"{NS}source").itertext()).startswith("Massoud spoke to the")
    again = Xliff().load(data, "out.xlf")
    assert [b.id for b in again.blocks] == ["u1#1", "u1#3", "u1#2", "u2"]
    assert [b.target for b in again.blocks][:2] == ["مسعود با ⟨1⟩بزرگان⟨/1⟩ سخن گفت",
                                                     "در دره."]


def test_join_two_mrk_segments_and_export_then_undo(tmp_path: Path) -> None:
    session = _open(tmp_path)
    try:
        session.edit(0, "مسعود با ⟨1⟩بزرگان⟨/1⟩ دره سخن گفت.")
        session.edit(1, "دره ایستاد.")
        assert session.can_join(0) and not session.can_join(1)  # u2 is another unit
        session.join(0)
        assert session.segments[0].source == (
            "Massoud spoke to ⟨1⟩the elders⟨/1⟩ of the valley. The valley held.")
        out = tmp_path / "joined.xlf"
        session.export(out)
        unit = _unit(out.read_bytes(), "u1")
        assert _marks(unit.find(f"{NS}seg-source")) == [
            ("1", "Massoud spoke to the elders of the valley. The valley held.")]
        assert _marks(unit.find(f"{NS}target")) == [
            ("1", "مسعود با بزرگان دره سخن گفت. دره ایستاد.")]
        _check_pairs(unit)
        session.undo()
        assert len(session.segments) == 3
        back = tmp_path / "back.xlf"
        session.export(back)
        unit = _unit(back.read_bytes(), "u1")
        assert [m for m, _t in _marks(unit.find(f"{NS}seg-source"))] == ["1", "2"]
        assert _marks(unit.find(f"{NS}target")) == [
            ("1", "مسعود با بزرگان دره سخن گفت."), ("2", "دره ایستاد.")]
    finally:
        session.close()


TAGGED = V12.replace(b'<mrk mtype="seg" mid="2">The valley held.</mrk>',
                     b'<mrk mtype="seg" mid="2">The <g id="b2">valley</g> held.</mrk>')


def test_join_then_split_inside_the_second_part_keeps_every_code(tmp_path: Path) -> None:
    doc = tmp_path / "tags.xlf"
    doc.write_bytes(TAGGED)
    session = EditSession.from_document(doc, "fa", path=tmp_path / "tags.tarjuman")
    try:
        assert session.segments[1].source == "The ⟨1⟩valley⟨/1⟩ held."
        session.join(0)
        joined = session.segments[0].source
        assert joined == ("Massoud spoke to ⟨1⟩the elders⟨/1⟩ of the valley. "
                          "The ⟨2⟩valley⟨/2⟩ held.")
        session.split(0, joined.index("The ⟨2⟩"))
        session.edit(0, "مسعود با ⟨1⟩بزرگان⟨/1⟩ سخن گفت.")
        session.edit(1, "⟨2⟩دره⟨/2⟩ ایستاد.")
        out = tmp_path / "out.xlf"
        session.export(out)
    finally:
        session.close()
    unit = _unit(out.read_bytes(), "u1")
    _check_pairs(unit)
    assert _marks(unit.find(f"{NS}seg-source")) == [
        ("1", "Massoud spoke to the elders of the valley."), ("3", "The valley held.")]
    assert _marks(unit.find(f"{NS}target")) == [
        ("1", "مسعود با بزرگان سخن گفت."), ("3", "دره ایستاد.")]
    target = unit.find(f"{NS}target")
    assert [g.get("id") for g in target.iter(f"{NS}g")] == ["b1", "b2"]
    again = Xliff().load(out.read_bytes(), "out.xlf")
    assert [b.text for b in again.blocks][:2] == [
        "Massoud spoke to ⟨1⟩the elders⟨/1⟩ of the valley.", "The ⟨1⟩valley⟨/1⟩ held."]


SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
SDLXLIFF = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="{SDL_NS}" xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="a.docx" source-language="en-US" datatype="x-sdlfilterframework2" target-language="fa-AF">
  <body>
   <trans-unit id="u1">
    <source>Aid arrived in the morning and the valley is quiet.</source>
    <seg-source><mrk mtype="seg" mid="1">Aid arrived in the morning and the valley is quiet.</mrk></seg-source>
    <sdl:seg-defs><sdl:seg id="1" conf="Draft"/></sdl:seg-defs>
   </trans-unit>
   <trans-unit id="u2">
    <source>Roads are new.</source>
    <seg-source><mrk mtype="seg" mid="2">Roads are new.</mrk></seg-source>
    <sdl:seg-defs><sdl:seg id="2"/></sdl:seg-defs>
   </trans-unit>
  </body>
 </file>
</xliff>
""".encode()


def test_a_trados_split_gets_a_mid_unique_in_the_file_and_its_own_definition(
        tmp_path: Path) -> None:
    doc = tmp_path / "job.sdlxliff"
    doc.write_bytes(SDLXLIFF)
    session = EditSession.from_document(doc, "fa", path=tmp_path / "job.tarjuman")
    try:
        source = session.segments[0].source
        session.split(0, source.index("and the valley"))
        session.confirm(0, "کمک صبح رسید")
        session.edit(1, "و دره آرام است.")
        out = tmp_path / "out.sdlxliff"
        session.export(out)
    finally:
        session.close()
    unit = _unit(out.read_bytes(), "u1")
    _check_pairs(unit)
    assert [m for m, _t in _marks(unit.find(f"{NS}seg-source"))] == ["1", "3"]  # 2 is u2's
    definitions = {s.get("id"): s.get("conf") for s in unit.iter(f"{{{SDL_NS}}}seg")}
    assert definitions == {"1": "ApprovedTranslation", "3": "Translated"}
