"""Settings through one door: the CLI, the window and the team connection change settings
with ``change_settings``, which checks the schema, writes atomically, keeps a newer
version's keys, records the step and returns what changed."""

from __future__ import annotations

import ast
import json
import re
import stat
from pathlib import Path

import pytest

from desktop_app import cli
from desktop_app.core import languages, settings_door
from desktop_app.core.paths import logs_dir, settings_file
from desktop_app.core.settings import Settings, SettingsError
from desktop_app.core.settings_door import change_settings, remember_project

ROOT = Path(__file__).resolve().parents[2] / "desktop_app"


def _file() -> dict[str, object]:
    return json.loads(settings_file().read_text(encoding="utf-8"))


def test_models_server_goes_through_the_door_and_hides_the_key(
        tarjuman_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[settings_door.SettingsChange] = []
    settings_door.subscribe(seen.append)
    try:
        assert cli.main(["models", "server", "http://127.0.0.1:5000", "--api-key",
                         "k-SECRET-42", "--prefer"]) == 0
    finally:
        settings_door.unsubscribe(seen.append)
    assert "preferred over local models" in capsys.readouterr().out
    assert [dict(c.new) for c in seen] == [{"libretranslate_url": "http://127.0.0.1:5000",
                                            "libretranslate_api_key": "k-SECRET-42",
                                            "prefer_remote": True}]
    assert dict(seen[0].old) == {"libretranslate_url": "", "libretranslate_api_key": "",
                                 "prefer_remote": False}
    log = (logs_dir() / "tarjuman.log").read_text(encoding="utf-8")
    assert "k-SECRET-42" not in log and "k-SECRET-42" not in seen[0].describe()
    assert "libretranslate_api_key: — → •••" in log  # the step is recorded
    assert _file()["libretranslate_api_key"] == "k-SECRET-42"
    assert stat.S_IMODE(settings_file().stat().st_mode) == 0o600

    assert cli.main(["models", "server", "--clear"]) == 0
    assert Settings.load().libretranslate_url == "" and not Settings.load().prefer_remote


def test_models_use_clear_keeps_what_a_newer_version_wrote(tarjuman_home: Path) -> None:
    settings_file().write_text(json.dumps({"beam_size": 6, "mt_model": "x",
                                           "digits_from_2027": "latin"}), encoding="utf-8")
    assert cli.main(["models", "use", "--clear"]) == 0
    saved = _file()
    assert saved["mt_model"] == "" and saved["beam_size"] == 6
    assert saved["digits_from_2027"] == "latin"  # unknown to this version: kept, not lost
    assert list(saved)[: len(Settings.__struct_fields__)] == list(Settings.__struct_fields__)


def test_a_refused_value_names_the_field_and_writes_nothing(tarjuman_home: Path) -> None:
    change_settings(beam_size=6)
    before = settings_file().read_bytes()
    with pytest.raises(SettingsError) as info:
        change_settings(n_best=2, beam_size=99)
    assert info.value.field == "beam_size"
    assert "'beam_size' must be between 1 and 32, not 99" in str(info.value)
    with pytest.raises(SettingsError, match="'mt_device' must be one of auto, cpu, cuda"):
        change_settings(mt_device="gpu")
    with pytest.raises(SettingsError, match="'prefer_remote' must be true or false"):
        change_settings(prefer_remote="yes")
    with pytest.raises(SettingsError, match="'mt_low_confidence' must be between -100.0 and 0.0"):
        change_settings(mt_low_confidence=3.5)
    with pytest.raises(SettingsError, match="'ui_digits' must be one of latin, native"):
        change_settings(ui_digits="roman")
    with pytest.raises(SettingsError, match="'beam' is not a setting"):
        change_settings(beam=3)
    assert settings_file().read_bytes() == before


def test_the_error_speaks_dari(tarjuman_home: Path) -> None:
    languages.set_ui_language("prs")
    try:
        with pytest.raises(SettingsError) as info:
            change_settings(beam_size=99)
    finally:
        languages.set_ui_language("en")
    text = str(info.value)
    assert "'beam_size'" in text and "99" in text and "32" in text
    assert "must" not in text and any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_a_change_says_what_changed_and_undoes_as_one_step(tarjuman_home: Path) -> None:
    first = change_settings(beam_size=8, n_best=3)
    assert dict(first.old) == {"beam_size": 4, "n_best": 1}
    assert dict(first.new) == {"beam_size": 8, "n_best": 3}
    assert "beam_size" in first and "mt_model" not in first
    assert not change_settings(beam_size=8)  # nothing new: nothing written, nothing said
    back = first.undo()
    assert dict(back.new) == {"beam_size": 4, "n_best": 1}
    assert Settings.load().beam_size == 4


def test_a_window_open_since_morning_does_not_undo_the_cli(tarjuman_home: Path) -> None:
    window_view = Settings.load()  # what a window read when it opened
    assert cli.main(["models", "server", "http://127.0.0.1:5000"]) == 0
    remember_project("/tmp/a.tarjuman")  # the window opens a project afterwards
    assert Settings.load().libretranslate_url == "http://127.0.0.1:5000"
    assert Settings.load().recent == ["/tmp/a.tarjuman"]
    assert window_view.libretranslate_url == ""


def test_nothing_outside_the_door_writes_settings() -> None:
    assert not hasattr(Settings, "save")
    door = {ROOT / "core" / "settings_door.py", ROOT / "core" / "settings.py",
            ROOT / "core" / "paths.py"}
    offenders = []
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            owner = ast.unparse(node.func.value)
            if node.func.attr in ("save", "write_text", "write_bytes", "dump") and \
                    re.search(r"(^|[.(])settings\b", owner, re.IGNORECASE):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if node.func.attr == "_write" and "settings_door" in owner:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if path not in door and "settings_file(" in path.read_text(encoding="utf-8"):
            offenders.append(f"{path.relative_to(ROOT)}: settings_file()")
    assert offenders == []


def test_tarjuman_settings_set_and_show_go_through_the_same_door(
        tarjuman_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seen: list[settings_door.SettingsChange] = []
    settings_door.subscribe(seen.append)
    try:
        assert cli.main(["settings", "set", "beam_size", "8", "prefer_remote", "on",
                         "libretranslate_api_key", "k-SECRET-9", "--json"]) == 0
    finally:
        settings_door.unsubscribe(seen.append)
    said = json.loads(capsys.readouterr().out)
    assert said["beam_size"] == {"old": "4", "new": "8"}
    assert said["libretranslate_api_key"] == {"old": "—", "new": "•••"}
    assert [sorted(c.new) for c in seen] == [["beam_size", "libretranslate_api_key",
                                              "prefer_remote"]]
    assert Settings.load().prefer_remote is True
    assert cli.main(["settings", "show"]) == 0
    out = capsys.readouterr().out
    assert "beam_size = 8" in out and "k-SECRET-9" not in out
    assert cli.main(["settings", "set", "mt_device", "gpu"]) == 1
    err = capsys.readouterr().err
    assert "'mt_device' must be one of auto, cpu, cuda, not 'gpu'" in err
    assert "Traceback" not in err and Settings.load().mt_device == "auto"


def test_a_damaged_value_is_corrected_through_the_door(
        tarjuman_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings_file().write_text(json.dumps({"beam_size": 99, "n_best": 2}), encoding="utf-8")
    assert cli.main(["models", "list"]) == 1  # the file is refused, naming the field ...
    assert "'beam_size' must be between 1 and 32, not 99" in capsys.readouterr().err
    assert cli.main(["settings", "set", "n_best", "3"]) == 1  # ... until that field is right
    assert cli.main(["settings", "set", "beam_size", "6"]) == 0
    assert "beam_size: 99 → 6" in capsys.readouterr().out
    assert Settings.load().beam_size == 6 and Settings.load().n_best == 2
