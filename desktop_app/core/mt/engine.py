"""What every MT engine offers, and what it returns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from desktop_app.core.errors import TarjumanError

ProgressFn = Callable[[int, int], None]  # (done, total)
CancelFn = Callable[[], bool]  # True when the user asked to stop


class Cancelled(TarjumanError):
    """The user cancelled a translation job; work done before is kept."""


@dataclass(slots=True)
class Translation:
    source: str
    text: str
    alternatives: list[str] = field(default_factory=list)  # n-best after the first
    engine: str = ""
    model_id: str = ""
    note: str = ""  # e.g. "Persian model: review for Dari usage"
    cached: bool = False
    enforced: list[str] = field(default_factory=list)  # glossary terms put in by enforcement
    flags: list[str] = field(default_factory=list)  # e.g. GLOSSARY_LOST
    # how sure the model is: its mean log-probability per target token (CTranslate2), from
    # -inf to 0; None where the engine does not say (a remote server, an old cache entry)
    confidence: float | None = None

    @property
    def origin(self) -> str:
        return f"{self.engine}:{self.model_id}"


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """One installed model, as listed by ``tarjuman models list``."""

    id: str
    engine: str
    version: str
    pairs: tuple[tuple[str, str], ...]  # canonical language codes
    path: str
    size_bytes: int
    license_note: str = ""
    catalog_id: str = ""  # the catalog entry it was downloaded from, if any

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "engine": self.engine,
            "version": self.version,
            "pairs": [list(p) for p in self.pairs],
            "path": self.path,
            "size_bytes": self.size_bytes,
            "license_note": self.license_note,
            "catalog_id": self.catalog_id,
        }


@dataclass(frozen=True, slots=True)
class DecodeOptions:
    beam_size: int = 4
    n_best: int = 1
    max_batch_size: int = 32
    batch_type: str = "examples"

    def key(self) -> str:
        return f"beam={self.beam_size};n={self.n_best}"


class Engine(Protocol):
    name: str
    model_id: str
    model_version: str
    note: str

    def length(self, text: str) -> int:
        """How long ``text`` is for this engine (tokens), to batch similar lengths."""
        ...

    def translate(
        self,
        segments: Sequence[str],
        source: str,
        target: str,
        *,
        n_best: int = 1,
        on_progress: ProgressFn | None = None,
        cancel: CancelFn | None = None,
    ) -> list[Translation]: ...


def dir_size(path: str) -> int:
    from pathlib import Path

    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())
