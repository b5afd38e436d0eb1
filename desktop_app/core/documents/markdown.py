"""Markdown through a CommonMark parser (markdown-it-py, with GFM tables and
strikethrough): headings (ATX and setext), paragraphs, list items (over several lines
too), quotes and table cells are blocks, found by the parser's line ranges. Code blocks,
HTML blocks, link targets, images and YAML/TOML front matter are left alone. Inline
emphasis (nested too), links, inline code and inline HTML become tags, so the structure
survives translation. The parser runs in time linear in its input (no backtracking
regular expressions); a paragraph longer than 100,000 characters is refused before its
inline markup is parsed, so a 5 MB line is refused in about a second.

Export writes each translated block in place of its source lines, keeping what comes
before it on its first line (``## ``, ``- ``, ``> ``, a table's ``|``) and after it on its
last (a closing ``##``, a setext underline); untranslated blocks keep their lines as they
were. A translated block is written on one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop_app.core.documents.base import (
    MAX_BLOCK_CHARS,
    TAG,
    Block,
    Content,
    DocumentError,
    Imported,
)
from desktop_app.core.i18n import N_, _
from desktop_app.core.textio import decode

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_FRONT = re.compile(r"\A(---|\+\+\+)[ \t]*\n(?:.*?\n)??\1[ \t]*(?:\n|\Z)", re.DOTALL)
_ESCAPE = re.compile(r"[\\`*\[\]<]|(?<!\w)_|_(?!\w)")
_PAIRED = {"em_open": "em_close", "strong_open": "strong_close", "s_open": "s_close"}


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported on first use: the CLI starts faster

    # Inline parsing is run block by block (see _inline), after the length check.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(
        ["inline", "text_join"])


def _inline(md: MarkdownIt, token: Token, name: str) -> list[Token]:
    """The inline tokens of one block; a block over the limit is refused before the
    inline rules see it, so no single paragraph can make the import slow."""
    if len(token.content) > MAX_BLOCK_CHARS:
        line = (token.map[0] + 1) if token.map else 0
        raise DocumentError(_("{name}: line {line}: a paragraph of {n:,} characters (the "
                              "limit is {limit:,}): not a document to translate segment by "
                              "segment").format(name=name, line=line, n=len(token.content),
                                                limit=MAX_BLOCK_CHARS))
    children: list[Token] = []
    md.inline.parse(token.content, md, {}, children)
    return children


@dataclass
class Tags:
    open: dict[int, str] = field(default_factory=dict)
    close: dict[int, str] = field(default_factory=dict)
    solo: dict[int, str] = field(default_factory=dict)

    def add(self, opening: str, closing: str | None = None) -> int:
        n = len(self.open) + len(self.solo) + 1
        if closing is None:
            self.solo[n] = opening
        else:
            self.open[n], self.close[n] = opening, closing
        return n


def _link_end(token: Token) -> str:
    href = str(token.attrs.get("href", ""))
    title = token.attrs.get("title")
    dest = f"<{href}>" if " " in href else href
    return f"]({dest} \"{title}\")" if title else f"]({dest})"


def to_tags(children: list[Token]) -> tuple[str, Tags]:
    """Inline tokens into tagged text and the markup each tag stands for."""
    tags = Tags()
    out: list[str] = []
    stack: list[int] = []
    skip_to: str | None = None
    for token in children:
        kind = token.type
        if skip_to:  # inside an autolink: its text is the target itself
            if kind == skip_to:
                skip_to = None
            continue
        if kind in ("text", "text_special"):
            out.append(token.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append(f"⟨{tags.add(chr(92) + chr(10))}/⟩")
        elif kind == "code_inline":
            fence = token.markup
            pad = " " if token.content.startswith("`") or token.content.endswith("`") else ""
            out.append(f"⟨{tags.add(fence + pad + token.content + pad + fence)}/⟩")
        elif kind == "html_inline":
            out.append(f"⟨{tags.add(token.content)}/⟩")
        elif kind == "image":
            alt = token.content
            src, title = token.attrs.get("src", ""), token.attrs.get("title")
            raw = f"![{alt}]({src} \"{title}\")" if title else f"![{alt}]({src})"
            out.append(f"⟨{tags.add(raw)}/⟩")
        elif kind == "link_open" and token.markup == "autolink":
            out.append(f"⟨{tags.add('<' + str(token.attrs.get('href', '')) + '>')}/⟩")
            skip_to = "link_close"
        elif kind == "link_open":
            n = tags.add("[", _link_end(token))
            stack.append(n)
            out.append(f"⟨{n}⟩")
        elif kind in _PAIRED:
            n = tags.add(token.markup, token.markup)
            stack.append(n)
            out.append(f"⟨{n}⟩")
        elif kind.endswith("_close") and stack:
            out.append(f"⟨/{stack.pop()}⟩")
    return "".join(out), tags


def from_tags(text: str, tags: Tags) -> str:
    """Tagged text back into Markdown: tags become their markup, plain text is escaped
    where it would otherwise turn into markup."""
    out: list[str] = []
    pos = 0
    for m in TAG.finditer(text):
        out.append(_ESCAPE.sub(lambda e: "\\" + e.group(0), text[pos:m.start()]))
        closing, n, solo = m.group(1), int(m.group(2)), m.group(3)
        if solo:
            out.append(tags.solo.get(n, ""))
        else:
            out.append((tags.close if closing else tags.open).get(n, ""))
        pos = m.end()
    out.append(_ESCAPE.sub(lambda e: "\\" + e.group(0), text[pos:]))
    return "".join(out)


@dataclass(slots=True)
class _Span:
    """Where a block's text sits: from (line, column) to (line, column), end exclusive."""

    id: str
    kind: str
    first: int
    start: int
    last: int
    end: int
    text: str
    tags: Tags


