"""Glossary checks on (source, target) pairs: missing terms, forbidden terms, and the same
source term rendered differently across a document.

Matching is folding- and inflection-aware on both sides (Dari ها/ان/ات/ی, Pashto case
endings). ``strict`` keeps the Pashto letter distinctions (ي/ی, ګ/گ) that lenient
folding merges, so a Pashto target written with Persian letters is caught.

Rules a finding follows, beyond matching:
- A forbidden term renders its concept wrongly, so it is flagged when the source holds
  that concept: one of its source terms, or a word derived from one (villagers,
  policemen, provincial, universities). ``ماشین`` is a forbidden rendering of "car" but
  the right word in "sewing machines". A concept with no term in the source language, or
  a segment with no source text, is flagged wherever its forbidden term appears.
- A flagged forbidden term stands for its concept: the same concept is not reported
  missing too (the forbidden finding names the form to use).
- A common-noun term inside a longer proper name is not that term: "Nations" in "the
  United Nations" is no nation (:func:`in_proper_name`).
- "men" after a possessive ("the warlord's men", "his men") are a leader's followers,
  not the concept "man".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.core.glossary.matcher import Hit, Matcher, in_proper_name
from desktop_app.core.glossary.store import Concept, lang_code
from desktop_app.core.i18n import N_, Joined, Msg, Quoted
from desktop_app.core.textnorm import match_key

MISSING = "term-missing"
FORBIDDEN = "term-forbidden"
INCONSISTENT = "term-inconsistent"

MIN_DERIVED_STEM = 4  # "car" does not relate "career" or "carpet" to the concept car
_WORD = re.compile(r"[^\W\d_]+")
_POSSESSIVE = re.compile(r"(?:'s|s'|\b(?:my|your|his|her|its|our|their))\s+$", re.IGNORECASE)


def _possessed_men(source: str, hit: Hit) -> bool:
    """"men" after a possessive: the warlord's men, his men (followers, troops)."""
    return (hit.text.lower().rstrip("'s") == "men"
            and _POSSESSIVE.search(source, 0, hit.start) is not None)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    segment: int  # index of the pair in the document
    text: Msg | str  # put into words when shown, in the UI language of that moment
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    suggestion: str = ""

    @property
    def message(self) -> str:
        return str(self.text)

    def as_json(self) -> dict[str, object]:
        return {"code": self.code, "segment": self.segment + 1, "message": self.message,
                "source_span": self.source_span, "target_span": self.target_span,
                "suggestion": self.suggestion}


