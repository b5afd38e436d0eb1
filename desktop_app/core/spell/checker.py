"""Which words of a Dari or Pashto text are misspelt, and what to suggest.

A word is known when the Hunspell dictionary accepts it, or when it is a learned word:
the user's confirmed segments, the glossary terms of the language, the personal
dictionary. Learned words are compared with the matcher's folding (half-space = nothing,
Arabic ي/ك = ی/ک) and its inflection endings, so ``ولسمشرانو`` is known once ``ولسمشر``
is. Without a dictionary (always, for Pashto) the learned words alone decide. The most
common words of the language (``resources/spell/common-LANG.txt``: function words such as
از، به، در، که and د، په، او، چې) are always known, dictionary or not.

Dari against an Iranian dictionary: the glossary's Dari terms are never flagged, and a
word that is the forbidden (Iranian) term of a concept is flagged, inflected or not,
with the concept's Dari term as the first suggestion.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from desktop_app.core import languages
from desktop_app.core.documents.base import TAG
from desktop_app.core.glossary.store import Concept
from desktop_app.core.inflection import endings_for
from desktop_app.core.resources import shipped
from desktop_app.core.spell import dictionaries, wordlists
from desktop_app.core.spell.engine import Engine, load
from desktop_app.core.textnorm import fold, match_key

# Arabic-script words, a half-space and a tatweel (کـابل) inside them included; digits and
# Latin are not checked.
WORD = re.compile("[\u0621-\u063a\u0640\u0641-\u064a\u0671-\u06d3\u06d5\u06fa-\u06ff"
                  "\u064b-\u065f\u0670\u0654\u200c]+")


MIN_LEARNED = 2000  # learned words before a checker without a dictionary is trusted
PREFIXES = frozenset({"می", "نمی", "بی"})
ZWNJ = "\u200c"


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int
    end: int
    word: str
    suggestions: tuple[str, ...] = ()  # only filled for Iranian forms (cheap)

    def as_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "word": self.word,
                "suggestions": list(self.suggestions)}


def words_of(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in WORD.finditer(text):
        word = m.group(0).strip("\u200c\u0640")
        if word and any(c.isalpha() for c in word):
            start = m.start() + m.group(0).index(word)
            out.append((start, start + len(word), word))
    return out


# What the dictionaries spell one way and a text may write another: tatweel and vowel
# marks (تقریباً, کـابل) dropped, Arabic kaf/yeh/teh marbuta and heh-with-yeh as Persian
# (ك ى ة ۀ), hamza on alef as plain alef (both spellings of رأی/رای, تأثیر/تاثیر are
# listed). ئ stays (مسئول), and in Pashto ي stays: there ي and ی are two letters.
_SPELLING = str.maketrans({"\u0640": None, "\u0670": None, "ك": "ک", "ى": "ی", "ة": "ه",
                           "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا",
                           **{chr(c): None for c in range(0x064B, 0x0660)}})


def spelling_form(word: str, lang: str) -> str:
    """``word`` as the shipped dictionaries write it (see ``_SPELLING``)."""
    plain = word.translate(_SPELLING)
    return plain if lang == "ps" else plain.replace("ي", "ی")


def medial_yeh(word: str, lang: str) -> tuple[str, ...]:
    """Pashto tells ي from ی only at the end of a word; inside it the two look the same and
    keyboards type either (روغتیايي, روغتیایي): the word with every inner one as ی, the
    form the shipped Pashto list also holds (``wordlists.inner_yeh``)."""
    if lang != "ps" or len(word) < 3:
        return ()
    # an inner ې (هېڅوک, اېښودل) is the newer spelling of the inner ی the lists hold
    inner = wordlists.inner_yeh(word)
    return (inner, inner[:-1].replace("ې", "ی") + inner[-1:])


# Prefixes writers often type apart from the word (بې وزله for بېوزله): a word after one
# is right when the two joined are.
DETACHED = {"ps": frozenset(("بې", "بی", "نا", "بد", "غیر")),
            "prs": frozenset(("بی", "نا", "غیر"))}


COMMON_LISTS = {"prs": "common-prs.txt", "fa": "common-prs.txt", "ps": "common-ps.txt"}


def common_words(lang: str) -> list[str]:
    """The shipped list of the language's most common words, known to be right."""
    name = COMMON_LISTS.get(languages.get(lang).code)
    if name is None:
        return []
    text = shipped("resources", "spell", name).read_text("utf-8")
    return [w for line in text.splitlines() if not line.startswith("#") for w in line.split()]


