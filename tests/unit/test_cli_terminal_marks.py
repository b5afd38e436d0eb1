"""The command line writes no invisible bidi isolation marks into a terminal (the device
line showed them around `int8`) nor into English output; piped Dari output keeps them for
a right-to-left viewer."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

MARKS = ("\u2066", "\u2067", "\u2068", "\u2069")


def test_english_output_has_no_isolation_marks(cli) -> None:  # type: ignore[no-untyped-def]
    done = cli("models", "list")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("runs on:"))
    assert "int8" in line and not any(m in done.stdout for m in MARKS), repr(line)


def test_dari_output_in_a_terminal_has_no_isolation_marks(tarjuman_home: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_"))}
    env.update({"TARJUMAN_HOME": str(tarjuman_home), "PYTHONPATH": str(ROOT)})
    args = [sys.executable, "-m", "desktop_app", "--ui-language", "prs", "models", "list"]
    piped = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT,
                           timeout=120)
    assert "\u2068int8\u2069" in piped.stdout  # for a right-to-left viewer: kept
    leader, follower = pty.openpty()
    with subprocess.Popen(args, stdout=follower, stderr=follower, env=env, cwd=ROOT) as proc:
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            out += chunk
        proc.wait(timeout=120)
    os.close(leader)
    text = out.decode("utf-8")
    assert "int8" in text and not any(m in text for m in MARKS), repr(text[-300:])
