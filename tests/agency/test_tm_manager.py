"""The TM manager: list/search/delete from the CLI, the editor door with undo, TMX import
with progress and cancel, and the Tools > Translation memory window."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.errors import InputError, TarjumanError  # noqa: E402
from desktop_app.core.mt.engine import Cancelled  # noqa: E402
from desktop_app.core.tm import TranslationMemory  # noqa: E402
from desktop_app.core.tm_manager import TmEditor  # noqa: E402

UNITS = [("The books are on the table.", "کتاب‌ها روی میز است."),
         ("The road to Kabul is open.", "راه كابل باز است."),  # Arabic kaf
         ("Farmers grow wheat.", "دهقانان گندم می کارند.")]


def fill() -> None:
    with TranslationMemory() as tm:
        for s, t in UNITS:
            tm.add(s, t, "en", "prs", origin="project:article", author="Zarghona")


def test_cli_list_search_delete(cli) -> None:
    fill()
    out = cli("tm", "list", "--json")
    data = json.loads(out.stdout)
    assert data["total"] == 3 and data["units"][0]["author"] == "Zarghona"
    assert data["units"][0]["origin"] == "project:article"
    # folded and half-space-aware on the target side: ZWNJ, space and nothing are one
    for query in ("کتابها", "کتاب ها", "کابل", "میکارند"):
        found = json.loads(cli("tm", "search", query, "--json").stdout)
        assert found["total"] == 1, query
    assert json.loads(cli("tm", "search", "KABUL", "--side", "target",
                          "--json").stdout)["total"] == 0
    unit = json.loads(cli("tm", "search", "wheat", "--json").stdout)["units"][0]
    out = cli("tm", "delete", str(unit["id"]), "--json")
    assert json.loads(out.stdout) == {"deleted": [unit["id"]]}
    assert json.loads(cli("tm", "list", "--json").stdout)["total"] == 2
    bad = cli("tm", "delete", "999")
    assert bad.returncode == 1 and "no translation memory unit 999" in bad.stderr


def test_editor_edit_delete_undo_redo() -> None:
    fill()
    with TmEditor() as editor:
        unit = editor.search("table")[0]
        changes = editor.edit(unit.id, target="کتاب‌ها بالای میز است.")
        assert changes.edited == [unit.id]
        with TranslationMemory() as tm:
            assert tm.exact(unit.source, "en", "prs").target == "کتاب‌ها بالای میز است."
        all_ids = [u.id for u in editor.search()]
        assert editor.delete(all_ids).deleted == sorted(all_ids) or editor.count() == 0
        assert editor.count() == 0
        restored = editor.undo()
        assert sorted(restored.restored) == sorted(all_ids) and editor.count() == 3
        back = editor.unit(unit.id)
        assert back.author == "Zarghona" and back.created == unit.created
        editor.undo()  # the edit
        assert editor.unit(unit.id).target == UNITS[0][1]
        editor.redo()
        assert editor.unit(unit.id).target == "کتاب‌ها بالای میز است."
        with pytest.raises(InputError):
            editor.edit(unit.id, target="  ")
        other = editor.search("Kabul")[0]
        with pytest.raises(TarjumanError):  # would become a copy of another unit
            editor.edit(other.id, source=unit.source, target=editor.unit(unit.id).target)
        assert editor.unit(other.id).target == UNITS[1][1]


def test_tmx_import_reports_progress_and_cancel_leaves_the_tm(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "big.sqlite") as tm:
        tm.add_many(((f"Sentence number {i}.", f"جمله {i}.") for i in range(1200)), "en",
                    "prs")
        (tmp_path / "big.tmx").write_bytes(tm.export_tmx("en", "prs"))
    seen: list[int] = []
    with TranslationMemory() as tm:
        with pytest.raises(Cancelled):
            tm.import_tmx_report(tmp_path / "big.tmx", "en", "prs",
                                 cancelled=lambda: len(seen) > 0, on_progress=seen.append)
        assert tm.count() == 0 and seen == [500]
        report = tm.import_tmx_report(tmp_path / "big.tmx", "en", "prs",
                                      on_progress=seen.append)
        assert report.stored == 1200 and seen[-1] == 1000


def test_tm_manager_window(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from desktop_app.gui.app import make_app
    from desktop_app.gui.dialogs.tm_manager import TmManager
    from tests.gui.conftest import shown_window

    make_app()
    fill()
    window = shown_window(qtbot)
    action = window.registry["tm_manager"]
    assert action in window.menus["tools"].actions() and "&" in action.text()
    dialog = TmManager(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 3
    assert dialog.table.item(0, 2).text() == "project article"
    dialog.query.setText("كتاب ها")  # Arabic kaf, a space for the half-space
    assert dialog.table.rowCount() == 1
    dialog.table.item(0, 1).setText("کتاب‌ها روی میز هستند.")  # edit in place
    with TranslationMemory() as tm:
        assert tm.exact(UNITS[0][0], "en", "prs").target == "کتاب‌ها روی میز هستند."
    dialog.query.clear()
    dialog.table.setCurrentCell(0, 0)  # (selectRow needs a laid-out header)
    dialog.table.setFocus()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert dialog.table.rowCount() == 2
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.table.rowCount() == 3
    out = tmp_path / "out.tmx"
    dialog.export_tmx(out)
    qtbot.waitUntil(lambda: dialog.op is None and out.exists(), timeout=10000)
    assert "کتاب‌ها روی میز هستند." in out.read_text(encoding="utf-8")
    dialog.close()
    window.close()
