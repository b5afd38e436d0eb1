"""Bilingual files made for another language: refused, or retargeted and relabelled
throughout; targets in another script or language are reference, never Dari; only
XLIFF-namespace units are units. Small files written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from desktop_app.core.documents.base import DocumentError
from desktop_app.core.documents.xliff import Xliff
from desktop_app.core.documents.xliff_states import SDL_NS
from desktop_app.core.exports import export
from desktop_app.core.project import Project
from desktop_app.core.segments import Status
from desktop_app.core.tm import TranslationMemory

X1 = "{urn:oasis:names:tc:xliff:document:1.2}"
X2 = "{urn:oasis:names:tc:xliff:document:2.0}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def xliff12(lang: str = "fr-FR", approved: str = "yes") -> bytes:
    attr = f' target-language="{lang}"' if lang else ""
    tl = lang or "fr-FR"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="en-US"{attr} datatype="plaintext">
  <body>
   <trans-unit id="1" approved="{approved}"><source>The valley is quiet.</source>
    <target xml:lang="{tl}" state="final">La vallée est calme.</target></trans-unit>
   <trans-unit id="2"><source>Aid arrived.</source>
    <target xml:lang="{tl}" state="translated">L'aide est arrivée.</target></trans-unit>
  </body>
 </file>
</xliff>
""".encode()


SDL = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff xmlns:sdl="{SDL_NS}" xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">
 <file original="a.docx" source-language="en-US" datatype="x-sdlfilterframework2"
       target-language="fr-FR">
  <body>
   <trans-unit id="u1">
    <source>Aid arrived.</source>
    <seg-source><mrk mtype="seg" mid="1">Aid arrived.</mrk></seg-source>
    <target><mrk mtype="seg" mid="1">L'aide est arrivée.</mrk></target>
    <sdl:seg-defs><sdl:seg id="1" conf="Translated" origin="tm" origin-system="Main TM"
      percent="99" text-match="SourceAndTarget"><sdl:prev-origin origin="source"/>
      <sdl:value key="created_by">someone</sdl:value></sdl:seg></sdl:seg-defs>
   </trans-unit>
   <trans-unit id="u2">
    <source>The valley is quiet.</source>
    <seg-source><mrk mtype="seg" mid="2">The valley is quiet.</mrk></seg-source>
    <target><mrk mtype="seg" mid="2">La vallée est calme.</mrk></target>
    <sdl:seg-defs><sdl:seg id="2" conf="Translated" origin="tm" percent="99"/></sdl:seg-defs>
   </trans-unit>
  </body>
 </file>
