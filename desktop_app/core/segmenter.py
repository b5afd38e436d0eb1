"""Paragraph -> sentences, keeping every character: ``"".join(split(p)) == p``.

English uses pysbd's rules (which keep "U.S.", "Mr.", "800,000", quotes and ellipses
intact); Dari, Pashto and Persian use pysbd's Persian rules plus the Urdu-style full stop
``۔`` that some Pashto writers use.

pysbd costs ~0.25 ms a sentence, most of an import. Plain English prose (no quotes,
brackets, ellipses, tags, lists or abbreviations other than titles before a name and
"U.S."-style initials before a lower-case word) is split by ``_fast_english``, which
decides every boundary the way pysbd does and hands any paragraph it is not sure of to
pysbd; a property test checks the two agree.
"""

from __future__ import annotations

import re
from functools import cache

import pysbd

from desktop_app.core import languages

_URDU_STOP = re.compile(r"(?<=۔)(\s+)")


@cache
def _segmenter(lang: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=lang, clean=False)


# pysbd's time grows with the square of a paragraph's length (90,000 characters: ~25 s):
# a long paragraph is cut first after a sentence end (a word of 4+ letters, then . ! ? ؟ ۔
# and a space, so "Mr." or "U.S." never cut) into pieces of about this size.
CHUNK = 2000
_SAFE_CUT = re.compile(r"(?<=\w\w\w\w[.!?؟۔])\s+")


def _pieces(paragraph: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for m in _SAFE_CUT.finditer(paragraph):
        if m.end() - start >= CHUNK:
            pieces.append(paragraph[start:m.end()])
            start = m.end()
    pieces.append(paragraph[start:])
    return [p for p in pieces if p]


def split(paragraph: str, language: str = "en") -> list[str]:
    """Sentences of ``paragraph``, each with its trailing whitespace."""
    if not paragraph.strip():
        return [paragraph] if paragraph else []
    if len(paragraph) > CHUNK:
        return [seg for piece in _pieces(paragraph) for seg in _split(piece, language)]
    return _split(paragraph, language)


# English text with none of these is one sentence for pysbd too (measured on 40,000
# random strings of letters, digits, symbols and Arabic letters): a table cell, a heading,
# a label. They skip pysbd, which costs a millisecond or more a call.
_ENDERS = re.compile(r"[.!?؟。！？…\n\r]")


def _split(paragraph: str, language: str) -> list[str]:
    lang = languages.get(language)
    if lang == languages.ENGLISH and not _ENDERS.search(paragraph):
        return [paragraph]
    if lang == languages.ENGLISH:
        fast = _fast_english(paragraph)
        if fast is not None:
            return _merge_empty(fast)
    segs: list[str] = _segmenter("en" if lang == languages.ENGLISH else "fa").segment(paragraph)
    if lang.is_rtl:
        segs = [piece for seg in segs for piece in _split_urdu_stop(seg)]
    if "".join(segs) != paragraph:  # never lose text: fall back to the whole paragraph
        return [paragraph]
    return _join_ellipsis(_merge_empty(segs))


_TAGS = re.compile(r"⟨/?\d+/?⟩")

# Anything pysbd treats with special rules sends the paragraph to pysbd.
_APOSTROPHE = re.compile(r"(?<=[A-Za-z])['’](?=[A-Za-z])")  # Massoud’s, don't
_PLAIN = re.compile(r"[A-Za-z0-9 ,.!?\-;:%&/$]+")  # what the fast path is sure of
_HARD = re.compile(r"\.\.|[.!?][.!?]|\.[^\s]|^(?:\d+|[a-zA-Z])[.)]\s")
_BOUNDARY = re.compile(r"([.!?])(\s+)(?=(\S))")
_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}$")


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    from pysbd.lang.english import English

    abbr = English.Abbreviation
    every = {a.lower() for a in (*abbr.ABBREVIATIONS, *abbr.PREPOSITIVE_ABBREVIATIONS,
                                 *abbr.NUMBER_ABBREVIATIONS)}
    return frozenset(every), frozenset(a.lower() for a in abbr.PREPOSITIVE_ABBREVIATIONS)


def _fast_english(paragraph: str) -> list[str] | None:
    """pysbd's sentences for plain prose, or None when a rule beyond these is in play."""
    plain = _APOSTROPHE.sub("x", paragraph.replace("U.S.", "U S "))
    if paragraph[:1].isspace() or not _PLAIN.fullmatch(plain) or _HARD.search(plain):
        return None
    every, prepositive = _abbreviations()
    pieces: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(paragraph):
        punct, nxt = m.group(1), m.group(3)
        word = paragraph[:m.start()].rsplit(None, 1)[-1] if paragraph[:m.start()].strip() else ""
        if punct == "." and _INITIALS.search(word + "."):
            if nxt.islower():
                continue  # "the U.S. envoy"
            return None
        bare = word.lower()
        if not nxt.isupper():
            return None
        if punct == ".":
            if bare in prepositive:
                continue  # "Mr. Saleh"
            if bare in every or len(bare) < 2 or not bare.isalnum():
                return None
        pieces.append(paragraph[start:m.end()])
        start = m.end()
    pieces.append(paragraph[start:])
    return [p for p in pieces if p]


def _wordless(seg: str) -> bool:
    """Only inline tags, spaces or punctuation: pysbd's lone "." of "2001..." is one."""
    return not any(ch.isalnum() for ch in _TAGS.sub("", seg))


def _merge_empty(segs: list[str]) -> list[str]:
    """A piece with no words (only inline tags, spaces or punctuation) joins its
    neighbour."""
    out: list[str] = []
    for seg in segs:
        if out and (_wordless(seg) or _wordless(out[-1])):
            out[-1] += seg
        else:
            out.append(seg)
    return out


_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…)(?:⟨/?\d+/?⟩)*\s*$")
_LOWER_START = re.compile(r"^(?:⟨/?\d+/?⟩|[\s\"'“‘(])*[^\W\d_]")


def _join_ellipsis(segs: list[str]) -> list[str]:
    """An ellipsis followed by a lower-case word goes on with its sentence ("in 2001...
    no, on Monday"), as pysbd already does after a word but not after a number."""
    out: list[str] = []
    for seg in segs:
        m = _LOWER_START.match(seg)
        inside = out and out[-1].endswith(".") and seg.startswith(".")  # cut in "..."
        if inside or (out and _ELLIPSIS_END.search(out[-1]) and m and m.group(0)[-1].islower()):
            out[-1] += seg
        else:
            out.append(seg)
    return out


def _split_urdu_stop(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in _URDU_STOP.finditer(text):
        parts.append(text[start:m.end()])
        start = m.end()
    parts.append(text[start:])
    return [p for p in parts if p]


def core_and_space(segment: str) -> tuple[str, str, str]:
    """(leading whitespace, text, trailing whitespace) of a segment."""
    stripped = segment.strip()
    if not stripped:
        return segment, "", ""
    start = segment.index(stripped)
    return segment[:start], stripped, segment[start + len(stripped):]
