"""Shortcuts under the Afghan Dari and Pashto and the Iranian keyboard layouts, on a real X
server: physical keys (XTEST) typed into an open target in the real window. With such a
layout active and no Latin layout beside it, Alt+F and Ctrl+K still work (the US key at the
same place), the menus answer the UI language's own letters, and no key with Alt or Ctrl
puts a letter into the target.

The X server is started here with the layout as its keyboard (`-xkbdir`, a copy of the xkb
data whose default layout is the one under test): on this Xvfb (21.1) `setxkbmap af`
returns 0 and changes nothing (measured: `xkbcomp $DISPLAY -` still shows `f` on <AC04>)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.xvfb
XKB = Path("/usr/share/X11/xkb")
ZWNJ = "\u200c"
# keys that have no shortcut and no menu: with Alt or Ctrl held they must type nothing
SILENT = ["alt+q", "alt+w", "alt+r", "alt+y", "alt+u", "alt+p", "alt+d", "alt+h", "alt+j",
          "alt+k", "alt+z", "alt+x", "alt+c", "alt+b", "alt+m", "ctrl+j", "ctrl+l", "ctrl+b",
          "ctrl+shift+l", "alt+shift+f"]


def xkb_with_layout(folder: Path, layout: str) -> Path:
    """The system's xkb data with ``layout`` as the default ("us") layout."""
    folder.mkdir()
    for item in XKB.iterdir():
        if item.name != "symbols":
            (folder / item.name).symlink_to(item)
    (folder / "symbols").mkdir()
    for item in (XKB / "symbols").iterdir():
        if item.name != "us":
            (folder / "symbols" / item.name).symlink_to(item)
    (folder / "symbols" / "us").write_text(
        f'default partial alphanumeric_keys\nxkb_symbols "basic" {{\n'
        f'  include "{layout}"\n}};\n', "utf-8")
    return folder


def run_in_layout(tmp_path: Path, home: Path, layout: str, ui: str,
                  keys: list[str]) -> dict[str, dict[str, object]]:
    xkb = xkb_with_layout(tmp_path / f"xkb-{ui}", layout)
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24",
                               "-xkbdir", str(xkb), "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as fd:
            display = fd.readline().strip()
        assert display, "Xvfb did not start"
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env.update({"DISPLAY": f":{display}", "TARJUMAN_HOME": str(home),
                    "PYTHONPATH": str(ROOT)})
        done = subprocess.run([sys.executable, "-m", "tests.gui.layout_driver", ui, *keys],
                              env=env, capture_output=True, text=True, timeout=240, cwd=ROOT)
        assert done.returncode == 0, done.stderr[-3000:]
        result: dict[str, dict[str, object]] = json.loads(done.stdout.strip().splitlines()[-1])
        return result
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize(("layout", "ui", "letter_f", "alt_f_menu", "alt_t_menu"), [
    ("af(basic)", "prs", "ب", "&بخش", "&فایل"),   # Dari layout: ب on F, ف on T
    ("af(basic)", "en", "ب", "&File", "&Translate"),
    # Pashto: no menu answers ف, so the US key there (T) opens Translate
    ("af(ps)", "ps", "ب", "&برخه", "&ژباړه"),
    ("af(ps)", "en", "ب", "&File", "&Translate"),
    ("ir", "prs", "ب", "&بخش", "&فایل"),
])
def test_shortcuts_under_dari_pashto_and_persian_layouts(
        tmp_path: Path, tarjuman_home: Path, layout: str, ui: str, letter_f: str,
        alt_f_menu: str, alt_t_menu: str) -> None:
    keys = ["f", "alt+f", "alt+t", *SILENT, "ctrl+k", "ctrl+shift+2", "ctrl+shift+i"]
    seen = run_in_layout(tmp_path, tarjuman_home, layout, ui, keys)
    assert seen["f"]["text"] == letter_f  # the layout is the one typing
    assert seen["alt+f"] == {"text": letter_f, "menu": alt_f_menu, "shown": []}
    assert seen["alt+t"]["menu"] == alt_t_menu and seen["alt+t"]["text"] == letter_f
    for combo in SILENT:
        assert seen[combo]["text"] == letter_f, combo
    assert seen["ctrl+k"]["text"] == letter_f and len(seen["ctrl+k"]["shown"]) == 1  # Concordance
    assert seen["ctrl+shift+2"]["text"] == letter_f + ZWNJ
    assert seen["ctrl+shift+i"]["text"] == seen["source"]  # copy the source, Ctrl+Shift+I
