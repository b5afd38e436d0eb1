"""The checks a reviewer's QA tool adds to the classic ones, one (plain source, plain
target) pair at a time: repeated words, edge whitespace, end punctuation, URLs / e-mails /
codes, and length (ratio and limit). Arabic-script punctuation counts as its Latin twin
(``?``/``؟``, ``;``/``؛``, ``,``/``،``) and half-spaces (ZWNJ) join a word."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from desktop_app.core import languages
from desktop_app.core.glossary.qa import Finding
from desktop_app.core.i18n import N_, Digits, Joined, Msg, Quoted, isolate
from desktop_app.core.textnorm import fold, fold_with_map, original_span

REPEATED = "repeated-word"
EDGES = "whitespace-edges"
END_PUNCTUATION = "end-punctuation"
URLS = "url-mismatch"
LENGTH = "length"


@dataclass(frozen=True, slots=True)
class Limits:
    """Length expectations: the target's length as a share of the source's (for sources
    of at least ``min_source`` characters) and a limit in characters (0: none)."""

    min_ratio: float = 0.4
    max_ratio: float = 2.5
    min_source: int = 20
    max_chars: int = 0


# A repeated word in folded text (ZWNJ spellings, ي/ی and ك/ک are one word there): the
# same letters twice with only spaces between.
_REPEAT = re.compile(r"(?<!\w)([^\W\d_]+)[ \t]+\1(?!\w)")
# Reduplication is grammar, not a typo: آهسته آهسته "slowly", کم کم "little by little",
# ورو ورو "slowly", کله کله "sometimes".
_REDUPLICATED = frozenset(fold(w) for w in (
    "آهسته", "کم", "رفته", "جدا", "گاه", "دسته", "تکه", "قطره", "ذره", "دانه", "یک", "پارچه",
    "خنده", "گروه", "تک", "جوق", "ورو", "لږ", "کله", "ټوټه", "ډله", "یو", "بیا", "very",
    "had", "that"))


def repeated_words(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) in ``text`` of each word that repeats the one before it with
    only spaces between (folded: ي/ی, ك/ک, half-space spellings are the same word)."""
    folded, index = fold_with_map(text)
    out = []
    for m in _REPEAT.finditer(folded):
        if m.group(1) in _REDUPLICATED:
            continue
        start, end = original_span(index, m.end() - len(m.group(1)), m.end())
        out.append((text[start:end], start, end))
    return out


_END_MAP = {"؟": "?", "؛": ";", "،": ",", "۔": ".", "٫": ","}
_END_MARKS = frozenset(".?!:;,…")
_CLOSERS = "\"'”’»)]}›\u200e\u200f\u061c\u2066\u2067\u2068\u2069 \t\u00a0"


def end_mark(text: str) -> str:
    """The sentence-final punctuation, in its Latin form ("" for none); "..." is "…"."""
    body = text.rstrip(_CLOSERS)
    if body.endswith("..."):
        return "…"
    mark = _END_MAP.get(body[-1:], body[-1:])
    return mark if mark in _END_MARKS else ""


_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CODE = re.compile(r"(?<![\w@/.-])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*(?![\w@])")
_MAYBE = re.compile(r"[0-9\u06f0-\u06f9\u0660-\u0669@]|www\.|://")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|s|am|pm|km|kg|cm|mm|m|h)", re.IGNORECASE)


def references(text: str) -> Counter[str]:
    """URLs, e-mail addresses and alphanumeric codes (letters with digits: A4, ISO-9001,
    COVID-19; not 1990s or 5km), in Latin digits."""
    found: Counter[str] = Counter()
    if not _MAYBE.search(text):
        return found
    text = languages.to_latin_digits(text)
    for pattern in (_URL, _EMAIL):
        for m in pattern.finditer(text):
            found[m.group(0).rstrip(".,;:!?)»،؛")] += 1
        text = pattern.sub(" ", text)
    for m in _CODE.finditer(text):
        word = m.group(0)
        if (any(c.isdigit() for c in word) and any(c.isalpha() for c in word)
                and not _ORDINAL.fullmatch(word)):
            found[word] += 1
    return found


