"""New terms in a document: names, acronyms and repeated noun phrases not yet in a glossary.

Names are runs of capitalised words (titles such as President, Mr. or Dr. are left out,
connectors such as "of" kept inside: "International Crisis Group", "Bank of America").
A capital at the start of a sentence proves nothing: a function word there ("There",
"We", "But", "The") is dropped, and a lone sentence-initial word counts only when the
document also writes it capitalised inside a sentence. Month and day names never count.
Text in title case (headings) only adds to the count of names found elsewhere.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.documents.base import strip_tags
from desktop_app.core.glossary.matcher import Matcher, _is_headline
from desktop_app.core.names.transliterate import NameMemory, transliterate
from desktop_app.core.textnorm import fold

NOT_TERMS_KEY = "names.not_terms"

KINDS = ("name", "acronym", "phrase")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())



FUNCTION_WORDS = _word_set("""
a an the this that these those there here it its we our us i me my you your he him his she
her they them their who whom whose which what where when why how and or but nor so yet if
then than though although because while after before during since until as at by for from
in into of off on onto out over to under up with without about above across against along
among around behind below beneath beside between beyond despite down inside near outside
past through throughout toward towards upon within also even just only still however
meanwhile moreover therefore thus instead indeed perhaps both each every either neither
some many much more most few other another such all any no not none one two three four
five six seven eight nine ten first second last next is are was were be been being has
have had do does did will would shall should can could may might must said says say told
according asked added yes hello thanks please today yesterday tomorrow now later earlier
once again already never always often sometimes ms mr mrs dr
""")

MONTHS_AND_DAYS = _word_set("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday
""")

TITLES = _word_set("""
president vice prime minister deputy mr mr. mrs mrs. ms ms. dr dr. prof prof. professor
sir general gen gen. colonel col col. lieutenant lt lt. captain capt capt. major senator
sen sen. ambassador governor commander chairman chairwoman secretary king queen prince
princess sheikh judge justice spokesman spokeswoman spokesperson envoy director chief
mayor lord lady
""")

# Lower-case words that can sit inside a name ("Bank of America", "Osama bin Laden").
CONNECTORS = frozenset(("of", "for", "and", "the", "de", "del", "al", "el", "bin", "ibn",
                        "da", "van", "von", "on"))

_TOKEN = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Capt|Sen|Gov|Rep)\.|(?:[A-Z]\.){2,}"
                    r"|[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]|[.!?:;,\"“”()\[\]—–]|\s-\s")
_BREAK = frozenset(".!?:;,\"“”()[]—–")
_NOT_START = frozenset(",)]")
_POSSESSIVE = re.compile(r"['’]s?$")
_ACRONYM = re.compile(r"^(?:[A-Z]{2,7}s?|(?:[A-Z]\.){2,})$")
_ROMAN = re.compile(r"^(?:[IVXLC]+)$")


@dataclass(slots=True)
class Suggestion:
    target: str
    source: str  # "glossary", "tm", "mt" or "transliteration"


@dataclass(slots=True)
class TermCandidate:
    term: str
    kind: str  # "name", "acronym", "phrase"
    count: int
    segments: list[int]  # segment ids, in document order
    in_glossary: bool = False
    suggestions: list[Suggestion] = field(default_factory=list)
    score: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {"term": self.term, "kind": self.kind, "count": self.count,
                "segments": self.segments, "in_glossary": self.in_glossary,
                "suggestions": [{"target": s.target, "from": s.source}
                                for s in self.suggestions]}


@dataclass(slots=True)
class _Tally:
    kind: str
    forms: dict[str, int] = field(default_factory=dict)
    segments: list[int] = field(default_factory=list)
    count: int = 0


def _clean(word: str) -> str:
    return _POSSESSIVE.sub("", word.replace("’", "'"))


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _sentences(text: str) -> Iterable[tuple[list[str], bool]]:
    """Runs of words between punctuation, and whether each run may start a sentence
    (at the start, after . ! ? : ; and after a quote or an opening bracket)."""
    run: list[str] = []
    starts = True
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok in _BREAK or tok.strip() == "-":
            if run:
                yield run, starts
            run = []
            starts = tok not in _NOT_START
            continue
        run.append(tok)
    if run:
        yield run, starts


