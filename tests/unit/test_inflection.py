"""Dari and Pashto endings per word: each ending class in a real sentence, and stems that
begin unrelated words."""

from __future__ import annotations

import pytest

from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.qa import GlossaryQA
from desktop_app.core.glossary.store import Concept, Term
from desktop_app.core.inflection import BY_LANGUAGE, DARI, PASHTO


def found(lang: str, term: str, text: str) -> list[str]:
    m = Matcher(lang, [Concept([Term(lang, term)], id=1, glossary="g")])
    return [h.text for h in m.find(text)]


@pytest.mark.parametrize(("term", "sentence", "form"), [
    ("ولسمشر", "ولسمشران په کابل کې سره وکتل.", "ولسمشران"),  # -ان
    ("ولسمشر", "د ولسمشرانو غونډه پای ته ورسېده.", "ولسمشرانو"),  # -انو
    ("حکومت", "د سیمې حکومتونه له ستونزو سره مخ دي.", "حکومتونه"),  # -ونه
    ("حکومت", "له حکومتونو سره خبرې وشوې.", "حکومتونو"),  # -ونو
    ("ښځه", "ښځې د خپلو حقونو غوښتنه کوي.", "ښځې"),  # -ه -> -ې
    ("ښځه", "د ښځو ښوونځي بیا پرانیستل شول.", "ښځو"),  # -ه -> -و
    ("سړی", "سړي کلي ته راغلل.", "سړي"),  # -ی -> -ي
    ("ملا", "د ملاګانو شورا غونډه وکړه.", "ملاګانو"),  # -ګانو
    ("ولسوالۍ", "په ولسوالیو کې جګړه روانه ده.", "ولسوالیو"),  # -ۍ -> -یو
    ("ټاکنې", "له ټاکنو وروسته لاریونونه وشول.", "ټاکنو"),  # -ې -> -و
    ("لوی ښار", "په لویو ښارونو کې ګڼه ګوڼه ده.", "لویو ښارونو"),  # every word inflects
])
def test_pashto_endings(term: str, sentence: str, form: str) -> None:
    assert found("ps", term, sentence) == [form]


@pytest.mark.parametrize(("term", "sentence", "form"), [
    ("کتاب", "کتاب‌ها روی میز است.", "کتاب‌ها"),  # -ها after a half-space
    ("کتاب", "کتابهای تاریخی را خواندم.", "کتابهای"),  # -های joined
    ("مهاجر", "مهاجران به وطن برگشتند.", "مهاجران"),  # -ان
    ("مهاجر", "مهاجرین در پاکستان اند.", "مهاجرین"),  # Arabic plural -ین
    ("انتخاب", "انتخابات ریاست جمهوری برگزار شد.", "انتخابات"),  # -ات
    ("شفاخانه", "شفاخانهٔ ولایتی پر از زخمی بود.", "شفاخانهٔ"),  # ezafe ٔ
    ("شفاخانه", "شفاخانه‌ی ولایتی بسته بود.", "شفاخانه‌ی"),  # ezafe ی after a half-space
    ("بنده", "بندگان خدا دعا کردند.", "بندگان"),  # silent ه -> گان
    ("شهر بزرگ", "شهرهای بزرگ کشور پرجمعیت اند.", "شهرهای بزرگ"),  # the inner word
])
def test_dari_endings(term: str, sentence: str, form: str) -> None:
    assert found("prs", term, sentence) == [form]


@pytest.mark.parametrize(("lang", "term", "sentence"), [
    ("prs", "جنگ", "جنگل‌های پنجشیر سبز است."),  # forest is not war
    ("prs", "مرد", "مردم به خیابان آمدند."),  # people are not a man
    ("prs", "شهر", "شهرت او زیاد است."),  # fame is not a city
    ("prs", "کار", "کارمندان دولت معاش نگرفتند."),  # employees are not work
    ("ps", "ولس", "ولسمشر وینا وکړه."),  # the president is not the nation
    ("ps", "ښار", "ښاروال استعفا وکړه."),  # the mayor is not the city
    ("ps", "ښار", "ښارګوټی کوچنی دی."),  # a town is not the city
    ("ps", "ور", "ورو ورو راغی."),  # too short to inflect at all (ورو: slowly)
])
def test_a_stem_never_matches_an_unrelated_word(lang: str, term: str, sentence: str) -> None:
    assert found(lang, term, sentence) == []


