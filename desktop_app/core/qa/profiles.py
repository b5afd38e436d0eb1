"""QA profiles: which checks run, how severe each is (error / warning / note / off), what
Ctrl+Enter does with an error, length expectations, and the project's own word list and
regular-expression checklist.

A profile is a small JSON file a user can share (``tarjuman qa profile export/import``);
a project keeps its own copy (meta ``qa_profile``), else the shipped default
(``resources/qa/default-profile.json``) applies."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from desktop_app.core.errors import InputError
from desktop_app.core.glossary.qa import FORBIDDEN, INCONSISTENT, MISSING
from desktop_app.core.i18n import _
from desktop_app.core.qa.checks import ALL_CHECKS
from desktop_app.core.qa.more import Limits
from desktop_app.core.qa_length import LENGTH_LIMIT
from desktop_app.core.resources import shipped

if TYPE_CHECKING:
    from desktop_app.core.project import Project

ERROR, WARNING, NOTE, OFF = "error", "warning", "note", "off"
SEVERITIES = (ERROR, WARNING, NOTE)
RANK = {ERROR: 0, WARNING: 1, NOTE: 2}
GATES = ("ask", "refuse", "off")  # Ctrl+Enter on a segment with an error
TERM_CODES = (MISSING, FORBIDDEN, INCONSISTENT)
CODES = tuple(c for c in ALL_CHECKS if c != "glossary") + TERM_CODES + (LENGTH_LIMIT,)
META_KEY = "qa_profile"
MAGIC = "tarjuman_qa_profile"
MAX_RULES = 500


@dataclass(frozen=True, slots=True)
class Rule:
    """One line of a regular-expression checklist: a finding where ``pattern`` matches
    the target (or the source, ``side``)."""

    pattern: re.Pattern[str]
    message: str = ""
    side: str = "target"


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    severities: dict[str, str]
    confirm_gate: str = "ask"
    limits: Limits = field(default_factory=Limits)
    word_list: tuple[str, ...] = ()
    regex: tuple[Rule, ...] = ()

    def severity(self, code: str) -> str:
        return self.severities.get(code, WARNING)

    def enabled(self) -> set[str]:
        """The check codes to run (``glossary`` when any term check is on)."""
        on = {c for c in CODES if self.severity(c) != OFF}
        if on & set(TERM_CODES):
            on.add("glossary")
        return on

    def as_json(self) -> dict[str, Any]:
        lim = self.limits
        return {MAGIC: 1, "name": self.name, "severities": dict(self.severities),
                "confirm_gate": self.confirm_gate,
                "length": {"min_ratio": lim.min_ratio, "max_ratio": lim.max_ratio,
                           "min_source": lim.min_source, "max_chars": lim.max_chars},
                "word_list": list(self.word_list),
                "regex": [{"pattern": r.pattern.pattern, "message": r.message, "side": r.side}
                          for r in self.regex]}

    def dumps(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n"


def _number(value: Any, what: str, name: str, *, whole: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0 or (
            whole and not isinstance(value, int)):
        raise InputError(_("{name}: {what} must be a number of 0 or more").format(
            name=name, what=what))
    return value


def parse(text: str, name: str) -> Profile:
    """A profile from its JSON text; anything unknown or malformed is one clear error."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(_("{name} is not a QA profile (not JSON: {exc})").format(
            name=name, exc=exc)) from exc
    if not isinstance(data, dict) or data.get(MAGIC) != 1:
        raise InputError(_("{name} is not a Tarjuman QA profile").format(name=name))
    severities = data.get("severities", {})
    if not isinstance(severities, dict):
        raise InputError(_("{name}: severities must be a table of check: severity").format(
            name=name))
    for code, level in severities.items():
        if code not in CODES:
            raise InputError(_("{name}: unknown check {code!r} (known: {codes})").format(
                name=name, code=code, codes=", ".join(CODES)))
        if level not in (*SEVERITIES, OFF):
            raise InputError(_("{name}: {code} has an unknown severity {level!r} (use error, "
                               "warning, note or off)").format(name=name, code=code,
                                                                level=level))
    gate = data.get("confirm_gate", "ask")
    if gate not in GATES:
        raise InputError(_("{name}: confirm_gate must be ask, refuse or off").format(name=name))
    length = data.get("length", {})
    if not isinstance(length, dict):
        raise InputError(_("{name}: length must be a table").format(name=name))
    base = Limits()
    limits = Limits(
        min_ratio=_number(length.get("min_ratio", base.min_ratio), "min_ratio", name),
        max_ratio=_number(length.get("max_ratio", base.max_ratio), "max_ratio", name),
        min_source=int(_number(length.get("min_source", base.min_source), "min_source", name,
                               whole=True)),
        max_chars=int(_number(length.get("max_chars", base.max_chars), "max_chars", name,
                              whole=True)))
    words = data.get("word_list", [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise InputError(_("{name}: word_list must be a list of words").format(name=name))
    rules = data.get("regex", [])
    if not isinstance(rules, list) or len(rules) + len(words) > MAX_RULES:
        raise InputError(_("{name}: regex must be a list of at most {n} rules").format(
            name=name, n=MAX_RULES))
    compiled = []
    for rule in rules:
        if not isinstance(rule, dict) or not isinstance(rule.get("pattern"), str):
            raise InputError(_("{name}: each regex rule needs a pattern").format(name=name))
        try:
            pattern = re.compile(rule["pattern"])
        except re.error as exc:
            raise InputError(_("{name}: the pattern {pattern!r} is not a valid regular "
                               "expression ({exc})").format(name=name, pattern=rule["pattern"],
                                                            exc=exc)) from exc
        side = rule.get("side", "target")
        if side not in ("source", "target"):
            raise InputError(_("{name}: a rule's side must be source or target").format(
                name=name))
        compiled.append(Rule(pattern, str(rule.get("message", "")), side))
    label = data.get("name", "")
    return Profile(label if isinstance(label, str) else "", dict(severities), gate, limits,
                   tuple(w.strip() for w in words), tuple(compiled))


@cache
def default() -> Profile:
    path = shipped("resources", "qa", "default-profile.json")
    return parse(path.read_text(encoding="utf-8"), path.name)


def for_project(project: Project) -> Profile:
    """The project's profile, else the default. A damaged copy is an error, not ignored."""
    text = project.get_meta(META_KEY)
    if not text:
        return default()
    return parse(text, project.path.name)