def _edges(text: str) -> tuple[bool, bool]:
    return text[:1].isspace(), text[-1:].isspace()


def more_checks(n: int, source: str, target: str, target_lang: str,
                enabled: set[str] | frozenset[str], limits: Limits) -> list[Finding]:
    """The checks above that ``enabled`` names, on a plain (tag-free) pair."""
    found: list[Finding] = []
    if REPEATED in enabled:
        for word, start, end in repeated_words(target):
            found.append(Finding(REPEATED, n, Msg(N_("repeated word: {word}"),
                word=isolate(word)), target_span=(start, end)))
    if EDGES in enabled:
        (src_lead, src_trail), (tgt_lead, tgt_trail) = _edges(source), _edges(target)
        if src_lead != tgt_lead:
            found.append(Finding(EDGES, n, Msg(N_("the target starts with a space and the source "
                                                 "does not")) if tgt_lead else
                                 Msg(N_("the source starts with a space and the target does "
                                        "not"))))
        if src_trail != tgt_trail:
            found.append(Finding(EDGES, n, Msg(N_("the target ends with a space and the source "
                                                 "does not")) if tgt_trail else
                                 Msg(N_("the source ends with a space and the target does "
                                        "not"))))
    if END_PUNCTUATION in enabled:
        src_end, tgt_end = end_mark(source), end_mark(target)
        if src_end != tgt_end:
            if not tgt_end:
                message = Msg(N_("the source ends with {mark}, the target has no end "
                                 "punctuation"), mark=Quoted(src_end))
            elif not src_end:
                message = Msg(N_("the target ends with {mark}, the source has no end "
                                 "punctuation"), mark=Quoted(tgt_end))
            else:
                message = Msg(N_("the source ends with {mark}, the target with {other}"),
                              mark=Quoted(src_end), other=Quoted(tgt_end))
            found.append(Finding(END_PUNCTUATION, n, message))
    if URLS in enabled:
        src_refs, tgt_refs = references(source), references(target)
        if src_refs != tgt_refs:
            missing = sorted((src_refs - tgt_refs).elements())
            extra = sorted((tgt_refs - src_refs).elements())
            found.append(Finding(URLS, n, Msg(
                N_("URLs, e-mails or codes differ: {details}"), details=Joined(N_(", "), [
                    *(Msg(N_("missing {item}"), item=isolate(x)) for x in missing),
                    *(Msg(N_("extra {item}"), item=isolate(x)) for x in extra)]))))
    if LENGTH in enabled:
        found.extend(_length(n, source, target, limits))
    return found


def _length(n: int, source: str, target: str, limits: Limits) -> list[Finding]:
    found = []
    src, tgt = len(source.strip()), len(target.strip())
    if src >= limits.min_source and tgt:
        ratio = tgt / src
        if not limits.min_ratio <= ratio <= limits.max_ratio:
            found.append(Finding(LENGTH, n, Msg(N_(
                "the target is {ratio} times as long as the source (expected "
                "{low} to {high})"), ratio=Digits(f"{ratio:.1f}"),
                low=Digits(f"{limits.min_ratio:g}"), high=Digits(f"{limits.max_ratio:g}"))))
    found.extend(length_limit(n, target, limits.max_chars))
    return found


def length_limit(n: int, target: str, limit: int) -> list[Finding]:
    """A finding when the target is longer than ``limit`` characters (0: no limit)."""
    size = len(target.strip())
    if not limit or size <= limit:
        return []
    return [Finding(LENGTH, n, Msg(N_("the target has {n} characters; the limit is {limit}"),
                                   n=Digits(str(size)), limit=Digits(str(limit))))]
