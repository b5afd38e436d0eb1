"""Inflection endings per language, as data: which endings a glossary word may carry in
running text and still count as the same term.

Every word of a term (not only the last) may carry an ending of its language. Endings are
closed lists and a word must end right after its ending, so a stem never matches an
unrelated longer word (``جنگ`` is not found in ``جنگل``, ``ولس`` not in ``ولسمشر``).
A word shorter than ``min_word`` letters (Dari 2, Pashto 3: its endings include single
letters) takes no ending at all.

Sources for the tables:
- Dari: W. M. Thackston, *An Introduction to Persian* (4th ed., 2009), the lessons on
  the plural (-ها, -ان, -ات, -گان after silent ه; the Arabic -ین of مهاجرین), on the
  ezafe (-ی, -یی after vowels, ٔ on silent ه, which folding removes) and on the pronoun
  clitics (-ش, -شان, -تان; -اش after silent ه). In Afghan text ها
  is written joined or after a half-space; both fold to the same key.
- Pashto: Herbert Penzl, *A Grammar of Pashto* (1955), §§ on noun and adjective classes;
  Habibullah Tegey & Barbara Robson, *A Reference Grammar of Pashto* (1996), ch. 3:
  direct/oblique, singular/plural: -ونه/-ونو (masculine inanimate plural), -ان/-انو
  (masculine animate plural), -ګان/-ګانو (plural after vowels), -ه → -ې/-و (feminine
  in -a: ښځه ښځې ښځو), -ی → -ي/-و (masculine in -ay: سړی سړي سړو), oblique plural -و.
- Arabic plurals in Dari and Pashto: Ann K. S. Lambton, *Persian Grammar* (1953), the
  chapter on Arabic words in Persian (the feminine plural -ات and the broken plural
  patterns afʿāl, fuʿūl, mafāʿil, fuʿalā…).
  A feminine noun in -ت or -ه (Arabic tāʾ marbūṭa) takes -ات in place of its final
  letter (ولایت ولایات، حمله حملات), only on a stem of ``arabic_min_stem`` letters (ملت is
  not ملات, mortar). Broken plurals follow no rule a matcher can apply, so they are a
  table of whole words (``BROKEN_PLURALS``): the Arabic nouns of Afghan news reporting
  (government, provinces, schools, people, offices), each with its usual plural(s).
- Pashto genitive phrases (Tegey & Robson, on adpositions): a preposition of the
  head noun stands between the genitive ``د X`` and its head, so ``د پنجشیر دره`` is
  written ``د پنجشیر په دره کې`` (in), ``له … څخه`` (from), ``تر`` (up to), ``پر``
  (on), ``د … د`` (of). A name's compound is also written without the د (پنجشیر دره,
  پنجشیر ولایت).
- English: the possessive and the regular plural; irregular plurals (woman women,
  child children, country countries) come from the ``pluralizer`` library's rules.

Folding (``textnorm``) is applied to the table with the matcher's own settings, so a
Pashto ګ in an ending matches a Persian گ in lenient mode and only itself in strict mode.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Pairs = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Endings:
    added: tuple[str, ...]  # appended to the word as written
    replaced: Pairs = ()  # final letter -> replacements
    min_word: int = 3  # letters a word needs before it may take an ending
    inner: bool = True  # words inside a multi-word term inflect too (not in English)
    arabic: tuple[str, ...] = ()  # final letters that -ات replaces (Arabic feminine plural)
    arabic_min_stem: int = 3  # letters left before the final letter for -ات to apply
    broken: Pairs = ()  # whole word -> its irregular plurals
    before_head: tuple[str, ...] = ()  # words that may stand before the head of ``د X Y``
    clitics: tuple[str, ...] = ()  # endings of the last word only (pronoun clitics)
    long_stem_clitics: tuple[str, ...] = ()  # ... taken only by a last word this long:
    long_stem: int = 3


# Broken plurals of Arabic nouns common in Afghan news text, as Dari writes them (both
# spellings where the hamza is written two ways). The plural of a noun whose regular
# -ها/-ات/-ین forms the ending table already gives (مقامات، مهاجرین) is not listed.
BROKEN_PLURALS: Pairs = (
    ("مکتب", ("مکاتب",)), ("مدرسه", ("مدارس",)), ("ملت", ("ملل",)),
    ("منطقه", ("مناطق",)), ("مسئله", ("مسائل", "مسایل")), ("مساله", ("مسائل", "مسایل")),
    ("حادثه", ("حوادث",)), ("مرکز", ("مراکز",)), ("مسجد", ("مساجد",)),
    ("شخص", ("اشخاص",)), ("فرد", ("افراد",)), ("طفل", ("اطفال",)), ("مورد", ("موارد",)),
    ("قانون", ("قوانین",)), ("دولت", ("دول",)), ("علت", ("علل",)), ("خبر", ("اخبار",)),
    ("حزب", ("احزاب",)), ("عضو", ("اعضا", "اعضاء")), ("قوم", ("اقوام",)),
    ("قبیله", ("قبایل", "قبائل")), ("مدرک", ("مدارک",)), ("منبع", ("منابع",)),
    ("شرط", ("شرایط", "شرائط")), ("وظیفه", ("وظایف", "وظائف")), ("مجلس", ("مجالس",)),
    ("کتاب", ("کتب",)), ("مرض", ("امراض",)), ("رئیس", ("روسا", "رؤسا")),
    ("رییس", ("روسا", "رؤسا")), ("وزیر", ("وزرا", "وزراء")), ("سفیر", ("سفرا",)),
    ("عالم", ("علما", "علماء")), ("حاکم", ("حکام",)), ("قاضی", ("قضات",)),
    ("وقت", ("اوقات",)), ("ماده", ("مواد",)), ("معدن", ("معادن",)),
    ("شریک", ("شرکا",)), ("سبب", ("اسباب",)), ("حق", ("حقوق",)), ("رسم", ("رسوم",)),
    ("اسم", ("اسامی",)), ("شهید", ("شهدا",)), ("حکم", ("احکام",)), ("عمل", ("اعمال",)),
    ("نقطه", ("نقاط",)), ("جزیره", ("جزایر", "جزائر")), ("دفتر", ("دفاتر",)),
    ("مرحله", ("مراحل",)), ("نوع", ("انواع",)), ("اصل", ("اصول",)),
    ("مملکت", ("ممالک",)), ("عنصر", ("عناصر",)), ("تاجر", ("تجار",)),
    ("فقیر", ("فقرا",)), ("مذهب", ("مذاهب",)), ("ناحیه", ("نواحی",)),
    ("منزل", ("منازل",)), ("دین", ("ادیان",)), ("سند", ("اسناد",)),
    ("جسد", ("اجساد",)), ("مال", ("اموال",)), ("قاعده", ("قواعد",)),
    ("عقیده", ("عقاید", "عقائد")), ("ذخیره", ("ذخایر", "ذخائر")), ("طالب", ("طلاب",)),)


DARI = Endings(
    # -ینی/-انی: a plural with the indefinite or relative -ی (مهاجرینی که); -انش: with the
    # clitic -ش (هموطنانش); -جات after ه (قریه‌جات); -یان/-ییان after a vowel (روستاییان).
    added=("هایی", "هایم", "هایش", "های", "ها", "ینی", "انی", "انش", "ین", "ان", "ات",
           "جات", "ییان", "یان", "یی", "ای", "ی"),
    replaced=(("ه", ("گان", "گانی", "ها", "های")),),
    min_word=2,  # زن -> زنان: two-letter nouns are common, the endings are long
    arabic=("ت", "ه"),  # ولایت -> ولایات, حمله -> حملات
    broken=BROKEN_PLURALS,
    # Pronoun clitics close the noun phrase (شهر بزرگشان, not شهرشان بزرگ): -شان -تان,
    # all of them after a plural (هموطنانمان), -اش after silent ه (خانه‌اش), and -ش on a
    # word of three letters or more (حکومتش; the deverbal -ش of روش، بخش takes shorter
    # stems). -م -ت -مان are left out: مرد+م is مردم (people), شهر+ت is شهرت (fame),
    # ساز+مان is سازمان. (-هایم -هایش -انش are in ``added`` above.)
    clitics=("هایمان", "هایتان", "هایشان", "هایت", "انمان", "انتان", "انشان", "انم", "انت",
             "شان", "تان", "اش"),
    long_stem_clitics=("ش",),
)

PASHTO = Endings(
    added=("ګانو", "ګان", "ونه", "ونو", "انو", "ان", "ې", "و", "ه", "ي"),
    replaced=(
        ("ه", ("ې", "و", "ي")),  # ښځه -> ښځې, ښځو
        ("ی", ("ي", "و", "یو", "ې")),  # سړی -> سړي, سړو; ښوونکی -> ښوونکې (feminine)
        ("ۍ", ("یو", "ي")),  # feminine in -əy: ولسوالۍ -> ولسوالیو
        ("ې", ("و",)),  # feminine plurals in -e: ټاکنې -> ټاکنو
    ),
    arabic=("ت", "ه"),  # Pashto writes Arabic loans with their plurals too (ولایات)
    broken=BROKEN_PLURALS,  # Pashto news borrows the same Arabic plurals (افراد، مناطق)
    before_head=("په", "له", "تر", "پر", "د"),
)

# Iranian Persian shares the Dari endings.
PERSIAN = DARI

ENGLISH = Endings(added=("'s", "'", "es", "s"), min_word=1, inner=False)

BY_LANGUAGE: dict[str, Endings] = {"prs": DARI, "ps": PASHTO, "fa": PERSIAN, "en": ENGLISH}

# Languages not listed above take the union (the old behaviour: any of these endings).
ANY = Endings(added=tuple(dict.fromkeys(ENGLISH.added + DARI.added + PASHTO.added)),
             min_word=1, inner=False)


def endings_for(lang: str) -> Endings:
    return BY_LANGUAGE.get(lang, ANY)


def english_singular(word: str) -> str | None:
    """The singular of an irregular English plural (women -> woman), else None."""
    if len(word) < 2 or not word.isalpha():
        return None
    singular = str(_pluralizer()[0].singular(word))
    return singular if singular != word and english_plural(singular) == word else None


# Every plural rule of the library ends at the end of the word and spans at most 12
# letters (checked by the tests), so only a word's last letters are searched.
RULE_WINDOW = 12


@lru_cache(maxsize=4096)
def english_plural(word: str) -> str | None:
    """The plural of an English noun when the endings do not give it (women, children,
    countries, lives), else None. ``word`` is lower case."""
    if len(word) < 2 or not word.isalpha():
        return None
    pluralizer, special = _pluralizer()
    if not (word in pluralizer.irregularSingles or word in pluralizer.uncountables
            or special.search(word, max(0, len(word) - RULE_WINDOW))):
        return None  # only the library's regular rule applies: word + s
    plural = str(pluralizer.pluralize(word, 2, False))
    if plural in (word, word + "s", word + "es"):
        return None
    return plural


@lru_cache(maxsize=1)
def _pluralizer() -> tuple[Any, re.Pattern[str]]:
    """The library (rules of the JavaScript "pluralize" library) and one pattern joining
    its rules other than the regular -s, to skip the rule-by-rule walk for most words."""
    from pluralizer import Pluralizer

    pluralizer = Pluralizer()  # type: ignore[no-untyped-call]
    rules = [rule.pattern.removeprefix("(?i)") for rule, replacement in pluralizer.pluralRules
             if (rule.pattern, replacement) != ("(?i)s?$", "s")]
    return pluralizer, re.compile("|".join(f"(?:{r})" for r in rules), re.IGNORECASE)
