"""QA of a whole project under its profile: the pair checks, the checks across segments
(the same source translated differently, one translation for different sources), the
project's word list and regular-expression checklist, each finding with its severity
and, when the translator ignored it for this very source and target, who did and when.

Also the gates: what blocks Ctrl+Enter on a segment, and what an export meets."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop_app.core.documents.base import strip_tags
from desktop_app.core.glossary.qa import Finding, GlossaryQA
from desktop_app.core.glossary.store import Concept
from desktop_app.core.i18n import _, isolate, ngettext, number
from desktop_app.core.qa.checks import (
    EMPTY,
    INCONSISTENT_SOURCE,
    INCONSISTENT_TARGET,
    REGEX,
    WORD_LIST,
    check,
)
from desktop_app.core.qa.profiles import ERROR, RANK, Profile
from desktop_app.core.segments import Segment
from desktop_app.core.textnorm import fold, match_key

if TYPE_CHECKING:
    from desktop_app.core.project import Project
    from desktop_app.core.spell.checker import SpellChecker

Ignored = dict[tuple[int, str], tuple[str, str, float]]  # (segment id, code) -> hash, who, when


def digest(source: str, target: str) -> str:
    """What an ignored finding was ignored for: a change of either text brings it back."""
    return hashlib.sha256(f"{source}\x00{target}".encode()).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Item:
    finding: Finding
    segment: Segment
    severity: str
    ignored_by: str = ""  # set when ignored (for this source and target)
    ignored_at: float = 0.0

    @property
    def ignored(self) -> bool:
        return bool(self.ignored_by or self.ignored_at)

    def as_json(self) -> dict[str, object]:
        out = {**self.finding.as_json(), "segment_id": self.segment.id,
               "severity": self.severity, "ignored": self.ignored}
        if self.ignored:
            out.update(ignored_by=self.ignored_by, ignored_at=self.ignored_at)
        return out


def _limit(segment: Segment, limits: dict[str, int]) -> int:
    return limits.get(segment.block_id, 0)


def block_limits(project: Project) -> dict[str, int]:
    """Length limits in characters the document gives its units (block meta
    ``max_chars``, e.g. from XLIFF ``maxwidth``), for units of a single segment."""
    rows = project.db.execute(
        "SELECT b.id, json_extract(b.meta, '$.max_chars') FROM blocks b WHERE "
        "json_valid(b.meta) AND typeof(json_extract(b.meta, '$.max_chars')) = 'integer' "
        "AND (SELECT count(*) FROM segments s WHERE s.block_id = b.id) = 1").fetchall()
    return {str(r[0]): int(r[1]) for r in rows if int(r[1]) > 0}


def consistency(keys: Sequence[tuple[str, str]], rows: Iterable[int], enabled: set[str],
                numbers: Sequence[int]) -> list[Finding]:
    """Findings for ``rows`` from (source key, target key) of every translated row ("" for
    untranslated): one source with different targets, one target from different sources."""
    by_source: dict[str, list[int]] = defaultdict(list)
    by_target: dict[str, list[int]] = defaultdict(list)
    for r, (skey, tkey) in enumerate(keys):
        if skey and tkey:
            by_source[skey].append(r)
            by_target[tkey].append(r)
    found = []
    for r in rows:
        skey, tkey = keys[r]
        if not (skey and tkey):
            continue
        if INCONSISTENT_TARGET in enabled:
            others = [o for o in by_source[skey] if keys[o][1] != tkey]
            if others:
                found.append(Finding(INCONSISTENT_TARGET, r, _(
                    "the same source is translated differently in {segments}").format(
                        segments=_segments(others, numbers))))
        if INCONSISTENT_SOURCE in enabled:
            others = [o for o in by_target[tkey] if keys[o][0] != skey]
            if others:
                found.append(Finding(INCONSISTENT_SOURCE, r, _(
                    "the same translation stands for a different source in {segments}").format(
                        segments=_segments(others, numbers))))
    return found


def _segments(rows: list[int], numbers: Sequence[int]) -> str:
    shown = ", ".join(number(numbers[o]) for o in rows[:5]) + ("…" if len(rows) > 5 else "")
    return ngettext("segment {list}", "segments {list}", len(rows)).format(list=shown)


def keys_of(source: str, target: str, target_lang: str) -> tuple[str, str]:
    if not target.strip():
        return ("", "")
    return (fold(strip_tags(source)), match_key(strip_tags(target), target_lang))


def checklist(n: int, source: str, target: str, profile: Profile,
              enabled: set[str], words: Sequence[tuple[str, re.Pattern[str]]]) -> list[Finding]:
    """The project's word list (unwanted words in the target, matched folded) and
    regular-expression rules, on a plain pair."""
    found = []
    if WORD_LIST in enabled and words and target:
        folded = fold(target)
        for word, pattern in words:
            if pattern.search(folded):
                found.append(Finding(WORD_LIST, n, _("{word} is on the project's word "
                                                     "list").format(word=isolate(word))))
    if REGEX in enabled:
        for rule in profile.regex:
            text = target if rule.side == "target" else source
            m = rule.pattern.search(text)
            if m and text:
                span = (m.start(), m.end()) if rule.side == "target" else None
                found.append(Finding(REGEX, n, rule.message or _(
                    "matches the checklist rule {pattern}").format(
                        pattern=isolate(rule.pattern.pattern)), target_span=span))
    return found


def word_patterns(profile: Profile) -> list[tuple[str, re.Pattern[str]]]:
    return [(w, re.compile(rf"(?<!\w){re.escape(fold(w))}(?!\w)")) for w in profile.word_list]


class Checker:
    """Runs a profile's checks over a project's segments; keeps the folded keys of every
    row so one edited row is checked again (with its consistency) without the others."""

    def __init__(self, profile: Profile, source_lang: str, target_lang: str, *,
                 glossary: GlossaryQA | None = None, concepts: Iterable[Concept] = (),
                 spell: SpellChecker | None = None, limits: dict[str, int] | None = None,
                 strict: bool = False):
        self.strict = strict
        self.profile = profile
        self.enabled = profile.enabled()
        self.source_lang, self.target_lang = source_lang, target_lang
        self.glossary = glossary
        self.concepts = list(concepts)
        self.spell = spell
        self.block_limits = limits or {}
        self.words = word_patterns(profile)
        self.keys: list[tuple[str, str]] = []

    def _pair(self, n: int, seg: Segment) -> list[Finding]:
        limits = self.profile.limits
        own = _limit(seg, self.block_limits)
        if own:
            limits = replace(limits, max_chars=own)
        found = check([(seg.source, seg.target)], self.source_lang, self.target_lang,
                      enabled=self.enabled, glossary=self.glossary, concepts=self.concepts,
                      spell=self.spell, limits=limits)
        found = [replace(f, segment=n) for f in found]
        found += checklist(n, strip_tags(seg.source), strip_tags(seg.target), self.profile,
                           self.enabled, self.words)
        return [f for f in found if self.profile.severity(f.code) != "off"]

    def run(self, segments: Sequence[Segment], rows: Iterable[int] | None = None
            ) -> dict[int, list[Finding]]:
        """Findings by row for ``rows`` (all when None), empty targets included."""
        if self.glossary is None and "glossary" in self.enabled:
            self.glossary = GlossaryQA(self.concepts, self.source_lang, self.target_lang,
                                       strict=self.strict)
        if rows is None or len(self.keys) != len(segments):
            self.keys = [keys_of(s.source, s.target, self.target_lang) for s in segments]
        wanted = range(len(segments)) if rows is None else list(rows)
        for r in wanted:
            self.keys[r] = keys_of(segments[r].source, segments[r].target, self.target_lang)
        out: dict[int, list[Finding]] = {}
        for r in wanted:
            found = self._pair(r, segments[r])
            if found:
                out[r] = found
        numbers = [s.id for s in segments]
        if self.enabled & {INCONSISTENT_TARGET, INCONSISTENT_SOURCE}:
            for f in consistency(self.keys, wanted, self.enabled, numbers):
                out.setdefault(f.segment, []).append(f)
        return out

    def update_key(self, segments: Sequence[Segment], row: int) -> None:
        if len(self.keys) == len(segments):
            self.keys[row] = keys_of(segments[row].source, segments[row].target,
                                     self.target_lang)

    def consistency_rows(self, row: int) -> set[int]:
        """Rows whose consistency findings may change when ``row`` changes."""
        skey, tkey = self.keys[row] if row < len(self.keys) else ("", "")
        return {r for r, (s, t) in enumerate(self.keys)
                if (skey and s == skey) or (tkey and t == tkey)}


def items(segments: Sequence[Segment], findings: dict[int, list[Finding]], profile: Profile,
          ignored: Ignored) -> list[Item]:
    """Every finding with its severity and ignore state, by segment then severity."""
    out = []
    for r in sorted(findings):
        seg = segments[r]
        for f in findings[r]:
            who, when = "", 0.0
            mark = ignored.get((seg.id, f.code))
            if mark is not None and mark[0] == digest(seg.source, seg.target):
                who, when = mark[1] or "?", mark[2]
            out.append(Item(f, seg, profile.severity(f.code), who, when))
    out.sort(key=lambda i: (i.finding.segment, RANK.get(i.severity, 3), i.finding.code))
    return out


def is_ignored(seg: Segment, code: str, ignored: Ignored) -> bool:
    mark = ignored.get((seg.id, code))
    return mark is not None and mark[0] == digest(seg.source, seg.target)


@dataclass(frozen=True, slots=True)
class Preflight:
    """What an export would deliver unchecked: open errors and untranslated segments."""

    errors: list[Item]
    untranslated: list[Segment]

    def __bool__(self) -> bool:
        return bool(self.errors or self.untranslated)

    def lines(self) -> list[str]:
        out = [_("segment {id}: error: {code}: {message}").format(
            id=i.segment.id, code=i.finding.code, message=i.finding.message)
            for i in self.errors]
        out += [_("segment {id}: untranslated").format(id=s.id) for s in self.untranslated]
        return out


def preflight(all_items: Sequence[Item], segments: Sequence[Segment]) -> Preflight:
    errors = [i for i in all_items if i.severity == ERROR and not i.ignored
              and i.finding.code != EMPTY]
    return Preflight(errors, [s for s in segments if not s.target.strip()])
