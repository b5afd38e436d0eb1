"""Hostile spelling dictionaries and odd places (issue: hostile inputs). Each case through
the real CLI: one clear line, exit 1, nothing installed or changed, no hang."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.fixtures.hunspell_dict import AFF, write_dictionary


def _spell_dir(home: Path) -> list[str]:
    folder = home / "spell"
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) \
        if folder.is_dir() else []


def _refused(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "internal error" not in lines[0] and "Traceback" not in done.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write_dictionary(tmp_path / "good")


def test_a_good_dictionary_still_installs_and_checks(cli, good: Path, tmp_path: Path,
                                                     tarjuman_home: Path) -> None:
    assert cli("spell", "install", str(good), "--lang", "dari").returncode == 0
    text = tmp_path / "t.txt"
    text.write_text("کتاب کتابهای ککتاب\n", "utf-8")
    done = cli("spell", str(text), "--lang", "dari")
    flagged = [line.split(": ")[1] for line in done.stdout.splitlines() if line.startswith("line")]
    assert flagged == ["ککتاب"], done.stdout


@pytest.mark.parametrize("case", ["random-aff", "binary-dic", "utf32", "latin1", "sparse-dic",
                                  "dic-not-utf8"])
def test_a_hostile_dictionary_is_refused_and_nothing_replaced(cli, good: Path, tmp_path: Path,
                                                              tarjuman_home: Path,
                                                              case: str) -> None:
    assert cli("spell", "install", str(good), "--lang", "dari").returncode == 0
    before = _spell_dir(tarjuman_home)
    folder = tmp_path / case
    dic = write_dictionary(folder, "fa_AF")
    aff = dic.with_suffix(".aff")
    if case == "random-aff":
        aff.write_bytes(os.urandom(4096))
    elif case == "binary-dic":
        dic.write_bytes(b"12\n" + os.urandom(4096))
    elif case == "utf32":
        aff.write_text(AFF.replace("SET UTF-8", "SET UTF-32"), "utf-8")
    elif case == "latin1":
        aff.write_text(AFF.replace("SET UTF-8\n", ""), "utf-8")
    elif case == "sparse-dic":
        with dic.open("r+b") as fh:  # 3 GB, no disk used: refused from its size, not read
            fh.truncate(3 * 1024 ** 3)
    elif case == "dic-not-utf8":
        dic.write_bytes(b"2\n\xd9\x83\xff\xfe\nabc\n")
    done = cli("spell", "install", str(dic), "--lang", "dari", timeout=90)
    _refused(done, dic.name if case in ("binary-dic", "sparse-dic", "dic-not-utf8")
             else aff.name if case != "random-aff" else ".")
    assert _spell_dir(tarjuman_home) == before


@pytest.mark.parametrize("kind", ["loop", "fifo", "folder", "device", "dangling"])
def test_odd_inputs_are_named_for_what_they_are(cli, tmp_path: Path, kind: str) -> None:
    path = tmp_path / kind
    if kind == "loop":
        path.symlink_to(path)
        expect = "loop"
    elif kind == "fifo":
        os.mkfifo(path)
        expect = "not a regular file"
    elif kind == "folder":
        path.mkdir()
        expect = "folder"
    elif kind == "device":
        path = Path("/dev/zero")
        expect = "not a regular file"
    else:
        path.symlink_to(tmp_path / "gone.txt")
        expect = "does not exist"
    for args in (["project", "new", str(path), "--to", "dari"],
                 ["translate", str(path), "--to", "dari", "-o", str(tmp_path / "o.txt")],
                 ["spell", str(path), "--lang", "dari"]):
        _refused(cli(*args, timeout=60), expect)


def test_an_empty_model_archive_says_it_is_empty(cli, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "empty.zip"
    zipfile.ZipFile(archive, "w").close()
    _refused(cli("models", "install", str(archive)), "empty")


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a read-only tmpfs needs root")
def test_a_read_only_or_full_data_dir_is_not_called_corrupt(cli, tmp_path: Path) -> None:
    mount = tmp_path / "mnt"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("tmpfs cannot be mounted here")
    try:
        home = {"TARJUMAN_HOME": str(mount)}
        full = cli("glossary", "add", "--term", "en=Herat", "--term", "dari=هرات",
                   extra_env=home)
        line = _refused(full, "disk is full")
        assert "not a Tarjuman" not in line
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        ro = cli("glossary", "add", "--term", "en=Herat", "--term", "dari=هرات", extra_env=home)
        assert "read-only" in _refused(ro) and "not a Tarjuman" not in ro.stderr
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
