"""Tagged text laid out for display in its own direction: each inline tag and, in a
right-to-left line, each number isolated (Unicode bidi isolates), so the bidi algorithm draws
a chip where it stands in the stored text. Without them a chip's label (a digit) joins the
number next to it: in ``⟨1⟩۱۸ سنبله`` the opening chip is drawn between ۱۸ and سنبله.

The isolates are for display only: :func:`from_display` takes exactly these back out, so
what an editor hands back is the stored text."""

from __future__ import annotations

import re

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"

_TAG = r"⟨/?\d+/?⟩"
_DIGIT = "0-9\u06f0-\u06f9\u0660-\u0669"
# a number as one reads it: digits with thousands, decimal, time or date separators inside
_NUMBER = rf"[{_DIGIT}]+(?:[.,:/\u066b\u066c][{_DIGIT}]+)*"
_PIECES = re.compile(rf"({_TAG})|({_NUMBER})")
_DISPLAYED = re.compile(rf"{FSI}({_TAG}){PDI}|{LRI}({_NUMBER}){PDI}")
# a tag as an editor shows it: with its isolates, one unit for the caret and Backspace
DISPLAY_TAG = re.compile(rf"{FSI}?{_TAG}{PDI}?")


def for_display(text: str, *, rtl: bool, numbers: bool = True) -> str:
    """``text`` with each tag between FSI and PDI and, in a right-to-left line (when
    ``numbers``), each number between LRI and PDI."""

    def wrap(m: re.Match[str]) -> str:
        if m.group(1):
            return f"{FSI}{m.group(1)}{PDI}"
        return f"{LRI}{m.group(2)}{PDI}" if rtl and numbers else m.group(2)

    return _PIECES.sub(wrap, text)


def from_display(text: str) -> str:
    """The stored text back from :func:`for_display`'s output (other marks are kept)."""
    return _DISPLAYED.sub(lambda m: m.group(1) or m.group(2), text)


def pieces(text: str) -> list[tuple[str, str]]:
    """``text`` cut into ("tag" | "number" | "text", chunk), in stored order."""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _PIECES.finditer(text):
        if m.start() > pos:
            out.append(("text", text[pos:m.start()]))
        out.append(("tag" if m.group(1) else "number", m.group(0)))
        pos = m.end()
    if pos < len(text):
        out.append(("text", text[pos:]))
    return out


def in_own_direction(text: str, rtl: bool) -> str:
    """A line of one language placed in a list or message of any direction: isolated in
    its own direction (``۲۹ اسد ۱۴۰۰`` reads from the right even in the English UI)."""
    return f"{RLI if rtl else LRI}{text}{PDI}"
