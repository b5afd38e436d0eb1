"""Segment checks on (source, target) pairs: glossary (see glossary.qa), numbers,
untranslated or copied segments, punctuation and quotes, bidi marks, spacing, repeated
words, edge whitespace, end punctuation, URLs and codes, length. Each check has a stable
code and can be switched off by it.

:func:`check` runs the classic checks unless ``enabled`` names others; a project's QA
(:mod:`desktop_app.core.qa.review`) runs the checks its profile switches on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop_app.core import dates, languages
from desktop_app.core.documents.base import strip_tags, tag_ids
from desktop_app.core.glossary.qa import Finding, GlossaryQA
from desktop_app.core.glossary.store import Concept
from desktop_app.core.i18n import N_, Digits, Joined, Msg, Quoted, isolate
from desktop_app.core.qa.more import (
    EDGES,
    END_PUNCTUATION,
    LENGTH,
    REPEATED,
    URLS,
    Limits,
    more_checks,
)

if TYPE_CHECKING:
    from desktop_app.core.spell.checker import SpellChecker

EMPTY = "empty"
IDENTICAL = "identical"
NUMBERS = "numbers"
PUNCTUATION = "latin-punctuation"
QUOTES = "unbalanced"
BIDI = "bidi-marks"
SPACES = "double-space"
TAGS = "tags"
SPELLING = "spelling"
DATE = "date"
NAMES = "name-inconsistent"
LOW_CONFIDENCE = "mt-low-confidence"  # needs the segments' MT scores: see mt.confidence
INCONSISTENT_TARGET = "inconsistent-target"
INCONSISTENT_SOURCE = "inconsistent-source"
WORD_LIST = "word-list"
REGEX = "regex-check"
CLASSIC = (EMPTY, IDENTICAL, NUMBERS, PUNCTUATION, QUOTES, BIDI, SPACES, TAGS, "glossary",
           SPELLING, DATE, NAMES, LOW_CONFIDENCE)
PAIR_CHECKS = (REPEATED, EDGES, END_PUNCTUATION, URLS, LENGTH)
ALL_CHECKS = (*CLASSIC, *PAIR_CHECKS, INCONSISTENT_TARGET, INCONSISTENT_SOURCE, WORD_LIST,
              REGEX)

_NUMBER = re.compile(r"\d+(?:[,.\u066b\u066c]\d+)*%?")
_LATIN_TAIL = re.compile(r"[A-Za-z0-9]([^\u0600-\u06ffA-Za-z0-9\s]+)$")
_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_PAIR_SET = frozenset(PAIR_CHECKS)
PAIRS = (("(", ")"), ("[", "]"), ("«", "»"), ("“", "”"))


@dataclass(frozen=True, slots=True)
class Pair:
    source: str
    target: str


def numbers(text: str) -> list[str]:
    """Numbers in any digits, as plain ASCII digits without separators: 800,000 = ۸۰۰٬۰۰۰."""
    latin = languages.to_latin_digits(strip_tags(text))
    out = []
    for m in _NUMBER.finditer(latin):
        value = m.group(0)
        value = re.sub(r"[,\u066c](?=\d{3}\b)", "", value).replace("\u066b", ".")
        out.append(value)
    return sorted(out)


def check_pair(n: int, source: str, target: str, target_lang: str,
               enabled: set[str], limits: Limits | None = None) -> list[Finding]:
    lang = languages.get(target_lang)
    found: list[Finding] = []

    def add(code: str, message: Msg, suggestion: str = "") -> None:
        if code in enabled:
            found.append(Finding(code, n, message, suggestion=suggestion))

    plain_src, plain_tgt = strip_tags(source), strip_tags(target)
    if not plain_tgt.strip():
        add(EMPTY, Msg(N_("no translation yet")))
        return found
    if plain_tgt.strip() == plain_src.strip() and re.search(r"[A-Za-z]{3}", plain_src):
        add(IDENTICAL, Msg(N_("the target is the same as the source")))
    # numbers inside dates are checked as dates (9 September 2001 = ۱۸ سنبله ۱۳۸۰)
    src_numbers = numbers(dates.without_dates(plain_src))
    tgt_numbers = numbers(dates.without_dates(plain_tgt))
    if src_numbers != tgt_numbers:
        missing = [x for x in src_numbers if x not in tgt_numbers]
        extra = [x for x in tgt_numbers if x not in src_numbers]
        add(NUMBERS, Msg(N_("numbers differ: {details}"), details=Joined(N_(", "), [
            *(Msg(N_("missing {number}"), number=Digits(x)) for x in missing),
            *(Msg(N_("extra {number}"), number=Digits(x)) for x in extra)])))
    if DATE in enabled and lang.code in ("prs", "ps"):
        for problem in dates.check(plain_src, plain_tgt, lang.code):
            found.append(Finding(DATE, n, problem.message, target_span=problem.target_span,
                                 suggestion=problem.suggestion))
    if sorted(tag_ids(source)) != sorted(tag_ids(target)):
        add(TAGS, Msg(N_("inline tags differ from the source")))
    if lang.is_rtl:
        for latin, arabic in (("?", "؟"), (",", "،"), (";", "؛")):
            if re.search(rf"(?<![A-Za-z0-9]){re.escape(latin)}(?![A-Za-z0-9])", plain_tgt):
                add(PUNCTUATION, Msg(N_("Latin {mark} in a right-to-left target; use {better}"),
                                     mark=Quoted(latin), better=Quoted(arabic)), arabic)
        # "... NATO." in RTL text: the final "." jumps to the wrong side without an RLM.
        tail = _LATIN_TAIL.search(plain_tgt.rstrip())
        rtl_text = re.search(r"[\u0600-\u06ff]", plain_tgt)
        if rtl_text and tail and tail.group(1) and "\u200f" not in tail.group(0):
            add(BIDI, Msg(N_("a Latin run ends the target before punctuation: add an RLM "
                             "after it")), "\u200f")
    if re.search(f"[{_MARKS}]{{2,}}", target) or re.search(f"^[{_MARKS}]|[{_MARKS}]$",
                                                            plain_tgt.strip(" ")):
        add(BIDI, Msg(N_("stray bidi marks")))
    for a, b in PAIRS:
        if plain_tgt.count(a) != plain_tgt.count(b):
            add(QUOTES, Msg(N_("unbalanced {pair}"), pair=isolate(a + b)))
    if plain_tgt.count('"') % 2:
        add(QUOTES, Msg(N_("unbalanced {pair}"), pair=isolate('"')))
    if "  " in plain_tgt.strip():
        add(SPACES, Msg(N_("doubled space")))
    if enabled & _PAIR_SET:
        found.extend(more_checks(n, plain_src, plain_tgt, lang.code, enabled,
                                 limits or Limits()))
    return found


def check(pairs: Sequence[tuple[str, str]], source_lang: str, target_lang: str, *,
          concepts: Iterable[Concept] = (), disabled: Iterable[str] = (),
          strict: bool = False, glossary: GlossaryQA | None = None,
          spell: SpellChecker | None = None, enabled: Iterable[str] | None = None,
          limits: Limits | None = None) -> list[Finding]:
    """The checks of one document's pairs (the classic ones unless ``enabled`` names
    them); pass ``glossary`` to reuse its automata between calls, and ``spell`` (a checker
    for the target language) to check spelling."""
    on = set(CLASSIC if enabled is None else enabled) - set(disabled)
    findings: list[Finding] = []
    for n, (source, target) in enumerate(pairs):
        findings.extend(check_pair(n, source, target, target_lang, on, limits))
    if "glossary" in on:
        glossary = glossary or GlossaryQA(concepts, source_lang, target_lang, strict=strict)
        findings.extend(_outside_dates(
            glossary.check([(strip_tags(s), strip_tags(t)) for s, t in pairs]), pairs))
    if SPELLING in on and spell is not None:
        findings.extend(spelling(pairs, spell))
    if NAMES in on and len(pairs) > 1:  # across segments: see names.consistency
        from desktop_app.core.names import consistency

        findings.extend(consistency.check(pairs, target_lang, concepts=concepts))
    findings.sort(key=lambda f: (f.segment, f.code))
    return findings


def _outside_dates(findings: list[Finding], pairs: Sequence[tuple[str, str]]) -> list[Finding]:
    """Drops "term missing" for a month name inside a date the target gives as the same
    day in the other calendar (15 August 2021 = ۲۴ اسد ۱۴۰۰)."""
    out = []
    for f in findings:
        if f.code == "term-missing" and f.source_span is not None:
            source, target = pairs[f.segment]
            spans = dates.rendered_spans(strip_tags(source), strip_tags(target))
            if any(a <= f.source_span[0] and f.source_span[1] <= b for a, b in spans):
                continue
        out.append(f)
    return out


def spelling(pairs: Sequence[tuple[str, str]], spell: SpellChecker) -> list[Finding]:
    """One finding per misspelt word of each target, with the first suggestion."""
    found = []
    for n, (_source, target) in enumerate(pairs):
        for miss in spell.check_tagged(target):
            hint = miss.suggestions[0] if miss.suggestions else ""
            message = Msg(N_("misspelt: {word}; use {better}") if hint
                          else N_("misspelt: {word}"), word=isolate(miss.word),
                          better=isolate(hint))
            found.append(Finding(SPELLING, n, message, target_span=(miss.start, miss.end),
                                 suggestion=hint))
    return found
