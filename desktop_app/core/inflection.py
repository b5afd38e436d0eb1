"""Inflection endings per language, as data: which endings a glossary word may carry in
running text and still count as the same term.

Every word of a term (not only the last) may carry an ending of its language. Endings are
closed lists and a word must end right after its ending, so a stem never matches an
unrelated longer word (``جنگ`` is not found in ``جنگل``, ``ولس`` not in ``ولسمشر``).
A word shorter than ``min_word`` letters (Dari 2, Pashto 3: its endings include single
letters) takes no ending at all.

Sources for the tables:
- Dari: W. M. Thackston, *An Introduction to Persian* (4th ed., 2009), the lessons on
  the plural (-ها, -ان, -ات, -گان after silent ه; the Arabic -ین of مهاجرین) and on the
  ezafe (-ی, -یی after vowels, ٔ on silent ه, which folding removes). In Afghan text ها
  is written joined or after a half-space; both fold to the same key.
- Pashto: Herbert Penzl, *A Grammar of Pashto* (1955), §§ on noun and adjective classes;
  Habibullah Tegey & Barbara Robson, *A Reference Grammar of Pashto* (1996), ch. 3:
  direct/oblique, singular/plural: -ونه/-ونو (masculine inanimate plural), -ان/-انو
  (masculine animate plural), -ګان/-ګانو (plural after vowels), -ه → -ې/-و (feminine
  in -a: ښځه ښځې ښځو), -ی → -ي/-و (masculine in -ay: سړی سړي سړو), oblique plural -و.
- English: the possessive and the regular plural.

Folding (``textnorm``) is applied to the table with the matcher's own settings, so a
Pashto ګ in an ending matches a Persian گ in lenient mode and only itself in strict mode.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Endings:
    added: tuple[str, ...]  # appended to the word as written
    replaced: tuple[tuple[str, tuple[str, ...]], ...] = ()  # final letter -> replacements
    min_word: int = 3  # letters a word needs before it may take an ending
    inner: bool = True  # words inside a multi-word term inflect too (not in English)


DARI = Endings(
    # -ینی/-انی: a plural with the indefinite or relative -ی (مهاجرینی که); -انش: with the
    # clitic -ش (هموطنانش); -جات after ه (قریه‌جات); -یان/-ییان after a vowel (روستاییان).
    added=("هایی", "هایم", "هایش", "های", "ها", "ینی", "انی", "انش", "ین", "ان", "ات",
           "جات", "ییان", "یان", "یی", "ای", "ی"),
    replaced=(("ه", ("گان", "گانی", "ها", "های")),),
    min_word=2,  # زن -> زنان: two-letter nouns are common, the endings are long
)

PASHTO = Endings(
    added=("ګانو", "ګان", "ونه", "ونو", "انو", "ان", "ې", "و", "ه", "ي"),
    replaced=(
        ("ه", ("ې", "و", "ي")),  # ښځه -> ښځې, ښځو
        ("ی", ("ي", "و", "یو", "ې")),  # سړی -> سړي, سړو; ښوونکی -> ښوونکې (feminine)
        ("ۍ", ("یو", "ي")),  # feminine in -əy: ولسوالۍ -> ولسوالیو
        ("ې", ("و",)),  # feminine plurals in -e: ټاکنې -> ټاکنو
    ),
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
