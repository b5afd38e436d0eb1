"""Find every glossary term in a segment with one Aho-Corasick automaton.

Terms and text are compared by their match key (``textnorm.key_with_map``): folded, and
with no space between two Arabic-script letters, so ``جنگ‌سالار``, ``جنگ سالار`` and
``جنگسالار`` are one key however the term or the text was typed. The dropped spaces are
remembered as word boundaries: a term still matches only at word boundaries, and spans
map back to the original text.

All overlapping candidates are collected, those failing a word boundary are dropped (an
inflection ending of the language may stand between the term and the boundary:
"Talibans", "Massoud's", "کتابها"), then the rest are resolved longest-first. Resolving
before the boundary check would lose hits ("Hong Kong" inside "Hong Kongers" would
hide "Hong"). Words inside a Dari or Pashto term inflect too (``لویو ښارونو`` for
``لوی ښار``): their inflected forms are added to the automaton as variant keys
(``core.inflection`` holds the ending tables).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from desktop_app.core.glossary.model import MAX_TERM_CHARS, Concept, Term, lang_code
from desktop_app.core.inflection import Endings, endings_for, english_plural
from desktop_app.core.textnorm import compact, fold, is_arabic_text, key_with_map, original_span

MAX_VARIANTS = 64  # inflected forms of one term's inner words kept in the automaton


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
    length: int  # length of the key
    variant: bool = False  # an inflected form of the term's inner words
    inflects: bool = True  # the last word is long enough to take an ending
    long_stem: bool = True  # ... and to take an ending that needs a longer stem (Dari -ش)
    exact_case: bool = False  # marked case-sensitive, or an acronym (US, UN, NATO)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _letters(text: str) -> str:
    return "".join(c for c in text if c.isalpha())


def is_acronym(text: str) -> bool:
    """An all-capital term (US, UN, NATO, U.S.): matched only as written, in capitals, so
    the pronoun "us" is never the United States. One capital letter alone is no acronym."""
    if not text.isupper():  # a lower-case letter, or no cased letter at all: the common case
        return False
    letters = _letters(text)
    return len(letters) >= 2 and letters.isupper()


def exact_case(term: Term) -> bool:
    """Whether a term matches only with its own letter case (the case rule)."""
    return term.case_sensitive or is_acronym(term.text)


def _same_case(text: str, a: int, b: int, term: str) -> bool:
    """The hit ``text[a:b]`` has the term's letters in the term's case: the lowercase
    prefix of a hyphenated word ("un-named") is no UN, while "US-led" is the US."""
    return _letters(text[a:b]) == _letters(term)


# Words that are capitalised at the start of a sentence without being part of a name.
_FUNCTION_WORDS = frozenset((
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "its",
    "our", "their", "in", "on", "at", "of", "for", "from", "to", "by", "with", "as", "and",
    "or", "but", "if", "when", "while", "after", "before", "during", "since"))
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'.]*)[\s\-]+$")
_WORD_AFTER = re.compile(r"(?:'s?)?[\s\-]+([A-Z][\w'.]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]|\n)[\s\"'“‘(\[]*$")
_LETTERS = re.compile(r"[^\W\d_]+")


def _is_headline(text: str) -> bool:
    """Title case ("Women Protest School Closures in Kabul"): capitals say nothing there.
    Any lower-case word that is not a function word ("met", "called") makes it a sentence."""
    words = _LETTERS.findall(text)
    return len(words) >= 3 and not any(
        w[0].islower() and len(w) >= 3 and w not in _FUNCTION_WORDS for w in words)


def in_proper_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, a hit of a common-noun term, is the tail of a longer
    proper name: capitalised where no sentence starts, right after another capitalised
    word ("the United Nations", "Kabul University", "the Interior Ministry"), or after
    "the" and before another capitalised word ("the People's Republic"). A title before a
    name ("said President Ghani") is the term, and so is every word of a text in title
    case."""
    if not text[start:start + 1].isupper() or _SENTENCE_START.search(text, 0, start):
        return False
    before = _WORD_BEFORE.search(text, 0, start)
    if before is None:
        return False
    word = before.group(1)
    if word.lower() == "the":  # the People's Republic: a capitalised word follows
        after = _WORD_AFTER.match(text, end)
        name = after is not None and after.group(1) not in _FUNCTION_WORDS
    else:
        name = word[0].isupper() and word.lower() not in _FUNCTION_WORDS
    return name and not _is_headline(text)


