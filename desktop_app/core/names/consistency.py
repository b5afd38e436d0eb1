"""QA ``name-inconsistent``: one source name written two ways in the target.

For each name of the source (found by extraction, or a glossary term), each target that
translates a segment holding it is searched for the name's rendering: a span of target
words close to one of the name's expected spellings (the glossary's targets, the TM,
transliteration candidates, and the renderings already seen in other segments).
Renderings are compared folded (ی/ي, ک/ك, half-space and space inside a word are the
same), so only real spelling differences count. One call applies the majority spelling
everywhere, as one undoable step of the editing session.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from desktop_app.core.documents.base import strip_tags
from desktop_app.core.glossary.qa import Finding
from desktop_app.core.glossary.store import Concept
from desktop_app.core.i18n import _, isolate
from desktop_app.core.names.extract import extract, is_organisation
from desktop_app.core.names.transliterate import NameMemory, transliterate
from desktop_app.core.textnorm import match_key

NAME_INCONSISTENT = "name-inconsistent"
_WORD = re.compile(r"[^\s\u060c\u061b\u061f.,;:!?()\[\]«»\"“”'‘’]+")
_MIN_SIMILARITY = 70.0


@dataclass(slots=True)
class Rendering:
    spelling: str  # as written in the first segment that uses it
    key: str  # folded
    rows: list[int] = field(default_factory=list)  # indices of the pairs


@dataclass(slots=True)
class NameVariance:
    name: str
    renderings: list[Rendering]  # the majority first

    @property
    def majority(self) -> Rendering:
        return self.renderings[0]


def _spans(target: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(target)]


def find_rendering(target: str, expected: Sequence[str], words: int,
                   target_lang: str) -> tuple[int, int] | None:
    """The span of ``target`` that best matches one of the ``expected`` spellings."""
    if not expected:
        return None
    keys = [match_key(e, target_lang) for e in expected]
    spans = _spans(target)
    best: tuple[float, int, int] | None = None
    for size in sorted({max(1, words - 1), words, words + 1}):
        for i in range(len(spans) - size + 1):
            start, end = spans[i][0], spans[i + size - 1][1]
            key = match_key(target[start:end], target_lang)
            hit = process.extractOne(key, keys, scorer=fuzz.ratio,
                                     score_cutoff=_MIN_SIMILARITY)
            if hit is not None and (best is None or hit[1] > best[0]):
                best = (hit[1], start, end)
    return (best[1], best[2]) if best else None


def _glossary_targets(concepts: Iterable[Concept], target_lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for concept in concepts:
        targets = [t.text for t in concept.terms_in(target_lang)]
        if not targets:
            continue
        for term in concept.terms_in("en", "preferred", "admitted"):
            out.setdefault(match_key(term.text, "en"), []).extend(targets)
    return out


_NAMES: dict[int, list[tuple[str, list[int]]]] = {}  # the last document's names


def _document_names(sources: list[str]) -> list[tuple[str, list[int]]]:
    """The person and place names of the sources, with their rows; the sources change
    rarely (the targets do), so the last document's are kept."""
    key = hash(tuple(sources))
    found = _NAMES.get(key)
    if found is None:
        cands = extract(list(enumerate(sources)), phrases=False)
        found = [(c.term, c.segments) for c in cands
                 if c.kind == "name" and not is_organisation(c.term)]
        _NAMES.clear()
        _NAMES[key] = found
    return found


def find_variances(pairs: Sequence[tuple[str, str]], target_lang: str, *,
                   concepts: Iterable[Concept] = (), memory: NameMemory | None = None,
                   names: Sequence[tuple[str, list[int]]] | None = None,
                   ) -> list[NameVariance]:
    """Names rendered with more than one (folded) spelling across the targets."""
    plain = [(strip_tags(s), strip_tags(t)) for s, t in pairs]
    if names is None:
        names = _document_names([s for s, _t in plain])
    glossary = _glossary_targets(concepts, target_lang)
    found: list[NameVariance] = []
    target_keys: dict[int, str] = {}
    for name, rows in names:
        rows = [r for r in rows if plain[r][1].strip()]
        if len(rows) < 2:
            continue
        expected = list(glossary.get(match_key(name, "en"), []))
        expected += [c.target for c in transliterate(name, target_lang, 6, memory)]
        words = len(name.split())
        by_key: dict[str, Rendering] = {}
        for row in rows:
            target = plain[row][1]
            tkey = target_keys.get(row)
            if tkey is None:
                tkey = target_keys[row] = match_key(target, target_lang)
            # a spelling already seen, as it stands: no search needed
            seen = next((r for k, r in by_key.items() if k and k in tkey), None)
            if seen is not None:
                seen.rows.append(row)
                continue
            span = find_rendering(target, expected + [r.spelling for r in by_key.values()],
                                  words, target_lang)
            if span is None:
                continue
            spelling = target[span[0]:span[1]]
            key = match_key(spelling, target_lang)
            rendering = by_key.setdefault(key, Rendering(spelling, key))
            rendering.rows.append(row)
        if len(by_key) > 1:
            preferred = {match_key(t, target_lang) for t in
                         glossary.get(match_key(name, "en"), [])[:1]}
            ranked = sorted(by_key.values(), key=lambda r: (-len(r.rows), r.key not in preferred,
                                                            r.rows[0]))
            found.append(NameVariance(name, ranked))
    return found


def check(pairs: Sequence[tuple[str, str]], target_lang: str, *,
          concepts: Iterable[Concept] = (), memory: NameMemory | None = None,
          ) -> list[Finding]:
    """Findings ``name-inconsistent``: one on each segment using a minority spelling."""
    out: list[Finding] = []
    for variance in find_variances(pairs, target_lang, concepts=concepts, memory=memory):
        major = variance.majority
        for other in variance.renderings[1:]:
            for row in other.rows:
                target = strip_tags(pairs[row][1])
                at = target.find(other.spelling)
                out.append(Finding(
                    NAME_INCONSISTENT, row,
                    _("{name} is written {spelling} here (segments {here}) but {majority} in "
                      "segments {there}").format(
                        name=isolate(variance.name), spelling=isolate(other.spelling),
                        here=_list(other.rows), majority=isolate(major.spelling),
                        there=_list(major.rows)),
                    target_span=(at, at + len(other.spelling)) if at >= 0 else None,
                    suggestion=major.spelling))
    out.sort(key=lambda f: f.segment)
    return out


def _list(rows: Sequence[int], limit: int = 6) -> str:
    shown = ", ".join(str(r + 1) for r in rows[:limit])
    return shown + (", …" if len(rows) > limit else "")


def apply_majority(session: Any, variance: NameVariance) -> Any:
    """Write the majority spelling in every segment that uses another: one undo step."""
    texts: dict[int, str] = {}
    for other in variance.renderings[1:]:
        for row in other.rows:
            target = session.segments[row].target
            texts[row] = texts.get(row, target).replace(other.spelling,
                                                        variance.majority.spelling)
    return session.edit_many(texts, "names")


def session_variances(session: Any, memory: NameMemory | None = None) -> list[NameVariance]:
    """The inconsistently spelt names of an open project."""
    pairs = [(s.source, s.target) for s in session.segments]
    return find_variances(pairs, session.project.target_lang,
                          concepts=session.matcher.concepts.values(), memory=memory)
