"""The grid tells where each target came from at a glance: a distinct icon for a 100% TM
match, a fuzzy TM match, machine translation, a propagated target and the translator's own
text; row numbers in the UI language's digits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from desktop_app.gui.models.segments import NUM, STATUS
from tests.gui.conftest import shown_window

ORIGINS = ["tm:exact", "tm:fuzzy:87", "mt:argos:en-fa", "propagated:1"]


def project_with_every_origin(path: Path) -> Path:
    project = Project.create(sample("panjshir.docx"), "dari", path=path)
    segs = project.segments()
    project.apply_machine([(segs[n].id, f"ترجمه {n}", origin)
                           for n, origin in enumerate(ORIGINS)])
    project.set_target(segs[4].id, "ترجمهٔ من")
    project.close()
    return path


def test_each_origin_has_its_own_icon_and_rows_count_in_dari_digits(qtbot, tmp_path) -> None:
    window = shown_window(qtbot)
    assert window.open_path(project_with_every_origin(tmp_path / "o.tarjuman"))
    qtbot.waitUntil(lambda: window.session is not None and window.job is None, timeout=30_000)
    model = window.model
    images = []
    for row in range(5):
        icon = model.data(model.index(row, STATUS), Qt.ItemDataRole.DecorationRole)
        assert icon is not None, row
        images.append(icon.pixmap(16, 16).toImage())
    for a in range(5):  # five different pictures
        for b in range(a + 1, 5):
            assert images[a] != images[b], (a, b)
    assert model.data(model.index(6, STATUS), Qt.ItemDataRole.DecorationRole) is None  # new
    tip = model.data(model.index(0, STATUS), Qt.ItemDataRole.ToolTipRole)
    assert "100% match" in tip
    assert model.data(model.index(11, NUM)) == "12"
    try:
        window.set_ui_language("prs")
        assert model.data(model.index(11, NUM)) == "۱۲"
        assert "حافظهٔ ترجمه، مطابقت ۱۰۰٪" in model.data(model.index(0, STATUS),
                                                        Qt.ItemDataRole.ToolTipRole)
    finally:
        window.set_ui_language("en")
    window.close()
