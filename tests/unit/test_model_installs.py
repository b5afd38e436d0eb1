"""Hostile model packages: refused with one line before anything is listed; nothing of them
left in the models folder."""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.errors import ModelError
from desktop_app.core.mt import argos, installs, madlad, nllb, registry
from desktop_app.core.paths import data_dir


def _models_files() -> list[str]:
    root = data_dir() / "models"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if ".staging" not in p.parts and not p.is_dir()) if root.exists() else []


def _repack(source: Path, out: Path, *, rename_top: str | None = None,
            replace: dict[str, bytes] | None = None,
            meta: dict[str, object] | None = None) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            top, _, rest = item.filename.partition("/")
            data = zin.read(item.filename)
            if replace and rest in replace:
                data = replace[rest]
            if meta and rest == "metadata.json":
                data = json.dumps({**json.loads(data), **meta}).encode()
            zout.writestr(f"{rename_top or top}/{rest}", data)
    return out


def _refused(action: object, match: str) -> None:
    before = _models_files()
    with pytest.raises(ModelError, match=match) as info:
        action()  # type: ignore[operator]
    assert "\n" not in str(info.value)
    assert _models_files() == before
    assert registry.installed() == []


def test_garbage_sentencepiece_is_refused(tiny_argos: Path, tmp_path: Path) -> None:
    bad = _repack(tiny_argos, tmp_path / "bad.argosmodel",
                  replace={"sentencepiece.model": b"this is not a model" * 50})
    _refused(lambda: argos.install(bad), "does not translate")


def test_malformed_target_prefix_is_refused(tiny_argos: Path, tmp_path: Path) -> None:
    for i, prefix in enumerate((["__fa__"], 7, "two tokens")):
        bad = _repack(tiny_argos, tmp_path / f"bad{i}.argosmodel", meta={"target_prefix": prefix})
        _refused(lambda bad=bad: argos.install(bad), "target_prefix")


def test_nllb_with_garbage_tokenizer_is_refused(tiny_nllb: Path, tmp_path: Path) -> None:
    copy = tmp_path / "nllb-bad"
    shutil.copytree(tiny_nllb, copy)
    (copy / "sentencepiece.bpe.model").write_bytes(b"\x00garbage" * 100)
    _refused(lambda: nllb.install(copy), "SentencePiece")


def test_hidden_top_folder_installs_visibly_and_removes(tiny_argos: Path,
                                                        tmp_path: Path) -> None:
    hidden = _repack(tiny_argos, tmp_path / "hidden.argosmodel", rename_top=".hidden-pkg")
    info = argos.install(hidden)
    assert info.id == "hidden-pkg"
    assert [m.id for m in registry.installed()] == ["hidden-pkg"]
    argos.remove(info.id)
    assert registry.installed() == []


@pytest.mark.parametrize("name", ["evil\nfake-model  [nllb 1]  en->ps", "abc\u202etxt.exe",
                                  "\u200f\u202a"])
def test_control_and_bidi_characters_cannot_spoof_the_listing(tiny_argos: Path, tmp_path: Path,
                                                              tiny_madlad: Path,
                                                              name: str) -> None:
    odd = _repack(tiny_argos, tmp_path / "odd.argosmodel", rename_top=name)
    info = argos.install(odd)
    folder = tmp_path / name
    shutil.copytree(tiny_madlad, folder)
    mad = madlad.BACKEND.install(folder)
    for model_id in (info.id, mad.id):
        assert model_id.isprintable() and "\u202e" not in model_id and "\n" not in model_id
        assert not model_id.startswith(".")
    assert len(registry.installed()) == 2


def test_folder_links_leaving_the_folder_are_refused(tiny_nllb: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("not part of the model")
    copy = tmp_path / "nllb-link"
    shutil.copytree(tiny_nllb, copy)
    (copy / "extra.bin").symlink_to(outside)
    _refused(lambda: nllb.install(copy), "leaves the model folder")
    (copy / "extra.bin").unlink()
    (copy / "zero").symlink_to("/dev/zero")
    _refused(lambda: nllb.install(copy), "leaves the model folder")
    (copy / "zero").unlink()
    (copy / "venv").symlink_to(tmp_path, target_is_directory=True)
    _refused(lambda: nllb.install(copy), "leaves the model folder")
    (copy / "venv").unlink()
    # A link inside the folder is fine: its content is copied.
    (copy / "alias.json").symlink_to(copy / "config.json")
    info = nllb.install(copy)
    assert not Path(info.path, "alias.json").is_symlink()


def test_special_files_are_refused(tiny_nllb: Path, tmp_path: Path) -> None:
    copy = tmp_path / "nllb-fifo"
    shutil.copytree(tiny_nllb, copy)
    os.mkfifo(copy / "pipe")
    _refused(lambda: nllb.install(copy), "not a regular file")


def test_stale_staging_of_a_dead_process_is_swept(tiny_argos: Path) -> None:
    stale = installs.staging_root() / "999999999-abc"
    (stale / "m").mkdir(parents=True)
    argos.install(tiny_argos)
    assert not stale.exists()
    assert list(installs.staging_root().iterdir()) == []


def test_safe_id() -> None:
    assert installs.safe_id("..\u202eevil\nname") == "evil-name"
    assert installs.safe_id("...", "fallback") == "fallback"
    assert installs.safe_id("nllb-200 (1.3B)") == "nllb-200-1.3B"
