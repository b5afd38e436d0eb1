"""Who confirmed a TM unit: recorded at confirmation, carried by matches, kept on import."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from desktop_app.core import languages
from desktop_app.core.session import EditSession
from desktop_app.core.settings_door import change_settings
from desktop_app.core.tm import Match, TranslationMemory, match_details


def _repeat_doc(tmp_path: Path) -> Path:
    doc = tmp_path / "news.txt"
    doc.write_text("Ahmad Massoud spoke in Kabul.\n\nThe valley is quiet.\n\n"
                   "Ahmad Massoud spoke in Kabul.\n", "utf-8")
    return doc


def test_confirm_records_the_team_name_and_matches_carry_it(tmp_path: Path) -> None:
    change_settings(team_name="Farida")
    s = EditSession.from_document(_repeat_doc(tmp_path), "dari", path=tmp_path / "a.tarjuman")
    try:
        s.confirm(0, "احمد مسعود در کابل سخن گفت.")
        match = s.tm_matches(2)[0]
        assert (match.exact, match.author) == (True, "Farida")
        assert match.origin == "project:a.tarjuman" and match.created > 0
        fuzzy = s.tm.fuzzy("Ahmad Massoud spoke in Kabul today.", "en", "dari")
        assert fuzzy and fuzzy[0].author == "Farida"
        s.undo()
        s.redo()  # redone: the same author again
        assert s.tm.exact(s.segments[0].source, "en", "dari").author == "Farida"
    finally:
        s.close()


def test_without_a_team_name_the_login_name_is_recorded(tmp_path: Path) -> None:
    s = EditSession.from_document(_repeat_doc(tmp_path), "dari", path=tmp_path / "b.tarjuman")
    try:
        s.confirm(1, "دره آرام است.")
        assert s.tm.exact(s.segments[1].source, "en", "dari").author == getpass.getuser()
    finally:
        s.close()


def test_an_import_keeps_who_confirmed_the_unit(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.db") as tm:
        tm.add("The valley is quiet.", "دره آرام است.", "en", "prs", "project:x", "Farida")
        tm.add_many([("The valley is quiet.", "دره آرام است.")], "en", "prs", "tmx:old.tmx")
        match = tm.exact("The valley is quiet.", "en", "prs")
        assert match is not None and (match.author, match.origin) == ("Farida", "tmx:old.tmx")


def test_match_details_say_who_when_where_in_the_ui_language() -> None:
    match = Match("a", "b", 100.0, [], "project:news.tarjuman", 1_764_000_000.0, "Farida")
    details = match_details(match)
    assert details[0] == "by \u2068Farida\u2069" and details[2].startswith("from \u2068project")
    languages.set_ui_language("prs")
    try:
        dari = match_details(match)
    finally:
        languages.set_ui_language("en")
    assert "by" not in dari[0] and "Farida" in dari[0] and "news.tarjuman" in dari[2]
    assert any("\u06f2" <= ch <= "\u06f9" for ch in dari[1])  # the date in Persian digits


@pytest.mark.parametrize("origin", ["", "hub"])
def test_unknown_origins_are_shown_as_they_are(origin: str) -> None:
    details = match_details(Match("a", "b", 90.0, [], origin, 0.0, ""))
    assert details == ([] if not origin else ["from \u2068hub\u2069"])
