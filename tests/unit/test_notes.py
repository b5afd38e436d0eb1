"""The client's notes and length limits: read from real files by each importer, kept in
the project, returned per segment split into unit- and file-level, shown by the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from desktop_app.core.documents.base import strip_tags
from desktop_app.core.notes import notes_of, segment_notes
from desktop_app.core.project import Project
from desktop_app.core.settings import Settings

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="site.html" source-language="en" target-language="fa-AF" datatype="html">
  <header><note from="agency">Formal register throughout. Do not translate brand names.</note>
  </header>
  <body>
   <group id="g1"><note>Home page</note>
    <trans-unit id="t1" resname="hero.title" maxwidth="60" size-unit="char">
     <source>Welcome to our shop</source>
     <note from="client">Headline, max 60 characters</note>
    </trans-unit>
   </group>
   <trans-unit id="t2" maxwidth="300">
    <source>Write to info@example.com</source>
    <note>Do not translate the e-mail address</note>
   </trans-unit>
   <trans-unit id="t3"><source>Plain text</source></trans-unit>
  </body>
 </file>
</xliff>
"""

XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"
       xmlns:its="http://www.w3.org/2005/11/its"
       xmlns:slr="urn:oasis:names:tc:xliff:sizerestriction:2.0"
       srcLang="en" trgLang="ps">
 <file id="f1">
  <notes><note category="style">Use the Pashto of Kandahar</note></notes>
  <unit id="u1" name="button.ok" its:storageSize="10">
   <notes><note category="ui">Button label</note></notes>
   <segment><source>Save</source></segment>
  </unit>
  <unit id="u2" slr:sizeRestriction="25">
   <segment><source>Cancel the order</source></segment>
  </unit>
 </file>
</xliff>
"""

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

#. Shown on the login screen
# Keep it short
#: login.py:12
msgctxt "verb"
msgid "Open"
msgstr ""

msgid "Close"
msgstr ""
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
Hello there.

7
00:00:04,000 --> 00:00:06,500
Second line of the film
with two lines.
"""


def _project(tmp_path: Path, name: str, content: str | bytes, lang: str = "prs") -> Project:
    doc = tmp_path / name
    if isinstance(content, str):
        doc.write_text(content, encoding="utf-8")
    else:
        doc.write_bytes(content)
    return Project.create(doc, lang, path=tmp_path / f"{name}.tarjuman")


def _by_source(project: Project) -> dict[str, int]:
    return {strip_tags(s.source).strip(): s.id for s in project.segments()}


def test_xliff12_unit_file_group_notes_resname_and_char_limit(tmp_path: Path) -> None:
    with _project(tmp_path, "site.xlf", XLIFF12) as project:
        ids = _by_source(project)
        found = segment_notes(project, ids["Welcome to our shop"], target="خوش آمدید")
        assert [(n.kind, n.text, n.source) for n in found.unit] == [
            ("resname", "hero.title", ""), ("note", "Headline, max 60 characters", "client")]
        assert [(n.text, n.source) for n in found.file] == [
            ("Formal register throughout. Do not translate brand names.", "agency"),
            ("Home page", "")]
        (limit,) = found.limits
        assert (limit.code, limit.limit, limit.used, limit.over) == ("length", 60, 9, False)
        assert _plain(limit.message()) == "max 60 characters: 9 used"
        # as the translator types past the limit
        assert segment_notes(project, ids["Welcome to our shop"], target="x" * 61).limits[0].over
        # maxwidth without size-unit="char" is in pixels: no limit a translator can count
        mail = segment_notes(project, ids["Write to info@example.com"])
        assert [n.text for n in mail.unit] == ["Do not translate the e-mail address"]
        assert [n.text for n in mail.file] == [
            "Formal register throughout. Do not translate brand names."]
        assert mail.limits == []
        plain = segment_notes(project, ids["Plain text"])
        assert plain.unit == [] and plain.limits == [] and len(plain.file) == 1
    # kept in the project: the same after reopening
    with Project.open(tmp_path / "site.xlf.tarjuman") as project:
        again = segment_notes(project, _by_source(project)["Welcome to our shop"])
        assert again.unit[1].text == "Headline, max 60 characters"


def test_xliff20_notes_categories_and_storage_limits(tmp_path: Path) -> None:
    with _project(tmp_path, "app.xlf", XLIFF20, "ps") as project:
        ids = _by_source(project)
        save = segment_notes(project, ids["Save"], target="ساتل")
        assert [(n.kind, n.text, n.source) for n in save.unit] == [
            ("resname", "button.ok", ""), ("note", "Button label", "ui")]
        assert [(n.text, n.source) for n in save.file] == [("Use the Pashto of Kandahar",
                                                            "style")]
        (limit,) = save.limits
        # its:storageSize counts UTF-8 bytes: four Arabic letters are eight
        assert (limit.unit, limit.limit, limit.used, limit.over) == ("byte", 10, 8, False)
        assert segment_notes(project, ids["Save"], target="خوندي کول").limits[0].over
        cancel = segment_notes(project, ids["Cancel the order"], target="امر لغوه کړئ")
        assert (cancel.limits[0].unit, cancel.limits[0].limit, cancel.limits[0].used) == (
            "char", 25, 12)


