"""Start `tarjuman` as a real process on an X display (xvfb-run) and screenshot it:
the sample project in English, and the UI in Dari (mirrored)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from tests.conftest import ROOT

pytestmark = pytest.mark.xvfb
ARTIFACTS = ROOT / "tests" / "artifacts"


def find_window(name: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True,
                             text=True).stdout
        if name in out:
            return
        time.sleep(0.3)
    raise AssertionError(f"no window named {name!r} appeared")


def screenshot(args: list[str], home: Path, shot: Path, title: str) -> int:
    assert os.environ.get("DISPLAY"), "run under xvfb-run (make test does)"
    assert shutil.which("import"), "ImageMagick is installed by .ci/run"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update({"TARJUMAN_HOME": str(home), "PYTHONPATH": str(ROOT)})
    proc = subprocess.Popen([sys.executable, "-m", "desktop_app", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        find_window(title)
        time.sleep(2.0)
        ARTIFACTS.mkdir(exist_ok=True)
        subprocess.run(["import", "-window", "root", str(shot)], check=True, timeout=30)
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        colours = subprocess.run(["identify", "-format", "%k", str(shot)], capture_output=True,
                                 text=True, check=True).stdout
        return int(colours)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_main_window_without_project(tarjuman_home: Path) -> None:
    assert screenshot([], tarjuman_home, ARTIFACTS / "main-window.png", "Tarjuman") > 20


def working_project(path: Path) -> Path:
    """The sample mid-job: a confirmed heading, a long edited sentence, an MT sentence and
    a tagged sentence being edited (the cursor's row), glossary hits all over."""
    project = Project.create(sample("panjshir.docx"), "dari", path=path)
    segs = project.segments()
    project.confirm(segs[0].id, "مقاومت در درهٔ پنجشیر: فصلی نو در یک مبارزهٔ کهنه")
    project.set_target(segs[1].id, "کابل — چهار سال پس از بازگشت طالبان به قدرت، درهٔ "
                       "پنجشیر در شمال کابل همچنان نماد مقاومت مسلحانه در برابر حکومت آنان "
                       "است، هرچند جنگ‌جویان اندکی باقی مانده‌اند.")
    project.apply_machine([(segs[2].id, "جنگجویان وفادار به احمد مسعود هنوز از دره‌های فرعی "
                            "عبور می‌کنند.", "mt:argos:test")])
    tagged = next(s for s in segs if "⟨1⟩" in s.source)
    project.set_target(tagged.id, "⟨1⟩«ما برای یک دره نمی‌جنگیم، ما برای یک کشور "
                       "می‌جنگیم»، آقای مسعود روز سه‌شنبه به خبرنگاران گفت.")
    project.set_meta("ui.row", str([s.id for s in segs].index(tagged.id)))
    project.close()
    return path


def test_sample_project_in_a_real_window(tarjuman_home: Path, tmp_path: Path) -> None:
    path = working_project(tmp_path / "s.tarjuman")
    colours = screenshot([str(path)], tarjuman_home, ARTIFACTS / "editor-english-ui.png",
                         "panjshir.docx")
    assert colours > 50


def test_ui_in_dari_is_mirrored(tarjuman_home: Path, tmp_path: Path) -> None:
    (tarjuman_home / "settings.json").write_text(json.dumps({"ui_language": "prs"}), "utf-8")
    path = working_project(tmp_path / "d.tarjuman")
    colours = screenshot(["open", str(path)], tarjuman_home,
                         ARTIFACTS / "editor-dari-ui.png", "panjshir.docx")
    assert colours > 50
