"""The reviewer's checks: repeated words, edge whitespace, end punctuation, URLs and codes,
length, consistency, word lists and regular-expression checklists, and QA profiles."""

from __future__ import annotations

import json

import pytest

from desktop_app.core import qa
from desktop_app.core.errors import InputError
from desktop_app.core.qa import profiles
from desktop_app.core.qa.more import Limits, end_mark, references, repeated_words
from desktop_app.core.qa.review import Checker
from desktop_app.core.segments import Segment, Status


def codes(source: str, target: str, lang: str = "prs", **kw: object) -> list[str]:
    return [f.code for f in qa.check([(source, target)], "en", lang, disabled=["glossary"],
                                     enabled=qa.ALL_CHECKS, **kw)]  # type: ignore[arg-type]


def test_classic_checks_stay_the_default() -> None:
    # without ``enabled`` only the checks the editor always had run (no end punctuation)
    assert [f.code for f in qa.check([("Kabul is calm.", "کابل آرام است")], "en", "prs",
                                     disabled=["glossary"])] == []
    assert codes("Kabul is calm.", "کابل آرام است") == [qa.END_PUNCTUATION]


def test_repeated_words_know_half_spaces_and_reduplication() -> None:
    assert [w for w, _s, _e in repeated_words("او می‌رود میرود به خانه")] == ["میرود"]
    assert repeated_words("آهسته آهسته رفت و کم کم آموخت") == []  # grammar, not a typo
    assert repeated_words("بلی، بلی") == []  # a comma between: said twice on purpose
    assert repeated_words("ورو ورو ځي") == []  # Pashto "slowly"
    assert [w for w, _s, _e in repeated_words("the the report")] == ["the"]
    assert codes("He went home.", "او به به خانه رفت.") == [qa.REPEATED]


def test_end_punctuation_maps_arabic_script_marks() -> None:
    assert end_mark("آیا آرام است؟") == "?" and end_mark("اول؛") == ";"
    assert end_mark("«او رفت.»") == "." and end_mark("wait...") == "…"
    assert codes("Is it calm?", "آیا آرام است؟") == []
    assert codes("First;", "اول؛") == []
    assert codes("Is it calm?", "آیا آرام است.") == [qa.END_PUNCTUATION]
    assert codes("It is calm", "آرام است.") == [qa.END_PUNCTUATION]


def test_whitespace_edges() -> None:
    assert codes("Kabul.", " کابل.") == [qa.EDGES]
    assert codes("Kabul. ", "کابل.") == [qa.EDGES]
    assert codes(" Kabul. ", " کابل. ") == []


def test_urls_emails_and_codes() -> None:
    assert references("Write to info@un.org or see https://un.org/af, form A4.") == {
        "info@un.org": 1, "https://un.org/af": 1, "A4": 1}
    assert references("in the 1990s, 5km away, on the 3rd day") == {}
    assert codes("Form ISO-9001 at www.un.org.", "فورم ISO-۹۰۰۱ در www.un.org است.") == []
    found = qa.check([("Mail info@un.org today.", "امروز ایمیل کنید.")], "en", "prs",
                     enabled=[qa.URLS])
    assert [f.code for f in found] == [qa.URLS] and "info@un.org" in found[0].message


def test_length_ratio_and_limit() -> None:
    long_source = "The delegation arrived in Doha on Monday morning."
    assert codes(long_source, "هیئت رسید.") == [qa.LENGTH]
    assert codes(long_source, "هیئت روز دوشنبه صبح به دوحه رسید.") == []
    assert codes("Yes.", "بلی.") == []  # too short to judge a ratio
    found = qa.check([("Headline.", "عنوان خیلی طولانی.")], "en", "prs", enabled=[qa.LENGTH],
                     limits=Limits(max_chars=10))
    assert [f.code for f in found] == [qa.LENGTH] and "10" in found[0].message


def seg(n: int, source: str, target: str) -> Segment:
    return Segment(n, f"b{n}", 0, source, target, Status.EDITED if target else Status.NEW,
                   "user")


def test_consistency_both_ways_folded() -> None:
    segments = [seg(1, "The talks.", "مذاکرات."), seg(2, "The talks.", "گفتگوها."),
                seg(3, "The talks.", "مذاكرات."),  # Arabic kaf: the same word as 1
                seg(4, "The meeting.", "مذاکرات."), seg(5, "The talks.", "")]
    found = Checker(profiles.default(), "en", "prs").run(segments)
    by_row = {r: sorted(f.code for f in fs) for r, fs in found.items()}
    assert by_row[1] == [qa.INCONSISTENT_TARGET]
    assert "segments 1, 3" in next(f.message for f in found[1])
    assert qa.INCONSISTENT_SOURCE in by_row[3] and qa.INCONSISTENT_TARGET in by_row[0]
    assert by_row[4] == [qa.EMPTY]  # untranslated: no consistency finding


def test_word_list_and_regex_checklist_from_a_profile() -> None:
    data = json.loads(profiles.default().dumps())
    data["word_list"] = ["ولسوالی", "شهرستان"]
    data["regex"] = [{"pattern": r"\bUN\b", "message": "write the UN in full", "side": "source"},
                     {"pattern": "[0-9]", "message": "Latin digits in the target"}]
    profile = profiles.parse(json.dumps(data), "mine.json")
    segments = [seg(1, "The UN district.", "شهرستان ملل متحد ۳."),
                seg(2, "Page 3.", "صفحه 3.")]
    found = Checker(profile, "en", "prs").run(segments)
    assert sorted((f.segment, f.code, f.message) for fs in found.values() for f in fs
                  if f.code in (qa.WORD_LIST, qa.REGEX)) == [
        (0, qa.REGEX, "write the UN in full"),
        (0, qa.WORD_LIST, "\u2068شهرستان\u2069 is on the project's word list"),
        (1, qa.REGEX, "Latin digits in the target")]


def test_profile_severities_switch_checks_off_and_reject_bad_files() -> None:
    default = profiles.default()
    assert default.severity("tags") == "error" and default.severity("length") == "note"
    assert default.confirm_gate == "ask"
    data = json.loads(default.dumps())
    data["severities"]["end-punctuation"] = "off"
    profile = profiles.parse(json.dumps(data), "p.json")
    assert qa.END_PUNCTUATION not in profile.enabled()
    found = Checker(profile, "en", "prs").run([seg(1, "Calm.", "آرام")])
    assert found == {}
    for bad, words in (({"severities": {"nope": "error"}}, "unknown check"),
                       ({"severities": {"tags": "fatal"}}, "unknown severity"),
                       ({"regex": [{"pattern": "("}]}, "not a valid regular expression"),
                       ({"confirm_gate": "maybe"}, "confirm_gate"),
                       ({"length": {"max_chars": -1}}, "max_chars")):
        with pytest.raises(InputError, match=words):
            profiles.parse(json.dumps({"tarjuman_qa_profile": 1, **bad}), "bad.json")
    with pytest.raises(InputError, match="not a Tarjuman QA profile"):
        profiles.parse("{}", "x.json")