</xliff>
""".encode()

V2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">
 <file id="f1">
  <unit id="u1">
   <segment state="final"><source>One.</source><target xml:lang="de">Eins.</target></segment>
   <segment><source>Two.</source></segment>
  </unit>
 </file>
</xliff>
"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_file_for_another_language_is_refused_with_a_sentence(tmp_path: Path) -> None:
    doc = write(tmp_path, "a.xlf", xliff12("fr-FR"))
    with pytest.raises(DocumentError) as err:
        Project.create(doc, "dari", path=tmp_path / "a.tarjuman")
    message = str(err.value)
    assert "French (fr-FR)" in message and "--retarget" in message and "Dari" in message
    assert not (tmp_path / "a.tarjuman").exists()
    # the same language in another regional form is not another language
    Project.create(write(tmp_path, "b.xlf", xliff12("fa-IR").replace(
        "La vallée est calme.".encode(), "دره آرام است.".encode()).replace(
        "L'aide est arrivée.".encode(), "کمک رسید.".encode())), "dari",
        path=tmp_path / "b.tarjuman").close()


def test_retarget_relabels_the_file_and_every_target(tmp_path: Path) -> None:
    doc = write(tmp_path, "a.xlf", xliff12("fr-FR"))
    project = Project.create(doc, "dari", path=tmp_path / "a.tarjuman", retarget=True)
    segs = project.segments()
    # French approved targets: reference text, not confirmed, not MT, not in the TM
    assert [(s.status, s.target) for s in segs] == [(Status.NEW, "")] * 2
    assert [b.meta["reference"] for b in project.blocks()] == [
        "La vallée est calme.", "L'aide est arrivée."]
    assert project.foreign_targets() == ("fr-FR", 2)
    with TranslationMemory() as tm:
        assert not tm.exact("The valley is quiet.", "en", "prs")
    project.set_target(segs[0].id, "دره آرام است.")
    out = tmp_path / "out.xlf"
    export(project, out)
    root = etree.fromstring(out.read_bytes())
    assert root.find(f".//{X1}file").get("target-language") == "fa-AF"
    targets = list(root.iter(f"{X1}target"))
    assert [t.get(LANG) for t in targets] == ["fa-AF", "fa-AF"]
    # nothing French is left under the Dari label: the untranslated unit is emptied
    assert [t.text or "" for t in targets] == ["دره آرام است.", ""]
    assert targets[1].get("state") == "needs-translation"
    units = list(root.iter(f"{X1}trans-unit"))
    assert units[0].get("approved") == "no"  # edited, not confirmed


def test_retarget_xliff2_and_a_file_with_no_target_language(tmp_path: Path) -> None:
    doc = write(tmp_path, "v2.xlf", V2)
    with pytest.raises(DocumentError, match="German"):
        Project.create(doc, "pashto", path=tmp_path / "v2.tarjuman")
    project = Project.create(doc, "pashto", path=tmp_path / "v2.tarjuman", retarget=True)
    project.set_target(project.segments()[1].id, "دوه.")
    out = tmp_path / "out.xlf"
    export(project, out)
    root = etree.fromstring(out.read_bytes())
    assert root.get("trgLang") == "ps"
    targets = list(root.iter(f"{X2}target"))
    assert [(t.text or "", t.get(LANG)) for t in targets] == [("", "ps"), ("دوه.", None)]
    # no target language at all: fine, Tarjuman sets it; Latin targets stay reference
    doc = write(tmp_path, "none.xlf", xliff12(""))
    project = Project.create(doc, "dari", path=tmp_path / "none.tarjuman")
    assert [s.status for s in project.segments()] == [Status.NEW] * 2
    assert project.foreign_targets() == ("", 2)


def test_sdlxliff_segment_definitions_say_what_happened(tmp_path: Path) -> None:
    doc = write(tmp_path, "a.sdlxliff", SDL)
    project = Project.create(doc, "dari", path=tmp_path / "a.tarjuman", retarget=True)
    first, second = project.segments()
    project.confirm(first.id, "کمک رسید.")
    project.apply_machine([(second.id, "دره آرام است.", "mt:nllb")], overwrite=True)
    out = tmp_path / "out.sdlxliff"
    export(project, out)
    root = etree.fromstring(out.read_bytes())
    assert root.find(f".//{X1}file").get("target-language") == "fa-AF"
    seg1, seg2 = root.iter(f"{{{SDL_NS}}}seg")
    assert dict(seg1.attrib) == {"id": "1", "conf": "ApprovedTranslation",
                                 "origin": "interactive"}
    prev = seg1[0]
    assert prev.tag == f"{{{SDL_NS}}}prev-origin"
    assert (prev.get("origin"), prev.get("percent"), prev.get("text-match")) == (
        "tm", "99", "SourceAndTarget")
    assert prev[0].get("origin") == "source"  # the older history, nested as Trados does
    assert seg1.find(f"{{{SDL_NS}}}value").text == "someone"
    assert (seg2.get("conf"), seg2.get("origin"), seg2.get("percent")) == (
        "Draft", "mt", None)
    marks = ["".join(m.itertext()) for m in root.iter(f"{X1}mrk")
             if m.getparent().tag == f"{X1}target"]
    assert marks == ["کمک رسید.", "دره آرام است."]


def test_po_without_language_and_latin_targets_is_reference(tmp_path: Path) -> None:
    doc = write(tmp_path, "af.po", b'msgid ""\nmsgstr ""\n'
                b'"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                b'msgid "Kabul"\nmsgstr "Kaboel"\n\nmsgid "The valley."\nmsgstr "Die vallei."\n'
                b'\nmsgid "Aid."\nmsgstr "\xda\xa9\xd9\x85\xda\xa9."\n')
    project = Project.create(doc, "dari", path=tmp_path / "af.tarjuman")
    segs = project.segments()
    assert [(s.status, s.target) for s in segs] == [
        (Status.NEW, ""), (Status.NEW, ""), (Status.MT, "کمک.")]
    assert [b.meta.get("reference") for b in project.blocks()] == [
        "Kaboel", "Die vallei.", None]
    assert project.foreign_targets() == ("", 2)
    # a PO whose Language is French is a file for another language
    doc = write(tmp_path, "fr.po", b'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
                b'msgid "Kabul"\nmsgstr "Kaboul"\n')
    with pytest.raises(DocumentError, match="French"):
        Project.create(doc, "dari", path=tmp_path / "fr.tarjuman")


EVIL = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:z="urn:evil">
 <file original="a.txt" source-language="en" target-language="fa-AF" datatype="plaintext">
  <body>
   <trans-unit id="1"><source>Real unit.</source></trans-unit>
   <z:trans-unit id="2"><z:source>Evil unit.</z:source></z:trans-unit>
   <group xmlns="urn:other"><trans-unit id="3"><source>Other unit.</source></trans-unit></group>
   <z:group><trans-unit id="4" xmlns="urn:oasis:names:tc:xliff:document:1.2">
     <source>Hidden unit.</source></trans-unit></z:group>
  </body>
 </file>
</xliff>
"""


def test_only_xliff_namespace_units_are_units() -> None:
    blocks = Xliff().load(EVIL, "evil.xlf").blocks
    assert [(b.id, b.text) for b in blocks] == [("1", "Real unit.")]
    out = Xliff().save(EVIL, "evil.xlf", {"1": "واحد."}, "dari")
    root = etree.fromstring(out)
    for el in root.iter():
        if etree.QName(el).namespace in ("urn:evil", "urn:other") or el.getparent() is not None \
                and etree.QName(el.getparent()).namespace == "urn:evil":
            assert etree.QName(el).localname != "target" and "approved" not in el.attrib
    assert [t.text for t in root.iter(f"{X1}target")] == ["واحد."]
    assert out.count(b"target") == 3  # the file's target-language, <target> and </target>


def test_a_file_for_another_language_with_no_translations_is_relabelled(
        tmp_path: Path) -> None:
    doc = write(tmp_path, "empty.xlf", V2.replace(b'<target xml:lang="de">Eins.</target>', b""))
    project = Project.create(doc, "dari", path=tmp_path / "empty.tarjuman")  # no --retarget
    assert project.foreign_targets() is None
    for seg, text in zip(project.segments(), ["یک.", "دو."], strict=True):
        project.set_target(seg.id, text)
    out = tmp_path / "out.xlf"
    export(project, out)
    root = etree.fromstring(out.read_bytes())
    assert root.get("trgLang") == "fa-AF"
    assert [t.text for t in root.iter(f"{X2}target")] == ["یک.", "دو."]
