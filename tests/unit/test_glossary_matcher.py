from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.store import Concept, Term


def concept(cid: int, *terms: Term) -> Concept:
    return Concept(list(terms), id=cid, glossary="g")


def matcher() -> Matcher:
    return Matcher("en", [
        concept(1, Term("en", "Northern Alliance"), Term("prs", "ائتلاف شمال")),
        concept(2, Term("en", "Panjshir"), Term("en", "Panjsher", status="admitted"),
                Term("prs", "پنجشیر")),
        concept(3, Term("en", "UN", case_sensitive=True), Term("prs", "سازمان ملل")),
        concept(4, Term("en", "U.S."), Term("prs", "ایالات متحده")),
        concept(5, Term("en", "Hong Kong")),
        concept(6, Term("en", "Hong")),
        concept(7, Term("en", "Taliban"), Term("prs", "طالبان")),
        concept(8, Term("en", "Panjshir Valley"), Term("prs", "دره پنجشیر")),
        concept(9, Term("en", "port")),
    ])


def texts(m: Matcher, text: str) -> list[str]:
    return [h.text for h in m.find(text)]


def test_longest_match_and_variants() -> None:
    m = matcher()
    assert texts(m, "The Panjshir Valley and Panjsher.") == ["Panjshir Valley", "Panjsher"]
    assert texts(m, "the northern alliance") == ["northern alliance"]


def test_word_boundaries_and_short_terms() -> None:
    m = matcher()
    assert texts(m, "support for the UN and the U.S. army") == ["UN", "U.S."]
    assert texts(m, "un-named sources, unknown") == []  # case rule: UN only in capitals
    assert texts(m, "Hong Kongers met in Hong Kong") == ["Hong", "Hong Kong"]


def test_inflected_forms() -> None:
    m = matcher()
    assert texts(m, "the Talibans' rule and Panjshir's people") == ["Talibans", "Panjshir"]
    dari = Matcher("prs", [concept(1, Term("prs", "کتاب"), Term("en", "book"))])
    assert texts(dari, "این کتاب‌ها و کتابهای ما") == ["کتاب‌ها", "کتابهای"]


def test_incremental_update() -> None:
    m = matcher()
    m.add(concept(10, Term("en", "Amrullah Saleh")))
    assert texts(m, "Amrullah Saleh spoke") == ["Amrullah Saleh"]
    m.remove(("g", 10))
    assert texts(m, "Amrullah Saleh spoke") == []


WORDS = st.text(alphabet="abcdefghij", min_size=2, max_size=6)


@settings(max_examples=200)
@given(st.lists(WORDS, min_size=1, max_size=8, unique=True), st.lists(WORDS, max_size=10),
       st.data())
def test_finds_every_inserted_term_and_nothing_inside_words(terms, filler, data) -> None:
    m = Matcher("en", [concept(i, Term("en", t)) for i, t in enumerate(terms)])
    chosen = data.draw(st.sampled_from(terms))
    words = [w for w in filler if w not in terms] + [chosen]
    hits = m.find(" ".join(words))
    assert chosen in [h.text for h in hits] or any(chosen in h.text for h in hits)
    glued = "".join(words) + "zz"
    assert m.find("x" + glued) == [], "matched inside a word"


def test_acronyms_match_only_in_capitals() -> None:
    m = Matcher("en", [concept(1, Term("en", "US"), Term("prs", "ایالات متحده امریکا")),
                       concept(2, Term("en", "UN"), Term("prs", "سازمان ملل")),
                       concept(3, Term("en", "NATO")), concept(4, Term("en", "Kabul"))])
    assert texts(m, "They told us to leave; let us know. Us too.") == []
    assert texts(m, "un-named sources, Un-named, nato-style") == []
    assert texts(m, "US-led forces, the UN and NATO's troops") == ["US", "UN", "NATO"]
    assert texts(m, "kabul and KABUL") == ["kabul", "KABUL"]  # only acronyms keep case