class GlossaryQA:
    def __init__(self, concepts: Iterable[Concept], source_lang: str, target_lang: str, *,
                 strict: bool = False):
        concepts = list(concepts)
        self.target_lang = lang_code(target_lang)
        self.source = Matcher(source_lang, concepts)
        self.target = Matcher(target_lang, concepts,
                              statuses=("preferred", "admitted", "forbidden"), strict=strict)

    def _form(self, written: str, term: str) -> str:
        """The form used, for consistency: as written (strict letters, any spacing), or
        the term itself when the writing is an inflection of it."""
        lang = self.target_lang
        if match_key(written, lang) != match_key(term, lang):
            written = term
        return match_key(written, lang, strict=True)

    def _in_source(self, key: tuple[str, int], source: str,
                   found: set[tuple[str, int]]) -> bool:
        """Whether the source holds the concept: a term hit, or a word derived from one of
        its one-word terms (at least ``MIN_DERIVED_STEM`` letters before the suffix; a
        final -e or -y may give way: provinc-ial, universit-ies)."""
        if key in found:
            return True
        terms = self.source.concepts[key].terms_in(self.source.source_lang)
        if not terms or not source.strip():
            return True  # nothing to relate it to: flagged wherever it appears
        if self.source.source_lang != "en":
            return False  # derived words are told by English suffixes only
        words = _WORD.findall(source.lower())
        for term in terms:
            stem = term.text.lower()
            if not stem.isalpha():
                continue
            stems = {stem, stem[:-1]} if stem[-1] in "ey" else {stem}
            if any(len(s) >= MIN_DERIVED_STEM and w.startswith(s) and w != s
                   for s in stems for w in words):
                return True
        return False

    @staticmethod
    def _as_term(source: str, hit: Hit) -> bool:
        """Whether a source hit stands for its concept (not part of a name, not another
        sense of the word)."""
        return hit.term.dnt or not (_possessed_men(source, hit) or (
            hit.term.text.islower() and in_proper_name(source, hit.start, hit.end)))

    def _allowed(self, key: tuple[str, int]) -> list[str]:
        concept = self.source.concepts[key]
        return [t.text for t in concept.terms_in(self.target_lang, "preferred", "admitted")]

    def check(self, pairs: Sequence[tuple[str, str]]) -> list[Finding]:
        findings: list[Finding] = []
        used: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
        for n, (source, target) in enumerate(pairs):
            if not target.strip():
                continue
            all_hits = self.source.find(source)
            source_hits = [h for h in all_hits if self._as_term(source, h)]
            in_source = {h.concept_key for h in all_hits}  # a name's part still relates
            present: dict[tuple[str, int], str] = {}
            flagged: set[tuple[str, int]] = set()
            for hit in self.target.find(target):
                if hit.term.status == "forbidden":
                    if not self._in_source(hit.concept_key, source, in_source):
                        continue  # the word in another sense (ماشین: a machine)
                    flagged.add(hit.concept_key)
                    concept = self.target.concepts[hit.concept_key]
                    better = concept.preferred(self.target_lang)
                    message = Msg(N_("forbidden term {term}; use {better}"), term=Quoted(
                        hit.text), better=Quoted(better.text)) if better else Msg(
                        N_("forbidden term {term}"), term=Quoted(hit.text))
                    findings.append(Finding(FORBIDDEN, n, message,
                                            target_span=hit.span,
                                            suggestion=better.text if better else ""))
                else:  # remember the form as written, Pashto letters and all
                    present.setdefault(hit.concept_key, self._form(hit.stem, hit.term.text))
            for hit in source_hits:
                concept = self.source.concepts[hit.concept_key]
                if hit.term.dnt:
                    if hit.text not in target:
                        findings.append(Finding(MISSING, n, Msg(N_(
                            "{term} must stay as it is (do not translate)"),
                                term=Quoted(hit.text)), hit.span,
                                                suggestion=hit.text))
                    continue
                allowed = self._allowed(hit.concept_key)
                if not allowed:
                    continue
                if hit.concept_key in present:
                    used[hit.concept_key].append((n, present[hit.concept_key]))
                    continue
                if hit.concept_key in flagged:
                    continue  # the forbidden finding already names the form to use
                preferred = concept.preferred(self.target_lang)
                findings.append(Finding(
                    MISSING, n, Msg(N_("{term} should be rendered as {options}"),
                                    term=Quoted(hit.text),
                                    options=Joined(N_(" or "), map(Quoted, allowed))), hit.span,
                    suggestion=preferred.text if preferred else allowed[0]))
        findings.extend(self._consistency(used))
        findings.sort(key=lambda f: (f.segment, f.code))
        return findings

    def _consistency(self, used: dict[tuple[str, int], list[tuple[int, str]]]) -> list[Finding]:
        findings = []
        for key, uses in used.items():
            counts = Counter(form for _, form in uses)
            if len(counts) < 2:
                continue
            main = counts.most_common(1)[0][0]
            source_term = self.source.concepts[key].preferred(self.source.source_lang)
            name = source_term.text if source_term else main
            for n, form in uses:
                if form != main:
                    findings.append(Finding(INCONSISTENT, n, Msg(N_(
                        "{term} is rendered as {form} here but {main} elsewhere"),
                            term=Quoted(name), form=Quoted(form), main=Quoted(main)),
                                            suggestion=main))
        return findings
