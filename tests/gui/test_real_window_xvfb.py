"""Start `tarjuman` as a real process on an X display and screenshot its window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.xvfb
ARTIFACTS = ROOT / "tests" / "artifacts"


def find_window(name: str, timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True,
                             text=True).stdout
        for line in out.splitlines():
            if f'"{name}"' in line:
                return line.split()[0]
        time.sleep(0.3)
    raise AssertionError(f"no window named {name!r} appeared")


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs xvfb-run (make test)")
def test_real_window_screenshot(tarjuman_home: Path) -> None:
    assert shutil.which("import"), "ImageMagick is installed by .ci/run"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update({"TARJUMAN_HOME": str(tarjuman_home), "PYTHONPATH": str(ROOT)})
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        find_window("Tarjuman")
        time.sleep(1.5)
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "main-window.png"
        subprocess.run(["import", "-window", "root", str(shot)], check=True, timeout=30)
        colours = subprocess.run(["identify", "-format", "%k", str(shot)], capture_output=True,
                                 text=True, check=True).stdout
        assert int(colours) > 20, "the screen is blank: no window was drawn"
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    finally:
        proc.terminate()
        proc.wait(timeout=10)
