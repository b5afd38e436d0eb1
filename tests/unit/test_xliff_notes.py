"""Translator comments go back into the client's XLIFF as the format's translator note."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from desktop_app.core.documents.xliff import Xliff
from desktop_app.core.project import Project
from desktop_app.core.xliff_export import export_xliff

V12 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a.txt" source-language="en-US" target-language="fa-AF" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>Massoud spoke. The valley held.</source>
        <seg-source><mrk mtype="seg" mid="1">Massoud spoke.</mrk> <mrk mtype="seg"
          mid="2">The valley held.</mrk></seg-source>
        <note from="client">Keep the name as in the glossary.</note>
      </trans-unit>
      <trans-unit id="2">
        <source>Panjshir is a province.</source>
      </trans-unit>
    </body>
  </file>
</xliff>
"""

V20 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en-US" trgLang="fa-AF">
  <file id="f1">
    <unit id="u1">
      <notes>
        <note category="client">Headline: keep it short.</note>
      </notes>
      <segment id="s1"><source>Massoud spoke.</source></segment>
      <ignorable><source> </source></ignorable>
      <segment id="s2"><source>The valley held.</source></segment>
    </unit>
    <unit id="u2">
      <segment id="s3"><source>Panjshir is a province.</source></segment>
    </unit>
  </file>
</xliff>
"""


def _project(tmp_path: Path, name: str, data: bytes) -> Project:
    src = tmp_path / name
    src.write_bytes(data)
    return Project.create(src, "dari", path=tmp_path / (name + ".tarjuman"))


def _comment_all(project: Project) -> None:
    for seg in project.segments():
        project.set_note(seg.id, f"comment {seg.source[:7]}")


def _notes(data: bytes) -> list[tuple[str, str, str]]:
    """(unit id, from/category, text) of every note in document order."""
    root = etree.fromstring(data)
    out = []
    for note in (n for n in root.iter() if etree.QName(n).localname == "note"):
        unit = note.getparent()
        while etree.QName(unit).localname not in ("trans-unit", "unit"):
            unit = unit.getparent()
        out.append((unit.get("id"), note.get("from") or note.get("category"), note.text))
    return out


def _round_trip(tmp_path: Path, name: str, data: bytes) -> tuple[bytes, bytes]:
    project = _project(tmp_path, name, data)
    _comment_all(project)
    first = export_xliff(project)
    project.close()
    again = _project(tmp_path, "again-" + name, first)  # the exported file, imported anew
    _comment_all(again)
    second = export_xliff(again)
    again.close()
    return first, second


def test_xliff12_gets_translator_notes_once_and_keeps_client_notes(tmp_path: Path) -> None:
    first, second = _round_trip(tmp_path, "a.xlf", V12)
    expected = [("1", "client", "Keep the name as in the glossary."),
                ("1", "translator", "comment Massoud\ncomment The val"),
                ("2", "translator", "comment Panjshi")]
    assert _notes(first) == expected
    assert _notes(second) == expected  # replaced, not repeated
    root = etree.fromstring(second)
    unit = next(u for u in root.iter("{*}trans-unit") if u.get("id") == "1")
    names = [etree.QName(c).localname for c in unit if isinstance(c.tag, str)]
    assert names == ["source", "seg-source", "note", "note"]  # after the client's note
    assert len(Xliff().load(second, "again.xlf").blocks) == 3  # still reads as before


def test_xliff20_gets_translator_notes_inside_the_unit(tmp_path: Path) -> None:
    first, second = _round_trip(tmp_path, "a.xlf", V20)
    expected = [("u1", "client", "Headline: keep it short."),
                ("u1", "translator", "comment Massoud\ncomment The val"),
                ("u2", "translator", "comment Panjshi")]
    assert _notes(first) == expected
    assert _notes(second) == expected
    root = etree.fromstring(second)
    for unit in root.iter("{*}unit"):  # notes come first, before the segments
        assert etree.QName(unit[0]).localname == "notes"
    assert len(Xliff().load(second, "again.xlf").blocks) == 3


def test_no_comment_leaves_the_file_alone(tmp_path: Path) -> None:
    project = _project(tmp_path, "a.xlf", V12)
    assert export_xliff(project) == V12
    project.close()
