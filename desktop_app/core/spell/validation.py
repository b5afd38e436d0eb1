"""What a Hunspell ``.dic``/``.aff`` pair must be before it is installed.

A dictionary comes from anywhere (a USB stick, a download, a colleague). Before it
replaces the one in use it is checked from its header and size (never read whole when it
is too large), its text is decoded in the encoding its ``.aff`` declares, that encoding
must hold Arabic letters, and Hunspell itself loads it in a child process with bounded
memory and time, so a dictionary that would crash or hang the checker never gets in.
"""

from __future__ import annotations

import codecs
import re
import subprocess
import sys
from pathlib import Path

from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.textio import check_input_file

MAX_DIC_BYTES = 64 * 1024 * 1024  # LibreOffice's largest dictionaries are under 20 MB
MAX_AFF_BYTES = 8 * 1024 * 1024
PROBE_SECONDS = 60
PROBE_MEMORY = 1024 * 1024 * 1024
# Hunspell's SET values whose letters include Arabic script, and Python's name for them.
ARABIC_ENCODINGS = {"UTF-8": "utf-8", "ISO8859-6": "iso8859-6"}
_SET = re.compile(rb"^SET[ \t]+(\S+)", re.MULTILINE)
PROBE_WORDS = ("کتاب", "افغانستان", "پښتو")


def check_pair(dic: Path) -> Path:
    """The ``.aff`` beside ``dic`` once both pass every check; one sentence otherwise."""
    if dic.suffix.lower() != ".dic":
        raise InputError(_("{name}: choose the .dic file of a Hunspell dictionary").format(
            name=dic.name))
    check_input_file(dic)
    aff = dic.with_suffix(".aff")
    if not aff.exists():
        raise InputError(_("{name}: its .aff file ({aff}) must be beside it").format(
            name=dic.name, aff=aff.name))
    check_input_file(aff)
    _check_size(dic, MAX_DIC_BYTES)
    _check_size(aff, MAX_AFF_BYTES)
    with dic.open("rb") as fh:
        first = fh.read(64).split(b"\n", 1)[0].strip().lstrip(b"\xef\xbb\xbf")
    if not first.split(b"/")[0].isdigit():
        raise InputError(_("{name}: not a Hunspell dictionary (the first line must be "
                           "the word count)").format(name=dic.name))
    encoding = _aff_encoding(aff)
    _check_text(aff, encoding)
    _check_text(dic, encoding)
    _probe(dic)
    return aff


def _check_size(path: Path, limit: int) -> None:
    size = path.stat().st_size
    if size > limit:
        raise InputError(_("{name} is {size:,} bytes; a Hunspell file larger than {limit:,} "
                           "bytes is not a dictionary Tarjuman installs").format(
                               name=path.name, size=size, limit=limit))


def _aff_encoding(aff: Path) -> str:
    data = aff.read_bytes()
    if b"\x00" in data:
        raise InputError(_("{name} holds NUL bytes: it is binary, not a Hunspell affix "
                           "file").format(name=aff.name))
    found = _SET.search(data)
    declared = found.group(1).decode("ascii", "replace").upper() if found else "ISO8859-1"
    if declared not in ARABIC_ENCODINGS:
        raise InputError(_("{name} declares the encoding {encoding}, which cannot hold Dari "
                           "or Pashto letters: use a dictionary saved as UTF-8 (SET UTF-8)"
                           ).format(name=aff.name, encoding=declared))
    return ARABIC_ENCODINGS[declared]


def _check_text(path: Path, encoding: str) -> None:
    """Decode the whole file in its declared encoding, a block at a time."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            if b"\x00" in block:
                raise InputError(_("{name} holds NUL bytes: it is binary, not a Hunspell "
                                   "file").format(name=path.name))
            try:
                decoder.decode(block)
            except UnicodeDecodeError as exc:
                line += block[:exc.start].count(b"\n")
                raise InputError(_("{name}: line {line} is not {encoding} text, the encoding "
                                   "its .aff file declares").format(
                                       name=path.name, line=line, encoding=encoding)) from None
            line += block.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InputError(_("{name}: its last line is cut in the middle of a letter").format(
            name=path.name)) from None


def _probe(dic: Path) -> None:
    """Hunspell loads the pair and checks and corrects Dari and Pashto words, in a child
    process that cannot take more than ``PROBE_MEMORY`` or ``PROBE_SECONDS``."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, "
            f"({PROBE_MEMORY}, {PROBE_MEMORY})); import hunspell; "
            "h = hunspell.Hunspell(sys.argv[1], hunspell_data_dir=sys.argv[2]); "
            "[h.spell(w) for w in sys.argv[3:]]; h.suggest(sys.argv[3])")
    try:
        done = subprocess.run([sys.executable, "-c", code, dic.stem, str(dic.parent),
                               *PROBE_WORDS], capture_output=True, timeout=PROBE_SECONDS,
                              check=False)
    except subprocess.TimeoutExpired:
        raise InputError(_("{name}: Hunspell did not finish loading it within {seconds} "
                           "seconds; it is not installed").format(
                               name=dic.name, seconds=PROBE_SECONDS)) from None
    if done.returncode != 0:
        raise InputError(_("{name}: Hunspell cannot use this dictionary for Dari or Pashto "
                           "words; it is not installed").format(name=dic.name))
