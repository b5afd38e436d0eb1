"""An XLIFF translated into another language opens with its targets left out, and the
window says so."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.segments import Status
from desktop_app.gui.app import make_app
from desktop_app.gui.main_window import MainWindow

ARABIC = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="en-US" target-language="ar-SA" datatype="plaintext">
  <body>
   <trans-unit id="1"><source>Kabul fell.</source>
    <target state="final">سقطت كابل.</target></trans-unit>
   <trans-unit id="2"><source>Aid arrived.</source></trans-unit>
  </body>
 </file>
</xliff>
""".encode()


def test_foreign_targets_are_left_out_and_said(qtbot, tmp_path: Path) -> None:
    make_app()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    doc = tmp_path / "a.xlf"
    doc.write_bytes(ARABIC)
    assert window.open_path(doc, "dari")
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=20_000)
    assert [(s.status, s.target) for s in window.session.segments] == [(Status.NEW, "")] * 2
    message = window.statusBar().currentMessage()
    assert "1 targets are in ar-SA" in message, message
    window.close()
