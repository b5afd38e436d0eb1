"""Model archives: bombs judged by what they unpack to, not by their compression ratio."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop_app.core.mt import archive


def make_zip(path: Path, size: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("pkg/model/padding.bin", b"\0" * size)  # compresses ~1000-fold
    return path


def test_a_highly_compressible_model_file_is_not_a_bomb(tmp_path: Path) -> None:
    with zipfile.ZipFile(make_zip(tmp_path / "ok.zip", 8 * 1024 * 1024)) as zf:
        info = zf.getinfo("pkg/model/padding.bin")
        assert info.file_size / info.compress_size > 200
        assert [i.filename for i in archive.check_members(zf)] == ["pkg/model/padding.bin"]


def test_an_archive_that_unpacks_past_the_limit_is_refused(tmp_path: Path,
                                                          monkeypatch) -> None:
    monkeypatch.setattr(archive, "MAX_UNPACKED_BYTES", 4 * 1024 * 1024)
    with zipfile.ZipFile(make_zip(tmp_path / "bomb.zip", 8 * 1024 * 1024)) as zf, \
            pytest.raises(archive.UnsafeArchive, match="over the limit"):
        archive.check_members(zf)
