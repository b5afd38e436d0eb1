"""TM + MT repair of fuzzy matches: a 75–99% TM match whose source differs from the new
one in one short span ("in Herat" / "in Kabul", "40 people" / "55 people") gets that span
patched in its target, when the old span's rendering is found there exactly once.

The new span's translation comes from the glossary (a whole term), the number itself (in
the target's digits), transliteration (a name) or MT of the span alone; the old span's
rendering is looked for the same ways. The result has its own origin, ``tm-repaired``,
and is never confirmed automatically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from desktop_app.core import languages
from desktop_app.core.documents.base import strip_tags
from desktop_app.core.glossary.enforce import Enforcer
from desktop_app.core.names.consistency import find_rendering
from desktop_app.core.names.extract import FUNCTION_WORDS, MONTHS_AND_DAYS
from desktop_app.core.names.transliterate import looks_like_name, transliterate
from desktop_app.core.textnorm import fold
from desktop_app.core.tm import Match

ORIGIN = "tm-repaired"
MIN_SCORE = 75.0
MAX_SPAN_WORDS = 4
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_DIGITS = re.compile(r"^\d+(?:[.,]\d+)*$")

TranslateFn = Callable[[list[str]], list[str]]


@dataclass(slots=True)
class Change:
    old: str  # the span of the TM unit's source
    new: str  # what the new source has in its place


def changed_span(old_source: str, new_source: str) -> Change | None:
    """The one short span in which two sources differ (word level), or None."""
    a, b = _TOKEN.findall(strip_tags(old_source)), _TOKEN.findall(strip_tags(new_source))
    ops = [op for op in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    if len(ops) != 1 or ops[0][0] != "replace":
        return None
    _tag, i1, i2, j1, j2 = ops[0]
    if i2 - i1 > MAX_SPAN_WORDS or j2 - j1 > MAX_SPAN_WORDS:
        return None
    old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
    if not re.search(r"\w", old) or not re.search(r"\w", new):
        return None
    return Change(old, new)


def _own_renderings(span: str, target_lang: str, enforcer: Enforcer | None) -> list[str]:
    """What ``span`` is in the target without MT: a glossary term, a number, a name."""
    found: list[str] = []
    if enforcer is not None:
        for hit in enforcer.matcher.find(span):
            if hit.span == (0, len(span)):
                target = enforcer.target_for(hit)
                if target:
                    found.append(target)
    if _DIGITS.match(span):
        found += [languages.to_native_digits(span), span]
    if looks_like_name(span) and not found and not any(
            w.lower() in MONTHS_AND_DAYS or w.lower() in FUNCTION_WORDS for w in span.split()):
        found += [c.target for c in transliterate(span, target_lang, 3)]
    return found


def repair_all(items: Sequence[tuple[str, Match]], target_lang: str, *,
               enforcer: Enforcer | None = None,
               translate: TranslateFn | None = None) -> list[str | None]:
    """For each (new source, fuzzy match): the repaired target, or None where the change
    cannot be placed with confidence."""
    changes = [changed_span(m.source, src) if MIN_SCORE <= m.score < 100 else None
               for src, m in items]
    # what MT must translate: new spans with no rendering of their own, and old spans
    wanted: list[str] = []
    for change in changes:
        if change is None:
            continue
        if not _own_renderings(change.new, target_lang, enforcer):
            wanted.append(change.new)
        wanted.append(change.old)
    unique = list(dict.fromkeys(wanted))
    machine: dict[str, str] = {}
    if unique and translate is not None:
        machine = dict(zip(unique, translate(unique), strict=True))
    out: list[str | None] = []
    for (_src, match), change in zip(items, changes, strict=True):
        if change is None:
            out.append(None)
            continue
        new_options = _own_renderings(change.new, target_lang, enforcer) or (
            [machine[change.new]] if machine.get(change.new, "").strip() else [])
        old_options = _own_renderings(change.old, target_lang, enforcer) + (
            [machine[change.old]] if machine.get(change.old, "").strip() else [])
        out.append(_patch(strip_tags(match.target), old_options, new_options, change,
                          target_lang))
    return out


def _patch(target: str, old_options: list[str], new_options: list[str], change: Change,
           target_lang: str) -> str | None:
    if not new_options or not old_options:
        return None
    new = new_options[0].strip().rstrip(".!?؟")
    for old in old_options:
        old = old.strip().rstrip(".!?؟")
        if old and target.count(old) == 1:
            return target.replace(old, new)
        # the same spelling, folded (ي/ی, half-space): its place in the original text
        folded, key = fold(target, target_lang), fold(old, target_lang)
        if key and folded.count(key) == 1 and len(folded) == len(target):
            at = folded.index(key)
            return target[:at] + new + target[at + len(key):]
    if looks_like_name(change.old):  # a name spelt a little otherwise in the unit
        span = find_rendering(target, old_options, len(change.old.split()), target_lang)
        if span is not None:
            return target[:span[0]] + new + target[span[1]:]
    return None
