"""Reading user text files and writing outputs atomically (nothing half-written)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop_app.core.errors import InputError

MAX_TEXT_BYTES = 64 * 1024 * 1024


def read_text(path: Path) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is one clear error."""
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise InputError(f"{path.name} is too large ({size} bytes) for a text document")
    data = path.read_bytes()
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} is not UTF-8 or UTF-16 text (byte {exc.start})") from exc
    if "\x00" in text:
        raise InputError(f"{path.name} holds NUL bytes: it is binary, not text")
    return text


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temp file beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
