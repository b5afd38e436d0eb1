"""TBX v3 (DCA and DCT) and TBX 2: every status, definition, context, part of speech and
subject field is read, kept in the glossary and written back; an unknown status refuses
the file with a sentence."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from lxml import etree

from desktop_app.core.glossary import tbx
from desktop_app.core.glossary.qa import FORBIDDEN, GlossaryQA
from desktop_app.core.glossary.store import MIGRATIONS, Concept, Glossary, GlossaryError, Term

STATUSES = {  # TBX value -> (glossary status, finer status)
    "preferredTerm-admn-sts": ("preferred", ""),
    "admittedTerm-admn-sts": ("admitted", ""),
    "deprecatedTerm-admn-sts": ("forbidden", "deprecated"),
    "supersededTerm-admn-sts": ("forbidden", "superseded"),
}
TERMS = ["open cluster", "star cluster", "galactic cluster", "stellar swarm"]


def dca(statuses: list[str] = list(STATUSES)) -> bytes:  # noqa: B006
    secs = "".join(
        f"""<termSec><term>{text}</term>
              <termNote type="partOfSpeech">noun</termNote>
              <termNote type="administrativeStatus">{status}</termNote>
              <descripGrp><descrip type="context">The {text} shone.</descrip>
                <admin type="source">Oxford</admin></descripGrp>
              <note>about {text}</note></termSec>"""
        for text, status in zip(TERMS, statuses, strict=False))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1">
  <descrip type="subjectField">Astronomy</descrip>
  <descrip type="definition">Stars that formed together.</descrip>
  <note>concept note</note>
  <langSec xml:lang="en">
    <descripGrp><descrip type="definition">A group of stars formed together.</descrip>
    </descripGrp>
    {secs}
  </langSec>
  <langSec xml:lang="fa-AF"><termSec><term>خوشه باز</term>
    <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
  </langSec>
</conceptEntry></body></text></tbx>""".encode()


def dct(statuses: list[str] = list(STATUSES)) -> bytes:  # noqa: B006
    secs = "".join(
        f"""<termSec><term>{text}</term>
              <min:partOfSpeech>noun</min:partOfSpeech>
              <min:administrativeStatus>{status}</min:administrativeStatus>
              <descripGrp><basic:context>The {text} shone.</basic:context>
                <basic:source>Oxford</basic:source></descripGrp>
              <note>about {text}</note></termSec>"""
        for text, status in zip(TERMS, statuses, strict=False))
    return f"""<?xml version="1.0" encoding="utf-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">
<tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1">
  <min:subjectField>Astronomy</min:subjectField>
  <basic:definition>Stars that formed together.</basic:definition>
  <note>concept note</note>
  <langSec xml:lang="en">
    <descripGrp><basic:definition>A group of stars formed together.</basic:definition>
    </descripGrp>
    {secs}
  </langSec>
  <langSec xml:lang="fa-AF"><termSec><term>خوشه باز</term>
    <min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus></termSec>
  </langSec>
</conceptEntry></body></text></tbx>""".encode()


def martif(field: str, value: str) -> bytes:
    return f"""<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body><termEntry id="e1">
<langSet xml:lang="en"><tig><term>Kabul</term>
<termNote type="{field}">{value}</termNote></tig></langSet>
</termEntry></body></text></martif>""".encode()


def facts(doc: tbx.TbxDocument | list[Concept]) -> list[object]:
    concepts = doc.concepts if isinstance(doc, tbx.TbxDocument) else doc
    return [(c.ext_id, c.domain, c.note, sorted(c.definitions.items()),
             [(t.lang, t.text, t.status, t.status_detail, t.pos, t.context, t.note)
              for t in c.terms]) for c in concepts]


