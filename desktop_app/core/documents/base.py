"""What every document format provides, and the inline tags that carry formatting.

A document is read into blocks (paragraphs, headings, cells, cues, attributes...), each
with its text and inline formatting as numbered tags: ``⟨1⟩bold⟨/1⟩`` for a paired
tag, ``⟨2/⟩`` for a standalone one (an image, a line break, inline code). The editor
shows tags as protected chips; the exporter turns them back into the format's markup.
Export reads the original file again and writes the translated text into it, so what
the importer did not touch (styles, scripts, timings, images) is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.textio import check_input_file

TAG = re.compile(r"⟨(/?)(\d+)(/?)⟩")


@dataclass(slots=True)
class Block:
    id: str
    text: str  # with inline tags
    kind: str = "p"  # p, h1..h6, li, cell, cue, attr, title, unit...
    meta: dict[str, Any] = field(default_factory=dict)
    target: str = ""  # an existing translation (XLIFF, bilingual formats)


@dataclass(slots=True)
class Imported:
    format: str
    blocks: Sequence[Block]  # a list, or read afresh on each pass (a big plain text)
    source_lang: str = ""
    target_lang: str = ""
    # What the import report says besides the count: what was left untranslated and why,
    # tracked changes... one sentence each, shown by the CLI and the window.
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Content:
    """What a file's bytes show, read once by the registry for every format to judge."""

    head: bytes  # the first bytes, as they are
    text: str = ""  # the head as text: BOM and leading blanks dropped, lower case ("" in a zip)
    zip_names: frozenset[str] | None = None  # a zip package's part names; None when no zip
    mimetype: str = ""  # the ``mimetype`` entry of a zip package (OpenDocument, EPUB)

    def has_part(self, name: str) -> bool:
        return self.zip_names is not None and name in self.zip_names


class Format(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def extensions(self) -> tuple[str, ...]: ...

    @property
    def label(self) -> str:
        """What a file dialog calls such files, marked with ``N_()`` ("Word documents")."""
        ...

    def sniff(self, content: Content) -> bool:
        """Whether the content is of this format whatever the file is called (False for a
        format with no mark of its own, known only by its extension)."""
        ...

    def load(self, data: bytes, name: str) -> Imported: ...

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        """The original document ``data`` with each block's text replaced by its target."""
        ...


class DocumentError(InputError):
    pass


MAX_BLOCK_CHARS = 100_000  # a "paragraph" longer than this is not prose a translator edits


def check_blocks(blocks: Sequence[Block], name: str) -> Sequence[Block]:
    for block in blocks:
        if len(block.text) > MAX_BLOCK_CHARS:
            raise DocumentError(_("{name}: block {id} is {n:,} characters long (the limit is "
                                  "{limit:,}): not a document to translate segment by "
                                  "segment").format(
                                      name=name, id=block.id, n=len(block.text),
                                      limit=MAX_BLOCK_CHARS))
    return blocks


def strip_tags(text: str) -> str:
    return TAG.sub("", text)


def tag_ids(text: str) -> list[str]:
    """Every tag of ``text`` as written (``1``, ``/1``, ``2/``), in order."""
    return [f"{a}{n}{b}" for a, n, b in TAG.findall(text)]


def pieces(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """Split tagged text into (text, open tag numbers) runs; standalone tags are
    returned as ("", (-n,))."""
    out: list[tuple[str, tuple[int, ...]]] = []
    stack: list[int] = []
    pos = 0
    for m in TAG.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], tuple(stack)))
        closing, number, standalone = m.group(1), int(m.group(2)), m.group(3)
        if standalone:
            out.append(("", (-number,)))
        elif closing:
            if number in stack:
                stack.remove(number)
        else:
            stack.append(number)
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], tuple(stack)))
    return out


def reattach_tags(source: str, translated: str) -> str:
    """Put the source's tags back around a translation made from tag-free text.

    Tags that open the source open the translation, tags that close it close it; tags
    from inside the sentence, whose place MT cannot know, go just before the closing
    ones, so no formatting is lost and the translator can move them.
    """
    tags = list(TAG.finditer(source))
    if not tags:
        return translated
    text = strip_tags(source)
    lead = TAG.match(source) and re.match(r"^(?:⟨/?\d+/?⟩)+", source)
    trail = re.search(r"(?:⟨/?\d+/?⟩)+$", source)
    head = lead.group(0) if lead else ""
    tail = trail.group(0) if trail and text.strip() else ""
    inner = "".join(m.group(0) for m in tags
                    if m.start() >= len(head) and (not tail or m.end() <= len(source) - len(tail)))
    return head + translated + inner + tail


def read_file(path: Path, limit: int = 200 * 1024 * 1024) -> bytes:
    check_input_file(path)
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(_("{name} is empty").format(name=path.name))
    if size > limit:
        raise DocumentError(_("{name} is too large ({size} bytes)").format(
            name=path.name, size=size))
    return path.read_bytes()
