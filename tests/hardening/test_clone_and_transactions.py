"""A clone of the project alone runs its tests; nested write transactions roll back whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from desktop_app.core.sqlitetx import configure, writing
from tests.conftest import ROOT


def _conformance_run(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TARJUMAN_CONFORMANCE": str(tmp_path / "missing"), "CI": ci,
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           "tests/conformance"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_conformance_tests_skip_visibly_without_the_shared_set(tmp_path: Path) -> None:
    run = _conformance_run(tmp_path, "")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "SKIPPED" in run.stdout and "conformance tests skipped on a bare clone" in run.stdout


def test_conformance_tests_are_required_under_ci(tmp_path: Path) -> None:
    run = _conformance_run(tmp_path, "true")
    assert run.returncode != 0
    assert "required when CI=true" in run.stdout + run.stderr


def test_nested_writing_rolls_back_the_inner_part_only(tmp_path: Path) -> None:
    db = configure(sqlite_utils.Database(tmp_path / "t.sqlite"))
    try:
        db["t"].insert({"id": 1, "x": "a"}, pk="id")
        with writing(db):
            db["t"].update(1, {"x": "outer"})
            with pytest.raises(RuntimeError), writing(db):
                db["t"].update(1, {"x": "inner"})
                raise RuntimeError("inner failure")
            assert db["t"].get(1)["x"] == "outer"
        assert db["t"].get(1)["x"] == "outer"
        with pytest.raises(RuntimeError), writing(db):
            db["t"].update(1, {"x": "lost"})
            with writing(db):
                db["t"].insert({"id": 2, "x": "b"})
            raise RuntimeError("outer failure")
        assert db["t"].get(1)["x"] == "outer" and db["t"].count == 1
    finally:
        db.close()
