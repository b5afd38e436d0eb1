"""Translating a few lines reads only the glossary terms they can use (through the
index), and finds exactly what reading the whole glossary would find."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.glossary import store
from desktop_app.core.glossary.library import open_default
from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.store import Concept, Term

TEXTS = [
    "The Taliban took Kabul; the Talibans' spokesman spoke.",
    "Ahmad Massoud's forces held the Panjshir valley.",
    "Amrullah Saleh met the Northern Alliance in Kabul.",
    "کتاب‌ها و کتابها در کابل، افغانستان",
    "Nothing here matches at all.",
    "",
]


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch, tarjuman_home: Path) -> None:
    monkeypatch.setattr(store, "SMALL_GLOSSARY", 0)  # every glossary goes through the index
    with open_default() as gs:
        gs.writable.add_concepts([Concept([Term("en", f"filler term {i}"),
                                           Term("prs", f"واژه {i}")]) for i in range(300)]
                                 + [Concept([Term("prs", "کتاب"), Term("en", "book")])])


def _hits(concepts: list[Concept], lang: str, text: str) -> list[tuple[int, int, str]]:
    return [(h.start, h.end, h.text) for h in Matcher(lang, concepts).find(text)]


@pytest.mark.parametrize("lang", ["en", "prs"])
def test_index_finds_what_the_whole_glossary_finds(big: None, lang: str) -> None:
    with open_default() as gs:
        everything = list(gs.glossaries[0].concepts()) + list(gs.glossaries[1].concepts())
        for text in TEXTS:
            chosen = list(gs.concepts_for([text], lang))
            assert _hits(chosen, lang, text) == _hits(everything, lang, text), text
            assert len(chosen) < len(everything) // 4, (text, len(chosen))


def test_concepts_for_reads_a_small_glossary_whole(tarjuman_home: Path) -> None:
    with open_default() as gs:
        total = sum(g.count() for g in gs.glossaries)
        assert len(list(gs.concepts_for(["Kabul"], "en"))) == total
