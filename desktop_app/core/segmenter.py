"""Paragraph -> sentences, keeping every character: ``"".join(split(p)) == p``.

English uses pysbd's rules (which keep "U.S.", "Mr.", "800,000", quotes and ellipses
intact); Dari, Pashto and Persian use pysbd's Persian rules plus the Urdu-style full stop
``۔`` that some Pashto writers use.
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


def _split(paragraph: str, language: str) -> list[str]:
    lang = languages.get(language)
    segs: list[str] = _segmenter("en" if lang == languages.ENGLISH else "fa").segment(paragraph)
    if lang.is_rtl:
        segs = [piece for seg in segs for piece in _split_urdu_stop(seg)]
    if "".join(segs) != paragraph:  # never lose text: fall back to the whole paragraph
        return [paragraph]
    return _merge_empty(segs)


_TAGS = re.compile(r"⟨/?\d+/?⟩")


def _merge_empty(segs: list[str]) -> list[str]:
    """A piece with no words (only inline tags or spaces) joins its neighbour."""
    out: list[str] = []
    for seg in segs:
        if out and not (_TAGS.sub("", seg).strip() and _TAGS.sub("", out[-1]).strip()):
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