def _name_runs(words: list[str]) -> Iterable[tuple[list[str], bool]]:
    """Runs of capitalised words (connectors inside) and whether a run starts the sentence."""
    i = 0
    while i < len(words):
        if not _is_cap(words[i]):
            i += 1
            continue
        j = i + 1
        while j < len(words):
            if _is_cap(words[j]):
                j += 1
            elif (words[j] in CONNECTORS and j + 1 < len(words) and _is_cap(words[j + 1])
                  and words[j] != "and"):
                j += 2
            else:
                break
        yield words[i:j], i == 0
        i = j


def _trim(run: list[str], initial: bool) -> tuple[list[str], bool]:
    """Drop titles, function words, month and day names from the ends of a run."""
    words = [_clean(w) for w in run]
    while words and (words[0].lower() in FUNCTION_WORDS or words[0].lower() in TITLES
                     or words[0].lower().rstrip(".") in TITLES
                     or words[0].lower() in MONTHS_AND_DAYS):
        words = words[1:]
        initial = False
    while words and (words[-1].lower() in CONNECTORS or words[-1].lower() in MONTHS_AND_DAYS
                     or words[-1].lower() in FUNCTION_WORDS):
        words = words[:-1]
    return words, initial


def extract(segments: Sequence[tuple[int, str]], *, matcher: Matcher | None = None,
            min_count: int = 1, not_terms: Iterable[str] = (),
            phrases: bool = True) -> list[TermCandidate]:
    """Candidates for the glossary found in (segment id, source text) pairs, ranked."""
    ignored = {fold(t, "en") for t in not_terms}
    names: dict[str, _Tally] = {}
    single_initial: dict[str, list[int]] = {}  # sentence-initial one-word runs, held back
    inner_caps: set[str] = set()
    lower_words: set[str] = set()  # words the document also writes in lower case
    multi_initial: list[tuple[list[str], int]] = []  # "Captured U.S. vehicles": held back
    plain_texts: list[tuple[int, str]] = []
    headlines: list[tuple[int, str]] = []
    ngrams: dict[str, _Tally] = {}
    acronyms: dict[str, _Tally] = {}

    def tally(table: dict[str, _Tally], kind: str, form: str, sid: int) -> None:
        key = fold(form, "en")
        entry = table.get(key)
        if entry is None:
            entry = table[key] = _Tally(kind)
        entry.forms[form] = entry.forms.get(form, 0) + 1
        entry.count += 1
        if not entry.segments or entry.segments[-1] != sid:
            entry.segments.append(sid)

    for sid, source in segments:
        text = strip_tags(source)
        if not text.strip():
            continue
        plain_texts.append((sid, text))
        if _is_headline(text) or (text.isupper() and len(text.split()) > 1):
            headlines.append((sid, text))
            continue
        for words, initial_run in _sentences(text):
            lower_words.update(w.lower() for w in words if w[:1].islower())
            for run, at_start in _name_runs(words):
                at_start = at_start and initial_run
                for w in run:
                    if _ACRONYM.match(_clean(w)) and not _ROMAN.match(_clean(w)):
                        tally(acronyms, "acronym", _clean(w).removesuffix("s")
                              if _clean(w).endswith("s") and len(_clean(w)) > 3
                              else _clean(w), sid)
                words_run = [w for w in run if not (_ACRONYM.match(_clean(w))
                                                    and len(run) == 1)]
                kept, at_start = _trim(words_run, at_start)
                if not kept or all(_ACRONYM.match(w) for w in kept):
                    continue
                form = " ".join(kept)
                if at_start and len(kept) == 1:
                    single_initial.setdefault(form, []).append(sid)
                    continue
                if at_start:
                    multi_initial.append((kept, sid))
                    continue
                if not at_start:
                    inner_caps.update(fold(w, "en") for w in kept)
                tally(names, "name", form, sid)
            if phrases:
                _phrases(words, sid, ngrams, tally)
    for kept, sid in multi_initial:  # a verb or adverb starting the sentence is no name
        first = kept[0].lower()
        if first not in inner_caps and (first in lower_words
                                        or first.endswith(("ed", "ing", "ly"))):
            kept = kept[1:]
        if kept and not all(_ACRONYM.match(w) for w in kept):
            tally(names, "name", " ".join(kept), sid)
    name_parts = {p for k in names if " " in k for p in (k.split()[0], k.split()[-1])}
    for form, sids in single_initial.items():
        key = fold(form, "en")
        if key in names or key in inner_caps or key in name_parts:
            for sid in sids:
                tally(names, "name", form, sid)
    # headings: add to names found in running text, never start one
    for sid, text in headlines:
        folded = fold(text, "en")
        for key, entry in names.items():
            if len(key) > 2 and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded):
                entry.count += 1
                if sid not in entry.segments:
                    entry.segments.append(sid)
    _merge_short_names(names)
    for key, entry in acronyms.items():  # KABUL in a dateline is Kabul
        if key in names:
            names[key].count += entry.count
            names[key].segments.extend(x for x in entry.segments
                                       if x not in names[key].segments)
        else:
            names[key] = entry
    order = {sid: k for k, (sid, _t) in enumerate(segments)}
    out: list[TermCandidate] = []
    for table in (names, ngrams):
        for key, entry in table.items():
            if key in ignored:
                continue
            need = max(min_count, 2) if entry.kind == "phrase" else min_count
            if entry.count < need:
                continue
            form = max(entry.forms.items(), key=lambda kv: kv[1])[0]
            weight = {"name": 1.0, "acronym": 0.9, "phrase": 0.5}[entry.kind]
            score = weight * entry.count * (1 + 0.25 * (len(form.split()) - 1))
            out.append(TermCandidate(form, entry.kind, entry.count,
                                     sorted(entry.segments, key=lambda s: order.get(s, 0)),
                                     score=round(score, 3)))
    if phrases:
        out = _drop_phrases_inside_names(out)
    if matcher is not None:
        for cand in out:
            cand.in_glossary = in_glossary(matcher, cand.term)
    out.sort(key=lambda c: (c.in_glossary, -c.score, c.term.lower()))
    return out


