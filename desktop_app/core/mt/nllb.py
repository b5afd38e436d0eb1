"""NLLB-200 models converted to CTranslate2, installed from a folder or a zip of one.

The weights of NLLB-200 are CC-BY-NC-4.0: Tarjuman never bundles them; the user
supplies or downloads a converted model. Source tokens carry the source language token and
``</s>``; decoding starts from the target language token (``prs_Arab`` Dari, ``pbt_Arab``
Pashto, ``pes_Arab`` Persian), which is dropped from the output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.core import languages
from desktop_app.core.i18n import N_, _
from desktop_app.core.mt.engine import ModelInfo
from desktop_app.core.mt.folder_models import FolderBackend, SpEngine
from desktop_app.core.mt.manifest import NAME as MANIFEST  # noqa: F401  (kept for callers)

LICENSE_NOTE = N_("NLLB-200 weights are CC-BY-NC-4.0 (non-commercial use only)")


class NllbEngine(SpEngine):
    name = "nllb"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.note = _(LICENSE_NOTE)

    def encode(self, text: str, source: str, target: str) -> list[str]:
        head = [languages.get(source).nllb_code] if source else []
        return [*head, *self.pieces(text), "</s>"]

    def target_prefix(self, source: str, target: str) -> list[str]:
        return [languages.get(target).nllb_code]


class NllbBackend(FolderBackend):
    name = "nllb"
    folder = "nllb"
    title = "NLLB-200"
    description = N_("NLLB-200 CTranslate2 model folder or .zip")
    license_note = LICENSE_NOTE
    engine_class = NllbEngine

    def language_tokens(self) -> dict[str, str]:
        return {lang.code: lang.nllb_code for lang in languages.LANGUAGES}


BACKEND = NllbBackend()


def install(path: Path, model_id: str | None = None) -> ModelInfo:
    return BACKEND.install(path, model_id)


def installed() -> list[ModelInfo]:
    return BACKEND.installed()


def remove(model_id: str) -> ModelInfo:
    return BACKEND.remove(model_id)
