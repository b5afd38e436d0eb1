"""Afghan dates: Solar Hijri month boundaries and leap years checked against jdatetime,
the QA check `date`, and dates and numbers offered for insertion."""

from __future__ import annotations

import datetime

import jdatetime
import pytest

from desktop_app.core import dates, qa


@pytest.mark.parametrize(("gregorian", "solar"), [
    ((2001, 9, 9), (1380, 6, 18)),  # 9 September 2001 = 18 Sonbola 1380
    ((2023, 3, 21), (1402, 1, 1)),  # 1 Hamal = 21 March in most years
    ((2024, 3, 19), (1402, 12, 29)),  # Hut 1402 has 29 days
    ((2024, 3, 20), (1403, 1, 1)),  # after a leap year's turn, 1 Hamal = 20 March
    ((2025, 3, 20), (1403, 12, 30)),  # 1403 is a leap year: 30 Hut exists
    ((2025, 3, 21), (1404, 1, 1)),
    ((2024, 9, 21), (1403, 6, 31)),  # the first six months have 31 days
    ((2024, 9, 22), (1403, 7, 1)),  # Mizan starts; months 7-11 have 30 days
])
def test_month_boundaries_and_leap_years(gregorian, solar) -> None:
    assert dates.to_solar(*gregorian) == solar
    assert dates.to_gregorian(*solar) == gregorian
    j = jdatetime.date.fromgregorian(date=datetime.date(*gregorian))
    assert (j.year, j.month, j.day) == solar  # the library agrees


def test_leap_years() -> None:
    assert dates.is_solar_leap(1403) and not dates.is_solar_leap(1402)
    assert dates.to_gregorian(1402, 12, 30) is None  # no 30 Hut in a common year
    assert [y for y in range(1395, 1410) if dates.is_solar_leap(y)] == [
        y for y in range(1395, 1410) if jdatetime.date(y, 1, 1).isleap()]


def test_afghan_names_and_digits() -> None:
    assert dates.format_solar(1380, 6, 18, "prs") == "۱۸ سنبله ۱۳۸۰"
    assert dates.format_solar(1380, 6, 18, "ps") == "۱۸ وږی ۱۳۸۰"
    assert dates.format_gregorian(2001, 9, 9, "prs") == "۹ سپتمبر ۲۰۰۱"
    assert dates.gregorian_names("prs")[:3] == ("جنوری", "فبروری", "مارچ")
    assert len(set(dates.DARI_SOLAR)) == len(set(dates.PASHTO_SOLAR)) == 12


@pytest.mark.parametrize("source", ["He was killed on September 9, 2001.",
                                    "He was killed on 9 September 2001.",
                                    "He was killed on Sunday, Sept. 9, 2001.",
                                    "He was killed on 2001-09-09."])
def test_source_dates(source: str) -> None:
    (found,) = dates.source_dates(source)
    assert (found.year, found.month, found.day) == (2001, 9, 9)
    assert source[found.start:found.end] == found.text


def date_codes(source: str, target: str, lang: str = "prs") -> list[str]:
    return [f.code for f in qa.check([(source, target)], "en", lang, disabled=["glossary"])
            if f.code in (qa.DATE, qa.NUMBERS)]


@pytest.mark.parametrize("target", [
    "او در ۱۸ سنبله ۱۳۸۰ کشته شد.", "او در 18 سنبله 1380 کشته شد.",
    "او در ۹ سپتمبر ۲۰۰۱ کشته شد.", "او در تاریخ ۱۳۸۰/۶/۱۸ کشته شد.",
    "او در ۱۸ام سنبله سال ۱۳۸۰ کشته شد."])
def test_the_same_day_in_either_calendar_passes(target: str) -> None:
    assert date_codes("He was killed on September 9, 2001.", target) == []


