"""What every local model back-end declares (the registry in ``registry.py`` lists them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core.mt import ct2engine
from desktop_app.core.mt.ct2engine import Ct2Engine, Decoding
from desktop_app.core.mt.engine import DecodeOptions, ModelInfo
from desktop_app.core.mt.hardware import Plan, plan
from desktop_app.core.settings import Settings


class Backend:
    """One kind of local model: listing, recognising, installing, removing, loading."""

    name = ""
    description = ""

    def installed(self) -> list[ModelInfo]:
        raise NotImplementedError

    def accepts(self, path: Path) -> bool:
        """Whether ``path`` (a file or folder) looks like a model of this kind."""
        raise NotImplementedError

    def install(self, path: Path, model_id: str | None = None,
                provenance: dict[str, Any] | None = None) -> ModelInfo:
        raise NotImplementedError

    def remove(self, model_id: str) -> ModelInfo:
        raise NotImplementedError

    def build(self, model: ModelInfo, plan: Plan) -> Ct2Engine:
        """Load the model (called once per process per model and plan)."""
        raise NotImplementedError

    def gpu_compute_type(self) -> str:
        return "int8_float16"

    def plan(self, settings: Settings) -> Plan:
        p = plan(settings.intra_threads, settings.inter_threads, settings.mt_device)
        if p.device == "cuda":
            return Plan(p.device, self.gpu_compute_type(), p.intra_threads, p.inter_threads)
        return p

    def engine(self, model: ModelInfo, settings: Settings) -> Decoding:
        """The shared loaded model, seen with this caller's decoding options."""
        p = self.plan(settings)
        shared = ct2engine.shared(self.name, model, p, lambda: self.build(model, p))
        return Decoding(shared, DecodeOptions(settings.beam_size, settings.n_best,
                                              settings.max_batch_size, settings.batch_type))
