"""CLI progress goes through tqdm: a live bar on a terminal, and in a pipe or a log one
plain line at the end, with no carriage return anywhere in the output."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

TEXT = "".join(f"Ahmad Massoud spoke in Kabul about report {n}.\n\n" for n in range(12))


@pytest.fixture
def project(cli, tmp_path: Path, tiny_argos: Path) -> Path:  # type: ignore[no-untyped-def]
    assert cli("models", "install", str(tiny_argos)).returncode == 0
    source = tmp_path / "news.txt"
    source.write_text(TEXT, "utf-8")
    path = tmp_path / "news.tarjuman"
    assert cli("project", "new", str(source), "--to", "dari", "-o", str(path)).returncode == 0
    return path


def test_piped_progress_is_one_plain_line(project: Path, tarjuman_home: Path) -> None:
    done = run_cli("project", "pretranslate", str(project), home=tarjuman_home)
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stdout + done.stderr
    assert "pretranslating: 12/12\n" in done.stderr
    assert "pretranslating" not in done.stdout


@pytest.mark.parametrize("columns", [80, 0])  # 0: a terminal that tells no width
def test_a_terminal_gets_the_live_bar(project: Path, tarjuman_home: Path, columns: int) -> None:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    env.update({"TARJUMAN_HOME": str(tarjuman_home), "PYTHONPATH": str(ROOT)})
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "project", "pretranslate",
                             str(project)], stdout=subprocess.PIPE, stderr=follower, env=env,
                            cwd=ROOT)
    os.close(follower)
    seen = b""
    try:
        while select.select([leader], [], [], 60)[0]:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    finally:
        out = proc.communicate(timeout=60)[0]
        os.close(leader)
    assert proc.returncode == 0, seen
    screen = seen.decode("utf-8", "replace")
    assert "pretranslating: 100%" in screen and "12/12" in screen  # tqdm's own bar
    assert "\r" in screen  # redrawn in place
    assert b"pretranslating" not in out
