"""Words and characters as a quote counts them (the rules memoQ and Trados use).

- A word is anything between spaces: ``well-known``, ``1,250.50``, ``12/05/2024``,
  ``e-mail@example.org`` and ``and/or`` are one word each.
- A token with no letter and no digit (a lone dash, ``&``, ``•``) is not a word.
- Tags (``⟨1⟩``, ``⟨/1⟩``, ``⟨2/⟩``) are not words and do not split the word they touch.
- The half-space (ZWNJ, U+200C) is not a space: ``کتاب‌ها`` is one word in Dari and Pashto;
  a no-break space (U+00A0) and the other Unicode spaces do separate words.
- Characters are counted without spaces, tags and invisible marks (ZWNJ, ZWJ, bidi marks).
"""

from __future__ import annotations

import re
import unicodedata

from desktop_app.core.documents.base import TAG

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u202a\u202b\u202c\u202d"
                       "\u202e\u2066\u2067\u2068\u2069")


def _is_word(token: str) -> bool:
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


def plain(text: str) -> str:
    """``text`` without its inline tags (a tag never splits the word it touches)."""
    return TAG.sub("", text) if "⟨" in text else text


def words(text: str) -> int:
    """How many words ``text`` holds (see the rules above)."""
    return sum(1 for token in _SPACES.split(plain(text)) if token and _is_word(token))


def characters(text: str) -> int:
    """Characters without spaces, tags and invisible marks."""
    return sum(1 for ch in plain(text) if not ch.isspace() and ch not in _INVISIBLE)
