"""Half-space, space or nothing inside a term: one term for the matcher, TM, search and find."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.qa import GlossaryQA
from desktop_app.core.glossary.store import Concept, Glossary, Term
from desktop_app.core.textnorm import key_with_map, match_key
from desktop_app.core.tm import TranslationMemory

ZWNJ = "\u200c"


def concept(cid: int, *terms: Term) -> Concept:
    return Concept(list(terms), id=cid, glossary="g")


def test_three_spellings_are_one_key() -> None:
    for forms in (("جنگ‌سالار", "جنگ سالار", "جنگسالار"), ("هم‌وطن", "هم وطن", "هموطن"),
                  ("می‌شود", "می شود", "میشود")):
        assert len({match_key(f, "prs") for f in forms}) == 1, forms
    assert match_key("Hong Kong") == "hong kong"  # Latin words keep their spaces


def test_key_map_points_into_the_original() -> None:
    text = "این جنگ سالار"
    key, index, breaks = key_with_map(text, "prs")
    assert key == "اینجنگسالار" and breaks == {3, 6}
    assert text[index[3]:index[5] + 1] == "جنگ"


def test_matcher_finds_each_spelling_in_each_spelling() -> None:
    for term in ("جنگ‌سالار", "جنگ سالار", "جنگسالار"):
        m = Matcher("prs", [concept(1, Term("prs", term))])
        for text in ("دو جنگ‌سالار آمدند", "دو جنگ سالار آمدند", "دو جنگسالار آمدند",
                     "دو جنگ‌سالاران آمدند"):
            hits = m.find(text)
            assert len(hits) == 1, (term, text)
            assert hits[0].text.startswith("جنگ") and text[hits[0].start - 1] == " "


def test_word_boundaries_still_hold() -> None:
    m = Matcher("prs", [concept(1, Term("prs", "جنگ")), concept(2, Term("prs", "هم وطن"))])
    assert [h.text for h in m.find("جنگ سالار در جنگل")] == ["جنگ"]
    assert m.find("ناهموطن") == []
    assert [h.text for h in m.find("هم‌وطنان ما")] == ["هم‌وطنان"]


def test_term_qa_sees_a_spaced_term_as_present() -> None:
    qa = GlossaryQA([concept(1, Term("en", "warlord"), Term("prs", "جنگ‌سالار"))], "en", "prs")
    assert qa.check([("The warlord came.", "جنگ سالار آمد.")]) == []
    assert qa.check([("The warlord came.", "جنگسالار آمد.")]) == []
    assert [f.code for f in qa.check([("The warlord came.", "فرمانده آمد.")])] == [
        "term-missing"]
    # the three spellings are one form for the consistency check
    assert qa.check([("warlord", "جنگ سالار"), ("warlord", "جنگ‌سالار")]) == []


def test_tm_exact_and_fuzzy_ignore_spacing(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.add("جنگ‌سالار محلی به کابل آمد", "A local warlord came to Kabul", "prs", "en")
        exact = tm.exact("جنگ سالار محلی به کابل آمد", "prs", "en")
        assert exact is not None and exact.target.startswith("A local warlord")
        fuzzy = tm.fuzzy("جنگسالار محلی به کابل نیامد", "prs", "en")
        assert fuzzy and fuzzy[0].score > 90


def test_glossary_search_ignores_spacing(tmp_path: Path) -> None:
    g = Glossary(tmp_path / "g.sqlite")
    a = g.add_concept(Concept([Term("en", "warlord"), Term("prs", "جنگ‌سالار")]))
    b = g.add_concept(Concept([Term("en", "compatriot"), Term("prs", "هم وطن")]))
    assert [c.id for c in g.search("جنگ سالار")] == [a.id]
    assert [c.id for c in g.search("جنگسالار", "prs")] == [a.id]
    assert [c.id for c in g.search("هم‌وطن")] == [b.id]
    assert [c.id for c in g.search("هموطن", "prs")] == [b.id]
    assert g.search("هموطن", "en") == []
    g.close()


# Letters that fold to themselves and start no inflection ending.
LETTERS = "بپتجچدرزسشکگلمن"
CHUNK = st.text(alphabet=LETTERS, min_size=2, max_size=4)
FILLER = st.text(alphabet="فقعغ", min_size=1, max_size=5)  # cannot spell any term
SEPARATOR = st.sampled_from(["", " ", ZWNJ])


def spell(letters: str, seps: list[str]) -> str:
    return letters[0] + "".join(s + c for s, c in zip(seps, letters[1:], strict=True))


@settings(max_examples=150, deadline=None)
@given(st.lists(CHUNK, min_size=1, max_size=3), st.lists(FILLER, max_size=6), st.data())
def test_spacing_inside_a_term_never_changes_a_hit(chunks, filler, data) -> None:
    letters = "".join(chunks)
    term_seps = data.draw(st.lists(SEPARATOR, min_size=len(letters) - 1,
                                   max_size=len(letters) - 1))
    text_seps = data.draw(st.lists(SEPARATOR, min_size=len(letters) - 1,
                                   max_size=len(letters) - 1))
    term = spell(letters, term_seps).strip()
    m = Matcher("prs", [concept(1, Term("prs", term))])
    words = filler
    at = data.draw(st.integers(0, len(words)))
    written = spell(letters, text_seps)
    text = " ".join(words[:at] + [written] + words[at:])
    hits = m.find(text)
    assert len(hits) == 1
    hit = hits[0]
    assert hit.text == written  # the span is the occurrence as written, in the original
    assert text[hit.start:hit.end] == written
    # glued to a neighbouring word, the term is inside a longer word: no hit
    assert m.find("ب" + written.replace(" ", "").replace(ZWNJ, "") + "ک") == []


def test_find_in_the_editor_ignores_spacing(tmp_path: Path) -> None:
    from desktop_app.core.session import EditSession

    doc = tmp_path / "warlords.txt"
    doc.write_text("The warlord came.\n\nThe compatriots left.\n", "utf-8")
    session = EditSession.from_document(doc, "dari", path=tmp_path / "w.tarjuman")
    try:
        session.set_target(0, "جنگ‌سالار آمد.")
        session.set_target(1, "هم وطنان رفتند.")
        assert session.find("جنگ سالار") == [0]
        assert session.find("جنگسالار", in_source=False) == [0]
        assert session.find("هم‌وطن") == [1]
    finally:
        session.close()


@settings(max_examples=100, deadline=None)
@given(st.lists(CHUNK, min_size=1, max_size=2).filter(lambda c: len("".join(c)) >= 3),
       st.sampled_from(["ps", "prs"]), st.data())
def test_an_ending_after_any_spelling_still_finds_the_term(chunks, lang, data) -> None:
    from desktop_app.core.inflection import endings_for

    letters = "".join(chunks)
    seps = data.draw(st.lists(SEPARATOR, min_size=len(letters) - 1,
                              max_size=len(letters) - 1))
    ending = data.draw(st.sampled_from(endings_for(lang).added))
    joint = data.draw(st.sampled_from(["", ZWNJ]))
    m = Matcher(lang, [concept(1, Term(lang, letters))])
    written = spell(letters, seps) + joint + ending
    hits = m.find("قف " + written + " عغ")
    assert [h.text for h in hits] == [written]
    assert m.find("قف " + written + "ف عغ") == []  # an ending then more letters: no word


def test_search_finds_terms_folded_before_hamza_yeh_was(tmp_path: Path) -> None:
    g = Glossary(tmp_path / "g.sqlite")
    c = g.add_concept(Concept([Term("en", "president"), Term("prs", "رئیس جمهور")]))
    g.db.execute("UPDATE terms SET norm = 'رئیس جمهور' WHERE lang = 'prs'")  # an old copy
    g.db.conn.commit()
    for query in ("رئیس جمهور", "رییس‌جمهور", "رئيس"):
        assert [x.id for x in g.search(query, "prs")] == [c.id], query
    g.close()
