"""The one-folder build (``make bundle``): built here, copied where no Python of the project
can be seen (a folder with a space in its name, as on a USB stick), then used as a
translator would: install a model file, the demo, a translation, the editor window under
Xvfb, the menu entry."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT
from tests.fixtures.hunspell_dict import write_dictionary

pytestmark = pytest.mark.bundle

TEXT = "The valley was quiet.\nKabul is a city.\n"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """``make bundle`` into a temp dir (or the bundle ``$TARJUMAN_BUNDLE`` names, built by
    ``make bundle`` just before), then the folder copied away from the project."""
    build = tmp_path_factory.mktemp("bundle-build")
    built = Path(os.environ.get("TARJUMAN_BUNDLE", build / "dist" / "tarjuman"))
    if "TARJUMAN_BUNDLE" not in os.environ:
        done = subprocess.run(["make", "-C", str(ROOT), "bundle", f"BUNDLE_DIST={built.parent}",
                               f"BUNDLE_WORK={build / 'work'}"], capture_output=True, text=True,
                              check=False, timeout=1200)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    stick = tmp_path_factory.mktemp("usb") / "USB stick"
    shutil.copytree(built, stick / "tarjuman", symlinks=True)
    shutil.rmtree(build)
    assert not any(p.name in (".venv", "site-packages") for p in stick.rglob("*"))
    yield stick / "tarjuman"
    leftovers = subprocess.run(["pgrep", "-f", str(stick)], capture_output=True, text=True,
                               check=False).stdout.split()
    assert not alive_after([int(pid) for pid in leftovers], 20), "bundle processes left running"


def alive_after(pids: list[int], seconds: float) -> list[int]:
    """The processes among ``pids`` still running after ``seconds`` (then ended)."""
    deadline = time.monotonic() + seconds
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists()]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    return alive


def run(bundle: Path, *args: str, env: dict[str, str],
        timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / "tarjuman"), *args], capture_output=True, text=True,
                          env=env, timeout=timeout, check=False, cwd=bundle.parent)


@pytest.fixture
def env(tmp_path: Path, tarjuman_home: Path) -> dict[str, str]:
    """No virtual environment, no project on any path: only the system's programs."""
    home = tmp_path / "home"
    home.mkdir()
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "TARJUMAN_HOME": str(tarjuman_home), "PYTHONPATH": str(tmp_path / "nothing"),
            "PYTHONHOME": str(tmp_path / "nothing"), "XDG_DATA_HOME": str(home / "share"),
            "DICPATH": str(tmp_path / "no-system-dictionaries")}


def test_runs_with_no_python_of_the_project(bundle: Path, env: dict[str, str]) -> None:
    r = run(bundle, "-c", "import sys, desktop_app; print(desktop_app.__file__); "
            "print(*sys.path, sep='\\n')", env=env)
    assert r.returncode == 0, r.stderr
    paths = r.stdout.splitlines()
    assert all(p.startswith(str(bundle)) for p in paths), paths
    # the libraries loaded at run time only, each from the bundle
    r = run(bundle, "-c", "import psycopg, lxml.etree, hunspell, ctranslate2, sentencepiece, "
            "docx, pptx, openpyxl, pdfminer.pdfpage, pdfminer.converter, msgspec, urllib3, polib, "
            "numpy, "
            "fontpkg_noto_sans_arabic as font; "
            "print(psycopg.pq.__impl__); print(*(font.ROOT / 'files').glob('*.ttf'))", env=env)
    assert r.returncode == 0, r.stderr
    impl, fonts = r.stdout.splitlines()
    assert impl == "binary"  # the psycopg binary package, not a libpq of the system
    assert fonts.startswith(str(bundle)) and "NotoSansArabic" in fonts
    r = run(bundle, "--version", env=env)
    assert r.returncode == 0 and r.stdout.startswith("Tarjuman "), r.stdout + r.stderr


def test_installs_a_model_file_and_translates_offline(bundle: Path, env: dict[str, str],
                                                      tiny_argos: Path,
                                                      tmp_path: Path) -> None:
    r = run(bundle, "models", "install", str(tiny_argos), env=env)
    assert r.returncode == 0, r.stderr
    assert "installed translate-en_fa" in r.stdout
    r = run(bundle, "demo", "--lines", "2", env=env)
    assert r.returncode == 0, r.stderr
    assert "model: translate-en_fa-1_0 [argos]" in r.stdout
    arrows = [line for line in r.stdout.splitlines() if line.startswith("   -> ")]
    assert len(arrows) == 2  # two lines into Dari (the Persian model); none serves Pashto
    assert all(any("\u0600" <= c <= "\u06ff" for c in line) for line in arrows), arrows
    doc = tmp_path / "news.txt"
    doc.write_text(TEXT, "utf-8")
    r = run(bundle, "translate", str(doc), "--to", "dari", "-o", str(tmp_path / "news.prs.txt"),
            env=env)
    assert r.returncode == 0, r.stderr
    assert "2 segments by MT" in r.stderr
    out = (tmp_path / "news.prs.txt").read_text("utf-8").splitlines()
    assert len(out) == 2 and all(any("\u0600" <= c <= "\u06ff" for c in line) for line in out)


