"""Hunspell ``.dic``/``.aff`` dictionaries: the ones Linux keeps and the ones the user
installed from a file (kept in the data dir, one folder per language).

No Pashto Hunspell dictionary exists; Dari uses a Persian one (Debian's ``myspell-fa``
or LibreOffice's Lilak ``fa_IR``), whose Iranian forms the checker corrects with the
Dari-vs-Iranian glossary.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from desktop_app.core import languages
from desktop_app.core.paths import sub_dir
from desktop_app.core.spell.validation import check_pair

SYSTEM_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell"),
               Path("/usr/share/myspell/dicts"))


def system_dirs() -> tuple[Path, ...]:
    """Where the machine's dictionaries are looked for: the folder chosen in the settings,
    then ``DICPATH`` (Hunspell's own variable, folders separated by ``:``) when set, else the
    usual Linux folders."""
    from desktop_app.core.settings import Settings

    chosen = Settings.load().spell_dictionaries
    if chosen:
        return (Path(chosen), *_machine_dirs())
    return _machine_dirs()


def _machine_dirs() -> tuple[Path, ...]:
    dicpath = os.environ.get("DICPATH")
    if dicpath is not None:
        return tuple(Path(p) for p in dicpath.split(os.pathsep) if p)
    return SYSTEM_DIRS
# Dictionary names that serve each language, best first.
NAMES = {"prs": ("fa_AF", "prs", "fa_IR", "fa"), "ps": ("ps_AF", "ps"),
         "fa": ("fa_IR", "fa")}


def user_dir(lang: str) -> Path:
    return sub_dir("spell", languages.get(lang).code)


def find(lang: str) -> Path | None:
    """The ``.dic`` file to use for ``lang``: installed by the user first, then the system's."""
    code = languages.get(lang).code
    mine = sorted(user_dir(code).glob("*.dic"))
    if mine:
        return mine[0]
    for folder in system_dirs():
        for name in NAMES.get(code, ()):
            dic = folder / f"{name}.dic"
            if dic.is_file() and dic.with_suffix(".aff").is_file():
                return dic
    return None


def install(dic: Path, lang: str) -> Path:
    """Copy ``dic`` and its ``.aff`` into the data dir for ``lang``; replaces the last one."""
    aff = check_pair(dic)
    from desktop_app.core.spell.engine import load

    load(dic)  # refuse what Hunspell cannot read before anything is replaced
    folder = user_dir(lang)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=folder.parent))
    try:
        shutil.copyfile(dic, staging / dic.name)
        shutil.copyfile(aff, staging / aff.name)
        for old in list(folder.glob("*.dic")) + list(folder.glob("*.aff")):
            old.unlink()
        for part in staging.iterdir():
            os.replace(part, folder / part.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder / dic.name
