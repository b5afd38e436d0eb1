"""Spell checking through the real Hunspell library and a dictionary written at test time."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.errors import InputError
from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.resources import shipped
from desktop_app.core.spell import dictionaries
from desktop_app.core.spell.checker import SpellChecker, common_words
from desktop_app.core.spell.vocabulary import checker_for
from tests.fixtures.hunspell_dict import write_dictionary

UNIVERSITY = Concept([Term("en", "university"), Term("prs", "پوهنتون"),
                      Term("prs", "دانشگاه", status="forbidden")], id=1, glossary="g")
MUNICIPALITY = Concept([Term("en", "municipality"), Term("prs", "شاروالی"),
                        Term("prs", "شهرداری", status="forbidden")], id=2, glossary="g")


@pytest.fixture()
def dari(tmp_path: Path) -> SpellChecker:
    return SpellChecker("dari", dictionary=write_dictionary(tmp_path / "dict"),
                        concepts=[UNIVERSITY, MUNICIPALITY], personal=tmp_path / "mine.txt")


def words(checker: SpellChecker, text: str) -> list[str]:
    return [m.word for m in checker.check(text)]


def test_dictionary_words_pass_and_typos_are_flagged(dari: SpellChecker) -> None:
    assert words(dari, "مردم امروز به شهر رفت") == []
    assert words(dari, "کتاب‌ها و کتابهای ما") == []  # affixes of the .aff, half-space or not
    assert words(dari, "کتاب ها در شهر") == []  # a plural typed apart
    assert words(dari, "كتاب در شهر") == []  # Arabic kaf
    miss = dari.check("مردمم امروز کتابب آورد")
    assert [m.word for m in miss] == ["مردمم", "کتابب", "آورد"]
    assert (miss[1].start, miss[1].end) == (12, 17)
    assert "کتاب" in dari.suggest("کتابب")


def test_dari_forms_never_flagged_and_iranian_forms_corrected(dari: SpellChecker) -> None:
    assert words(dari, "پوهنتون و شاروالی") == []  # Dari terms, not in the dictionary
    miss = dari.check("دانشگاه و شهرداری و دانشگاه‌ها")
    assert [m.word for m in miss] == ["دانشگاه", "شهرداری", "دانشگاه‌ها"]
    assert miss[0].suggestions == ("پوهنتون",)
    assert miss[2].suggestions == ("پوهنتون‌ها",)  # with the same ending
    assert dari.suggest("دانشگاه")[0] == "پوهنتون"
    assert dari.suggest("شهرداری")[0] == "شاروالی"


def test_learned_words_alone_for_pashto_with_inflection(tmp_path: Path) -> None:
    ps = SpellChecker("pashto", learned=["ولسمشر له ښځې سره خبرې وکړې"],
                      concepts=[Concept([Term("en", "government"), Term("ps", "حکومت")],
                                        id=1, glossary="g")])
    assert words(ps, "ولسمشرانو حکومتونو سره خبرې وکړې") == []
    assert words(ps, "د ښځو") == []  # ښځو: ښځې learned; د is a common word
    assert words(ps, "ولسمشرانوو") == ["ولسمشرانوو"]
    assert ps.suggest("ولسمشرن")[0] == "ولسمشر"


def test_add_to_dictionary_persists_and_ignore_does_not(dari: SpellChecker,
                                                        tmp_path: Path) -> None:
    assert words(dari, "ولسوالی") == ["ولسوالی"]
    dari.add_to_dictionary("ولسوالی")
    assert words(dari, "ولسوالی‌ها") == []
    dari.ignore("بلخ")
    assert words(dari, "بلخ") == []
    again = SpellChecker("dari", dictionary=dari.dictionary, personal=tmp_path / "mine.txt")
    assert words(again, "ولسوالی بلخ") == ["بلخ"]


def test_install_from_a_file_and_refusals(tmp_path: Path) -> None:
    dic = write_dictionary(tmp_path / "download", "fa_AF")
    installed = dictionaries.install(dic, "dari")
    assert installed.is_file() and installed.with_suffix(".aff").is_file()
    assert dictionaries.find("prs") == installed
    assert checker_for("dari", use_tm=False).dictionary == installed
    assert dictionaries.find("pashto") is None
    lone = tmp_path / "lone.dic"
    lone.write_text("1\nکتاب\n", "utf-8")
    with pytest.raises(InputError, match=r"\.aff"):
        dictionaries.install(lone, "dari")
    bad = tmp_path / "bad.dic"
    bad.write_text("not a dictionary\n", "utf-8")
    bad.with_suffix(".aff").write_text("SET UTF-8\n", "utf-8")
    with pytest.raises(InputError, match="word count"):
        dictionaries.install(bad, "dari")
    assert dictionaries.find("prs") == installed  # the installed one is untouched


def test_learned_verbs_typed_apart_or_joined() -> None:
    dari = SpellChecker("dari", learned=["این کار می شود و آن نمی‌رود"])
    assert words(dari, "این کار میشود و می‌شود و می شود") == []
    assert words(dari, "نمی رود و نمیرود") == []


def test_the_editing_session_checks_spelling_and_learns_what_is_confirmed(
        tmp_path: Path) -> None:
    from desktop_app.core.session import EditSession

    doc = tmp_path / "news.txt"
    doc.write_text("The president spoke.\n\nThe president left.\n", "utf-8")
    session = EditSession.from_document(doc, "pashto", path=tmp_path / "n.tarjuman")
    try:
        session.edit(0, "ولسمشر وویل.")
        session.set_spell(SpellChecker("pashto", learned=["وویل"]))
        assert [f.message for f in session.findings[0] if f.code == "spelling"] == [
            "misspelt: \u2068ولسمشر\u2069"]
        session.confirm(0)  # the translator approves it: its words are known from now on
        session.edit(1, "ولسمشرانو ولاړل.")
        assert [f.message for f in session.findings[1] if f.code == "spelling"] == [
            "misspelt: \u2068ولاړل\u2069"]
    finally:
        session.close()


def test_common_words_are_never_flagged_without_a_dictionary() -> None:
    dari = SpellChecker("dari", learned=["اگست"])
    assert not dari.trusted
    text = "مقامات در کابل اعلام کردند که این کار ادامه دارد و مهم است"
    assert words(dari, text) == []
    assert words(dari, "استت") == ["استت"] and "است" in dari.suggest("استت")
    pashto = SpellChecker("pashto")
    assert words(pashto, "د کابل په ښار کې خلکو وویل چې دا کار مهم دی") == []
    for lang in ("prs", "ps"):
        listed = common_words(lang)
        assert 150 <= len(set(listed)) <= 400, lang
        header = shipped("resources", "spell", f"common-{lang}.txt").read_text("utf-8")
        assert "Source:" in header


def test_a_tag_splits_words_in_qa_and_in_the_checker(dari: SpellChecker) -> None:
    from desktop_app.core.qa import spelling

    # را and در are words; joined across the line-break tag they would be "رادر"
    found = spelling([("a", "مردم کتاب را⟨1/⟩در شهر")], dari)
    assert found == []
    assert [m.word for m in dari.check_tagged("کتاب⟨2⟩را⟨/2⟩ کتابب")] == ["کتابب"]
    miss = dari.check_tagged("⟨1⟩مردم⟨/1⟩ کتابب")[0]
    assert (miss.start, miss.end) == (5, 10)  # offsets in the tag-free text "مردم کتابب"
    # without the tag the two words are one unknown word: the test can fail
    assert [m.word for m in dari.check("رادر")] == ["رادر"]
