"""Plain text: each non-empty line is a block; line breaks and blank lines are kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import overload

from desktop_app.core.documents.base import Block, Content, Imported
from desktop_app.core.i18n import N_
from desktop_app.core.textio import decode, stream_encoding

_PIECE = 1 << 20
# What str.splitlines() breaks lines at: "\r\n" counts as one break.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _text_pieces(text: str) -> Iterator[str]:
    """Pieces of about ``_PIECE`` characters that end at a line feed: the pieces' lines
    are the whole text's lines (a piece never ends inside "\\r\\n")."""
    start = 0
    while start < len(text):
        cut = text.find("\n", start + _PIECE)
        end = len(text) if cut < 0 else cut + 1
        yield text[start:end]
        start = end


def _last_break(text: str) -> int:
    """Where the last whole line of ``text`` ends (0: no line ends in it yet). A "\\r"
    at the very end may be half of a "\\r\\n" split between two reads: it waits."""
    end = max(text.rfind(c) for c in _BREAKS)
    if end == len(text) - 1 and text[end] == "\r":
        end = max(text.rfind(c, 0, end) for c in _BREAKS)
    return end + 1


def _file_pieces(path: Path, encoding: str) -> Iterator[str]:
    """The same pieces read from the file, never more than a piece (and a line) held."""
    with path.open(encoding=encoding, newline="") as fh:
        rest = ""
        while block := fh.read(_PIECE):
            text = rest + block
            cut = _last_break(text)
            if cut:
                yield text[:cut]
            rest = text[cut:]
        if rest:
            yield rest


class Lines(Sequence[Block]):
    """The blocks of a text, made afresh on each pass instead of held: a 50 MB text
    costs its own size (or, read from its file, a megabyte), not a few hundred bytes
    more a line. Numbered as ``text.splitlines()`` numbers the lines (``save`` relies on
    it). A change made to a block is not kept: plain text has no targets or metadata to
    change."""

    def __init__(self, text: str = "", *, path: Path | None = None,
                 encoding: str = "utf-8") -> None:
        self._pieces: Callable[[], Iterator[str]] = (
            (lambda: _file_pieces(path, encoding)) if path is not None
            else (lambda: _text_pieces(text)))
        self._count: int | None = None

    def _lines(self) -> Iterator[tuple[int, str]]:
        n = 0
        for piece in self._pieces():
            for line in piece.splitlines():
                yield n, line
                n += 1

    def __iter__(self) -> Iterator[Block]:
        return (Block(f"L{n}", line) for n, line in self._lines() if line.strip())

    def __bool__(self) -> bool:
        return next(iter(self), None) is not None

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

    def load_path(self, path: Path) -> Imported | None:
        """The file's blocks read from disk on each pass (memory flat in its size); None
        when it is not plainly UTF-8 or UTF-16 text: ``load`` then says why, or reads
        Windows-1256."""
        encoding = stream_encoding(path, _PIECE)
        return None if encoding is None else Imported(self.name, Lines(path=path,
                                                                       encoding=encoding))

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        text, _ = decode(data, name)
        lines = text.splitlines()
        out = [targets.get(f"L{n}", line) for n, line in enumerate(lines)]
        return ("\n".join(out) + ("\n" if text.endswith(("\n", "\r")) else "")).encode("utf-8")
