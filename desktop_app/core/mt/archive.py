"""Zip archives from users: refuse escaping paths, links and bombs before anything is unpacked."""

from __future__ import annotations

import stat
import zipfile
from pathlib import PurePosixPath

from desktop_app.core.i18n import _, isolate

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
            raise UnsafeArchive(_("entry {name} would escape the models folder").format(
                name=isolate(info.filename)))
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UnsafeArchive(_("entry {name} is a symbolic link").format(
                name=isolate(info.filename)))
        total += info.file_size
    if total > MAX_UNPACKED_BYTES:
        raise UnsafeArchive(_("it unpacks to {size} bytes, over the limit of {limit} (a "
                              "compression bomb?)").format(size=total, limit=MAX_UNPACKED_BYTES))
    bad = zf.testzip()
    if bad is not None:
        raise UnsafeArchive(_("entry {name} is corrupt").format(name=isolate(bad)))
    return infos
