"""Markdown: headings, paragraphs, list items, quotes and table cells are blocks; code
blocks, HTML lines and link targets are left alone. Inline emphasis, links and code
become tags, so the structure survives translation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop_app.core.documents.base import TAG, Block, Imported
from desktop_app.core.textio import decode

_PREFIX = re.compile(r"^(#{1,6}\s+|\s*(?:[-*+]|\d+[.)])\s+|>\s?)(.*)$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}")
_INLINE = re.compile(
    r"(?P<code>`[^`\n]+`)"
    r"|(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|\[(?P<ltext>[^\]\n]+)\](?P<ltarget>\([^)\n]*\))"
    r"|(?P<strong>\*\*|__)(?P<stext>.+?)(?P=strong)"
    r"|(?P<em>[*_])(?=\S)(?P<etext>.+?)(?<=\S)(?P=em)"
)


@dataclass
class _Tags:
    open: dict[int, str] = field(default_factory=dict)
    close: dict[int, str] = field(default_factory=dict)
    solo: dict[int, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.open) + len(self.solo)


def to_tags(text: str, tags: _Tags | None = None) -> tuple[str, _Tags]:
    tags = tags or _Tags()
    out: list[str] = []
    pos = 0
    for m in _INLINE.finditer(text):
        out.append(text[pos:m.start()])
        n = tags.count + 1
        if m.group("code") or m.group("image"):
            tags.solo[n] = m.group(0)
            out.append(f"⟨{n}/⟩")
        else:
            if m.group("ltext") is not None:
                inner, opening, closing = m.group("ltext"), "[", "]" + m.group("ltarget")
            elif m.group("strong"):
                inner, opening = m.group("stext"), m.group("strong")
                closing = opening
            else:
                inner, opening = m.group("etext"), m.group("em")
                closing = opening
            tags.open[n], tags.close[n] = opening, closing
            inner_tagged, _ = to_tags(inner, tags)
            out.append(f"⟨{n}⟩{inner_tagged}⟨/{n}⟩")
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), tags


def from_tags(text: str, tags: _Tags) -> str:
    def put(m: re.Match[str]) -> str:
        closing, n, solo = m.group(1), int(m.group(2)), m.group(3)
        if solo:
            return tags.solo.get(n, "")
        return (tags.close if closing else tags.open).get(n, "")
    return TAG.sub(put, text)


def _blocks(text: str) -> list[tuple[str, int, int, str, str]]:
    """(id, first line, last line, prefix, content) of each translatable block."""
    lines = text.splitlines()
    blocks: list[tuple[str, int, int, str, str]] = []
    fence = False
    para: list[int] = []

    def flush() -> None:
        if para:
            content = " ".join(lines[i].strip() for i in para)
            blocks.append((f"L{para[0]}", para[0], para[-1], "", content))
            para.clear()

    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            flush()
            fence = not fence
            continue
        if fence or not stripped or line.startswith(("    ", "\t")) or stripped.startswith("<"):
            flush()
            continue
        if stripped.startswith("|"):
            flush()
            if not _TABLE_SEP.match(stripped):
                cells = stripped.strip("|").split("|")
                for k, cell in enumerate(cells):
                    if cell.strip():
                        blocks.append((f"L{i}c{k}", i, i, "", cell.strip()))
            continue
        m = _PREFIX.match(line)
        if m:
            flush()
            blocks.append((f"L{i}", i, i, m.group(1), m.group(2).strip()))
            continue
        para.append(i)
    flush()
    return blocks


class Markdown:
    name = "md"
    extensions = (".md", ".markdown")

    def load(self, data: bytes, name: str) -> Imported:
        text, _ = decode(data, name)
        blocks = []
        for bid, _first, _last, prefix, content in _blocks(text):
            tagged, _ = to_tags(content)
            kind = f"h{prefix.count('#')}" if prefix.startswith("#") else (
                "li" if prefix.strip() and prefix.strip()[0] in "-*+0123456789" else
                "quote" if prefix.startswith(">") else "cell" if "c" in bid else "p")
            blocks.append(Block(bid, tagged, kind))
        return Imported(self.name, blocks)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        text, _ = decode(data, name)
        lines = text.splitlines()
        drop: set[int] = set()
        cells: dict[int, dict[int, str]] = {}
        for bid, first, last, prefix, content in _blocks(text):
            if bid not in targets:
                continue
            _, tags = to_tags(content)
            new = from_tags(targets[bid], tags)
            if "c" in bid:
                cells.setdefault(first, {})[int(bid.split("c")[1])] = new
                continue
            lines[first] = prefix + new
            drop.update(range(first + 1, last + 1))
        for i, by_cell in cells.items():
            parts = lines[i].strip().strip("|").split("|")
            for k, value in by_cell.items():
                parts[k] = f" {value} "
            lines[i] = "|" + "|".join(parts) + "|"
        out = [ln for i, ln in enumerate(lines) if i not in drop]
        return ("\n".join(out) + "\n").encode("utf-8")
