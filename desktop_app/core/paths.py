"""Where Tarjuman keeps everything it stores: one data dir.

``$TARJUMAN_HOME`` if set, else platformdirs' user data dir. Nothing is written under
``~`` when ``TARJUMAN_HOME`` is set: the environment of the libraries that would
(argostranslate, onnxruntime) is pointed into the data dir before they are imported.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

APP_DIR_NAME = "tarjuman"


def data_dir() -> Path:
    home = os.environ.get("TARJUMAN_HOME")
    path = Path(home).expanduser() if home else Path(user_data_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def sub_dir(*parts: str) -> Path:
    path = data_dir().joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def argos_packages_dir() -> Path:
    return sub_dir("models", "argos")


def nllb_models_dir() -> Path:
    return sub_dir("models", "nllb")


def logs_dir() -> Path:
    return sub_dir("logs")


def settings_file() -> Path:
    return data_dir() / "settings.json"


def mt_cache_file() -> Path:
    return sub_dir("cache") / "mt-cache.sqlite"


def prepare_third_party_env() -> None:
    """Point argostranslate and onnxruntime at the data dir; call before importing them.

    argostranslate reads its settings once, at import, and creates folders under ``~``
    unless told otherwise; onnxruntime (pulled in through minisbd) phones home unless
    telemetry is disabled. If argostranslate is already imported (a second data dir in
    the same process, as in tests), its settings module is updated in place.
    """
    third = sub_dir("third-party")
    env = {
        "XDG_DATA_HOME": str(third / "data"),
        "XDG_CONFIG_HOME": str(third / "config"),
        "XDG_CACHE_HOME": str(third / "cache"),
        "ARGOS_PACKAGES_DIR": str(argos_packages_dir()),
        "ARGOS_CHUNK_TYPE": "MINISBD",
        "ORT_DISABLE_TELEMETRY": "1",
        "HF_HUB_OFFLINE": "1",
    }
    os.environ.update(env)
    settings: Any = sys.modules.get("argostranslate.settings")
    if settings is not None and Path(settings.package_data_dir) != argos_packages_dir():
        data = third / "data" / "argos-translate"
        cache = third / "cache" / "argos-translate"
        for folder in (data, cache / "downloads"):
            folder.mkdir(parents=True, exist_ok=True)
        settings.data_dir = data
        settings.cache_dir = cache
        settings.downloads_dir = cache / "downloads"
        settings.local_package_index = data / "index.json"
        settings.package_data_dir = argos_packages_dir()
        settings.package_dirs = [argos_packages_dir()]
