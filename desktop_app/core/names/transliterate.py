"""English spellings of names written in Dari or Pashto script: ranked candidates.

Three sources, best first: name pairs learned from the glossaries and the TM
(:class:`NameMemory`), a table of common name parts (``resources/names/name_parts.tsv``)
and spelling rules: name endings (-ullah → الله, -uddin → الدین, -zai → زی, Abdul-),
letter groups (kh → خ, gh → غ, sh → ش), vowels by their place in the word (a short
medial vowel is not written, a final -a is ه or ا, a final -i is ی, Pashto ي) and, for
Pashto, the Pashto letters (g → ګ, zh → ږ) with the retroflex ones as lower-ranked choices.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from desktop_app.core import languages
from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.resources import shipped
from desktop_app.core.textnorm import match_key

ZWNJ = "\u200c"
_NON_JOINING = frozenset("اآأإدذرزژوؤۀةړږډ")


@dataclass(slots=True)
class Candidate:
    target: str
    score: float  # 0..1, higher is better
    source: str  # "glossary", "tm", "table" or "rules"


@dataclass(slots=True)
class NameMemory:
    """Word pairs learned from names the translator's glossaries and TM already hold."""

    words: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)  # lang → en → target
    origin: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def learn(self, english: str, target: str, lang: str, origin: str = "glossary") -> bool:
        """Learn from one name pair; False when it does not look like a name pair."""
        code = _lang(lang)
        en_words = _words(english)
        tg_words = _merge_article_words(target.split())
        if not en_words or not all(w[:1].isupper() for w in en_words):
            return False
        if not tg_words or any(re.search(r"[A-Za-z0-9]", w) for w in tg_words):
            return False
        table = self.words.setdefault(code, {})
        if len(en_words) == len(tg_words):
            pairs = list(zip(en_words, tg_words, strict=True))
        elif len(en_words) == 1:
            pairs = [(en_words[0], " ".join(tg_words))]
        else:
            return False
        for en, tg in pairs:
            key = en.lower()
            table.setdefault(key, Counter())[tg] += 1
            self.origin.setdefault((code, key, tg), origin)
            stem_pair = _stem_pair(key, tg)
            if stem_pair:
                table.setdefault(stem_pair[0], Counter())[stem_pair[1]] += 1
                self.origin.setdefault((code, stem_pair[0], stem_pair[1]), origin)
        return True

    def lookup(self, word: str, lang: str) -> list[tuple[str, int, str]]:
        code = _lang(lang)
        found = self.words.get(code, {}).get(word.lower())
        if not found:
            return []
        return [(t, n, self.origin.get((code, word.lower(), t), "glossary"))
                for t, n in found.most_common()]


def _merge_article_words(words: list[str]) -> list[str]:
    """``حیات الله`` is one name word typed with a space: join it back (``حیات‌الله``)."""
    out: list[str] = []
    for w in words:
        if out and w in ("الله", "الدین", "الدين") and not out[-1].startswith("ال"):
            out[-1] = _join(out[-1], w, "prs")
        else:
            out.append(w)
    return out


def _stem_pair(en: str, target: str) -> tuple[str, str] | None:
    """``hayatullah`` / ``حیات‌الله`` teaches ``hayat`` / ``حیات``."""
    for suffixes, arabic in ((_ULLAH, "الله"), (_UDDIN, "الدین")):
        for suf in suffixes:
            if en.endswith(suf) and len(en) > len(suf) + 1:
                flat = target.replace(ZWNJ, "").replace(" ", "")
                if flat.endswith(arabic) and len(flat) > len(arabic):
                    return en[: -len(suf)], flat[: -len(arabic)]
    return None


def _lang(lang: str) -> str:
    try:
        code = languages.get(lang).code
    except Exception as exc:
        raise InputError(_("unknown language {lang!r}: use dari or pashto").format(
            lang=lang)) from exc
    if code not in ("prs", "ps"):
        raise InputError(_("names are transliterated into Dari or Pashto, not {lang}").format(
            lang=lang))
    return code


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\s\-‐–]+", name.strip().replace("’", "'")) if w]


