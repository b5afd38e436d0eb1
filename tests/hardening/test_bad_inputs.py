"""Every file in tests/data/bad (and a few built here) through its real entry point:
one clear error line, exit 1, no traceback, nothing written, no data changed."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desktop_app.core.project import Project
from desktop_app.core.resources import sample
from tests.conftest import ROOT

BAD = ROOT / "tests" / "data" / "bad"


def entry_point(path: Path, out: Path) -> list[str]:
    suffix = path.suffix.lower()
    if suffix in (".docx", ".txt", ".html", ".xlf"):
        return ["translate", str(path), "--to", "dari", "-o", str(out / f"out{suffix}")]
    if suffix in (".tbx", ".csv"):
        return ["glossary", "import", str(path)]
    if suffix == ".tmx":
        return ["tm", "import", str(path)]
    if suffix == ".argosmodel":
        return ["models", "install", str(path)]
    if suffix == ".tarjuman":
        return ["project", "info", str(path)]
    raise AssertionError(f"no entry point for {path.name}")


def snapshot(home: Path) -> dict[str, str]:
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file() and "logs" not in p.parts
            and not p.name.endswith(("-wal", "-shm"))}


@pytest.fixture
def prepared(cli, tiny_argos: Path, tmp_path: Path, tarjuman_home: Path):
    """A data dir with a model, the glossaries and a TM in it, as a user would have."""
    assert cli("models", "install", str(tiny_argos)).returncode == 0
    assert cli("glossary", "add", "--term", "en=Kabul", "--term", "dari=کابل").returncode == 0
    assert cli("tm", "export", str(tmp_path / "warm.tmx")).returncode == 0
    return cli


def built_inputs(tmp_path: Path) -> list[Path]:
    huge = tmp_path / "huge-single-line.txt"
    with huge.open("wb") as fh:
        chunk = b"Kabul is calm today and the valley is quiet " * 1000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    future = tmp_path / "future.tarjuman"
    Project.create(sample("panjshir.txt"), "dari", path=future).close()
    con = sqlite3.connect(future)
    con.execute("PRAGMA user_version=99")
    con.close()
    other_db = tmp_path / "someone-elses-database.tarjuman"
    con = sqlite3.connect(other_db)
    con.execute("CREATE TABLE t (x)")
    con.close()
    absolute = tmp_path / "absolute-path.argosmodel"
    import zipfile

    with zipfile.ZipFile(absolute, "w") as zf:
        zf.writestr("/etc/tarjuman-absolute.txt", b"x")
    return [huge, future, other_db, absolute]


def test_every_bad_input_is_refused_cleanly(prepared, tmp_path: Path,
                                            tarjuman_home: Path) -> None:
    cli = prepared
    inputs = sorted(p for p in BAD.iterdir() if p.name != "README.md") + built_inputs(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    before = snapshot(tarjuman_home)
    refused = []
    for path in inputs:
        r = cli(*entry_point(path, out), timeout=300)
        lines = r.stderr.strip().splitlines()
        assert r.returncode == 1, (path.name, r.stdout, r.stderr)
        assert len(lines) == 1 and lines[0].startswith("tarjuman: error:"), (path.name,
                                                                             r.stderr)
        assert "Traceback" not in r.stderr and "internal error" not in r.stderr, path.name
        assert list(out.iterdir()) == [], path.name
        assert snapshot(tarjuman_home) == before, path.name
        refused.append(path.name)
    assert not Path("/tmp/escaped-by-zip-slip.txt").exists()
    assert len(refused) == len(inputs) >= 30
    print(f"bad inputs refused: {len(refused)}/{len(inputs)}")