def _merge_short_names(names: dict[str, _Tally]) -> None:
    """"Barr" after "Heather Barr": a first or last word of a longer name is that name."""
    longer = [k for k, e in names.items() if e.kind == "name" and " " in k]
    by_part: dict[str, list[str]] = {}
    for key in longer:
        parts = key.split()
        for part in (parts[0], parts[-1]):
            by_part.setdefault(part, []).append(key)
    for key in [k for k, e in names.items() if e.kind == "name" and " " not in k]:
        owners = by_part.get(key, [])
        if len(owners) == 1:  # only when it can mean one name
            entry = names.pop(key)
            owner = names[owners[0]]
            owner.count += entry.count
            owner.segments.extend(s for s in entry.segments if s not in owner.segments)


_PHRASE_WORD = re.compile(r"^[a-z][a-z\-]{2,}$")


def _phrases(words: list[str], sid: int, table: dict[str, _Tally],
             tally: Callable[[dict[str, _Tally], str, str, int], None]) -> None:
    low = words
    for n in (2, 3):
        for i in range(len(low) - n + 1):
            gram = low[i:i + n]
            if not all(_PHRASE_WORD.match(w) for w in gram):
                continue
            if any(w in FUNCTION_WORDS or w in MONTHS_AND_DAYS for w in gram):
                continue
            if gram[-1].endswith(("ly", "ing", "ed")) or gram[0].endswith("ly"):
                continue
            tally(table, "phrase", " ".join(gram), sid)


def _drop_phrases_inside_names(cands: list[TermCandidate]) -> list[TermCandidate]:
    """A two-word phrase counted no more often than a three-word phrase holding it is
    that phrase's part."""
    three = [c for c in cands if c.kind == "phrase" and c.term.count(" ") == 2]
    keep = []
    for c in cands:
        if c.kind == "phrase" and c.term.count(" ") == 1 and any(
                c.term in t.term and t.count >= c.count for t in three):
            continue
        keep.append(c)
    return keep


