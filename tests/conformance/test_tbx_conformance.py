"""Every TBX in the conformance set is read with the facts a correct importer recovers."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from desktop_app.core.glossary import tbx
from desktop_app.core.glossary.store import Glossary, GlossaryError, lang_code
from tests.conformance.conftest import conformance_dir

FILES = sorted(p.relative_to(conformance_dir()).as_posix()
               for p in (conformance_dir() / "tbx").glob("*.tbx"))


def test_the_set_is_all_there(expected: dict) -> None:
    assert sorted(k for k in expected["valid"] if k.startswith("tbx/")) == FILES


@pytest.mark.parametrize("name", FILES)
def test_tbx_facts(name: str, conformance: Path, expected: dict) -> None:
    facts = expected["valid"][name]
    doc = tbx.read(conformance / name)
    assert len(doc.concepts) == facts["concept_count"]
    assert doc.langset_count == facts["langset_count"]
    assert doc.term_count == facts["term_count"]
    per_lang = Counter(t.lang for c in doc.concepts for t in c.terms)
    assert per_lang == Counter({lang_code(k): v for k, v in facts["terms_per_language"].items()})
    sample = facts["sample"]
    concept = next(c for c in doc.concepts if c.ext_id == sample["concept_id"])
    for lang, terms in sample["all_terms"].items():
        assert [t.text for t in concept.terms if t.lang == lang_code(lang)] == terms


@pytest.mark.parametrize("name", FILES)
def test_tbx_round_trips_through_store_and_export(name: str, conformance: Path,
                                                  tmp_path: Path) -> None:
    doc = tbx.read(conformance / name)
    glossary = Glossary(tmp_path / "g.sqlite")
    glossary.add_concepts(doc.concepts)
    out = tmp_path / "out.tbx"
    tbx.write(out, list(glossary.concepts()), doc.source_language or "en")
    again = tbx.read(out)

    def facts(d: tbx.TbxDocument) -> list:
        return [(c.ext_id, c.domain, c.note,
                 [(t.lang, t.text, t.status, t.pos, t.note) for t in c.terms])
                for c in d.concepts]

    assert facts(again) == facts(doc)


@pytest.mark.parametrize("name", ["INVALID_okapi_xliff12_mismatched-tag.xlf",
                                  "INVALID_omegat_xliff_control-char-U+0008.xlf",
                                  "INVALID_okapi_xliff12_bad-utf8-bytes.xlf"])
def test_broken_xml_is_refused_as_tbx(name: str, conformance: Path) -> None:
    with pytest.raises(GlossaryError):
        tbx.read(conformance / "invalid" / name)


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>
<martif type="TBX"><text><body><termEntry id="1"><langSet xml:lang="en">
<tig><term>&lol2;</term></tig></langSet></termEntry></body></text></martif>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<martif type="TBX"><text><body><termEntry id="1"><langSet xml:lang="en">
<tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>"""


@pytest.mark.parametrize("payload", [BOMB, XXE, BOMB.decode().encode("utf-16")])
def test_entity_payloads_are_refused(payload: bytes) -> None:
    with pytest.raises(GlossaryError, match="entity"):
        tbx.parse_bytes(payload)


def test_expected_json_is_valid_json(conformance: Path) -> None:
    json.loads((conformance / "expected.json").read_text("utf-8"))
