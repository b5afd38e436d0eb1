from __future__ import annotations

from desktop_app.core import qa


def codes(source: str, target: str, lang: str = "prs") -> list[str]:
    return [f.code for f in qa.check([(source, target)], "en", lang,
                                     disabled=["glossary"])]


def test_numbers_in_any_digits() -> None:
    assert qa.numbers("800,000 people in 1996") == qa.numbers("۸۰۰٬۰۰۰ نفر در ۱۹۹۶")
    assert codes("800,000 fled in 2001.", "۸۰۰٬۰۰۰ نفر در ۲۰۰۱ فرار کردند.") == []
    assert codes("800,000 fled in 2001.", "۸۰۰٬۰۰۰ نفر فرار کردند.") == [qa.NUMBERS]
    assert codes("About 55% need aid.", "حدود ۵۵٪ نیاز دارند.") == [qa.NUMBERS]  # ٪ sign
    assert codes("About 55% need aid.", "حدود ۵۵% نیاز دارند.") == []


def test_untranslated_identical_and_empty() -> None:
    assert codes("Kabul is calm.", "") == [qa.EMPTY]
    assert codes("Kabul is calm.", "Kabul is calm.") == [qa.IDENTICAL]


def test_rtl_punctuation_quotes_spaces_bidi() -> None:
    assert codes("Is it calm?", "آیا آرام است?") == [qa.PUNCTUATION]
    assert codes("Is it calm?", "آیا آرام است؟") == []
    assert codes("He said (yes.", "او گفت (بلی.") == [qa.QUOTES]
    assert codes("x", "کابل  آرام") == [qa.SPACES]
    assert codes("NATO left.", "ناتو رفت NATO.") == [qa.BIDI]
    assert codes("NATO left.", "ناتو رفت NATO\u200f.") == []
    assert codes("x", "\u200f\u200fکابل") == [qa.BIDI]


def test_tags_and_switching_off() -> None:
    assert codes("The ⟨1⟩Taliban⟨/1⟩ left.", "طالبان رفتند.") == [qa.TAGS]
    assert qa.check([("Is it?", "آیا?")], "en", "prs",
                    disabled=["glossary", qa.PUNCTUATION]) == []


def test_glossary_findings_join_in() -> None:
    from desktop_app.core.glossary.store import Concept, Term

    concept = Concept([Term("en", "municipality"), Term("prs", "شاروالی"),
                       Term("prs", "شهرداری", status="forbidden")], id=1, glossary="g")
    found = qa.check([("The municipality.", "شهرداری.")], "en", "prs", concepts=[concept])
    assert [f.code for f in found] == ["term-forbidden"]
    assert "شاروالی" in found[0].message  # it names the form to use
