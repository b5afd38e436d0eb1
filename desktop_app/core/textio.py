"""Reading user text files and writing outputs atomically (nothing half-written)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop_app.core.errors import InputError

MAX_TEXT_BYTES = 64 * 1024 * 1024


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding): UTF-8 or UTF-16 with a BOM, UTF-8, or Windows-1256 (Arabic).

    Binary data (NUL bytes, control characters) is one clear error.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    elif data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        if b"\x00" in data:
            raise InputError(f"{name} holds NUL bytes: it is binary, not text")
        candidates = ["utf-8", "cp1256"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
        if "\x00" in text or controls > max(2, len(text) // 100):
            raise InputError(f"{name} holds control characters: it is binary, not text")
        if encoding == "cp1256":
            letters = [c for c in text if c.isalpha()]
            arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
            if not letters or arabic / len(letters) < 0.3:
                break  # not Arabic-script text either (mixed or broken): refuse, don't guess
        return text, encoding
    raise InputError(f"{name} is not UTF-8, UTF-16 or Windows-1256 (Arabic) text")


def check_input_file(path: Path) -> None:
    """An input must be an existing regular file: one clear sentence otherwise."""
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file")
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if not path.is_file():
        raise InputError(f"{path} is not a regular file")


def read_text(path: Path) -> str:
    """A text file as str (see :func:`decode`); a missing or huge file is one clear error."""
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise InputError(f"{path.name} is too large ({size} bytes) for a text document")
    return decode(path.read_bytes(), path.name)[0]


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
