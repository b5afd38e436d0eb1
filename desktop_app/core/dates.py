"""Dates and numbers the Afghan way: Solar Hijri with Afghan month names, Gregorian with
the CLDR ``fa_AF``/``ps`` names, Persian digits.

The calendar arithmetic is jdatetime's (maintained, pure Python); Babel formats only
Gregorian dates, and both know only Iranian Solar Hijri month names, so the Afghan names
are kept here as data. A date in an English source ("September 9, 2001", "9 September",
"Sunday, Sept. 9") must appear in the target as the same day in either calendar
(``۱۸ سنبله ۱۳۸۰`` or ``۹ سپتمبر ۲۰۰۱``, Persian or Latin digits).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

import jdatetime
from babel.dates import get_month_names

from desktop_app.core import languages
from desktop_app.core.i18n import N_, Joined, Msg, isolate

# Afghan Solar Hijri months, Hamal (21 March) first. Dari: the zodiac names used in
# Afghanistan; Pashto: the Pashto names (CLDR ``ps`` writes غبرگولی with Persian گ).
DARI_SOLAR = ("حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس",
              "جدی", "دلو", "حوت")
PASHTO_SOLAR = ("وری", "غویی", "غبرګولی", "چنګاښ", "زمری", "وږی", "تله", "لړم", "لیندۍ",
                "مرغومی", "سلواغه", "کب")
# The Iranian names of the same months: wrong in Afghan text.
IRANIAN_SOLAR = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان",
                 "آذر", "دی", "بهمن", "اسفند")

ENGLISH_MONTHS = {name: n for n, names in enumerate((
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
    ("October", "Oct"), ("November", "Nov"), ("December", "Dec")), 1) for name in names}

_EN_MONTH = "(" + "|".join(sorted(ENGLISH_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
_SOURCE = re.compile(
    rf"\b{_WEEKDAY}(?:{_EN_MONTH}\s+(\d{{1,2}}){_ORD}\b(?:,?\s+(\d{{4}})\b)?"
    rf"|(\d{{1,2}}){_ORD}\s+(?:of\s+)?{_EN_MONTH}(?:,?\s+(\d{{4}})\b)?"
    r"|(\d{4})-(\d{2})-(\d{2})\b)")

# Letter variants that do not change length, for finding month names in any spelling.
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ګ": "گ", "ۍ": "ی", "ې": "ی"})


def _norm(text: str) -> str:
    return languages.to_latin_digits(text).translate(_LETTERS)


@lru_cache(maxsize=4)
def gregorian_names(lang: str) -> tuple[str, ...]:
    """Gregorian month names as written in ``lang`` (CLDR via Babel: جنوری، فبروری…)."""
    locale = "ps" if languages.get(lang).code == "ps" else "fa_AF"
    return tuple(get_month_names("wide", locale=locale)[m] for m in range(1, 13))


def solar_names(lang: str) -> tuple[str, ...]:
    return PASHTO_SOLAR if languages.get(lang).code == "ps" else DARI_SOLAR


@lru_cache(maxsize=1)
def _target_months() -> dict[str, tuple[str, int]]:
    """Normalized month name -> (calendar, month number), every Afghan name and both
    languages' Gregorian names."""
    out: dict[str, tuple[str, int]] = {}
    for names, calendar in ((DARI_SOLAR, "solar"), (PASHTO_SOLAR, "solar"),
                            (gregorian_names("prs"), "gregorian"),
                            (gregorian_names("ps"), "gregorian")):
        for n, name in enumerate(names, 1):
            out[_norm(name)] = (calendar, n)
    return out


def _alternation(names: object) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))  # type: ignore


_NOT_LETTER = r"(?![\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff])"


