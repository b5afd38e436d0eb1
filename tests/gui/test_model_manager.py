"""The model manager: the catalog with sizes and licences, a download as a background job
with progress and cancel (against the loopback Hub), installed models and where they run."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.mt import catalog, registry
from desktop_app.gui.dialogs.model_manager import ModelManager
from tests.fixtures.hub_server import Hub, serve

NLLB_ID = "nllb-200-distilled-600M-int8"


def _hub(tiny_nllb: Path) -> Hub:
    hub = Hub({})
    hub.add_folder(catalog.get(NLLB_ID).source["repo"], tiny_nllb)
    return hub


@pytest.fixture
def dialog(qtbot) -> ModelManager:
    manager = ModelManager()
    qtbot.addWidget(manager)
    return manager


@pytest.fixture
def hub_url(tiny_nllb: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with serve(_hub(tiny_nllb)) as hub:
        monkeypatch.setenv("HF_ENDPOINT", hub.url)
        yield hub.url


def test_catalog_shown_with_sizes_and_licences(dialog: ModelManager) -> None:
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    assert len(rows) == len(catalog.load())
    mad = rows["MADLAD-400 3B MT (int8)"]
    assert dialog.table.item(mad, 3).text() == "Apache-2.0"
    assert dialog.table.item(mad, 2).text().endswith("GB")
    assert "CPU" in dialog.device.text() or "GPU" in dialog.device.text()


def test_download_runs_as_a_job_with_progress(qtbot, dialog: ModelManager, hub_url: str) -> None:
    seen: list[int] = []
    dialog.progress.valueChanged.connect(seen.append)
    dialog.start_download(catalog.get(NLLB_ID))
    assert dialog.cancel_button.isEnabled() and not dialog.download_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert seen and max(seen) > 0
    assert [m.id for m in registry.installed()] == [NLLB_ID]
    row = [r for r in range(dialog.table.rowCount())
           if dialog.entries[r].id == NLLB_ID][0]
    assert dialog.table.item(row, 5).text() == "installed"
    assert NLLB_ID in dialog.list.item(0).text()


def test_cancel_stops_the_download_and_installs_nothing(qtbot, dialog: ModelManager,
                                                        hub_url: str) -> None:
    dialog.start_download(catalog.get(NLLB_ID))
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert registry.installed() == []
    assert "cancelled" in dialog.device.text()


def test_mt_dock_names_the_model_and_where_it_runs(qtbot, tiny_madlad: Path) -> None:
    from desktop_app.core.mt import madlad
    from desktop_app.core.resources import sample
    from desktop_app.gui.app import make_app
    from desktop_app.gui.main_window import MainWindow

    madlad.BACKEND.install(tiny_madlad)
    make_app()
    win = MainWindow()
    qtbot.addWidget(win)
    assert win.open_path(sample("panjshir.docx"), "pashto")
    win.go_to_row(0)
    qtbot.waitUntil(lambda: "madlad-tiny [madlad]" in win.mt_panel.status.text(),
                    timeout=30_000)
    assert "CPU" in win.mt_panel.status.text()
    win.close()


def _answer(monkeypatch: pytest.MonkeyPatch, answer: object, asked: list[tuple]) -> None:
    from PySide6.QtWidgets import QMessageBox

    def question(*args: object) -> object:
        asked.append(args)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)


def test_remove_asks_first_with_no_as_default(qtbot, dialog: ModelManager, tiny_nllb: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    registry.for_path(tiny_nllb).install(tiny_nllb)
    dialog.refresh()
    dialog.list.setCurrentRow(0)
    asked: list[tuple] = []
    _answer(monkeypatch, QMessageBox.StandardButton.No, asked)
    dialog.remove()
    assert len(asked) == 1 and asked[0][-1] == QMessageBox.StandardButton.No
    assert len(registry.installed()) == 1  # "No" keeps the model
    _answer(monkeypatch, QMessageBox.StandardButton.Yes, asked)
    dialog.remove()
    assert registry.installed() == []
    assert dialog.list.item(0).text() == "No model installed."


def test_install_from_folder_runs_as_a_job_off_the_gui_thread(
        qtbot, dialog: ModelManager, tiny_nllb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    threads: list[threading.Thread] = []
    real = registry.for_path

    def spy(path: Path):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(path)

    monkeypatch.setattr(registry, "for_path", spy)
    dialog._install(str(tiny_nllb), "")
    assert dialog.job is not None and not dialog.progress.isHidden()  # busy, not frozen
    assert not any(b.isEnabled() for b in dialog.installed_buttons)
    dialog.reject()  # an install cannot stop half-way: the dialog stays
    assert dialog.result() == 0 and dialog.job is not None
    qtbot.waitUntil(lambda: dialog.job is None, timeout=60_000)
    assert threads and threading.main_thread() not in threads
    assert [m.id for m in registry.installed()] == [tiny_nllb.name]
    assert dialog.progress.isHidden() and all(b.isEnabled() for b in dialog.installed_buttons)
    assert tiny_nllb.name in dialog.list.item(0).text()


def test_a_bad_model_folder_is_refused_in_a_dialog(qtbot, dialog: ModelManager,
                                                   tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMessageBox

    empty = tmp_path / "not-a-model"
    empty.mkdir()
    dialog._install(str(empty), "")
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    box = dialog.findChild(QMessageBox, "error-dialog")
    assert box is not None and "model.bin is missing" in box.text()
    assert registry.installed() == []
    box.close()


def test_every_catalog_column_is_in_sight(qtbot, dialog: ModelManager) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert table.horizontalScrollBar().maximum() == 0  # the status column is not cut off
    used = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert used <= table.viewport().width()
    assert table.columnWidth(5) >= table.horizontalHeader().sectionSizeHint(5)
