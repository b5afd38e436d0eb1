"""Inline tags in a target: which of the source's are missing, and copying them over."""

from __future__ import annotations

import re

from desktop_app.core.documents.base import TAG, reattach_tags, strip_tags, tag_ids


def as_text(tag_id: str) -> str:
    return f"⟨{tag_id}⟩"


def missing_tags(source: str, target: str) -> list[str]:
    """The source's tags (as written, in source order) that the target lacks."""
    have = tag_ids(target)
    out = []
    for tag in tag_ids(source):
        if tag in have:
            have.remove(tag)
        else:
            out.append(as_text(tag))
    return out


def copy_source_tags(source: str, target: str) -> str:
    """The target's text with the source's tags put where MT would put them."""
    return reattach_tags(source, strip_tags(target))


def tag_at(text: str, position: int, *, before: bool,
           pattern: re.Pattern[str] = TAG) -> tuple[int, int] | None:
    """The span of the tag that ends at (``before``) or starts at ``position``."""
    for m in pattern.finditer(text):
        if (m.end() == position) if before else (m.start() == position):
            return m.span()
    return None


def inside_tag(text: str, position: int,
               pattern: re.Pattern[str] = TAG) -> tuple[int, int] | None:
    """The span of a tag strictly containing ``position`` (the caret may not stop there)."""
    for m in pattern.finditer(text):
        if m.start() < position < m.end():
            return m.span()
    return None
