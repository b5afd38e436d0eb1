"""Reading user text files and writing outputs atomically (nothing half-written)."""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _

MAX_TEXT_BYTES = 64 * 1024 * 1024
# Control characters a text file does not hold (all below 32 but tab, line and form feed,
# carriage return): found by one regex pass, not a Python loop over every character.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


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
            raise InputError(_("{name} holds NUL bytes: it is binary, not text").format(name=name))
        candidates = ["utf-8", "cp1256"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8":
                _refuse_mixed(data, exc.start, name)
            continue
        controls = len(_CONTROLS.findall(text))
        if "\x00" in text or controls > max(2, len(text) // 100):
            raise InputError(_("{name} holds control characters: it is binary, not text").format(
                name=name))
        if encoding == "cp1256":
            letters = [c for c in text if c.isalpha()]
            arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
            if not letters or arabic / len(letters) < 0.3:
                break  # not Arabic-script text either (mixed or broken): refuse, don't guess
        return text, encoding
    raise InputError(_("{name} is not UTF-8, UTF-16 or Windows-1256 (Arabic) text").format(
        name=name))


def stream_encoding(path: Path, piece: int = 1 << 20) -> str | None:
    """The encoding ``decode`` would pick for this file, found by reading it a piece at a
    time (memory does not grow with the file): a BOM's, or UTF-8, when the whole file
    decodes as such and passes decode's checks. None when it does not (binary data,
    another encoding): then the caller decodes the file whole, which says what is wrong
    or finds Windows-1256."""
    with path.open("rb") as fh:
        head = fh.read(3)
        fh.seek(0)
        encoding = ("utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else
                    "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8")
        decoder = codecs.getincrementaldecoder(encoding)()
        chars = controls = 0
        try:
            while block := fh.read(piece):
                text = decoder.decode(block)
                if "\x00" in text:
                    return None
                chars += len(text)
                controls += len(_CONTROLS.findall(text))
            text = decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return None
    chars += len(text)
    controls += len(_CONTROLS.findall(text))
    return None if "\x00" in text or controls > max(2, chars // 100) else encoding


def _refuse_mixed(data: bytes, bad: int, name: str) -> None:
    """UTF-8 text with a few lines in another encoding must not be decoded whole as that
    encoding (every correct line would turn to mojibake): say which line is wrong."""
    lenient = data.decode("utf-8", "replace")
    if any(ord(c) > 127 and c != "\ufffd" for c in lenient):
        line = data.count(b"\n", 0, bad) + 1
        raise InputError(_("{name}: line {line} is not UTF-8 but the rest of the file is: save "
                           "the whole file as UTF-8").format(name=name, line=line))


def check_input_file(path: Path) -> None:
    """An input must be an existing regular file: one clear sentence otherwise (a folder,
    a pipe or device, a link that loops or points nowhere, a file that cannot be read)."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(_("{path} is a symbolic link that leads back to itself (a link "
                               "loop): give the file it should point to").format(
                                   path=path)) from None
        if path.is_symlink():
            raise InputError(_("{path} is a symbolic link to a file that does not exist").format(
                path=path)) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise InputError(_("{path} cannot be read: permission denied").format(
                path=path)) from None
        raise InputError(_("no such file: {path}").format(path=path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(_("{path} is a folder, not a file").format(path=path))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(_("{path} is not a regular file (a device, pipe or socket): give a "
                           "document saved on disk").format(path=path))


def read_text(path: Path) -> str:
    """A text file as str (see :func:`decode`); a missing or huge file is one clear error."""
    check_input_file(path)
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise InputError(_("{name} is too large ({size} bytes) for a text document").format(
            name=path.name, size=size))
    return decode(path.read_bytes(), path.name)[0]


_SQLITE_MAGIC = b"SQLite format 3\x00"


def check_output(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse, with one sentence, an output that would destroy data: a link, a folder,
    a database (a project, open or not, or any other store), anything in the data dir,
    or one of the inputs. Checked before any work is done."""
    from desktop_app.core.paths import data_dir

    name = path.name or str(path)
    if not path.name or path.is_dir():
        raise InputError(_("{path} is a folder: give a file name for the output").format(path=path))
    if path.is_symlink():
        raise InputError(_("{name} is a symbolic link; Tarjuman does not write through links: "
                           "choose another output name").format(name=name))
    parent = path.parent
    for ancestor in (parent, *parent.parents):
        if ancestor.exists() and not ancestor.is_dir():
            raise InputError(_("cannot write {name}: {ancestor} is a file, not a folder").format(
                name=name, ancestor=ancestor))
    if not parent.exists():
        raise InputError(_("cannot write {name}: the folder {parent} does not exist").format(
            name=name, parent=parent))
    target = path.resolve()
    home = data_dir().resolve()
    if target == home or home in target.parents:
        raise InputError(_("{name} is inside Tarjuman's data dir "
                           "({home}); export elsewhere").format(
            name=name, home=home))
    if path.exists():
        if not path.is_file():
            raise InputError(_("{name} is not a regular file; choose another output name").format(
                name=name))
        with contextlib.suppress(OSError), path.open("rb") as fh:
            if fh.read(16) == _SQLITE_MAGIC:
                raise InputError(_("{name} is a database (a project or a store); Tarjuman does "
                                   "not overwrite it: choose another output name").format(
                                       name=name))
        for source in inputs:
            with contextlib.suppress(OSError):
                if source.exists() and os.path.samefile(source, path):
                    raise InputError(_("{name} is the input file; choose "
                                       "another output name").format(
                        name=name))
    if path.suffix.lower() == ".tarjuman" or path.name.endswith(_SIDE_FILES):
        raise InputError(_("{name}: a project file is not an export; choose another name").format(
            name=name))


_SIDE_FILES = (".tarjuman-wal", ".tarjuman-shm", ".sqlite", ".sqlite-wal", ".sqlite-shm")


def write_atomic(path: Path, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write to a temp file beside ``path`` and rename it into place, after
    :func:`check_output`. The temp file is registered as a work file, so a kill leaves
    nothing behind after the next start."""
    from desktop_app.core.workfiles import tracked

    check_output(path, inputs)
    # Registered before it exists: a kill at any moment leaves nothing the next start misses.
    tmp = path.parent / f".{path.name[:80]}.{secrets.token_hex(4)}.part"
    try:
        with tracked(tmp):
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
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
