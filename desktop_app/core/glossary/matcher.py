"""Find every glossary term in a segment with one Aho-Corasick automaton.

All overlapping candidates are collected from the folded text, those failing a word
boundary are dropped (an inflection suffix may stand between the term and the boundary:
"Talibans", "Massoud's", "کتابها"), then the rest are resolved longest-first. Resolving
before the boundary check would lose hits ("Hong Kong" inside "Hong Kongers" would
hide "Hong").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from desktop_app.core.glossary.store import MAX_TERM_CHARS, Concept, Term, lang_code
from desktop_app.core.textnorm import fold, fold_with_map, original_span

# Endings that may follow a term inside the same word, per script. Folded forms.
SUFFIXES: tuple[str, ...] = (
    "'s", "'", "es", "s",  # English possessive, plural
    "هایی", "های", "ها", "ان", "ات", "یی", "ای", "ی",  # Dari plural, ezafe, indefinite
    "ګانو", "ګان", "گانو", "گان", "ونه", "انو", "و", "ې", "ه", "ي",  # Pashto plural, cases
)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # span in the original segment, suffix included
    end: int
    text: str
    concept_key: tuple[str, int]  # (glossary name, concept id)
    term: Term  # the source term that matched
    stem_end: int = -1  # end of the term proper in the original, before any ending

    @property
    def stem(self) -> str:
        """The matched term as written, without an inflection ending."""
        return self.text[: self.stem_end - self.start] if self.stem_end >= 0 else self.text

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(frozen=True, slots=True)
class _Entry:
    concept_key: tuple[str, int]
    term: Term
    length: int  # folded length of the term


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


class Matcher:
    """Source-language terms of many concepts; rebuilt incrementally as concepts change."""

    def __init__(self, source_lang: str = "en", concepts: Iterable[Concept] = (), *,
                 statuses: tuple[str, ...] = ("preferred", "admitted"), strict: bool = False):
        self.source_lang = lang_code(source_lang)
        self.statuses = statuses
        self.strict = strict
        self._entries: dict[str, list[_Entry]] = {}
        self._by_concept: dict[tuple[str, int], list[str]] = {}
        self.concepts: dict[tuple[str, int], Concept] = {}
        self._automaton = ahocorasick.Automaton()
        self._dirty = False
        for concept in concepts:
            self.add(concept)

    @property
    def _fold_lang(self) -> str:
        return self.source_lang if self.source_lang in ("en", "prs", "ps", "fa") else ""

    def __len__(self) -> int:
        return len(self.concepts)

    def add(self, concept: Concept) -> None:
        """Add or replace one concept's source terms (preferred and admitted)."""
        key = (concept.glossary, int(concept.id or 0))
        if key in self.concepts:
            self.remove(key)
        self.concepts[key] = concept
        keys: list[str] = []
        for term in concept.terms_in(self.source_lang, *self.statuses):
            if len(term.text) > MAX_TERM_CHARS:  # stored before imports were limited
                continue
            folded = fold(term.text, self._fold_lang, strict=self.strict)
            if not folded:
                continue
            entries = self._entries.setdefault(folded, [])
            entries.append(_Entry(key, term, len(folded)))
            self._automaton.add_word(folded, folded)
            keys.append(folded)
        self._by_concept[key] = keys
        self._dirty = True

    def remove(self, concept_key: tuple[str, int]) -> None:
        self.concepts.pop(concept_key, None)
        for folded in self._by_concept.pop(concept_key, []):
            left = [e for e in self._entries.get(folded, []) if e.concept_key != concept_key]
            if left:
                self._entries[folded] = left
            else:
                self._entries.pop(folded, None)
                self._automaton.remove_word(folded)
        self._dirty = True

    def _ready(self) -> ahocorasick.Automaton:
        if self._dirty:
            if len(self._automaton):
                self._automaton.make_automaton()
            self._dirty = False
        return self._automaton

    def find(self, text: str) -> list[Hit]:
        """Every glossary hit in ``text``, non-overlapping, longest first, in text order."""
        automaton = self._ready()
        if not self._entries or automaton.kind != ahocorasick.AHOCORASICK:
            return []
        folded, index = fold_with_map(text, self._fold_lang, strict=self.strict)
        n = len(folded)
        candidates: list[tuple[int, int, _Entry]] = []
        for end_idx, key in automaton.iter(folded):
            start = end_idx - len(key) + 1
            if start > 0 and _is_word(folded[start - 1]) and _is_word(folded[start]):
                continue
            end = end_idx + 1
            if end < n and _is_word(folded[end]) and _is_word(folded[end - 1]):
                end = self._suffix_end(folded, end)
                if end < 0:
                    continue
            for entry in self._entries[key]:
                candidates.append((start, end, entry))
        # Longest span first; at equal span, the longer term (an exact word beats a shorter
        # term plus an inflection ending).
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], -c[2].length))
        taken: list[tuple[int, int]] = []
        hits: list[Hit] = []
        for start, end, entry in candidates:
            if any(start < b and a < end for a, b in taken):
                continue
            a, b = original_span(index, start, end)
            a_term, b_term = original_span(index, start, start + entry.length)
            if entry.term.case_sensitive and _letters(text[a_term:b_term]) != _letters(
                    entry.term.text):
                continue
            taken.append((start, end))
            hits.append(Hit(a, b, text[a:b], entry.concept_key, entry.term, b_term))
        hits.sort(key=lambda h: h.start)
        return hits

    @staticmethod
    def _suffix_end(folded: str, end: int) -> int:
        n = len(folded)
        for suffix in SUFFIXES:
            if folded.startswith(suffix, end):
                after = end + len(suffix)
                if after == n or not _is_word(folded[after]):
                    return after
        return -1
