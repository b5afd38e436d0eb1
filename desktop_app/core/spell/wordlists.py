"""The Dari and Pashto Hunspell dictionaries Tarjuman ships, built from its own tables.

``resources/spell/stems-LANG.txt`` holds the stems, written for Tarjuman from news
vocabulary (politics, security, economy, health, places, titles, the Afghan months,
numbers), in sections: ``[word]`` nouns and adjectives (they take the plural, ezafe and
clitic endings), ``[name]`` names (the same endings: ``کابلیان``, ``کابلش`` are rare but
right), ``[fixed]`` words that take no ending, ``[verb]`` one verb a line as
``infinitive present-stem [past-stem...]`` (Dari ``کردن کن``, Pashto ``کول کو``; an
irregular Pashto past stem after them: ``راتلل راځ راغل``). A Dari verb with a preverb
is written with ``+`` after it (``بر+گشتن بر+گرد``): the prefixes می/نمی go between
(``برمی‌گردد``).

The affix rules come from ``core/inflection.py`` (the endings the glossary matcher uses:
plural -ها/-ان/-ات, ezafe, pronoun clitics, the Pashto case endings and the -ه/-ی/-ۍ/-ې
replacements) and from the verb endings below, so the checker and the matcher agree on
what an inflected word is. ``python -m desktop_app.core.spell.wordlists`` writes
``resources/spell/prs_AF.{dic,aff}`` and ``ps_AF.{dic,aff}``; a test rebuilds them and
fails when the shipped files are out of date. The build lives in the app (not in a
script beside it) because the same tables decide at run time which Iranian forms the
Dari overlay corrects.

The Dari list holds no Iranian-only form: ``resources/spell/iranian-prs.txt`` pairs each
Iranian form with its Dari equivalent (دانشگاه پوهنتون), the build refuses a stem that
is an Iranian form, and the checker flags those forms with the Dari word first.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.inflection import DARI, PASHTO, Endings
from desktop_app.core.resources import shipped

# Verb endings. Dari: W. M. Thackston, *An Introduction to Persian* (4th ed., 2009), the
# lessons on the past and present tenses, the present perfect and the subjunctive.
# Pashto: Tegey & Robson, *A Reference Grammar of Pashto* (1996), ch. 5 (verb endings):
# present -م -ې -ي -و -ئ, past -م -ې -ه -و -ئ -ل, the perfective prefix و-.
DARI_PAST = ("", "م", "ی", "یم", "ید", "ند", "ه", "هام", "های", "هایم", "هاید", "هاند", "ن", "گان",
             "نی", "نش", "ید")
DARI_PRESENT = ("م", "ی", "د", "یم", "ید", "ند")
DARI_PRESENT_VOWEL = ("یم", "یی", "ید", "ییم", "یید", "یند")  # گو -> گوید, آ -> آید
DARI_PREFIXES = ("می", "نمی", "ن")
DARI_PRESENT_PREFIXES = ("می", "نمی", "ب", "ن")
PASHTO_INFINITIVE = ("", "و", "ې", "ی", "ي", "م", "ئ", "ه", "لو")
PASHTO_PAST_STEM = ("", "ه", "ې", "و", "م", "ئ", "ل", "لم", "لې", "لو", "لئ", "له", "ی", "ي",
                    "لای", "ای")  # -لای/-ای: the potential and the counterfactual
# (کړلای، درلودلای، ښکارېدای)
PASHTO_PRESENT = ("", "م", "ې", "ي", "و", "ئ", "ه", "ۍ")
# the perfective و- alone and after the directional preverbs را/در/ور, which also stand
# alone (وکړي, راوبولي, ورولېږي, راغورځېږي; Tegey & Robson ch. 5, the directional pronouns)
PASHTO_PREFIXES = ("و", "را", "در", "ور", "راو", "درو", "ورو")

ZWNJ = "\u200c"
# Derivations as regular as the endings (added after the first false-alarm measurement,
# as general rules, see the README): Dari -ه -> -گی (خانواده خانوادگی, Thackston on the
# suffix -ی after silent ه); Pashto feminine nouns in -ي written -ۍ, plural -یو
# (ښاروالي ښاروالۍ ښاروالیو, Tegey & Robson ch. 3).
DERIVED = {"prs": (("ه", "گی"), ("ه", "گیها")),
           "ps": (("ي", "ۍ"), ("ي", "یو"), ("ی", "ۍ"), ("ا", "اوې"), ("ا", "اوو"),
                  ("ه", "یز"), ("ه", "یزه"), ("ه", "یزې"), ("ه", "یزو"), ("ا", "ايي"),
                  ("ه", "اتو"), ("ت", "اتو"), ("ي", "و"), ("ا", "ایان"), ("ا", "ایانو"),
                  ("ه", "یو"), ("ه", "توب"), ("ه", "توبه"), ("ي", "یتوب"),
                  *(("ه", "ه" + ZWNJ + e) for e in ("جن", "جنه", "جنې", "جنو")))}
# Pashto nouns in -ا take -وې, oblique -وو (بریا بریاوې بریاوو, اړتیا اړتیاوې; Tegey &
# Robson ch. 3, feminine nouns in -aa), adjectives in -ی their feminine in -ۍ (وروستی
# وروستۍ); an adjective gives an abstract noun in -والی (چمتو چمتووالی, لږ لږوالی); Arabic
# loans keep their plural -ین, oblique -ینو (مامورین، عاملینو); -یز makes adjectives of
# nouns (کس کسیزه; a noun in -ه drops it: ټولنه ټولنیز, استوګنه استوګنیز); a noun in -ا
# takes -يي (اروپا اروپايي, روغتیا روغتیايي); the Arabic plural in -ات has its oblique -اتو
# (معاینه معایناتو, ولایت ولایاتو); a plural in -ي has its oblique in -و (جلیبي جلیبو); a
# noun in -ا takes -یان (ملا ملایان, نانوا نانوایانو).
# The feminine plural -ګانې beside -ګان/-ګانو (سینماګانې, شوراګانې). A feminine noun in
# -ه also takes the oblique plural -یو beside -و (ژمنو, ژمنیو). -توب makes abstract nouns
# (سړیتوب, ماشومتوب; a final -ه drops: نارینه نارینتوب), -جن adjectives of "full of"
# (ګردجن, خوندجنه; after -ه with a half-space: لړه‌جن), and a noun becomes an intransitive
# verb with -ېدل (قاچاق قاچاقېږي, Tegey & Robson ch. 5, denominal verbs). -خانه makes the
# place of a trade or thing (چاپ چاپخانه, کتاب کتابخانه). The abstract noun in -ي of an
# adjective or a trade (اساني, عطاري; Tegey & Robson ch. 3) is written -ۍ as well
# (اسانۍ, عطارۍ), as the feminine -ي of ښاروالي is (ښاروالۍ).
# The Dari clitics -م -ت -مان the matcher leaves out (مرد+م is مردم to it) are right in
# spelling: زادگاهم, کتابت, خانه‌مان (Thackston, the pronominal enclitics).
ABSTRACT = {"ps": ("والی", "والي", "والو", "ین", "ینو", "یز", "یزه", "یزې", "یزو", "ګانې",
                   "توب", "توبه", "جن", "جنه", "جنې", "جنو", "ېدل", "ېږي", "ېده", "ېدو",
                   "ېدلی", "ېدلي", "خانه", "خانې", "خانو", "ۍ"),
            "prs": ("م", "ت", "مان", "ام")}
# Dari copula endings on adjectives and nouns (امیدوارند, حاضریم; Thackston, the lesson on
# the enclitic present of ``to be``); -م is left out as for the clitics (مرد+م).
DARI_COPULA = ("یم", "ید", "ند")
# Verb derivations: Dari present stem + -ش (verbal noun: پوشش), + -نده (agent: کننده,
# کنندگان by the -ه table), past stem + -ار (گفتار); Pashto present stem + -ونکی (agent:
# کوونکی, کوونکي, کوونکو by the -ی table).
# Pashto adjectives whose و falls out when an ending comes (Tegey & Robson ch. 4, the
# class II adjectives): ړوند, ړانده (masculine plural), ړنده ړندې ړندو.
VOWEL_DROP = ("ړوند", "لوند", "پوخ", "سوړ", "کوږ")
# A transitive verb of one syllable (وهل, تړل, منل) makes its past "he was doing" with ا in
# the stem: واهه, تاړه, مانه (Tegey & Robson ch. 5, the third person masculine past);
# the verbs of one syllable that do not are left out.
NO_AA_PAST = frozenset(("تلل", "ختل", "وتل", "مرل", "شول", "لرل", "ویل", "ږدل", "کول", "کړل"))
# ته joins a pronoun as one written word (ماته, ځانته, هغوته; Tegey & Robson ch. 6)
PRONOUNS_WITH_TE = ("ما", "تا", "ځان", "هغه", "هغو", "دې", "دغه", "دغو", "دوی", "هغوی", "چا")
# A preposition and the demonstrative after it are written as one word in news as often as
# apart (پدې for په دې, لدې امله); so are the indefinite pronouns of هر/هېڅ with څوک/څه/چا,
# the second څ falling out (هېڅوک, هرڅوک; Tegey & Robson ch. 6, the indefinite pronouns).
JOINED = (*(p + d for p in ("پ", "ل", "د", "پر", "تر")
            for d in ("دې", "دغه", "دغې", "دغو", "دی")),
          "هیڅوک", "هېڅوک", "هرڅوک", "هرڅه", "هیچا", "هېچا", "هرچا")
LANGS = {"prs": ("stems-prs.txt", "prs_AF", DARI), "ps": ("stems-ps.txt", "ps_AF", PASHTO)}
HEADER = ("# Tarjuman's own {language} word list, built by desktop_app/core/spell/wordlists.py "
          "from resources/spell/{stems} and core/inflection.py.\n"
          "# Copyright the Tarjuman developers. GPL-3.0-or-later.\n")
TRY = {"prs": "یاوهدرنمتسلبکشزگپجچخحقفعغطظصضثذژئآ",
       "ps": "یاوهدرنمتسلبکشزګپجچخحقفعغطظصضثذژئآټډړږښڼۍېځڅ"}


@dataclass(frozen=True, slots=True)
class Stems:
    words: list[str]
    names: list[str]
    fixed: list[str]
    verbs: list[tuple[str, str]]
    pasts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # irregular past stems

    @property
    def count(self) -> int:
        """Entries: every word of the file, an inflected form written out included."""
        return (len(set(self.words) | set(self.names) | set(self.fixed))
                + len({v for v, _p in self.verbs}))

    def stems(self, lang: str) -> int:
        """Distinct stems: entries that are not an inflected form of another entry by the
        noun rules (``کشورها`` beside ``کشور`` counts once)."""
        words = {w.replace(ZWNJ, "") for w in self.words + self.names + self.fixed}
        rules = noun_rules(LANGS[lang][2], lang)
        inflected = {w for w in words for strip, add, _cond in rules
                     if add and w.endswith(add) and w[:-len(add)] + strip in words - {w}}
        return len(words - inflected) + len({v for v, _p in self.verbs})


def read_stems(lang: str, path: Path | None = None) -> Stems:
    path = path or shipped("resources", "spell", LANGS[lang][0])
    sections: dict[str, list[str]] = {"word": [], "name": [], "fixed": [], "verb": []}
    current = "word"
    for raw in path.read_text("utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            if current not in sections:
                raise ValueError(f"{path.name}: unknown section [{current}]")
            continue
        if current == "verb":
            sections["verb"].extend(p for p in line.split(";") if p.strip())
        else:
            sections[current].extend(w.strip(ZWNJ) for w in line.split() if w.strip(ZWNJ))
    verbs = []
    pasts: dict[str, tuple[str, ...]] = {}
    for entry in sections["verb"]:
        parts = entry.split()
        if len(parts) < 2:
            raise ValueError(f"{path.name}: a verb is 'infinitive present-stem': {entry!r}")
        verbs.append((parts[0], parts[1]))
        if len(parts) > 2:
            pasts[parts[0]] = pasts.get(parts[0], ()) + tuple(parts[2:])
    return Stems(sections["word"], sections["name"], sections["fixed"], verbs, pasts)


def iranian_forms() -> dict[str, str]:
    """Iranian-only forms and their Dari equivalent: ``دانشگاه`` -> ``پوهنتون``."""
    out: dict[str, str] = {}
    text = shipped("resources", "spell", "iranian-prs.txt").read_text("utf-8")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            iranian, dari = line.split(None, 1)
            out[iranian] = dari.strip()
    return out


def inner_yeh(word: str) -> str:
    """A Pashto word with every ي before its last letter written ی: inside a word the two
    look the same and keyboards type either (روغتیايي = روغتیایي); only a final ي is a
    letter of its own."""
    return word[:-1].replace("ي", "ی") + word[-1:]


def _sfx(flag: str, rules: list[tuple[str, str, str]]) -> list[str]:
    """One Hunspell suffix class: (strip, add, condition) rules."""
    rules = list(dict.fromkeys(r for r in rules if r[1] or r[0]))
    lines = [f"SFX {flag} Y {len(rules)}"]
    lines += [f"SFX {flag} {strip or '0'} {add or '0'} {cond}" for strip, add, cond in rules]
    return lines


def _pfx(flag: str, prefixes: tuple[str, ...]) -> list[str]:
    lines = [f"PFX {flag} Y {len(prefixes)}"]
    lines += [f"PFX {flag} 0 {p} ." for p in prefixes]
    return lines


def noun_rules(endings: Endings, lang: str) -> list[tuple[str, str, str]]:
    """Every ending of the matcher's table as a suffix rule: added endings and clitics on
    any stem, a final letter replaced (ه -> گان, ی -> ي), the Arabic -ات for -ت/-ه."""
    rules = [("", e, ".") for e in (*endings.added, *endings.clitics,
                                     *endings.long_stem_clitics)]
    for final, replacements in endings.replaced:
        rules += [(final, r, final) for r in replacements]
    rules += [(final, "ات", final) for final in endings.arabic]
    rules += [(final, add, final) for final, add in DERIVED.get(lang, ())]
    rules += [("", add, ".") for add in ABSTRACT.get(lang, ())]
    if lang == "ps":  # an inner ي of an ending also as ی (-ايي and -ایي): see inner_yeh
        rules += [(strip, inner_yeh(add), cond) for strip, add, cond in rules]
        # and an inner ې as the older ی (-ېدل and -یدل: تیرېدل تیریدل, see dic_entries)
        rules += [(strip, add[:-1].replace("ې", "ی") + add[-1:], cond)
                  for strip, add, cond in rules]
    if lang == "prs":  # after a vowel the clitics take ی: صدایشان, جایش, رویم
        rules += [("", add, "[او]") for add in ("یم", "یت", "یش", "یمان", "یتان", "یشان")]
    return rules


def build_aff(lang: str) -> str:
    endings = LANGS[lang][2]
    lines = ["SET UTF-8", f"TRY {TRY[lang]}", "WORDCHARS \u200c", ""]
    lines += _sfx("N", noun_rules(endings, lang)) + [""]
    if lang == "prs":
        lines += _sfx("C", [("", e, ".") for e in ("تر", "ترین", "ترینی", "انه", *DARI_COPULA)])
        lines += [""]
        lines += _sfx("P", [("", e, ".") for e in DARI_PAST]) + [""]
        # a stem in و takes either set: شو -> شود, رو -> روند; گو -> گوید, جو -> جوید
        lines += _sfx("R", [("", e, "[^اآ]") for e in DARI_PRESENT]
                      + [("", e, "[اوآ]") for e in DARI_PRESENT_VOWEL]) + [""]
        lines += _pfx("M", DARI_PREFIXES) + [""]
        lines += _pfx("B", DARI_PRESENT_PREFIXES) + [""]
        lines += [f"REP {len(iranian_forms())}"]
        lines += [f"REP {a} {b.replace(' ', '_')}" for a, b in iranian_forms().items()]
    else:
        lines += _sfx("L", [("", e, ".") for e in PASHTO_INFINITIVE]) + [""]
        lines += _sfx("P", [("", e, ".") for e in PASHTO_PAST_STEM]) + [""]
        lines += _sfx("R", [("", e, ".") for e in PASHTO_PRESENT]) + [""]
        lines += _pfx("W", PASHTO_PREFIXES) + [""]
    return HEADER.format(language="Dari" if lang == "prs" else "Pashto",
                         stems=LANGS[lang][0]) + "\n".join(lines) + "\n"


def _joined(prefix: str, stem: str) -> str:
    """The Dari verb prefix ب- or ن- on a stem: a ی comes in before ا/آ (بیفتد, نیامد)."""
    if stem.startswith("آ"):
        return prefix + "یا" + stem[1:]
    if stem.startswith("ا"):
        return prefix + "ی" + stem[1:]
    return prefix + stem


def dic_entries(lang: str, stems: Stems) -> dict[str, str]:
    """Word -> its flags."""
    entries: dict[str, set[str]] = {}

    def add(word: str, flags: str) -> None:
        # a half-space may be left out in typing (کتابها, میشود): both spellings are words;
        # a Pashto inner ي is also written ی (see inner_yeh)
        spellings: tuple[str, ...] = (word, word.replace(ZWNJ, ""))
        if lang == "ps":
            spellings += tuple(inner_yeh(w) for w in spellings)
            # an inner ې is written ی in the older spelling (تېرېدل تیریدل): both are right
            spellings += tuple(w[:-1].replace("ې", "ی") + w[-1:] for w in spellings)
        for w in dict.fromkeys(spellings):
            entries.setdefault(w, set()).update(flags)

    endings = LANGS[lang][2]
    if lang == "ps":
        for word in shared_loans(read_stems("prs")):
            add(word, "N")
        for infinitive, _present in stems.verbs:  # جوړول, جوړېدل -> جوړ (denominal verbs)
            infinitive = infinitive.replace("+", "")
            for suffix in ("ول", "ېدل", "یدل"):
                base = infinitive.removesuffix(suffix)
                if base != infinitive and len(base) >= 2 and ZWNJ not in base:
                    add(base, "N")
    for word in stems.words + stems.names:
        add(word, "NC" if lang == "prs" else "N")
    if lang == "ps":
        for pronoun in PRONOUNS_WITH_TE:
            add(pronoun + "ته", "")
        for word in JOINED:
            add(word, "")
        for word in VOWEL_DROP:
            first, rest = word[0], word[2:]
            add(word, "")
            for form in (first + "ا" + rest + "ه", *(first + rest + e for e in "هېو")):
                add(form, "")
    for word, plurals in endings.broken:
        for w in (word, *plurals):
            add(w, "N")
    for word in stems.fixed:
        add(word, "")
    for marked, marked_present in stems.verbs:
        infinitive, present = marked.replace("+", ""), marked_present.replace("+", "")
        if lang == "prs":
            add(infinitive, "N")  # کردن, کردنش
            add(infinitive.removesuffix("ن"), "PM")  # کرد, کردند, میکردند, کرده
            add(present, "RB")  # کند, میکند, بکند, بکن
            add(present + "ش", "N")  # پوشش
            add(present + "نده", "N")  # کننده, کنندگان
            add(infinitive.removesuffix("ن") + "ار", "N")  # گفتار
            if infinitive.endswith("اندن"):  # causatives in -اندن also -انیدن: چرانیدن
                add(infinitive.removesuffix("دن") + "یدن", "N")
                add(infinitive.removesuffix("دن") + "ید", "PM")
            # ب- and ن- before a stem in ا/آ take a ی: بیفتد نیفتاد بیاید نیامد بیاورند
            for stem, flags in ((present, "R"), (infinitive.removesuffix("ن"), "P")):
                if stem.startswith(("ا", "آ")):
                    for prefix in ("ب", "ن"):
                        add(_joined(prefix, stem), flags)
            if "+" in marked and "+" in marked_present:  # برمی‌گردد, برنمی‌گشت, برگردید
                preverb, past = marked.removesuffix("ن").split("+", 1)
                now = marked_present.split("+", 1)[1]
                for prefix in ("می" + ZWNJ, "نمی" + ZWNJ):
                    add(preverb + prefix + past, "P")
                    add(preverb + prefix + now, "R")
                # ب- and ن- join the stem, with ی before ا/آ: بربگردد, دربیاورد, درنیامد
                for prefix in ("ب", "ن"):
                    for stem, flags in ((now, "R"), (past, "P")):
                        if prefix == "ب" and flags == "P":
                            continue
                        add(preverb + _joined(prefix, stem), flags)
        else:
            add(infinitive, "LW")  # کول, کولو, وکول
            pasts = [infinitive.removesuffix("ل"), *stems.pasts.get(marked, ())]
            if infinitive.endswith("ښودل"):  # the participle of -ښودل: ایښی, پرېښې, کېښي
                pasts.append(infinitive.removesuffix("ودل"))
            for past in pasts:
                add(past, "PW")  # کړ, کړه, وکړ, وکړل; راغل, راغلي
            add(present, "RW")  # کوي, کوم, وکړي
            if infinitive.endswith("ول"):  # the past of -ول verbs: کاوه, تېراوه, جوړاوه
                add(infinitive.removesuffix("ول") + "اوه", "W")
            if len(infinitive) == 3 and infinitive not in NO_AA_PAST:  # وهل واهه
                add(infinitive[0] + "ا" + infinitive[1] + "ه", "W")
            add(present + "ونکی", "N")  # کوونکی, کوونکي, کوونکو
            # the verbal noun of -ول and -ېدل verbs in -ونه, -ېدنه (یادول یادونه یادونې,
            # ښویېدل ښویېدنه; Tegey & Robson ch. 5, the verbal nouns)
            if infinitive.endswith(("ول", "ېدل", "یدل")):
                add(infinitive.removesuffix("ل") + "نه", "N")
            # the agent noun is also made on the infinitive stem: لیکونکی, ښوونکی
            stem = infinitive.removesuffix("ل")
            add(stem + ("نکی" if stem.endswith("و") else "ونکی"), "N")
    return {w: "".join(sorted(f)) for w, f in sorted(entries.items())}


ARABIC_LETTERS = frozenset("ثحذصضطظعء")
# Arabic verbal nouns by their pattern, which Pashto writes as Dari does: tafʿīl (تمدید),
# ifʿāl (اعلام), iftiʿāl (انتخاب), istifʿāl (استخدام), tafāʿul (تبادل), mufāʿala (مبارزه).
ARABIC_PATTERNS = re.compile(r"^(?:ت..ی.|ا..ا.|ا.ت.ا.|است..ا.|ت.ا..|م.ا..ه)$")


def shared_loans(dari: Stems) -> list[str]:
    """Arabic loans of the Dari list, which Pashto writes the same way: a word with a letter
    only Arabic words have (ث ح ذ ص ض ط ظ ع), an Arabic abstract noun in -یت or plural in
    -ات (ملکیت، اقدامات), a verbal noun of an Arabic pattern (تمدید، انتخاب, see
    ``ARABIC_PATTERNS``), a word with غیر- (غیررسمی), with Pashto's ګ and its final -ي for
    the Dari adjective -ی (added after the first false-alarm measurement, as a general
    rule)."""
    out = []
    for word in dari.words:
        arabic = (ARABIC_LETTERS & set(word) or word.startswith("غیر")
                  or (len(word) > 4 and word.endswith(("یت", "ات")))
                  or ARABIC_PATTERNS.match(word))
        if ZWNJ in word or not arabic:
            continue
        word = word.replace("گ", "ګ")
        out.append(word[:-1] + "ي" if word.endswith("ی") else word)
    return out


def build_dic(lang: str, stems: Stems | None = None) -> str:
    stems = stems or read_stems(lang)
    if lang == "prs":
        iranian = set(iranian_forms())
        bad = sorted(w for w in stems.words + stems.names + stems.fixed if w in iranian)
        if bad:
            raise ValueError("Iranian-only forms in the Dari stems: " + " ".join(bad))
    entries = dic_entries(lang, stems)
    lines = [f"{w}/{f}" if f else w for w, f in entries.items()]
    return f"{len(lines)}\n" + "\n".join(lines) + "\n"


def shipped_dictionary(lang: str) -> Path | None:
    """The ``.dic`` Tarjuman ships for ``lang`` (its ``.aff`` beside it), if any."""
    entry = LANGS.get(lang)
    if entry is None:
        return None
    dic = shipped("resources", "spell", f"{entry[1]}.dic")
    return dic if dic.is_file() else None


def write(folder: Path) -> list[Path]:
    out = []
    for lang, (_stems, name, _endings) in LANGS.items():
        dic, aff = folder / f"{name}.dic", folder / f"{name}.aff"
        dic.write_text(build_dic(lang), "utf-8")
        aff.write_text(build_aff(lang), "utf-8")
        out += [dic, aff]
    return out


if __name__ == "__main__":  # pragma: no cover - the maintainers' rebuild
    for written in write(Path(sys.argv[1]) if len(sys.argv) > 1
                         else shipped("resources", "spell")):
        print(written)