@lru_cache(maxsize=1)
def _parts() -> dict[str, list[tuple[str, str]]]:
    """English spelling → its (Dari, Pashto) spellings, the most common first.

    A spelling on several rows (Hamid: حامد, حمید) has several candidates, in row order."""
    table: dict[str, list[tuple[str, str]]] = {}
    path = shipped("resources", "names", "name_parts.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        english, dari = cols[0], cols[1].strip()
        pashto = cols[2].strip() if len(cols) > 2 else ""
        for variant in english.split("|"):
            entries = table.setdefault(variant.strip().lower(), [])
            if (dari, pashto) not in entries:
                entries.append((dari, pashto))
    return table


def _part_spellings(word: str, lang: str) -> list[str]:
    """The name-parts table's spellings of one word, the most common first."""
    out: list[str] = []
    for dari, pashto in _parts().get(word, []):
        if lang == "prs":
            options = [dari]
        else:  # the Pashto spelling first, then the Dari one in Pashto letters
            options = [pashto, _to_pashto(dari, word)] if pashto else [_to_pashto(dari, word)]
        if lang == "ps" and _PASHTO_E.search(word) and options[0].count("ی") == 1 \
                and not options[0].endswith("ی"):
            options.append(options[0].replace("ی", "ې"))  # a long e: Sher, Gardez → شېر، ګردېز
        out.extend(o for o in options if o and o not in out)
    return out


_PASHTO_E = re.compile(r"^[^e]*[^aeiy]e[^aeiy][^e]*$")


def _to_pashto(dari: str, english: str) -> str:
    out = dari.replace("گ", "ګ")
    if out.endswith("ی") and re.search(r"(?<![aeo])(i|ee|y)$", english):
        out = out[:-1] + "ي"
    return out


# Letter groups: pattern → (initial, medial, final) options as (letters, cost).
Opt = tuple[tuple[str, float], ...]
_C: dict[str, tuple[Opt, Opt, Opt]] = {}


def _rule(pattern: str, initial: Opt, medial: Opt | None = None,
          final: Opt | None = None) -> None:
    _C[pattern] = (initial, medial if medial is not None else initial,
                   final if final is not None else (medial if medial is not None else initial))


for _p, _o in {
    "b": "ب", "p": "پ", "f": "ف", "j": "ج", "l": "ل", "m": "م", "n": "ن", "w": "و",
    "v": "و", "y": "ی", "kh": "خ", "gh": "غ", "ch": "چ", "ph": "ف", "ck": "ک", "x": "کس",
    "q": "ق", "g": "گ", "r": "ر", "sh": "ش", "zh": "ژ",
}.items():
    _rule(_p, ((_o, 0.0),))
_rule("t", (("ت", 0.0), ("ط", 1.2)))
_rule("d", (("د", 0.0), ("ض", 2.2)))
_rule("k", (("ک", 0.0), ("ق", 1.6)))
_rule("c", (("ک", 0.2), ("س", 0.9)))
_rule("s", (("س", 0.0), ("ص", 1.1), ("ث", 1.6)))
_rule("z", (("ز", 0.0), ("ذ", 1.2), ("ظ", 1.3), ("ض", 1.9)))
_rule("h", (("ه", 0.0), ("ح", 0.2)), (("ه", 0.3), ("ح", 0.4), ("", 1.6)), (("ه", 0.0), ("ح", 0.6)))
_rule("th", (("ت", 0.4), ("ث", 0.8)))
_rule("dh", (("ذ", 0.4), ("د", 0.6)))
_rule("'", (("ع", 0.4), ("", 0.2)))
# vowels
_rule("a", (("ا", 0.0), ("آ", 0.7), ("ع", 0.9)), (("", 0.0), ("ا", 0.35), ("ع", 1.6)),
      (("ه", 0.4), ("ا", 0.5), ("ی", 1.8)))
_rule("aa", (("آ", 0.0),), (("ا", 0.0),), (("ا", 0.0), ("اء", 1.5)))
_rule("e", (("ا", 0.0), ("ای", 0.8), ("ع", 1.0)), (("", 0.1), ("ی", 0.6), ("ا", 1.1)),
      (("ه", 0.3), ("ی", 0.6), ("", 0.7)))
_rule("ee", (("ای", 0.0),), (("ی", 0.0),), (("ی", 0.0),))
_rule("i", (("ا", 0.0), ("ای", 0.6), ("ع", 0.9)), (("ی", 0.2), ("", 0.4)), (("ی", 0.0),))
_rule("o", (("ا", 0.2), ("او", 0.3), ("ع", 1.0)), (("و", 0.2), ("", 0.5), ("ا", 1.2)),
      (("و", 0.1), ("ه", 1.0)))
_rule("oo", (("او", 0.0),), (("و", 0.0),), (("و", 0.0),))
_rule("ou", (("او", 0.0),), (("و", 0.0),), (("و", 0.0),))
_rule("u", (("ا", 0.1), ("او", 0.5), ("ع", 0.8)), (("", 0.2), ("و", 0.3)), (("و", 0.1),))
_rule("ai", (("ای", 0.0),), (("ی", 0.2), ("ای", 0.4)), (("ی", 0.0), ("ایی", 0.5)))
_rule("ana", (("انا", 0.0),), (("ان", 0.3), ("انا", 0.5)), (("انه", 0.2), ("نه", 0.4)))
_rule("ay", (("ای", 0.0),), (("ی", 0.2), ("ای", 0.3)), (("ی", 0.0),))
_rule("ei", (("ای", 0.0),), (("ی", 0.1),), (("ی", 0.0),))
_rule("ey", (("ای", 0.0),), (("ی", 0.1),), (("ی", 0.0),))
_rule("ie", (("ای", 0.0),), (("ی", 0.1),), (("ی", 0.0),))
_rule("ia", (("ای", 0.3),), (("یا", 0.2),), (("یه", 0.3), ("یا", 0.4)))
_rule("aw", (("او", 0.0),), (("و", 0.2), ("او", 0.4)), (("و", 0.0),))
_rule("au", (("او", 0.0),), (("و", 0.2), ("او", 0.4)), (("و", 0.0),))
_rule("ae", (("ا", 0.0),), (("ا", 0.2),), (("ه", 0.3),))
_rule("ea", (("ای", 0.0),), (("ی", 0.3), ("", 0.3)), (("یا", 0.2), ("یه", 0.4)))
_rule("oe", (("او", 0.0),), (("و", 0.2),), (("و", 0.0),))

# Pashto: its own letters first for g and zh; the retroflex ones as further choices.
_PASHTO_EXTRA: dict[str, tuple[tuple[str, float], ...]] = {
    "g": (("ګ", 0.0),), "zh": (("ږ", 0.2), ("ژ", 0.5)),
    "t": (("ت", 0.0), ("ټ", 1.0), ("ط", 1.3)), "d": (("د", 0.0), ("ډ", 1.0)),
    "r": (("ر", 0.0), ("ړ", 1.3)), "sh": (("ش", 0.0), ("ښ", 0.9)),
    "ts": (("څ", 0.8), ("تس", 0.5)), "dz": (("ځ", 0.8), ("دز", 0.5)),
}
_DOUBLE = re.compile(r"([bdfgjklmnpqrstvwxz])\1")
_VOWELS = frozenset("aeiou")
_BEAM = 24
_DIGRAPHS = frozenset({"kh", "gh", "sh", "ch", "zh", "ph", "th"})
_IZAFE = frozenset({"e", "i", "ye", "yi"})


def _options(word: str, i: int, pattern: str, lang: str) -> Opt:
    initial, medial, final = _C[pattern]
    if lang == "ps" and pattern in _PASHTO_EXTRA:
        initial = medial = final = _PASHTO_EXTRA[pattern]
    end = i + len(pattern)
    if i == 0:
        return initial
    if end == len(word):
        if lang == "ps" and pattern in ("i", "ee", "y"):
            return (("ي", 0.0), ("ی", 0.7))
        if lang == "ps" and pattern in ("ai", "ay"):
            return (("ی", 0.0), ("ۍ", 0.3))
        return final
    if lang == "ps" and pattern == "e":  # Pashto writes a medial long e as ې
        return (("", 0.1), ("ې", 0.3), ("ی", 0.6))
    if pattern in ("i", "u") and _before_cluster(word, end):  # short before two consonants
        return (("", 0.1), (medial[1][0] if pattern == "u" else "ی", 0.5))
    if pattern == "a" and _last_syllable(word, end):
        if word[end] in "nl":  # -ān, -āl: the long vowel is the common one
            return (("ا", 0.1), ("", 0.3), ("ع", 1.6))
        return (("", 0.1), ("ا", 0.3), ("ع", 1.6))
    return medial


def _before_cluster(word: str, end: int) -> bool:
    """Whether two consonants (a letter group such as sh counts as one) follow."""
    rest = word[end:]
    count = 0
    i = 0
    while i < len(rest) and rest[i] not in _VOWELS and rest[i] not in "wy":
        i += 2 if rest[i:i + 2] in _DIGRAPHS else 1
        count += 1
    return count >= 2 and i < len(rest)


def _last_syllable(word: str, end: int) -> bool:
    """Whether only consonants follow ``word[end:]`` (a long final -ā- is common)."""
    rest = word[end:]
    return 0 < len(rest) <= 2 and not any(c in _VOWELS for c in rest)


def rule_spellings(word: str, lang: str, n: int = 8) -> list[tuple[str, float]]:
    """Spellings of one lower-case word by the letter rules alone, cheapest first."""
    word = _DOUBLE.sub(r"\1", word.lower())
    word = re.sub(r"[^a-z']", "", word)
    if not word:
        return []
    beams: list[list[tuple[float, str]]] = [[] for _ in range(len(word) + 1)]
    beams[0] = [(0.0, "")]
    patterns = sorted(_C, key=len, reverse=True)
    for i in range(len(word)):
        if not beams[i]:
            continue
        beams[i] = heapq.nsmallest(_BEAM, beams[i])
        for pattern in patterns:
            if not word.startswith(pattern, i):
                continue
            if lang != "ps" and pattern in ("ts", "dz"):
                continue
            # a vowel followed by the same vowel is one long vowel ("aa"), never two
            opts = _options(word, i, pattern, lang)
            split = len(pattern) == 1 and word[i:i + 2] in _DIGRAPHS
            for cost0, text in beams[i]:
                for out, cost in opts:
                    beams[i + len(pattern)].append((cost0 + cost + 1.5 * split, text + out))
    best: dict[str, float] = {}
    for cost, text in sorted(beams[len(word)]):
        if text and text not in best:
            best[text] = cost
        if len(best) >= n:
            break
    return list(best.items())


_ULLAH = ("ullah", "ulla", "ollah", "allah", "ulah")
_UDDIN = ("uddin", "udin", "oddin", "uddeen", "addin", "iddin", "ud-din")
_ARTICLE = frozenset({"ul", "ud", "ur", "us", "un", "ut", "uz", "ush"})
_ABDUL = ("abdul", "abdal", "abdel", "abdur", "abdus", "abdu", "abd")


def _join(stem: str, tail: str, lang: str) -> str:
    if not stem:
        return tail
    if stem[-1] in _NON_JOINING:
        return stem + tail
    return stem + (ZWNJ if lang == "prs" else " ") + tail


def _word_options(word: str, lang: str, memory: NameMemory | None,
                  depth: int = 0) -> list[tuple[str, float, str]]:
    """Spellings of one name word with their cost and where they came from."""
    low = word.lower().replace("’", "'")
    found: dict[str, tuple[float, str]] = {}

    def add(text: str, cost: float, source: str) -> None:
        if text and (text not in found or found[text][0] > cost):
            found[text] = (cost, source)

    if memory is not None:
        learned = memory.lookup(low, lang)
        total = sum(n for _t, n, _o in learned) or 1
        for text, count, origin in learned:
            add(text, -1.0 - count / total, origin)
    for rank, text in enumerate(_part_spellings(low, lang)):
        add(text, -0.5 + 0.2 * rank, "table")
    if depth == 0:
        for suffixes, arabic, cost in ((_ULLAH, "الله", -0.3), (_UDDIN, "الدین", -0.3),
                                       (("zai", "zay", "zaey"), "زی", -0.2),
                                       (("khel", "khail", "khil"), "خیل", -0.2),
                                       (("zada", "zadah", "zadeh"), "زاده", -0.2),
                                       (("yar",), "یار", 0.0),
                                       (("abad",), "آباد", -0.1), (("stan", "istan"), "ستان", 0.0)):
            for suf in suffixes:
                if low.endswith(suf) and len(low) > len(suf) + 1:
                    for stem, c, src in _word_options(low[: -len(suf)], lang, memory,
                                                      depth + 1)[:4]:
                        joined = stem + arabic if arabic in ("ستان", "یار") else _join(
                            stem, arabic, lang)
                        add(joined, c + cost, src)
                        if stem.endswith("ا") and arabic in ("الله", "الدین"):
                            add(stem + "ء" + arabic, c + cost - 0.05, src)  # ثناءالله
        if low.endswith(("i", "y")) and len(low) > 3:  # nisba: Sadiq → Sadiqi
            for stem, c, src in _word_options(low[:-1], lang, memory, depth + 1)[:2]:
                if src != "rules":
                    add(stem + ("ي" if lang == "ps" else "ی"), c + 0.1, src)
        for text, cost in _compound(low, lang):
            add(text, cost, "table")
    for text, cost in rule_spellings(low, lang):
        add(text, cost, "rules")
    ranked = sorted(((t, c, s) for t, (c, s) in found.items()), key=lambda x: x[1])
    return ranked


def _with_article(head: list[tuple[str, float, str]], word: str, lang: str,
                  memory: NameMemory | None) -> list[tuple[str, float, str]]:
    """A name part, the Arabic article and the next word as one word: نورالحق, ضیاءالحق."""
    tails = [(t, -0.5 + 0.2 * k, "table") for k, t in enumerate(_part_spellings(
        "al" + word.lower(), lang))] + _word_options(word, lang, memory)[:4]
    out: list[tuple[str, float, str]] = []
    for t, c, s in head[:3]:
        for n, cn, sn in tails[:4]:
            source = "rules" if "rules" in (s, sn) else s
            n = "ال" + n.removeprefix("ال")
            out.append((_join(t, n, lang), c + cn, source))
            if t.endswith("ا"):
                out.append((t + "ء" + n, c + cn - 0.05, source))  # ضیاءالحق
    return sorted(out, key=lambda x: x[1])


def _compound(word: str, lang: str) -> list[tuple[str, float]]:
    """A word made of two known name parts, written as one: Gulbahar → گلبهار."""
    out: list[tuple[str, float]] = []
    for k in range(2, len(word) - 1):
        heads, tails = _part_spellings(word[:k], lang), _part_spellings(word[k:], lang)
        if heads and tails and min(k, len(word) - k) >= 3:
            out.extend((h + t, -0.4 + 0.1 * (i + j)) for i, h in enumerate(heads[:2])
                       for j, t in enumerate(tails[:2]))
    return out


def transliterate(name: str, lang: str, n: int = 3,
                  memory: NameMemory | None = None) -> list[Candidate]:
    """Ranked Dari or Pashto spellings of an English-spelled name (``n`` best)."""
    code = _lang(lang)
    if n < 1:
        raise InputError(_("ask for at least one candidate"))
    words = _words(name)
    words = [w for k, w in enumerate(words) if not (0 < k < len(words) - 1
                                                     and w.lower() in _IZAFE)]
    if not words or not any(re.search(r"[A-Za-z]", w) for w in words):
        raise InputError(_("give a name written in Latin letters"))
    return _rank(_units(words, code, memory), code, n)


def _units(words: list[str], code: str,
           memory: NameMemory | None) -> list[list[tuple[str, float, str]]]:
    """The spellings of each written word of a name (Abdul Rahman, Noor ul Haq: one word)."""
    units: list[list[tuple[str, float, str]]] = []
    i = 0
    while i < len(words):
        low = words[i].lower()
        if low in (*_ABDUL, "al", "el") and i + 1 < len(words):
            nxt = _word_options(words[i + 1], code, memory)[:4]
            head = "" if low in ("al", "el") else "عبد"
            unit = [(head + ("ال" if not t.startswith("ال") else "") + t, c - 0.3, s)
                    for t, c, s in nxt]
            if head:  # "Abdul Rahman" is written as the one word the table knows: عبدالرحمن
                whole = _part_spellings("abdul" + words[i + 1].lower(), code) + [
                    "عبد" + t for t in _part_spellings("al" + words[i + 1].lower(), code)]
                unit = [(t, -0.9 + 0.2 * k, "table") for k, t in enumerate(whole)] + unit
            units.append(unit)
            i += 2
            continue
        if low in _ARTICLE and units and i + 1 < len(words):  # Noor ul Haq → نورالحق
            units[-1] = _with_article(units[-1], words[i + 1], code, memory)
            i += 2
            continue
        stem = low[:-2] if low.endswith(("ul", "ur", "ud", "us")) else ""
        if i + 1 < len(words) and len(stem) >= 3 and (
                _parts().get(stem) or (memory and memory.lookup(stem, code))):
            stems = _word_options(stem, code, memory)  # Noorul Haq, Fazlur Rahman
            units.append(_with_article(stems, words[i + 1], code, memory))
            i += 2
            continue
        units.append(_word_options(words[i], code, memory)[:6])
        i += 1
    return units


def _rank(units: list[list[tuple[str, float, str]]], code: str, n: int) -> list[Candidate]:
    """The ``n`` cheapest spellings of the whole name, distinct as a reader sees them."""
    combos: list[tuple[float, list[str], set[str]]] = [(0.0, [], set())]
    for options in units:
        if not options:
            continue
        combos = heapq.nsmallest(max(n * 4, 12), (
            (cost + c, texts + [t], sources | {s})
            for cost, texts, sources in combos for t, c, s in options), key=lambda x: x[0])
    out: list[Candidate] = []
    seen: set[str] = set()
    for cost, texts, sources in combos:
        text = " ".join(texts)
        # Pashto keeps its own letters (ې, ګ, ړ...) apart; ي and ی are one letter there too
        key = match_key(text, code, strict=True).replace("ي", "ی") if code == "ps" \
            else match_key(text, code)
        if not text or key in seen:
            continue
        seen.add(key)
        source = "rules" if "rules" in sources else next(
            (s for s in ("glossary", "tm", "table") if s in sources), "rules")
        out.append(Candidate(text, round(1 / (1 + math.exp(cost)), 3), source))
        if len(out) >= n:
            break
    return out


NAME_DOMAINS = frozenset(("person", "people", "place", "name", "names", "geography"))


def learn_from_glossaries(concepts: Iterable[object], memory: NameMemory | None = None,
                          ) -> NameMemory:
    """A memory of the name pairs (English → Dari, Pashto) held by glossary concepts."""
    memory = memory or NameMemory()
    for concept in concepts:
        terms = getattr(concept, "terms", [])
        domain = str(getattr(concept, "domain", "")).lower()
        if domain not in NAME_DOMAINS and not (domain == "" and all(
                len(t.text.split()) == 1 for t in terms if t.lang == "en")):
            continue  # "United Front" is translated, not spelled: no word pairs from it
        english = [t.text for t in terms if t.lang == "en" and t.status != "forbidden"]
        for lang in ("prs", "ps"):
            targets = [t.text for t in terms if t.lang == lang and t.status != "forbidden"]
            for en in english:
                for tg in targets[:1]:
                    memory.learn(en, tg, lang, "glossary")
    return memory


def learn_from_pairs(pairs: Iterable[tuple[str, str]], lang: str,
                     memory: NameMemory | None = None, origin: str = "tm") -> NameMemory:
    """Learn from (source, target) units that are names: short, every word capitalised."""
    memory = memory or NameMemory()
    for source, target in pairs:
        words = _words(source)
        if 0 < len(words) <= 4 and not re.search(r"[.!?,;:]", source):
            memory.learn(source, target, lang, origin)
    return memory


def short_tm_units(tm: Any, lang: str, limit: int = 50_000) -> list[tuple[str, str]]:
    """The TM units short enough to be names (English source, ``lang`` target)."""
    code = _lang(lang)
    rows = tm.db.execute(
        "SELECT source, target FROM units WHERE source_lang = 'en' AND target_lang = ? "
        "AND length(source) <= 60 LIMIT ?", [code, limit]).fetchall()
    return [(str(s), str(t)) for s, t in rows]


def memory_for(glossaries: Any, tm: Any = None) -> NameMemory:
    """Everything the translator's glossaries (a GlossarySet) and TM teach about names."""
    memory = learn_from_glossaries(glossaries.concepts())
    if tm is not None:
        for lang in ("prs", "ps"):
            learn_from_pairs(short_tm_units(tm, lang), lang, memory, "tm")
    return memory


_NAME_LIKE = re.compile(r"^[A-Z][A-Za-z'’\-]*(?:\s+(?:[A-Z][A-Za-z'’\-]*|bin|al|ul|ud|e|i))"
                        r"{0,4}$")


def looks_like_name(text: str) -> bool:
    """A person's or place's name in Latin letters: a few capitalised words, no sentence."""
    return bool(_NAME_LIKE.match(text.strip()))