def _front_matter(text: str) -> int:
    """How many lines of YAML (---) or TOML (+++) front matter open the document."""
    m = _FRONT.match(text)
    return m.group(0).count("\n") if m else 0


def _locate(lines: list[str], first: int, content: str,
            column: int = 0) -> tuple[int, int, int, int] | None:
    """The span of ``content`` (its lines stripped of container markers) in ``lines``."""
    parts = content.split("\n")
    if first + len(parts) > len(lines):
        return None
    start = lines[first].find(parts[0], column)
    if start < 0:
        return None
    last = first + len(parts) - 1
    end_start = start if last == first else lines[last].find(parts[-1])
    if end_start < 0:
        return None
    return first, start, last, end_start + len(parts[-1])


def _spans(text: str, name: str) -> Iterator[_Span]:
    skip = _front_matter(text)
    lines = text.split("\n")
    body = "\n".join([""] * skip + lines[skip:])  # same line numbers, no front matter
    kinds: list[str] = []
    cell_column: dict[int, int] = {}
    cell_count: dict[int, int] = {}
    md = _parser()
    for token in md.parse(body):
        if token.nesting == 1:
            kinds.append(token.tag)
        elif token.nesting == -1 and kinds:
            kinds.pop()
        if token.type != "inline" or not token.map or token.map[0] < skip:
            continue
        first = token.map[0]
        tagged, tags = to_tags(_inline(md, token, name))
        if not tagged.strip():
            continue
        parent = kinds[-1] if kinds else "p"
        if parent in ("th", "td"):
            k = cell_count.get(first, 0)
            cell_count[first] = k + 1
            span = _locate(lines, first, token.content, cell_column.get(first, 0))
            if span is None:
                continue
            cell_column[first] = span[3]
            yield _Span(f"L{first}c{k}", "cell", *span, tagged, tags)
            continue
        span = _locate(lines, first, token.content)
        if span is None:
            continue
        kind = (parent if parent.startswith("h") and parent[1:].isdigit() else
                "li" if "li" in kinds else "quote" if "blockquote" in kinds else "p")
        yield _Span(f"L{first}", kind, *span, tagged, tags)


class Markdown:
    name = "md"
    extensions = (".md", ".markdown")
    label = N_("Markdown files")

    def sniff(self, content: Content) -> bool:
        return False  # no mark of its own: known by its extension

    def load(self, data: bytes, name: str) -> Imported:
        text, _encoding = decode(data, name)
        return Imported(self.name, [Block(s.id, s.text, s.kind) for s in _spans(text, name)])

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        text, _encoding = decode(data, name)
        lines = text.split("\n")
        spans = [s for s in _spans(text, name) if s.id in targets and targets[s.id] != s.text]
        for s in sorted(spans, key=lambda s: (s.first, s.start), reverse=True):
            new = from_tags(targets[s.id], s.tags)
            lines[s.first:s.last + 1] = [lines[s.first][:s.start] + new + lines[s.last][s.end:]]
        out = "\n".join(lines)
        return (out if out.endswith("\n") else out + "\n").encode("utf-8")
