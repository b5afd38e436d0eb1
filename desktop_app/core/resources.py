"""Files shipped with the app (``resources/``, ``glossaries/``), found with importlib.resources
in an installed wheel and in the one-folder build (``resources/packaging/tarjuman.spec`` puts
them at the same ``desktop_app/_data``), and in the source tree during development."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[2]


def shipped(*parts: str) -> Path:
    """Path of a shipped file, e.g. ``shipped("resources", "samples", "panjshir.txt")``."""
    packaged = Path(str(files("desktop_app"))) / "_data" / Path(*parts)
    if packaged.exists():
        return packaged
    return _SOURCE_ROOT.joinpath(*parts)


def sample(name: str) -> Path:
    return shipped("resources", "samples", name)
