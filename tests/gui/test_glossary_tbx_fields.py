"""What a TBX file brings besides terms is in sight: the glossary dock's tooltips show the
subject, definition, part of speech and contexts, the finer status stays on the line, and
the concept editor edits definitions, part of speech and context."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.glossary import tbx
from desktop_app.core.glossary.editor import GlossaryEditor
from desktop_app.core.glossary.matcher import Hit
from desktop_app.core.glossary.store import Glossary
from desktop_app.core.session import TermHit
from desktop_app.gui.app import make_app
from desktop_app.gui.dialogs.concept_editor import CONTEXT, POS, ConceptEditor
from desktop_app.gui.widgets.panels import GlossaryPanel

DCT = """<?xml version="1.0" encoding="utf-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">
<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1"><min:subjectField>Astronomy</min:subjectField>
 <langSec xml:lang="en"><basic:definition>Stars formed together.</basic:definition>
  <termSec><term>open cluster</term><min:partOfSpeech>noun</min:partOfSpeech>
   <min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus>
   <basic:context>The open cluster shone.</basic:context></termSec></langSec>
 <langSec xml:lang="fa-AF">
  <termSec><term>خوشه باز</term><min:partOfSpeech>noun</min:partOfSpeech>
   <basic:context>خوشه باز درخشید.</basic:context></termSec>
  <termSec><term>خوشه کهکشانی</term>
   <min:administrativeStatus>supersededTerm-admn-sts</min:administrativeStatus></termSec>
 </langSec></conceptEntry></body></text></tbx>"""


def _stored(tmp_path: Path) -> tuple[Glossary, int]:
    glossary = Glossary(tmp_path / "g.sqlite")
    glossary.import_concepts(tbx.parse_bytes(DCT.encode()).concepts)
    return glossary, int(next(glossary.concepts()).id or 0)


def test_the_dock_shows_subject_definition_and_contexts(qtbot, tmp_path: Path) -> None:
    make_app()
    glossary, cid = _stored(tmp_path)
    concept = glossary.get(cid)
    source = concept.terms[0]
    hit = TermHit(Hit(0, 12, "open cluster", ("g", cid), source), ["خوشه باز"],
                  concept.terms_in("prs"), concept.note, concept)
    panel = GlossaryPanel()
    qtbot.addWidget(panel)
    panel.show_hits([hit])
    about = panel.item(0, 1).toolTip()
    for shown in ("Astronomy", "Stars formed together.", "noun", "The open cluster shone."):
        assert shown in about
    target = panel.item(0, 2)
    assert "forbidden (superseded)" in target.text()
    assert "خوشه باز درخشید." in target.toolTip()
    glossary.close()


def test_the_editor_edits_definitions_part_of_speech_and_context(qtbot, tmp_path: Path
                                                                 ) -> None:
    make_app()
    glossary, cid = _stored(tmp_path)
    concept = glossary.get(cid)
    editor = ConceptEditor(None, GlossaryEditor(glossary), concept)
    qtbot.addWidget(editor)
    assert editor.definitions["en"].text() == "Stars formed together."
    row = next(r for r, t in enumerate(concept.terms) if t.text == "خوشه کهکشانی")
    assert editor.statuses[row].currentText() == "forbidden (superseded)"
    assert editor.terms.item(0, CONTEXT).text() == "The open cluster shone."
    editor.definitions[""].setText("A group of stars.")
    editor.terms.item(0, POS).setText("noun phrase")
    editor.terms.item(0, CONTEXT).setText("Open clusters are young.")
    editor.save()
    saved = glossary.get(cid)
    assert saved.definitions == {"": "A group of stars.", "en": "Stars formed together."}
    assert (saved.terms[0].pos, saved.terms[0].context) == ("noun phrase",
                                                            "Open clusters are young.")
    superseded = next(t for t in saved.terms if t.text == "خوشه کهکشانی")
    assert (superseded.status, superseded.status_detail) == ("forbidden", "superseded")
    glossary.close()
