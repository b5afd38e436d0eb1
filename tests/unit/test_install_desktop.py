"""``tarjuman install-desktop``: menu entry, icon and ``.tarjuman`` file type under
``$XDG_DATA_HOME``, checked with the desktop's own tools (desktop-file-validate,
update-mime-database, update-desktop-database)."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.commands.desktop_cmd import desktop_entry
from desktop_app.core.resources import shipped
from tests.conftest import run_cli

PACKAGING = shipped("resources", "packaging")
INSTALLED = ("applications/tarjuman.desktop", "icons/hicolor/scalable/apps/tarjuman.svg",
             "icons/hicolor/256x256/apps/tarjuman.png",
             "icons/hicolor/scalable/mimetypes/application-x-tarjuman-project.svg",
             "mime/packages/tarjuman.xml")


def entry_values(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def exec_argv(value: str) -> list[str]:
    """An Exec value as the Desktop Entry spec reads it: string escapes, then arguments
    (space-separated; inside double quotes a backslash takes the next character as is),
    then field codes (``%%`` is ``%``)."""
    text = value.replace("\\\\", "\x00").replace("\\s", " ").replace("\x00", "\\")
    args: list[str] = []
    arg: list[str] | None = None
    quoted = escaped = False
    for char in text:
        if escaped:
            arg.append(char)  # type: ignore[union-attr]
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
            arg = arg if arg is not None else []
        elif char == " " and not quoted:
            if arg is not None:
                args.append("".join(arg))
            arg = None
        else:
            arg = (arg if arg is not None else []) + [char]
    assert not quoted and not escaped, value
    if arg is not None:
        args.append("".join(arg))
    return [a.replace("%%", "%") for a in args]


def validate(path: Path) -> None:
    done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_installs_entry_icon_and_file_type(tmp_path: Path, tarjuman_home: Path) -> None:
    data = tmp_path / "data"
    r = run_cli("install-desktop", home=tarjuman_home, extra_env={"XDG_DATA_HOME": str(data)})
    assert r.returncode == 0, r.stderr
    for rel in INSTALLED:
        assert (data / rel).is_file(), rel
        assert str(data / rel) in r.stdout
    assert (data / INSTALLED[1]).read_bytes() == (PACKAGING / "tarjuman.svg").read_bytes()
    desktop = data / "applications" / "tarjuman.desktop"
    validate(desktop)
    values = entry_values(desktop)
    # the menu starts the program that ran the command: here the venv's tarjuman
    program = Path(sys.executable).parent / "tarjuman"
    assert exec_argv(values["Exec"]) == [str(program), "%f"]
    assert values["TryExec"] == str(program) and os.access(program, os.X_OK)
    assert values["MimeType"] == "application/x-tarjuman-project;"
    assert values["Icon"] == "tarjuman"
    # the cache tools ran and read the file type and the entry
    globs = (data / "mime" / "globs2").read_text("utf-8")
    assert "application/x-tarjuman-project:*.tarjuman" in globs
    assert "application/vnd.sqlite3" in (data / "mime" / "subclasses").read_text("utf-8")
    cache = (data / "applications" / "mimeinfo.cache").read_text("utf-8")
    assert "application/x-tarjuman-project=tarjuman.desktop;" in cache


def test_remove_takes_everything_away(tmp_path: Path, tarjuman_home: Path) -> None:
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    assert run_cli("install-desktop", home=tarjuman_home, extra_env=env).returncode == 0
    r = run_cli("install-desktop", "--remove", home=tarjuman_home, extra_env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("removed ") == len(INSTALLED)
    for rel in INSTALLED:
        assert not (tmp_path / "data" / rel).exists(), rel
    assert "tarjuman" not in (tmp_path / "data" / "mime" / "globs2").read_text("utf-8")


def test_without_cache_tools_the_files_are_still_installed(tmp_path: Path,
                                                           tarjuman_home: Path) -> None:
    data = tmp_path / "data"
    empty = tmp_path / "bin"
    empty.mkdir()
    r = run_cli("install-desktop", home=tarjuman_home,
                extra_env={"XDG_DATA_HOME": str(data), "PATH": str(empty)})
    assert r.returncode == 0, r.stderr
    assert all((data / rel).is_file() for rel in INSTALLED)
    assert not (data / "mime" / "globs2").exists()  # update-mime-database was not there


def test_relative_xdg_data_home_is_ignored(tmp_path: Path, tarjuman_home: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    r = run_cli("install-desktop", home=tarjuman_home,
                extra_env={"XDG_DATA_HOME": "relative/share", "HOME": str(home)})
    assert r.returncode == 0, r.stderr
    assert (home / ".local" / "share" / "applications" / "tarjuman.desktop").is_file()


def test_exec_survives_a_path_with_spaces_quotes_dollar_and_percent(tmp_path: Path) -> None:
    program = Path('/media/user/My "USB" $stick/100% `ok`/back\\slash/tarjuman')
    desktop = tmp_path / "tarjuman.desktop"
    desktop.write_text(desktop_entry(program), "utf-8")
    validate(desktop)
    values = entry_values(desktop)
    assert exec_argv(values["Exec"]) == [str(program), "%f"]
    assert values["TryExec"].replace("\\\\", "\\") == str(program)