def personal_file(lang: str) -> Path:
    return dictionaries.user_dir(lang) / "personal.txt"


class SpellChecker:
    def __init__(self, lang: str, *, dictionary: Path | None = None,
                 learned: Iterable[str] = (), concepts: Iterable[Concept] = (),
                 personal: Path | None = None, overlay: Path | None = None):
        self.lang = languages.get(lang).code
        self.engine: Engine | None = load(dictionary) if dictionary else None
        self.dictionary = dictionary
        # Tarjuman's own Dari list on top of an installed (Iranian) dictionary
        self.overlay: Engine | None = load(overlay) if overlay else None
        self._engines = [e for e in (self.engine, self.overlay) if e is not None]
        self._lock = threading.Lock()  # the grid checks rows on a pool thread
        self.personal = personal
        self._endings = endings_for(self.lang)
        # endings and verb prefixes typed apart (کتاب ها, می شود) are words of their own
        # so are the clitics after a half-space (زندگی‌اش, پدری‌شان)
        self._parts = {match_key(e, self.lang)
                       for e in (*self._endings.added, *self._endings.clitics)} | PREFIXES
        self._known: set[str] = set()
        self._iranian: dict[str, str] = {}  # key of an Iranian form -> the Dari term
        self._terms: set[str] = set()  # keys of the glossary's terms in this language
        self._ignored: set[str] = set()
        self._cache: dict[str, bool] = {}
        self.version = 0  # bumped whenever a verdict may change (a word learned or ignored)
        self._display: dict[str, str] = {}  # key -> a word as written, for suggestions
        self._common = {self._key(w) for w in common_words(self.lang)}
        for text in learned:
            self.learn(text)
        if self.lang == "prs":  # Iranian-only forms, with their Dari word first
            for iranian, dari in wordlists.iranian_forms().items():
                self._iranian[self._key(iranian)] = dari
        for concept in concepts:
            self.learn_concept(concept)
        if personal and personal.is_file():
            for line in personal.read_text("utf-8").splitlines():
                self.learn(line)

    @property
    def learned_count(self) -> int:
        return len(self._known)

    @property
    def common_count(self) -> int:
        return len(self._common)

    @property
    def trusted(self) -> bool:
        """Worth running unasked (QA, underlining): a dictionary, or enough learned words
        that an unknown word is more likely a typo than a word never seen."""
        return bool(self._engines) or len(self._known) >= MIN_LEARNED

    # -- vocabulary ----------------------------------------------------------------------

    def _key(self, word: str) -> str:
        return match_key(word, self.lang)

    def learn(self, text: str) -> None:
        """Every word of ``text`` becomes known (a confirmed segment, a term)."""
        if len(text) < 60:  # a term or a personal word: keep it as written for suggestions
            for _s, _e, word in words_of(text):
                self._display.setdefault(self._key(word), word)
        words = WORD.findall(fold(text, self.lang))  # fold once, not per word
        self._known.update(words)
        # folding joins می شود; the verb typed apart is a word of its own too
        self._known.update(w[len(p):] for w in words for p in ("نمی", "می")
                           if w.startswith(p) and len(w) > len(p) + 1)
        self._cache.clear()
        self.version += 1

    def learn_concept(self, concept: Concept) -> None:
        good = concept.terms_in(self.lang, "preferred", "admitted")
        for term in good:
            self.learn(term.text)
            self._terms.update(self._key(w) for _s, _e, w in words_of(term.text))
        if good:
            for term in concept.terms_in(self.lang, "forbidden"):
                key = self._key(term.text)
                if " " not in key:
                    self._iranian[key] = good[0].text

    def add_to_dictionary(self, word: str) -> None:
        """Known from now on, in this checker and (saved) in the personal dictionary."""
        self.learn(word)
        self._iranian.pop(self._key(word), None)
        if self.personal is not None:
            self.personal.parent.mkdir(parents=True, exist_ok=True)
            with self.personal.open("a", encoding="utf-8") as out:
                out.write(word.strip() + "\n")

    def ignore(self, word: str) -> None:
        """Not flagged again while this checker lives (this session)."""
        self._ignored.add(self._key(word))
        self._cache.clear()
        self.version += 1

    # -- checking ------------------------------------------------------------------------

    def _stems(self, key: str) -> Iterable[str]:
        """``key`` and what it could be an inflection of, by the language's endings."""
        yield key
        e = self._endings
        for ending in e.added:
            if key.endswith(ending) and len(key) - len(ending) >= e.min_word:
                yield key[: -len(ending)]
        for final, replacements in e.replaced:
            for r in replacements:
                if key.endswith(r) and len(key) - len(r) + len(final) >= e.min_word:
                    yield key[: -len(r)] + final

    def iranian(self, word: str) -> str | None:
        """The Dari form to use if ``word`` is (an inflection of) an Iranian form, with the
        same ending: ``دانشگاه‌ها`` -> ``پوهنتون‌ها``."""
        key = self._key(word)
        if key in self._terms:
            return None
        for stem in self._stems(key):
            if stem in self._iranian and stem not in self._terms:
                dari = self._iranian[stem]
                ending = key[len(stem):] if key.startswith(stem) else ""
                joint = ZWNJ if ending.startswith("ه") and " " not in dari else ""
                return dari + joint + ending
        return None

    def is_correct(self, word: str) -> bool:
        cached = self._cache.get(word)
        if cached is None:
            cached = self._cache[word] = self._is_correct(word)
        return cached

    def _is_correct(self, word: str) -> bool:
        key = self._key(word)
        if self.iranian(word) is not None:
            return False
        if key in self._ignored or key in self._parts or key in self._common:
            return True
        if any(s in self._known or s in self._common for s in self._stems(key)):
            return True
        if not self._engines:
            return False
        plain = spelling_form(word, self.lang)
        # as written (an installed dictionary may list رأی with its hamza), then folded
        written = word.replace("ك", "ک") if self.lang == "ps" else \
            word.replace("ك", "ک").replace("ي", "ی")
        forms = dict.fromkeys((written, plain, written.replace(ZWNJ, ""),
                               plain.replace(ZWNJ, ""), *medial_yeh(plain, self.lang)))
        with self._lock:
            if any(e.spell(w) for e in self._engines for w in forms):
                return True
        # a half-space stands where a space could: each part a word (or an ending) of its own
        parts = [p for p in plain.split(ZWNJ) if p]
        return len(parts) > 1 and all(self.is_correct(p) for p in parts)

    def check(self, text: str) -> list[Misspelling]:
        out = []
        words = words_of(text)
        joined = self._joined_to_prefix(text, words)
        for i, (start, end, word) in enumerate(words):
            if i in joined:
                continue
            if not self.is_correct(word):
                dari = self.iranian(word)
                out.append(Misspelling(start, end, word, (dari,) if dari else ()))
        return out

    def _joined_to_prefix(self, text: str, words: list[tuple[int, int, str]]) -> set[int]:
        """Indexes of the words that are right as one word with a prefix typed apart
        before them (بې وزله): the prefix and the word (see ``DETACHED``)."""
        detached = DETACHED.get(self.lang, frozenset())
        out: set[int] = set()
        for i in range(1, len(words)):
            (_s, before_end, prefix), (start, _e, word) = words[i - 1], words[i]
            if prefix in detached and not text[before_end:start].strip(" " + ZWNJ) \
                    and not (self.is_correct(word) and self.is_correct(prefix)) \
                    and self.is_correct(prefix + word):
                out.update((i - 1, i))
        return out

    def check_tagged(self, text: str) -> list[Misspelling]:
        """Misspelt words of a text with inline tags, offsets in its tag-free text. A tag
        (a line break included) separates words: ``را⟨1/⟩در`` is two words, never ``رادر``."""
        out: list[Misspelling] = []
        plain = 0
        pos = 0
        for piece in [*TAG.finditer(text), None]:
            end = piece.start() if piece is not None else len(text)
            for miss in self.check(text[pos:end]):
                out.append(Misspelling(miss.start + plain, miss.end + plain, miss.word,
                                       miss.suggestions))
            plain += end - pos
            if piece is not None:
                pos = piece.end()
        return out

    def suggest(self, word: str, limit: int = 8) -> list[str]:
        """Corrections, best first: the Dari form of an Iranian word, then the dictionary's,
        then the closest learned words."""
        found: list[str] = []
        dari = self.iranian(word)
        if dari:
            found.append(dari)
        with self._lock:
            for engine in self._engines:
                found += list(engine.suggest(word))
        key = self._key(word)
        near = process.extract(key, list(self._known | self._common), scorer=fuzz.ratio,
                               score_cutoff=60,
                               limit=limit)
        found += [self._display.get(k, k) for k, _score, _i in near if k != key]
        return list(dict.fromkeys(found))[:limit]
