"""``tarjuman-model.json``: what Tarjuman records beside every installed model (its id,
engine, languages, licence and where it came from: file, catalog entry, repository and
revision)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

NAME = "tarjuman-model.json"


def write(model_dir: Path, data: dict[str, Any]) -> None:
    record = {"installed_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **data}
    (model_dir / NAME).write_text(json.dumps(record, indent=2, ensure_ascii=False),
                                  encoding="utf-8")


def read(model_dir: Path) -> dict[str, Any]:
    """The manifest, or ``{}`` when there is none or it is unreadable."""
    try:
        data = json.loads((model_dir / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