def test_short_words_take_no_ending() -> None:
    assert found("prs", "زن", "زنان آمدند") == ["زنان"]
    assert found("ps", "ور", "ور خلاص دی") == ["ور"]
    assert found("ps", "ور", "ورونه خلاص دي") == []  # two letters: below the Pashto minimum
    assert found("prs", "و", "وها") == []
    assert (DARI.min_word, PASHTO.min_word) == (2, 3)
    assert set(BY_LANGUAGE) >= {"prs", "ps", "en"}


def test_an_inflected_iranian_form_is_still_forbidden() -> None:
    c = Concept([Term("en", "hospital"), Term("prs", "شفاخانه"),
                 Term("prs", "بیمارستان", status="forbidden")], id=1, glossary="g")
    qa = GlossaryQA([c], "en", "prs")
    codes = sorted(f.code for f in qa.check([("Hospitals closed.", "بیمارستان‌ها بسته شد.")]))
    assert codes == ["term-forbidden"]  # the forbidden finding says what to use instead
    forbidden = [f for f in qa.check([("The city's hospitals", "بیمارستانهای شهر")])
                 if f.code == "term-forbidden"]
    assert forbidden and forbidden[0].target_span == (0, 12)
    assert forbidden[0].suggestion == "شفاخانه"
    assert qa.check([("Hospitals closed.", "شفاخانه‌ها بسته شد.")]) == []


@pytest.mark.parametrize(("lang", "term", "sentence", "form"), [
    ("prs", "ولایت", "ولایات شمالی با خشکسالی روبرو اند.", "ولایات"),  # -ت -> -ات
    ("prs", "حمله", "حملات انتحاری افزایش یافته است.", "حملات"),  # -ه -> -ات
    ("prs", "مکتب", "معلمین به مکاتب بازگشتند.", "مکاتب"),  # broken plural (table)
    ("prs", "منطقه", "در مناطق کوهستانی برف بارید.", "مناطق"),
    ("prs", "مسئله", "مسایل امنیتی بررسی شد.", "مسایل"),  # the other hamza spelling
    ("prs", "ولایت", "در ولایات‌شان ناامنی است.", "ولایات‌شان"),  # a plural takes a clitic
    ("prs", "رئیس‌جمهور", "رؤسای جمهور دو کشور دیدار کردند.", "رؤسای جمهور"),  # in a compound
    ("prs", "مکتب دخترانه", "مکاتب دخترانه بسته اند.", "مکاتب دخترانه"),  # an inner word
    ("ps", "ولایت", "د شمال په ولایاتو کې واوره ورېدلې.", "ولایاتو"),  # Pashto oblique -و
])
def test_arabic_plurals(lang: str, term: str, sentence: str, form: str) -> None:
    assert found(lang, term, sentence) == [form]


@pytest.mark.parametrize(("term", "sentence", "form"), [
    ("مکتب", "حکومت مکتب‌هایشان را بست.", "مکتب‌هایشان"),  # plural + -شان
    ("هم‌وطن", "هموطنانمان در ایران اند.", "هموطنانمان"),  # plural + -مان
    ("شهر", "مردم شهرشان را ترک کردند.", "شهرشان"),  # -شان
    ("شفاخانه", "شفاخانه‌اش بسته شد.", "شفاخانه‌اش"),  # -اش after silent ه
    ("شهر بزرگ", "شهر بزرگشان را ترک کردند.", "شهر بزرگشان"),  # the clitic closes the phrase
    ("حکومت", "رئیس‌جمهور و حکومتش استعفا دادند.", "حکومتش"),  # -ش on three letters or more
])
def test_dari_pronoun_clitics(term: str, sentence: str, form: str) -> None:
    assert found("prs", term, sentence) == [form]


