"""Real files written by other tools, read from ../shared/conformance (never copied here)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import ROOT


def conformance_dir() -> Path:
    env = os.environ.get("TARJUMAN_CONFORMANCE")
    shared = [ROOT.parent / "shared" / "conformance",
              ROOT.parent.parent / "shared" / "conformance"]
    for candidate in ([Path(env)] if env else []) + shared:
        if (candidate / "expected.json").is_file():
            return candidate
    pytest.fail("the conformance set (../shared/conformance) is missing")


@pytest.fixture(scope="session")
def conformance() -> Path:
    return conformance_dir()


@pytest.fixture(scope="session")
def expected(conformance: Path) -> dict:
    return json.loads((conformance / "expected.json").read_text("utf-8"))
