"""Word-level differences between two texts (a reviewed target against the translator's, a
TM source against the segment's): words split at whitespace only, so a Dari or Pashto word
written with a zero-width non-joiner (``کتاب‌ها``, ``می‌رود``) is one word, and a ZWNJ put
in or taken out shows as that word changed; inline tags are words of their own."""

from __future__ import annotations

import difflib
import re

from desktop_app.core.documents.base import TAG

ZWNJ = "\u200c"
_TOKEN = re.compile(rf"{TAG.pattern}|[^\s⟨]+|⟨")


def words(text: str) -> list[str]:
    """The words of ``text``; a tag is a word even when written against one."""
    return [m.group(0) for m in _TOKEN.finditer(text)]


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """How ``b`` differs from ``a``, word by word: (op, words) with op "equal",
    "delete" (only in ``a``) or "insert" (only in ``b``), in reading order."""
    wa, wb = words(a), words(b)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(wa[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", " ".join(wa[i1:i2])))
        if j2 > j1:
            out.append(("insert", " ".join(wb[j1:j2])))
    return out


def shown_zwnj(text: str) -> str:
    """``text`` with each ZWNJ visible (as ``‹zwnj›``), where a change would otherwise not
    be seen (a terminal line)."""
    return text.replace(ZWNJ, "‹zwnj›")


def marked(diff: list[tuple[str, str]], *, context: int = 6) -> str:
    """A diff as one line: ``[-removed-]{+added+}`` (git's word-diff marks), equal runs
    longer than twice ``context`` words shortened to their ends around ``…``."""
    parts = []
    for n, (op, text) in enumerate(diff):
        if op != "equal" and _zwnj_only(diff, n):
            text = shown_zwnj(text)
        if op == "equal":
            ws = text.split(" ")
            if len(ws) > 2 * context:
                head = ws[:context] if n > 0 else []
                tail = ws[-context:] if n < len(diff) - 1 else []
                text = " ".join([*head, "…", *tail])
            parts.append(text)
        elif op == "delete":
            parts.append(f"[-{text}-]")
        else:
            parts.append(f"{{+{text}+}}")
    out = parts[0] if parts else ""
    for (op, _t), part in zip(diff[1:], parts[1:], strict=True):
        out += part if op == "insert" and out.endswith("-]") else " " + part
    return out


def _zwnj_only(diff: list[tuple[str, str]], n: int) -> bool:
    """Whether the removal and addition around ``diff[n]`` differ in ZWNJ or spacing only."""
    pair = diff[n:n + 2] if diff[n][0] == "delete" else diff[n - 1:n + 1]
    if [op for op, _t in pair] != ["delete", "insert"]:
        return False
    a, b = (t.replace(ZWNJ, "").replace(" ", "") for _op, t in pair)
    return a == b