@lru_cache(maxsize=1)
def _target_pattern() -> re.Pattern[str]:
    months = _alternation(_target_months())
    return re.compile(
        rf"(?<!\d)(\d{{1,2}})(?:\s*ام|\s*م)?\s+({months}){_NOT_LETTER}"
        r"(?:\s+(?:سال\s+)?(\d{4})(?!\d))?"
        r"|(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)"
        # Pashto writes the month first: د زمري په ۲۴مه, د اسد ۲۴مه
        r"|(?:(?<!\d)(\d{4})\s+(?:لمریز\s+|هجری\s+شمسی\s+|میلادی\s+)?کال\s+د\s+)?"
        rf"(?<![\u0620-\u06ff])({months})\s+(?:په\s+)?(\d{{1,2}})(?:\s*مه|\s*ام)?(?!\d)")


_IRANIAN = re.compile(
    rf"(?<!\d)(?:(\d{{1,4}})\s+)?({_alternation(_norm(n) for n in IRANIAN_SOLAR)})"
    rf"{_NOT_LETTER}(?:\s+(\d{{1,4}}))?")


@dataclass(frozen=True, slots=True)
class SourceDate:
    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int


@dataclass(frozen=True, slots=True)
class TargetDate:
    start: int
    end: int
    text: str
    calendar: str  # "solar" or "gregorian"
    year: int | None
    month: int
    day: int


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        datetime.date(year or 2000, month, day)  # 2000 is a leap year: 29 February passes
    except ValueError:
        return False
    return True


def source_dates(text: str) -> list[SourceDate]:
    """English dates: "September 9, 2001", "9 September", "Sunday, Sept. 9", "2001-09-09"."""
    out = []
    for m in _SOURCE.finditer(text):
        g = m.groups()
        if g[0]:
            month, day, year = ENGLISH_MONTHS[g[0]], int(g[1]), g[2]
        elif g[3]:
            day, month, year = int(g[3]), ENGLISH_MONTHS[g[4]], g[5]
        else:
            year, month, day = g[6], int(g[7]), int(g[8])
        y = int(year) if year else None
        if _valid(y, month, day):
            out.append(SourceDate(m.start(), m.end(), m.group(0), y, month, day))
    return out


def target_dates(text: str) -> list[TargetDate]:
    """Dates in a Dari or Pashto target, either calendar, any digits."""
    out = []
    months = _target_months()
    for m in _target_pattern().finditer(_norm(text)):
        g = m.groups()
        if g[0]:
            calendar, month = months[g[1]]
            day, year = int(g[0]), int(g[2]) if g[2] else None
        elif g[7]:
            (calendar, month), day = months[g[7]], int(g[8])
            year = int(g[6]) if g[6] else None
        else:
            year, month, day = int(g[3]), int(g[4]), int(g[5])
            calendar = "gregorian" if year >= 1700 else "solar"
        if calendar == "solar" or _valid(year, month, day):
            out.append(TargetDate(m.start(), m.end(), text[m.start():m.end()], calendar,
                                  year, month, day))
    return out


def to_solar(year: int, month: int, day: int) -> tuple[int, int, int]:
    j = jdatetime.date.fromgregorian(date=datetime.date(year, month, day))
    return j.year, j.month, j.day


def to_gregorian(year: int, month: int, day: int) -> tuple[int, int, int] | None:
    try:
        g = jdatetime.date(year, month, day).togregorian()
    except ValueError:
        return None
    return g.year, g.month, g.day


def is_solar_leap(year: int) -> bool:
    return bool(jdatetime.date(year, 1, 1).isleap())


def same_day(source: SourceDate, target: TargetDate) -> bool:
    if target.calendar == "gregorian":
        return (target.month, target.day) == (source.month, source.day) and (
            None in (target.year, source.year) or target.year == source.year)
    if target.year is not None:
        g = to_gregorian(target.year, target.month, target.day)
        return g is not None and g[1:] == (source.month, source.day) and (
            source.year is None or g[0] == source.year)
    # neither year known: Hamal 1 moves by a day over the leap cycle; any year of one cycle
    years = [source.year] if source.year else [2021, 2022, 2023, 2024]
    return any(to_solar(y, source.month, source.day)[1:] == (target.month, target.day)
               for y in years if _valid(y, source.month, source.day))


def format_solar(year: int | None, month: int, day: int, lang: str) -> str:
    """``۱۸ سنبله ۱۳۸۰`` (Solar Hijri, Afghan month name, Persian digits)."""
    text = f"{day} {solar_names(lang)[month - 1]}" + (f" {year}" if year else "")
    return languages.to_native_digits(text)


