"""Glossary-respecting MT: mask source terms with placeholders, restore target terms.

Before MT each glossary hit that has a target term is replaced by a placeholder the
model copies through (``TX1``, ``TX2``...: Latin capitals and digits, no underscore,
since the Argos tokenizer turns ``_`` into spaces). After MT each placeholder is
replaced by the concept's preferred target term (or the source form for "do not
translate" terms). If a placeholder is lost, duplicated or mangled, the caller
retranslates the segment unmasked and flags it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core.glossary.matcher import Hit, Matcher
from desktop_app.core.glossary.store import lang_code

PLACEHOLDER = "TX{n}"
_FOUND = re.compile(r"T\s?X\s?(\d+)", re.IGNORECASE)


@dataclass(slots=True)
class Slot:
    number: int
    hit: Hit
    target: str  # what replaces the placeholder after MT

    @property
    def placeholder(self) -> str:
        return PLACEHOLDER.format(n=self.number)


@dataclass(slots=True)
class Masked:
    source: str
    text: str  # what the engine sees
    slots: list[Slot] = field(default_factory=list)

    @property
    def enforced_terms(self) -> list[str]:
        return [f"{s.hit.text} -> {s.target}" for s in self.slots]


class Enforcer:
    def __init__(self, matcher: Matcher, target_lang: str):
        self.matcher = matcher
        self.target_lang = lang_code(target_lang)

    def target_for(self, hit: Hit) -> str | None:
        if hit.term.dnt:
            return hit.text
        concept = self.matcher.concepts[hit.concept_key]
        term = concept.preferred(self.target_lang)
        return term.text if term else None

    def mask(self, text: str) -> Masked:
        pieces: list[str] = []
        slots: list[Slot] = []
        pos = 0
        for hit in self.matcher.find(text):
            target = self.target_for(hit)
            if target is None:
                continue
            slot = Slot(len(slots) + 1, hit, target)
            pieces += [text[pos:hit.start], slot.placeholder]
            slots.append(slot)
            pos = hit.end
        pieces.append(text[pos:])
        return Masked(text, "".join(pieces), slots)

    @staticmethod
    def restore(masked: Masked, translated: str) -> str | None:
        """The translation with target terms in place, or None if a placeholder was lost."""
        if not masked.slots:
            return translated
        found = [int(m.group(1)) for m in _FOUND.finditer(translated)]
        if sorted(found) != [s.number for s in masked.slots]:
            return None
        by_number = {s.number: s.target for s in masked.slots}
        return _FOUND.sub(lambda m: by_number[int(m.group(1))], translated)
