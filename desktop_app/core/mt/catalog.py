"""The model catalog shipped with the app (``resources/models/catalog.json``): ready
CTranslate2 conversions with their engine, languages, size, licence, source and published
quality figure. Reading it needs no network."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from desktop_app.core import languages
from desktop_app.core.errors import ModelError
from desktop_app.core.i18n import _, isolate
from desktop_app.core.resources import shipped


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    engine: str
    title: str
    languages: tuple[str, ...]
    size_bytes: int
    license: str
    license_summary: str
    source: dict[str, Any]
    chrf: dict[str, float] = field(default_factory=dict)  # target language -> chrF++
    verified: dict[str, bool] = field(default_factory=dict)

    def quality(self, target: str) -> float | None:
        return self.chrf.get(languages.get(target).code)

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "engine": self.engine, "title": self.title,
                "languages": list(self.languages), "size_bytes": self.size_bytes,
                "license": self.license, "license_summary": self.license_summary,
                "source": self.source, "chrf": self.chrf, "verified": self.verified}


def catalog_file() -> Path:
    return shipped("resources", "models", "catalog.json")


def load(path: Path | None = None) -> list[Entry]:
    return list(_load(path or catalog_file()))


@cache
def _load(path: Path) -> tuple[Entry, ...]:
    """Read once per process (routing ranks models by it on every translation)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return tuple(Entry(id=m["id"], engine=m["engine"], title=m["title"],
                      languages=tuple(m["languages"]), size_bytes=int(m["size_bytes"]),
                      license=m["license"], license_summary=m.get("license_summary", ""),
                      source=dict(m["source"]),
                      chrf={k: float(v) for k, v in m.get("chrf", {}).items()},
                      verified={k[:-len("_verified")]: bool(v) for k, v in m.items()
                                if k.endswith("_verified")})
                     for m in raw["models"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelError(_("the model catalog {path} is damaged: {reason}").format(
            path=isolate(str(path)), reason=exc)) from exc


def get(entry_id: str) -> Entry:
    for entry in load():
        if entry.id == entry_id:
            return entry
    raise ModelError(_("no catalog entry {id}; see: tarjuman models catalog").format(
        id=isolate(entry_id)))


def quality(catalog_id: str, engine: str, target: str) -> float:
    """The published figure for a model: its own entry's, else the lowest of its engine's
    entries (a model of unknown size is not assumed to be the best), else 0."""
    entries = load()
    own = [e.quality(target) for e in entries if e.id == catalog_id]
    if own and own[0] is not None:
        return own[0]
    same = [q for e in entries if e.engine == engine and (q := e.quality(target)) is not None]
    return min(same) if same else 0.0