@pytest.mark.parametrize(("lang", "term", "sentence"), [
    ("prs", "ملت", "ملات دیوار خشک شد."),  # too short for -ات: ملات is mortar
    ("prs", "مکتب", "مکاتبه با وزارت ادامه دارد."),  # correspondence is not schools
    ("prs", "مکتب", "مکتوب وزارت رسید."),  # a letter is not a school
    ("prs", "انتخابات", "انتخاباات"),  # a word in -ات takes no second -ات
    ("prs", "مرد", "مردمان کوه‌نشین"),  # -مان is no ending alone: peoples are not a man
    ("prs", "شهر", "شهرت او زیاد است."),  # nor -ت: fame is not a city
    ("prs", "شهر بزرگ", "شهرشان بزرگ است."),  # a clitic inside the phrase is not the term
    ("prs", "رو", "روش تازه"),  # -ش needs three letters: a method is no face
])
def test_plurals_and_clitics_never_match_an_unrelated_word(lang: str, term: str,
                                                           sentence: str) -> None:
    assert found(lang, term, sentence) == []


@pytest.mark.parametrize(("sentence", "form"), [
    ("د پنجشیر په دره کې جګړه روانه ده.", "د پنجشیر په دره"),  # in
    ("خلک د پنجشیر له درې څخه ووتل.", "د پنجشیر له درې"),  # from, oblique head
    ("د پنجشیر د درې لارې وتړل شوې.", "د پنجشیر د درې"),  # of
    ("د پنجشیر تر درې پورې ورسېدل.", "د پنجشیر تر درې"),  # up to
    ("په پنجشیر دره کې جګړه روانه ده.", "پنجشیر دره"),  # a name's compound without د
])
def test_pashto_preposition_before_the_head_of_a_genitive_term(sentence: str,
                                                               form: str) -> None:
    assert found("ps", "د پنجشیر دره", sentence) == [form]
    assert found("ps", "د پنجشیر دره", "د پنجشیر او دره") == []  # not any word between


@pytest.mark.parametrize(("term", "sentence", "form"), [
    ("woman", "Three women were released.", "women"),
    ("woman", "Women's rights were discussed.", "Women"),
    ("man", "Police arrested three men.", "men"),
    ("child", "Children were among the dead.", "Children"),
    ("country", "The countries of the region met.", "countries"),
    ("university", "Private universities closed.", "universities"),
    ("big city", "Big cities face power cuts.", "Big cities"),
])
def test_english_irregular_plurals(term: str, sentence: str, form: str) -> None:
    assert found("en", term, sentence) == [form]


def test_english_plurals_stay_with_their_words() -> None:
    assert found("en", "man", "The chairmen and the mankind.") == []
    assert found("en", "Kabul", "Kabuls") == ["Kabuls"]  # a name takes the regular -s only
    assert found("en", "UN", "UNs") == ["UNs"]


def test_the_plural_rules_fit_the_window_searched() -> None:
    import re._parser as parser  # the width of a pattern

    from desktop_app.core.inflection import RULE_WINDOW, _pluralizer

    rules = _pluralizer()[0].pluralRules
    assert len(rules) > 20
    for rule, _ in rules:
        assert rule.pattern.endswith("$")
        assert parser.parse(rule.pattern).getwidth()[1] <= RULE_WINDOW, rule.pattern


def test_the_shortcut_gives_what_the_library_gives() -> None:
    from desktop_app.core.inflection import _pluralizer, english_plural

    library = _pluralizer()[0]
    words = ["woman", "man", "child", "person", "people", "country", "city", "police", "nation",
             "policeman", "chairwoman", "sheep", "mouse", "goose", "tooth", "foot", "analysis",
             "crisis", "criterion", "datum", "thesis", "life", "wife", "knife", "leaf", "half",
             "staff", "chief", "hero", "potato", "valley", "university", "army", "family",
             "security", "force", "news", "series", "species", "warlord", "president",
             "hospital", "province", "bus", "gas", "alias", "axis", "index", "matrix", "cactus",
             "phenomenon", "ox", "quiz", "box", "church", "dish", "kilo", "radio", "zoo",
             "photo", "echo", "tomato", "memorandum", "millennium", "appendix", "vertex",
             "bureau", "plateau", "commando", "mujahid", "taliban", "refugee", "compatriot",
             "district", "ministry", "election", "teacher", "soldier", "village", "car",
             "school", "war", "work", "resistance", "government"]
    for word in words:
        plural = library.pluralize(word, 2, False)
        expected = None if plural in (word, word + "s", word + "es") else plural
        assert english_plural(word) == expected, word
