"""Folding for matching and search, shared by the glossary, TM, QA and find.

Folding maps spelling variants to one form so that "the same word" matches however it
was typed. It is idempotent (``fold(fold(x)) == fold(x)``) and every folded character
keeps a pointer back to the original text (:func:`fold_with_map`), so a hit found in
folded text is reported at the right place in the original.

| what | folded to | mode |
|---|---|---|
| Arabic yeh ي, hamza yeh ئ (رئیس) | Persian yeh ی | always (Dari); lenient for Pashto |
| alef maksura ى | Persian yeh ی | always |
| Arabic kaf ك | Persian keheh ک | always |
| teh marbuta ة, heh with yeh ۀ, heh + hamza هٔ | heh ه | always |
| alef with hamza أ إ, alef wasla ٱ | alef ا (آ is kept) | always |
| Pashto gaf ګ | Persian gaf گ | lenient only (strict keeps it) |
| Pashto ې (often typed ی on a Dari keyboard: هیوادوال) | Persian yeh ی | lenient only |
| Pashto letters ۍ ړ ښ ږ ځ څ ټ ډ ڼ | unchanged | never folded |
| tatweel ـ, harakat (U+064B–065F), superscript alef, hamza marks | removed | always |
| ZWNJ, ZWJ, ZWSP, BOM, bidi marks (LRM RLM ALM, embeddings, isolates) | removed | always |
| ``می شود``, ``نمی شود``, ``بی طرف`` (prefix + space) | joined: ``میشود`` | always |
| ``کتاب ها`` (plural/suffix word after a space) | joined: ``کتابها`` | always |
| Persian ۰–۹ and Arabic-Indic ٠–٩ digits, ٬ ٫ | ASCII 0–9 , . | always |
| Latin letters | lower case (one code point each, so offsets hold) | always |
| curly quotes ‘ ’ “ ” ʼ | ' and " | always |
| hyphens and dashes ‐ ‑ ‒ – — - | space | always |
| runs of white space | one space, none at the ends | always |

English possessives and plurals are matched, not folded (see ``glossary.matcher``).
"""

from __future__ import annotations

import re

from desktop_app.core import languages

# Bumped when folding changes: copies folded and stored earlier (the starter glossary)
# are rebuilt. 2: hamza yeh ئ folds to ی.
FOLD_VERSION = 2

_ALWAYS: dict[str, str] = {
    "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا",
    "ـ": "", "\u0670": "",
    "\u200b": "", "\u200c": "", "\u200d": "", "\u200e": "", "\u200f": "", "\u061c": "",
    "\ufeff": "",
    "٬": ",", "٫": ".",
    "‘": "'", "’": "'", "ʼ": "'", "“": '"', "”": '"',
    "‐": " ", "‑": " ", "‒": " ", "–": " ", "—": " ", "-": " ",
}
for _cp in range(0x064B, 0x0660):  # harakat, hamza above/below
    _ALWAYS[chr(_cp)] = ""
for _cp in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)):  # embeddings, isolates
    _ALWAYS[chr(_cp)] = ""
for _i, (_fa, _ar) in enumerate(zip("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩", strict=True)):
    _ALWAYS[_fa] = _ALWAYS[_ar] = str(_i)

_ARABIC_YEH = {"ي": "ی", "ئ": "ی"}
_LENIENT = {"ګ": "گ", "ې": "ی"}  # ې: Pashto typed on a Dari keyboard (ۍ is kept)

PASHTO_LETTERS = frozenset("ېۍړښږځڅټډګڼ")

_JOIN = re.compile(
    r"(?:(?<!\S)(?:ن?می|بی) (?=\S))"  # verb prefix می / نمی, privative بی
    r"|(?: (?=(?:ها|های|هایی|هایش|هایم|هایت|ام|اند|ترین|تر)(?!\S)))"  # suffix words
)


def _table(language: str, strict: bool) -> dict[str, str]:
    table = dict(_ALWAYS)
    pashto = bool(language) and languages.get(language) is languages.PASHTO
    if not (pashto and strict):
        table.update(_ARABIC_YEH)
    if not strict:
        table.update(_LENIENT)
    return table


_TABLES: dict[tuple[str, bool], dict[str, str]] = {}


def _cached_table(language: str, strict: bool) -> dict[str, str]:
    key = (languages.get(language).code if language else "", strict)
    table = _TABLES.get(key)
    if table is None:
        table = _TABLES[key] = _table(language, strict)
    return table


_WHITESPACE = {ord(c): " " for c in "\t\n\r\x0b\x0c\xa0\u2009\u202f"}
_TRANSLATE: dict[tuple[str, bool], dict[int, str | None]] = {}


def _fast_fold(text: str, table: dict[str, str], key: tuple[str, bool]) -> str | None:
    """The folded text when folding changes no length (the common case), else None."""
    trans = _TRANSLATE.get(key)
    if trans is None:
        trans = {ord(k): (v or None) for k, v in table.items()}
        trans.update(_WHITESPACE)
        _TRANSLATE[key] = trans
    out = text.translate(trans)
    if len(out) != len(text):
        return None
    out = out.lower()
    if len(out) != len(text) or "  " in out or out[:1] == " " or out[-1:] == " ":
        return None
    if _JOIN.search(out):
        return None
    return out


