"""Rolling backups of project files: a consistent SQLite copy (the backup API, safe while
the project is open), written to a temp file and renamed; the newest N are kept."""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from desktop_app.core.paths import sub_dir

DEFAULT_KEEP = 5
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


def safe_name(name: str, fallback: str = "document") -> str:
    """A file name without path separators, control characters or leading dots."""
    cleaned = _UNSAFE.sub("_", name.replace("\x00", "")).strip("._ ")
    return cleaned[:120] or fallback


def backup_dir(project: Path) -> Path:
    return sub_dir("backups", safe_name(project.stem))


def make_backup(project: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    if keep <= 0 or not project.is_file():
        return None
    folder = backup_dir(project)
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{time.time_ns() % 1_000_000:06d}"
    dest = folder / f"{stamp}.tarjuman"
    fd, tmp = tempfile.mkstemp(prefix=".backup-", dir=folder)
    os.close(fd)
    try:
        source = sqlite3.connect(f"file:{quote(str(project.resolve()))}?mode=ro", uri=True)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        os.replace(tmp, dest)
    finally:
        Path(tmp).unlink(missing_ok=True)
    for old in sorted(folder.glob("*.tarjuman"))[:-keep]:
        old.unlink(missing_ok=True)
    return dest


def backups(project: Path) -> list[Path]:
    return sorted(backup_dir(project).glob("*.tarjuman"))