@pytest.mark.parametrize("make", [dca, dct], ids=["dca", "dct"])
def test_every_status_and_field_is_read(make) -> None:  # type: ignore[no-untyped-def]
    concept = tbx.parse_bytes(make()).concepts[0]
    english = [t for t in concept.terms if t.lang == "en"]
    assert [(t.status, t.status_detail) for t in english] == list(STATUSES.values())
    assert concept.domain == "Astronomy"
    assert concept.definitions == {"": "Stars that formed together.",
                                   "en": "A group of stars formed together."}
    assert concept.definition("en") == "A group of stars formed together."
    assert concept.definition("prs") == "Stars that formed together."  # the concept's own
    assert concept.note == "concept note"
    assert [t.pos for t in english] == ["noun"] * 4
    assert [t.context for t in english] == [f"The {t} shone." for t in TERMS]
    assert [t.note for t in english] == [f"about {t}" for t in TERMS]
    assert [t.lang for t in concept.terms][-1] == "prs"


def test_dca_and_dct_read_alike() -> None:
    assert facts(tbx.parse_bytes(dca())) == facts(tbx.parse_bytes(dct()))


@pytest.mark.parametrize("field", ["administrativeStatus", "normativeAuthorization"])
@pytest.mark.parametrize(("value", "expected"), [
    ("preferredTerm-admn-sts", ("preferred", "")), ("admittedTerm-admn-sts", ("admitted", "")),
    ("deprecatedTerm-admn-sts", ("forbidden", "deprecated")),
    ("supersededTerm-admn-sts", ("forbidden", "superseded")),
    ("deprecatedTerm", ("forbidden", "deprecated")), ("superseded", ("forbidden", "superseded")),
    ("Preferred Term", ("preferred", "")),
    ("standardizedTerm-admn-sts", ("preferred", "standardized")),
])
def test_tbx2_statuses_map_alike(field: str, value: str, expected: tuple[str, str]) -> None:
    term = tbx.parse_bytes(martif(field, value)).concepts[0].terms[0]
    assert (term.status, term.status_detail) == expected


@pytest.mark.parametrize("make", [dca, dct], ids=["dca", "dct"])
@pytest.mark.parametrize("status", ["obsoleteTerm-admn-sts", "", "preferred-ish"])
def test_an_unknown_status_is_refused_naming_it_and_the_concept(make, status: str
                                                                ) -> None:  # type: ignore[no-untyped-def]
    data = make(["preferredTerm-admn-sts", status])
    with pytest.raises(GlossaryError) as caught:
        tbx.parse_bytes(data, "astro.tbx")
    message = str(caught.value)
    assert f"\u201c{status}\u201d" in message and "concept c1" in message
    assert "star cluster" in message and "astro.tbx" in message and "\n" not in message


def test_a_concept_without_id_is_named_by_its_place() -> None:
    data = martif("administrativeStatus", "bogus").replace(b' id="e1"', b"")
    with pytest.raises(GlossaryError, match="concept 1 "):
        tbx.parse_bytes(data)


def test_a_term_without_status_stays_preferred_and_two_disagreeing_take_the_stricter() -> None:
    plain = tbx.parse_bytes(martif("partOfSpeech", "noun")).concepts[0].terms[0]
    assert (plain.status, plain.pos) == ("preferred", "noun")
    both = martif("normativeAuthorization", "preferredTerm").replace(
        b"</tig>", b'<termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>'
                   b"</tig>")
    term = tbx.parse_bytes(both).concepts[0].terms[0]
    assert (term.status, term.status_detail) == ("forbidden", "superseded")


