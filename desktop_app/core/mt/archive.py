"""Zip archives from users: refuse escaping paths, links and bombs before anything is unpacked."""

from __future__ import annotations

import stat
import zipfile
from pathlib import PurePosixPath

# Bombs are judged by what the archive unpacks to, not by its compression ratio: a model's
# padded tensors or vocabulary can compress a thousandfold and still be legitimate. The
# declared sizes bound extraction (zipfile never yields more than an entry declares).
MAX_UNPACKED_BYTES = 8 * 1024**3


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
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise UnsafeArchive(f"it unpacks to {total} bytes, over the limit of "
                            f"{MAX_UNPACKED_BYTES} (a compression bomb?)")
    bad = zf.testzip()
    if bad is not None:
        raise UnsafeArchive(f"entry {bad!r} is corrupt")
    return infos
