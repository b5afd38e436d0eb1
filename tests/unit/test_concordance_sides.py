"""Concordance: the side follows the query's script, and every hit says its side."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.concordance import search, side_for
from tests.unit.test_session import session


def test_side_follows_the_script_of_the_query() -> None:
    assert side_for("Panjshir", "en", "dari") == "source"
    assert side_for("پنجشیر", "en", "dari") == "target"
    assert side_for("پنجشیر", "dari", "en") == "source"
    assert side_for("پنجشیر Valley", "en", "dari") == "both"  # mixed scripts
    assert side_for("2021", "en", "dari") == "both"
    assert side_for("پنجشیر", "dari", "ps") == "both"  # one script on both sides


def test_a_dari_query_is_found_on_the_target_side(tmp_path: Path) -> None:
    s = session(tmp_path)
    row = next(r for r, seg in enumerate(s.segments) if "Panjshir" in seg.source)
    s.confirm(row, "مقاومت در پنجشیر ادامه دارد")
    s.tm.add("The Panjshir valley", "درهٔ پنجشير", "en", "dari", origin="tmx:old.tmx")
    hits = search("پنجشیر", "en", "dari", tm=s.tm, glossaries=s.glossaries,
                  projects=tmp_path)
    assert {h.kind for h in hits} == {"tm", "glossary", "project"}
    assert {h.side for h in hits} == {"target"}
    assert all("پنجش" in h.target[slice(*h.span)] for h in hits)
    both = search("Panjshir", "en", "dari", side="both", tm=s.tm, projects=tmp_path)
    assert both and {h.side for h in both} == {"source"}
    both = search("پنجشیر", "en", "dari", side="both", tm=s.tm, projects=tmp_path)
    assert both and {h.side for h in both} == {"target"}