def test_missing_or_different_dates_are_flagged() -> None:
    source = "He was killed on September 9, 2001."
    assert date_codes(source, "او در ۱۹ سنبله ۱۳۸۰ کشته شد.") == [qa.DATE]
    assert date_codes(source, "او در ۹ سپتمبر ۲۰۰۲ کشته شد.") == [qa.DATE]
    assert date_codes(source, "او کشته شد.") == [qa.DATE]
    (finding,) = qa.check([(source, "او کشته شد.")], "en", "prs", disabled=["glossary"])
    assert finding.suggestion == "۱۸ سنبله ۱۳۸۰" and "۹ سپتمبر ۲۰۰۱" in finding.message
    # without a year: the day and month must agree
    assert date_codes("Sunday, Sept. 9", "یکشنبه، ۹ سپتمبر") == []
    assert date_codes("Sunday, Sept. 9", "یکشنبه، ۱۸ سنبله") == []
    assert date_codes("Sunday, Sept. 9", "یکشنبه، ۱۰ سپتمبر") == [qa.DATE]


def test_iranian_month_names_are_flagged_with_the_afghan_name() -> None:
    findings = [f for f in qa.check([("He was killed on September 9, 2001.",
                                      "او در ۱۸ شهریور ۱۳۸۰ کشته شد.")], "en", "prs",
                                    disabled=["glossary"]) if f.code == qa.DATE]
    assert [f.suggestion for f in findings] == ["۱۸ سنبله ۱۳۸۰", "سنبله"]
    assert findings[1].target_span == (9, 15)
    pashto = qa.check([("x", "د ۱۸ شهریور")], "en", "ps", disabled=["glossary"])
    assert [f.suggestion for f in pashto if f.code == qa.DATE] == ["وږی"]
    # دی and مهر are words too: only next to a number are they months
    assert date_codes("x", "این کتاب با مهر دولت است و او دی رفت") == []


def test_dates_and_numbers_offered_for_insertion() -> None:
    offers = dates.insertions("On 9 September 2001, 800,000 people fled.", "prs")
    assert [(o.text, o.targets) for o in offers] == [
        ("9 September 2001", ["۱۸ سنبله ۱۳۸۰", "۹ سپتمبر ۲۰۰۱"]),
        ("800,000", ["۸۰۰٬۰۰۰"])]
    assert dates.insertions("On 9 September", "ps")[0].targets == ["۹ سېپتمبر"]


def test_the_session_offers_them_beside_the_glossary_terms(tmp_path) -> None:
    from desktop_app.core.session import EditSession

    doc = tmp_path / "news.txt"
    doc.write_text("Massoud was killed on 9 September 2001 in Panjshir.\n", "utf-8")
    session = EditSession.from_document(doc, "dari", path=tmp_path / "news.tarjuman")
    try:
        offers = session.offers(0)
        assert [o.targets for o in offers] == [["۱۸ سنبله ۱۳۸۰"], ["۹ سپتمبر ۲۰۰۱"]]
        assert offers[0].hit.text == "9 September 2001"
    finally:
        session.close()


def test_a_month_term_inside_a_date_rendered_in_the_other_calendar_is_not_missing() -> None:
    from desktop_app.core.glossary.store import Concept, Term

    august = Concept([Term("en", "August"), Term("prs", "اگست")], id=1, glossary="g")
    source = "Ghani fled on 15 August 2021."
    solar = qa.check([(source, "غنی در ۲۴ اسد ۱۴۰۰ فرار کرد.")], "en", "prs",
                     concepts=[august])
    assert solar == []
    wrong = qa.check([(source, "غنی در ۲۵ اسد ۱۴۰۰ فرار کرد.")], "en", "prs",
                     concepts=[august])
    assert sorted(f.code for f in wrong) == [qa.DATE, "term-missing"]


@pytest.mark.parametrize("target", ["طالبان د ۱۴۰۰ لمریز کال د زمري په ۲۴مه کابل ته ننوتل.",
                                    "طالبان د ۲۰۲۱ کال د اګست په ۱۵مه کابل ته ننوتل.",
                                    "طالبان د اسد ۲۴مه کابل ته ننوتل.",
                                    "طالبان په ۲۴ زمري ۱۴۰۰ کابل ته ننوتل."])
def test_pashto_writes_the_month_first(target: str) -> None:
    assert date_codes("The Taliban entered Kabul on 15 August 2021.", target, "ps") == []
    assert date_codes("The Taliban entered Kabul on 16 August 2021.", target, "ps") == [
        qa.DATE]
