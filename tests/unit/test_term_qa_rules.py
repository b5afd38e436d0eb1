"""The rules term QA follows beyond matching: one finding for a forbidden form, forbidden
forms judged by what the source says, terms inside proper names, and the followers sense
of "men"."""

from __future__ import annotations

from desktop_app.core.glossary.matcher import in_proper_name
from desktop_app.core.glossary.qa import FORBIDDEN, MISSING, GlossaryQA
from desktop_app.core.glossary.store import Concept, Term


def qa() -> GlossaryQA:
    cs = [
        Concept([Term("en", "car"), Term("prs", "موتر"),
                 Term("prs", "ماشین", status="forbidden")], id=1, glossary="g"),
        Concept([Term("en", "village"), Term("prs", "قریه"),
                 Term("prs", "روستا", status="forbidden")], id=2, glossary="g"),
        Concept([Term("en", "province"), Term("prs", "ولایت"),
                 Term("prs", "استان", status="forbidden")], id=3, glossary="g"),
        Concept([Term("en", "nation"), Term("prs", "ملت")], id=4, glossary="g"),
        Concept([Term("en", "man"), Term("prs", "مرد")], id=5, glossary="g"),
        Concept([Term("en", "university"), Term("prs", "پوهنتون"),
                 Term("prs", "دانشگاه", status="forbidden")], id=6, glossary="g"),
        Concept([Term("prs", "شفاخانه"), Term("prs", "بیمارستان", status="forbidden")],
                id=7, glossary="g"),  # no English term: judged on the target alone
    ]
    return GlossaryQA(cs, "en", "prs")


def codes(source: str, target: str) -> list[str]:
    return sorted(f.code for f in qa().check([(source, target)]))


def test_a_forbidden_form_is_one_finding_that_names_the_form_to_use() -> None:
    found = qa().check([("His car was stolen.", "ماشین او دزدیده شد.")])
    assert [f.code for f in found] == [FORBIDDEN]
    assert "موتر" in found[0].message and found[0].suggestion == "موتر"
    # with the preferred form beside it, still only the forbidden one is reported
    assert codes("His car was stolen.", "ماشین او، موتر او، دزدیده شد.") == [FORBIDDEN]
    # another concept missing in the same segment is still reported
    assert codes("The car of the village.", "ماشین.") == [FORBIDDEN, MISSING]


def test_a_forbidden_form_counts_where_the_source_holds_its_concept() -> None:
    assert codes("Widows received sewing machines.", "به بیوه‌ها ماشین‌های خیاطی دادند.") == []
    assert codes("Cars were searched.", "ماشین‌ها تلاشی شدند.") == [FORBIDDEN]
    # words derived from the source term: villagers, provincial, universities
    assert codes("Villagers fled.", "روستاییان گریختند.") == [FORBIDDEN]
    assert codes("The provincial council met.", "شورای استان جلسه کرد.") == [FORBIDDEN]
    assert codes("Private universities closed.", "دانشگاه‌های خصوصی بسته شد.") == [FORBIDDEN]
    # a three-letter term relates no longer word: a career is no car
    assert codes("His career ended.", "ماشین او از کار افتاد.") == []
    # a concept with no term in the source language is judged on the target alone
    assert codes("The clinic closed.", "بیمارستان بسته شد.") == [FORBIDDEN]


def test_a_common_noun_inside_a_proper_name_is_not_that_term() -> None:
    assert codes("The United Nations called for calm.", "سازمان ملل متحد خواستار آرامش شد.") == []
    assert codes("The nation mourns.", "مردم سوگوار اند.") == [MISSING]
    assert codes("United Nations officials arrived.", "مقامات سازمان ملل رسیدند.") == []
    # the name still relates a forbidden form to its concept
    assert codes("Kabul University reopened.", "دانشگاه کابل باز شد.") == [FORBIDDEN]
    assert codes("Kabul University reopened.", "پوهنتون کابل باز شد.") == []


def test_what_makes_a_proper_name() -> None:
    def name(text: str, word: str) -> bool:
        i = text.index(word)
        return in_proper_name(text, i, i + len(word))

    assert name("The United Nations called for calm.", "Nations")
    assert name("They met at Kabul University on Monday.", "University")
    assert name("A report by the People's Republic of China and others.", "People")
    assert not name("Nations gathered.", "Nations")  # the start of a sentence
    assert not name("He said. Nations gathered.", "Nations")
    assert not name("He met President Ghani.", "President")  # a title before a name
    assert not name("He visited the Ministry of Interior.", "Ministry")
    assert not name("The Nation reported it.", "Nation")  # after a capitalised "The"
    assert not name("Women Protest School Closures In Kabul", "School")  # a headline


def test_a_leaders_men_are_his_followers() -> None:
    assert codes("The warlord's men fled.", "افراد جنگسالار فرار کردند.") == []
    assert codes("His men fled.", "افرادش فرار کردند.") == []
    assert codes("Three men fled.", "سه نفر فرار کردند.") == [MISSING]
    assert codes("Three men fled.", "سه مرد فرار کردند.") == []


def test_with_no_source_text_a_forbidden_form_is_flagged_anywhere() -> None:
    assert codes("", "ماشین‌های خیاطی") == [FORBIDDEN]
