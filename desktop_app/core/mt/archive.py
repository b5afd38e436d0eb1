"""Zip archives from users: refuse escaping paths, links and bombs before anything is unpacked."""

from __future__ import annotations

import stat
import zipfile
from pathlib import PurePosixPath

MAX_UNPACKED_BYTES = 8 * 1024**3
MAX_RATIO = 200  # uncompressed/compressed; beyond this an entry is treated as a zip bomb


class UnsafeArchive(ValueError):
    pass


def check_members(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's entries, or :class:`UnsafeArchive` naming the first bad one."""
    infos = zf.infolist()
    total = 0
    for info in infos:
        name = PurePosixPath(info.filename)
        if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
            raise UnsafeArchive(f"entry {info.filename!r} would escape the models folder")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UnsafeArchive(f"entry {info.filename!r} is a symbolic link")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise UnsafeArchive(f"entry {info.filename!r} is a compression bomb")
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise UnsafeArchive(f"it unpacks to {total} bytes, over the limit")
    bad = zf.testzip()
    if bad is not None:
        raise UnsafeArchive(f"entry {bad!r} is corrupt")
    return infos