def format_gregorian(year: int | None, month: int, day: int, lang: str) -> str:
    """``۹ سپتمبر ۲۰۰۱`` (CLDR month name of ``lang``, Persian digits)."""
    text = f"{day} {gregorian_names(lang)[month - 1]}" + (f" {year}" if year else "")
    return languages.to_native_digits(text)


def renderings(date: SourceDate, lang: str) -> list[str]:
    """The source date written for ``lang``: Solar Hijri first (when the year is known),
    then Gregorian."""
    out = []
    if date.year:
        sy, sm, sd = to_solar(date.year, date.month, date.day)
        out.append(format_solar(sy, sm, sd, lang))
    out.append(format_gregorian(date.year, date.month, date.day, lang))
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    message: Msg  # put into words when shown
    suggestion: str
    target_span: tuple[int, int] | None = None


def check(source: str, target: str, lang: str) -> list[Problem]:
    """Dates of the source missing or different in the target; Iranian month names."""
    problems = []
    found = target_dates(target)
    for date in source_dates(source):
        if not any(same_day(date, t) for t in found):
            options = renderings(date, lang)
            problems.append(Problem(
                Msg(N_("the date {date} is missing or different; write {options}"),
                    date=isolate(date.text), options=Joined(N_(" or "), map(isolate, options))),
                options[0]))
    for m in _IRANIAN.finditer(_norm(target)):
        if not (m.group(1) or m.group(3)):
            continue  # دی, تیر, مهر are also words: only next to a number is it a date
        n = [_norm(x) for x in IRANIAN_SOLAR].index(m.group(2))
        afghan = solar_names(lang)[n]
        problems.append(Problem(Msg(N_("Iranian month name {name}: in Afghanistan it is "
                                       "{afghan}"), name=isolate(IRANIAN_SOLAR[n]),
                                    afghan=isolate(afghan)),
                                afghan, (m.start(2), m.end(2))))
    return problems


def rendered_spans(source: str, target: str) -> list[tuple[int, int]]:
    """Spans of the source dates that the target gives as the same day: a month name
    inside them needs no glossary rendering (August may well be اسد there)."""
    found = target_dates(target)
    return [(d.start, d.end) for d in source_dates(source)
            if any(same_day(d, t) for t in found)]


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where dates are, in a source or a target: their numbers are checked as dates."""
    spans = [(d.start, d.end) for d in source_dates(text)]
    spans += [(d.start, d.end) for d in target_dates(text)]
    spans += [(m.start(), m.end()) for m in _IRANIAN.finditer(_norm(text))
              if m.group(1) or m.group(3)]
    return spans


def without_dates(text: str) -> str:
    for start, end in sorted(date_spans(text), reverse=True):
        text = text[:start] + " " + text[end:]
    return text


_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+"
                     r"(?:\.\d+)?(?![\d,])")


@dataclass(frozen=True, slots=True)
class Insertion:
    start: int  # span in the source
    end: int
    text: str
    targets: list[str]  # what the translator may insert, best first


def insertions(source: str, lang: str) -> list[Insertion]:
    """Dates and numbers of ``source`` written the Afghan way, for the editor to offer
    like glossary terms: ``9 September 2001`` -> ``۱۸ سنبله ۱۳۸۰``, ``۹ سپتمبر ۲۰۰۱``;
    ``800,000`` -> ``۸۰۰٬۰۰۰``."""
    out = [Insertion(d.start, d.end, d.text, renderings(d, lang)) for d in source_dates(source)]
    taken = [(i.start, i.end) for i in out]
    for m in _NUMBER.finditer(source):
        if any(a <= m.start() < b for a, b in taken):
            continue
        raw = m.group(0).replace(",", "")
        value: float | int = float(raw) if "." in raw else int(raw)
        out.append(Insertion(m.start(), m.end(), m.group(0),
                             [languages.format_number(value, lang)]))
    out.sort(key=lambda i: i.start)
    return out