def test_po_extracted_translator_comments_and_msgctxt(tmp_path: Path) -> None:
    with _project(tmp_path, "app.po", PO) as project:
        ids = _by_source(project)
        found = segment_notes(project, ids["Open"])
        assert [(n.kind, n.text) for n in found.unit] == [
            ("extracted", "Shown on the login screen"), ("translator", "Keep it short"),
            ("context", "verb")]
        assert found.file == []
        assert not segment_notes(project, ids["Close"])


def test_docx_comment_anchored_to_its_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("The first paragraph has no comment.")
    commented = document.add_paragraph("The budget grew by 12 percent.")
    document.add_comment(commented.runs, text="Check this figure with the client.",
                         author="Editor")
    out = tmp_path / "article.docx"
    document.save(str(out))
    with Project.create(out, "prs", path=tmp_path / "a.tarjuman") as project:
        ids = _by_source(project)
        found = segment_notes(project, ids["The budget grew by 12 percent."])
        assert [(n.kind, n.text, n.source) for n in found.unit] == [
            ("comment", "Check this figure with the client.", "Editor")]
        assert found.unit[0].label() == "Word comment from \u2068Editor\u2069"
        assert not segment_notes(project, ids["The first paragraph has no comment."])


def test_srt_cue_note_line_length_and_reading_speed(tmp_path: Path) -> None:
    settings = Settings(subtitle_line=20, subtitle_cps=10.0)
    with _project(tmp_path, "film.srt", SRT) as project:
        segs = project.segments()
        first = segment_notes(project, segs[0].id, target="سلام.", settings=settings)
        assert [(n.kind, n.text) for n in first.unit] == [
            ("cue", "1  00:00:01,000 --> 00:00:03,000")]
        line, speed = first.limits
        assert (line.code, line.limit, line.used) == ("line", 20, 5)
        assert (speed.code, speed.limit, speed.used, speed.seconds) == ("speed", 10.0, 2.5, 2.0)
        second = [s for s in segs if s.block_id == "C1"]
        assert segment_notes(project, second[0].id).unit[0].text.startswith("7  00:00:04")
        long = segment_notes(project, second[0].id, target="x" * 30, settings=settings)
        assert long.limits[0].over and long.limits[1].over
        assert _plain(long.limits[1].message()) == (
            "max 10 characters per second: 12 (2.5 s on screen)")


def test_notes_of_ignores_damaged_meta() -> None:
    found = notes_of({"notes": ["bad", {"text": ""}, {"text": "ok", "level": "file"}],
                      "limit": {"max": "60"}}, "abc")
    assert [n.text for n in found.file] == ["ok"] and found.unit == [] and found.limits == []


def test_cli_segments_json_has_the_notes(tmp_path: Path, cli) -> None:
    doc = tmp_path / "site.xlf"
    doc.write_text(XLIFF12, encoding="utf-8")
    proj = tmp_path / "site.tarjuman"
    r = cli("project", "new", str(doc), "--to", "dari", "-o", str(proj))
    assert r.returncode == 0, r.stderr
    r = cli("project", "segments", str(proj), "--json")
    assert r.returncode == 0, r.stderr
    segs = {s["source"]: s for s in json.loads(r.stdout)}
    hero = segs["Welcome to our shop"]["notes"]
    assert hero["unit"][1] == {"kind": "note", "text": "Headline, max 60 characters",
                               "from": "client"}
    assert hero["file"][1]["text"] == "Home page"
    assert hero["limits"] == [{"code": "length", "limit": 60, "used": 0, "unit": "char",
                               "over": False}]
    assert "notes" in segs["Plain text"]  # the file's notes reach every unit


def _plain(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")


def test_qa_length_limit_in_the_session_and_the_cli(tmp_path: Path, cli) -> None:
    from desktop_app.core import qa_length
    from desktop_app.core.session import EditSession

    doc = tmp_path / "site.xlf"
    doc.write_text(XLIFF12, encoding="utf-8")
    proj = tmp_path / "site.tarjuman"
    Project.create(doc, "prs", path=proj).close()
    session = EditSession.open(proj)
    try:
        row = next(r for r, s in enumerate(session.segments)
                   if s.source == "Welcome to our shop")
        session.edit(row, "خوش آمدید")
        assert not any(f.code == qa_length.LENGTH_LIMIT for f in session.findings.get(row, []))
        session.edit(row, "به فروشگاه ما خوش آمدید، " * 3)
        (found,) = [f for f in session.findings[row] if f.code == qa_length.LENGTH_LIMIT]
        assert _plain(found.message) == "over the length limit: max 60 characters: 75 used"
    finally:
        session.close()
    r = cli("qa", str(proj), "--json")
    assert r.returncode == 0, r.stderr
    codes = [(f["segment_id"], f["code"]) for f in json.loads(r.stdout)]
    assert codes.count((session.segments[row].id, "length-limit")) == 1
    r = cli("qa", str(proj), "--json", "--disable", "length-limit")
    assert r.returncode == 0, r.stderr
    assert "length-limit" not in r.stdout


def test_qa_length_limit_subtitles_per_line_and_speed(tmp_path: Path) -> None:
    from desktop_app.core import qa_length

    with _project(tmp_path, "film.srt", SRT) as project:
        for seg in project.segments():
            project.set_target(seg.id, "سلام" if seg.block_id == "C0" else "ب" * 50)
        segs = project.segments()
        found = qa_length.check(segs, project.block_meta(),
                                settings=Settings(subtitle_line=42, subtitle_cps=17.0))
    assert {segs[f.segment].block_id for f in found} == {"C1"}
    assert all("characters per line" in f.message and "characters per second" in f.message
               for f in found)