_VERSIONS = itertools.count(1)


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
        self.version = next(_VERSIONS)  # new on every change, unique across matchers
        self._endings = self._folded_endings(endings_for(self.source_lang))
        self._broken = dict(self._endings.broken)
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
            last_word = len(folded.rsplit(" ", 1)[-1])
            inflects = last_word >= self._endings.min_word
            long_stem = last_word >= self._endings.long_stem
            exact = exact_case(term)
            # A common noun takes its irregular English plural; a name or acronym does not.
            plural = not exact and term.text.rsplit(" ", 1)[-1][:1].islower()
            for n, form in enumerate(self._forms(folded, plural)):
                if form in keys:
                    continue
                self._entries.setdefault(form, []).append(
                    _Entry(key, term, len(form), n > 0, inflects, long_stem, exact))
                self._automaton.add_word(form, form)
                keys.append(form)
        self._by_concept[key] = keys
        self._dirty = True
        self.version = next(_VERSIONS)

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
        self.version = next(_VERSIONS)

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
        folded, index, breaks = key_with_map(text, self._fold_lang, strict=self.strict)
        n = len(folded)
        candidates: list[tuple[int, int, _Entry]] = []
        for end_idx, key in automaton.iter(folded):
            start = end_idx - len(key) + 1
            if (start > 0 and start not in breaks and _is_word(folded[start - 1])
                    and _is_word(folded[start])):
                continue
            end = end_idx + 1
            if (end < n and end not in breaks and _is_word(folded[end])
                    and _is_word(folded[end - 1])):
                end, short = self._suffix_end(folded, end, breaks)
                if end < 0:
                    continue
                candidates.extend((start, end, e) for e in self._entries[key]
                                  if e.inflects and (e.long_stem or not short))
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
            while b < len(text) and unicodedata.category(text[b]) == "Mn":
                b += 1  # a mark folding removed (ezafe ٔ, harakat) belongs to the hit
            a_term, b_term = original_span(index, start, start + entry.length)
            if entry.exact_case and not _same_case(text, a_term, b_term, entry.term.text):
                continue
            taken.append((start, end))
            hits.append(Hit(a, b, text[a:b], entry.concept_key, entry.term, b_term))
        hits.sort(key=lambda h: h.start)
        return hits

    def _folded_endings(self, endings: Endings) -> Endings:
        def f(x: str) -> str:
            return fold(x, self._fold_lang, strict=self.strict)
        added = tuple(sorted({f(e) for e in (*endings.added, *endings.clitics,
                                             *endings.long_stem_clitics)},
                             key=len, reverse=True))
        def pairs(table: tuple[tuple[str, tuple[str, ...]], ...]
                  ) -> tuple[tuple[str, tuple[str, ...]], ...]:
            return tuple((f(a), tuple(f(r) for r in reps)) for a, reps in table)
        return Endings(added, pairs(endings.replaced), endings.min_word, endings.inner,
                       tuple(f(a) for a in endings.arabic), endings.arabic_min_stem,
                       pairs(endings.broken), tuple(f(w) for w in endings.before_head),
                       tuple(f(c) for c in endings.clitics),
                       tuple(f(c) for c in endings.long_stem_clitics), endings.long_stem)

    def _word_forms(self, word: str, last: bool) -> list[str]:
        """The word and, when long enough, its inflected forms (for the last word only the
        forms that replace a final letter: added endings are checked after a hit)."""
        forms = [word, *self._broken.get(word, ()), *self._compound_plurals(word)]
        e = self._endings
        if len(word) < e.min_word or not word[-1:].isalpha():
            return forms
        if (word[-1] in e.arabic and len(word) - 1 >= e.arabic_min_stem
                and not word.endswith("ات")):
            forms.append(word[:-1] + "ات")  # Arabic feminine plural: ولایت -> ولایات
        if not last and e.inner:
            forms += [word + ending for ending in e.added if ending not in e.clitics]
        for final, replacements in e.replaced:
            if word.endswith(final):
                forms += [word[: -len(final)] + r for r in replacements]
        return list(dict.fromkeys(forms))

    def _compound_plurals(self, word: str) -> list[str]:
        """A compound whose first part has a broken plural, the plural in ezafe before the
        rest: رییسجمهور -> روسای جمهور (the match key has no space)."""
        out = []
        for k in range(3, len(word) - 2):
            for plural in self._broken.get(word[:k], ()):
                out.append(plural + ("ی" if plural[-1] in "اوی" else "") + word[k:])
        return out

    def _forms(self, folded: str, plural: bool = True) -> list[str]:
        """Match keys of a folded term: as written first, then inflected variants."""
        if not (self._endings.inner or self._endings.replaced) or not is_arabic_text(folded):
            forms = [compact(folded)]  # English: the term as written, and its plural
            head, _, last = folded.rpartition(" ")
            irregular = english_plural(last) if plural and self.source_lang == "en" else None
            if irregular:
                forms.append(f"{head} {irregular}" if head else irregular)
            return forms
        words = folded.split(" ")
        per_word = [self._word_forms(w, i == len(words) - 1) for i, w in enumerate(words)]
        combos: list[list[str]] = [[]]
        for i, forms in enumerate(per_word):
            if len(combos) * len(forms) > MAX_VARIANTS:
                forms = forms[:1] if i < len(words) - 1 else forms
            combos = [c + [f] for c in combos for f in forms][:MAX_VARIANTS]
        if len(words) >= 3 and words[0] == "د" and self._endings.before_head:
            # د پنجشیر دره -> د پنجشیر په دره کې: a preposition of the head noun; and a
            # name's compound without the د (پنجشیر دره, as پنجشیر ولایت)
            combos += [words[:-1] + [p, f] for p in self._endings.before_head
                       for f in per_word[-1]]
            combos += [words[1:-1] + [f] for f in per_word[-1]]
        return list(dict.fromkeys(compact(" ".join(c)) for c in combos))

    def _suffix_end(self, folded: str, end: int, breaks: frozenset[int]) -> tuple[int, bool]:
        """Where the ending after a hit ends (-1: none), and whether it is one that needs a
        longer stem."""
        n = len(folded)
        for suffix in self._endings.added:
            if folded.startswith(suffix, end):
                after = end + len(suffix)
                if after == n or after in breaks or not _is_word(folded[after]):
                    return after, suffix in self._endings.long_stem_clitics
        return -1, False
