"""How well transliteration finds the standard spelling: top-1 and top-n accuracy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.core.names.transliterate import NameMemory, transliterate
from desktop_app.core.textnorm import match_key


def name_key(text: str, lang: str) -> str:
    """Spellings compared as a reader would: folded (ي/ی, ک/ك, half-space and space between
    Arabic letters are the same); Pashto keeps its own letters (ګ, ې, ۍ, ړ...)."""
    if lang == "ps":
        return match_key(text, "ps", strict=True).replace("ي", "ی")
    return match_key(text, lang)


@dataclass(slots=True)
class Accuracy:
    total: int
    top1: float
    topn: float
    misses: list[tuple[str, str, list[str]]]


def accuracy(pairs: Iterable[tuple[str, str]], lang: str, n: int = 3,
             memory: NameMemory | None = None) -> Accuracy:
    """Share of (english, standard spelling) pairs found first, and among the ``n`` best."""
    total = first = within = 0
    misses: list[tuple[str, str, list[str]]] = []
    for english, expected in pairs:
        found = [c.target for c in transliterate(english, lang, n, memory)]
        keys = [name_key(t, lang) for t in found]
        want = name_key(expected, lang)
        total += 1
        first += keys[:1] == [want]
        if want in keys:
            within += 1
        else:
            misses.append((english, expected, found))
    return Accuracy(total, first / max(total, 1), within / max(total, 1), misses)
