"""Whitespace inside ``<source>``/``<target>`` is content: an unchanged round trip
(import, export with the targets the file had) leaves every target byte for byte as it
was, in every format that comes back in (XLIFF 1.2, 2.0, sdlxliff, mqxliff, PO), and a
fresh XLIFF 2.0 export read back as a review changes nothing. Files written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from desktop_app.core.documents.po import Po
from desktop_app.core.documents.xliff import Xliff, is_v2, units
from desktop_app.core.documents.xliff_tree import TargetState, write_targets
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from tests.fixtures.sessions import import_review

V12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="en" target-language="fa-AF" datatype="plaintext">
  <body>
   <trans-unit id="1" xml:space="preserve"><source><g id="1">Bold</g>   text
  here. </source>
    <target state="translated"><g id="1">پررنگ</g>   متن
  اینجا. </target></trans-unit>
   <trans-unit id="2"><source><x id="2"/> After a code.</source>
    <target state="final"><x id="2"/> پس از یک کد.</target></trans-unit>
  </body>
 </file>
</xliff>
"""

V20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fa-AF">
 <file id="f1">
  <unit id="u1">
   <originalData><data id="d1">&lt;br/&gt;</data></originalData>
   <segment state="translated"><source><pc id="1">Bold</pc>
        text <ph id="2" dataRef="d1"/>  here.</source><target><pc id="1">پررنگ</pc>
        متن <ph id="2" dataRef="d1"/>  اینجا.</target></segment>
  </unit>
 </file>
</xliff>
"""

SDL = """<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"
       xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="a.docx" source-language="en-US" target-language="fa-AF" datatype="x-sdl">
  <body>
   <trans-unit id="u1">
    <source><g id="5">Aid</g>  arrived. Then  more.</source>
    <seg-source><mrk mtype="seg" mid="1"><g id="5">Aid</g>  arrived.</mrk> <mrk mtype="seg"
     mid="2">Then  more.</mrk></seg-source>
    <target><mrk mtype="seg" mid="1"><g id="5">کمک</g>  رسید.</mrk> <mrk mtype="seg"
     mid="2">سپس  بیشتر.</mrk></target>
    <sdl:seg-defs><sdl:seg id="1" conf="Translated" origin="interactive"/>
     <sdl:seg id="2" conf="Draft" origin="mt"/></sdl:seg-defs>
   </trans-unit>
  </body>
 </file>
</xliff>
"""

MQ = """<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
 <file original="a.docx" source-language="en" target-language="fa-AF" datatype="x-docx">
  <body>
   <trans-unit id="1" mq:status="PartiallyEdited" xml:space="preserve">
    <source><bpt id="1">{}</bpt>Valley<ept id="1">{}</ept>  is quiet. </source>
    <target><bpt id="1">{}</bpt>دره<ept id="1">{}</ept>  آرام است. </target>
   </trans-unit>
  </body>
 </file>
</xliff>
"""

PO = ('msgid ""\nmsgstr ""\n"Language: fa_AF\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
      '\nmsgid " Choose syntax highlighting "\nmsgstr " برجسته‌سازی نحو را برگزینید "\n'
      '\nmsgid ""\n"First line\\n"\n"  second line\\n"\nmsgstr ""\n"خط اول\\n"\n"  خط دوم\\n"\n')

XLIFF_FILES = {"a.xlf": V12, "b.xlf": V20, "c.sdlxliff": SDL, "d.mqxliff": MQ}


def target_bytes(data: bytes) -> list[bytes]:
    """Each unit's target content (text and children, whitespace included) as bytes."""
    root = etree.fromstring(data)
    out = []
    for unit in units(root, "unit" if is_v2(root) else "trans-unit"):
        for target in unit.iter("{*}target"):
            inner = (target.text or "").encode() + b"".join(
                etree.tostring(child, encoding="utf-8") for child in target)
            out.append(inner)
    return out


@pytest.mark.parametrize("name", list(XLIFF_FILES))
def test_xliff_targets_written_again_are_byte_for_byte_the_same(name: str) -> None:
    data = XLIFF_FILES[name].encode()
    blocks = Xliff().load(data, name).blocks
    assert all(b.target for b in blocks)
    # every target written again (states given: nothing is skipped as unchanged)
    out = write_targets(data, name, {b.id: b.target for b in blocks}, "dari",
                        {b.id: TargetState(Status(b.meta["status"])) for b in blocks})
    assert out != data  # written again, not skipped
    assert target_bytes(out) == target_bytes(data)
    assert [b.target for b in Xliff().load(out, name).blocks] == [b.target for b in blocks]


@pytest.mark.parametrize("name", [*XLIFF_FILES, "e.po"])
def test_an_unchanged_project_exports_the_targets_it_had(name: str, tmp_path: Path) -> None:
    data = (PO if name.endswith(".po") else XLIFF_FILES[name]).encode()
    doc = tmp_path / name
    doc.write_bytes(data)
    project = Project.create(doc, "dari", path=tmp_path / "p.tarjuman")
    assert all(s.target for s in project.segments())
    out = tmp_path / f"out{doc.suffix}"
    export(project, out)
    if name.endswith(".po"):
        before = [b.target for b in Po().load(data, name).blocks]
        assert [b.target for b in Po().load(out.read_bytes(), name).blocks] == before
    else:
        assert out.read_bytes() == data  # nothing changed: the file as it came


def test_fresh_xliff2_read_back_as_a_review_changes_nothing(tmp_path: Path) -> None:
    doc = tmp_path / "a.html"
    doc.write_text("<html><body><p><b>Bold</b> start.</p><p>Line<br/>  break.</p>"
                   "<p><i>All</i></p><p><b>One</b><i>two</i></p></body></html>", "utf-8")
    project = Project.create(doc, "dari", path=tmp_path / "a.tarjuman")
    segs = project.segments()
    for seg, text in zip(segs, ["⟨1⟩پررنگ⟨/1⟩ آغاز.", "خط⟨1/⟩  شکست.", "⟨1⟩همه⟨/1⟩",
                                "⟨1⟩یک⟨/1⟩⟨2⟩دو⟨/2⟩"], strict=True):
        project.set_target(seg.id, text)
    out = tmp_path / "a.xlf"
    export(project, out)
    data = out.read_bytes()
    for content in ('<target><pc id="1">پررنگ</pc> آغاز.</target>',
                    '<target>خط<ph id="1"/>  شکست.</target>',
                    '<source><pc id="1">All</pc></source>',  # starts with a code: not indented
                    '<target><pc id="1">یک</pc><pc id="2">دو</pc></target>'):
        assert content.encode() in data, content
    report = import_review(project, out)
    assert (report.segments, report.targets) == (4, 0)