@pytest.mark.parametrize("make", [dca, dct], ids=["dca", "dct"])
def test_round_trip_through_the_glossary_and_export(make, tmp_path: Path  # type: ignore[no-untyped-def]
                                                    ) -> None:
    doc = tbx.parse_bytes(make())
    with Glossary(tmp_path / "g.sqlite") as g:
        g.import_concepts(doc.concepts)
    with Glossary(tmp_path / "g.sqlite") as g:  # reopened: read from the file
        stored = list(g.concepts())
    assert facts(stored) == facts(doc)
    out = tbx.to_bytes(stored)
    assert facts(tbx.parse_bytes(out)) == facts(doc)
    root = etree.fromstring(out)
    ns = {"t": tbx.TBX3_NS}
    written = [el.text for el in root.iterfind(".//t:termNote[@type='administrativeStatus']",
                                               ns)]
    assert written == [*STATUSES, "preferredTerm-admn-sts"]
    assert [el.text for el in root.iterfind(".//t:descrip[@type='definition']", ns)] == [
        "Stars that formed together.", "A group of stars formed together."]
    assert len(root.findall(".//t:descrip[@type='context']", ns)) == 4
    assert root.find(".//t:descrip[@type='subjectField']", ns).text == "Astronomy"


def test_a_superseded_target_term_is_flagged_as_forbidden_not_enforced() -> None:
    data = dct().replace(b"</termSec>\n  </langSec>\n</conceptEntry>", (
        "</termSec><termSec><term>خوشه کهکشانی</term><min:administrativeStatus>"
        "supersededTerm-admn-sts</min:administrativeStatus></termSec>\n  </langSec>\n"
        "</conceptEntry>").encode())
    concepts = tbx.parse_bytes(data).concepts
    concepts[0].id, concepts[0].glossary = 1, "g"
    assert [t.text for t in concepts[0].terms_in("prs", "preferred", "admitted")] == [
        "خوشه باز"]
    qa = GlossaryQA(concepts, "en", "prs")
    findings = qa.check([("The open cluster is bright.", "خوشه کهکشانی روشن است."),
                         ("The open cluster is bright.", "خوشه باز روشن است.")])
    assert [(f.code, f.segment, f.suggestion) for f in findings] == [
        (FORBIDDEN, 0, "خوشه باز")]


def test_changing_a_status_drops_a_finer_status_that_no_longer_fits(tmp_path: Path) -> None:
    with Glossary(tmp_path / "g.sqlite") as g:
        c = g.add_concept(Concept([Term("en", "galactic cluster", status="forbidden",
                                        status_detail="superseded", context="A context.")],
                                  definitions={"en": "A definition."}))
        term = c.terms[0]
        assert (term.status_detail, term.context) == ("superseded", "A context.")
        assert g.update_term(term.id or 0, status="preferred").status_detail == ""
        assert g.update_term(term.id or 0, status="forbidden",
                             status_detail="deprecated").status_detail == "deprecated"
        g.update_concept(c.id or 0, definitions={"": "Whole.", "dari": "تعریف"})
        assert g.get(c.id or 0).definitions == {"": "Whole.", "prs": "تعریف"}


def test_long_definitions_and_contexts_are_refused(tmp_path: Path) -> None:
    with Glossary(tmp_path / "g.sqlite") as g:
        with pytest.raises(GlossaryError, match="context"):
            g.add_concept(Concept([Term("en", "x", context="y" * 30_000)]))
        with pytest.raises(GlossaryError, match="definition"):
            g.add_concept(Concept([Term("en", "x")], definitions={"en": "y" * 30_000}))
        assert g.count() == 0


def test_a_glossary_of_the_previous_schema_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite_utils.Database(path)
    for step in MIGRATIONS[:2]:
        step(db)
    db.execute("PRAGMA user_version=2")
    db.execute("INSERT INTO concepts (domain, note, ext_id, note_norm) VALUES "
               "('place', '', '', '')")
    db.execute("INSERT INTO terms (concept_id, lang, text, status, pos, note, case_sensitive, "
               "dnt, norm, note_norm) VALUES (1, 'en', 'Kabul', 'preferred', '', '', 0, 0, "
               "'kabul', '')")
    db.conn.commit()
    db.close()
    with Glossary(path) as g:
        concept = next(g.concepts())
        assert (concept.definitions, concept.terms[0].context) == ({}, "")
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 3
