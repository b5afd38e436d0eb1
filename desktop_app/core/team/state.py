"""Where a data dir stands with its hub: which glossaries it shares, and when it last
synced or went offline (a small JSON file beside the settings)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop_app.core.paths import data_dir
from desktop_app.core.settings import Settings

USER_GLOSSARY = "team"  # the hub glossary the user's own glossary syncs with


def _state_file() -> Path:
    return data_dir() / "team-sync.json"


def read_state() -> dict[str, Any]:
    try:
        raw = json.loads(_state_file().read_text(encoding="utf-8"))
        return raw if isinstance(raw, dict) else {}
    except (OSError, ValueError):
        return {}


def write_state(**changes: Any) -> None:
    state = {**read_state(), **changes}
    tmp = _state_file().with_suffix(".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    tmp.replace(_state_file())


def shared_glossaries(settings: Settings) -> list[tuple[str, str]]:
    """(local glossary file, hub glossary name), the user's glossary first."""
    from desktop_app.core.glossary.library import user_glossary_path

    out = [(str(user_glossary_path()), USER_GLOSSARY)]
    out += [(path, name) for path, name in settings.team_shared.items() if Path(path).exists()]
    return out