ORGANISATION_WORDS = _word_set("""
valley province district river mountain mountains lake city street road airport base
pass square bridge dam prison camp region
center centre council group watch front mission ministry bank university party union
committee organization organisation agency institute association foundation fund network
movement alliance army forces force police court office department commission corporation
company nations assembly parliament council program programme school college hospital
service services news times post press radio television emirate republic state states
""")


def is_organisation(name: str) -> bool:
    """A name made of English words (translated, not transliterated): "South Asia Center"."""
    return any(w.lower() in ORGANISATION_WORDS for w in name.split())


def in_glossary(matcher: Matcher, term: str) -> bool:
    """Whether ``term`` (folded, plural or possessive forms too) is a glossary term."""
    plain = term.strip()
    for variant in (plain, _clean(plain)):
        if any(h.span == (0, len(variant)) for h in matcher.find(variant)):
            return True
    return False


# -- suggestions -------------------------------------------------------------------------

def suggest(cands: Sequence[TermCandidate], target_lang: str, *,
            matcher: Matcher | None = None, tm: Any = None,
            memory: NameMemory | None = None,
            translate: Callable[[list[str]], list[str]] | None = None,
            limit: int = 0) -> None:
    """Fill each candidate's target suggestions: glossary, TM, MT and transliteration."""
    chosen = list(cands[:limit] if limit else cands)
    mt_out: dict[str, str] = {}
    if translate is not None and chosen:
        texts = [c.term for c in chosen if not c.in_glossary]
        mt_out = dict(zip(texts, translate(texts), strict=True)) if texts else {}
    for cand in chosen:
        found: list[Suggestion] = []
        if matcher is not None and cand.in_glossary:
            for hit in matcher.find(cand.term):
                concept = matcher.concepts[hit.concept_key]
                term = concept.preferred(target_lang)
                if term is not None:
                    found.append(Suggestion(term.text, "glossary"))
        if tm is not None:
            match = tm.exact(cand.term, "en", target_lang)
            if match is not None:
                found.append(Suggestion(match.target, "tm"))
        if cand.term in mt_out and mt_out[cand.term].strip():
            found.append(Suggestion(mt_out[cand.term].strip(), "mt"))
        if cand.kind == "name" and not cand.in_glossary and not is_organisation(cand.term):
            for c in transliterate(cand.term, target_lang, 2, memory):
                found.append(Suggestion(c.target, "transliteration"))
        seen: set[str] = set()
        cand.suggestions = []
        for s in found:
            key = fold(s.target, target_lang)
            if key not in seen:
                seen.add(key)
                cand.suggestions.append(s)


# -- "not a term", remembered per project ---------------------------------------------------

def not_terms(project: Any) -> list[str]:
    raw = project.get_meta(NOT_TERMS_KEY, "[]")
    try:
        value = json.loads(raw)
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def mark_not_term(project: Any, term: str, *, undo: bool = False) -> list[str]:
    """Remember (or, with ``undo``, forget) that ``term`` is no glossary term here."""
    current = not_terms(project)
    key = fold(term, "en")
    kept = [t for t in current if fold(t, "en") != key]
    if not undo:
        kept.append(term.strip())
    project.set_meta(NOT_TERMS_KEY, json.dumps(kept, ensure_ascii=False))
    return kept


def project_candidates(session: Any, *, min_count: int = 1, memory: NameMemory | None = None,
                       translate: Callable[[list[str]], list[str]] | None = None,
                       suggestions: bool = True, limit: int = 0) -> list[TermCandidate]:
    """The new-term candidates of an open project (an EditSession), with suggestions."""
    segs = [(s.id, s.source) for s in session.segments]
    cands = extract(segs, matcher=session.matcher, min_count=min_count,
                    not_terms=not_terms(session.project))
    if suggestions:
        if memory is None:
            from desktop_app.core.names.transliterate import memory_for

            memory = memory_for(session.glossaries, session.tm)
        suggest(cands, session.project.target_lang, matcher=session.matcher, tm=session.tm,
                memory=memory, translate=translate, limit=limit)
    return cands


def take_back_term(session: Any, added: Any) -> Any:
    """Undo an add from the New terms list (``added``: what ``session.add_term`` returned):
    the concept leaves the project glossary again, as one more glossary step."""
    return session.glossary_changed(
        session.glossary_editor.delete_concepts(added.glossary.added))
