"""``tarjuman install-desktop``: a menu entry, an icon and the ``.tarjuman`` file type on a
Linux desktop, for the user only (under ``$XDG_DATA_HOME``, by default ~/.local/share).

The menu entry starts the program that runs this command: the one-folder build's
``tarjuman`` or the virtual environment's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from desktop_app.core.errors import InputError
from desktop_app.core.i18n import _
from desktop_app.core.resources import shipped
from desktop_app.core.textio import write_atomic

MIME_TYPE = "application/x-tarjuman-project"
ICON = "tarjuman"
MIME_ICON = MIME_TYPE.replace("/", "-")


def register(sub: Any) -> None:
    p = sub.add_parser("install-desktop", help=_(
        "add Tarjuman to the desktop's menu, with its icon and the .tarjuman file type "
        "(Linux, for this user)"))
    p.add_argument("--remove", action="store_true",
                   help=_("take the menu entry, icon and file type away again"))
    p.set_defaults(func=run)


def data_home() -> Path:
    """``$XDG_DATA_HOME`` when it is an absolute path (the spec ignores others), else
    ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def launcher() -> Path:
    """The ``tarjuman`` program running now."""
    if getattr(sys, "frozen", False):  # the one-folder build
        return Path(sys.executable).resolve()
    beside = Path(sys.executable).parent / "tarjuman"  # a virtual environment's script
    if beside.is_file():
        return beside.absolute()
    found = shutil.which("tarjuman")
    if found is None:
        raise InputError(_("cannot find the tarjuman program for the menu entry to start; "
                           "install Tarjuman (or build the bundle) and run this command "
                           "from there"))
    return Path(found).absolute()


def exec_quote(path: Path) -> str:
    """``path`` as one argument of a desktop entry's Exec key: double-quoted with ``"``,
    backquote, ``$`` and backslash escaped, then backslash escaped again as any string
    value is, and ``%`` doubled (freedesktop Desktop Entry spec, "The Exec key")."""
    quoted = "".join("\\" + c if c in '"`$\\' else c for c in str(path))
    return ('"' + quoted + '"').replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(program: Path) -> str:
    """The shipped desktop entry with Exec and TryExec pointing to ``program``."""
    template = shipped("resources", "packaging", "tarjuman.desktop").read_text("utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_quote(program)} %f"
        elif line.startswith("TryExec="):
            line = "TryExec=" + str(program).replace("\\", "\\\\")
        lines.append(line)
    return "\n".join(lines) + "\n"


def targets(root: Path) -> dict[Path, Path | None]:
    """Each installed file and the shipped file it is a copy of (None: the menu entry,
    written from the template)."""
    packaging = shipped("resources", "packaging")
    icons = root / "icons" / "hicolor"
    return {
        root / "applications" / "tarjuman.desktop": None,
        icons / "scalable" / "apps" / f"{ICON}.svg": packaging / "tarjuman.svg",
        icons / "256x256" / "apps" / f"{ICON}.png": packaging / "tarjuman.png",
        icons / "scalable" / "mimetypes" / f"{MIME_ICON}.svg": packaging / "tarjuman.svg",
        root / "mime" / "packages" / "tarjuman.xml": packaging / "tarjuman-mime.xml",
    }


def refresh_caches(root: Path) -> list[str]:
    """Run the desktop's cache updaters that are installed; return the ones that ran."""
    ran = []
    for tool, folder in (("update-mime-database", root / "mime"),
                         ("update-desktop-database", root / "applications")):
        path = shutil.which(tool)
        if path is not None and folder.is_dir():
            subprocess.run([path, str(folder)], check=False, capture_output=True, timeout=120)
            ran.append(tool)
    return ran


def install(root: Path, program: Path) -> list[Path]:
    written = []
    for dest, source in targets(root).items():
        dest.parent.mkdir(parents=True, exist_ok=True)
        data = (desktop_entry(program).encode("utf-8") if source is None
                else source.read_bytes())
        write_atomic(dest, data)
        written.append(dest)
    refresh_caches(root)
    return written


def remove(root: Path) -> list[Path]:
    removed = []
    for dest in targets(root):
        if dest.exists():
            dest.unlink()
            removed.append(dest)
    refresh_caches(root)
    return removed


def run(args: argparse.Namespace) -> int:
    if sys.platform == "win32" or sys.platform == "darwin":
        raise InputError(_("install-desktop adds a menu entry on Linux desktops; on Windows "
                           "and macOS make a shortcut to the tarjuman program instead"))
    root = data_home()
    if args.remove:
        for path in remove(root):
            print(_("removed {file}").format(file=path))
        return 0
    for path in install(root, launcher()):
        print(_("wrote {file}").format(file=path))
    return 0
