"""Work files (temp outputs, throw-away projects, their -wal/-shm) are registered in the
data dir while in use, so the next start removes what a killed process left behind:
document text must not linger beside the user's files or in $TMPDIR."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from desktop_app.core.paths import sub_dir

TEMP_PREFIX = "tarjuman-"
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def _journal() -> Path:
    return sub_dir("work")


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a work file of a dead one may go)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def tracked(*paths: Path) -> Iterator[None]:
    """Register ``paths`` (and their SQLite side files) until the block ends; they are
    removed by the block's owner, or by :func:`cleanup` if the process dies first."""
    marker = _journal() / f"{os.getpid()}-{secrets.token_hex(6)}.json"
    listed = [str(p) for p in paths] + [str(p) + s for p in paths for s in SQLITE_SIDE_FILES]
    partial = marker.with_suffix(".tmp")  # a kill mid-write leaves no half-read marker
    partial.write_text(json.dumps(listed), "utf-8")
    os.replace(partial, marker)
    try:
        yield
    finally:
        marker.unlink(missing_ok=True)


@contextlib.contextmanager
def temp_dir() -> Iterator[Path]:
    """A private temp folder, removed at the end, or at the next start after a kill. Its
    name is registered before the folder exists: a kill in between leaves nothing behind."""
    path = Path(tempfile.gettempdir()) / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}"
    with tracked(path):
        try:
            path.mkdir(mode=0o700)
            yield path
        finally:
            _remove(path)


def cleanup() -> int:
    """Remove the work files of processes that are gone; returns how many were removed."""
    removed = 0
    try:
        markers = list(_journal().glob("*.json"))
    except OSError:
        return 0
    for marker in markers:
        pid_text = marker.name.split("-", 1)[0]
        if not pid_text.isdigit() or alive(int(pid_text)):
            continue
        try:
            listed = json.loads(marker.read_text("utf-8"))
        except (OSError, ValueError):
            listed = []
        for name in listed if isinstance(listed, list) else []:
            path = Path(str(name))
            if path.exists() or path.is_symlink():
                _remove(path)
                removed += 1
        marker.unlink(missing_ok=True)
    return removed
