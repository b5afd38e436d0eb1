"""File > Analysis in the window: the menu entry, the table filled by the background job,
weights the translator changes and saves, CSV export; in English and in Dari."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.core.analysis import BANDS, weights_file  # noqa: E402
from desktop_app.core.session import EditSession  # noqa: E402
from tests.agency.test_analysis import make  # noqa: E402
from tests.gui.conftest import shown_window  # noqa: E402


@pytest.mark.parametrize("ui", ["en", "prs"])
def test_analysis_dialog_from_the_file_menu(qtbot, tmp_path: Path, ui: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop_app.gui.dialogs.analysis import AnalysisDialog
    from desktop_app.gui.i18n import set_language

    project = make(tmp_path)
    window = shown_window(qtbot)
    window.set_session(EditSession.open(project))
    action = window.registry["analysis"]
    assert action in window.menus["file"].actions() and "&" in action.text()
    set_language(ui)
    if ui == "prs":
        QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        dialog = AnalysisDialog(project, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.analysis is not None, timeout=15000)
        context_row = BANDS.index("context")
        segments = dialog.table.item(context_row, 1).text()
        assert segments == ("3" if ui == "en" else "۳")
        total = dialog.table.item(len(BANDS), 5).text()
        dialog.spins["no-match"].setValue(0)
        assert dialog.table.item(len(BANDS), 5).text() != total  # weighted words follow
        dialog.save_default()
        assert json.loads(weights_file().read_text(encoding="utf-8"))["no-match"] == 0
        dialog.write(tmp_path / "quote.csv", "csv")
        assert "no-match" in (tmp_path / "quote.csv").read_text(encoding="utf-8-sig")
        shot = dialog.grab()
        assert not shot.isNull()
        shot.save(str(tmp_path / f"analysis-{ui}.png"))
        if os.environ.get("TARJUMAN_SHOTS"):
            shot.save(os.path.join(os.environ["TARJUMAN_SHOTS"], f"analysis-{ui}.png"))
        dialog.close()
    finally:
        set_language("en")
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    window.close()
