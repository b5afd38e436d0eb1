"""Real files written by other tools, read from ../shared/conformance (never copied here).

A clone of the project alone has no ../shared: the conformance tests are then skipped with
the reason shown in the summary, except under CI (``CI=true``), where they are required."""

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
    for candidate in [Path(env)] if env else shared:
        if (candidate / "expected.json").is_file():
            return candidate
    reason = ("the conformance set (../shared/conformance, or $TARJUMAN_CONFORMANCE) is "
              "missing")
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}; it is required when CI=true")
    pytest.skip(f"{reason}: conformance tests skipped on a bare clone",
                allow_module_level=True)


@pytest.fixture(scope="session")
def conformance() -> Path:
    return conformance_dir()


@pytest.fixture(scope="session")
def expected(conformance: Path) -> dict:
    return json.loads((conformance / "expected.json").read_text("utf-8"))
