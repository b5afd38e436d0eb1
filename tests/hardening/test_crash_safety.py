"""SIGKILL a real `tarjuman` process while it confirms segments, 20 times: every segment
it reported confirmed is there, the file is intact, and it opens without a prompt."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from desktop_app.core.segments import Status
from desktop_app.core.session import EditSession
from tests.conftest import ROOT

RUNS = 20


def test_kill_at_random_moments_loses_nothing(tarjuman_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "crash.tarjuman"
    Project.create(sample("panjshir.docx"), "dari", path=path).close()
    ids = [s.id for s in Project.open(path).segments()]
    rng = random.Random(1234)
    env = {**os.environ, "TARJUMAN_HOME": str(tarjuman_home), "PYTHONPATH": str(ROOT)}
    survived = 0
    confirmed_ever: dict[int, str] = {}
    for run in range(RUNS):
        batch = tmp_path / f"batch{run}.tsv"
        texts = {sid: f"ترجمه {run} برای بخش {sid}" for sid in ids}
        batch.write_text("".join(f"{sid}\t{t}\n" for sid, t in texts.items()), "utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "desktop_app", "project", "apply",
                                 str(path), str(batch), "--confirm"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        first = ""
        if run % 2:  # kill during start-up, whatever the machine's speed
            time.sleep(rng.uniform(0.05, 1.0))
        else:  # kill in the middle of the writes: wait for the first one, then a little
            assert proc.stdout is not None
            first = proc.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        reported = [int(line.split()[1]) for line in (first + out).splitlines()
                    if line.startswith("confirmed ")]
        for sid in reported:
            confirmed_ever[sid] = texts[sid]

        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
        project = Project.open(path)  # opens without a prompt or repair
        rows = {s.id: s for s in project.segments()}
        for sid in reported:
            assert rows[sid].status == Status.CONFIRMED
            assert rows[sid].target == texts[sid]
        for sid in confirmed_ever:  # earlier runs' work is still there
            assert rows[sid].status == Status.CONFIRMED
        project.close()
        survived += 1
    session = EditSession.open(path)  # the editor opens it too
    assert len(session.segments) == len(ids)
    session.close()
    assert survived == RUNS
    assert confirmed_ever, "no run got far enough to confirm anything"


def test_rolling_backups(tarjuman_home: Path, tmp_path: Path) -> None:
    from desktop_app.core.backup import backups, make_backup

    path = tmp_path / "b.tarjuman"
    Project.create(sample("panjshir.txt"), "dari", path=path).close()
    for _ in range(7):
        assert make_backup(path, keep=3) is not None
    kept = backups(path)
    assert len(kept) == 3
    project = Project.open(kept[-1])
    assert project.info().segments > 0
    assert not list((tarjuman_home / "backups").rglob(".backup-*"))