def test_installs_a_spelling_dictionary(bundle: Path, env: dict[str, str],
                                        tmp_path: Path) -> None:
    """Installing a dictionary checks it in a child process: the bundle's own program,
    started as ``tarjuman -c CODE`` the way the source tree starts ``python -c CODE``."""
    dic = write_dictionary(tmp_path / "dict")
    r = run(bundle, "spell", "install", str(dic), env=env)
    assert r.returncode == 0, r.stderr
    assert "installed fa_IR.dic for Dari" in r.stdout
    text = tmp_path / "note.txt"
    text.write_text("کتاب در شهر کتابخ\n", "utf-8")
    r = run(bundle, "spell", str(text), env=env)
    assert r.returncode == 0, r.stderr
    assert "کتابخ" in r.stdout and "1 misspelt word" in r.stdout, r.stdout


def test_editor_window_comes_up_under_xvfb(bundle: Path, env: dict[str, str],
                                           tiny_argos: Path, tmp_path: Path) -> None:
    assert run(bundle, "models", "install", str(tiny_argos), env=env).returncode == 0
    doc = tmp_path / "news.txt"
    doc.write_text(TEXT, "utf-8")
    project = tmp_path / "news.tarjuman"
    for args in (("project", "new", str(doc), "--to", "dari", "-o", str(project)),
                 ("project", "pretranslate", str(project))):
        r = run(bundle, *args, env=env)
        assert r.returncode == 0, r.stderr
    shot = tmp_path / "window.png"
    script = tmp_path / "gui.sh"
    script.write_text(f"""#!/bin/sh
"$1" "$2" > "{tmp_path}/gui.log" 2>&1 &
pid=$!
timeout 90 xdotool search --sync --onlyvisible --name Tarjuman > "{tmp_path}/windows"
sleep 3
kill -0 $pid && echo alive > "{tmp_path}/alive"
ps -o pid=,args= --ppid $pid > "{tmp_path}/children"
import -window root "{shot}"
kill $pid
wait $pid
""", "utf-8")
    started = time.monotonic()
    subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "sh", str(script),
                    str(bundle / "tarjuman"), str(project)], env=env, timeout=240, check=True,
                   capture_output=True)
    log = (tmp_path / "gui.log").read_text("utf-8", "replace")
    assert (tmp_path / "windows").read_text().split(), f"no Tarjuman window: {log}"
    assert (tmp_path / "alive").exists(), f"the editor ended by itself: {log}"
    assert "Traceback" not in log and "error" not in log.lower(), log
    # the editor's worker processes are this same program, started as Python would be
    assert "multiprocessing.forkserver" in (tmp_path / "children").read_text()
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copy(shot, ARTIFACTS / "bundle-window.png")
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 800)
    colours = image.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 100, "the screenshot is (almost) blank"
    # the grid shows the Dari machine translation: text pixels in the target column
    cells = image.crop((420, 100, 770, 500)).getcolors(maxcolors=1 << 16) or []
    background = max(cells)[1]
    text = sum(n for n, rgb in cells if max(abs(a - b) for a, b in zip(rgb, background,
                                                                        strict=True)) > 80)
    assert text > 1000, f"{text} text pixels in the target column"
    children = [int(line.split()[0]) for line in (tmp_path / "children").read_text().splitlines()]
    assert not alive_after(children, 20), "worker processes outlived the editor"
    print(f"editor window up in {time.monotonic() - started:.1f} s")


def test_menu_entry_starts_the_bundle(bundle: Path, env: dict[str, str]) -> None:
    r = run(bundle, "install-desktop", env=env)
    assert r.returncode == 0, r.stderr
    entry = (Path(env["XDG_DATA_HOME"]) / "applications" / "tarjuman.desktop").read_text("utf-8")
    assert f'Exec="{bundle / "tarjuman"}" %f' in entry.splitlines()
    assert os.access(bundle / "tarjuman", os.X_OK)
