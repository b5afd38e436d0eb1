"""Plain text: each non-empty line is a block; line breaks and blank lines are kept."""

from __future__ import annotations

from desktop_app.core.documents.base import Block, Imported
from desktop_app.core.textio import decode


class PlainText:
    name = "txt"
    extensions = (".txt", ".text")

    def load(self, data: bytes, name: str) -> Imported:
        text, _ = decode(data, name)
        blocks = [Block(f"L{n}", line) for n, line in enumerate(text.splitlines())
                  if line.strip()]
        return Imported(self.name, blocks)

    def save(self, data: bytes, name: str, targets: dict[str, str], target_lang: str) -> bytes:
        text, _ = decode(data, name)
        lines = text.splitlines()
        out = [targets.get(f"L{n}", line) for n, line in enumerate(lines)]
        return ("\n".join(out) + ("\n" if text.endswith(("\n", "\r")) else "")).encode("utf-8")
