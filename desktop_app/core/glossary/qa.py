"""Glossary checks on (source, target) pairs: missing terms, forbidden terms, and the same
source term rendered differently across a document.

Matching is folding- and inflection-aware on both sides (Dari ها/ان/ات/ی, Pashto case
endings). ``strict`` keeps the Pashto letter distinctions (ي/ی, ګ/گ) that lenient
folding merges, so a Pashto target written with Persian letters is caught.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desktop_app.core.glossary.matcher import Matcher
from desktop_app.core.glossary.store import Concept, lang_code
from desktop_app.core.i18n import _, quoted
from desktop_app.core.textnorm import match_key

MISSING = "term-missing"
FORBIDDEN = "term-forbidden"
INCONSISTENT = "term-inconsistent"


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    segment: int  # index of the pair in the document
    message: str
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    suggestion: str = ""

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

    def _allowed(self, key: tuple[str, int]) -> list[str]:
        concept = self.source.concepts[key]
        return [t.text for t in concept.terms_in(self.target_lang, "preferred", "admitted")]

    def check(self, pairs: Sequence[tuple[str, str]]) -> list[Finding]:
        findings: list[Finding] = []
        used: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
        for n, (source, target) in enumerate(pairs):
            if not target.strip():
                continue
            target_hits = self.target.find(target)
            present: dict[tuple[str, int], str] = {}
            for hit in target_hits:
                if hit.term.status == "forbidden":
                    concept = self.target.concepts[hit.concept_key]
                    better = concept.preferred(self.target_lang)
                    message = (_("forbidden term {term}; use {better}") if better
                               else _("forbidden term {term}")).format(
                        term=quoted(hit.text), better=quoted(better.text) if better else "")
                    findings.append(Finding(FORBIDDEN, n, message,
                                            target_span=hit.span,
                                            suggestion=better.text if better else ""))
                else:  # remember the form as written, Pashto letters and all
                    present.setdefault(hit.concept_key, self._form(hit.stem, hit.term.text))
            for hit in self.source.find(source):
                concept = self.source.concepts[hit.concept_key]
                if hit.term.dnt:
                    if hit.text not in target:
                        findings.append(Finding(MISSING, n, _(
                            "{term} must stay as it is (do not translate)").format(
                                term=quoted(hit.text)), hit.span,
                                                suggestion=hit.text))
                    continue
                allowed = self._allowed(hit.concept_key)
                if not allowed:
                    continue
                if hit.concept_key in present:
                    used[hit.concept_key].append((n, present[hit.concept_key]))
                    continue
                preferred = concept.preferred(self.target_lang)
                findings.append(Finding(
                    MISSING, n, _("{term} should be rendered as {options}").format(
                        term=quoted(hit.text),
                        options=_(" or ").join(quoted(a) for a in allowed)), hit.span,
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
                    findings.append(Finding(INCONSISTENT, n, _(
                        "{term} is rendered as {form} here but {main} elsewhere").format(
                            term=quoted(name), form=quoted(form), main=quoted(main)),
                                            suggestion=main))
        return findings