def fold_with_map(text: str, language: str = "", *,
                  strict: bool = False) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, its index in ``text``.

    The map has one extra entry at the end (``len(text)``) so a folded span ``[i, j)``
    maps back to ``text[m[i]:m[j - 1] + 1]``.
    """
    table = _cached_table(language, strict)
    fast = _fast_fold(text, table, (language, strict))
    if fast is not None:
        return fast, list(range(len(text) + 1))
    chars: list[str] = []
    index: list[int] = []
    space_pending = False
    for i, ch in enumerate(text):
        rep = table.get(ch)
        if rep is None:
            if ch.isspace():
                rep = " "
            else:
                low = ch.lower()
                rep = low if len(low) == 1 else ch
        if not rep:
            continue
        if rep == " ":
            if chars and not space_pending:
                space_pending = True
                chars.append(" ")
                index.append(i)
            continue
        space_pending = False
        chars.append(rep)
        index.append(i)
    if chars and chars[-1] == " ":
        chars.pop()
        index.pop()
    folded = "".join(chars)
    drop = {m.end() - 1 for m in _JOIN.finditer(folded)}  # each match ends at its space
    if drop:
        folded = "".join(c for k, c in enumerate(folded) if k not in drop)
        index = [p for k, p in enumerate(index) if k not in drop]
    index.append(len(text))
    return folded, index


def fold(text: str, language: str = "", *, strict: bool = False) -> str:
    """Text folded for matching and search (see the table above)."""
    return fold_with_map(text, language, strict=strict)[0]


def original_span(index: list[int], start: int, end: int) -> tuple[int, int]:
    """The span in the original text of folded characters ``[start, end)``."""
    if end <= start:
        return index[start], index[start]
    return index[start], index[end - 1] + 1


def has_pashto_letters(text: str) -> bool:
    return any(ch in PASHTO_LETTERS for ch in text)


# Space, half-space, nothing: in Dari and Pashto the same compound is typed ``جنگ‌سالار``,
# ``جنگ سالار`` or ``جنگسالار``. Folding already drops the ZWNJ; the match key also drops
# a space between two Arabic-script letters, and remembers where it was, so a term still
# matches only at word boundaries and its span maps back to the original text.
_ARABIC_LETTER = r"\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff"
_INNER_SPACE = re.compile(f"(?<=[{_ARABIC_LETTER}]) (?=[{_ARABIC_LETTER}])")
_HAS_ARABIC = re.compile(f"[{_ARABIC_LETTER}]")


def is_arabic_letter(ch: str) -> bool:
    return bool(ch) and _HAS_ARABIC.match(ch) is not None


def compact_with_map(folded: str, index: list[int],
                     joined: frozenset[int] = frozenset()) -> tuple[str, list[int],
                                                                   frozenset[int]]:
    """``folded`` without spaces between Arabic-script letters, its map to the original, and
    the positions (in the result) where such a space was: word boundaries to keep.
    ``joined``: positions in ``folded`` where folding itself dropped a space (کتاب ها)."""
    cuts = [m.start() for m in _INNER_SPACE.finditer(folded)] if (
        " " in folded and _HAS_ARABIC.search(folded)) else []
    if not cuts:
        return folded, index, joined
    parts, new_index, breaks, prev = [], [], [], 0
    for k, cut in enumerate(cuts):
        parts.append(folded[prev:cut])
        new_index.extend(index[prev:cut])
        breaks.append(cut - k)
        prev = cut + 1
    parts.append(folded[prev:])
    new_index.extend(index[prev:])
    for j in joined:  # shift by the spaces cut before it
        breaks.append(j - sum(1 for c in cuts if c < j))
    return "".join(parts), new_index, frozenset(breaks)


def key_with_map(text: str, language: str = "", *,
                 strict: bool = False) -> tuple[str, list[int], frozenset[int]]:
    """The match key of ``text`` (folded, inner spaces dropped), its map back to ``text``
    (one extra entry at the end, as :func:`fold_with_map`) and the dropped-space positions."""
    folded, index = fold_with_map(text, language, strict=strict)
    joined: frozenset[int] = frozenset()
    if len(folded) != len(text):  # something was dropped: was it a space (می شود)?
        joined = frozenset(k for k in range(1, len(folded))
                           if index[k] - index[k - 1] > 1
                           and any(c.isspace() for c in text[index[k - 1] + 1:index[k]]))
    return compact_with_map(folded, index, joined)


def is_arabic_text(text: str) -> bool:
    """Whether ``text`` holds any Arabic-script letter."""
    return _HAS_ARABIC.search(text) is not None


def compact(folded: str) -> str:
    """Folded text without the spaces between Arabic-script letters."""
    if " " not in folded or not _HAS_ARABIC.search(folded):
        return folded
    return _INNER_SPACE.sub("", folded)


def match_key(text: str, language: str = "", *, strict: bool = False) -> str:
    """Text as compared for identity: ``جنگ‌سالار`` = ``جنگ سالار`` = ``جنگسالار``."""
    return compact(fold(text, language, strict=strict))
