"""Plain text: each non-empty line is a block; line breaks and blank lines are kept."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

from desktop_app.core.documents.base import Block, Content, Imported
from desktop_app.core.i18n import N_
from desktop_app.core.textio import decode

_PIECE = 1 << 20


class Lines(Sequence[Block]):
    """The blocks of a text, made afresh on each pass instead of held: a 50 MB text
    costs its own size, not a few hundred bytes more a line. Numbered as
    ``text.splitlines()`` numbers the lines (``save`` relies on it). A change made to a
    block is not kept: plain text has no targets or metadata to change."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._count: int | None = None

    def _lines(self) -> Iterator[tuple[int, str]]:
        # splitlines() on pieces of about a megabyte that end at a line feed: the pieces'
        # lines are the whole text's lines (a piece never ends inside "\r\n").
        text, start, n = self._text, 0, 0
        while start < len(text):
            cut = text.find("\n", start + _PIECE)
            end = len(text) if cut < 0 else cut + 1
            for line in text[start:end].splitlines():
                yield n, line
                n += 1
            start = end

    def __iter__(self) -> Iterator[Block]:
        return (Block(f"L{n}", line) for n, line in self._lines() if line.strip())

    def __len__(self) -> int:
        if self._count is None:
            self._count = sum(1 for _, line in self._lines() if line.strip())
        return self._count

    @overload
    def __getitem__(self, index: int) -> Block: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Block]: ...

    def __getitem__(self, index: int | slice) -> Block | Sequence[Block]:
        return list(self)[index]


class PlainText:
    name = "txt"
    extensions = (".txt", ".text")
    label = N_("Plain text files")

    def sniff(self, content: Content) -> bool:
        return False  # any text is plain text: known by its extension

    def load(self, data: bytes, name: str) -> Imported:
        text, _ = decode(data, name)
        return Imported(self.name, Lines(text))

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        text, _ = decode(data, name)
        lines = text.splitlines()
        out = [targets.get(f"L{n}", line) for n, line in enumerate(lines)]
        return ("\n".join(out) + ("\n" if text.endswith(("\n", "\r")) else "")).encode("utf-8")
