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
from functools import lru_cache
from typing import TYPE_CHECKING

from desktop_app.core.documents.base import strip_tags
from desktop_app.core.glossary.qa import Finding, GlossaryQA
from desktop_app.core.glossary.store import Concept
from desktop_app.core.i18n import N_, Msg, _, isolate, ngettext, number
from desktop_app.core.qa.checks import (
    EMPTY,
    INCONSISTENT_SOURCE,
    INCONSISTENT_TARGET,
    REGEX,
    WORD_LIST,
    check,
)
from desktop_app.core.qa.more import LENGTH, length_limit
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
    by_source: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    by_target: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r, (skey, tkey) in enumerate(keys):
        if skey and tkey:
            by_source[skey][tkey].append(r)
            by_target[tkey][skey].append(r)
    found = []
    for r in rows:
        skey, tkey = keys[r]
        if not (skey and tkey):
            continue
        for code, groups, own, message in (
                (INCONSISTENT_TARGET, by_source[skey], tkey,
                 N_("the same source is translated differently in {segments}")),
                (INCONSISTENT_SOURCE, by_target[tkey], skey,
                 N_("the same translation stands for a different source in {segments}"))):
            if code in enabled and len(groups) > 1:
                others = sorted(o for key, rs in groups.items() if key != own
                                for o in rs[:_SHOWN + 1])
                found.append(Finding(code, r, Msg(message,
                                                  segments=_segments(others, numbers))))
    return found


_SHOWN = 5


def _segments(rows: list[int], numbers: Sequence[int]) -> str:
    shown = ", ".join(number(numbers[o]) for o in rows[:_SHOWN]) + (
        "…" if len(rows) > _SHOWN else "")
    return ngettext("segment {list}", "segments {list}", len(rows)).format(list=shown)


@lru_cache(maxsize=1 << 15)
def _source_key(source: str) -> str:
    return fold(strip_tags(source))  # a project repeats its sources: each folded once


def keys_of(source: str, target: str, target_lang: str) -> tuple[str, str]:
    """(source key, target key) for consistency; ("", "") while untranslated."""
    if not target.strip():
        return ("", "")
    return (_source_key(source), match_key(strip_tags(target), target_lang))


def checklist(n: int, source: str, target: str, profile: Profile,
              enabled: set[str], words: Sequence[tuple[str, re.Pattern[str]]]) -> list[Finding]:
    """The project's word list (unwanted words in the target, matched folded) and
    regular-expression rules, on a plain pair."""
    found = []
    if WORD_LIST in enabled and words and target:
        folded = fold(target)
        for word, pattern in words:
            if pattern.search(folded):
                found.append(Finding(WORD_LIST, n, Msg(N_("{word} is on the project's word "
                                                          "list"), word=isolate(word))))
    if REGEX in enabled:
        for rule in profile.regex:
            text = target if rule.side == "target" else source
            m = rule.pattern.search(text)
            if m and text:
                span = (m.start(), m.end()) if rule.side == "target" else None
                found.append(Finding(REGEX, n, rule.message or Msg(N_(
                    "matches the checklist rule {pattern}"),
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

    def _pairs(self, rows: Sequence[int], segments: Sequence[Segment]
               ) -> dict[int, list[Finding]]:
        """The pair checks of ``rows``, in one pass (glossary consistency across them)."""
        pairs = [(segments[r].source, segments[r].target) for r in rows]
        found = check(pairs, self.source_lang, self.target_lang, enabled=self.enabled,
                      glossary=self.glossary, concepts=self.concepts, spell=self.spell,
                      limits=replace(self.profile.limits, max_chars=0))
        out: dict[int, list[Finding]] = defaultdict(list)
        for f in found:
            out[rows[f.segment]].append(replace(f, segment=rows[f.segment]))
        if LENGTH in self.enabled:
            for r in rows:
                limit = (self.block_limits.get(segments[r].block_id, 0)
                         or self.profile.limits.max_chars)
                if limit:
                    out[r].extend(length_limit(r, strip_tags(segments[r].target), limit))
        if self.enabled & {WORD_LIST, REGEX}:
            for r in rows:
                out[r].extend(checklist(r, strip_tags(segments[r].source),
                                        strip_tags(segments[r].target), self.profile,
                                        self.enabled, self.words))
        return {r: kept for r, fs in out.items()
                if (kept := [f for f in fs if self.profile.severity(f.code) != "off"])}

    def run(self, segments: Sequence[Segment], rows: Iterable[int] | None = None
            ) -> dict[int, list[Finding]]:
        """Findings by row for ``rows`` (all when None), empty targets included."""
        if self.glossary is None and "glossary" in self.enabled:
            self.glossary = GlossaryQA(self.concepts, self.source_lang, self.target_lang,
                                       strict=self.strict)
        if rows is None or len(self.keys) != len(segments):
            self.keys = [keys_of(s.source, s.target, self.target_lang) for s in segments]
        wanted = list(range(len(segments))) if rows is None else sorted(rows)
        if rows is not None:
            for r in wanted:
                self.keys[r] = keys_of(segments[r].source, segments[r].target,
                                       self.target_lang)
        out = self._pairs(wanted, segments)
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
