from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.glossary import csvio
from desktop_app.core.glossary.library import STARTER_FILES
from desktop_app.core.glossary.store import Glossary, GlossaryError
from desktop_app.core.resources import shipped


def test_wide_layout_with_variants_and_forbidden() -> None:
    text = ("en,fa-AF,fa-AF:forbidden,ps,domain,note\n"
            "Panjshir|Panjsher,پنجشیر,,پنجشیر,place,province\n"
            "municipality,شاروالی,شهرداری,,administration,\n")
    concepts = csvio.parse(text)
    assert [(t.lang, t.text, t.status) for t in concepts[0].terms] == [
        ("en", "Panjshir", "preferred"), ("en", "Panjsher", "admitted"),
        ("prs", "پنجشیر", "preferred"), ("ps", "پنجشیر", "preferred")]
    assert concepts[1].terms_in("prs", "forbidden")[0].text == "شهرداری"


def test_long_layout_round_trip_is_lossless(tmp_path: Path) -> None:
    g = Glossary(tmp_path / "g.sqlite")
    g.add_concepts(csvio.read(shipped("glossaries", "afghanistan-politics.csv"))[:20])
    first = list(g.concepts())
    first[0].terms[0].note = "line one\nline two, with comma"
    first[0].terms[0].case_sensitive = True
    out = tmp_path / "out.tsv"
    csvio.write(out, first)
    again = csvio.read(out)

    def facts(cs):
        return [(c.domain, c.note, [(t.lang, t.text, t.status, t.pos, t.note,
                                     t.case_sensitive, t.dnt) for t in c.terms]) for c in cs]

    assert facts(again) == facts(first)


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"),
    ("name,comment\nfoo,bar\n", "line 1: no language column"),
    ("en,fa-AF,colour\nx,y,z\n", "unknown column"),
    ("en,fa-AF\nKabul,کابل\n,\na,b,c,d\n", "line 4: 4 fields"),
    ("lang,term,status\nen,Kabul,preferred\nen,Herat,banned\n", "line 3: unknown status"),
])
def test_bad_csv_names_the_line(text: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        csvio.parse(text)


def test_import_is_all_or_nothing(tmp_path: Path) -> None:
    g = Glossary(tmp_path / "g.sqlite")
    concepts = csvio.parse("en,fa-AF\nKabul,کابل\nHerat,هرات\n")
    concepts[1].terms[0].status = "bogus"
    with pytest.raises(GlossaryError):
        g.add_concepts(concepts)
    assert g.count() == 0


def test_starter_glossary_is_large_enough() -> None:
    politics = csvio.read(shipped("glossaries", STARTER_FILES[0]))
    assert len(politics) >= 120
    assert all(c.preferred("prs") and c.preferred("ps") and c.note for c in politics)
    iranian = csvio.read(shipped("glossaries", STARTER_FILES[1]))
    assert sum(1 for c in iranian if c.terms_in("prs", "forbidden")) >= 40
