"""Installing a model safely, whatever the back-end.

Every install unpacks or copies into a private staging folder (``models/.staging``, same
file system), is validated and test-translated there, and only then renamed into place in
one step: a kill at any moment leaves either no model or a whole one, never one that is
listed and broken. Staging folders of dead processes are swept on the next install.
Removal renames the model out of the listing first, then deletes it.

Folder installs refuse symbolic links that leave the folder and special files (devices,
pipes, sockets); zip installs refuse escaping names, links, special files and bombs.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.core.errors import ModelError
from desktop_app.core.i18n import _, isolate
from desktop_app.core.mt.archive import MAX_UNPACKED_BYTES, UnsafeArchive, check_members
from desktop_app.core.paths import sub_dir
from desktop_app.core.workfiles import alive

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def staging_root() -> Path:
    return sub_dir("models", ".staging")


def safe_id(name: str, default: str = "model") -> str:
    """A model id that lists and removes cleanly: no control or bidi characters (U+202E),
    no newline, no leading dot, nothing but ``A-Z a-z 0-9 . _ -``."""
    visible = "".join("" if unicodedata.category(c) == "Cf" else c
                      for c in unicodedata.normalize("NFKC", name))
    slug = _UNSAFE.sub("-", visible).strip(".-")
    return slug[:80] or default


def display_name(text: str) -> str:
    """Text from a model's own metadata made safe to print on one line."""
    return "".join(c if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp") else "?"
                   for c in text)[:200]


def sweep() -> None:
    """Delete staging folders left by killed processes."""
    for entry in staging_root().iterdir():
        pid = entry.name.split("-", 1)[0]
        if not pid.isdigit() or not alive(int(pid)) or entry.name.endswith("-trash"):
            shutil.rmtree(entry, ignore_errors=True)


@contextmanager
def staging() -> Iterator[Path]:
    """A private folder on the models' file system, removed whatever happens."""
    sweep()
    path = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=staging_root()))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def copy_folder(source: Path, dest: Path) -> None:
    """Copy a model folder, refusing links that leave it and special files."""
    root = source.resolve()
    total = 0
    for dirpath, dirnames, filenames in os.walk(source):
        here = Path(dirpath)
        rel = here.relative_to(source)
        (dest / rel).mkdir(parents=True, exist_ok=True)
        for name in [*dirnames, *filenames]:
            path = here / name
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    raise ModelError(_("{name}: {file} is a link that leaves the model "
                                       "folder; copy the real files in").format(
                                           name=source.name, file=rel / name))
            mode = path.stat().st_mode if path.exists() else 0
            if name in dirnames:
                if path.is_symlink():
                    raise ModelError(_("{name}: {file} is a linked folder; copy the real "
                                       "folder in").format(name=source.name, file=rel / name))
                continue
            if not stat.S_ISREG(mode):
                raise ModelError(_("{name}: {file} is not a regular file").format(
                    name=source.name, file=rel / name))
            total += path.stat().st_size
            if total > MAX_UNPACKED_BYTES:
                raise ModelError(_("{name}: larger than {size} bytes").format(
                    name=source.name, size=MAX_UNPACKED_BYTES))
            shutil.copyfile(path, dest / rel / name)


def unzip(archive: Path, dest: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zf:
            if not any(not info.is_dir() for info in zf.infolist()):
                raise ModelError(_("{name}: the archive is empty").format(name=archive.name))
            check_members(zf)
            zf.extractall(dest)
    except (UnsafeArchive, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ModelError(f"{archive.name}: {exc}") from exc


def model_root(folder: Path) -> Path:
    """The folder holding model.bin (or an Argos ``model/``): the given one or its only
    visible subfolder."""
    def holds(p: Path) -> bool:
        return (p / "model.bin").is_file() or (p / "metadata.json").is_file()

    if holds(folder):
        return folder
    subs = [d for d in folder.iterdir() if d.is_dir() and not d.name.startswith("__MACOSX")]
    if len(subs) == 1 and holds(subs[0]):
        return subs[0]
    return folder


def unpack(source: Path, into: Path) -> Path:
    """Copy a folder or unzip an archive into ``into``; return the model's root there."""
    downloads = sub_dir("models", ".downloads").resolve()
    if source.is_dir() and source.resolve().parent == downloads:
        os.rename(source, into / "m")  # a verified download: moved, not copied (GBs)
    elif source.is_dir():
        copy_folder(model_root(source), into / "m")
    elif zipfile.is_zipfile(source):
        unzip(source, into / "m")
    else:
        raise ModelError(_("{name}: neither a model folder nor a zip archive").format(
            name=source.name))
    return model_root(into / "m")


def already_installed(model_id: str) -> ModelError:
    return ModelError(_("{id} is already installed; remove it first with: "
                        "tarjuman models remove {id}").format(id=isolate(model_id)))


def does_not_translate(exc: Exception) -> str:
    """Why a staged model failed its test translation."""
    return _("it does not translate ({reason})").format(reason=exc.__cause__ or exc)


def commit(ready: Path, dest: Path) -> None:
    """Move a validated model into place in one rename."""
    if dest.exists():
        raise already_installed(dest.name)
    os.rename(ready, dest)


def discard(path: Path) -> None:
    """Take a model out of the listing at once, then delete its files."""
    trash = staging_root() / f"{os.getpid()}-{path.name}-trash"
    shutil.rmtree(trash, ignore_errors=True)
    os.rename(path, trash)
    shutil.rmtree(trash, ignore_errors=True)
